"""The test helpers that edit specs as data: an edit that matches nothing fails instead of passing silently."""

import pytest

from tests.conftest import DELETE, MINIMAL_SPEC, Renamed, edited, spec_data, text_with


def test_an_unchanged_spec_keeps_its_data_and_each_key_on_its_line():
    """Messages name lines: a spec edited as data keeps MINIMAL_SPEC's line of every key."""
    assert spec_data(edited({})) == spec_data()
    assert [line.split(":")[0].strip(" -") for line in edited({}).splitlines()] == \
        [line.split(":")[0].strip(" -") for line in MINIMAL_SPEC.splitlines()]


def test_set_delete_and_rename_in_place():
    data = spec_data(edited({"lots.0.heures": 100, "consultation.objet": DELETE, "lots.0.duree_mois": Renamed("duree", 3)}))
    assert data["lots"][0]["heures"] == 100 and "objet" not in data["consultation"]
    assert list(data["lots"][0])[5:] == ["duree", "dispositif", "heures"]


@pytest.mark.parametrize("changes", [
    {"lot.0.heures": 100},  # no such parent
    {"lots.1.heures": 100},  # no second lot
    {"lots.0.metier": DELETE},  # nothing to delete
    {"lots.0.metier": Renamed("part", 1)},  # nothing to rename
])
def test_an_edit_that_matches_nothing_raises(changes):
    with pytest.raises((KeyError, IndexError)):
        edited(changes)


def test_a_text_edit_must_match_exactly_once():
    with pytest.raises(AssertionError):
        text_with("dispositif: inconnu", "dispositif: aucun")
