"""Opening the follow-up database: where it is, checking it is one, migrating it to the current schema.

``--base`` (or ``CLAUSES_BASE``) is a SQLAlchemy URL (``postgresql+psycopg://…``) or a
file path (SQLite). Without either, the SQLite file lives in the user's data folder
(``default_location``). Every open runs the Alembic migrations up to the current
revision, so that a database made by an older version keeps its data.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import DatabaseError as SQLDatabaseError
from sqlalchemy.orm import Session

from generator.monitoring.errors import DatabaseError
from generator.monitoring.location import default_location

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(base: str | None) -> str:
    """A SQLAlchemy URL from --base: a URL as given, a path as a SQLite file, nothing as the default file."""
    if base and "://" in base:
        return base
    path = Path(base) if base else default_location()
    return f"sqlite:///{path}"


def shown_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


class Database:
    """An open follow-up database at the current schema revision."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _engine(url)
        _migrate(self.engine, url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or entirely rolled back on any error."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(base: str | None) -> Database:
    """Open (create if needed) and migrate the database --base names."""
    return Database(database_url(base))


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"Adresse de base de données illisible : « {url} » (exemple : postgresql+psycopg://utilisateur@serveur/base).") from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        _check_sqlite_file(Path(parsed.database))
    try:
        engine = create_engine(parsed)
    except Exception as exc:  # an unknown driver in the URL (NoSuchModuleError, ImportError) is a user error
        raise DatabaseError(f"Base de données {shown_url(url)} inutilisable : {exc}.") from exc
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise DatabaseError(f"{path} est un dossier : indiquez avec --base le fichier de la base de suivi.")
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as stream:
            if stream.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise DatabaseError(f"{path} n'est pas une base de suivi clauses (ce n'est pas un fichier SQLite) ; vérifiez --base ou CLAUSES_BASE.")
    path.parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(connection: Any, _: Any) -> None:
    """Foreign keys enforced; WAL so that many small import transactions commit quickly."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _migrate(engine: Engine, url: str) -> None:
    """Refuse a database that is not ours or is newer; bring an older one to the current revision."""
    try:
        with engine.begin() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
            tables = set(inspect(connection).get_table_names())
            if current is None and tables - {"alembic_version"}:
                raise DatabaseError(f"{shown_url(url)} n'est pas une base de suivi clauses (tables inconnues : {', '.join(sorted(tables))}).")
            if current is not None and current not in {rev.revision for rev in _script().walk_revisions()}:
                raise DatabaseError(
                    f"{shown_url(url)} a été créée par une version plus récente de clauses (révision {current}) ; "
                    "mettez clauses à jour avant de l'ouvrir. Rien n'a été modifié."
                )
            if current != _script().get_current_head():
                config = _config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except OperationalError as exc:
        raise DatabaseError(f"Base de données {shown_url(url)} inaccessible : {exc.orig}.") from exc
    except SQLDatabaseError as exc:
        raise DatabaseError(f"{shown_url(url)} n'est pas une base de suivi clauses lisible ({exc.orig}).") from exc
