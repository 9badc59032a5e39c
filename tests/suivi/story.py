"""The example follow-up story shipped in market_specs/suivi/: one contract per example spec.

- 2026-NM-GS-014/1 (gros œuvre, 1 542 h): six sheets, 1 850 h realised (120 %), then received;
- 2027-NM-PROP-003 (cleaning, 1 195 h over four years): on track, but no sheet for July 2027;
- 2026-NM-ESP-022 (insertion market, 12 000 h over two years): nine sheets, well behind.

The README's walkthrough registers the same contracts (CONTRACTS) and imports these files.
Rebuild them after a change of the sheet layout with ``python -m tests.suivi.story``.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from openpyxl import load_workbook

from generator.files import write_atomic
from generator.monitoring import contracts
from generator.monitoring.database import Database, open_database
from generator.monitoring.importer import import_file
from generator.monitoring.models import Contrat
from generator.monitoring.months import months_between
from generator.monitoring.people import register_sheet
from generator.monitoring.sheet_layout import sheet_filename
from generator.monitoring.sheet_writer import monthly_sheet
from generator.workbook_style import deterministic_bytes

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "market_specs"
FOLDER = SPECS / "suivi"
TODAY = dt.date(2027, 10, 31)


@dataclass(frozen=True)
class StoryContract:
    spec: str
    lot: int | None
    titulaire: str
    notification: dt.date
    debut: dt.date
    fin: dt.date
    first: dt.date
    last: dt.date
    skipped: tuple[dt.date, ...]
    people: tuple[tuple[str, str, str, str, str, int], ...]  # code, public, modalite, type, poste, hours per month


CONTRACTS = (
    StoryContract("2026-NM-GS-014-groupe-scolaire.yaml", 1, "Bâtisseurs de l'Ouest SAS", dt.date(2027, 2, 1), dt.date(2027, 3, 1),
                  dt.date(2027, 8, 31), dt.date(2027, 3, 1), dt.date(2027, 8, 1), (), (
                      ("GS1-01", "demandeurs_emploi_longue_duree", "embauche_directe", "cdd", "Maçon", 120),
                      ("GS1-02", "jeunes_peu_qualifies", "embauche_directe", "contrat_professionnalisation", "Coffreur", 80),
                      ("GS1-03", "beneficiaires_rsa", "etti", "interim", "Manœuvre", 60),
                      ("GS1-04", "jeunes_mission_locale", "geiq", "apprentissage", "Maçon apprenti", 48))),
    StoryContract("2027-NM-PROP-003-nettoyage-locaux.yaml", None, "Net'Services Atlantique", dt.date(2027, 3, 15), dt.date(2027, 4, 1),
                  dt.date(2031, 3, 31), dt.date(2027, 4, 1), dt.date(2027, 9, 1), (dt.date(2027, 7, 1),), (
                      ("PR-01", "beneficiaires_rsa", "embauche_directe", "cdi", "Agente d'entretien", 26),
                      ("PR-02", "residents_qpv", "ai", "cdd", "Agent d'entretien", 16))),
    StoryContract("2026-NM-ESP-022-chantier-insertion.yaml", None, "ACI Chézine Nature", dt.date(2026, 12, 1), dt.date(2027, 1, 4),
                  dt.date(2028, 12, 29), dt.date(2027, 1, 1), dt.date(2027, 9, 1), (), tuple(
                      (f"ESP-{n:02d}", ("beneficiaires_rsa", "demandeurs_emploi_longue_duree", "jeunes_mission_locale", "travailleurs_handicapes")[n % 4],
                       "embauche_directe", "cddi", "Ouvrier du paysage" if n % 3 else "Agent d'entretien des espaces naturels", 30 + n % 3 * 5)
                      for n in range(1, 9))),
)

# Register details: code -> (sexe, année de naissance, QPV, niveau, prescripteur, éligibilité validée le)
REGISTER = {
    "GS1-01": ("H", 1979, "oui", "infra_3", "france_travail", dt.date(2027, 2, 20)),
    "GS1-02": ("H", 2005, "non", "3", "mission_locale", dt.date(2027, 2, 20)),
    "GS1-03": ("F", 1988, "oui", "infra_3", "departement", dt.date(2027, 2, 25)),
    "GS1-04": ("H", 2007, "oui", "infra_3", "mission_locale", dt.date(2027, 2, 25)),
    "PR-01": ("F", 1971, "oui", "infra_3", "plie", dt.date(2027, 3, 28)),
    "PR-02": ("F", 1996, "oui", "4", "france_travail", dt.date(2027, 3, 28)),
    **{f"ESP-{n:02d}": ("F" if n % 3 == 0 else "H", 1970 + 4 * n, "oui" if n % 2 else "non", "infra_3" if n % 2 else "3",
                        "siae" if n % 4 else "france_travail", dt.date(2026, 12, 15)) for n in range(1, 9)},
}


def register_story(database: Database) -> list[str]:
    """Register the story's contracts; return their codes."""
    codes = []
    with database.transaction() as session:
        for story in CONTRACTS:
            codes.append(contracts.register_contract(session, SPECS / story.spec, story.lot, story.titulaire, story.notification,
                                                     story.debut, story.fin).code)
    return codes


def _filled(sheet: bytes, rows: list[tuple[object, ...]], month: dt.date) -> bytes:
    workbook = load_workbook(BytesIO(sheet))
    target = workbook["Fiche de suivi"]
    target["B6"] = dt.datetime(month.year, month.month, 1)
    for index, row in enumerate(rows):
        for column, value in zip("ABCDEF", row, strict=True):
            target[f"{column}{10 + index}"] = value
    return deterministic_bytes(workbook)


def _hours(base: int, month: dt.date, index: int) -> int:
    """A little month-to-month variation, always the same."""
    return base + (month.month * 7 + index * 3) % 11 - 5


def build(folder: Path) -> list[Path]:
    """Write the story's filled sheets and people register into ``folder``."""
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        database = open_database(str(Path(scratch) / "histoire.sqlite3"))
        codes = register_story(database)
        for story, code in zip(CONTRACTS, codes, strict=True):
            for month in months_between(story.first, story.last):
                if month in story.skipped:
                    continue
                with database.transaction() as session:
                    contract = session.query(Contrat).filter_by(code=code).one()
                    sheet = monthly_sheet(session, contract, month)
                rows = [(*person[:5], _hours(person[5], month, i)) for i, person in enumerate(story.people)]
                path = folder / sheet_filename(code, f"{month:%Y-%m}")
                write_atomic(path, _filled(sheet, rows, month))
                import_file(database, path, TODAY)
                written.append(path)
        written.append(_register(database, folder))
        database.close()
    return written


def _register(database: Database, folder: Path) -> Path:
    with database.transaction() as session:
        workbook = load_workbook(BytesIO(register_sheet(session)))
    sheet = workbook["Registre des personnes"]
    for row in range(4, sheet.max_row + 1):
        code = sheet[f"A{row}"].value
        if code in REGISTER:
            for column, value in zip("CDFGHI", REGISTER[code], strict=True):
                sheet[f"{column}{row}"] = value
    path = folder / "personnes.xlsx"
    write_atomic(path, deterministic_bytes(workbook))
    return path


if __name__ == "__main__":
    for done in build(FOLDER):
        print(f"écrit : {done.relative_to(ROOT)}")
