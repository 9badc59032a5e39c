"""docxtpl's ``fix_tables``, done on the body already parsed.

A ``{%tc for %}`` loop can leave a table with more or fewer cells per row than its
grid has columns; docxtpl's ``fix_tables`` parses the body and rescales those grids.
``fix_tables`` below parses the body the same way and makes the same changes to
the same tree, in the same order, reading a table's rows and cells in one walk
(docxtpl reads each row twice with lxml's slow ``find``). What it does not expect (a table without a grid, a
column without a width, a width or span that is not a number: docxtpl fails on
them or reads them its own way) is handed to docxtpl itself, so the tree, or the error,
is docxtpl's.
"""

from __future__ import annotations

from docxtpl import DocxTemplate
from lxml import etree

from generator.typography.wordml import W, w

W_TBL, W_TBLGRID, W_GRIDCOL, W_TR, W_TC, W_TCPR, W_GRIDSPAN, W_VAL, W_W = (
    w(tag) for tag in ("tbl", "tblGrid", "gridCol", "tr", "tc", "tcPr", "gridSpan", "val", "w")
)


class _Unexpected(Exception):
    """A table that docxtpl's ``fix_tables`` reads in a way this module does not reproduce."""


def fix_tables(template: DocxTemplate, xml: str) -> etree._Element:
    """The parsed body, as ``template.fix_tables(xml)`` gives it."""
    tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
    if tree.nsmap.get("w") != W:
        return _docxtpl_fix(template, xml)
    try:
        for table in tree.iter(W_TBL):
            _fix_grid(table)
    except (_Unexpected, ArithmeticError, ValueError):  # docxtpl's own reading gives its result or its error
        return _docxtpl_fix(template, xml)
    return tree


def _docxtpl_fix(template: DocxTemplate, xml: str) -> etree._Element:
    fixed: etree._Element = template.fix_tables(xml)
    return fixed


def _fix_grid(table: etree._Element) -> None:
    """docxtpl's changes to ``table``'s grid: columns added for the widest row, then those no row spans removed.

    Rows of nested tables count too, as docxtpl counts them.
    """
    grid = next(table.iterchildren(W_TBLGRID), None)  # iterchildren, not find: lxml's find is far slower
    if grid is None:
        raise _Unexpected
    columns = list(grid.iterchildren(W_GRIDCOL))
    most_cells, most_spans = _widest_row(table)
    if most_cells <= len(columns) and most_spans >= len(columns):
        return  # the common case: the grid is right, its widths are not even read
    widths = [_width(column) for column in columns]
    if most_cells > len(columns):
        columns, widths = _add_columns(grid, columns, widths, most_cells - len(columns))
    if most_spans < len(columns):
        _remove_columns(grid, columns, widths, len(columns) - most_spans)


def _widest_row(table: etree._Element) -> tuple[int, int]:
    """The most cells a row of ``table`` has, and the most grid columns a row spans (rows of nested tables included).

    One walk of the table for its rows, cells and spans: a row's cells are its
    children (as docxtpl's ``findall``), a cell's span its first ``w:tcPr``'s first
    ``w:gridSpan`` (``_span``, read again for the rare cell that has one).
    """
    cells: dict[etree._Element, int] = {}
    spans: dict[etree._Element, int] = {}
    for node in table.iter(W_TR, W_TC, W_GRIDSPAN):
        tag = node.tag
        if tag == W_TR:
            cells[node] = spans[node] = 0
        elif tag == W_TC:
            row = node.getparent()
            if row in cells:
                cells[row] += 1
                spans[row] += 1
        else:  # a w:gridSpan, counted if it is the span of a cell of a row of the table
            properties = node.getparent()
            cell = properties.getparent() if properties is not None else None
            if cell is not None and cell.tag == W_TC and (row := cell.getparent()) in spans and _first_span(cell) is node:
                spans[row] += int(node.get(W_VAL, "")) - 1
    return max(cells.values(), default=0), max(spans.values(), default=0)


def _first_span(cell: etree._Element) -> etree._Element | None:
    """The first ``w:gridSpan`` of the cell's first ``w:tcPr``."""
    for properties in cell:
        if properties.tag == W_TCPR:
            for child in properties:
                if child.tag == W_GRIDSPAN:
                    return child
            return None
    return None


def _width(column: etree._Element) -> float:
    value = column.get(W_W)
    if value is None:  # docxtpl skips it in one sum and fails on it in another
        raise _Unexpected
    return float(value)


def _add_columns(grid: etree._Element, columns: list[etree._Element], widths: list[float], count: int) -> tuple[list[etree._Element], list[float]]:
    """docxtpl's widening: the old columns scaled down and ``count`` new ones of the new average, the table's width kept."""
    total = sum(widths)
    if total <= 0:
        return columns, widths  # docxtpl adds no column to a grid without widths
    old_average, new_average = total / len(columns), total / (len(columns) + count)
    for column, width in zip(columns, widths, strict=True):
        column.set(W_W, str(int(width * new_average / old_average)))
    added = [etree.SubElement(grid, W_GRIDCOL, {W_W: str(int(new_average))}) for _ in range(count)]
    return columns + added, [float(int(width * new_average / old_average)) for width in widths] + [float(int(new_average))] * count


def _remove_columns(grid: etree._Element, columns: list[etree._Element], widths: list[float], count: int) -> None:
    """docxtpl's narrowing: the last ``count`` columns removed, their width shared evenly (in whole twips) by the others."""
    removed = 0.0
    for column, width in zip(columns[-count:], widths[-count:], strict=True):
        removed += width
        grid.remove(column)
    left = len(columns) - count
    extra = int(removed / left) if left else 0
    for column, width in zip(columns[:left], widths[:left], strict=True):
        column.set(W_W, str(int(width + extra)))
