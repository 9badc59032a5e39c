"""LibreOffice Calc opens the filled grid, recomputes its formulas, and finds our figures.

Calc exports every sheet to CSV (sheet option -1) with raw values, so its weighted
marks and criterion marks can be compared with the Decimal computation of
``clauses noter``. Skips only without soffice on a developer machine; fails in CI.
"""

from __future__ import annotations

import csv
import subprocess
from decimal import Decimal
from pathlib import Path

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

from generator.award.report import score_offers
from generator.formatting import decimal_fixe
from tests.conftest import FULL_EXAMPLE
from tests.test_libreoffice import convert, soffice
from tests.test_scoring import filled_example

# Separator ",", quote '"', UTF-8, from line 1, raw values (not "as shown"), every sheet (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"


def calc_sheets(xlsx: Path, target: Path) -> dict[str, list[list[str]]]:
    """Every sheet of ``xlsx`` as recomputed and exported by LibreOffice Calc."""
    profile = target / "profil-libreoffice"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", CSV_FILTER,
         "--outdir", str(target), str(xlsx)],
        check=True, capture_output=True, timeout=300,
    )
    sheets = {}
    for path in target.glob(f"{xlsx.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as stream:
            sheets[path.stem.removeprefix(f"{xlsx.stem}-")] = list(csv.reader(stream))
    return sheets


def cell(rows: list[list[str]], reference: str) -> Decimal:
    letters, row = coordinate_from_string(reference)
    return Decimal(rows[row - 1][column_index_from_string(letters) - 1])


def test_calc_recomputes_the_same_weighted_and_criterion_marks(tmp_path):
    xlsx = filled_example(tmp_path)
    award = score_offers(FULL_EXAMPLE, xlsx, tmp_path / "out")
    target = tmp_path / "calc"
    target.mkdir()

    sheets = calc_sheets(xlsx, target)

    assert {"Lot 2", "Lot 3"} <= set(sheets)
    compared = 0
    for lot in award.lots:
        rows = sheets[lot.designation]
        for bidder in lot.classement:
            weighted = get_column_letter(rows[5].index(bidder.nom) + 3)  # name above the mark, weighted two columns right
            for index, sub in enumerate(bidder.notes):
                assert abs(cell(rows, f"{weighted}{8 + index}") - sub.ponderee) < Decimal("1e-9")
            total = cell(rows, f"{weighted}{8 + len(bidder.notes)}")
            assert abs(total - bidder.note) < Decimal("1e-9")
            assert decimal_fixe(total, 2) == decimal_fixe(bidder.note, 2)
            compared += 1
    assert compared == 5
    assert decimal_fixe(cell(sheets["Lot 2"], "K12"), 2) == "7,60"
    assert decimal_fixe(cell(sheets["Lot 3"], "E13"), 2) == "40,80"


def test_libreoffice_opens_the_report(tmp_path):
    report = score_offers(FULL_EXAMPLE, filled_example(tmp_path), tmp_path / "out").report
    target = tmp_path / "pdf"
    target.mkdir()

    convert([report], target)

    pdf = target / "rapport-analyse-insertion.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
