"""Loading and validating specs: the exact French messages users read."""

from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.spec.load import load_spec
from tests.conftest import DELETE, FULL_EXAMPLE, INSERTION_EXAMPLE, MINIMAL_SPEC, SERVICES_EXAMPLE, Renamed, edited, spec_data, text_with

CRITERION = {"lots.0.dispositif": "art14_53", "lots.0.critere": {"ponderation": 10, "sous_criteres": {"tutorat": 30, "qualification": 30}}}


def problems(path: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{path} : spécification invalide"
    return [line.removeprefix("  - ") for line in lines[1:]]


@pytest.mark.parametrize("example", [FULL_EXAMPLE, SERVICES_EXAMPLE, INSERTION_EXAMPLE])
def test_examples_are_valid(example):
    assert load_spec(example).consultation.reference in example.name


def test_full_example_aliases_and_defaults():
    spec = load_spec(FULL_EXAMPLE)
    assert [lot.mecanisme for lot in spec.lots] == ["clause_execution", "clause_et_critere", "marche_insertion", "marche_reserve", "aucun"]
    assert spec.suivi.reunions_chantier == "trimestrielles"
    assert spec.allotie


@pytest.mark.parametrize(("alias", "mechanism"), [("art14", "clause_execution"), ("14+53", "clause_et_critere"), ("art14_53", "clause_et_critere")])
def test_legacy_names_are_accepted(write_spec, alias, mechanism):
    criterion = {"lots.0.critere": {"ponderation": 10}} if mechanism == "clause_et_critere" else {}
    text = edited({"lots.0.dispositif": alias, **criterion})
    assert load_spec(write_spec(text)).lots[0].mecanisme == mechanism


def test_single_lot_without_number_is_not_allotted(write_spec):
    spec = load_spec(write_spec(edited({"lots.0.numero": DELETE, "lots.0.intitule": DELETE})))
    assert not spec.allotie


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (text_with("  objet: Réfection de la voirie", "  objet: [Réfection"),
         "ligne 4, colonne 11 : syntaxe YAML incorrecte : crochet ouvrant [ sans crochet fermant ]"),
        (edited({"lots.0.montant_estime_ht": Renamed("montant_ht", 1000000)}),
         "ligne 16, champ lots[1].montant_ht : clé inconnue « montant_ht » ; vouliez-vous dire montant_estime_ht ?"),
        (edited({"lots.0.duree_mois": "douze"}),
         "ligne 18, champ lots[1].duree_mois : un nombre entier est attendu, pas « douze »"),
        (edited({"lots.0.montant_estime_ht": -1000000}),
         "ligne 16, champ lots[1].montant_estime_ht : doit être compris entre 0,01 et 100\u202f000\u202f000\u202f000, pas « -1000000 »"),
        (edited({"lots.0.part_main_oeuvre": Renamed("metier", "voirie_et_reseaux")}),
         "ligne 17, champ lots[1].metier : métier inconnu « voirie_et_reseaux » ; valeurs proches : terrassement_vrd (ou indiquez part_main_oeuvre)"),
        (edited(CRITERION),
         "ligne 22, champ lots[1].critere.sous_criteres : les pondérations des sous-critères totalisent 60 au lieu de 100"),
        (edited({"consultation.reference": "../../x"}),
         "ligne 2, champ consultation.reference : « ../../x » n'est pas accepté : seuls les lettres sans accent, les chiffres et . _ - sont permis"),
        (edited({"consultation.reference": ".."}),
         "ligne 2, champ consultation.reference : la référence ne peut pas commencer par un point ; elle nomme le dossier produit"),
        (edited({"lots.0.part_main_oeuvre": 1.5}),
         "ligne 17, champ lots[1].part_main_oeuvre : un taux s'écrit en fraction de 1 : pour 1,5 %, écrivez 0.015 ou « 1,5 % »"),
        (edited({"consultation.date_lancement": "15/12/26"}),
         "ligne 6, champ consultation.date_lancement : une date est attendue, pas « 15/12/26 » : écrivez l'année sur quatre chiffres"),
        (text_with("    nature: travaux", "    nature: travaux\n    nature: services"),
         "ligne 16 : la clé « nature » est écrite deux fois ; gardez-en une seule"),
        (edited({"lots.0.dispositif": "art30"}),
         "ligne 13, champ lots[1].insertion : un marché d'insertion doit décrire le bloc insertion (activite_support, postes, heures, encadrement)"),
        (edited({"lots.0.dispositif": "art15"}),
         "ligne 13, champ lots[1].reserve_a : un marché réservé doit indiquer reserve_a : siae, handicap ou siae_et_handicap"),
        (edited({"lots.0.dispositif": "article14"}),
         "ligne 19, champ lots[1].dispositif : valeur « article14 » inconnue ; valeurs acceptées : clause_execution, art14, "
         "clause_et_critere, art14_53, 14+53, marche_insertion, art30, marche_reserve, art15, aucun"),
        (edited({"consultation.objet": DELETE}),
         "ligne 1, champ consultation.objet : champ obligatoire manquant"),
        (edited({"lots.0.part_main_oeuvre": DELETE}),
         "ligne 13, champ lots[1] : indiquez metier, part_main_oeuvre ou heures pour dimensionner les heures d'insertion"),
    ],
)
def test_bad_input_gets_one_exact_french_message(write_spec, text, expected):
    assert problems(write_spec(text)) == [expected]


def test_empty_file(write_spec):
    assert problems(write_spec("")) == ["le fichier est vide : décrivez au moins la consultation et ses lots"]


def test_top_level_must_be_a_mapping(write_spec):
    assert problems(write_spec("- a\n- b\n")) == ["ligne 1 : le document doit être un ensemble de clés (consultation, lots…)"]


def test_python_tag_is_refused_and_never_executed(write_spec, tmp_path):
    witness = tmp_path / "executed"
    text = text_with("    intitule: Voirie", f"    intitule: !!python/object/apply:os.system ['touch {witness}']")
    assert problems(write_spec(text)) == [
        "ligne 14, colonne 15 : balise YAML interdite « !!python/object/apply:os.system » ; une spécification ne contient "
        "que des textes, des nombres, des dates, des listes et des blocs clé: valeur (rien n'a été exécuté)"
    ]
    assert not witness.exists()


def test_missing_file(tmp_path):
    assert problems(tmp_path / "absent.yaml") == ["fichier introuvable"]


def test_lot_numbers_are_unique_and_required_when_allotted(write_spec):
    lots = spec_data()["lots"]
    second = {"numero": 1, "intitule": "Bis", "nature": "services", "montant_estime_ht": 10, "dispositif": "aucun"}
    third = {"intitule": "Ter", "nature": "services", "montant_estime_ht": 10, "dispositif": "aucun"}
    assert problems(write_spec(edited({"lots": [*lots, second, third]}))) == [
        "ligne 20, champ lots[2].numero : le numéro de lot 1 est déjà utilisé",
        "ligne 25, champ lots[3] : numero manquant : chaque lot d'une consultation allotie porte un numéro",
    ]


def test_unknown_public_and_free_text_public(write_spec):
    text = MINIMAL_SPEC + "publics: [beneficiaires_rsa, jeunes, {autre: Personnes sortant de détention}]\n"
    assert problems(write_spec(text)) == [
        "ligne 20, champ publics[2] : public inconnu « jeunes » ; valeurs proches : jeunes_peu_qualifies, "
        "jeunes_mission_locale (ou « autre: texte libre »)"
    ]
    spec = load_spec(write_spec(edited({"publics.1": "jeunes_peu_qualifies"}, text)))
    assert spec.publics[2].autre == "Personnes sortant de détention"


def test_block_of_another_mechanism_is_refused(write_spec):
    text = edited({"lots.0.reserve_a": "siae"})
    assert problems(write_spec(text)) == [
        "ligne 20, champ lots[1].reserve_a : sans objet pour le dispositif « clause_execution » ; retirez ce champ ou changez de dispositif"
    ]


def test_unknown_sub_criterion_and_scale_with_a_gap(write_spec):
    text = edited({**CRITERION, "lots.0.critere.sous_criteres.qualification": Renamed("qualif", 70),
                   "lots.0.critere.bareme": {0: "Absent", 2: "Bien"}})
    assert problems(write_spec(text)) == [
        "ligne 24, champ lots[1].critere.sous_criteres.qualif : sous-critère inconnu « qualif » ; valeurs proches : qualification",
        "ligne 25, champ lots[1].critere.bareme : le barème doit donner un descripteur à chaque note entière de 0 à la note "
        "maximale (au moins 0 et 1)",
    ]


def test_several_problems_are_all_reported_in_line_order(write_spec):
    text = edited({"lots.0.montant_estime_ht": -5, "lots.0.duree_mois": 0,
                   "consultation.objet": Renamed("objt", "Réfection de la voirie")})
    assert problems(write_spec(text)) == [
        "ligne 3, champ consultation.objt : clé inconnue « objt » ; vouliez-vous dire objet ?",
        "ligne 16, champ lots[1].montant_estime_ht : doit être compris entre 0,01 et 100\u202f000\u202f000\u202f000, pas « -5 »",
        "ligne 18, champ lots[1].duree_mois : doit être compris entre 1 et 240, pas « 0 »",
    ]
