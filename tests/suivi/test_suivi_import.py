"""Importing monthly sheets: valid sheets, every refused input with its exact French message, atomicity."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from generator.monitoring import contracts, sheet_import
from generator.monitoring.database import Database, open_database
from generator.monitoring.errors import SheetError
from generator.monitoring.importer import import_file, import_paths
from generator.monitoring.models import Fiche, ImportJournal, Ligne, Personne
from generator.monitoring.sheet_import import file_hash
from tests.suivi.conftest import TODAY, fill, register, write_sheet

MARCH = dt.date(2027, 3, 1)
ROW = ("P001", "beneficiaires_rsa", "embauche_directe", "cdd", "Maçon", 120)


def refused(database: Database, path: Path, today: dt.date = TODAY, expected: str | None = None) -> str:
    with pytest.raises(SheetError) as caught:
        import_file(database, path, today, expected)
    return str(caught.value)


def header(path: Path) -> str:
    return f"{path} : fiche refusée, rien n'est enregistré"


def counts(database: Database) -> tuple[int, int, int, int]:
    with database.transaction() as session:
        return tuple(session.scalar(select(func.count()).select_from(table)) or 0  # type: ignore[return-value]
                     for table in (Fiche, Ligne, Personne, ImportJournal))


def test_valid_sheet_is_stored_with_its_people_and_log(database: Database, tmp_path: Path) -> None:
    code = register(database)
    path = fill(write_sheet(database, code, MARCH, tmp_path), [ROW, ("P002", "jeunes_mission_locale", "etti", "interim", "Manœuvre", 80)])
    done = import_file(database, path, TODAY)
    assert done.summary() == f"importé : {path} — marché 2026-NM-GS-014/1, 03/2027 : 2 lignes, 200 heures"
    with database.transaction() as session:
        fiche = session.scalars(select(Fiche)).one()
        assert (fiche.mois, fiche.heures, fiche.personnes) == (MARCH, 200, 2)
        assert sorted((line.personne.code, line.modalite, line.type_contrat, line.poste, line.heures) for line in fiche.lignes) == [
            ("P001", "embauche_directe", "cdd", "Maçon", 120), ("P002", "etti", "interim", "Manœuvre", 80)]
        journal = session.scalars(select(ImportJournal)).one()
        assert (journal.fichier, journal.empreinte, journal.lignes, journal.heures, journal.remplace) == (
            path.name, file_hash(path.read_bytes()), 2, 200, False)


def test_empty_sheet_records_zero_hours(database: Database, tmp_path: Path) -> None:
    code = register(database)
    path = write_sheet(database, code, MARCH, tmp_path)
    done = import_file(database, path, TODAY)
    assert done.summary() == f"importé : {path} — marché 2026-NM-GS-014/1, 03/2027 : fiche vide : 0 heure enregistrée pour ce mois"
    with database.transaction() as session:
        assert [(f.mois, f.heures, f.personnes) for f in session.scalars(select(Fiche))] == [(MARCH, 0, 0)]


def test_reimporting_a_month_replaces_it_and_says_so(database: Database, tmp_path: Path) -> None:
    code = register(database)
    first = fill(write_sheet(database, code, MARCH, tmp_path / "a"), [ROW])
    import_file(database, first, TODAY)
    second = fill(write_sheet(database, code, MARCH, tmp_path / "b"), [("P001", "beneficiaires_rsa", "embauche_directe", "cdd", "Maçon", 90)])
    done = import_file(database, second, TODAY)
    assert done.summary() == (f"importé : {second} — marché 2026-NM-GS-014/1, 03/2027 : 1 ligne, 90 heures ; "
                              "remplace la fiche de 03/2027 déjà importée")
    with database.transaction() as session:
        assert [(f.heures, f.personnes) for f in session.scalars(select(Fiche))] == [(90, 1)]
        assert [j.remplace for j in session.scalars(select(ImportJournal).order_by(ImportJournal.id))] == [False, True]


def test_sheet_is_prefilled_with_the_people_known_on_the_contract(database: Database, tmp_path: Path) -> None:
    code = register(database)
    import_file(database, fill(write_sheet(database, code, MARCH, tmp_path / "a"), [ROW]), TODAY)
    from openpyxl import load_workbook

    sheet = load_workbook(write_sheet(database, code, dt.date(2027, 4, 1), tmp_path / "b"))["Fiche de suivi"]
    assert [sheet[f"{c}10"].value for c in "ABCDEF"] == ["P001", "beneficiaires_rsa", "embauche_directe", "cdd", "Maçon", None]
    assert sheet["B6"].value == dt.datetime(2027, 4, 1)
    assert sheet.protection.sheet is True
    assert sheet.parent["clauses"].sheet_state == "veryHidden"


def test_unknown_contract(database: Database, tmp_path: Path) -> None:
    path = fill(write_sheet(database, register(database), MARCH, tmp_path), [ROW])
    other = open_database(f"sqlite:///{tmp_path / 'autre.sqlite3'}")
    assert refused(other, path) == header(path) + (
        "\n  - feuille « Fiche de suivi », cellule B2 : marché « 2026-NM-GS-014/1 » inconnu de la base de suivi ; "
        "enregistrez-le avec « clauses suivi contrat enregistrer » ou vérifiez --base")
    other.close()


def test_closed_contract(database: Database, tmp_path: Path) -> None:
    code = register(database)
    path = fill(write_sheet(database, code, MARCH, tmp_path), [ROW])
    with database.transaction() as session:
        contracts.close(session, code, dt.date(2027, 9, 15))
    assert refused(database, path) == header(path) + (
        "\n  - feuille « Fiche de suivi », cellule B2 : le marché « 2026-NM-GS-014/1 » est clos (réception le 15/09/2027) ; il ne reçoit plus de fiche")


def test_month_before_notification(database: Database, tmp_path: Path) -> None:
    path = fill(write_sheet(database, register(database), MARCH, tmp_path), [ROW], month=dt.datetime(2027, 1, 1))
    assert refused(database, path) == header(path) + (
        "\n  - feuille « Fiche de suivi », cellule B6 : mois 01/2027 antérieur à la notification du marché (01/02/2027)")


def test_month_in_the_future(database: Database, tmp_path: Path) -> None:
    path = fill(write_sheet(database, register(database), MARCH, tmp_path), [ROW], month=dt.datetime(2027, 11, 1))
    assert refused(database, path) == header(path) + (
        "\n  - feuille « Fiche de suivi », cellule B6 : mois 11/2027 futur (nous sommes le 31/10/2027) ; une fiche porte sur un mois commencé")


@pytest.mark.parametrize(("hours", "message"), [
    (-5, "cellule F10 : heures négatives (-5) ; un nombre entier de 0 à 300 est attendu"),
    ("beaucoup", "cellule F10 : « beaucoup » n'est pas un nombre d'heures (nombre entier de 0 à 300 attendu)"),
    (301, "cellule F10 : 301 heures dans le mois pour une seule personne, au-delà de 300 ; vérifiez la saisie (cumul de plusieurs mois ?)"),
    (7.5, "cellule F10 : heures non entières (7,5) ; arrondissez à l'heure"),
    (None, "cellule F10 : heures manquantes (indiquez 0 si la personne n'a pas travaillé ce mois-ci, ou effacez la ligne)"),
])
def test_bad_hours(database: Database, tmp_path: Path, hours: object, message: str) -> None:
    path = fill(write_sheet(database, register(database), MARCH, tmp_path), [(*ROW[:5], hours)])
    assert refused(database, path) == header(path) + f"\n  - feuille « Fiche de suivi », {message}"


def test_unknown_public_and_contract_type_are_both_listed(database: Database, tmp_path: Path) -> None:
    rows = [("P001", "seniors", "embauche_directe", "cdd", "Maçon", 10), ("P002", "beneficiaires_rsa", "embauche_directe", "stage", "Maçon", 10)]
    path = fill(write_sheet(database, register(database), MARCH, tmp_path), rows)
    assert refused(database, path) == header(path) + (
        "\n  - feuille « Fiche de suivi », cellule B10 : public inconnu « seniors » ; publics de la consultation : beneficiaires_rsa, "
        "travailleurs_handicapes, jeunes_peu_qualifies, jeunes_mission_locale, demandeurs_emploi_longue_duree"
        "\n  - feuille « Fiche de suivi », cellule D11 : type de contrat inconnu « stage » ; valeurs admises : cdi, cdd, cddi, interim, "
        "contrat_professionnalisation, apprentissage")


def test_a_name_is_refused_as_person_code(database: Database, tmp_path: Path) -> None:
    path = fill(write_sheet(database, register(database), MARCH, tmp_path), [("Jean Dupont", *ROW[1:])])
    assert refused(database, path) == header(path) + (
        "\n  - feuille « Fiche de suivi », cellule A10 : code personne « Jean Dupont » refusé : un code pseudonyme donné par le facilitateur "
        "(lettres, chiffres, - et _, sans espace, 24 caractères au plus), jamais un nom")


def test_person_code_with_two_publics_in_the_register(database: Database, tmp_path: Path) -> None:
    code = register(database)
    import_file(database, fill(write_sheet(database, code, MARCH, tmp_path / "a"), [ROW]), TODAY)
    path = fill(write_sheet(database, code, dt.date(2027, 4, 1), tmp_path / "b"), [("P001", "travailleurs_handicapes", *ROW[2:])])
    assert refused(database, path) == header(path) + (
        "\n  - feuille « Fiche de suivi », cellule B10 : la personne « P001 » est enregistrée avec le public « beneficiaires_rsa », "
        "pas « travailleurs_handicapes » ; un code désigne une seule personne")


def test_duplicate_row(database: Database, tmp_path: Path) -> None:
    path = fill(write_sheet(database, register(database), MARCH, tmp_path), [ROW, ROW])
    assert refused(database, path) == header(path) + (
        "\n  - feuille « Fiche de suivi », cellule A11 : ligne en double, la personne « P001 » figure déjà ligne 10 "
        "(une ligne par personne et par mois : additionnez les heures)")


def test_sheet_of_another_contract(database: Database, tmp_path: Path) -> None:
    path = fill(write_sheet(database, register(database), MARCH, tmp_path), [ROW], edit=lambda wb: wb["Fiche de suivi"].__setitem__("B2", "2026-NM-GS-014/3"))
    assert refused(database, path) == header(path) + (
        "\n  - feuille « Fiche de suivi », cellule B2 : la feuille indique le marché « 2026-NM-GS-014/3 » mais elle a été produite "
        "pour le marché « 2026-NM-GS-014/1 » : fiche d'un autre marché recopiée ; remplissez la fiche produite pour ce marché")


def test_sheet_not_for_the_expected_contract(database: Database, tmp_path: Path) -> None:
    path = fill(write_sheet(database, register(database), MARCH, tmp_path), [ROW])
    assert refused(database, path, expected="2027-NM-PROP-003") == header(path) + (
        "\n  - feuille « Fiche de suivi », cellule B2 : fiche du marché « 2026-NM-GS-014/1 », pas du marché « 2027-NM-PROP-003 » attendu")


def test_renamed_sheet(database: Database, tmp_path: Path) -> None:
    def rename(workbook: object) -> None:
        workbook["Fiche de suivi"].title = "Mars"  # type: ignore[index]

    path = fill(write_sheet(database, register(database), MARCH, tmp_path), [ROW], edit=rename)
    assert refused(database, path) == header(path) + (
        "\n  - feuille « Fiche de suivi » introuvable : elle a été renommée ou supprimée (feuilles présentes : « Mars », « Listes »)")


def test_restructured_sheet(database: Database, tmp_path: Path) -> None:
    path = fill(write_sheet(database, register(database), MARCH, tmp_path), [ROW], edit=lambda wb: wb["Fiche de suivi"].insert_cols(3))
    assert refused(database, path) == header(path) + (
        "\n  - feuille « Fiche de suivi », cellule C9 : « Modalité de réalisation » attendu, cellule vide ; "
        "une ligne ou une colonne a été supprimée, déplacée ou renommée : reprenez la saisie dans une fiche intacte")


def test_not_a_follow_up_workbook(database: Database, tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "autre.xlsx"
    Workbook().save(path)
    assert refused(database, path) == header(path) + (
        "\n  - ce classeur n'est pas une fiche produite par « clauses suivi » (feuille d'identification absente)")


def test_interrupted_import_leaves_the_database_unchanged(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A re-import that breaks after two of its three lines keeps the month as it was before."""
    code = register(database)
    import_file(database, fill(write_sheet(database, code, MARCH, tmp_path / "a"), [ROW]), TODAY)
    before = counts(database)
    rows = [("P001", "beneficiaires_rsa", "embauche_directe", "cdd", "Maçon", 100),
            ("P002", "beneficiaires_rsa", "etti", "interim", "Manœuvre", 50), ("P003", "jeunes_mission_locale", "geiq", "cdd", "Coffreur", 70)]
    path = fill(write_sheet(database, code, MARCH, tmp_path / "b"), rows)
    stored = sheet_import.store_line
    calls = []

    def interrupted(*args: object) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the user presses Ctrl-C half-way
        stored(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sheet_import, "store_line", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_file(database, path, TODAY)
    assert counts(database) == before == (1, 1, 1, 1)
    with database.transaction() as session:
        assert [(f.heures, [line.personne.code for line in f.lignes]) for f in session.scalars(select(Fiche))] == [(120, ["P001"])]


def test_folder_import_reports_each_file(database: Database, tmp_path: Path) -> None:
    code = register(database)
    good = fill(write_sheet(database, code, MARCH, tmp_path), [ROW])
    bad = fill(write_sheet(database, code, dt.date(2027, 4, 1), tmp_path), [(*ROW[:5], -1)])
    report = import_paths(database, [tmp_path], TODAY)
    assert [done.path for done in report.imported] == [good]
    assert [str(error).splitlines()[0] for error in report.refused] == [header(bad)]


def test_folder_import_in_worker_processes_gives_the_same_result(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many files are read by worker processes; results, order and refusals are those of a sequential import."""
    from generator.monitoring import importer

    monkeypatch.setattr(importer, "PARALLEL_FROM", 2)
    code = register(database)
    good = [fill(write_sheet(database, code, dt.date(2027, month, 1), tmp_path), [(*ROW[:5], 10 * month)]) for month in (3, 4, 5)]
    bad = fill(write_sheet(database, code, dt.date(2027, 6, 1), tmp_path), [(*ROW[:5], "dix")])
    report = import_paths(database, [tmp_path], TODAY)
    assert [(done.path, done.hours) for done in report.imported] == [(good[0], 30), (good[1], 40), (good[2], 50)]
    assert [str(error) for error in report.refused] == [header(bad) + (
        "\n  - feuille « Fiche de suivi », cellule F10 : « dix » n'est pas un nombre d'heures (nombre entier de 0 à 300 attendu)")]


def test_a_zip_bomb_is_refused_before_it_is_opened(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "fiche.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive, archive.open("xl/bombe.xml", "w") as part:
        for _ in range(200):
            part.write(b"\0" * (1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    assert refused(database, path) == header(path) + (
        "\n  - classeur anormalement volumineux une fois décompressé (200 Mo ; une fiche de suivi en fait moins de 1)"
        " : il n'a pas été ouvert")
    assert counts(database) == (0, 0, 0, 0)


def test_a_workbook_of_too_many_parts_is_refused(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "fiche.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for index in range(1001):
            archive.writestr(f"xl/partie{index}.xml", "")
    assert refused(database, path) == header(path) + (
        "\n  - classeur anormal de 1001 parties (une fiche de suivi en compte une vingtaine) : il n'a pas été ouvert")
