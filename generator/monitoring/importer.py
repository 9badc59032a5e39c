"""Importing returned files (monthly sheets and people registers), one by one or a whole folder.

Each file is its own transaction: a bad file is reported and stored not at all, the
others are still imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from generator.monitoring.database import Database
from generator.monitoring.errors import MonitoringError, SheetError
from generator.monitoring.models import ImportJournal
from generator.monitoring.months import month_label
from generator.monitoring.people import import_register
from generator.monitoring.sheet_import import Imported, import_monthly_sheet, read_returned_sheet
from generator.monitoring.workbook_reader import NOT_OURS, identity, open_workbook


@dataclass
class ImportReport:
    """What an import run did: the files stored and the files refused, with why."""

    imported: list[Imported] = field(default_factory=list)
    refused: list[MonitoringError] = field(default_factory=list)


def returned_files(paths: list[Path]) -> list[Path]:
    """The .xlsx files named, a folder standing for its .xlsx files (Excel's ~$ lock files left out)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() == ".xlsx" and not p.name.startswith("~$"))
        else:
            found.append(path)
    return found


def import_file(database: Database, path: Path, today: dt.date, expected_code: str | None = None) -> Imported:
    """Import one returned file, monthly sheet or people register, as one transaction."""
    workbook = open_workbook(path)
    try:
        data = path.read_bytes()
        found = identity(workbook, path)
        nature = found.get("nature")
        if nature == "fiche":
            return import_monthly_sheet(database, read_returned_sheet(path, found, workbook), data, today, expected_code)
        if nature == "registre":
            return import_register(database, path, data, found, workbook)
        raise SheetError(path, [NOT_OURS])
    finally:
        workbook.close()


def import_paths(database: Database, paths: list[Path], today: dt.date, expected_code: str | None = None) -> ImportReport:
    """Import every file; one refused file does not stop the others."""
    report = ImportReport()
    for path in returned_files(paths):
        try:
            report.imported.append(import_file(database, path, today, expected_code))
        except MonitoringError as exc:
            report.refused.append(exc)
    return report


def import_log_lines(session: Session) -> list[str]:
    """The import log, oldest first: when, which file and hash, what it held, whether it replaced a month."""
    lines = []
    for entry in session.scalars(select(ImportJournal).order_by(ImportJournal.id)):
        what = (f"marché {entry.contrat_code}, {month_label(entry.mois)}, {entry.lignes} ligne(s), {entry.heures} heure(s)"
                if entry.nature == "fiche" and entry.mois else f"registre, {entry.lignes} personne(s)")
        lines.append(f"{entry.date:%d/%m/%Y %H:%M}  {entry.fichier}  {entry.empreinte[:12]}…  {what}{' (remplacement)' if entry.remplace else ''}")
    return lines
