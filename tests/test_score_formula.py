"""One scoring method: the formula the RC announces is the one the grid, the workbook and ``noter`` apply.

The formula is written once (generator/resolve/criterion.py); these tests check its three
renderings (Decimal, Excel, French) and that a workbook filled under other weights or
another scale than the spec's is refused with what changed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from generator.award.grid import write_grid
from generator.award.report import REPORT, score_offers
from generator.cli.commands import main
from generator.cli.handler import EXIT_CODES
from generator.errors import GridError
from generator.resolve import criterion as score
from generator.resolve.expression import evaluate, excel, french
from tests.conftest import FULL_EXAMPLE, docx_text, edited
from tests.test_scoring import fill, make_grid


def test_the_one_formula_evaluates_renders_excel_and_french():
    values = {"ponderation": Decimal(10), "note_max": Decimal(5)}
    rows = [{"poids": Decimal(40), "note": Decimal(4)}, {"poids": Decimal(60), "note": Decimal(2)}]

    assert evaluate(score.TOTAL, values, rows) == Decimal("5.6")
    assert evaluate(score.WEIGHTED, {**values, **rows[0]}) == Decimal("3.2")
    assert excel(score.TOTAL, {"ponderation": "$B$3", "note_max": "$B$4"}, {"poids": "$B$8:$B$9", "note": "C8:C9"}) == (
        "$B$3*SUMPRODUCT($B$8:$B$9,C8:C9)/($B$4*100)")
    assert excel(score.WEIGHTED, {"ponderation": "$B$3", "note_max": "$B$4", "poids": "$B8", "note": "C8"}) == (
        "$B$3*$B8*C8/($B$4*100)")
    words = {"ponderation": "10", "note_max": "5", "poids": "w", "note": "m"}
    assert french(score.TOTAL, words) == "10 × Σ (w × m) ÷ (5 × 100)"
    assert french(score.TOTAL, words, [{"poids": "40", "note": "4"}, {"poids": "60", "note": "2"}]) == (
        "10 × (40 × 4 + 60 × 2) ÷ (5 × 100)")


def test_weighted_marks_add_up_to_the_criterion_mark_without_rounding():
    pairs = [(Decimal("33.33"), 1), (Decimal("33.33"), 1), (Decimal("33.34"), 1)]

    weighted = [score.weighted_mark(Decimal(60), 3, weight, mark) for weight, mark in pairs]

    assert score.criterion_mark(Decimal(60), 3, pairs) == Decimal(20)
    assert sum(weighted) == Decimal(20)
    assert score.points_label(Decimal(1)) == "sur 1 point"
    assert score.points_label(Decimal("12.5")) == "sur 12,5 points"


def test_the_rc_announces_the_method_the_report_applies(tmp_path):
    """The RC's worked example, typed into the grid, gives the mark the example announces."""
    out = tmp_path / "out"
    CliRunner().invoke(main, ["generer", str(FULL_EXAMPLE), "--sortie", str(out)], catch_exceptions=False)
    rc = docx_text(out / "2026-NM-GS-014" / "RC-clause-insertion.docx")
    assert ("Note du critère (sur 10 points) = 10 × Σ (pondération du sous-critère × note obtenue) ÷ (5 × 100), "
            "calculée sans arrondi intermédiaire et présentée avec deux décimales.") in rc
    assert ("Exemple : un candidat noté 4, 3, 2 et 1 sur 5 aux sous-critères, dans l'ordre du tableau, obtient "
            "10 × (30 × 4 + 20 × 3 + 30 × 2 + 20 × 1) ÷ (5 × 100) = 5,20 sur 10 points.") in rc
    assert "÷ 100." not in rc  # the former "10 % × Σ (…) ÷ 100" announced 0,052, not 5,20

    xlsx = make_grid(tmp_path, bidders=["Exemple"])
    fill(xlsx, "Lot 2", {"Exemple": [4, 3, 2, 1]})
    fill(xlsx, "Lot 3", {"Exemple": [4, 3, 2, 1, 0]})
    award = score_offers(FULL_EXAMPLE, xlsx, out)

    assert [lot.classement[0].note for lot in award.lots] == [Decimal("5.2"), Decimal(24)]
    report = docx_text(award.report)
    assert "1 | Exemple | 4 / 5 — 2,40 | 3 / 5 — 1,20 | 2 / 5 — 1,20 | 1 / 5 — 0,40 | 5,20" in report
    assert "Exemple — 5,20 sur 10 points (rang 1)" in report
    assert "Rang | Candidat | Tutorat (30 %) | Accompagnement social (20 %) | Qualification et formation (30 %) | Professionnalisation (20 %) | Note du critère (sur 10 points)" in report


def _weighted_spec(weights: dict[str, int], bareme: dict[int, str] | None = None, ponderation: int = 10) -> str:
    critere: dict[str, object] = {"ponderation": ponderation, "sous_criteres": weights}
    if bareme is not None:
        critere["bareme"] = bareme
    return edited({"lots.0.dispositif": "clause_et_critere", "lots.0.critere": critere})


BEFORE = {"tutorat": 40, "accompagnement_social": 20, "qualification": 20, "professionnalisation": 20}
AFTER = {"tutorat": 30, "accompagnement_social": 30, "qualification": 20, "professionnalisation": 20}


def _filled_under(tmp_path: Path, write_spec, text: str) -> Path:
    xlsx = make_grid(tmp_path, write_spec(text, "avant.yaml"), ["Alpha", "Bêta"])
    fill(xlsx, "Lot 1", {"Alpha": [5, 1, 1, 1], "Bêta": [1, 5, 2, 2]})
    return xlsx


def _refusal(spec: Path, xlsx: Path, output: Path) -> str:
    with pytest.raises(GridError) as caught:
        score_offers(spec, xlsx, output)
    assert not list(output.rglob(REPORT))
    assert "40 %" not in str(caught.value)  # percentages keep their no-break space
    return str(caught.value).replace("\u00a0", " ")


def test_a_grid_filled_under_other_sub_criterion_weights_is_refused(tmp_path, write_spec):
    xlsx = _filled_under(tmp_path, write_spec, _weighted_spec(BEFORE))
    changed = write_spec(_weighted_spec(AFTER), "apres.yaml")

    assert _refusal(changed, xlsx, tmp_path / "out").splitlines() == [
        f"{xlsx} : notation impossible, aucun rapport n'a été écrit",
        "  - Lot 1 : la grille a été remplie sous d'autres pondérations ou un autre barème que ceux de la spécification "
        "(sous-critère « Tutorat » : 40 % dans la grille, 30 % dans la spécification ; sous-critère « Accompagnement social » : "
        "20 % dans la grille, 30 % dans la spécification) ; le classement calculé avec les pondérations actuelles contredirait "
        "la grille du comité : rétablissez dans la spécification les pondérations de la grille, ou produisez une nouvelle "
        "grille avec « clauses grille » et faites-la remplir de nouveau",
    ]
    # Under the weights it was filled with, the same grid is scored (Alpha first: 40 × 5 outweighs Bêta).
    award = score_offers(write_spec(_weighted_spec(BEFORE), "avant.yaml"), xlsx, tmp_path / "out")
    assert [bidder.nom for bidder in award.lots[0].classement] == ["Alpha", "Bêta"]


def test_a_grid_filled_under_another_criterion_weight_or_scale_is_refused(tmp_path, write_spec):
    scale = {0: "Absent", 1: "Partiel", 2: "Complet", 3: "Exemplaire", 4: "Remarquable", 5: "Parfait"}
    xlsx = _filled_under(tmp_path, write_spec, _weighted_spec(BEFORE, scale))
    changed = write_spec(_weighted_spec(BEFORE, {0: "Absent", 1: "Partiel", 2: "Complet"}, ponderation=15), "apres.yaml")

    assert _refusal(changed, xlsx, tmp_path / "out").splitlines()[1] == (
        "  - Lot 1 : la grille a été remplie sous d'autres pondérations ou un autre barème que ceux de la spécification "
        "(critère : sur 10 points dans la grille, sur 15 points dans la spécification ; barème : de 0 à 5 dans la grille, "
        "de 0 à 2 dans la spécification) ; le classement calculé avec les pondérations actuelles contredirait la grille "
        "du comité : rétablissez dans la spécification les pondérations de la grille, ou produisez une nouvelle grille "
        "avec « clauses grille » et faites-la remplir de nouveau")


def test_noter_refuses_the_reweighted_grid_with_a_french_message_and_the_grid_exit_code(tmp_path, write_spec):
    xlsx = _filled_under(tmp_path, write_spec, _weighted_spec(BEFORE))
    changed = write_spec(_weighted_spec(AFTER), "apres.yaml")

    result = CliRunner().invoke(main, ["noter", str(changed), str(xlsx), "--sortie", str(tmp_path / "out")])

    assert result.exit_code == EXIT_CODES[GridError] == 6
    assert "sous-critère « Tutorat » : 40\u00a0% dans la grille, 30\u00a0% dans la spécification" in result.output
    assert "Traceback" not in result.output


def _as_version_1(xlsx: Path) -> None:
    """The identity of a grid made before weights and scale were recorded (format version 1)."""
    workbook = load_workbook(xlsx)
    identity = workbook["clauses"]
    for row in range(identity.max_row, 0, -1):
        if identity.cell(row=row, column=1).value in ("ponderations", "bareme"):
            identity.delete_rows(row)
    identity["B2"] = 1
    workbook.save(xlsx)


def test_a_grid_of_the_former_format_is_refused_for_scoring_and_replaced_when_blank(tmp_path):
    xlsx = make_grid(tmp_path)
    _as_version_1(xlsx)

    assert _refusal(FULL_EXAMPLE, xlsx, tmp_path / "out").splitlines()[1:] == [
        "  - grille produite par une version antérieure de l'outil, qui n'enregistrait pas les pondérations sous lesquelles "
        "elle est remplie : produisez une nouvelle grille avec « clauses grille » et reportez-y les notes",
    ]
    written = write_grid(FULL_EXAMPLE, tmp_path / "out", ["Alpha"])  # blank: nothing to lose, so it is replaced
    assert load_workbook(next(p for p in written if p.suffix == ".xlsx"))["clauses"]["B2"].value == 2

    fill(xlsx, "Lot 2", {"Alpha": [1, 1, 1, 1]})
    with pytest.raises(GridError, match="contient déjà des notes"):
        write_grid(FULL_EXAMPLE, tmp_path / "out", ["Alpha"])
