"""The cells of a rendered table, as column fitting reads them: place, span, width element and text.

``table_cells`` reads a table in one walk of its subtree (lxml's ``iter`` over the
few tags it needs), which costs far less than visiting each row, cell and cell
property one by one. A table the walk cannot read unambiguously (a nested table, a
row or cell wrapped in a content control, text outside a paragraph) or a part with
a text box is read one element at a time instead (``cells_one_by_one``), which is
the reference the walk matches.
"""

from __future__ import annotations

from typing import NamedTuple

from lxml import etree

from generator.typography.wordml import paragraphs_text, w

W_TBL, W_TR, W_TC, W_TCPR, W_TCW, W_GRIDSPAN, W_P, W_T, W_VAL = (
    w(tag) for tag in ("tbl", "tr", "tc", "tcPr", "tcW", "gridSpan", "p", "t", "val")
)
_WALKED = (W_TBL, W_TR, W_TC, W_TCPR, W_TCW, W_GRIDSPAN, W_P, W_T)


class Cell(NamedTuple):
    """A cell of a table (not of a nested one).

    Its first grid column; its span (None without ``w:gridSpan``); the ``w:tcW`` giving
    its width; its text (``paragraphs_text``: its paragraphs, nested ones included, one
    space between them). Not the cell's element: a table's cells are kept while its
    columns are fitted, and fewer live elements spare the garbage collector.
    """

    column: int
    span: int | None
    width: etree._Element | None
    text: str


def table_cells(table: etree._Element, boxes: bool) -> list[list[Cell]]:
    """Per row of ``table`` (not of a nested table), its cells; ``boxes``: whether the part holds a text box."""
    walked = None if boxes else _cells_in_one_walk(table)
    return walked if walked is not None else cells_one_by_one(table, boxes)


def cells_one_by_one(table: etree._Element, boxes: bool) -> list[list[Cell]]:
    """``table_cells``, each row, cell and cell property visited in turn: the first ``w:tcPr``'s first ``w:gridSpan`` and ``w:tcW``."""
    rows = []
    for row in table:
        if row.tag != W_TR:
            continue
        cells, column = [], 0
        for cell in row:
            if cell.tag != W_TC:
                continue
            span = width = None
            for properties in cell:
                if properties.tag == W_TCPR:
                    for child in properties:
                        if child.tag == W_GRIDSPAN:
                            span = span if span is not None else child
                        elif child.tag == W_TCW:
                            width = width if width is not None else child
                    break
            spanned = int(span.get(W_VAL, "1")) if span is not None else None
            cells.append(Cell(column, spanned, width, paragraphs_text(cell, boxes)))
            column += spanned if spanned is not None else 1
        rows.append(cells)
    return rows


class _Reading:
    """The cell being read by the walk: its element, first ``w:tcPr``, span and width elements, text pieces."""

    __slots__ = ("element", "in_paragraph", "pieces", "properties", "span", "width")

    def __init__(self, element: etree._Element) -> None:
        self.element = element
        self.properties: etree._Element | None = None
        self.span: etree._Element | None = None
        self.width: etree._Element | None = None
        self.pieces: list[str] = []
        self.in_paragraph = False


def _cells_in_one_walk(table: etree._Element) -> list[list[Cell]] | None:
    """``cells_one_by_one`` for a part without text box, in one walk; None where the walk could misread the table."""
    rows: list[list[Cell]] = []
    row: etree._Element | None = None
    reading: list[_Reading] = []  # the cells of the row being read
    cell: _Reading | None = None
    for node in table.iter(*_WALKED):
        tag = node.tag
        if tag == W_T:
            if cell is None:
                return None
            if cell.in_paragraph:
                cell.pieces.append(node.text or "")
        elif tag == W_P:
            if cell is None:
                return None
            if cell.in_paragraph:
                cell.pieces.append(" ")
            cell.in_paragraph = True
        elif tag == W_TC:
            if row is None or node.getparent() is not row:
                return None  # a cell in a content control, or outside a row
            cell = _Reading(node)
            reading.append(cell)
        elif tag == W_TR:
            if node.getparent() is not table:
                return None  # a row in a content control
            if row is not None:
                rows.append(_placed(reading))
            row, cell, reading = node, None, []
        elif tag == W_TBL:
            if node is not table:
                return None  # a nested table: its cells' text is also its outer cell's
        elif cell is not None:
            _property(cell, node, tag)
    if row is not None:
        rows.append(_placed(reading))
    return rows


def _property(cell: _Reading, node: etree._Element, tag: str) -> None:
    """Note ``node`` (a ``w:tcPr``, ``w:gridSpan`` or ``w:tcW``) if it is the cell's first ``w:tcPr`` or the first span or width in it."""
    if tag == W_TCPR:
        if cell.properties is None and node.getparent() is cell.element:
            cell.properties = node
    elif cell.properties is not None and node.getparent() is cell.properties:
        if tag == W_GRIDSPAN:
            cell.span = cell.span if cell.span is not None else node
        else:
            cell.width = cell.width if cell.width is not None else node


def _placed(cells: list[_Reading]) -> list[Cell]:
    """The cells of a row once read, each with its first grid column."""
    placed, column = [], 0
    for cell in cells:
        spanned = int(cell.span.get(W_VAL, "1")) if cell.span is not None else None
        placed.append(Cell(column, spanned, cell.width, "".join(cell.pieces)))
        column += spanned if spanned is not None else 1
    return placed
