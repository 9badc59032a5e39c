"""The spreadsheet grid the award committee fills: one protected sheet per scored lot.

Marks and justifications are the only unlocked cells; weighted marks and the
criterion mark are the formulas of ``resolve.criterion``; a data validation refuses a mark
outside the scale. A very hidden sheet records the consultation reference, each lot's
sheet, its sub-criterion keys, weights and scale, so that ``clauses noter`` can tell the
grid belongs to the spec and was marked under the weights the spec still announces.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.award.layout import FORMULA_CELL, MAX_CELL, NAME_ROW, SUBHEADER_ROW, WEIGHT_CELL, LotLayout, grid_data
from generator.reference.models import GridLabels
from generator.resolve.criterion import Criterion, excel_total, excel_weighted
from generator.resolve.model import ResolvedLot, ResolvedSpec
from generator.workbook_style import BOLD, CellStyles, deterministic_bytes, head


def grid_workbook(resolved: ResolvedSpec, bidders: list[str]) -> bytes:
    """The .xlsx grid of every scored lot, with ``bidders`` columns (blank ones when empty)."""
    names = bidders or [""] * grid_data().colonnes_vierges
    workbook = Workbook()
    workbook.remove(workbook.active)
    styles = CellStyles()
    for lot in resolved.lots_notes:
        _lot_sheet(workbook.create_sheet(lot.designation), lot, resolved.allotie, names, styles)
    _identity_sheet(workbook, resolved, names)
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.active = 0
    return deterministic_bytes(workbook)


def _labels() -> GridLabels:
    return grid_data().libelles


def _lot_sheet(sheet: Worksheet, lot: ResolvedLot, allotie: bool, names: list[str], styles: CellStyles) -> None:
    criterion = lot.critere_note
    layout = LotLayout(len(criterion.sous_criteres), len(names))
    _header(sheet, lot, allotie, criterion)
    _sub_criteria(sheet, layout, criterion, styles)
    validation = _mark_validation(criterion.note_max)
    sheet.add_data_validation(validation)
    for bidder, name in enumerate(names):
        _bidder_columns(sheet, layout, bidder, name, criterion, styles)
        validation.add(f"{layout.mark(bidder, 0)}:{layout.mark(bidder, layout.sub_criteria - 1)}")
    _name_prompt(sheet, layout)
    _scale_and_expectations(sheet, layout.total_row + 2, criterion, styles)
    sheet.protection.sheet = True
    sheet.freeze_panes = f"C{layout.row(0)}"


def _header(sheet: Worksheet, lot: ResolvedLot, allotie: bool, criterion: Criterion) -> None:
    labels = _labels()
    sheet["A1"] = labels.titre.format(lot=f"{lot.designation} — {lot.intitule}" if allotie else lot.intitule)
    sheet["A1"].font = Font(bold=True, size=13)
    rows = ((labels.critere, criterion.intitule), (labels.ponderation_critere, criterion.ponderation),
            (labels.note_max, criterion.note_max))
    for offset, (label, value) in enumerate(rows):
        sheet.cell(row=2 + offset, column=1, value=label).font = BOLD
        sheet.cell(row=2 + offset, column=2, value=_number(value))
    sheet[FORMULA_CELL] = criterion.formule
    sheet.column_dimensions["A"].width = 42
    sheet.column_dimensions["B"].width = 16


def _number(value: Any) -> Any:
    """Whole Decimals as int, others as float: a spreadsheet cell holds a binary number."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _sub_criteria(sheet: Worksheet, layout: LotLayout, criterion: Criterion, styles: CellStyles) -> None:
    labels = _labels()
    for column, label in (("A", labels.sous_critere), ("B", labels.poids)):
        head(sheet, f"{column}{NAME_ROW}", label, styles)
        head(sheet, f"{column}{SUBHEADER_ROW}", "", styles)
    for index, sub in enumerate(criterion.sous_criteres):
        sheet[f"A{layout.row(index)}"] = sub.libelle
        sheet[f"B{layout.row(index)}"] = _number(sub.poids)
    total = sheet[f"A{layout.total_row}"]
    total.value = criterion.intitule_note
    total.font = BOLD


def _bidder_columns(sheet: Worksheet, layout: LotLayout, bidder: int, name: str, criterion: Criterion, styles: CellStyles) -> None:
    labels = _labels()
    name_cell = sheet[layout.name(bidder)]
    name_cell.value = name or None
    styles.apply(name_cell, "name")
    headers = (labels.note.format(max=criterion.note_max), labels.justification, labels.note_ponderee)
    for offset, text in enumerate(headers):
        head(sheet, f"{layout.column(bidder, offset)}{SUBHEADER_ROW}", text, styles)
    for index in range(layout.sub_criteria):
        _bidder_row(sheet, layout, bidder, index, styles)
    marks = f"{layout.mark(bidder, 0)}:{layout.mark(bidder, layout.sub_criteria - 1)}"
    weights = f"$B${layout.row(0)}:$B${layout.row(layout.sub_criteria - 1)}"
    formula = _total_formula(weights, marks)
    total = sheet[layout.total(bidder)]
    total.value = f'=IF(COUNT({marks})={layout.sub_criteria},{formula},"")'
    styles.apply(total, "total")
    for offset, width in enumerate((10, 45, 12)):
        sheet.column_dimensions[layout.column(bidder, offset)].width = width


def _bidder_row(sheet: Worksheet, layout: LotLayout, bidder: int, index: int, styles: CellStyles) -> None:
    mark = sheet[layout.mark(bidder, index)]
    justification = sheet[layout.justification(bidder, index)]
    styles.apply(mark, "mark")
    styles.apply(justification, "justification")
    weighted = sheet[layout.weighted(bidder, index)]
    row = layout.row(index)
    formula = _weighted_formula(f"$B{row}", mark.coordinate)
    weighted.value = f'=IF({mark.coordinate}="","",{formula})'
    styles.apply(weighted, "weighted")


def _absolute(cell: str) -> str:
    return f"${cell[0]}${cell[1:]}"


# Every grid puts its marks in the same few cells: each formula is rendered once per run.
@lru_cache(maxsize=4096)
def _weighted_formula(weight: str, mark: str) -> str:
    return excel_weighted(_criterion_cells(), weight, mark)


@lru_cache(maxsize=1024)
def _total_formula(weights: str, marks: str) -> str:
    return excel_total(_criterion_cells(), weights, marks)


def _criterion_cells() -> dict[str, str]:
    """Where a lot's sheet holds the criterion's points and the top of its scale."""
    return {"ponderation": _absolute(WEIGHT_CELL), "note_max": _absolute(MAX_CELL)}


def _mark_validation(note_max: int) -> DataValidation:
    message = _labels().note_refusee.format(max=note_max)
    return DataValidation(type="whole", operator="between", formula1="0", formula2=str(note_max), allow_blank=True,
                          showErrorMessage=True, errorStyle="stop", errorTitle=_labels().bareme, error=message,
                          showInputMessage=True, prompt=_labels().saisie_note.format(max=note_max))


def _name_prompt(sheet: Worksheet, layout: LotLayout) -> None:
    prompt = DataValidation(type=None, showInputMessage=True, prompt=_labels().saisie_nom)
    sheet.add_data_validation(prompt)
    for bidder in range(layout.bidders):
        prompt.add(layout.name(bidder))


def _scale_and_expectations(sheet: Worksheet, row: int, criterion: Criterion, styles: CellStyles) -> None:
    labels = _labels()
    levels = [(level.note, level.descripteur) for level in criterion.bareme]
    row = _two_columns(sheet, row, (labels.bareme, labels.appreciation), levels, styles)
    expectations = [(sub.libelle, sub.attendu) for sub in criterion.sous_criteres]
    row = _two_columns(sheet, row, (labels.sous_critere, labels.attendus), expectations, styles)
    sheet.cell(row=row, column=1, value=criterion.formule)
    sheet.cell(row=row + 1, column=1, value=criterion.exemple)
    _descriptors(sheet, row + 3, criterion, styles)


def _two_columns(sheet: Worksheet, row: int, headings: tuple[str, str], lines: Sequence[tuple[int | str, str]], styles: CellStyles) -> int:
    """A two-column table with its headings at ``row``; the row after it and a blank line."""
    head(sheet, f"A{row}", headings[0], styles)
    head(sheet, f"B{row}", headings[1], styles)
    for offset, (first, second) in enumerate(lines, start=1):
        sheet.cell(row=row + offset, column=1, value=first)
        sheet.cell(row=row + offset, column=2, value=second)
    return row + len(lines) + 2


def _descriptors(sheet: Worksheet, row: int, criterion: Criterion, styles: CellStyles) -> None:
    """What each mark looks like, sub-criterion by sub-criterion (only under the default scale)."""
    described = [sub for sub in criterion.sous_criteres if sub.descripteurs]
    if not described:
        return
    labels = _labels()
    head(sheet, f"A{row}", labels.sous_critere, styles)
    head(sheet, f"B{row}", labels.descripteurs, styles)
    for sub in described:
        for level in sub.descripteurs:
            row += 1
            sheet.cell(row=row, column=1, value=f"{sub.libelle} — {level.note}")
            sheet.cell(row=row, column=2, value=level.descripteur)


def _identity_sheet(workbook: Workbook, resolved: ResolvedSpec, names: list[str]) -> None:
    """Reference, format version, and per lot: sheet, number, bidder columns, sub-criterion keys,
    then the weights the committee marks under (criterion points, each sub-criterion's %) and the top of the scale;
    last, the bidder names the tool wrote, which tell them from names a user typed."""
    data = grid_data()
    sheet = workbook.create_sheet(data.feuille_identite)
    sheet.append(["reference", resolved.consultation.reference])
    sheet.append(["version", data.version])
    for lot in resolved.lots_notes:
        criterion = lot.critere_note
        sheet.append(["lot", lot.designation, lot.numero, len(names), *(sub.key for sub in criterion.sous_criteres)])
        sheet.append(["ponderations", lot.designation, _number(criterion.ponderation), *(_number(sub.poids) for sub in criterion.sous_criteres)])
        sheet.append(["bareme", lot.designation, criterion.note_max])
    sheet.append(["candidats", *(name or None for name in names)])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
