"""The grid's .xlsx package: the parts every grid shares, made once per run, around its own sheets.

Styles, theme, document properties and package relationships are the same in every
grid: they are taken, compressed, from one small workbook openpyxl saves the first
time a grid is written (its cells use each style kind in the order a grid first
uses them, so the style indices are the ones openpyxl gave the grid's cells). Only
the sheets, the workbook part and the lists of sheets are written per grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from openpyxl import Workbook

from generator.award.sheet_xml import Sheet, attribute, sheet_xml
from generator.files import ZipMember, deflate, write_zip, zip_members
from generator.workbook_style import deterministic_bytes, style

# The style kinds of a grid, in the order its cells first take them.
GRID_KINDS = ("title", "label", "head", "name", "input", "justification", "weighted", "total")
_BEFORE_SHEETS = ("docProps/app.xml", "docProps/core.xml", "xl/theme/theme1.xml")
_AFTER_SHEETS = ("xl/styles.xml", "_rels/.rels")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument"


def grid_package(sheets: Sequence[Sheet]) -> bytes:
    """The .xlsx of ``sheets``, structure locked, the first one active: what openpyxl saves for them."""
    shared, style_ids = _shared_parts()
    members = [shared[name] for name in _BEFORE_SHEETS]
    members += [deflate(f"xl/worksheets/sheet{number}.xml", sheet_xml(sheet, style_ids)) for number, sheet in enumerate(sheets, start=1)]
    members += [shared[name] for name in _AFTER_SHEETS]
    members += [deflate("xl/workbook.xml", _workbook(sheets)), *_sheet_lists(len(sheets))]
    return write_zip(members)


@lru_cache(maxsize=1)
def _shared_parts() -> tuple[dict[str, ZipMember], dict[str, int]]:
    """The parts every grid shares, compressed, and the index of each style kind in their styles."""
    workbook = Workbook()
    sheet = workbook.active
    for row, kind in enumerate(GRID_KINDS, start=1):
        style(sheet.cell(row=row, column=1), kind)
    style_ids = {kind: int(sheet.cell(row=row, column=1).style_id) for row, kind in enumerate(GRID_KINDS, start=1)}
    return {member.name: member for member in zip_members(deterministic_bytes(workbook))}, style_ids


def _workbook(sheets: Sequence[Sheet]) -> bytes:
    listed = "".join(
        f'<sheet xmlns:r="{_OFFICE_RELS}" name="{attribute(sheet.title)}" sheetId="{number}" '
        f'state="{"veryHidden" if sheet.hidden else "visible"}" r:id="rId{number}"/>'
        for number, sheet in enumerate(sheets, start=1)
    )
    return (
        f'<workbook xmlns="{_MAIN}"><workbookPr/><workbookProtection lockStructure="1"/><bookViews>'
        '<workbookView visibility="visible" minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" '
        'tabRatio="600" firstSheet="0" activeTab="0" autoFilterDateGrouping="1"/></bookViews>'
        f'<sheets>{listed}</sheets><definedNames/><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    ).encode()  # openpyxl writes this part in UTF-8, the sheets in ASCII


@lru_cache(maxsize=64)
def _sheet_lists(count: int) -> tuple[ZipMember, ZipMember]:
    """The workbook's relationships and the package's content types, for ``count`` sheets."""
    relationship = '<Relationship Type="{rels}/{kind}" Target="{target}" Id="rId{number}"/>'
    sheets = [relationship.format(rels=_OFFICE_RELS, kind="worksheet", target=f"/xl/worksheets/sheet{n}.xml", number=n) for n in range(1, count + 1)]
    rels = "".join([
        f'<Relationships xmlns="{_PACKAGE_RELS}">', *sheets,
        relationship.format(rels=_OFFICE_RELS, kind="styles", target="styles.xml", number=count + 1),
        relationship.format(rels=_OFFICE_RELS, kind="theme", target="theme/theme1.xml", number=count + 2),
        "</Relationships>",
    ])
    override = '<Override PartName="{part}" ContentType="{kind}"/>'
    types = "".join([
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        override.format(part="/xl/styles.xml", kind=f"{_TYPE}.spreadsheetml.styles+xml"),
        override.format(part="/xl/theme/theme1.xml", kind=f"{_TYPE}.theme+xml"),
        override.format(part="/docProps/core.xml", kind="application/vnd.openxmlformats-package.core-properties+xml"),
        override.format(part="/docProps/app.xml", kind=f"{_TYPE}.extended-properties+xml"),
        *(override.format(part=f"/xl/worksheets/sheet{n}.xml", kind=f"{_TYPE}.spreadsheetml.worksheet+xml") for n in range(1, count + 1)),
        override.format(part="/xl/workbook.xml", kind=f"{_TYPE}.spreadsheetml.sheet.main+xml"),
        "</Types>",
    ])
    return deflate("xl/_rels/workbook.xml.rels", rels.encode()), deflate("[Content_Types].xml", types.encode())
