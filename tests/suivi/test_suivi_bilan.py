"""The bilan of the shipped example: exact indicators, aggregates only, deterministic charts and files, purge-proof."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
from openpyxl import load_workbook

from generator.monitoring.bilan import compute_bilan
from generator.monitoring.bilan_report import write_bilan
from generator.monitoring.charts import horizontal_bars, hours_over_time
from generator.monitoring.database import open_database
from tests.conftest import docx_text
from tests.suivi.conftest import suivi
from tests.suivi.story import REGISTER
from tests.suivi.test_libreoffice_suivi import convert

DU, AU = dt.date(2027, 1, 1), dt.date(2027, 10, 31)


def close_first_contract(base: str) -> None:
    suivi(base, "sorties", "2026-NM-GS-014/1", "GS1-01", "emploi_durable", "--date", "31/08/2027")
    suivi(base, "sorties", "2026-NM-GS-014/1", "GS1-03", "autre", "--date", "31/08/2027")
    suivi(base, "contrat", "cloturer", "2026-NM-GS-014/1", "--reception", "31/08/2027")


def test_bilan_figures_of_the_example(story_base: str, tmp_path: Path) -> None:
    close_first_contract(story_base)
    code, out, _ = suivi(story_base, "bilan", "--du", "01/01/2027", "--au", "31/10/2027", "-o", str(tmp_path))
    stem = tmp_path / "bilan-suivi-2027-01-01-2027-10-31"
    assert (code, out) == (0, f"écrit : {stem}.docx\nécrit : {stem}.xlsx\n")
    lines = docx_text(Path(f"{stem}.docx")).splitlines()
    for expected in (
        "Marchés comportant une clause, en exécution sur la période | 3",
        "Heures d'insertion demandées (marchés en cours, réceptionnés ou en consultation) | 14 737 heures",
        "Équivalents temps plein demandés | 8,1 ETP",
        "Heures réalisées sur les marchés réceptionnés | 1 847 heures",
        "Taux de réalisation des marchés réceptionnés | 119,8 %",
        "Heures réalisées pendant la période (tous marchés) | 4 618 heures",
        "Personnes ayant travaillé au titre des clauses | 14",
        "Part des femmes | 35,7 %",
        "Part des moins de 26 ans | 21,4 %",
        "Part des 50 ans et plus | 14,3 %",
        "Part des habitants d'un quartier prioritaire (QPV) | 64,3 %",
        "Sorties dynamiques (emploi durable, de transition, sortie positive) | 50 %",
        "2026-NM-GS-014 | 1 542 | 1 847 | 119,8 %",
        "Allocataires du RSA | 4 | 28,6 % | 1 157",
        "26 à 49 ans | 9 | 64,3 % | 3 040",
        "France Travail | 4 | 28,6 % | 1 468",
        "1 marché d'insertion en exécution sur la période, pour un montant de 240 000 € HT, confié à 1 structure d'insertion ; "
        "8 personnes y ont travaillé pendant la période.",
    ):
        assert expected in lines, expected
    text = "\n".join(lines)
    assert not [code for code in REGISTER if re.search(rf"(?<![\w-]){code}(?![\w-])", text)]  # only aggregates leave the tool
    assert len(docx.Document(f"{stem}.docx").inline_shapes) == 4
    sheets = load_workbook(f"{stem}.xlsx")
    assert [row for row in sheets["Par public"].iter_rows(min_row=2, max_row=2, values_only=True)] == [("Allocataires du RSA", 4, 1157)]
    assert sheets["Chiffres clés"]["B5"].value == 14737


def test_bilan_is_the_same_after_the_purge(story_base: str, tmp_path: Path) -> None:
    close_first_contract(story_base)
    database = open_database(story_base)
    with database.transaction() as session:
        before = compute_bilan(session, DU, AU)
    suivi(story_base, "purger", "--avant", "01/10/2027", "--oui")
    with database.transaction() as session:
        after = compute_bilan(session, DU, AU)
    database.close()
    assert after.heures_realisees_receptionnes == before.heures_realisees_receptionnes == 1847
    assert after.personnes() == before.personnes() == 14
    assert after.repartitions["public"]["beneficiaires_rsa"].heures == before.repartitions["public"]["beneficiaires_rsa"].heures == 1157
    assert after.sorties == before.sorties == {"emploi_durable": 1, "autre": 1}


def test_bilan_files_are_byte_identical_between_runs(story_base: str, tmp_path: Path) -> None:
    database = open_database(story_base)
    with database.transaction() as session:
        bilan = compute_bilan(session, DU, AU)
    database.close()
    first = [p.read_bytes() for p in write_bilan(bilan, tmp_path / "a", AU)]
    second = [p.read_bytes() for p in write_bilan(bilan, tmp_path / "b", AU)]
    assert first == second


def test_charts_are_deterministic_and_carry_no_metadata() -> None:
    series = [("2027", 13542, 4618), ("2028", 1195, 0)]
    assert hours_over_time(series) == hours_over_time(series)
    png = horizontal_bars(["Allocataires du RSA", "GEIQ"], [1157, 290])
    assert png == horizontal_bars(["Allocataires du RSA", "GEIQ"], [1157, 290])
    assert png.startswith(b"\x89PNG") and b"Software" not in png and b"matplotlib" not in png.lower()


def test_libreoffice_opens_the_attestation_and_the_bilan(story_base: str, tmp_path: Path) -> None:
    close_first_contract(story_base)
    suivi(story_base, "attestation", "2026-NM-GS-014/1", "-o", str(tmp_path))
    suivi(story_base, "bilan", "--du", "01/01/2027", "--au", "31/10/2027", "-o", str(tmp_path))
    documents = [tmp_path / "2026-NM-GS-014" / "attestation-heures-2026-NM-GS-014-lot1.docx", tmp_path / "bilan-suivi-2027-01-01-2027-10-31.docx"]
    convert(documents, tmp_path)
    assert all((tmp_path / f"{path.stem}.pdf").stat().st_size > 10000 for path in documents)
