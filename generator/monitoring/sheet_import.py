"""Importing a returned monthly sheet: all checks first, then one transaction per file.

Nothing is stored unless the whole file is valid. Importing a month again replaces
that month of that contract, and the result says so. Every import is logged with the
file's SHA-256, the date and the counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql.expression import BindParameter

from generator.formatting import date_courte, plural
from generator.monitoring.database import Database
from generator.monitoring.errors import SheetError
from generator.monitoring.lists import sheet_labels
from generator.monitoring.models import Contrat, Fiche, ImportJournal, Ligne, Lot, Personne
from generator.monitoring.months import first_day, month_label
from generator.monitoring.sheet_checks import SheetLine, check_row, cross_checks, read_month
from generator.monitoring.sheet_layout import CODE_CELL, COLUMNS, FIRST_ROW, MONTH_CELL, expected_labels
from generator.monitoring.workbook_reader import cells, text, value

MOVED = "une ligne ou une colonne a été supprimée, déplacée ou renommée : reprenez la saisie dans une fiche intacte"


@dataclass(frozen=True)
class ReturnedSheet:
    """What a monthly sheet holds, before any check against the database."""

    path: Path
    identity: dict[str, Any]
    rows: list[tuple[Any, ...]]

    @property
    def where(self) -> str:
        return f"feuille « {sheet_labels()['feuille']} »"


@dataclass(frozen=True)
class Imported:
    """One stored file: what it held and whether it replaced a month already imported."""

    path: Path
    code: str | None
    month: dt.date | None
    lines: int
    hours: int
    replaced: bool
    nature: str = "fiche"

    def summary(self) -> str:
        if self.nature == "registre":
            return f"importé : {self.path} — registre des personnes, {plural(self.lines, 'personne')}"
        what = f"{plural(self.lines, 'ligne')}, {plural(self.hours, 'heure')}" if self.lines else "fiche vide : 0 heure enregistrée pour ce mois"
        replaced = f" ; remplace la fiche de {month_label(self.month)} déjà importée" if self.replaced and self.month else ""
        return f"importé : {self.path} — marché {self.code}, {month_label(self.month) if self.month else ''} : {what}{replaced}"


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_returned_sheet(path: Path, identity: dict[str, Any], workbook: Any) -> ReturnedSheet:
    """The rows of the sheet, once its structure is checked (labels where the writer put them)."""
    rows = cells(workbook, str(sheet_labels()["feuille"]), path)
    sheet = ReturnedSheet(path, identity, rows)
    if identity.get("version") != int(sheet_labels()["version"]):
        raise SheetError(path, ["feuille d'identification modifiée ou d'une autre version : "
                                "produisez une nouvelle fiche avec « clauses suivi fiches »"])
    for where, expected in expected_labels():
        found = text(value(rows, where))
        if found != expected:
            seen = f"« {found} » trouvé" if found else "cellule vide"
            raise SheetError(path, [f"{sheet.where}, cellule {where} : « {expected} » attendu, {seen} ; {MOVED}"])
    return sheet


# Statements built once: SQLAlchemy then reuses their compiled form for every sheet.
INSERT_JOURNAL = insert(ImportJournal).returning(ImportJournal.id)
INSERT_FICHE = insert(Fiche).returning(Fiche.id)
INSERT_LINE = insert(Ligne)
INSERT_PERSON = insert(Personne)
CODES: BindParameter[list[str]] = bindparam("codes", expanding=True)
PEOPLE_BY_CODE = select(Personne.code, Personne.id, Personne.public).where(Personne.code.in_(CODES))
MONTH = (Fiche.contrat_id == bindparam("contract"), Fiche.mois == bindparam("month"))
DELETE_LINES = delete(Ligne).where(Ligne.fiche_id == select(Fiche.id).where(*MONTH).scalar_subquery())
DELETE_FICHE = delete(Fiche).where(*MONTH)
CONTRACT_BY_CODE = select(Contrat).options(joinedload(Contrat.lot).joinedload(Lot.consultation)).where(Contrat.code == bindparam("code"))


def import_monthly_sheet(database: Database, sheet: ReturnedSheet, digest: str, today: dt.date, expected_code: str | None = None) -> Imported:
    """Check every row against the contract and the register, then store the month in one transaction.

    The writes are plain SQL statements built once (no ORM unit of work): a facilitator
    imports thousands of sheets, and each one is a handful of statements.
    """
    with database.transaction() as session:
        contract, month, lines = _checked(session, sheet, today, expected_code)
        connection = session.connection()
        replaced = _replace_month(connection, contract.id, month)
        hours = sum(line.heures for line in lines)
        journal_id = connection.execute(INSERT_JOURNAL, {
            "fichier": sheet.path.name, "empreinte": digest, "date": _now(), "nature": "fiche", "contrat_code": contract.code,
            "mois": month, "lignes": len(lines), "heures": hours, "remplace": replaced}).scalar_one()
        fiche_id = connection.execute(INSERT_FICHE, {"contrat_id": contract.id, "mois": month, "heures": hours, "personnes": len(lines),
                                                     "import_id": journal_id}).scalar_one()
        people = _people(connection, lines)
        for line in lines:
            store_line(connection, fiche_id, people[line.code], line)
        return Imported(sheet.path, contract.code, month, len(lines), hours, replaced)


def store_line(connection: Connection, fiche_id: int, person_id: int, line: SheetLine) -> None:
    """Add one person's hours to the month being imported."""
    connection.execute(INSERT_LINE, {"fiche_id": fiche_id, "personne_id": person_id, "modalite": line.modalite,
                                     "type_contrat": line.type_contrat, "poste": line.poste, "heures": line.heures})


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _checked(session: Session, sheet: ReturnedSheet, today: dt.date, expected_code: str | None) -> tuple[Contrat, dt.date, list[SheetLine]]:
    contract = _contract(session, sheet, expected_code)
    problems: list[str] = []
    month = _month(sheet, contract, today, problems)
    lines = _lines(session, sheet, contract.lot.consultation.publics.split(), problems)
    if problems:
        raise SheetError(sheet.path, [f"{sheet.where}, {problem}" for problem in problems])
    assert month is not None
    return contract, month, lines


def _contract(session: Session, sheet: ReturnedSheet, expected_code: str | None) -> Contrat:
    made_for = text(sheet.identity.get("marche"))
    shown = text(value(sheet.rows, CODE_CELL))
    where = f"{sheet.where}, cellule {CODE_CELL}"
    if shown != made_for:
        raise SheetError(sheet.path, [f"{where} : la feuille indique le marché « {shown} » mais elle a été produite pour le marché « {made_for} » : "
                                      "fiche d'un autre marché recopiée ; remplissez la fiche produite pour ce marché"])
    if expected_code is not None and made_for != expected_code:
        raise SheetError(sheet.path, [f"{where} : fiche du marché « {made_for} », pas du marché « {expected_code} » attendu"])
    contract = session.scalar(CONTRACT_BY_CODE, {"code": made_for})
    if contract is None:
        raise SheetError(sheet.path, [f"{where} : marché « {made_for} » inconnu de la base de suivi ; enregistrez-le avec "
                                      "« clauses suivi contrat enregistrer » ou vérifiez --base"])
    notified = text(sheet.identity.get("notification"))
    if notified != date_courte(contract.notification):
        raise SheetError(sheet.path, [f"{where} : fiche produite pour un autre enregistrement du marché « {made_for} » (notifié le {notified}, "
                                      f"et non le {date_courte(contract.notification)}) ; produisez une nouvelle fiche"])
    if contract.reception is not None:
        raise SheetError(sheet.path, [f"{where} : le marché « {made_for} » est clos (réception le {date_courte(contract.reception)}) ; "
                                      "il ne reçoit plus de fiche"])
    return contract


def _month(sheet: ReturnedSheet, contract: Contrat, today: dt.date, problems: list[str]) -> dt.date | None:
    raw = value(sheet.rows, MONTH_CELL)
    month = read_month(raw)
    where = f"cellule {MONTH_CELL}"
    if month is None:
        problems.append(f"{where} : mois manquant ou illisible (« {text(raw)} ») ; saisissez le premier jour du mois, par exemple 01/03/2027")
    elif month < first_day(contract.notification):
        problems.append(f"{where} : mois {month_label(month)} antérieur à la notification du marché ({date_courte(contract.notification)})")
    elif month > first_day(today):
        problems.append(f"{where} : mois {month_label(month)} futur (nous sommes le {date_courte(today)}) ; une fiche porte sur un mois commencé")
    return month


def _lines(session: Session, sheet: ReturnedSheet, publics: list[str], problems: list[str]) -> list[SheetLine]:
    lines = []
    for index, raw in enumerate(sheet.rows[FIRST_ROW - 1:]):
        values = dict(zip(COLUMNS, (*raw, *([None] * len(COLUMNS)))[: len(COLUMNS)], strict=True))
        if all(text(found) == "" for found in values.values()):
            continue
        line = check_row(FIRST_ROW + index, values, publics, problems)
        if line is not None:
            lines.append(line)
    codes = [line.code for line in lines]
    known = {code: public for code, _, public in session.execute(PEOPLE_BY_CODE, {"codes": codes})} if codes else {}
    cross_checks(lines, known, problems)
    return lines


def _replace_month(connection: Connection, contract_id: int, month: dt.date) -> bool:
    """Remove the month already imported for this contract, if any; True when there was one."""
    keys = {"contract": contract_id, "month": month}
    connection.execute(DELETE_LINES, keys)
    return bool(connection.execute(DELETE_FICHE, keys).rowcount)


def _people(connection: Connection, lines: list[SheetLine]) -> dict[str, int]:
    """The register id of each code of the sheet, the new codes added with their public."""
    codes = [line.code for line in lines]
    if not codes:
        return {}
    ids = {code: person_id for code, person_id, _ in connection.execute(PEOPLE_BY_CODE, {"codes": codes})}
    new = [{"code": line.code, "public": line.public} for line in lines if line.code not in ids]
    if new:
        connection.execute(INSERT_PERSON, new)
        ids.update((code, person_id) for code, person_id, _ in connection.execute(PEOPLE_BY_CODE, {"codes": [row["code"] for row in new]}))
    return ids
