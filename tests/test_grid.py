"""The evaluation grid: the protected .xlsx the committee fills and the printable .docx."""

from __future__ import annotations

import docx
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from generator.award.grid import write_grid
from generator.cli.commands import main
from generator.errors import GridError
from generator.publish import generate
from tests.conftest import FULL_EXAMPLE, MINIMAL_SPEC, SERVICES_EXAMPLE, docx_text, edited
from tests.test_scoring import BIDDERS, fill, filled_example, make_grid


def test_one_protected_sheet_per_scored_lot_with_formulas(tmp_path):
    workbook = load_workbook(make_grid(tmp_path))

    assert workbook.sheetnames == ["Lot 2", "Lot 3", "clauses"]
    assert workbook["clauses"].sheet_state == "veryHidden"
    sheet = workbook["Lot 2"]
    assert sheet.protection.sheet is True
    assert [sheet[c].value for c in ("C6", "F6", "I6", "C7", "D7", "E7")] == [
        "Sarl Dupont", "Régie Est", "ACI Berges & Co", "Note (0 à 5)", "Justification", "Note pondérée"]
    assert [sheet[f"A{row}"].value for row in range(8, 13)] == [
        "Tutorat", "Accompagnement social", "Qualification et formation", "Professionnalisation",
        "Note du critère (sur 10 points)"]
    assert [sheet[f"B{row}"].value for row in range(8, 12)] == [30, 20, 30, 20]
    assert (sheet["B3"].value, sheet["B4"].value) == (10, 5)
    assert sheet["E8"].value == '=IF(C8="","",$B$3*$B8*C8/($B$4*100))'
    assert sheet["E12"].value == '=IF(COUNT(C8:C11)=4,$B$3*SUMPRODUCT($B$8:$B$11,C8:C11)/($B$4*100),"")'
    assert sheet["K12"].value == '=IF(COUNT(I8:I11)=4,$B$3*SUMPRODUCT($B$8:$B$11,I8:I11)/($B$4*100),"")'
    formula = ("Note du critère (sur 10 points) = 10 × Σ (pondération du sous-critère × note obtenue) ÷ (5 × 100), "
               "calculée sans arrondi intermédiaire et présentée avec deux décimales.")
    assert sheet["A5"].value == formula
    # Below the scale (rows 14-20) and the expectations (rows 22-26): the formula and its worked example, as in the RC.
    assert [sheet["A28"].value, sheet["A29"].value] == [formula, (
        "Exemple : un candidat noté 4, 3, 2 et 1 sur 5 aux sous-critères, dans l'ordre du tableau, obtient "
        "10 × (30 × 4 + 20 × 3 + 30 × 2 + 20 × 1) ÷ (5 × 100) = 5,20 sur 10 points.")]


def test_only_names_marks_and_justifications_are_unlocked(tmp_path):
    sheet = load_workbook(make_grid(tmp_path))["Lot 3"]

    assert [sheet[c].protection.locked for c in ("C6", "C8", "D8", "I12", "J12")] == [False] * 5
    assert [sheet[c].protection.locked for c in ("A8", "B8", "E8", "E13", "B3", "C7")] == [True] * 6


def test_marks_outside_the_scale_are_refused_by_a_data_validation(tmp_path, write_spec):
    spec = write_spec(edited({"lots.0.critere.bareme": {0: "Absent", 1: "Partiel", 2: "Complet"}}, SERVICES_EXAMPLE))
    sheet = load_workbook(make_grid(tmp_path, spec, ["A", "B"]))["Marché"]

    marks = [v for v in sheet.data_validations.dataValidation if v.type == "whole"]
    assert len(marks) == 1
    rule = marks[0]
    assert (rule.operator, rule.formula1, rule.formula2, rule.showErrorMessage, rule.errorStyle) == ("between", "0", "2", True, "stop")
    assert str(rule.sqref) == "C8:C11 F8:F11"
    assert rule.error == "La note doit être un nombre entier de 0 à 2 (barème du critère)."
    assert sheet["C7"].value == "Note (0 à 2)"


def test_the_hidden_sheet_identifies_consultation_lots_and_sub_criteria(tmp_path):
    rows = list(load_workbook(make_grid(tmp_path))["clauses"].iter_rows(values_only=True))

    assert rows[0][:2] == ("reference", "2026-NM-GS-014")
    assert rows[1][:2] == ("version", 2)
    assert [value for value in rows[2] if value is not None] == [
        "lot", "Lot 2", 2, 3, "tutorat", "accompagnement_social", "qualification", "professionnalisation"]
    assert [value for value in rows[3] if value is not None] == ["ponderations", "Lot 2", 10, 30, 20, 30, 20]
    assert rows[4][:3] == ("bareme", "Lot 2", 5)
    assert rows[5][:5] == ("lot", "Lot 3", 3, 3, "parcours_insertion")
    assert [value for value in rows[6] if value is not None] == ["ponderations", "Lot 3", 60, 20, 20, 20, 20, 20]


def test_grid_files_are_deterministic(tmp_path):
    first = {p.name: p.read_bytes() for p in write_grid(FULL_EXAMPLE, tmp_path / "a", BIDDERS)}
    second = {p.name: p.read_bytes() for p in write_grid(FULL_EXAMPLE, tmp_path / "b", BIDDERS)}

    assert sorted(first) == ["grille-analyse-insertion.docx", "grille-analyse-insertion.xlsx"]
    assert first == second


def test_printable_grid_is_landscape_with_a_repeated_header_and_one_column_per_bidder(tmp_path):
    path = next(p for p in write_grid(FULL_EXAMPLE, tmp_path, BIDDERS) if p.suffix == ".docx")
    document = docx.Document(str(path))

    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    grid = document.tables[0]
    assert [cell.text for cell in grid.rows[0].cells] == [
        "Sous-critère (pondération)", "Éléments attendus du candidat", "Sarl Dupont", "Régie Est", "ACI Berges & Co"]
    assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    text = docx_text(path)
    assert "Tutorat (30 %) | identité et fonction du tuteur" in text
    assert "Note : …… / 5 Justification :" in text
    assert "5 | Très satisfaisant" in text
    assert "Note du critère (sur 10 points) = 10 × Σ (pondération du sous-critère × note obtenue) ÷ (5 × 100)" in text
    assert ("Exemple : un candidat noté 4, 3, 2 et 1 sur 5 aux sous-critères, dans l'ordre du tableau, obtient "
            "10 × (30 × 4 + 20 × 3 + 30 × 2 + 20 × 1) ÷ (5 × 100) = 5,20 sur 10 points.") in text
    assert "Lot 3 — Chantier d'insertion — entretien des berges" in text
    assert "Grille d'analyse insertion — PROJET — non validé par le facilitateur" in text


def test_blank_columns_and_non_allotted_market(tmp_path):
    path = next(p for p in write_grid(SERVICES_EXAMPLE, tmp_path, []) if p.suffix == ".docx")

    header = [cell.text for cell in docx.Document(str(path)).tables[0].rows[0].cells]
    assert header[2:] == ["Candidat 1", "Candidat 2", "Candidat 3", "Candidat 4", "Candidat 5"]
    text = docx_text(path)
    assert "Lot " not in text
    assert "pondéré à 15 % de la note globale." in text
    sheet = load_workbook(path.with_suffix(".xlsx"))["Marché"]
    assert [sheet[c].value for c in ("C6", "O6", "O7")] == [None, None, "Note (0 à 5)"]


def test_generer_writes_the_grid_only_when_a_lot_is_scored(tmp_path, write_spec):
    names = {path.name for path in generate(FULL_EXAMPLE, tmp_path / "out")}
    assert {"grille-analyse-insertion.docx", "grille-analyse-insertion.xlsx"} <= names

    names = {path.name for path in generate(write_spec(MINIMAL_SPEC), tmp_path / "out")}
    assert not any(name.startswith("grille") for name in names)


def test_grille_never_overwrites_a_grid_with_marks(tmp_path):
    xlsx = make_grid(tmp_path)
    write_grid(FULL_EXAMPLE, tmp_path / "out", ["Autre"])  # a blank grid may be replaced
    fill(xlsx, "Lot 2", {"Autre": [1]})
    before = xlsx.read_bytes()

    with pytest.raises(GridError) as caught:
        write_grid(FULL_EXAMPLE, tmp_path / "out", BIDDERS)
    assert str(caught.value) == (
        f"{xlsx} contient déjà des notes ou des justifications ; "
        "renommez ou déplacez ce fichier avant de produire une nouvelle grille."
    )
    assert xlsx.read_bytes() == before


def test_cli_grille_with_a_bidders_file(tmp_path):
    bidders = tmp_path / "candidats.txt"
    bidders.write_text("# offres reçues\nSarl Dupont\n\nRégie Est\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["grille", str(FULL_EXAMPLE), "--candidats-fichier", str(bidders), "-o", str(tmp_path)])

    assert result.exit_code == 0, result.output
    sheet = load_workbook(tmp_path / "2026-NM-GS-014" / "grille-analyse-insertion.xlsx")["Lot 2"]
    assert [sheet[c].value for c in ("C6", "F6", "I6")] == ["Sarl Dupont", "Régie Est", None]


@pytest.mark.parametrize(("arguments", "message"), [
    (["--candidats", "A;B", "--candidats-fichier", "x.txt"],
     "Donnez les candidats soit avec --candidats, soit avec --candidats-fichier, pas les deux."),
    (["--candidats", "Sarl Dupont; sarl dupont"], "--candidats : le candidat « sarl dupont » est nommé deux fois."),
    (["--candidats", " ; "], "--candidats : aucun nom de candidat ; omettez l'option pour obtenir des colonnes vierges."),
    (["--candidats-fichier", "absent.txt"], "absent.txt : fichier des candidats introuvable."),
])
def test_cli_grille_bad_bidders(tmp_path, arguments, message):
    result = CliRunner().invoke(main, ["grille", str(FULL_EXAMPLE), *arguments, "-o", str(tmp_path)])

    assert result.exit_code == 6
    assert message in result.output
    assert not (tmp_path / "2026-NM-GS-014").exists()


def test_generer_keeps_a_grid_the_committee_has_started_to_fill(tmp_path):
    xlsx = filled_example(tmp_path)
    before = xlsx.read_bytes()
    result = CliRunner().invoke(main, ["generer", str(FULL_EXAMPLE), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert xlsx.read_bytes() == before
    assert result.stdout == f"écrit : {xlsx.parent} (5 documents)\n"
    assert result.stderr.splitlines()[0] == (
        f"conservé : {xlsx} contient déjà des notes ; il n'est pas remplacé (renommez-le pour obtenir une grille vierge)"
    )
    assert result.stderr.splitlines()[-1].startswith("1 spécification, 5 documents, 0 en erreur ;")
    assert (xlsx.parent / "RC-clause-insertion.docx").exists()
