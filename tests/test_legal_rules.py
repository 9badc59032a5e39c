"""Full-time figures, offer-only criteria, current definitions and the insertion-market review rules."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli.commands import main
from generator.formatting import dixiemes, etp
from generator.review.run import check_spec
from tests.legal_specs import BEFORE, codes, documents, lot, spec, write

RC, CCAP, NOTE = "RC-clause-insertion.docx", "CCAP-clause-insertion.docx", "note-revue.docx"
DEFINITION = (
    "Les heures sont exprimées de deux façons : en équivalents temps plein annuels (ETP), une année à temps plein "
    "comptant 1 826 heures, et en postes à temps plein en moyenne pendant l'exécution, soit les heures divisées par "
    "(1 826 heures × durée en mois ÷ 12)."
)


# --- ETP: full-time years and average full-time posts --------------------------------


def test_one_decimal_and_never_a_misleading_zero():
    assert etp(59 / 1826) == "moins de 0,1\u00a0ETP"
    assert etp(0) == "0\u00a0ETP"
    assert etp(0.05) == "0,1\u00a0ETP"
    assert dixiemes(1170 / (1826 * 4 / 12)) == "1,9"


def short_and_tiny() -> dict:
    return spec([
        lot("clause_execution", "travaux", 500_000, 1, heures=1170, duree_mois=4, intitule="Peinture"),
        lot("clause_execution", "travaux", 400_000, 2, heures=59, duree_mois=36, intitule="Signalétique"),
        lot("clause_execution", "travaux", 300_000, 3, heures=200, duree_mois=None, intitule="Serrurerie"),
    ])


def test_documents_print_both_full_time_figures(tmp_path):
    texts = documents(write(tmp_path, short_and_tiny()))
    for name in (RC, CCAP, NOTE):
        assert DEFINITION in texts[name], name
    rc = texts[RC].splitlines()
    assert "1 | Peinture | Clause d'insertion, condition d'exécution | 1 170 heures | 0,6 ETP | 1,9" in rc
    assert "2 | Signalétique | Clause d'insertion, condition d'exécution | 59 heures | moins de 0,1 ETP | moins de 0,1" in rc
    assert "3 | Serrurerie | Clause d'insertion, condition d'exécution | 200 heures | 0,1 ETP | —" in rc
    assert "Total |  |  | 1 429 heures | 0,8 ETP | —" in rc
    ccap = texts[CCAP].splitlines()
    assert "1 | Peinture | 1 170 heures | 0,6 ETP | 1,9" in ccap
    assert "2 | Signalétique | 59 heures | moins de 0,1 ETP | moins de 0,1" in ccap
    assert "1 | Peinture | Clause d'insertion, condition d'exécution | 1 170 heures | 0,6 ETP | 1,9" in texts[NOTE].splitlines()
    assert "| 0 ETP" not in texts[RC] + texts[CCAP] + texts[NOTE]


def test_a_total_of_average_posts_when_every_lot_has_the_same_duration(tmp_path):
    lots = [lot("clause_execution", "travaux", 1_000_000, 1, heures=913), lot("clause_execution", "travaux", 1_000_000, 2, heures=913)]
    rc = documents(write(tmp_path, spec(lots)))[RC].splitlines()
    assert "Total |  |  | 1 826 heures | 1 ETP | 1" in rc


def test_heures_prints_both_figures_and_the_definition(tmp_path):
    result = CliRunner().invoke(main, ["heures", str(write(tmp_path, short_and_tiny()))])
    assert result.exit_code == 0
    lines = [" ".join(line.replace("\u202f", " ").replace("\u00a0", " ").split()) for line in result.stdout.splitlines()]
    assert lines[3] == "Lot Intitulé Dispositif Heures ETP annuels Postes à temps plein"
    assert "Lot 1 Peinture Condition d'exécution 1 170 heures 0,6 ETP 1,9" in lines
    assert "Lot 2 Signalétique Condition d'exécution 59 heures moins de 0,1 ETP moins de 0,1" in lines
    assert "Lot 3 Serrurerie Condition d'exécution 200 heures 0,1 ETP —" in lines
    assert DEFINITION in lines


def test_the_insertion_market_cctp_states_both_figures(tmp_path):
    texts = documents(write(tmp_path, spec([lot("marche_insertion", "services", 200_000, duree_mois=24)])), ("CCTP-marche-insertion.docx",))
    assert (
        "Le titulaire accueille 4 salariés en insertion et leur assure au total 4 000 heures de travail sur une durée "
        "de 24 mois, soit environ 1 000 heures par poste, 2,2 ETP annuels et 1,1 postes à temps plein en moyenne sur la "
        f"durée du marché. {DEFINITION}"
    ) in texts["CCTP-marche-insertion.docx"]


# --- offer criteria and definitions ---------------------------------------------------


def test_the_exit_sub_criterion_judges_the_offer_not_the_firm(tmp_path):
    market = lot("marche_insertion", "services", 200_000, critere={"ponderation": 60})
    rc = documents(write(tmp_path, spec([market], procedure="procedure_adaptee")))[RC]
    assert "résultats obtenus" not in rc
    assert (
        "Sorties vers l'emploi | méthode et engagements de sortie vers l'emploi pour ce marché (préparation des sorties, "
        "démarche de placement, employeurs et partenaires mobilisés, objectifs de sorties proposés et suivi) | 20 %"
    ) in rc.splitlines()


def test_publics_are_defined_by_current_and_objective_criteria(tmp_path):
    ccap = documents(write(tmp_path, spec([lot("clause_execution", "travaux", 1_000_000)])))[CCAP]
    assert "les allocataires du revenu de solidarité active (RSA) ;" in ccap.splitlines()
    assert "contrat d'insertion" not in ccap
    assert (
        "les jeunes de moins de 26 ans sans diplôme ou dont le diplôme le plus élevé ne dépasse pas le CAP ou le BEP "
        "(niveau 3 du cadre national des certifications professionnelles) ;"
    ) in ccap.splitlines()
    assert "niveau de qualification est faible" not in ccap


# --- CS107: an insertion market in a consultation run under another procedure ---------


def findings(path, code):
    return [(f.lot, plain(f.message), f.action) for f in check_spec(path) if f.code == code]


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_cs107_insertion_lot_in_an_open_call_for_tenders(tmp_path):
    lots = [lot("clause_execution", "travaux", 1_000_000, 1), lot("marche_insertion", "services", 200_000, 2)]
    assert findings(write(tmp_path, spec(lots, procedure="appel_offres_ouvert")), "CS107") == [(
        "Lot 2",
        "Ce marché d'insertion relève de la procédure adaptée (article R. 2123-1 (3°) du code de la commande publique), "
        "mais la consultation est lancée en appel d'offres ouvert.",
        "Précisez dans le règlement de la consultation la procédure que suit ce lot, ou consultez-le séparément en "
        "procédure adaptée.",
    )]


def test_cs107_not_raised_in_an_adapted_procedure_nor_without_insertion_market(tmp_path):
    insertion = [lot("marche_insertion", "services", 200_000)]
    assert "CS107" not in codes(write(tmp_path / "a", spec(insertion, procedure="procedure_adaptee")))
    clause = [lot("clause_execution", "travaux", 1_000_000)]
    assert "CS107" not in codes(write(tmp_path / "b", spec(clause, procedure="dialogue_competitif")))


# --- CS206: under 20 hours a week per insertion post ----------------------------------


def insertion_market(postes: int, months: int, **insertion: object) -> dict:
    market = lot("marche_insertion", "services", 200_000, duree_mois=months)
    market["insertion"] = market["insertion"] | {"postes": postes, "heures": 12000} | insertion
    return spec([market], procedure="procedure_adaptee")


def test_cs206_weekly_hours_derived_from_hours_posts_and_duration(tmp_path):
    assert findings(write(tmp_path, insertion_market(10, 24)), "CS206") == [(
        "Marché",
        "11,5 heures par semaine et par poste (soit 12 000 heures pour 10 postes sur 24 mois), moins que les 20 heures "
        "hebdomadaires d'un contrat à durée déterminée d'insertion en atelier et chantier d'insertion (article "
        "L. 5132-15-1 du code du travail, référence à vérifier).",
        "Augmentez les heures achetées ou réduisez le nombre de postes, ou indiquez insertion.heures_hebdomadaires si "
        "les postes ne sont pas tous occupés en même temps.",
    )]


def test_cs206_weekly_hours_stated_by_the_spec(tmp_path):
    [(_, message, _)] = findings(write(tmp_path, insertion_market(5, 24, heures_hebdomadaires=18)), "CS206")
    assert message.startswith("18 heures par semaine et par poste (fixées par la spécification), moins que les 20 heures")


def test_cs206_not_raised_from_20_hours_a_week(tmp_path):
    # 12 000 h ÷ 5 posts over 24 months: 23,1 h a week.
    assert "CS206" not in codes(write(tmp_path / "a", insertion_market(5, 24)))
    assert "CS206" not in codes(write(tmp_path / "b", insertion_market(10, 24, heures_hebdomadaires=20)))


# --- CS101: the mandatory social condition follows the per-nature test ------------------


def test_cs101_only_for_a_lot_whose_nature_reaches_its_threshold(tmp_path):
    lots = [
        lot("clause_execution", "services", 300_000, 1),
        lot("aucun", "travaux", 100_000, 2),
        lot("aucun", "fournitures", 50_000, 3),
        lot("marche_insertion", "services", 900_000, 4),
    ]
    hits = findings(write(tmp_path, spec(lots, procedure="procedure_adaptee")), "CS101")
    assert [(where, message) for where, message, _ in hits] == [(
        "Lot 3",
        "La consultation est lancée le 22 août 2026 et le montant estimé de ses fournitures et services (350 000 € HT, "
        "lots de même nature additionnés) atteint le seuil européen de 216 000 € HT : une condition d'exécution à "
        "caractère social est obligatoire (article L. 2112-2-1 du code de la commande publique), et ce lot n'en "
        "comporte pas.",
    )]


def test_cs101_not_raised_the_day_before(tmp_path):
    lots = [lot("clause_execution", "services", 300_000, 1), lot("aucun", "fournitures", 50_000, 2)]
    assert "CS101" not in codes(write(tmp_path, spec(lots, on=BEFORE)))
