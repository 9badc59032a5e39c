"""The monthly follow-up sheet (.xlsx) a contract holder fills, in the award grid's house style.

Only the month and the people's rows are unlocked (yellow); public, way of complying
and contract type are drop-down lists; hours are whole numbers from 0 to the monthly
limit; the month is a date. The structure is protected and a very hidden sheet records
which contract the sheet belongs to. People already known on the contract are pre-filled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import select
from sqlalchemy.orm import Session

from generator.files import write_atomic
from generator.formatting import date_courte
from generator.monitoring.contracts import lot_label, required_hours
from generator.monitoring.errors import MonitoringError
from generator.monitoring.lists import blank_rows, choices, max_hours, sheet_labels
from generator.monitoring.models import Contrat, Fiche, Ligne
from generator.monitoring.months import month_key
from generator.monitoring.sheet_layout import (
    COLUMNS,
    FIRST_ROW,
    HEADER_FIELDS,
    HELP_ROW,
    LETTERS,
    MONTH_CELL,
    TABLE_HEADER_ROW,
    header_row,
    sheet_filename,
)
from generator.workbook_style import BOLD, WRAP, deterministic_bytes, head, style


@dataclass(frozen=True)
class KnownPerson:
    """A person already on the contract, with what their last sheet said."""

    code: str
    public: str
    modalite: str
    type_contrat: str
    poste: str


def known_people(session: Session, contract: Contrat) -> list[KnownPerson]:
    """The people of the contract's sheets, as of their latest month, by code."""
    rows = session.execute(
        select(Ligne).join(Fiche).where(Fiche.contrat_id == contract.id).order_by(Fiche.mois)
    ).scalars()
    latest = {line.personne.code: KnownPerson(line.personne.code, line.personne.public, line.modalite, line.type_contrat, line.poste)
              for line in rows}
    return [latest[code] for code in sorted(latest)]


def monthly_sheet(session: Session, contract: Contrat, month: dt.date) -> bytes:
    """The sheet of ``contract`` for ``month`` (first day), pre-filled with the known people."""
    labels = sheet_labels()
    people = known_people(session, contract)
    rows = len(people) + blank_rows()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(labels["feuille"])
    _header(sheet, contract, month)
    _table(sheet, people, rows)
    lists = _lists_sheet(workbook, contract.lot.consultation.publics.split())
    _validations(sheet, lists, rows)
    _identity_sheet(workbook, contract, rows)
    sheet.protection.sheet = True
    sheet.freeze_panes = f"A{FIRST_ROW}"
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.active = 0
    return deterministic_bytes(workbook)


def _header(sheet: Worksheet, contract: Contrat, month: dt.date) -> None:
    labels = sheet_labels()
    consultation = contract.lot.consultation
    sheet["A1"] = labels["titre"]
    sheet["A1"].font = Font(bold=True, size=13)
    values = {
        "marche": contract.code,
        "consultation": f"{consultation.reference} — {consultation.objet}" + (f" — {lot_label(contract.lot)}" if contract.lot.numero else ""),
        "titulaire": contract.titulaire,
        "heures_requises": required_hours(contract),
        "mois": month,
        "facilitateur": f"{consultation.facilitateur} — {consultation.facilitateur_contact}",
    }
    for field in HEADER_FIELDS:
        row = header_row(field)
        sheet.cell(row=row, column=1, value=labels["entete"][field]).font = BOLD
        sheet.cell(row=row, column=2, value=values[field])
    month_cell = sheet[MONTH_CELL]
    month_cell.number_format = "mm/yyyy"
    style(month_cell, "input")
    month_cell.alignment = Alignment(horizontal="left")
    sheet.cell(row=HELP_ROW, column=1, value=labels["aide"]).alignment = WRAP
    sheet.merge_cells(f"A{HELP_ROW}:F{HELP_ROW}")
    sheet.row_dimensions[HELP_ROW].height = 30
    for column, width in zip("ABCDEF", (30, 26, 26, 26, 28, 14), strict=True):
        sheet.column_dimensions[column].width = width


def _table(sheet: Worksheet, people: list[KnownPerson], rows: int) -> None:
    labels = sheet_labels()["colonnes"]
    for column in COLUMNS:
        head(sheet, f"{LETTERS[column]}{TABLE_HEADER_ROW}", str(labels[column]))
    for index in range(rows):
        row = FIRST_ROW + index
        for column in COLUMNS:
            cell = sheet[f"{LETTERS[column]}{row}"]
            style(cell, "input")
        if index < len(people):
            person = people[index]
            for column, value in zip(COLUMNS, (person.code, person.public, person.modalite, person.type_contrat, person.poste), strict=False):
                sheet[f"{LETTERS[column]}{row}"] = value


def _lists_sheet(workbook: Workbook, publics: list[str]) -> dict[str, str]:
    """A protected sheet holding the drop-down lists with their labels; returns each list's range."""
    labels = sheet_labels()
    sheet = workbook.create_sheet(str(labels["feuille_listes"]))
    columns = {"public": ("A", {key: key for key in publics}), "modalite": ("C", choices("modalites")),
               "type_contrat": ("E", choices("types_contrat"))}
    ranges = {}
    for field, (letter, values) in columns.items():
        head(sheet, f"{letter}1", str(labels["colonnes"][field]))
        for row, (key, label) in enumerate(values.items(), start=2):
            sheet[f"{letter}{row}"] = key
            sheet.cell(row=row, column=sheet[f"{letter}1"].column + 1, value=label if label != key else None)
        ranges[field] = f"'{sheet.title}'!${letter}$2:${letter}${len(values) + 1}"
        sheet.column_dimensions[letter].width = 30
    sheet.protection.sheet = True
    return ranges


def _validations(sheet: Worksheet, lists: dict[str, str], rows: int) -> None:
    labels = sheet_labels()
    last = FIRST_ROW + rows - 1
    for field, formula in lists.items():
        validation = DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                                    errorStyle="stop", error=str(labels["choix_refuse"]))
        sheet.add_data_validation(validation)
        validation.add(f"{LETTERS[field]}{FIRST_ROW}:{LETTERS[field]}{last}")
    limit = max_hours()
    hours = DataValidation(type="whole", operator="between", formula1="0", formula2=str(limit), allow_blank=True,
                           showErrorMessage=True, errorStyle="stop", error=str(labels["heures_refusees"]).format(max=limit),
                           showInputMessage=True, prompt=str(labels["saisie_heures"]).format(max=limit))
    sheet.add_data_validation(hours)
    hours.add(f"F{FIRST_ROW}:F{last}")
    month = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", showErrorMessage=True,
                           errorStyle="stop", showInputMessage=True, prompt=str(labels["saisie_mois"]))
    sheet.add_data_validation(month)
    month.add(MONTH_CELL)


def _identity_sheet(workbook: Workbook, contract: Contrat, rows: int) -> None:
    """Nature, format version, contract code and notification date (a re-registered contract differs), rows."""
    labels = sheet_labels()
    sheet = workbook.create_sheet(str(labels["feuille_identite"]))
    sheet.append(["nature", "fiche"])
    sheet.append(["version", int(labels["version"])])
    sheet.append(["marche", contract.code])
    sheet.append(["notification", date_courte(contract.notification)])
    sheet.append(["lignes", rows])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


def open_contracts(session: Session, codes: list[str] | None = None) -> list[Contrat]:
    """The contracts named (all open ones when none is named), by code."""
    query = select(Contrat).order_by(Contrat.code)
    if codes:
        found = {c.code: c for c in session.scalars(query.where(Contrat.code.in_(codes)))}
        missing = [code for code in codes if code not in found]
        if missing:
            unknown = "Marchés inconnus" if len(missing) > 1 else "Marché inconnu"
            raise MonitoringError(f"{unknown} : {', '.join(missing)} ; « clauses suivi etat » liste les marchés enregistrés.")
        return [found[code] for code in codes]
    return list(session.scalars(query.where(Contrat.reception.is_(None))))


def write_monthly_sheets(session: Session, contracts: list[Contrat], month: dt.date, folder: Path) -> list[Path]:
    """Write each contract's sheet for ``month`` into ``folder``; closed contracts are refused."""
    written = []
    for contract in contracts:
        if contract.reception is not None:
            raise MonitoringError(f"Le marché {contract.code} est clos (réception le {date_courte(contract.reception)}) : pas de fiche à produire.")
        path = folder / sheet_filename(contract.code, month_key(month))
        write_atomic(path, monthly_sheet(session, contract, month))
        written.append(path)
    return written
