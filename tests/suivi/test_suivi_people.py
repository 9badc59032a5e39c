"""The people register sheet, and a monthly sheet saved again by LibreOffice Calc."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.monitoring.database import Database
from generator.monitoring.errors import SheetError
from generator.monitoring.importer import import_file
from generator.monitoring.models import Personne
from generator.monitoring.people import people_lines, register_sheet
from tests.suivi.conftest import TODAY, fill, register, write_sheet
from tests.suivi.test_libreoffice_suivi import convert


def register_file(database: Database, folder: Path, rows: list[tuple[object, ...]]) -> Path:
    with database.transaction() as session:
        data = register_sheet(session, blank_rows=5)
    path = folder / "registre.xlsx"
    path.write_bytes(data)
    workbook = load_workbook(path)
    sheet = workbook["Registre des personnes"]
    for index, row in enumerate(rows):
        for column, value in zip("ABCDEFGHI", row, strict=False):
            sheet[f"{column}{4 + index}"] = value
    workbook.save(path)
    return path


def test_register_adds_and_completes_people(database: Database, tmp_path: Path) -> None:
    rows = [("NM-0001", "beneficiaires_rsa", "F", 1990, None, "oui", "3", "plie", dt.datetime(2027, 2, 1)),
            ("NM-0002", "seniors", "H", None, "50_plus", "non", None, "france_travail", None)]
    done = import_file(database, register_file(database, tmp_path, rows), TODAY)
    assert done.summary() == f"importé : {tmp_path / 'registre.xlsx'} — registre des personnes, 2 personnes"
    with database.transaction() as session:
        people = {p.code: (p.public, p.sexe, p.annee_naissance, p.tranche_age, p.qpv, p.niveau_qualification, p.prescripteur,
                           p.eligibilite_validee_le) for p in session.query(Personne)}
    assert people == {"NM-0001": ("beneficiaires_rsa", "F", 1990, None, True, "3", "plie", dt.date(2027, 2, 1)),
                      "NM-0002": ("seniors", "H", None, "50_plus", False, None, "france_travail", None)}


def test_register_errors_are_all_listed(database: Database, tmp_path: Path) -> None:
    rows = [("Marie Curie", "beneficiaires_rsa"), ("NM-0003", "retraites", "X"), ("NM-0005", "seniors", None, "vieux"),
            ("NM-0004", "seniors"), ("NM-0004", "seniors")]
    path = register_file(database, tmp_path, rows)
    with pytest.raises(SheetError) as caught:
        import_file(database, path, TODAY)
    where = "\n  - feuille « Registre des personnes », "
    assert str(caught.value) == (
        f"{path} : fiche refusée, rien n'est enregistré"
        f"{where}cellule A4 : code personne « Marie Curie » refusé : un code pseudonyme (lettres, chiffres, - et _), jamais un nom"
        f"{where}cellule B5 : valeur « retraites » inconnue ; valeurs admises : beneficiaires_rsa, travailleurs_handicapes, jeunes_peu_qualifies, "
        "jeunes_mission_locale, demandeurs_emploi_longue_duree, beneficiaires_minima_sociaux, seniors, residents_qpv, salaries_siae, epide_e2c, "
        "avis_prescripteur, autre"
        f"{where}cellule C5 : valeur « X » inconnue ; valeurs admises : F, H"
        f"{where}cellule D6 : année de naissance « vieux » illisible (quatre chiffres, par exemple 1994)"
        f"{where}cellule A8 : ligne en double, la personne « NM-0004 » figure déjà ligne 7")


def test_a_sheet_saved_again_by_libreoffice_imports_the_same(database: Database, tmp_path: Path) -> None:
    """Calc stores strings and dates its own way (shared strings, styles): the reader must not care."""
    code = register(database)
    path = fill(write_sheet(database, code, dt.date(2027, 3, 1), tmp_path / "tableur"),
                [("P001", "beneficiaires_rsa", "embauche_directe", "cdd", "Maçon", 120)])
    convert([path], tmp_path / "calc", "xlsx")
    done = import_file(database, tmp_path / "calc" / path.name, TODAY)
    assert (done.code, done.month, done.lines, done.hours) == (code, dt.date(2027, 3, 1), 1, 120)


def test_people_are_listed_by_their_labels(database: Database, tmp_path: Path) -> None:
    rows = [("NM-0001", "demandeurs_emploi_longue_duree", "F", 1990, None, "oui", "3", "siae", None),
            ("NM-0002", "seniors", "H", None, "50_plus", "non", None, "france_travail", None),
            ("NM-0003", "autre")]
    import_file(database, register_file(database, tmp_path, rows), TODAY)
    with database.transaction() as session:
        assert people_lines(session) == [
            "NM-0001 : Demandeurs d'emploi de longue durée, Femme, 1990, QPV, Structure d'insertion (SIAE)",
            "NM-0002 : Demandeurs d'emploi de 50 ans et plus, Homme, 50 ans et plus, hors QPV, France Travail",
            "NM-0003 : Autre public, ?, âge ?, QPV ?, prescripteur ?",
        ]
