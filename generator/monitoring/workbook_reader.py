"""Opening a returned follow-up workbook and reading its identity sheet (monthly sheet or people register)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from generator.files import zip_bomb_problem
from generator.monitoring.errors import SheetError
from generator.monitoring.lists import sheet_labels
from generator.monitoring.xlsx_values import XlsxValues, cell_position

Workbook = XlsxValues

NOT_OURS = "ce classeur n'est pas une fiche produite par « clauses suivi » (feuille d'identification absente)"


def open_workbook(path: Path) -> Workbook:
    """The workbook's values (formulas as last computed); SheetError when unreadable or a zip bomb."""
    problem = zip_bomb_problem(path, "une fiche de suivi") if path.exists() else None
    if problem:
        raise SheetError(path, [problem])
    try:
        return XlsxValues(path)
    except FileNotFoundError as exc:
        raise SheetError(path, ["fichier introuvable"]) from exc
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, IndexError, ParseError) as exc:
        raise SheetError(path, ["classeur illisible : enregistrez la fiche au format Excel (.xlsx)"]) from exc


def identity(workbook: Workbook, path: Path) -> dict[str, Any]:
    """The key/value rows of the very hidden identity sheet."""
    name = str(sheet_labels()["feuille_identite"])
    if name not in workbook.sheetnames:
        raise SheetError(path, [NOT_OURS])
    return {row[0]: row[1] if len(row) > 1 else None for row in workbook.rows(name) if row and row[0]}


def cells(workbook: Workbook, title: str, path: Path) -> list[tuple[Any, ...]]:
    """Every row's values of sheet ``title``; SheetError when the sheet was renamed or removed."""
    if title not in workbook.sheetnames:
        visible = ", ".join(f"« {name} »" for name in workbook.sheetnames if name != sheet_labels()["feuille_identite"])
        raise SheetError(path, [f"feuille « {title} » introuvable : elle a été renommée ou supprimée (feuilles présentes : {visible})"])
    return workbook.rows(title)


def value(rows: list[tuple[Any, ...]], cell: str) -> Any:
    """The value at ``cell`` (``B6``) of rows read by ``cells``; None beyond the data."""
    row, column = cell_position(cell)
    if row > len(rows) or column > len(rows[row - 1]):
        return None
    return rows[row - 1][column - 1]


def text(raw: Any) -> str:
    """A cell as stripped text ('' when empty)."""
    return "" if raw is None else str(raw).strip()
