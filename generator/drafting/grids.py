"""docxtpl's ``fix_tables``, run only on the rendered bodies where it changes something.

A ``{%tc for %}`` loop can leave a table with more or fewer cells per row than its
grid has columns; docxtpl's ``fix_tables`` parses the body and rescales those grids.
Most bodies have no such table: the check below parses the body the same way and
reads each row once, and hands the rest to docxtpl, so the tree is the same.
"""

from __future__ import annotations

from docxtpl import DocxTemplate
from lxml import etree

from generator.typography.wordml import W, w

W_TBL, W_TBLGRID, W_GRIDCOL, W_TR, W_TC, W_TCPR, W_GRIDSPAN, W_VAL = (
    w(tag) for tag in ("tbl", "tblGrid", "gridCol", "tr", "tc", "tcPr", "gridSpan", "val")
)


def fix_tables(template: DocxTemplate, xml: str) -> etree._Element:
    """The parsed body, as ``template.fix_tables(xml)`` gives it."""
    tree = etree.fromstring(xml, parser=etree.XMLParser(recover=True))
    if tree.nsmap.get("w") != W or any(grid_mismatch(table) for table in tree.iter(W_TBL)):
        fixed: etree._Element = template.fix_tables(xml)
        return fixed
    return tree


def grid_mismatch(table: etree._Element) -> bool:
    """Whether docxtpl's ``fix_tables`` would change ``table``'s grid (or fail on it).

    It adds columns when a row has more cells than the grid has columns, and removes
    some when no row (nested tables' rows included, as docxtpl counts them) spans them all.
    """
    grid = next(table.iterchildren(W_TBLGRID), None)  # iterchildren, not find: lxml's find is far slower
    if grid is None:
        return True
    columns = sum(1 for _ in grid.iterchildren(W_GRIDCOL))
    widest = 0
    for row in table.iter(W_TR):
        cells = list(row.iterchildren(W_TC))
        if len(cells) > columns:
            return True
        widest = max(widest, sum(_span(cell) for cell in cells))
    return widest < columns


def _span(cell: etree._Element) -> int:
    properties = next(cell.iterchildren(W_TCPR), None)
    span = next(properties.iterchildren(W_GRIDSPAN), None) if properties is not None else None
    return int(span.get(W_VAL, "")) if span is not None else 1
