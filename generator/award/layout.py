"""Where things sit in a lot's sheet of the spreadsheet grid.

The writer (workbook) and the reader (marks_xlsx) both use these coordinates, so
that a cell the reader names in a message is the cell the committee typed in.

    row 1           title
    rows 2-4        criterion, its weight (B3), the highest mark of the scale (B4)
    row 5           the score formula as a sentence (A5)
    row 6           "Sous-critère", "Pondération (%)", then each bidder's name (input)
    row 7           per bidder: "Note", "Justification", "Note pondérée"
    rows 8…         one row per sub-criterion: label (A), weight (B), then per bidder
                    mark (input), justification (input), weighted mark (formula)
    next row        the criterion mark of each bidder (formula)
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from generator.reference import data as reference
from generator.reference.document_models import GridFile

WEIGHT_CELL = "B3"
MAX_CELL = "B4"
FORMULA_CELL = "A5"
NAME_ROW = 6
SUBHEADER_ROW = 7
FIRST_ROW = 8
FIRST_BIDDER_COLUMN = 3
COLUMNS_PER_BIDDER = 3


def grid_data() -> GridFile:
    """The grid's wording and shape (generator/data/grille.yaml)."""
    return reference.grid()


@dataclass(frozen=True)
class LotLayout:
    """Coordinates of one lot's sheet with ``sub_criteria`` rows and ``bidders`` bidder columns."""

    sub_criteria: int
    bidders: int

    @property
    def total_row(self) -> int:
        return FIRST_ROW + self.sub_criteria

    def row(self, index: int) -> int:
        """Row of the ``index``-th sub-criterion (from 0)."""
        return FIRST_ROW + index

    def column(self, bidder: int, offset: int = 0) -> str:
        """Letter of the ``bidder``-th bidder's column (0: mark, 1: justification, 2: weighted)."""
        return str(get_column_letter(FIRST_BIDDER_COLUMN + COLUMNS_PER_BIDDER * bidder + offset))

    def mark(self, bidder: int, index: int) -> str:
        return f"{self.column(bidder)}{self.row(index)}"

    def justification(self, bidder: int, index: int) -> str:
        return f"{self.column(bidder, 1)}{self.row(index)}"

    def weighted(self, bidder: int, index: int) -> str:
        return f"{self.column(bidder, 2)}{self.row(index)}"

    def name(self, bidder: int) -> str:
        return f"{self.column(bidder)}{NAME_ROW}"

    def total(self, bidder: int) -> str:
        return f"{self.column(bidder, 2)}{self.total_row}"
