"""A grid sheet as plain data, and the SpreadsheetML that openpyxl writes for it, byte for byte.

Building each grid through openpyxl's cell objects and writer took about 8 ms of
CPU, a quarter of what ``clauses generer`` spends on a spec. The grid uses few of
openpyxl's features (inline strings, numbers, formulas, a few cell styles, column
widths, a frozen pane, sheet protection, data validations): this module writes
those as openpyxl 3.1 writes them with lxml, ASCII with character references.
tests/test_speed_mechanisms.py builds the same sheets through openpyxl and compares
the bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter, range_boundaries
from openpyxl.utils.exceptions import IllegalCharacterError

Value = str | int | float | None
MAX_TEXT = 32767  # characters of a cell; openpyxl cuts a longer text there

# What openpyxl writes for the sheet settings a grid never changes.
_TOP = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr>')
_VIEW = '<sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
_FROZEN_VIEW = ('<sheetViews><sheetView workbookViewId="0">'
                '<pane xSplit="{x}" ySplit="{y}" topLeftCell="{cell}" activePane="bottomRight" state="frozen"/>'
                '<selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight" activeCell="A1" sqref="A1"/>'
                '</sheetView></sheetViews>')
_FORMAT = '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
_PROTECTION = ('<sheetProtection selectLockedCells="0" selectUnlockedCells="0" sheet="1" objects="0" insertRows="1" insertHyperlinks="1" '
               'autoFilter="1" scenarios="0" formatColumns="1" deleteColumns="1" insertColumns="1" pivotTables="1" deleteRows="1" '
               'formatCells="1" formatRows="1" sort="1"/>')
_MARGINS = '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>'


@dataclass
class Validation:
    """A data validation: an input prompt, and with ``maximum`` a whole number from 0 to it, refused otherwise."""

    prompt: str
    maximum: int | None = None
    error_title: str = ""
    error: str = ""
    ranges: list[str] = field(default_factory=list)

    def add(self, cells: str) -> None:
        """Apply it to ``cells`` too (``C8:C11`` or ``C6``)."""
        self.ranges.append(cells)


@dataclass
class Sheet:
    """One protected sheet: its cells by (row, column) with a value and a style kind, in the order they were made."""

    title: str
    hidden: bool = False
    freeze: str | None = None  # the top left cell that scrolls, as openpyxl's ``freeze_panes``
    cells: dict[tuple[int, int], tuple[Value, str | None]] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    validations: list[Validation] = field(default_factory=list)

    def put(self, row: int, column: int, value: Value, kind: str | None = None) -> None:
        """Set a cell's value and style kind (a kind of ``workbook_style.CELL_STYLES``, None for none)."""
        self.cells[row, column] = (value, kind)

    def set(self, coordinate: str, value: Value, kind: str | None = None) -> None:
        self.put(*_position(coordinate), value, kind)

    def append(self, values: Iterable[Value]) -> None:
        """A row below the last one, from column A (as openpyxl's ``append``)."""
        row = max((row for row, _ in self.cells), default=0) + 1
        for column, value in enumerate(values, start=1):
            self.put(row, column, value)

    def width(self, column: str, width: float) -> None:
        self.widths[_position(f"{column}1")[1]] = width


def sheet_xml(sheet: Sheet, style_ids: dict[str, int]) -> bytes:
    """The worksheet part of ``sheet``; ``style_ids`` gives each style kind's index in the workbook's styles."""
    parts = [_TOP, _dimension(sheet), _views(sheet.freeze), _FORMAT, _columns(sheet.widths), "<sheetData>"]
    row = 0
    for (at_row, column), (value, kind) in sorted(sheet.cells.items()):
        if at_row != row:
            parts.append(f'</row><row r="{at_row}">' if row else f'<row r="{at_row}">')
            row = at_row
        if value is not None or kind is not None:  # openpyxl skips a cell made but left blank and plain
            parts.append(_cell(f"{_letter(column)}{at_row}", value, style_ids[kind] if kind else 0))
    parts.append("</row></sheetData>" if row else "</sheetData>")
    parts += [_PROTECTION, _validations(sheet.validations), _MARGINS]
    return "".join(parts).encode("ascii", "xmlcharrefreplace")


def text(value: str) -> str:
    """Text content as lxml escapes it (characters beyond ASCII are referenced when the part is encoded)."""
    return escape(value, _TEXT_ENTITIES)


def attribute(value: str) -> str:
    """An attribute value as lxml escapes it."""
    return escape(value, _ATTRIBUTE_ENTITIES)


_TEXT_ENTITIES = {"\r": "&#13;"}  # besides & < >, which escape always replaces
_ATTRIBUTE_ENTITIES = {**_TEXT_ENTITIES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}


REMEMBERED_TEXT = 200  # characters: longer texts (a lot's title, a bidder's name) are rarely met twice


def _cell(reference: str, value: Value, style: int) -> str:
    """The XML of one cell; most recur from grid to grid (same place, same formula, same label)."""
    if isinstance(value, str) and len(value) > REMEMBERED_TEXT:  # never keep big texts alive
        return _cell_xml(reference, value, style)
    return _remembered_cell(reference, value, style)


def _cell_xml(reference: str, value: Value, style: int) -> str:
    start = f'<c r="{reference}" s="{style}"' if style else f'<c r="{reference}"'
    if value is None:
        return f'{start} t="n"></c>'
    if not isinstance(value, str):
        return f'{start} t="n"><v>{safe_string(value)}</v></c>'
    value = value[:MAX_TEXT]
    if ILLEGAL_CHARACTERS_RE.search(value):
        raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
    if len(value) > 1 and value.startswith("="):  # openpyxl takes such a text for a formula
        return f"{start}><f>{text(value[1:])}</f><v></v></c>"
    if value in ERROR_CODES:
        return f'{start} t="e"><v>{text(value)}</v></c>'
    if not value:
        return f'{start} t="inlineStr"></c>'
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f'{start} t="inlineStr"><is><t{space}>{text(value)}</t></is></c>'


_remembered_cell = lru_cache(maxsize=16384, typed=True)(_cell_xml)


def _dimension(sheet: Sheet) -> str:
    if not sheet.cells:
        return '<dimension ref="A1:A1"/>'
    rows = [row for row, _ in sheet.cells]
    columns = [column for _, column in sheet.cells]
    return f'<dimension ref="{_letter(min(columns))}{min(rows)}:{_letter(max(columns))}{max(rows)}"/>'


def _views(freeze: str | None) -> str:
    if freeze is None:
        return _VIEW
    row, column = _position(freeze)
    if row < 2 or column < 2:
        raise ValueError(f"only panes frozen both across and down are written here, not at {freeze}")
    return _FROZEN_VIEW.format(x=column - 1, y=row - 1, cell=freeze)


def _columns(widths: dict[int, float]) -> str:
    if not widths:
        return ""
    columns = "".join(f'<col width="{safe_string(width)}" customWidth="1" min="{column}" max="{column}"/>'
                      for column, width in sorted(widths.items()))
    return f"<cols>{columns}</cols>"


def _validations(validations: list[Validation]) -> str:
    if not validations:
        return ""
    return f'<dataValidations count="{len(validations)}">{"".join(map(_validation, validations))}</dataValidations>'


def _validation(validation: Validation) -> str:
    # openpyxl keeps the ranges in a set and writes them column by column, then row by row
    ranges = " ".join(sorted(set(validation.ranges), key=lambda cells: range_boundaries(cells)))
    prompt = attribute(validation.prompt)
    if validation.maximum is None:
        return (f'<dataValidation sqref="{ranges}" showDropDown="0" showInputMessage="1" showErrorMessage="0" '
                f'allowBlank="0" prompt="{prompt}"/>')
    return (f'<dataValidation sqref="{ranges}" showDropDown="0" showInputMessage="1" showErrorMessage="1" allowBlank="1" '
            f'errorTitle="{attribute(validation.error_title)}" error="{attribute(validation.error)}" prompt="{prompt}" '
            f'type="whole" errorStyle="stop" operator="between"><formula1>0</formula1>'
            f"<formula2>{validation.maximum}</formula2></dataValidation>")


@lru_cache(maxsize=4096)
def _position(coordinate: str) -> tuple[int, int]:
    """(row, column) of ``B12``."""
    row, column = coordinate_to_tuple(coordinate)
    return row, column


@lru_cache(maxsize=256)
def _letter(column: int) -> str:
    return str(get_column_letter(column))
