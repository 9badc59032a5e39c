"""Where things sit in a monthly follow-up sheet; the writer and the reader share it.

    row 1        title
    rows 2-7     label (A) and value (B): contract code, consultation, holder, hours required,
                 month (input, B6), where to send the sheet
    row 8        how to fill the sheet
    row 9        column headers: code, public, way of complying, contract type, post, hours
    rows 10…     one row per person (inputs)
"""

from __future__ import annotations

from generator.monitoring.lists import sheet_labels

HEADER_FIELDS = ("marche", "consultation", "titulaire", "heures_requises", "mois", "facilitateur")
FIRST_HEADER_ROW = 2
CODE_CELL = "B2"
MONTH_CELL = "B6"
HELP_ROW = 8
TABLE_HEADER_ROW = 9
FIRST_ROW = 10
COLUMNS = ("code", "public", "modalite", "type_contrat", "poste", "heures")
LETTERS = dict(zip(COLUMNS, "ABCDEF", strict=True))


def header_row(field: str) -> int:
    return FIRST_HEADER_ROW + HEADER_FIELDS.index(field)


def expected_labels() -> list[tuple[str, str]]:
    """(cell, text) of every structural label: a sheet whose labels moved is refused."""
    labels = sheet_labels()
    cells = [(f"A{header_row(field)}", str(labels["entete"][field])) for field in HEADER_FIELDS]
    return cells + [(f"{LETTERS[column]}{TABLE_HEADER_ROW}", str(labels["colonnes"][column])) for column in COLUMNS]


def sheet_filename(code: str, month_key: str) -> str:
    """``fiche-suivi-2026-NM-GS-014-lot1-2027-03.xlsx``."""
    return f"fiche-suivi-{code.replace('/', '-lot')}-{month_key}.xlsx"
