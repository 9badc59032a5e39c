"""The people register: pseudonymous code, public, sex, age, QPV, qualification, prescriber, eligibility.

It is filled from the monthly sheets (code and public) and completed from its own
sheet (``clauses suivi personnes --fiche``), written and read here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy import select
from sqlalchemy.orm import Session

from generator.monitoring.database import Database
from generator.monitoring.errors import SheetError
from generator.monitoring.lists import all_publics, choices, person_code_pattern, register_labels, sheet_labels, suivi_data
from generator.monitoring.models import ImportJournal, Personne
from generator.monitoring.sheet_import import Imported
from generator.monitoring.workbook_reader import cells, text
from generator.monitoring.xlsx_values import MAX_SERIAL, excel_date
from generator.workbook_style import deterministic_bytes, head, style

FIELDS = ("code", "public", "sexe", "annee_naissance", "tranche_age", "qpv", "niveau_qualification", "prescripteur", "eligibilite_validee_le")
LETTERS = dict(zip(FIELDS, "ABCDEFGHI", strict=True))
HEADER_ROW = 3
FIRST_ROW = 4
YES_NO = {"oui": True, "non": False}


def _lists() -> dict[str, list[str]]:
    return {"public": all_publics(), "sexe": list(choices("sexes")), "tranche_age": list(choices("tranches_age")),
            "qpv": list(YES_NO), "niveau_qualification": list(choices("niveaux_qualification")),
            "prescripteur": list(choices("prescripteurs"))}


def register_sheet(session: Session, blank_rows: int = 50) -> bytes:
    """The register as a sheet to complete: every known person, then blank rows."""
    labels = register_labels()
    people = session.scalars(select(Personne).order_by(Personne.code)).all()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(labels["feuille"])
    sheet["A1"] = labels["titre"]
    sheet["A1"].font = Font(bold=True, size=13)
    for field in FIELDS:
        head(sheet, f"{LETTERS[field]}{HEADER_ROW}", str(labels["colonnes"][field]))
        sheet.column_dimensions[LETTERS[field]].width = 20
    rows = len(people) + blank_rows
    for index in range(rows):
        row = FIRST_ROW + index
        for field in FIELDS:
            target = sheet[f"{LETTERS[field]}{row}"]
            style(target, "input")
            if index < len(people):
                target.value = _shown(getattr(people[index], field))
        sheet[f"I{row}"].number_format = "dd/mm/yyyy"
    _validations(workbook, sheet, rows)
    _identity(workbook, rows)
    sheet.protection.sheet = True
    sheet.freeze_panes = f"B{FIRST_ROW}"
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.active = 0
    return deterministic_bytes(workbook)


def _shown(raw: Any) -> Any:
    if isinstance(raw, bool):
        return "oui" if raw else "non"
    return raw


def _validations(workbook: Workbook, sheet: Any, rows: int) -> None:
    lists = workbook.create_sheet(str(sheet_labels()["feuille_listes"]))
    last = FIRST_ROW + rows - 1
    for column, (field, values) in enumerate(_lists().items(), start=1):
        letter = get_column_letter(column)
        head(lists, f"{letter}1", str(register_labels()["colonnes"][field]))
        for row, key in enumerate(values, start=2):
            lists[f"{letter}{row}"] = key
        validation = DataValidation(type="list", formula1=f"'{lists.title}'!${letter}$2:${letter}${len(values) + 1}", allow_blank=True,
                                    showErrorMessage=True, errorStyle="stop", error=str(sheet_labels()["choix_refuse"]))
        sheet.add_data_validation(validation)
        validation.add(f"{LETTERS[field]}{FIRST_ROW}:{LETTERS[field]}{last}")
    lists.protection.sheet = True
    year = DataValidation(type="whole", operator="between", formula1="1920", formula2="2020", allow_blank=True, showErrorMessage=True)
    sheet.add_data_validation(year)
    year.add(f"D{FIRST_ROW}:D{last}")
    day = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True, showErrorMessage=True)
    sheet.add_data_validation(day)
    day.add(f"I{FIRST_ROW}:I{last}")


def _identity(workbook: Workbook, rows: int) -> None:
    sheet = workbook.create_sheet(str(sheet_labels()["feuille_identite"]))
    sheet.append(["nature", "registre"])
    sheet.append(["version", int(register_labels()["version"])])
    sheet.append(["lignes", rows])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


@dataclass(frozen=True)
class PersonRow:
    row: int
    values: dict[str, Any]


def register_rows(path: Path, identity: dict[str, Any], workbook: Any) -> list[tuple[Any, ...]]:
    """The rows of a register sheet whose identity and column headers are intact."""
    rows = cells(workbook, str(register_labels()["feuille"]), path)
    if identity.get("version") != int(register_labels()["version"]):
        raise SheetError(path, ["feuille d'identification modifiée ou d'une autre version : produisez un nouveau registre"])
    _check_headers(rows, path, _where())
    return rows


def _where() -> str:
    return f"feuille « {register_labels()['feuille']} »"


def import_register(database: Database, path: Path, digest: str, rows: list[tuple[Any, ...]]) -> Imported:
    """Check every row of a register sheet, then add or complete the people in one transaction."""
    where = _where()
    problems: list[str] = []
    people = [person for person in _rows(rows, problems)]
    with database.transaction() as session:
        known = {p.code: p for p in session.scalars(select(Personne))}
        seen: dict[str, int] = {}
        for person in people:
            _cross(person, known, seen, problems)
        if problems:
            raise SheetError(path, [f"{where}, {problem}" for problem in problems])
        for person in people:
            _store(session, known, person)
        session.add(ImportJournal(fichier=path.name, empreinte=digest, date=dt.datetime.now().replace(microsecond=0), nature="registre",
                                  contrat_code=None, mois=None, lignes=len(people), heures=0, remplace=False))
    return Imported(path, None, None, len(people), 0, False, nature="registre")


def _check_headers(rows: list[tuple[Any, ...]], path: Path, where: str) -> None:
    headers = rows[HEADER_ROW - 1] if len(rows) >= HEADER_ROW else ()
    for index, field in enumerate(FIELDS):
        expected = str(register_labels()["colonnes"][field])
        found = text(headers[index]) if index < len(headers) else ""
        if found != expected:
            raise SheetError(path, [f"{where}, cellule {LETTERS[field]}{HEADER_ROW} : « {expected} » attendu, « {found} » trouvé ; "
                                    "une ligne ou une colonne a été supprimée, déplacée ou renommée"])


def _rows(rows: list[tuple[Any, ...]], problems: list[str]) -> list[PersonRow]:
    found = []
    for index, raw in enumerate(rows[FIRST_ROW - 1:]):
        values = dict(zip(FIELDS, (*raw, *([None] * len(FIELDS)))[: len(FIELDS)], strict=True))
        if all(text(v) == "" for v in values.values()):
            continue
        row = FIRST_ROW + index
        checked = _checked_values(row, values, problems)
        if checked is not None:
            found.append(PersonRow(row, checked))
    return found


def _checked_values(row: int, values: dict[str, Any], problems: list[str]) -> dict[str, Any] | None:
    before = len(problems)
    code = text(values["code"])
    if not re.match(person_code_pattern(), code):
        problems.append(f"cellule A{row} : code personne « {code} » refusé : un code pseudonyme (lettres, chiffres, - et _), jamais un nom")
    out: dict[str, Any] = {"code": code}
    for field, allowed in _lists().items():
        given = text(values[field])
        if field == "public" and not given:
            problems.append(f"cellule B{row} : public manquant")
        elif given and given not in allowed:
            problems.append(f"cellule {LETTERS[field]}{row} : valeur « {given} » inconnue ; valeurs admises : {', '.join(allowed)}")
        out[field] = (YES_NO.get(given) if field == "qpv" else given) if given else None
    out["annee_naissance"] = _year(values["annee_naissance"], row, problems)
    out["eligibilite_validee_le"] = _day(values["eligibilite_validee_le"], row, problems)
    return out if len(problems) == before else None


def _year(raw: Any, row: int, problems: list[str]) -> int | None:
    if raw is None or text(raw) == "":
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool) and raw == int(raw) and 1920 <= raw <= dt.date.today().year:
        return int(raw)
    problems.append(f"cellule D{row} : année de naissance « {text(raw)} » illisible (quatre chiffres, par exemple 1994)")
    return None


def _day(raw: Any, row: int, problems: list[str]) -> dt.date | None:
    if raw is None or text(raw) == "":
        return None
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 0 < raw < MAX_SERIAL:
        return excel_date(raw)  # a date cell holds its serial day number
    problems.append(f"cellule I{row} : date « {text(raw)} » illisible (JJ/MM/AAAA)")
    return None


def _cross(person: PersonRow, known: dict[str, Personne], seen: dict[str, int], problems: list[str]) -> None:
    code, public = person.values["code"], person.values["public"]
    if code in seen:
        problems.append(f"cellule A{person.row} : ligne en double, la personne « {code} » figure déjà ligne {seen[code]}")
    seen[code] = person.row
    registered = known.get(code)
    if registered is not None and registered.public != public:
        problems.append(f"cellule B{person.row} : la personne « {code} » est enregistrée avec le public « {registered.public} », "
                        f"pas « {public} » ; un code désigne une seule personne")


def _store(session: Session, known: dict[str, Personne], person: PersonRow) -> None:
    entry = known.get(person.values["code"])
    if entry is None:
        entry = Personne(code=person.values["code"], public=person.values["public"])
        session.add(entry)
    for field in FIELDS[2:]:
        setattr(entry, field, person.values[field])


def people_lines(session: Session) -> list[str]:
    """The register as text lines (codes and attributes, by their labels; there are no names)."""
    publics = dict(suivi_data()["libelles_bilan"]["public"])
    sexes, ages, prescribers = choices("sexes"), choices("tranches_age"), choices("prescripteurs")
    lines = []
    for person in session.scalars(select(Personne).order_by(Personne.code)):
        age = str(person.annee_naissance) if person.annee_naissance else ages.get(person.tranche_age or "", "âge ?")
        parts = [publics.get(person.public, person.public), sexes.get(person.sexe or "", "?"), age,
                 "QPV" if person.qpv else ("hors QPV" if person.qpv is False else "QPV ?"),
                 prescribers.get(person.prescripteur or "", "prescripteur ?")]
        lines.append(f"{person.code} : {', '.join(parts)}")
    return lines
