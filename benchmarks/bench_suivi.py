"""How long the follow-up takes at the scale of Nantes Métropole 2005-2009, on SQLite.

A seeded synthetic portfolio: 1 413 contracts over five years (about 400 operations),
about 1 100 people, about 930 000 hours requested, a monthly sheet for every month of
every contract. Timed: importing every sheet (one transaction per file, as a user does
with ``clauses suivi importer DOSSIER``) and producing the five-year bilan (.docx with
charts and .xlsx). Building the portfolio and its files is not timed.

    python benchmarks/bench_suivi.py [--graine 2026] [--dossier DOSSIER]

The sheets are written once per contract by the tool, then filled month by month the
way a spreadsheet program stores typed values (inline strings and numbers in the sheet's
XML): openpyxl would take minutes to fill eleven thousand files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import re
import resource
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from generator.files import normalize_zip
from generator.formatting import decimal_fixe, nombre, pourcent
from generator.monitoring.bilan import compute_bilan
from generator.monitoring.bilan_report import write_bilan
from generator.monitoring.database import Database, open_database
from generator.monitoring.importer import import_paths
from generator.monitoring.models import Consultation, Contrat, Lot, Personne
from generator.monitoring.months import months_between
from generator.monitoring.sheet_layout import sheet_filename
from generator.monitoring.sheet_writer import monthly_sheet
from generator.reference.data import public_keys

CONTRACTS, OPERATIONS, PEOPLE, HOURS = 1413, 400, 1100, 930_000
PENDING_LOTS = 20
START, END = dt.date(2027, 1, 1), dt.date(2031, 12, 31)
PUBLICS = ["beneficiaires_rsa", "travailleurs_handicapes", "jeunes_peu_qualifies", "jeunes_mission_locale",
           "demandeurs_emploi_longue_duree", "seniors", "residents_qpv"]
WAYS = [("embauche_directe", "cdd"), ("embauche_directe", "cdi"), ("etti", "interim"), ("geiq", "contrat_professionnalisation"),
        ("embauche_directe", "apprentissage"), ("sous_traitance_siae", "cddi"), ("ai", "cdd")]


@dataclass
class Plan:
    code: str
    months: list[dt.date]
    people: list[tuple[str, str, str, str]]  # code, public, way, contract type
    hours: int  # realised over the contract


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def build_portfolio(database: Database, rng: random.Random) -> list[Plan]:
    """Consultations, lots, contracts and people, stored directly (registration is not what is timed)."""
    raw = [rng.lognormvariate(0, 0.9) for _ in range(CONTRACTS + PENDING_LOTS)]
    scale = HOURS / sum(raw)
    hours = [max(35, round(value * scale)) for value in raw]
    people = [(f"P{n:04d}", rng.choice(PUBLICS)) for n in range(PEOPLE)]
    plans = []
    with database.transaction() as session:
        prescribers = ["france_travail", "mission_locale", "plie", "departement", "siae"]
        session.add_all(Personne(code=code, public=public, sexe="F" if rng.random() < 0.2 else "H", annee_naissance=rng.randint(1962, 2008),
                                 qpv=rng.random() < 0.32, prescripteur=rng.choice(prescribers)) for code, public in people)
        consultations = [_consultation(session, index, rng) for index in range(OPERATIONS)]
        for index in range(CONTRACTS + PENDING_LOTS):
            consultation = consultations[index * OPERATIONS // (CONTRACTS + PENDING_LOTS)]
            lot = Lot(numero=len(consultation.lots) + 1, designation=f"Lot {len(consultation.lots) + 1}", intitule="Travaux",
                      mecanisme="marche_insertion" if index % 47 == 0 else "clause_execution", heures_requises=hours[index],
                      montant_centimes=hours[index] * 30 * 100 * 20)
            consultation.lots.append(lot)
            if index < CONTRACTS:
                plans.append(_contract(lot, consultation, rng, people))
        session.flush()
    return plans


def _consultation(session: object, index: int, rng: random.Random) -> Consultation:
    consultation = Consultation(reference=f"BENCH-{index:03d}", objet=f"Opération {index}", acheteur="Métropole", operation=f"Opération {index:03d}",
                                date_lancement=_day(rng, START - dt.timedelta(days=120), END - dt.timedelta(days=400)),
                                facilitateur="AMO Insertion", facilitateur_contact="amo@exemple.fr", penalite_centimes=5000,
                                heures_par_etp=1826, publics=" ".join([*public_keys(), "autre"]))
    session.add(consultation)  # type: ignore[attr-defined]
    return consultation


def _contract(lot: Lot, consultation: Consultation, rng: random.Random, people: list[tuple[str, str]]) -> Plan:
    debut = consultation.date_lancement + dt.timedelta(days=rng.randint(60, 120))
    fin = min(debut + dt.timedelta(days=rng.randint(60, 420)), END)
    lot.contrat = Contrat(code=f"{consultation.reference}/{lot.numero}", titulaire=f"Entreprise {rng.randint(1, 600)}",
                          notification=debut - dt.timedelta(days=20), debut=debut, fin_prevue=fin, montant_centimes=lot.montant_centimes)
    count = 8 if lot.mecanisme == "marche_insertion" else rng.randint(1, 4)
    chosen = rng.sample(people, count)
    team = [(code, public, *rng.choice(WAYS)) for code, public in chosen]
    return Plan(lot.contrat.code, months_between(debut, fin), team, round(lot.heures_requises * max(0.3, rng.gauss(1.29, 0.35))))


CELL = '<c r="{ref}" s="(\\d+)" t="n"></c>'


def _filled(blank: bytes, month: dt.date, rows: list[tuple[str, str, str, str, str, int]]) -> bytes:
    """The blank sheet with the month and the rows typed in, as a spreadsheet program stores them."""
    source = zipfile.ZipFile(io.BytesIO(blank))
    xml = source.read("xl/worksheets/sheet1.xml").decode()
    serial = (month - dt.date(1899, 12, 30)).days
    xml = re.sub(r'(<c r="B6" s="\d+" t="n"><v>)\d+(</v>)', rf"\g<1>{serial}\g<2>", xml)
    for index, row in enumerate(rows):
        for column, value in zip("ABCDEF", row, strict=True):
            ref = f"{column}{10 + index}"
            content = f"<v>{value}</v>" if isinstance(value, int) else f"<is><t>{value}</t></is>"
            kind = "n" if isinstance(value, int) else "inlineStr"
            xml = re.sub(CELL.format(ref=ref), rf'<c r="{ref}" s="\g<1>" t="{kind}">{content}</c>', xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename))
    return normalize_zip(out.getvalue())


def write_sheets(database: Database, plans: list[Plan], folder: Path) -> int:
    """Every monthly sheet of every contract, filled; returns how many."""
    written = 0
    with database.transaction() as session:
        contracts = {c.code: c for c in session.query(Contrat)}
        for plan in plans:
            blank = monthly_sheet(session, contracts[plan.code], plan.months[0])
            per_cell = plan.hours // (len(plan.months) * len(plan.people))
            for month in plan.months:
                rows = [(code, public, way, kind, "Ouvrier", min(300, per_cell)) for code, public, way, kind in plan.people]
                (folder / sheet_filename(plan.code, f"{month:%Y-%m}")).write_bytes(_filled(blank, month, rows))
                written += 1
    return written


def _cpu() -> float:
    """Processor time of this process and of its finished worker processes (the machine may be busy with others)."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def close_finished(database: Database, today: dt.date) -> None:
    with database.transaction() as session:
        for contract in session.query(Contrat).filter(Contrat.fin_prevue < today - dt.timedelta(days=60)):
            contract.reception = contract.fin_prevue


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graine", type=int, default=2026)
    parser.add_argument("--dossier", type=Path, help="Dossier de travail (par défaut un dossier temporaire).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = args.dossier or Path(scratch)
        (work / "fiches").mkdir(parents=True, exist_ok=True)
        database = open_database(str(work / "bench.sqlite3"))
        plans = build_portfolio(database, random.Random(args.graine))
        sheets = write_sheets(database, plans, work / "fiches")
        today = END
        start, cpu = time.perf_counter(), _cpu()
        report = import_paths(database, [work / "fiches"], today)
        imported, imported_cpu = time.perf_counter() - start, _cpu() - cpu
        assert not report.refused, report.refused[0]
        close_finished(database, today)
        start, cpu = time.perf_counter(), _cpu()
        with database.transaction() as session:
            bilan = compute_bilan(session, START, END)
        write_bilan(bilan, work / "bilan", today)
        reported, reported_cpu = time.perf_counter() - start, _cpu() - cpu
        database.close()
    lines = sum(done.lines for done in report.imported)
    print(f"portefeuille                    : {bilan.contrats} marchés, {bilan.operations} opérations, {bilan.personnes()} personnes")
    print(f"heures demandées                : {nombre(bilan.heures_demandees)} ({nombre(bilan.etp_demandes)} ETP)")
    rate = bilan.taux_receptionnes
    print(f"taux de réalisation (réceptionnés): {pourcent(round(rate, 3)) if rate is not None else '—'}")
    print(f"fiches importées                : {sheets} fichiers, {lines} lignes")
    per_sheet = imported / sheets * 1000
    print(f"import de toutes les fiches     : {decimal_fixe(imported, 1):>6} s ({decimal_fixe(per_sheet, 1)} ms par fiche ; "
          f"temps processeur {decimal_fixe(imported_cpu, 1)} s)")
    print(f"bilan sur cinq ans (.docx+.xlsx): {decimal_fixe(reported, 1):>6} s (temps processeur {decimal_fixe(reported_cpu, 1)} s)")


if __name__ == "__main__":
    main()
