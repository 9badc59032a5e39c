"""Clause content over mechanisms × allotted or not: the sentences each regime must say, and those it must never say.

An insertion market has its own CCAP articles (never the execution clause's ways to comply or
penalty per hour); an execution clause is enforceable (counting per way, flow-down, pro rata,
action plan, mid-term review, evidence); penalties relate to the CCAG 2021; personal data follow
one rule; a scored offer's piece binds and has one name; a non-allotted contract never says "lot".
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from generator.award.report import score_offers
from generator.publish import generate
from tests.conftest import DELETE, FULL_EXAMPLE, SERVICES_EXAMPLE, docx_text, edited, spec_data
from tests.test_scoring import filled_example

RC, CCAP, CCTP, GRID = "RC-clause-insertion.docx", "CCAP-clause-insertion.docx", "CCTP-marche-insertion.docx", "grille-analyse-insertion.docx"
MECHANISMS = ["clause_execution", "clause_et_critere", "marche_insertion"]
INSERTION = {
    "activite_support": "Entretien des haies et des talus",
    "postes": 4,
    "heures": 4000,
    "encadrement": "un encadrant technique à temps plein",
}

# What an execution clause's CCAP says (counting per way of complying, flow-down, pro rata, plan, review, evidence).
COUNTING = [
    "embauche directe de personnes éligibles (contrat à durée déterminée, contrat à durée indéterminée, contrat de "
    "professionnalisation ou contrat d'apprentissage) : les heures de travail rémunérées de la personne affectée à "
    "l'exécution du marché, telles qu'elles figurent sur ses bulletins de paie ;",
    "mise à disposition de salariés par une entreprise de travail temporaire d'insertion (ETTI), une association "
    "intermédiaire (AI) ou un groupement d'employeurs pour l'insertion et la qualification (GEIQ) : les heures facturées "
    "au titulaire par la structure pour les personnes mises à disposition ;",
    "sous-traitance ou cotraitance d'une partie des prestations avec une structure d'insertion par l'activité économique "
    "(SIAE), une entreprise adaptée (EA) ou un établissement et service d'aide par le travail (ESAT) : le montant hors "
    "taxes des prestations confiées à la structure, multiplié par la part de main-d'œuvre indiquée ci-dessous et divisé "
    "par le coût horaire de 30 €, valeurs retenues pour le calcul du volume d'heures ;",
    "actions de formation au bénéfice de personnes éligibles, engagées avec l'accord préalable du facilitateur : les "
    "heures de formation effectivement suivies.",
]
ENFORCEMENT = [
    "Le titulaire fait figurer la présente condition d'exécution dans les contrats de sous-traitance, à proportion des "
    "prestations sous-traitées.",
    "Lorsque le titulaire est un groupement d'opérateurs économiques, l'obligation s'impose à chacun de ses membres, selon "
    "la répartition des heures qu'ils communiquent au facilitateur avant le démarrage des prestations. Le mandataire "
    "transmet pour l'ensemble du groupement les fiches de suivi et les justificatifs ; il répond de la réalisation du "
    "volume d'heures.",
    "Lorsque le montant du marché est modifié en cours d'exécution, le volume d'heures d'insertion est ajusté dans la même "
    "proportion. Lorsque le marché prend fin avant son terme, quel qu'en soit le motif, le volume exigé est réduit à "
    "proportion du montant des prestations exécutées par rapport au montant initial.",
    "Dans le mois qui suit la notification du marché, le titulaire remet au facilitateur un plan d'action indiquant les "
    "postes proposés, le calendrier prévisionnel des recrutements et les modalités de réalisation envisagées.",
    "À la moitié de la durée d'exécution, le facilitateur établit avec le titulaire un bilan intermédiaire des heures réalisées.",
    "Les heures d'insertion ne peuvent résulter du remplacement de salariés permanents du titulaire ou de ses "
    "sous-traitants, ni d'un licenciement opéré pour libérer un poste : elles s'ajoutent aux emplois existants.",
    "le titulaire produit les justificatifs des heures réalisées : déclarations préalables à l'embauche (DPAE), contrats de "
    "travail ou de mise à disposition, bulletins de paie ou factures des structures de mise à disposition, attestations "
    "des structures d'insertion",
]
# What an insertion market's CCAP says instead.
INSERTION_MARKET = [
    "Le titulaire pourvoit les postes d'insertion par des personnes éligibles à l'insertion par l'activité économique selon "
    "les règles qui la régissent : diagnostic d'un prescripteur habilité, notamment France Travail, une Mission locale ou "
    "Cap emploi, ou contrôle d'éligibilité effectué par la structure elle-même lorsque ces règles le lui permettent, "
    "l'éligibilité étant enregistrée sur la plateforme nationale de l'inclusion.",
    "Le titulaire assure pendant toute l'exécution l'encadrement technique des salariés sur le lieu de l'activité, leur "
    "accompagnement socioprofessionnel individualisé et les actions de formation décrites au cahier des clauses techniques "
    "particulières.",
    "Lorsque des postes restent vacants ou que des heures de parcours prévues ne sont pas assurées du fait du titulaire, le "
    "prix est réduit à proportion des heures non assurées : cette réduction du prix n'est pas une pénalité, elle correspond "
    "à la part de la prestation qui n'a pas été rendue.",
    "Ces objectifs engagent le titulaire sur les moyens qu'il met en œuvre pour préparer les sorties ;",
]
# The execution clause's modalities, which an insertion market's CCAP never contains.
EXECUTION_ONLY = [
    "Condition d'exécution à caractère social", "ETTI", "entreprise de travail temporaire", "sous-traitance", "cotraitance",
    "heure non réalisée", "heures non réalisées", "heure manquante", "par le facilitateur avant leur prise de poste",
    "validée par le facilitateur",
]
PERSONAL_DATA = [
    "L'acheteur ne reçoit que des données agrégées (heures, nombre de personnes, répartition par public et par situation de "
    "sortie). Il ne prend connaissance des pièces individuelles que lors d'un contrôle de la réalisation qu'il notifie au "
    "titulaire en en précisant l'objet, et sans en conserver de copie au-delà de ce contrôle.",
    "La reconnaissance de la qualité de travailleur handicapé est une donnée de santé : seul le document qui l'atteste, sans "
    "aucune pièce médicale, est présenté au facilitateur, qui n'en conserve que la mention de l'éligibilité.",
    "Le facilitateur conserve les données individuelles pendant 5 ans au plus après la fin du marché, puis les supprime ; "
    "seules des données agrégées sont conservées au-delà.",
    "Le titulaire, employeur, est responsable du traitement des données de ses salariés ; le facilitateur (Maison de "
    "l'emploi) est responsable du traitement des données de suivi qu'il reçoit.",
]


def spec_for(mechanism: str, allotted: bool, changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """The minimal spec with one lot of ``mechanism``, numbered when ``allotted``, then ``changes`` applied."""
    lot: dict[str, Any] = {"dispositif": mechanism}
    if mechanism == "clause_et_critere":
        lot["critere"] = {"ponderation": 10}
    if mechanism == "marche_insertion":
        lot.update(nature="services", insertion=dict(INSERTION), part_main_oeuvre=DELETE)
    if not allotted:
        lot["numero"] = DELETE
    edits = {f"lots.0.{key}": value for key, value in lot.items()}
    return spec_data(edited({**edits, **(changes or {})}))


def documents(data: dict[str, Any], write_spec, folder: Path) -> dict[str, str]:
    """The text of every .docx generated from ``data``, by file name."""
    paths = generate(write_spec(edited({}, data), f"{folder.name}.yaml"), folder)
    return {path.name: docx_text(path) for path in paths if path.suffix == ".docx"}


@pytest.mark.parametrize("allotted", [True, False], ids=["alloti", "non-alloti"])
@pytest.mark.parametrize("mechanism", MECHANISMS)
def test_each_regime_says_its_own_sentences_and_never_the_others(mechanism, allotted, write_spec, tmp_path):
    ccap = documents(spec_for(mechanism, allotted, {"parametres": {"penalite_par_heure": 40}}), write_spec, tmp_path)[CCAP]
    execution = mechanism != "marche_insertion"
    for sentence in [*COUNTING, *ENFORCEMENT]:
        assert (sentence in ccap) is execution, sentence
    for sentence in INSERTION_MARKET:
        assert (sentence in ccap) is not execution, sentence
    if not execution:
        assert [words for words in EXECUTION_ONLY if words in ccap] == []
    for sentence in PERSONAL_DATA:
        assert sentence in ccap


@pytest.mark.parametrize("mechanism", [*MECHANISMS, "marche_reserve"])
def test_a_non_allotted_contract_never_says_lot(mechanism, write_spec, tmp_path):
    changes = {"lots.0.reserve_a": "siae", "lots.0.part_main_oeuvre": DELETE} if mechanism == "marche_reserve" else {}
    data = spec_for(mechanism, False, {"parametres": {"penalite_par_heure": 40, "penalite_fiche_mensuelle": 80}, **changes})
    texts = documents(data, write_spec, tmp_path)
    for name in (RC, CCAP, CCTP, GRID):
        if name in texts:
            assert re.findall(r"[^\n]{0,40}\blots?\b[^\n]{0,40}", texts[name], re.IGNORECASE) == [], name


def test_subcontracted_hours_count_for_the_lot_or_the_market(write_spec, tmp_path):
    allotted = documents(spec_for("clause_execution", True), write_spec, tmp_path / "a")[CCAP]
    single = documents(spec_for("clause_execution", False), write_spec, tmp_path / "b")[CCAP]
    assert "Les heures réalisées par un sous-traitant sont comptées au titre du lot dont il exécute une partie" in allotted
    assert "Part de main-d'œuvre retenue pour le lot 1 : 50 %." in allotted
    assert "Les heures réalisées par un sous-traitant sont comptées au titre du marché dont il exécute une partie" in single
    assert "Part de main-d'œuvre retenue pour le marché : 50 %." in single


def test_explicit_hours_without_a_share_leave_the_share_to_the_structure(write_spec, tmp_path):
    data = spec_for("clause_execution", True, {"lots.0.part_main_oeuvre": DELETE, "lots.0.heures": 900})
    ccap = documents(data, write_spec, tmp_path)[CCAP]
    assert ("Aucune part de main-d'œuvre n'a servi au calcul du volume d'heures du lot 1 : la part retenue pour une "
            "sous-traitance ou une cotraitance est celle qu'atteste la structure, acceptée par le facilitateur.") in ccap


@pytest.mark.parametrize("mechanism", MECHANISMS)
def test_the_offer_is_accepted_by_submitting_it_never_by_signing(mechanism, write_spec, tmp_path):
    texts = documents(spec_for(mechanism, True), write_spec, tmp_path)
    assert [name for name, text in texts.items() if "acte d'engagement" in text] == []
    expected = {
        "clause_execution": "Lot 1 : aucune pièce particulière n'est demandée ; la remise d'une offre vaut acceptation de la condition d'exécution.",
        "clause_et_critere": "un sous-critère auquel elle ne répond pas reçoit la note 0. La remise d'une offre vaut acceptation de la condition d'exécution.",
        "marche_insertion": "La remise d'une offre vaut acceptation des obligations d'insertion fixées par le cahier des clauses administratives particulières.",
    }[mechanism]
    assert expected in texts[RC]


def test_a_scored_note_binds_and_has_one_name_and_its_page_limit(write_spec, tmp_path):
    texts = documents(spec_for("clause_et_critere", True, {"lots.0.critere.pages_max": 6}), write_spec, tmp_path)
    assert ("Le candidat présente sa réponse dans une note méthodologique insertion de 6 pages au plus (format A4, annexes "
            "comprises) ; les pages au-delà de cette limite ne sont pas lues. Cette pièce devient contractuelle pour le "
            "candidat retenu : les engagements qu'elle contient s'imposent à lui pendant l'exécution.") in texts[RC]
    assert "Lot 1 : une note méthodologique insertion de 6 pages au plus répondant à chacun des sous-critères" in texts[RC]
    assert ("La pièce « note méthodologique insertion » remise par le titulaire avec son offre est une pièce contractuelle "
            "du marché ; elle prend rang après le présent cahier des clauses administratives particulières, qui prévaut en "
            "cas de contradiction.") in texts[CCAP]
    assert ("À reporter dans l'article du cahier des clauses administratives particulières qui énumère les pièces "
            "contractuelles : pour chaque lot noté sur l'insertion, la pièce « note méthodologique insertion » du titulaire.") in texts[CCAP]
    assert "Pièce analysée : note méthodologique insertion (6 pages au plus)." in texts[GRID]


def test_an_unscored_clause_has_no_contractual_note_and_no_page_limit(write_spec, tmp_path):
    texts = documents(spec_for("clause_execution", True), write_spec, tmp_path)
    assert "pièce contractuelle" not in texts[CCAP]
    assert "pages au plus" not in texts[RC]


def test_an_insertion_market_s_memoire_binds_under_the_same_name(write_spec, tmp_path):
    data = spec_for("marche_insertion", False, {"lots.0.critere": {"ponderation": 60, "pages_max": 12}})
    texts = documents(data, write_spec, tmp_path)
    name = "mémoire technique présentant le projet d'insertion"
    assert f"Le candidat présente sa réponse dans un {name} de 12 pages au plus" in texts[RC]
    assert f"Marché : un {name} de 12 pages au plus qui décrit le recrutement" in texts[RC]
    assert f"La pièce « {name} » remise par le titulaire avec son offre est une pièce contractuelle du marché" in texts[CCAP]
    assert f"Pièce analysée : {name} (12 pages au plus)." in texts[GRID]


WORKS_DEROGATION = (
    "Pour le lot 1, qui se réfère au cahier des clauses administratives générales applicable aux marchés publics de "
    "travaux (CCAG Travaux), ces pénalités sont appliquées selon la procédure contradictoire de l'article 19.2.4 de ce "
    "CCAG. Par dérogation à l'article 19.2.2 du CCAG Travaux, elles ne sont pas prises en compte dans le plafond de 10 % "
    "du montant hors taxes du marché ; par dérogation à la stipulation du CCAG Travaux qui dispense le titulaire des "
    "pénalités dont le montant total n'excède pas 1 000 € HT, elles sont dues dès le premier euro."
)
OBSERVATIONS = (
    "Avant l'application de toute pénalité prévue aux articles qui précèdent, l'acheteur notifie au titulaire le "
    "manquement constaté et le montant envisagé ; le titulaire dispose de 15 jours à compter de cette notification pour "
    "présenter ses observations."
)


def test_penalties_derogate_from_the_ccag_of_the_nature_and_hear_the_holder_first(write_spec, tmp_path):
    data = spec_for("clause_execution", True, {"parametres": {"penalite_par_heure": 50, "penalite_fiche_mensuelle": 100}})
    ccap = documents(data, write_spec, tmp_path)[CCAP]
    assert "le titulaire encourt une pénalité de 50 € HT par heure manquante." in ccap
    assert OBSERVATIONS in ccap and WORKS_DEROGATION in ccap
    assert ("CCAG Travaux, article 19.2.2 (plafond des pénalités) et stipulation d'exonération des pénalités n'excédant "
            "pas 1 000 € HT : dérogations prévues pour les pénalités d'insertion.") in ccap
    assert ("Le défaut de transmission d'une fiche mensuelle de suivi, 8 jours après une relance écrite restée sans effet, "
            "donne lieu à une pénalité de 100 € HT par fiche manquante.") in ccap
    assert ("Une fiche manquante n'est pas assimilée à des heures non réalisées : les heures du mois sont prises en compte "
            "dès que la fiche et les justificatifs sont produits.") in ccap


def test_services_refer_to_the_ccag_fcs(write_spec, tmp_path):
    data = spec_for("clause_execution", False, {"lots.0.nature": "services", "parametres": {"penalite_par_heure": 50}})
    ccap = documents(data, write_spec, tmp_path)[CCAP]
    assert ("Pour le marché, qui se réfère au cahier des clauses administratives générales applicable aux marchés publics "
            "de fournitures courantes et de services (CCAG FCS), ces pénalités sont appliquées selon la procédure "
            "contradictoire de l'article 14.1.1 de ce CCAG. Par dérogation à l'article 14.1.2 du CCAG FCS,") in ccap
    assert "19.2.2" not in ccap


def test_without_a_penalty_a_shortfall_still_has_a_consequence(write_spec, tmp_path):
    ccap = documents(spec_for("clause_execution", True), write_spec, tmp_path)[CCAP]
    assert ("Les documents du marché ne fixent pas de pénalité par heure manquante. Un volume d'heures non réalisé n'en "
            "constitue pas moins un manquement : il est consigné dans l'attestation du facilitateur, le titulaire est mis en "
            "demeure de présenter et d'exécuter un plan de rattrapage et, à défaut, le manquement peut justifier la "
            "résiliation du marché pour faute du titulaire dans les conditions du cahier des clauses administratives "
            "générales auquel le marché se réfère.") in ccap
    assert ("Le défaut de transmission d'une fiche mensuelle de suivi, 8 jours après une relance écrite restée sans effet, "
            "donne lieu à une mise en demeure.") in ccap
    assert "pénalité de" not in ccap and "CCAG Travaux" not in ccap and OBSERVATIONS not in ccap


def test_before_the_ccag_2021_no_ccag_article_is_cited_but_the_holder_is_still_heard(write_spec, tmp_path):
    data = spec_for("clause_execution", True, {"parametres": {"penalite_par_heure": 50}, "consultation.date_lancement": dt.date(2020, 6, 1)})
    ccap = documents(data, write_spec, tmp_path)[CCAP]
    assert OBSERVATIONS in ccap
    assert "CCAG Travaux" not in ccap and "19.2.2" not in ccap


def test_an_insertion_market_s_commitments_carry_their_own_penalty(write_spec, tmp_path):
    changes = {"lots.0.insertion.penalite_manquement": 150, "parametres": {"penalite_par_heure": 40}}
    ccap = documents(spec_for("marche_insertion", False, changes), write_spec, tmp_path)[CCAP]
    assert ("Constitue un manquement à un engagement, sanctionné par une pénalité de 150 € HT par manquement constaté : "
            "l'absence d'encadrement technique pendant l'activité") in ccap
    assert "Pour le marché, qui se réfère au cahier des clauses administratives générales applicable aux marchés publics de fournitures courantes et de services (CCAG FCS)" in ccap
    assert "40 €" not in ccap


def test_the_cctp_describes_the_support_activity_and_how_exits_are_counted(write_spec, tmp_path):
    insertion = {"lots.0.insertion.heures_hebdomadaires": 26, "lots.0.insertion.frequence": "quatre jours par semaine",
                 "lots.0.insertion.moyens_acheteur": "un local de stockage", "lots.0.insertion.lieu": "parc du Grand Blottereau"}
    cctp = documents(spec_for("marche_insertion", True, insertion), write_spec, tmp_path)[CCTP]
    assert "Lieu d'exécution : parc du Grand Blottereau." in cctp
    assert "Fréquence et périodes d'intervention : quatre jours par semaine." in cctp
    assert ("Le titulaire fournit le matériel, l'outillage, les consommables et les équipements de protection individuelle "
            "adaptés à l'activité et à chaque salarié, ainsi que les vêtements de travail ; il en assure l'entretien et veille "
            "à leur port. L'acheteur met à sa disposition : un local de stockage.") in cctp
    assert "La durée hebdomadaire de travail de chaque poste est de 26 heures." in cctp
    assert ("Le taux de sorties dynamiques est le nombre de salariés sortis dans l'une de ces catégories divisé par le nombre "
            "de salariés sortis pendant l'exécution ; le taux d'emploi durable se calcule de la même manière.") in cctp
    assert "L'emploi durable est la première de ces catégories." in cctp
    assert "prestataire" not in cctp


def test_weekly_hours_derived_over_the_duration_or_left_to_the_offer(write_spec, tmp_path):
    derived = documents(spec_for("marche_insertion", True), write_spec, tmp_path / "a")[CCTP]
    assert "La durée hebdomadaire de travail de chaque poste est d'environ 19 heures (heures par poste réparties sur la durée du marché)" in derived
    unknown = documents(spec_for("marche_insertion", True, {"lots.0.duree_mois": DELETE}), write_spec, tmp_path / "b")[CCTP]
    assert "Le titulaire indique dans son offre la durée hebdomadaire de travail de chaque poste." in unknown


def test_the_grid_describes_each_level_of_each_sub_criterion(write_spec, tmp_path):
    grid = documents(spec_for("clause_et_critere", True), write_spec, tmp_path)[GRID]
    assert "Tutorat : ce que recouvre chaque note" in grid
    assert ("4 | Un tuteur nommé, formé ou expérimenté dans l'accompagnement, dispose d'un temps défini pour l'accueil et le "
            "suivi, avec des points réguliers avec la personne et le facilitateur.") in grid
    assert "Évaluateur | Fonction | Date | Signature" in grid
    custom = documents(spec_for("clause_et_critere", True, {"lots.0.critere.bareme": {0: "Rien", 1: "Peu", 2: "Bien"}}),
                       write_spec, tmp_path / "b")[GRID]
    assert "ce que recouvre chaque note" not in custom


def test_the_report_recalls_the_descriptors_and_has_evaluators_date_and_signature(tmp_path):
    text = docx_text(score_offers(FULL_EXAMPLE, filled_example(tmp_path), tmp_path / "out").report)
    assert "Parcours d'insertion : ce que recouvre chaque note" in text
    assert "Évaluateur | Fonction | Date | Signature" in text
    assert "Rapport arrêté le ……………………………… par le représentant de l'acheteur :" in text
    assert "pièce analysée : mémoire technique présentant le projet d'insertion" in text


def test_a_non_allotted_report_never_says_lot(tmp_path):
    marks = {"reference": "2027-NM-PROP-003", "lots": [{"candidats": [
        {"nom": "Sarl Dupont", "notes": {key: {"note": 3, "justification": "Constat précis."}
                                          for key in ("tutorat", "accompagnement_social", "qualification", "professionnalisation")}},
    ]}]}
    path = tmp_path / "notes.yaml"
    path.write_text(yaml.safe_dump(marks, allow_unicode=True), encoding="utf-8")
    text = docx_text(score_offers(SERVICES_EXAMPLE, path, tmp_path / "out").report)
    assert "Tutorat : ce que recouvre chaque note" in text
    assert re.findall(r"[^\n]{0,40}\blots?\b[^\n]{0,40}", text, re.IGNORECASE) == []


def test_the_workbook_describes_each_level_under_the_default_scale(write_spec, tmp_path):
    paths = generate(write_spec(edited({}, spec_for("clause_et_critere", True))), tmp_path)
    sheet = openpyxl.load_workbook(next(p for p in paths if p.suffix == ".xlsx"))["Lot 1"]
    rows = [tuple(cell for cell in row[:2]) for row in sheet.iter_rows(values_only=True)]
    assert ("Sous-critère", "Ce que montre la réponse du candidat, note par note") in rows
    assert ("Tutorat — 4", "Un tuteur nommé, formé ou expérimenté dans l'accompagnement, dispose d'un temps défini pour "
            "l'accueil et le suivi, avec des points réguliers avec la personne et le facilitateur.") in rows
