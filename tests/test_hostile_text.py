"""Issue 11, point 2: a character no document can hold is refused where the user typed it.

Lone surrogates and control characters (``\\x0c`` included, which would become a
page break) are refused with the field and line, for the spec, the bidders, the
marks and justifications, the approver's name and comment; nothing is written.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.award.bidders import parse_bidders, read_bidders_file
from generator.cli.commands import main
from generator.errors import GridError, ReviewError
from generator.review.approve import approve
from tests.conftest import SERVICES_EXAMPLE
from tests.hostile import dump, files_under, spec_dict, write
from tests.test_hostile_yaml import problems
from tests.test_scoring_errors import problems as marks_problems

SURROGATE = "caractère invalide U+D800 (moitié isolée d'une paire de substitution) en position 12 : ce caractère ne peut pas figurer dans un document ; retirez-le"


def control(code: int, position: int = 12) -> str:
    return f"caractère de contrôle U+{code:04X} en position {position} : ce caractère ne peut pas figurer dans un document ; retirez-le"


@pytest.mark.parametrize(("changes", "message"), [
    ({"consultation.objet": "Fourniture \ud800 pose"}, f"ligne 3, champ consultation.objet : {SURROGATE}"),
    ({"consultation.objet": "Fourniture \x0c pose"}, f"ligne 3, champ consultation.objet : {control(0x0C)}"),
    ({"consultation.facilitateur.referent": "Jean\x00Dupont"},
     f"ligne 12, champ consultation.facilitateur.referent : {control(0x00, 5)}"),
    ({"lots.0.intitule": "Voirie\x1b[31m"}, f"ligne 16, champ lots[1].intitule : {control(0x1B, 7)}"),
    ({"publics": [{"autre": "Jeunes\x7f"}]}, f"ligne 23, champ publics[1].autre : {control(0x7F, 7)}"),
])
def test_a_spec_text_with_an_undocumentable_character_is_refused_and_nothing_is_written(tmp_path, changes, message):
    spec = write(tmp_path, spec_dict(**changes))
    assert problems(spec) == [message]
    result = CliRunner().invoke(main, ["generer", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3 and f"  - {message}" in result.stderr.splitlines()
    assert files_under(tmp_path / "out") == []


def test_tab_and_line_breaks_are_kept(tmp_path):
    spec = write(tmp_path, spec_dict(**{"consultation.objet": "Réfection\tde la voirie\net des trottoirs"}))
    result = CliRunner().invoke(main, ["verifier", str(spec)])
    assert result.exit_code == 0, result.output


def test_the_same_character_is_refused_by_every_command(tmp_path):
    spec = write(tmp_path, spec_dict(**{"consultation.objet": "Fourniture \ud800 pose"}))
    for command, code in ((["heures"], 3), (["verifier", "--format", "json"], 1), (["grille"], 3), (["comparer", str(spec)], 3)):
        result = CliRunner().invoke(main, [*command, str(spec)])
        assert result.exit_code == code, command
        assert f"ligne 3, champ consultation.objet : {SURROGATE}" in result.output + result.stderr, command


@pytest.mark.parametrize("names", ["Sarl Dupont;R\x0cgie Est", "Sarl \udcc3Dupont"])
def test_bidder_names_with_an_undocumentable_character_are_refused(names):
    with pytest.raises(GridError) as caught:
        parse_bidders(names)
    assert str(caught.value).startswith("--candidats : candidat « ")
    assert "ce caractère ne peut pas figurer dans un document ; retirez-le." in str(caught.value)


def test_a_bidders_file_with_a_control_character_is_refused(tmp_path):
    path = tmp_path / "candidats.txt"
    path.write_text("Sarl Dupont\nRégie\x01Est\n", encoding="utf-8")
    with pytest.raises(GridError) as caught:
        read_bidders_file(path)
    assert str(caught.value) == (
        f"{path} : candidat « RégieU+0001Est » : caractère de contrôle U+0001 en position 6 : "
        "ce caractère ne peut pas figurer dans un document ; retirez-le."
    )


def test_marks_with_an_undocumentable_name_or_justification_are_refused_and_no_report_is_written(tmp_path):
    notes = {"tutorat": {"note": 3, "justification": "Tuteur\x0cdésigné."}, "accompagnement_social": {"note": 3, "justification": "Oui."},
             "qualification": {"note": 3, "justification": "Oui."}, "professionnalisation": {"note": 3, "justification": "Oui."}}
    marks = tmp_path / "notes.yaml"
    marks.write_text(dump({"reference": "2027-NM-PROP-003", "lots": [{"candidats": [
        {"nom": "Sarl Dupont", "notes": notes},
        {"nom": "Régie\x00Est", "notes": {**notes, "tutorat": {"note": 2, "justification": "Correct."}}},
    ]}]}), encoding="utf-8")
    assert marks_problems(SERVICES_EXAMPLE, marks, tmp_path / "out") == [
        f"Marché, candidat « Sarl Dupont », tutorat (ligne 8) : justification : {control(0x0C, 7)}",
        f"Marché, candidat « RégieU+0000Est » (ligne 18, candidat n° 2) : nom : {control(0x00, 6)}",
    ]


@pytest.mark.parametrize(("par", "commentaire", "message"), [
    ("Marie\x0cDupont", None, f"--par : {control(0x0C, 6)}. Rien n'a été enregistré."),
    ("Marie Dupont", "Relu \ud800", "--commentaire : caractère invalide U+D800 (moitié isolée d'une paire de substitution) en position 6 : "
     "ce caractère ne peut pas figurer dans un document ; retirez-le. Rien n'a été enregistré."),
])
def test_an_approver_name_or_comment_with_an_undocumentable_character_is_refused(tmp_path, par, commentaire, message):
    spec = write(tmp_path, spec_dict())
    with pytest.raises(ReviewError) as caught:
        approve(spec, par, commentaire)
    assert str(caught.value) == message
    assert not spec.with_suffix(".revue.yaml").exists()
