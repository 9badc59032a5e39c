"""What people actually type: accented keys, French dates, percents and amounts, in one pass."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.spec.load import load_spec
from tests.spec_builder import spec, write


def problems(path: Path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    return [line.removeprefix("  - ") for line in str(caught.value).splitlines()[1:]]


def test_launch_date_is_required(tmp_path):
    assert problems(write(tmp_path, spec(consultation__date_lancement=None))) == [
        "ligne 1, champ consultation.date_lancement : champ obligatoire manquant"
    ]


@pytest.mark.parametrize(("typed", "expected"), [
    ("15/01/2027", dt.date(2027, 1, 15)),
    ("15.01.2027", dt.date(2027, 1, 15)),
    ("15 janvier 2027", dt.date(2027, 1, 15)),
    ("1er février 2027", dt.date(2027, 2, 1)),
    ("2027-01-15", dt.date(2027, 1, 15)),
])
def test_french_dates_are_accepted(tmp_path, typed, expected):
    assert load_spec(write(tmp_path, spec(consultation__date_lancement=typed))).consultation.date_lancement == expected


@pytest.mark.parametrize(("typed", "message"), [
    ("31/02/2027", "une date est attendue, pas « 31/02/2027 » : cette date n'existe pas"),
    ("15/01/27", "une date est attendue, pas « 15/01/27 » : écrivez l'année sur quatre chiffres"),
    ("mi-janvier", "une date est attendue, pas « mi-janvier » : écrivez-la 2027-01-15 ou 15/01/2027"),
])
def test_wrong_dates_say_what_to_write(tmp_path, typed, message):
    assert problems(write(tmp_path, spec(consultation__date_lancement=typed))) == [
        f"ligne 6, champ consultation.date_lancement : {message}"
    ]


@pytest.mark.parametrize("typed", ["1 200 000", "1\u00a0200\u00a0000", "1\u202f200\u202f000", "1 200 000 €", "1 200 000 € HT", "1200000"])
def test_amounts_with_french_spaces(tmp_path, typed):
    assert load_spec(write(tmp_path, spec(lot__montant_estime_ht=typed))).lots[0].montant_estime_ht == Decimal(1200000)


def test_decimal_comma_and_percent(tmp_path):
    data = spec(lot__part_main_oeuvre="45 %", lot__taux_insertion="0,07")
    data["parametres"] = {"cout_horaire": "32,50", "taux_insertion": "5\u00a0%"}
    loaded = load_spec(write(tmp_path, data))
    assert (loaded.lots[0].part_main_oeuvre, loaded.lots[0].taux_insertion) == (Decimal("0.45"), Decimal("0.07"))
    assert (loaded.parametres.cout_horaire, loaded.parametres.taux_insertion) == (Decimal("32.50"), Decimal("0.05"))


def test_weight_in_percent(tmp_path):
    data = spec(lot__dispositif="clause_et_critere", lot__critere={"ponderation": "10 %"})
    assert load_spec(write(tmp_path, data)).lots[0].critere.ponderation == Decimal(10)


def test_a_rate_written_as_a_percentage_number_says_what_to_write(tmp_path):
    assert problems(write(tmp_path, spec(lot__taux_insertion=5))) == [
        "ligne 20, champ lots[1].taux_insertion : un taux s'écrit en fraction de 1 : pour 5 %, écrivez 0.05 ou « 5 % »"
    ]


def test_an_amount_that_is_not_a_number(tmp_path):
    assert problems(write(tmp_path, spec(lot__montant_estime_ht="1.200.000"))) == [
        "ligne 16, champ lots[1].montant_estime_ht : un nombre est attendu, pas « 1.200.000 » (écrivez par exemple 1850000, 1 850 000 ou 0,05)"
    ]


def test_accented_keys_and_values(tmp_path):
    data = spec(acheteur__catégorie="Collectivité", lot__nature="Fournitures", lot__dispositif="Marché réservé")
    data["lots"][0]["réserve_a"] = "SIAE"
    data["lots"][0]["durée_mois"] = data["lots"][0].pop("duree_mois")
    loaded = load_spec(write(tmp_path, data))
    assert loaded.consultation.acheteur.categorie == "collectivite"
    assert (loaded.lots[0].nature, loaded.lots[0].mecanisme, loaded.lots[0].reserve_a, loaded.lots[0].duree_mois) == (
        "fournitures", "marche_reserve", "siae", 12)


def test_accented_and_plain_key_together(tmp_path):
    data = spec(acheteur__catégorie="etat")
    data["consultation"]["acheteur"]["categorie"] = "etat"
    assert problems(write(tmp_path, data)) == [
        "ligne 6, champ consultation.acheteur.catégorie : « catégorie » et « categorie » désignent la même clé ; gardez-en une seule"
    ]


def test_a_bad_value_under_an_accented_key_names_its_line(tmp_path):
    data = spec()
    data["lots"][0]["durée_mois"] = "douze"
    del data["lots"][0]["duree_mois"]
    assert problems(write(tmp_path, data)) == ["ligne 19, champ lots[1].durée_mois : un nombre entier est attendu, pas « douze »"]


@pytest.mark.parametrize("address", ["amo.insertion@", "amo insertion@nantes.fr", "amo@nantes", "amo.nantes.fr"])
def test_invalid_email_is_refused(tmp_path, address):
    assert problems(write(tmp_path, spec(facilitateur__courriel=address))) == [
        f"ligne 11, champ consultation.facilitateur.courriel : adresse électronique invalide « {address} » ; "
        "écrivez-la sous la forme nom@domaine.fr"
    ]


def test_every_problem_in_one_pass(tmp_path):
    """An unknown key, a bad value, a missing block and a cross-field rule on another lot: one run."""
    data = spec(consultation__objt="Voirie", consultation__objet=None, lot__montant_estime_ht=-5)
    data["lots"].append({"numero": 2, "intitule": "Espaces verts", "nature": "services", "montant_estime_ht": 50000,
                         "metier": "espaces_vert", "dispositif": "clause_et_critere"})
    data["lots"].append({"numero": 2, "intitule": "Vestiaires", "nature": "services", "montant_estime_ht": 60000, "dispositif": "marche_reserve"})
    assert problems(write(tmp_path, data)) == [
        "ligne 11, champ consultation.objt : clé inconnue « objt » ; vouliez-vous dire objet ?",
        "ligne 16, champ lots[1].montant_estime_ht : doit être compris entre 0,01 et 100\u202f000\u202f000\u202f000, pas « -5 »",
        "ligne 20, champ lots[2].critere : un lot « clause_et_critere » doit décrire son critère (bloc critere avec ponderation)",
        "ligne 24, champ lots[2].metier : métier inconnu « espaces_vert » ; valeurs proches : espaces_verts, charpente_couverture "
        "(ou indiquez part_main_oeuvre)",
        "ligne 26, champ lots[3].numero : le numéro de lot 2 est déjà utilisé",
        "ligne 26, champ lots[3].reserve_a : un marché réservé doit indiquer reserve_a : siae, handicap ou siae_et_handicap",
    ]


def test_oui_and_non_for_true_and_false(tmp_path):
    data = spec()
    data["suivi"] = {"reunion_lancement": "non", "fiche_mensuelle": "Oui"}
    loaded = load_spec(write(tmp_path, data))
    assert (loaded.suivi.reunion_lancement, loaded.suivi.fiche_mensuelle) == (False, True)
    data["suivi"] = {"reunion_lancement": "peut-être"}
    assert problems(write(tmp_path, data)) == ["ligne 21, champ suivi.reunion_lancement : oui ou non (true ou false) est attendu, pas « peut-être »"]


def test_a_wrong_value_does_not_hide_the_missing_block_of_its_own_lot(tmp_path):
    data = spec(lot__dispositif="clause_et_critere", lot__taux_insertion=7, lot__montant_estime_ht="beaucoup")
    assert problems(write(tmp_path, data)) == [
        "ligne 13, champ lots[1].critere : un lot « clause_et_critere » doit décrire son critère (bloc critere avec ponderation)",
        "ligne 16, champ lots[1].montant_estime_ht : un nombre est attendu, pas « beaucoup » (écrivez par exemple 1850000, 1 850 000 ou 0,05)",
        "ligne 20, champ lots[1].taux_insertion : un taux s'écrit en fraction de 1 : pour 7 %, écrivez 0.07 ou « 7 % »",
    ]
