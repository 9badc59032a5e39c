"""Every bad input of the award issue: an exact French message, a non-zero exit, no report."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.award.report import REPORT, score_offers
from generator.cli.commands import main
from generator.errors import GridError
from tests.conftest import DELETE, FULL_EXAMPLE, MINIMAL_SPEC, SERVICES_EXAMPLE, edited
from tests.test_scoring import LOT2, LOT3, fill, filled_example, make_grid

HEADER = " : notation impossible, aucun rapport n'a été écrit"


def problems(spec: Path, marks: Path, output: Path) -> list[str]:
    """The problem lines of the GridError, after checking that no report was written."""
    with pytest.raises(GridError) as caught:
        score_offers(spec, marks, output)
    assert not list(output.rglob(REPORT))
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{marks}{HEADER}"
    return [line.removeprefix("  - ") for line in lines[1:]]


def edit(xlsx: Path, sheet: str, cells: dict[str, object]) -> None:
    workbook = load_workbook(xlsx)
    for cell, value in cells.items():
        workbook[sheet][cell].value = value
    workbook.save(xlsx)


def test_mark_outside_the_scale(tmp_path):
    xlsx = filled_example(tmp_path)
    edit(xlsx, "Lot 2", {"C8": 7, "F9": 3.5})

    assert problems(FULL_EXAMPLE, xlsx, tmp_path / "out") == [
        "Lot 2, candidat « Sarl Dupont », tutorat (cellule C8) : note « 7 » hors barème (nombre entier de 0 à 5)",
        "Lot 2, candidat « Régie Est », accompagnement social (cellule F9) : note « 3,5 » hors barème (nombre entier de 0 à 5)",
    ]


def test_missing_mark(tmp_path):
    xlsx = filled_example(tmp_path)
    edit(xlsx, "Lot 3", {"F12": None})

    assert problems(FULL_EXAMPLE, xlsx, tmp_path / "out") == [
        "Lot 3, candidat « ACI Berges & Co », sorties vers l'emploi (cellule F12) : note manquante",
    ]


def test_mark_without_justification(tmp_path):
    xlsx = filled_example(tmp_path)
    edit(xlsx, "Lot 2", {"J10": "   "})

    assert problems(FULL_EXAMPLE, xlsx, tmp_path / "out") == [
        "Lot 2, candidat « ACI Berges & Co », qualification et formation (cellule J10) : note sans justification",
    ]


def test_marks_without_a_bidder_name(tmp_path):
    xlsx = filled_example(tmp_path)
    edit(xlsx, "Lot 2", {"F6": None})

    assert problems(FULL_EXAMPLE, xlsx, tmp_path / "out") == [
        "Lot 2, colonne F, cellule F6 : nom du candidat manquant alors que des notes sont saisies",
    ]


MOVED = "une ligne ou une colonne a été supprimée, déplacée ou renommée : reprenez les notes dans une grille intacte"


@pytest.mark.parametrize(("change", "message"), [
    (lambda book: book["Lot 2"].delete_rows(9),
     "Lot 2, cellule A9 : « Accompagnement social » attendu, « Qualification et formation » trouvé"),
    (lambda book: setattr(book["Lot 3"]["A10"], "value", "Accompagnement"),
     "Lot 3, cellule A10 : « Accompagnement socioprofessionnel » attendu, « Accompagnement » trouvé"),
    (lambda book: book["Lot 2"].delete_cols(4), "Lot 2, cellule F7 : « Note (0 à 5) » attendu, « Justification » trouvé"),
], ids=["row-deleted", "row-renamed", "column-deleted"])
def test_reshaped_grid(tmp_path, change, message):
    xlsx = filled_example(tmp_path)
    workbook = load_workbook(xlsx)
    change(workbook)
    workbook.save(xlsx)

    assert problems(FULL_EXAMPLE, xlsx, tmp_path / "out") == [f"{message} ; {MOVED}"]


def test_missing_sheet(tmp_path):
    xlsx = filled_example(tmp_path)
    workbook = load_workbook(xlsx)
    workbook.remove(workbook["Lot 3"])
    workbook.save(xlsx)

    assert problems(FULL_EXAMPLE, xlsx, tmp_path / "out") == [
        "Lot 3 : la feuille « Lot 3 » a disparu du classeur ; la structure de la grille a été modifiée",
    ]


def test_grid_of_another_consultation(tmp_path):
    xlsx = filled_example(tmp_path)

    assert problems(SERVICES_EXAMPLE, xlsx, tmp_path / "out") == [
        f"ces notes concernent la consultation « 2026-NM-GS-014 », pas « 2027-NM-PROP-003 » ({SERVICES_EXAMPLE}) ; "
        "vérifiez que vous avez donné la bonne grille et la bonne spécification",
    ]


def test_grid_made_before_the_sub_criteria_changed(tmp_path, write_spec):
    xlsx = filled_example(tmp_path)
    spec = write_spec(edited({
        "lots.1.critere.sous_criteres.tutorat": DELETE, "lots.1.critere.sous_criteres.accompagnement_social": 50,
    }, FULL_EXAMPLE))

    assert problems(spec, xlsx, tmp_path / "out") == [
        "Lot 2 : la grille a été produite pour d'autres sous-critères (tutorat, accompagnement_social, qualification, "
        "professionnalisation) que ceux de la spécification (accompagnement_social, qualification, professionnalisation) ; "
        "produisez une nouvelle grille avec « clauses grille »",
    ]


def test_not_a_grid(tmp_path):
    xlsx = tmp_path / "classeur.xlsx"
    load_workbook(filled_example(tmp_path)).save(xlsx)
    workbook = load_workbook(xlsx)
    workbook.remove(workbook["clauses"])
    workbook.save(xlsx)

    assert problems(FULL_EXAMPLE, xlsx, tmp_path / "out") == [
        "ce classeur n'est pas une grille produite par « clauses grille » (feuille d'identification absente)",
    ]


def test_nothing_marked(tmp_path):
    xlsx = make_grid(tmp_path, bidders=[])

    assert problems(FULL_EXAMPLE, xlsx, tmp_path / "out") == [
        "aucun candidat n'est noté : saisissez le nom et les notes d'au moins un candidat",
    ]


def test_spec_without_scored_lot_has_no_grid_and_no_scoring(tmp_path, write_spec):
    spec = write_spec(MINIMAL_SPEC)
    expected = (
        f"{spec} : aucun lot de la consultation TEST-001 n'est noté sur l'insertion (dispositif clause_et_critere ou "
        "marche_insertion avec un bloc critere) ; il n'y a ni grille d'analyse ni notation à produire."
    )
    with pytest.raises(GridError) as caught:
        score_offers(spec, tmp_path / "notes.yaml", tmp_path / "out")
    assert str(caught.value) == expected

    result = CliRunner().invoke(main, ["grille", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 6
    assert expected in result.output
    assert not (tmp_path / "out").exists()


def test_failed_scoring_keeps_the_previous_report(tmp_path):
    xlsx = filled_example(tmp_path)
    report = score_offers(FULL_EXAMPLE, xlsx, tmp_path / "out").report
    before = report.read_bytes()
    edit(xlsx, "Lot 2", {"C8": None})

    with pytest.raises(GridError):
        score_offers(FULL_EXAMPLE, xlsx, tmp_path / "out")
    assert report.read_bytes() == before


def test_cli_noter_exits_6_with_the_message_and_no_traceback(tmp_path):
    xlsx = filled_example(tmp_path)
    edit(xlsx, "Lot 2", {"C8": 9})

    result = CliRunner().invoke(main, ["noter", str(FULL_EXAMPLE), str(xlsx), "-o", str(tmp_path / "out")])

    assert result.exit_code == 6
    assert "Lot 2, candidat « Sarl Dupont », tutorat (cellule C8) : note « 9 » hors barème (nombre entier de 0 à 5)" in result.output
    assert "Traceback" not in result.output
    assert not list((tmp_path / "out").rglob(REPORT))


def test_cli_noter_prints_the_ranking(tmp_path):
    xlsx = filled_example(tmp_path)

    result = CliRunner().invoke(main, ["noter", str(FULL_EXAMPLE), str(xlsx), "-o", str(tmp_path / "out")])

    assert result.exit_code == 0, result.output
    assert "  2 ex aequo  Sarl Dupont      7,40" in result.output
    assert (tmp_path / "out" / "2026-NM-GS-014" / REPORT).exists()


YAML_HEAD = "reference: 2027-NM-PROP-003\nlots:\n  - candidats:\n      - nom: Sarl Dupont\n        notes:\n"


def test_yaml_marks_structural_and_mark_problems_name_their_line_in_one_pass(tmp_path):
    marks = tmp_path / "notes.yaml"
    # The line numbers are the point of this test, hence YAML written line by line.
    lines = [
        "          tutorat: {note: 6, justification: Bon tuteur.}\n",
        "          accompagnement_social: {note: 3}\n",
        "          qualification: {note: 4, justification: Formation prévue.}\n",
    ]
    marks.write_text(YAML_HEAD + "".join(lines) + "          tutorat_bis: {note: 4, justification: Doublon.}\n", encoding="utf-8")

    assert problems(SERVICES_EXAMPLE, marks, tmp_path / "out") == [
        "Marché, candidat « Sarl Dupont », tutorat_bis (ligne 9) : sous-critère inconnu ; sous-critères du lot : "
        "tutorat, accompagnement_social, qualification, professionnalisation",
        "Marché, candidat « Sarl Dupont », tutorat (ligne 6) : note « 6 » hors barème (nombre entier de 0 à 5)",
        "Marché, candidat « Sarl Dupont », accompagnement social (ligne 7) : note sans justification",
        "Marché, candidat « Sarl Dupont », professionnalisation (ligne 5) : note manquante",
    ]
    marks.write_text(YAML_HEAD + "".join(lines), encoding="utf-8")
    assert problems(SERVICES_EXAMPLE, marks, tmp_path / "out") == [
        "Marché, candidat « Sarl Dupont », tutorat (ligne 6) : note « 6 » hors barème (nombre entier de 0 à 5)",
        "Marché, candidat « Sarl Dupont », accompagnement social (ligne 7) : note sans justification",
        "Marché, candidat « Sarl Dupont », professionnalisation (ligne 5) : note manquante",
    ]


def test_yaml_marks_unknown_key_and_wrong_lot(tmp_path):
    marks = tmp_path / "notes.yaml"
    marks.write_text("reference: 2026-NM-GS-014\nlots:\n  - numero: 1\n    candidat: []\n", encoding="utf-8")

    assert problems(FULL_EXAMPLE, marks, tmp_path / "out") == ["ligne 4, champ lots[1].candidat : clé inconnue « candidat » ; vouliez-vous dire candidats ?"]
    marks.write_text("reference: 2026-NM-GS-014\nlots:\n  - numero: 1\n", encoding="utf-8")
    assert problems(FULL_EXAMPLE, marks, tmp_path / "out") == [
        "ligne 3, champ lots[1] : le lot 1 n'est pas noté sur l'insertion ; lots notés : 2, 3",
    ]


def test_unfilled_lot_3_keeps_lot_2_checks(tmp_path):
    xlsx = make_grid(tmp_path)
    fill(xlsx, "Lot 2", {**LOT2, "Sarl Dupont": [4, 3, None, 2]})
    fill(xlsx, "Lot 3", LOT3)

    assert problems(FULL_EXAMPLE, xlsx, tmp_path / "out") == [
        "Lot 2, candidat « Sarl Dupont », qualification et formation (cellule C10) : note manquante",
    ]
