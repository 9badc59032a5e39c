"""Checking the rows of a returned monthly sheet: every problem with its cell and a French message."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from generator.formatting import nombre
from generator.monitoring.lists import choices, max_hours, person_code_pattern
from generator.monitoring.months import first_day, parse_month
from generator.monitoring.sheet_layout import LETTERS
from generator.monitoring.workbook_reader import text
from generator.monitoring.xlsx_values import MAX_SERIAL, excel_date


@dataclass(frozen=True)
class SheetLine:
    """A valid row: one person's hours in the month."""

    row: int
    code: str
    public: str
    modalite: str
    type_contrat: str
    poste: str
    heures: int


def cell(column: str, row: int) -> str:
    return f"{LETTERS[column]}{row}"


def read_month(raw: Any) -> dt.date | None:
    """The month of cell B6: a date (any day of the month) or text such as 03/2027."""
    if isinstance(raw, dt.datetime):
        return first_day(raw.date())
    if isinstance(raw, dt.date):
        return first_day(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return first_day(excel_date(raw)) if 0 < raw < MAX_SERIAL else None  # a date cell holds its serial day number
    return parse_month(text(raw)) if raw is not None else None


def read_hours(raw: Any, where: str, problems: list[str]) -> int | None:
    """Whole hours from 0 to the monthly limit; a message for anything else."""
    limit = max_hours()
    if raw is None or text(raw) == "":
        problems.append(f"{where} : heures manquantes (indiquez 0 si la personne n'a pas travaillé ce mois-ci, ou effacez la ligne)")
        return None
    number = _number(raw)
    if number is None:
        problems.append(f"{where} : « {text(raw)} » n'est pas un nombre d'heures (nombre entier de 0 à {limit} attendu)")
    elif number < 0:
        problems.append(f"{where} : heures négatives ({nombre(number, 2)}) ; un nombre entier de 0 à {limit} est attendu")
    elif number != int(number):
        problems.append(f"{where} : heures non entières ({nombre(number, 2)}) ; arrondissez à l'heure")
    elif number > limit:
        problems.append(f"{where} : {nombre(number)} heures dans le mois pour une seule personne, au-delà de {limit} ; "
                        "vérifiez la saisie (cumul de plusieurs mois ?)")
    else:
        return int(number)
    return None


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    try:
        return float(text(raw).replace(",", ".").replace("\u00a0", "").replace(" ", ""))
    except ValueError:
        return None


def check_row(row: int, values: dict[str, Any], publics: list[str], problems: list[str]) -> SheetLine | None:
    """One filled row checked field by field; None when it has a problem (each one appended)."""
    before = len(problems)
    code = text(values["code"])
    if not code:
        problems.append(f"cellule {cell('code', row)} : code personne manquant sur une ligne remplie")
    elif not re.match(person_code_pattern(), code):
        problems.append(f"cellule {cell('code', row)} : code personne « {code} » refusé : un code pseudonyme donné par le facilitateur "
                        "(lettres, chiffres, - et _, sans espace, 24 caractères au plus), jamais un nom")
    public = _choice(values, "public", row, publics, problems)
    modalite = _choice(values, "modalite", row, list(choices("modalites")), problems)
    contract_type = _choice(values, "type_contrat", row, list(choices("types_contrat")), problems)
    poste = text(values["poste"])
    if not poste:
        problems.append(f"cellule {cell('poste', row)} : poste occupé manquant")
    hours = read_hours(values["heures"], f"cellule {cell('heures', row)}", problems)
    if len(problems) > before or hours is None:
        return None
    return SheetLine(row, code, public, modalite, contract_type, poste, hours)


# field -> (what it is, "missing" and "unknown" agreed with its gender)
CHOICE_WORDS = {
    "public": ("public", "manquant", "inconnu", "publics de la consultation"),
    "modalite": ("modalité de réalisation", "manquante", "inconnue", "valeurs admises"),
    "type_contrat": ("type de contrat", "manquant", "inconnu", "valeurs admises"),
}


def _choice(values: dict[str, Any], field: str, row: int, allowed: list[str], problems: list[str]) -> str:
    what, missing, unknown, listed = CHOICE_WORDS[field]
    given = text(values[field])
    if not given:
        problems.append(f"cellule {cell(field, row)} : {what} {missing}")
    elif given not in allowed:
        problems.append(f"cellule {cell(field, row)} : {what} {unknown} « {given} » ; {listed} : {', '.join(allowed)}")
    return given


def cross_checks(lines: list[SheetLine], known_publics: dict[str, str], problems: list[str]) -> None:
    """A person once per sheet, and always with the same public (in the sheet and in the register)."""
    seen: dict[str, SheetLine] = {}
    for line in lines:
        first = seen.get(line.code)
        if first is not None:
            problems.append(f"cellule {cell('code', line.row)} : ligne en double, la personne « {line.code} » figure déjà ligne {first.row} "
                            "(une ligne par personne et par mois : additionnez les heures)")
            continue
        seen[line.code] = line
        registered = known_publics.get(line.code)
        if registered is not None and registered != line.public:
            problems.append(f"cellule {cell('public', line.row)} : la personne « {line.code} » est enregistrée avec le public "
                            f"« {registered} », pas « {line.public} » ; un code désigne une seule personne")
