"""Opening the follow-up database: default location, a file that is not one, a newer version; the contracts register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from generator.monitoring import contracts
from generator.monitoring.database import Database, database_url, default_location, open_database
from generator.monitoring.errors import DatabaseError, MonitoringError
from tests.suivi.conftest import FULL_EXAMPLE, SERVICES_EXAMPLE, register


def test_default_location_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_location() == tmp_path / "clauses" / "suivi.sqlite3"
    assert database_url(None) == f"sqlite:///{tmp_path}/clauses/suivi.sqlite3"
    assert database_url("equipe.sqlite3") == "sqlite:///equipe.sqlite3"
    assert database_url("postgresql+psycopg://amo@serveur/suivi") == "postgresql+psycopg://amo@serveur/suivi"


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("des notes, pas une base", encoding="utf-8")
    with pytest.raises(DatabaseError) as caught:
        open_database(str(path))
    assert str(caught.value) == f"{path} n'est pas une base de suivi clauses (ce n'est pas un fichier SQLite) ; vérifiez --base ou CLAUSES_BASE."
    assert path.read_text(encoding="utf-8") == "des notes, pas une base"


def test_a_database_of_another_application(tmp_path: Path) -> None:
    path = tmp_path / "autre.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE clients (nom TEXT)"))
    engine.dispose()
    with pytest.raises(DatabaseError) as caught:
        open_database(str(path))
    assert str(caught.value) == f"sqlite:///{path} n'est pas une base de suivi clauses (tables inconnues : clients)."


def test_a_database_from_a_newer_version(base_url: str) -> None:
    open_database(base_url).close()
    engine = create_engine(base_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(DatabaseError) as caught:
        open_database(base_url)
    shown = base_url.replace(":clauses@", ":***@")
    assert str(caught.value) == (f"{shown} a été créée par une version plus récente de clauses (révision 0099) ; "
                                 "mettez clauses à jour avant de l'ouvrir. Rien n'a été modifié.")


def test_contract_hours_come_from_the_spec_and_amendments(database: Database) -> None:
    code = register(database)
    with database.transaction() as session:
        contract = contracts.find_contract(session, code)
        assert (contract.titulaire, contracts.required_hours(contract), contract.lot.intitule) == ("Bâtisseurs de l'Ouest", 1542, "Gros œuvre")
        contracts.amend(session, code, dt.date(2027, 6, 1), 1800, "Ajout d'une tranche optionnelle")
        assert contracts.required_hours(contract) == 1800
        consultation = contract.lot.consultation
        assert sorted(lot.designation for lot in consultation.lots) == ["Lot 1", "Lot 2", "Lot 3"]
        assert lot_without_contract(consultation) == ["Lot 2", "Lot 3"]


def lot_without_contract(consultation: object) -> list[str]:
    return sorted(lot.designation for lot in consultation.lots if lot.contrat is None)  # type: ignore[attr-defined]


def test_contract_registration_errors(database: Database) -> None:
    with database.transaction() as session, pytest.raises(MonitoringError) as caught:
        contracts.register_contract(session, FULL_EXAMPLE, 4, "Régie", dt.date(2027, 2, 1), dt.date(2027, 3, 1), dt.date(2027, 9, 1))
    assert str(caught.value) == f"{FULL_EXAMPLE} : lot 4 inconnu ou sans heures d'insertion ; lots avec des heures d'insertion : 1, 2, 3."
    with database.transaction() as session, pytest.raises(MonitoringError) as caught:
        contracts.register_contract(session, SERVICES_EXAMPLE, None, " ", dt.date(2027, 1, 2), dt.date(2026, 12, 1), dt.date(2026, 11, 1), siret="123")
    assert str(caught.value) == ("Marché 2027-NM-PROP-003 non enregistré : le titulaire est vide ; SIRET « 123 » invalide (14 chiffres) ; "
                                 "notification le 02/01/2027, avant le lancement de la consultation (18/01/2027) ; "
                                 "début d'exécution le 01/12/2026, avant la notification (02/01/2027) ; "
                                 "fin prévue le 01/11/2026, pas après le début (01/12/2026).")
    code = register(database)
    with pytest.raises(MonitoringError) as caught:
        register(database)
    assert str(caught.value) == (f"Le marché {code} est déjà enregistré (titulaire Bâtisseurs de l'Ouest) ; "
                                 "pour changer les heures, enregistrez un avenant (clauses suivi contrat avenant).")
