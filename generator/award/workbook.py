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

from generator.award.layout import FORMULA_CELL, MAX_CELL, NAME_ROW, SUBHEADER_ROW, WEIGHT_CELL, LotLayout, grid_data
from generator.award.sheet_xml import Sheet, Validation
from generator.award.xlsx_package import grid_package
from generator.reference.document_models import GridLabels
from generator.resolve.criterion import Criterion, excel_total, excel_weighted
from generator.resolve.model import ResolvedLot, ResolvedSpec


def grid_workbook(resolved: ResolvedSpec, bidders: list[str]) -> bytes:
    """The .xlsx grid of every scored lot, with ``bidders`` columns (blank ones when empty)."""
    return grid_package(grid_sheets(resolved, bidders))


def grid_sheets(resolved: ResolvedSpec, bidders: list[str]) -> list[Sheet]:
    """The grid's sheets: one per scored lot, then the hidden identity sheet."""
    names = bidders or [""] * grid_data().colonnes_vierges
    sheets = [_lot_sheet(lot, resolved.allotie, names) for lot in resolved.lots_notes]
    return [*sheets, _identity_sheet(resolved, names)]


def _labels() -> GridLabels:
    return grid_data().libelles


def _lot_sheet(lot: ResolvedLot, allotie: bool, names: list[str]) -> Sheet:
    criterion = lot.critere_note
    layout = LotLayout(len(criterion.sous_criteres), len(names))
    sheet = Sheet(lot.designation, freeze=f"C{layout.row(0)}")
    _header(sheet, lot, allotie, criterion)
    _sub_criteria(sheet, layout, criterion)
    validation = _mark_validation(criterion.note_max)
    sheet.validations.append(validation)
    for bidder, name in enumerate(names):
        _bidder_columns(sheet, layout, bidder, name, criterion)
        validation.add(f"{layout.mark(bidder, 0)}:{layout.mark(bidder, layout.sub_criteria - 1)}")
    _name_prompt(sheet, layout)
    _scale_and_expectations(sheet, layout.total_row + 2, criterion)
    return sheet


def _header(sheet: Sheet, lot: ResolvedLot, allotie: bool, criterion: Criterion) -> None:
    labels = _labels()
    sheet.set("A1", labels.titre.format(lot=f"{lot.designation} — {lot.intitule}" if allotie else lot.intitule), "title")
    rows = ((labels.critere, criterion.intitule), (labels.ponderation_critere, criterion.ponderation),
            (labels.note_max, criterion.note_max))
    for offset, (label, value) in enumerate(rows):
        sheet.put(2 + offset, 1, label, "label")
        sheet.put(2 + offset, 2, _number(value))
    sheet.set(FORMULA_CELL, criterion.formule)
    sheet.width("A", 42)
    sheet.width("B", 16)


def _number(value: Any) -> Any:
    """Whole Decimals as int, others as float: a spreadsheet cell holds a binary number."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _head(sheet: Sheet, cell: str, text: str) -> None:
    """A header cell: bold, blue, wrapped (an empty text leaves the cell empty)."""
    sheet.set(cell, text or None, "head")


def _sub_criteria(sheet: Sheet, layout: LotLayout, criterion: Criterion) -> None:
    labels = _labels()
    for column, label in (("A", labels.sous_critere), ("B", labels.poids)):
        _head(sheet, f"{column}{NAME_ROW}", label)
        _head(sheet, f"{column}{SUBHEADER_ROW}", "")
    for index, sub in enumerate(criterion.sous_criteres):
        sheet.set(f"A{layout.row(index)}", sub.libelle)
        sheet.set(f"B{layout.row(index)}", _number(sub.poids))
    sheet.set(f"A{layout.total_row}", criterion.intitule_note, "label")


def _bidder_columns(sheet: Sheet, layout: LotLayout, bidder: int, name: str, criterion: Criterion) -> None:
    labels = _labels()
    sheet.set(layout.name(bidder), name or None, "name")
    headers = (labels.note.format(max=criterion.note_max), labels.justification, labels.note_ponderee)
    for offset, text in enumerate(headers):
        _head(sheet, f"{layout.column(bidder, offset)}{SUBHEADER_ROW}", text)
    for index in range(layout.sub_criteria):
        _bidder_row(sheet, layout, bidder, index)
    marks = f"{layout.mark(bidder, 0)}:{layout.mark(bidder, layout.sub_criteria - 1)}"
    weights = f"$B${layout.row(0)}:$B${layout.row(layout.sub_criteria - 1)}"
    formula = _total_formula(weights, marks)
    sheet.set(layout.total(bidder), f'=IF(COUNT({marks})={layout.sub_criteria},{formula},"")', "total")
    for offset, width in enumerate((10, 45, 12)):
        sheet.width(layout.column(bidder, offset), width)


def _bidder_row(sheet: Sheet, layout: LotLayout, bidder: int, index: int) -> None:
    mark = layout.mark(bidder, index)
    sheet.set(mark, None, "input")
    sheet.set(layout.justification(bidder, index), None, "justification")
    formula = _weighted_formula(f"$B{layout.row(index)}", mark)
    sheet.set(layout.weighted(bidder, index), f'=IF({mark}="","",{formula})', "weighted")


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


def _mark_validation(note_max: int) -> Validation:
    labels = _labels()
    return Validation(labels.saisie_note.format(max=note_max), maximum=note_max, error_title=labels.bareme,
                      error=labels.note_refusee.format(max=note_max))


def _name_prompt(sheet: Sheet, layout: LotLayout) -> None:
    prompt = Validation(_labels().saisie_nom)
    sheet.validations.append(prompt)
    for bidder in range(layout.bidders):
        prompt.add(layout.name(bidder))


def _scale_and_expectations(sheet: Sheet, row: int, criterion: Criterion) -> None:
    labels = _labels()
    levels = [(level.note, level.descripteur) for level in criterion.bareme]
    row = _two_columns(sheet, row, (labels.bareme, labels.appreciation), levels)
    expectations = [(sub.libelle, sub.attendu) for sub in criterion.sous_criteres]
    row = _two_columns(sheet, row, (labels.sous_critere, labels.attendus), expectations)
    sheet.put(row, 1, criterion.formule)
    sheet.put(row + 1, 1, criterion.exemple)
    _descriptors(sheet, row + 3, criterion)


def _two_columns(sheet: Sheet, row: int, headings: tuple[str, str], lines: Sequence[tuple[int | str, str]]) -> int:
    """A two-column table with its headings at ``row``; the row after it and a blank line."""
    _head(sheet, f"A{row}", headings[0])
    _head(sheet, f"B{row}", headings[1])
    for offset, (first, second) in enumerate(lines, start=1):
        sheet.put(row + offset, 1, first)
        sheet.put(row + offset, 2, second)
    return row + len(lines) + 2


def _descriptors(sheet: Sheet, row: int, criterion: Criterion) -> None:
    """What each mark looks like, sub-criterion by sub-criterion (only under the default scale)."""
    described = [sub for sub in criterion.sous_criteres if sub.descripteurs]
    if not described:
        return
    labels = _labels()
    _head(sheet, f"A{row}", labels.sous_critere)
    _head(sheet, f"B{row}", labels.descripteurs)
    for sub in described:
        for level in sub.descripteurs:
            row += 1
            sheet.put(row, 1, f"{sub.libelle} — {level.note}")
            sheet.put(row, 2, level.descripteur)


def _identity_sheet(resolved: ResolvedSpec, names: list[str]) -> Sheet:
    """Reference, format version, and per lot: sheet, number, bidder columns, sub-criterion keys,
    then the weights the committee marks under (criterion points, each sub-criterion's %) and the top of the scale;
    last, the bidder names the tool wrote, which tell them from names a user typed."""
    data = grid_data()
    sheet = Sheet(data.feuille_identite, hidden=True)
    sheet.append(["reference", resolved.consultation.reference])
    sheet.append(["version", data.version])
    for lot in resolved.lots_notes:
        criterion = lot.critere_note
        sheet.append(["lot", lot.designation, lot.numero, len(names), *(sub.key for sub in criterion.sous_criteres)])
        sheet.append(["ponderations", lot.designation, _number(criterion.ponderation), *(_number(sub.poids) for sub in criterion.sous_criteres)])
        sheet.append(["bareme", lot.designation, criterion.note_max])
    sheet.append(["candidats", *(name or None for name in names)])
    return sheet
