"""Reference data typed once: every data file validates, every value has its source, a bad file is named."""

from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.dossier import open_dossier
from generator.drafting import documents
from generator.errors import ReferenceDataError, SpecError
from generator.monitoring.lists import FollowUpFile
from generator.reference import data as reference
from generator.reference import law
from generator.reference.document_models import FieldsFile, GridFile, JinjaMessagesFile, StarterFile
from generator.reference.law_models import ExecutionFile, LawFile, ReviewThresholds, ThresholdsFile
from generator.reference.models import CriteriaFile, MechanismsFile, ParametersFile, PublicsFile, Source, Sourced, TradesFile, WaiversFile
from tests.conftest import edited

PACKAGE = Path(reference.__file__).resolve().parent.parent
MODELS = {
    "criteres": CriteriaFile, "droit": LawFile, "grille": GridFile, "mecanismes": MechanismsFile, "metiers": TradesFile,
    "motifs": WaiversFile, "parametres": ParametersFile, "publics": PublicsFile, "revue": ReviewThresholds, "seuils": ThresholdsFile,
    "execution": ExecutionFile,
    "suivi": FollowUpFile,
}


# Wording without figures (field help, the starter spec, Jinja's messages): typed, with no source per value.
WORDING = {"champs": FieldsFile, "demarrage": StarterFile, "jinja_fr": JinjaMessagesFile}


def test_every_data_file_but_the_clis_has_a_model():
    files = {path.stem for path in (PACKAGE / "data").glob("*.yaml")}
    assert files - set(MODELS) - set(WORDING) == {"click_fr"}


@pytest.mark.parametrize("name", sorted(WORDING))
def test_wording_files_validate(name):
    assert reference.load(name, WORDING[name])


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_data_file_validates_and_every_number_carries_its_source(name):
    model = reference.load(name, MODELS[name])
    unsourced = [where for where, value in _walk(model) if isinstance(value, (Decimal, int)) and not _sourced(where, model)]
    assert unsourced == []


def _walk(value: object, where: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    if isinstance(value, BaseModel):
        return [found for field in type(value).model_fields for found in _walk(getattr(value, field), (*where, field))]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _walk(item, (*where, str(key)))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _walk(item, (*where, str(index)))]
    return [(where, value)]


def _sourced(where: tuple[str, ...], model: BaseModel) -> bool:
    """True when a model on the path to the value (or the file itself) carries a Source."""
    node: object = model
    found = isinstance(model, BaseModel) and isinstance(getattr(model, "source", None), Source)
    for part in where[:-1]:
        node = node[part if not isinstance(node, list) else int(part)] if isinstance(node, (dict, list)) else getattr(node, part)
        found = found or isinstance(node, Sourced) or isinstance(getattr(node, "source", None), Source)
    structural = where[-1] in ("version", "colonnes_vierges") or where[0] in ("bareme_defaut",)
    return found or structural


def test_a_malformed_data_file_is_a_french_error_naming_the_file_and_the_field():
    content = copy.deepcopy(reference.data_file("criteres"))
    del content["formule"]["phrase"]
    content["ponderation_min"]["valeur"] = "cinq"
    content["sous_criteres"]["clause_et_critere"]["tutorat"]["libele"] = "Tutorat"

    with pytest.raises(ReferenceDataError) as caught:
        reference.parse("criteres", content, CriteriaFile)

    assert str(caught.value).splitlines() == [
        "Fichier de référence mal formé : data/criteres.yaml ; corrigez-le ou réinstallez l'outil",
        "  - champ sous_criteres.clause_et_critere.tutorat.libele : clé inconnue",
        "  - champ formule.phrase : champ obligatoire manquant",
        "  - champ ponderation_min.valeur : un nombre est attendu",
    ]


def test_a_source_link_must_be_a_link_and_an_unknown_text_is_refused():
    content = copy.deepcopy(reference.data_file("droit"))
    content["periodes"][2]["source"]["lien"] = "legifrance"
    content["periodes"][0]["articles"]["condition_execution"][0]["texte"] = "cmp_2006"

    with pytest.raises(ReferenceDataError) as caught:
        reference.parse("droit", content, LawFile)

    assert str(caught.value).splitlines()[1:] == ["  - champ periodes.2.source.lien : lien attendu sous la forme https://…"]
    del content["periodes"][2]["source"]["lien"]
    with pytest.raises(ReferenceDataError) as caught:
        reference.parse("droit", content, LawFile)
    assert str(caught.value).splitlines()[1:] == ["  - champ (racine) : textes inconnus : cmp_2006 (ajoutez-les sous textes)"]


def test_every_buyer_category_has_its_threshold():
    content = copy.deepcopy(reference.data_file("seuils"))
    del content["periodes"][1]["fournitures_services"]["etat"]

    with pytest.raises(ReferenceDataError) as caught:
        reference.parse("seuils", content, ThresholdsFile)

    assert str(caught.value).splitlines()[1:] == ["  - champ periodes.1 : seuil fournitures et services manquant pour : etat"]


def test_each_file_is_loaded_once():
    assert reference.load("criteres", CriteriaFile) is reference.load("criteres", CriteriaFile)
    assert reference.criterion() is reference.load("criteres", CriteriaFile)


def test_values_by_date_and_their_sources():
    assert reference.employment_service(dt.date(2023, 12, 31)) == "Pôle emploi"
    assert reference.employment_service(dt.date(2024, 1, 1)) == "France Travail"
    assert reference.operators()[1].source.texte == "Loi n° 2023-1196 du 18 décembre 2023 pour le plein emploi"
    assert law.period_at(dt.date(2019, 4, 1)).source.date == dt.date(2018, 12, 3)
    assert reference.sizing_defaults().taux_insertion.valeur == Decimal("0.05")
    assert reference.review_thresholds().heures_min.source.article == "L. 3121-27"
    assert law.social_obligation_citation() == "article L. 2112-2-1 du code de la commande publique"


def test_no_module_outside_reference_reads_a_data_file_raw():
    raw = re.compile(r"data_file\(|data/\w+\.yaml\"|\"data\"")
    readers = sorted(
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
        if raw.search(path.read_text(encoding="utf-8")) and path.parent.name != "reference"
    )
    assert readers == ["cli/french.py"]  # click_fr.yaml, the CLI's own file


BLOCKS = {
    "critere": {"critere": {"ponderation": 10}},
    "insertion": {"insertion": {"activite_support": "Espaces verts", "postes": 4, "heures": 3000, "encadrement": "Un encadrant"}},
    "reserve_a": {"reserve_a": "siae"},
}


@pytest.mark.parametrize("key", sorted(reference.mechanisms()))
def test_one_mechanism_record_decides_block_hours_criterion_documents_and_articles(key, write_spec):
    record = reference.mechanism(key)
    block = {f"lots.0.{name}": value for name, value in BLOCKS.get(record.bloc or "", {}).items()}
    dossier = open_dossier(write_spec(edited({"lots.0.dispositif": record.alias[0] if record.alias else key, **block})))

    lot = dossier.resolved.lots[0]
    assert lot.definition is record
    assert lot.a_des_heures == (record.heures is not None)
    assert (lot.critere is not None) == (record.critere == "requis")
    expected = [name for document, name in documents.TEMPLATES.items() if document in record.documents]
    assert documents.clause_documents(dossier.resolved) == [*expected, "note-revue.docx"]
    assert bool(lot.base_legale) == bool(record.articles)


def test_a_mechanism_block_is_required_and_refused_elsewhere_from_the_record(write_spec):
    with pytest.raises(SpecError) as caught:
        open_dossier(write_spec(edited({"lots.0.dispositif": "marche_reserve", "lots.0.critere": {"ponderation": 10}})))

    assert [line.split(" : ", 1)[1] for line in caught.value.problems] == [
        "un marché réservé doit indiquer reserve_a : siae, handicap ou siae_et_handicap",
        "sans objet pour le dispositif « marche_reserve » ; retirez ce champ ou changez de dispositif",
    ]


def test_dispositif_and_reserve_a_accept_the_names_of_the_data_file_only(write_spec):
    with pytest.raises(SpecError) as caught:
        open_dossier(write_spec(edited({"lots.0.dispositif": "article15", "lots.0.reserve_a": "esat"})))

    assert [line.split(" : ", 1)[1] for line in caught.value.problems] == [
        "valeur « article15 » inconnue ; valeurs acceptées : clause_execution, art14, clause_et_critere, art14_53, 14+53, "
        "marche_insertion, art30, marche_reserve, art15, aucun",
        "valeur « esat » inconnue ; valeurs acceptées : siae, handicap, siae_et_handicap",
    ]
