"""Importing returned files (monthly sheets and people registers), one by one or a whole folder.

Each file is its own transaction: a bad file is reported and stored not at all, the
others are still imported.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from generator.formatting import plural
from generator.monitoring.database import Database
from generator.monitoring.errors import MonitoringError, SheetError
from generator.monitoring.models import ImportJournal
from generator.monitoring.months import month_label
from generator.monitoring.people import import_register, register_rows
from generator.monitoring.sheet_import import Imported, ReturnedSheet, file_hash, import_monthly_sheet, read_returned_sheet
from generator.monitoring.workbook_reader import NOT_OURS, identity, open_workbook

# Reading a sheet (unzip, parse XML, check the structure) costs as much as storing it; from
# this many files, worker processes read while the main process stores, in file order.
PARALLEL_FROM = 64
MAX_WORKERS = 4


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


@dataclass(frozen=True)
class Returned:
    """A returned file read and structurally checked, before anything is compared with the database."""

    path: Path
    digest: str
    identity: dict[str, Any]
    rows: list[tuple[Any, ...]]


def read_returned(path: Path) -> Returned:
    """Read a monthly sheet or a people register and check its structure; SheetError otherwise."""
    workbook = open_workbook(path)
    found = identity(workbook, path)
    nature = found.get("nature")
    if nature == "fiche":
        rows = read_returned_sheet(path, found, workbook).rows
    elif nature == "registre":
        rows = register_rows(path, found, workbook)
    else:
        raise SheetError(path, [NOT_OURS])
    return Returned(path, file_hash(path.read_bytes()), found, rows)


def store_returned(database: Database, returned: Returned, today: dt.date, expected_code: str | None = None) -> Imported:
    """Check a read file against the database and store it as one transaction."""
    if returned.identity.get("nature") == "registre":
        return import_register(database, returned.path, returned.digest, returned.rows)
    sheet = ReturnedSheet(returned.path, returned.identity, returned.rows)
    return import_monthly_sheet(database, sheet, returned.digest, today, expected_code)


def import_file(database: Database, path: Path, today: dt.date, expected_code: str | None = None) -> Imported:
    """Import one returned file, monthly sheet or people register, as one transaction."""
    return store_returned(database, read_returned(path), today, expected_code)


def _read_or_error(path: Path) -> Returned | MonitoringError:
    try:
        return read_returned(path)
    except MonitoringError as exc:
        return exc


def _read_all(files: list[Path]) -> Iterator[Returned | MonitoringError]:
    """The files read in order; many files are read by worker processes while this one stores."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(files) < PARALLEL_FROM or workers < 2:
        yield from map(_read_or_error, files)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from pool.map(_read_or_error, files, chunksize=16)


def import_paths(database: Database, paths: list[Path], today: dt.date, expected_code: str | None = None) -> ImportReport:
    """Import every file, each in its own transaction; one refused file does not stop the others."""
    report = ImportReport()
    for read in _read_all(returned_files(paths)):
        try:
            if isinstance(read, MonitoringError):
                raise read
            report.imported.append(store_returned(database, read, today, expected_code))
        except MonitoringError as exc:
            report.refused.append(exc)
    return report


def import_log_lines(session: Session) -> list[str]:
    """The import log, oldest first: when, which file and hash, what it held, whether it replaced a month."""
    lines = []
    for entry in session.scalars(select(ImportJournal).order_by(ImportJournal.id)):
        what = (f"marché {entry.contrat_code}, {month_label(entry.mois)}, {plural(entry.lignes, 'ligne')}, {plural(entry.heures, 'heure')}"
                if entry.nature == "fiche" and entry.mois else f"registre, {plural(entry.lignes, 'personne')}")
        lines.append(f"{entry.date:%d/%m/%Y %H:%M}  {entry.fichier}  {entry.empreinte[:12]}…  {what}{' (remplacement)' if entry.remplace else ''}")
    return lines
