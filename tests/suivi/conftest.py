"""Fixtures of the follow-up tests: a database on SQLite and, with CLAUSES_TEST_POSTGRES, on PostgreSQL.

In CI (CI=true) the PostgreSQL variant must run: without CLAUSES_TEST_POSTGRES it fails
instead of skipping, so that a CI that forgot to start PostgreSQL cannot pass.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import create_engine, text

from generator.cli.commands import main
from generator.monitoring import contracts
from generator.monitoring.database import Database, open_database
from generator.monitoring.models import Base, Contrat
from generator.monitoring.sheet_writer import write_monthly_sheets
from tests.conftest import FULL_EXAMPLE, INSERTION_EXAMPLE, SERVICES_EXAMPLE
from tests.suivi.story import CONTRACTS, FOLDER, SPECS

TODAY = dt.date(2027, 10, 31)
POSTGRES = "CLAUSES_TEST_POSTGRES"


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def base_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty follow-up database (a SQLite file, or the test PostgreSQL emptied)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'suivi.sqlite3'}"
    url = os.environ.get(POSTGRES)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{POSTGRES} n'est pas défini : en CI, les tests du suivi doivent aussi tourner sur PostgreSQL (voir .ci/run).")
        pytest.skip(f"{POSTGRES} non défini : tests PostgreSQL non lancés hors CI")
    _reset_postgres(url)
    return url


@pytest.fixture
def database(base_url: str) -> Iterator[Database]:
    db = open_database(base_url)
    yield db
    db.close()


def register(database: Database, spec: Path = FULL_EXAMPLE, lot: int | None = 1, notification: dt.date = dt.date(2027, 2, 1),
             debut: dt.date = dt.date(2027, 3, 1), fin: dt.date = dt.date(2027, 12, 31), titulaire: str = "Bâtisseurs de l'Ouest") -> str:
    """Register a contract of ``spec`` and return its code."""
    with database.transaction() as session:
        return contracts.register_contract(session, spec, lot, titulaire, notification, debut, fin).code


def write_sheet(database: Database, code: str, month: dt.date, folder: Path) -> Path:
    with database.transaction() as session:
        contract = session.query(Contrat).filter_by(code=code).one()
        return write_monthly_sheets(session, [contract], month, folder)[0]


Row = tuple[Any, ...]


def fill(path: Path, rows: list[Row], edit: Callable[[Any], None] | None = None, month: Any = None) -> Path:
    """Type ``rows`` (code, public, modalite, type_contrat, poste, heures) from row 10, as a holder would."""
    workbook = load_workbook(path)
    sheet = workbook["Fiche de suivi"]
    if month is not None:
        sheet["B6"] = month
    for index, row in enumerate(rows):
        for column, value in zip("ABCDEF", row, strict=True):
            sheet[f"{column}{10 + index}"] = value
    if edit:
        edit(workbook)
    workbook.save(path)
    return path


# --- The README's walkthrough through the CLI: the example contracts registered and their sheets imported ---

README_DAY = "31/10/2027"


def suivi(base_url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["suivi", "--base", base_url, "--aujourdhui", README_DAY, *args])
    def plain(text: str) -> str:  # French spacing (narrow and plain no-break spaces) read as spaces
        return text.replace("\u202f", " ").replace("\u00a0", " ")

    return result.exit_code, plain(result.stdout), plain(result.stderr)


def register_all(base_url: str) -> None:
    for story in CONTRACTS:
        lot = ["--lot", str(story.lot)] if story.lot else []
        code, _, err = suivi(base_url, "contrat", "enregistrer", str(SPECS / story.spec), *lot, "--titulaire", story.titulaire,
                               "--notification", f"{story.notification:%d/%m/%Y}", "--debut", f"{story.debut:%d/%m/%Y}",
                               "--fin", f"{story.fin:%d/%m/%Y}")
        assert code == 0, err


@pytest.fixture
def story_base(base_url: str) -> str:
    register_all(base_url)
    code, out, err = suivi(base_url, "importer", str(FOLDER))
    assert (code, err) == (0, "")
    assert out.count("importé : ") == 21
    return base_url


__all__ = ["FULL_EXAMPLE", "INSERTION_EXAMPLE", "README_DAY", "SERVICES_EXAMPLE", "TODAY", "fill", "register", "suivi", "write_sheet"]
