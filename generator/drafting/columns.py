"""Column widths that fit their content: no word is cut across two lines of a table cell.

A template gives its columns widths (or equal ones), and a ``{%tc for %}`` loop
multiplies columns after the fact; on the rendered table, each column gets at least
the width of its longest word, taken from the columns that have room to spare.
The table keeps its total width.
"""

from __future__ import annotations

import re
from functools import cache

from lxml import etree

from generator.drafting.table_cells import Cell, table_cells
from generator.typography.wordml import has_text_box, w

# Widths of the body font (Arial 10.5 pt: 210 twips to the em) by kind of character,
# in em, rounded up (bold included); and the left and right margins of a cell
# (Table Grid: 108 twips each) with a little slack.
EM = 210
NARROW, WIDE = set("iljtfrI.,:;'’()[]!|/ \u00a0\u202f"), set("mwMW%@")
CELL_MARGINS = 2 * 108 + 40
BREAKS = re.compile(r"[ \t\n]+")
MAX_SHARE = 0.4  # a very long word (an e-mail address) takes at most this share of the table
W_TBL, W_TBLGRID, W_GRIDCOL, W_W, W_TYPE = (w(tag) for tag in ("tbl", "tblGrid", "gridCol", "w", "type"))


def fit_columns(root: etree._Element) -> None:
    """Widen the columns of every table of a rendered part so that their longest word fits."""
    boxes = has_text_box(root)  # looked for once in the part rather than once per cell
    for table in root.iter(W_TBL):
        grid = table.find(W_TBLGRID)
        if grid is None:
            continue
        columns = grid.findall(W_GRIDCOL)
        cells = table_cells(table, boxes)
        current = _current_widths(cells, [int(float(column.get(W_W, "0"))) for column in columns])
        needed = _longest_words(cells, len(columns))
        widths = _fitted(current, [min(CELL_MARGINS + n, int(MAX_SHARE * sum(current))) for n in needed])
        if widths == current:
            continue
        for column, width in zip(columns, widths, strict=True):
            column.set(W_W, str(width))
        _set_cell_widths(cells, widths)


def _current_widths(rows: list[list[Cell]], grid: list[int]) -> list[int]:
    """The widths the template gave: its cells' when they fill the grid's width, else the grid's.

    A template's cells carry the widths its author chose; after a ``{%tc for %}``
    loop, the copied cells overflow and only the grid (rescaled by docxtpl) is right.
    """
    cells = _first_row_widths(rows, len(grid))
    return cells if cells and abs(sum(cells) - sum(grid)) <= len(grid) * 2 else grid


def _first_row_widths(rows: list[list[Cell]], count: int) -> list[int] | None:
    """The widths the first row's cells give (in twips), when each of the ``count`` columns has one."""
    widths = []
    for cell in rows[0] if rows else []:
        if cell.width is None or cell.width.get(W_TYPE) != "dxa" or cell.span is not None:
            return None
        widths.append(int(float(cell.width.get(W_W, "0"))))
    return widths if len(widths) == count and all(widths) else None


def _longest_words(rows: list[list[Cell]], count: int) -> list[int]:
    """Per grid column, the width of the longest word of its single-column cells (twips)."""
    longest = [0] * count
    for row in rows:
        for cell in row:
            if cell.column < count and cell.span is None:
                # A line breaks at an ordinary space only: « 1 542 heures » is one word once set.
                widest = widest_word(cell.text)
                longest[cell.column] = max(longest[cell.column], widest)
    return longest


@cache
def widest_word(text: str) -> int:
    """The width of the longest word of ``text`` (twips); cached, as a template's cells come back document after document."""
    return max(map(text_width, BREAKS.split(text)))


@cache
def text_width(word: str) -> int:
    """An upper estimate of the width of ``word`` in twips, set in the body font."""
    return round(EM * sum(_em(char) for char in word))


def _em(char: str) -> float:
    if char in NARROW:
        return 0.34
    if char in WIDE:
        return 0.9
    if char.isupper():
        return 0.72
    return 0.58


def _fitted(current: list[int], minimum: list[int]) -> list[int]:
    """``current`` with each column raised to its minimum, the width taken from those with room."""
    total = sum(current)
    widths = [max(width, least) for width, least in zip(current, minimum, strict=True)]
    excess = sum(widths) - total
    room = [max(width - least, 0) for width, least in zip(widths, minimum, strict=True)]
    if excess <= 0:
        return widths
    if sum(room) >= excess:
        return [width - excess * spare // sum(room) for width, spare in zip(widths, room, strict=True)]
    # Not enough room for every word: share the width in proportion to the longest words.
    needed = [max(least, 1) for least in minimum]
    return [total * least // sum(needed) for least in needed]


def _set_cell_widths(rows: list[list[Cell]], widths: list[int]) -> None:
    for row in rows:
        for cell in row:
            if cell.width is not None:
                cell.width.set(W_W, str(sum(widths[cell.column:cell.column + (cell.span or 1)])))
                cell.width.set(W_TYPE, "dxa")
