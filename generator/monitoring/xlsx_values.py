"""A small reader of the cell values of an .xlsx file, several times faster than openpyxl.

A facilitator imports thousands of monthly sheets a year; only values are needed (no
styles, no formulas), so the sheets' XML is read directly: shared strings, inline
strings, numbers, booleans. Dates come back as Excel serial numbers (the caller knows
which cells hold dates); ``excel_date`` converts them.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
CELL = re.compile(r"^([A-Z]+)(\d+)$")
EXCEL_EPOCH = dt.date(1899, 12, 30)
MAX_SERIAL = 2958466  # 31/12/9999 is the last day Excel knows


class XlsxValues:
    """The sheets of a workbook, by name, each as a list of rows of values (None for an empty cell)."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            self._strings = _shared_strings(archive)
            self._xml = {name: archive.read(target) for name, target in _sheet_targets(archive)}
        self._rows: dict[str, list[tuple[Any, ...]]] = {}

    @property
    def sheetnames(self) -> list[str]:
        return list(self._xml)

    def rows(self, name: str) -> list[tuple[Any, ...]]:
        """The rows of sheet ``name``, parsed on first use (a sheet never asked for is never parsed)."""
        if name not in self._rows:
            self._rows[name] = _rows(self._xml[name], self._strings)
        return self._rows[name]

    def close(self) -> None:
        """Nothing is left open (kept for the reader's interface)."""


def excel_date(serial: float) -> dt.date:
    """The date of an Excel serial day number (1900 date system)."""
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def cell_position(reference: str) -> tuple[int, int]:
    """``B6`` -> (6, 2): the row and column numbers (from 1) of a cell reference."""
    found = CELL.match(reference)
    if not found:
        raise ValueError(f"not a cell reference: {reference!r}")
    return int(found[2]), _column(found[1])


def _sheet_targets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{RELS}Relationship")}
    found = []
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = targets[sheet.get(OFFICE_REL)]
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        found.append((sheet.get("name", ""), path))
    return found


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
    return ["".join(text.text or "" for text in item.iter(f"{MAIN}t")) for item in root.iter(f"{MAIN}si")]


def _rows(data: bytes, strings: list[str]) -> list[tuple[Any, ...]]:
    grid: dict[int, dict[int, Any]] = {}
    for cell in ElementTree.fromstring(data).iter(f"{MAIN}c"):
        found = CELL.match(cell.get("r", ""))
        if not found:
            continue
        value = _value(cell, strings)
        if value is not None:
            grid.setdefault(int(found[2]), {})[_column(found[1])] = value
    if not grid:
        return []
    width = max(max(columns) for columns in grid.values())
    return [tuple(grid.get(row, {}).get(column) for column in range(1, width + 1)) for row in range(1, max(grid) + 1)]


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _value(cell: ElementTree.Element, strings: list[str]) -> Any:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(text.text or "" for text in cell.iter(f"{MAIN}t"))
    raw = cell.findtext(f"{MAIN}v")
    if raw is None:
        return None
    if kind == "s":
        return strings[int(raw)]
    if kind == "b":
        return raw == "1"
    if kind in ("str", "e"):
        return raw
    number = float(raw)
    return int(number) if number.is_integer() and "." not in raw and "E" not in raw.upper() else number
