"""The house style of the spreadsheets the tool writes, shared by the award grid and the follow-up sheets.

Yellow input cells, blue headers, and deterministic bytes (fixed dates, fixed zip
entries) so that the same content always gives the same file.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from generator.files import FIXED_DATE, normalize_zip

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
INPUT = PatternFill("solid", fgColor="FFF2CC")
HEADER = PatternFill("solid", fgColor="D9E2F3")
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)


# The kinds of cell, each with its styles: (attribute, value) pairs applied in this order.
CELL_STYLES: dict[str, tuple[tuple[str, Any], ...]] = {
    "title": (("font", TITLE),),
    "label": (("font", BOLD),),
    "head": (("font", BOLD), ("fill", HEADER), ("alignment", WRAP)),
    "input": (("fill", INPUT), ("protection", UNLOCKED)),  # a cell the user fills in (a mark…): highlighted, not locked
    "name": (("font", BOLD), ("fill", INPUT), ("protection", UNLOCKED)),
    "justification": (("fill", INPUT), ("protection", UNLOCKED), ("alignment", WRAP)),
    "weighted": (("number_format", "0.00"),),
    "total": (("number_format", "0.00"), ("font", BOLD)),
}


def style(cell: Cell, kind: str) -> None:
    """Give ``cell`` the styles of ``kind``, one of CELL_STYLES."""
    for attribute, value in CELL_STYLES[kind]:
        setattr(cell, attribute, value)


def head(sheet: Worksheet, cell: str, text: str) -> None:
    """A header cell: bold, blue, wrapped (an empty text leaves the cell empty)."""
    sheet[cell] = text or None
    style(sheet[cell], "head")


def deterministic_bytes(workbook: Workbook) -> bytes:
    """Save without openpyxl's "modified now" stamp, with fixed dates and zip entries."""
    workbook.properties.created = workbook.properties.modified = FIXED_DATE
    workbook.properties.creator = workbook.properties.lastModifiedBy = "clauses"
    buffer = io.BytesIO()
    # Stored, not deflated: normalize_zip compresses each member once, with fixed dates.
    _InMemoryWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()
    return normalize_zip(buffer.getvalue())


class _InMemoryWriter(ExcelWriter):
    """openpyxl's writer, with each sheet built in memory instead of a temporary file written, read and deleted."""

    def write_worksheet(self, ws: Worksheet) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts, ws._drawing.images = ws._charts, ws._images
        writer = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.out.getvalue())
        self.manifest.append(ws)
