"""The legal references of the documents over a matrix of consultations.

Mechanism × buyer category × nature × period × allotted or not: each consultation is
generated and the text of its RC, CCAP and review note is searched for the articles and
sentences that must, or must not, be there, with the exact thresholds.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tests.legal_specs import BEFORE, FROM, LABELS, PURCHASE, THRESHOLDS, documents, euros, lot, spec, write

RC, CCAP, NOTE = "RC-clause-insertion.docx", "CCAP-clause-insertion.docx", "note-revue.docx"
CATEGORIES = ("etat", "collectivite", "entite_adjudicatrice")
NATURES = ("travaux", "services", "fournitures")
L2112_2 = "article L. 2112-2 du code de la commande publique"
BOTH = "articles L. 2112-2 et L. 2112-2-1 du code de la commande publique"
YES, NO, EARLY = "oui, le montant atteint le seuil", "non, le montant est inférieur au seuil", "non, consultation lancée avant le 22 août 2026"


# --- the threshold of each buyer and nature, at and one euro under ---------------------

# Every buyer category and spec nature, the day before and the day L. 2112-2-1 applies,
# with an amount exactly at the threshold or one euro under.
BUYER_NATURE_PERIOD_AMOUNT = pytest.mark.parametrize(
    ("categorie", "nature", "on", "under"),
    list(itertools.product(CATEGORIES, NATURES, (BEFORE, FROM), (False, True))),
)



def threshold_and_amount(categorie: str, nature: str, under: bool) -> tuple[int, int]:
    """The EU threshold of that buyer and nature, and an amount at it or one euro under."""
    threshold = THRESHOLDS[categorie, PURCHASE[nature]]
    return threshold, threshold - 1 if under else threshold


@BUYER_NATURE_PERIOD_AMOUNT
def test_l2112_2_1_only_from_22_august_2026_at_or_above_the_threshold(tmp_path, categorie, nature, on, under):
    threshold, amount = threshold_and_amount(categorie, nature, under)
    texts = documents(write(tmp_path, spec([lot("clause_execution", nature, amount)], categorie, on)))
    obliged = on == FROM and not under
    citation = BOTH if obliged else L2112_2
    assert f"Marché (clause d'insertion, condition d'exécution) : {citation}." in texts[RC]
    assert f"Cette condition d'exécution est prise en application des textes suivants : {citation}." in texts[CCAP]
    if not obliged:
        assert "L. 2112-2-1" not in texts[RC] + texts[CCAP]
    status = YES if obliged else (EARLY if on == BEFORE else NO)
    row = f"{LABELS[PURCHASE[nature]]} | {euros(amount)} HT | {euros(threshold)} HT | {status}"
    assert row in texts[NOTE].splitlines()


# --- every mechanism, buyer, period, allotted or not ------------------------------------

MECHANISMS = (
    ("clause_execution", None),
    ("clause_et_critere", None),
    ("marche_insertion", None),
    ("marche_reserve", "siae"),
    ("marche_reserve", "handicap"),
    ("marche_reserve", "siae_et_handicap"),
    ("aucun", None),
)
LABEL = {
    "clause_execution": "clause d'insertion, condition d'exécution",
    "clause_et_critere": "clause d'insertion, condition d'exécution et critère d'attribution",
    "marche_insertion": "marché d'insertion et de qualification professionnelle",
    "marche_reserve": "marché réservé",
}
RESERVED = {
    "siae": (
        "articles L. 2113-13 et R. 2113-7 du code de la commande publique",
        "réservé aux structures d'insertion par l'activité économique (SIAE) mentionnées à l'article L. 5132-4 du code "
        "du travail ainsi qu'aux structures équivalentes, qui emploient au moins 50 % de travailleurs défavorisés parmi "
        "leurs salariés",
    ),
    "handicap": (
        "articles L. 2113-12 et R. 2113-7 du code de la commande publique",
        "réservé aux entreprises adaptées (EA) et établissements et services d'aide par le travail (ESAT) ainsi qu'aux "
        "structures équivalentes, dont au moins 50 % des travailleurs sont des personnes handicapées, qu'il s'agisse de "
        "salariés ou, en ESAT, de travailleurs accueillis",
    ),
    "siae_et_handicap": (
        "articles L. 2113-12, L. 2113-13, L. 2113-14 et R. 2113-7 du code de la commande publique",
        "réservé aux structures d'insertion par l'activité économique (SIAE), entreprises adaptées (EA) et "
        "établissements et services d'aide par le travail (ESAT) ainsi qu'aux structures équivalentes, dont au moins "
        "50 % des travailleurs sont, selon la structure, des personnes défavorisées (salariés d'une SIAE) ou des "
        "personnes handicapées (salariés d'une EA ou travailleurs accueillis en ESAT)",
    ),
}
OTHER_STATE = "ou, pour une structure équivalente, notamment établie dans un autre État membre de l'Union européenne, tout document équivalent"
# The second lot of an allotted consultation: works well under the works threshold.
SMALL_WORKS = 1_000_000


def base_citation(mechanism: str, obliged: bool) -> str:
    if mechanism == "clause_et_critere":
        middle = "L. 2112-2, L. 2112-2-1, " if obliged else "L. 2112-2, "
        return f"articles {middle}L. 2152-7 et R. 2152-7 du code de la commande publique"
    if mechanism == "marche_insertion":
        return "article R. 2123-1 (3°) du code de la commande publique"
    return BOTH if obliged else L2112_2


@pytest.mark.parametrize(
    ("mechanism", "reserve_a", "categorie", "on", "allotted"),
    [(*m, c, d, a) for m, c, d, a in itertools.product(MECHANISMS, CATEGORIES, (BEFORE, FROM), (False, True))],
)
def test_each_mechanism_cites_its_own_articles(tmp_path, mechanism, reserve_a, categorie, on, allotted):
    nature = "services_sociaux" if mechanism == "marche_insertion" else "fournitures_services"
    amount = THRESHOLDS[categorie, nature]
    extra = {"reserve_a": reserve_a} if reserve_a else {}
    if mechanism == "aucun":
        extra["motif_sans_clause"] = "lien_objet_insuffisant"
    first = lot(mechanism, "services", amount, 1 if allotted else None, **extra)
    lots = [first, lot("clause_execution", "travaux", SMALL_WORKS, 2)] if allotted else [first]
    texts = documents(write(tmp_path, spec(lots, categorie, on)))
    rc, note = texts[RC], texts[NOTE]
    obliged = on == FROM  # the first lot is exactly at its threshold
    name = "Lot 1" if allotted else "Marché"

    if mechanism in LABEL and mechanism != "marche_reserve":
        assert f"{name} ({LABEL[mechanism]}) : {base_citation(mechanism, obliged)}." in rc.splitlines()
    if mechanism == "marche_reserve":
        citation, sentence = RESERVED[reserve_a]
        assert f"{name} ({LABEL[mechanism]}) : {citation}." in rc.splitlines()
        assert f"{sentence} (fondement : {citation})." in rc
        assert OTHER_STATE in rc
        assert "50 % des salariés sont des travailleurs handicapés" not in rc
        assert ("L. 2113-14" in rc) == (reserve_a == "siae_et_handicap")
    if mechanism in ("marche_insertion", "marche_reserve", "aucun"):
        # Neither an insertion market nor a reserved lot is an execution clause; lot 2 is never obliged.
        assert "L. 2112-2-1" not in rc + texts.get(CCAP, "")
    if allotted:
        assert f"Lot 2 (clause d'insertion, condition d'exécution) : {L2112_2}." in rc.splitlines()
        assert f"Travaux | {euros(SMALL_WORKS)} HT | {euros(5_404_000)} HT | {EARLY if on == BEFORE else NO}" in note
    if allotted or mechanism in ("clause_execution", "clause_et_critere"):
        expected = _ccap_citation(mechanism, obliged, allotted)
        assert f"Cette condition d'exécution est prise en application des textes suivants : {expected}." in texts[CCAP]
    status = YES if obliged else EARLY
    assert f"{LABELS[nature]} | {euros(amount)} HT | {euros(amount)} HT | {status}" in note
    if mechanism == "marche_insertion":
        assert f"{euros(THRESHOLDS[categorie, 'fournitures_services'])} HT" not in note


def _ccap_citation(mechanism: str, obliged: bool, allotted: bool) -> str:
    """The CCAP's citation of the execution condition: lot 1 may be obliged, lot 2 never is."""
    first_has_clause = mechanism in ("clause_execution", "clause_et_critere")
    if not (first_has_clause and obliged):
        return L2112_2
    if not allotted:
        return BOTH
    return f"{L2112_2} ; pour le lot 1, article L. 2112-2-1 du code de la commande publique (montant estimé au moins égal au seuil européen)"


# --- the value summed per nature ------------------------------------------------------


def test_lots_of_one_nature_are_summed_against_that_nature_s_threshold(tmp_path):
    lots = [
        lot("clause_execution", "services", 150_000, 1),
        lot("clause_execution", "fournitures", 100_000, 2),
        lot("clause_execution", "travaux", 3_950_000, 3),
        lot("marche_insertion", "services", 500_000, 4),
    ]
    texts = documents(write(tmp_path, spec(lots)))
    rc, note = texts[RC], texts[NOTE]
    assert f"Lot 1 (clause d'insertion, condition d'exécution) : {BOTH}." in rc
    assert f"Lot 2 (clause d'insertion, condition d'exécution) : {BOTH}." in rc
    assert f"Lot 3 (clause d'insertion, condition d'exécution) : {L2112_2}." in rc
    assert (
        "Cette condition d'exécution est prise en application des textes suivants : article L. 2112-2 du code de la "
        "commande publique ; pour les lots 1 et 2, article L. 2112-2-1 du code de la commande publique (montant estimé "
        "au moins égal au seuil européen)."
    ) in texts[CCAP]
    rows = [
        f"Travaux | 3 950 000 € HT | 5 404 000 € HT | {NO}",
        f"Fournitures et services | 250 000 € HT | 216 000 € HT | {YES}",
        f"Services sociaux et autres services spécifiques | 500 000 € HT | 750 000 € HT | {NO}",
    ]
    lines = note.splitlines()
    assert [lines.index(row) for row in rows] == sorted(lines.index(row) for row in rows)


def test_a_hospital_services_consultation_under_the_threshold_cites_l2112_2_alone(tmp_path):
    texts = documents(write(tmp_path, spec([lot("clause_execution", "services", 154_000)], "autre")))
    assert "L. 2112-2-1" not in texts[RC] + texts[CCAP]
    assert f"Fournitures et services | 154 000 € HT | 216 000 € HT | {NO}" in texts[NOTE]


def test_an_insertion_market_is_measured_against_the_social_services_threshold(tmp_path):
    note = documents(write(tmp_path, spec([lot("marche_insertion", "services", 240_000)])))[NOTE]
    assert f"Services sociaux et autres services spécifiques | 240 000 € HT | 750 000 € HT | {NO}" in note
    assert "216 000" not in note


def test_an_entite_adjudicatrice_insertion_market_under_one_million(tmp_path):
    note = documents(write(tmp_path, spec([lot("marche_insertion", "services", 750_000)], "entite_adjudicatrice")))[NOTE]
    assert f"Services sociaux et autres services spécifiques | 750 000 € HT | 1 000 000 € HT | {NO}" in note


def test_thresholds_of_the_earlier_period(tmp_path):
    texts = documents(write(tmp_path, spec([lot("clause_execution", "services", 221_000)], "collectivite", dt.date(2025, 6, 1))))
    assert f"Fournitures et services | 221 000 € HT | 221 000 € HT | {EARLY}" in texts[NOTE]
    assert "L. 2112-2-1" not in texts[RC] + texts[CCAP]


def test_unknown_threshold_is_shown_as_such(tmp_path):
    texts = documents(write(tmp_path, spec([lot("clause_execution", "travaux", 9_000_000)], "etat", dt.date(2028, 3, 1))))
    assert "Travaux | 9 000 000 € HT | inconnu | à vérifier, seuil européen inconnu à cette date" in texts[NOTE]
    assert "L. 2112-2-1" not in texts[RC] + texts[CCAP]


# --- CS101 in the review note: a lot without clause, by nature, buyer and period ------------


@BUYER_NATURE_PERIOD_AMOUNT
def test_the_review_note_flags_a_lot_without_clause_only_under_the_obligation(tmp_path, categorie, nature, on, under):
    threshold, amount = threshold_and_amount(categorie, nature, under)
    note = documents(write(tmp_path, spec([lot("aucun", nature, amount)], categorie, on)), (NOTE,))[NOTE]
    flagged = [line for line in note.splitlines() if line.startswith("CS101 | erreur | Marché | ")]
    if on == FROM and not under:
        assert flagged == [
            f"CS101 | erreur | Marché | La consultation est lancée le 22 août 2026 et le montant estimé de ses "
            f"{LABELS[PURCHASE[nature]].lower()} ({euros(amount)} HT) atteint le seuil "
            f"européen de {euros(threshold)} HT : une condition d'exécution à caractère social est obligatoire (article "
            "L. 2112-2-1 du code de la commande publique), et ce marché n'en comporte pas. | Ajoutez une clause d'insertion "
            "(clause_execution ou clause_et_critere) ou indiquez dans motif_sans_clause l'un des motifs admis : "
            "lien_objet_insuffisant, restriction_concurrence, difficulte_execution, solution_immediate."
        ]
    else:
        assert flagged == []
