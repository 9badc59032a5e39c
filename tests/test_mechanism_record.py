"""One Mechanism record: the rest of the package asks it, never compares a mechanism key."""

from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest

from generator.dossier import open_dossier
from generator.drafting.context import lot_view
from generator.errors import ReferenceDataError, SpecError
from generator.reference import data as reference
from generator.reference.law_models import ThresholdsFile
from generator.reference.models import MechanismsFile
from tests.conftest import edited

PACKAGE = Path(reference.__file__).resolve().parent.parent
FORBIDDEN_NAMES = {"WITH_HOURS", "WITH_CLAUSE", "SCORED"}
BLOCKS = {
    "critere": {"critere": {"ponderation": 10}},
    "insertion": {"insertion": {"activite_support": "Espaces verts", "postes": 4, "heures": 3000, "encadrement": "Un encadrant"}},
    "reserve_a": {"reserve_a": "siae"},
}
# The template flag each mechanism raises (templates keep these names).
FLAGS = {
    "clause_execution": "clause_execution",
    "clause_et_critere": "clause_et_critere",
    "marche_insertion": "marche_insertion",
    "marche_reserve": "marche_reserve",
    "aucun": "sans_clause",
}


def _mechanism_literals(path: Path, root: Path = PACKAGE) -> list[str]:
    """``file:line value`` of every string literal naming a mechanism, and of every retired mechanism list."""
    names = set(reference.mechanism_aliases())
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names:
            found.append(f"{path.relative_to(root)}:{node.lineno} {node.value!r}")
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            found.append(f"{path.relative_to(root)}:{node.lineno} {node.id}")
    return found


def test_no_module_outside_reference_names_a_mechanism():
    modules = [path for path in sorted(PACKAGE.rglob("*.py")) if path.relative_to(PACKAGE).parts[0] != "reference"]
    found = [hit for path in modules for hit in _mechanism_literals(path)]
    assert len(modules) > 100
    # formatting.py writes the French word « aucun » (an empty list in a message), the one place it may.
    assert [hit for hit in found if not (hit.startswith("formatting.py:") and hit.endswith(" 'aucun'"))] == []
    assert len(found) == 1


def test_the_scan_finds_a_mechanism_literal_even_inside_an_f_string(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text('if lot.mecanisme == "art30":\n    WITH_HOURS = f"{x or \'aucun\'}"\n', encoding="utf-8")
    assert _mechanism_literals(planted, tmp_path) == ["planted.py:1 'art30'", "planted.py:2 WITH_HOURS", "planted.py:2 'aucun'"]


def _lot(key: str, write_spec, **blocks):
    record = reference.mechanism(key)
    given = {**BLOCKS.get(record.bloc or "", {}), **blocks}
    dossier = open_dossier(write_spec(edited({"lots.0.dispositif": key, **{f"lots.0.{name}": value for name, value in given.items()}})))
    return dossier.resolved.lots[0], dossier.resolved.consultation.date_lancement


@pytest.mark.parametrize("key", sorted(reference.mechanisms()))
def test_each_lot_raises_the_one_flag_its_record_gives(key, write_spec):
    lot, launch = _lot(key, write_spec)
    view = lot_view(lot, launch)

    assert [flag for flag in sorted(set(FLAGS.values())) if getattr(view, flag)] == [FLAGS[key]]
    record = reference.mechanism(key)
    assert (view.clause_execution, view.marche_insertion, view.marche_reserve, view.sans_clause) == (
        record.condition_only, record.buys_hours, record.reserved, record.without_clause)
    assert view.piece_insertion == (record.piece.nom if record.piece else None)


@pytest.mark.parametrize("key", ["clause_et_critere", "marche_insertion"])
def test_criterion_title_and_bidder_piece_come_from_the_record(key, write_spec):
    record = reference.mechanism(key)
    lot, _ = _lot(key, write_spec, **BLOCKS["critere"])

    assert record.intitule_critere is not None and record.piece is not None
    assert (lot.critere_note.intitule, lot.critere_note.note_candidat) == (record.intitule_critere, record.piece.nom)
    assert (lot.critere_note.article_indefini, lot.critere_note.article_defini) == (record.piece.indefini, record.piece.defini)


def test_a_record_with_a_criterion_must_name_it_and_the_piece():
    content = copy.deepcopy(reference.data_file("mecanismes"))
    del content["mecanismes"]["marche_insertion"]["piece"]
    content["mecanismes"]["aucun"]["intitule_critere"] = "Critère"

    with pytest.raises(ReferenceDataError) as caught:
        reference.parse("mecanismes", content, MechanismsFile)

    assert str(caught.value).splitlines()[1:] == [
        "  - champ mecanismes.marche_insertion : intitule_critere et piece sont requis quand critere est donné",
        "  - champ mecanismes.aucun : intitule_critere et piece n'ont de sens que si critere est donné",
    ]


def test_every_mechanism_that_may_be_scored_has_its_sub_criteria():
    scored = [key for key, row in reference.mechanisms().items() if row.may_be_scored]
    assert scored == list(reference.criterion().sous_criteres)
    assert set(reference.criterion().descripteurs.niveaux) == set(scored)
    assert list(reference.starter().lots) == list(reference.mechanisms())  # « clauses nouveau »: an example lot each


def test_the_natures_a_lot_accepts_come_from_the_thresholds_file(write_spec):
    assert reference.spec_natures() == ["travaux", "services", "fournitures"]
    assert set(reference.execution_file().ccag.natures) == set(reference.spec_natures())
    assert set(reference.review_thresholds().confirmer_part_avec.valeur) == set(reference.spec_natures())

    with pytest.raises(SpecError) as caught:
        open_dossier(write_spec(edited({"lots.0.nature": "prestations"})))
    assert caught.value.problems[0].split(" : ", 1)[1] == (
        "valeur « prestations » inconnue ; valeurs acceptées : travaux, services, fournitures")


def test_a_spec_nature_is_ranked_under_one_nature_of_purchase_only():
    content = copy.deepcopy(reference.data_file("seuils"))
    content["natures"]["travaux"]["natures"].append("services")

    with pytest.raises(ReferenceDataError) as caught:
        reference.parse("seuils", content, ThresholdsFile)

    assert str(caught.value).splitlines()[1:] == ["  - champ (racine) : nature rangée sous plusieurs natures d'achat : services"]
