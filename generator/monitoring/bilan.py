"""The portfolio bilan for a period: the Nantes Métropole indicators, from the database, as aggregates only.

- contracts in the period: execution (start to completion, or planned end) overlaps it;
- hours requested: those contracts' hours due, plus the lots of consultations launched in
  the period and not yet awarded; ETP at each consultation's hours per ETP;
- completed contracts: received in the period; their hours realised (whole contract) and rate;
- people: those with hours in a month of the period (purged contracts count through their
  stored aggregates); exits dated in the period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from generator.monitoring.breakdowns import DIMENSIONS, EVERYONE, TOTAL, WITH_WORK_CONTRACT, Breakdown, Cell, breakdown, merge, person_facts
from generator.monitoring.contracts import required_hours
from generator.monitoring.lists import suivi_data
from generator.monitoring.models import AgregatPurge, Consultation, Contrat, Fiche, Ligne, Lot, Personne, Sortie
from generator.monitoring.months import first_day
from generator.reference.data import mechanisms


@dataclass(frozen=True)
class OperationRate:
    operation: str
    heures_dues: int
    heures_realisees: int

    @property
    def taux(self) -> Decimal | None:
        return Decimal(self.heures_realisees) / self.heures_dues if self.heures_dues else None


@dataclass(frozen=True)
class InsertionMarkets:
    """Insertion markets apart: how many, amount financed, structures mobilised, people employed."""

    contrats: int
    montant: Decimal
    structures: int
    personnes: int


@dataclass
class Bilan:
    du: dt.date
    au: dt.date
    contrats: int = 0
    operations: int = 0
    heures_demandees_marches: int = 0
    heures_demandees_consultations: int = 0
    etp_demandes: Decimal = Decimal(0)
    receptionnes: int = 0
    heures_dues_receptionnes: int = 0
    heures_realisees_receptionnes: int = 0
    heures_realisees_periode: int = 0
    repartitions: Breakdown = field(default_factory=lambda: defaultdict(lambda: defaultdict(Cell)))
    sorties: dict[str, int] = field(default_factory=dict)
    series: list[tuple[str, int, int]] = field(default_factory=list)  # period label, hours due of contracts started, hours realised
    par_operation: list[OperationRate] = field(default_factory=list)
    marches_insertion: InsertionMarkets = InsertionMarkets(0, Decimal(0), 0, 0)

    @property
    def heures_demandees(self) -> int:
        return self.heures_demandees_marches + self.heures_demandees_consultations

    @property
    def taux_receptionnes(self) -> Decimal | None:
        due = self.heures_dues_receptionnes
        return Decimal(self.heures_realisees_receptionnes) / due if due else None

    def personnes(self, key: str = EVERYONE) -> int:
        return self.repartitions[TOTAL][key].personnes

    @property
    def personnes_contrat_travail(self) -> int:
        return self.personnes(WITH_WORK_CONTRACT)

    def part(self, dimension: str, *keys: str) -> Decimal | None:
        """Share of the people in ``keys`` of ``dimension`` (people not informed count in the whole)."""
        total = self.personnes()
        return Decimal(sum(self.repartitions[dimension][key].personnes for key in keys)) / total if total else None

    @property
    def sorties_dynamiques(self) -> Decimal | None:
        total = sum(self.sorties.values())
        dynamic = sum(self.sorties.get(key, 0) for key in suivi_data()["sorties_dynamiques"])
        return Decimal(dynamic) / total if total else None


def _end(contract: Contrat) -> dt.date:
    return contract.reception or contract.fin_prevue


def compute_bilan(session: Session, du: dt.date, au: dt.date) -> Bilan:
    """The indicators of ``du``..``au`` (both included)."""
    bilan = Bilan(du, au)
    contracts = [c for c in session.scalars(select(Contrat)) if c.debut <= au and _end(c) >= du]
    monthly = _monthly_totals(session)
    _portfolio(bilan, contracts, monthly)
    _pending(bilan, session)
    bilan.heures_realisees_periode = sum(h for months in monthly.values() for month, h in months.items() if first_day(du) <= month <= au)
    _people(bilan, session, contracts)
    _exits(bilan, session, contracts)
    _series(bilan, contracts, monthly)
    _insertion_markets(bilan, session, contracts)
    return bilan


def _monthly_totals(session: Session) -> dict[int, dict[dt.date, int]]:
    totals: dict[int, dict[dt.date, int]] = defaultdict(dict)
    for contract_id, month, hours in session.execute(select(Fiche.contrat_id, Fiche.mois, Fiche.heures)):
        totals[contract_id][month] = hours
    return totals


def _portfolio(bilan: Bilan, contracts: list[Contrat], monthly: dict[int, dict[dt.date, int]]) -> None:
    bilan.contrats = len(contracts)
    bilan.operations = len({c.lot.consultation.operation for c in contracts})
    by_operation: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for contract in contracts:
        due, realised = required_hours(contract), sum(monthly.get(contract.id, {}).values())
        bilan.heures_demandees_marches += due
        bilan.etp_demandes += Decimal(due) / contract.lot.consultation.heures_par_etp
        by_operation[contract.lot.consultation.operation][0] += due
        by_operation[contract.lot.consultation.operation][1] += realised
        if contract.reception is not None and bilan.du <= contract.reception <= bilan.au:
            bilan.receptionnes += 1
            bilan.heures_dues_receptionnes += due
            bilan.heures_realisees_receptionnes += realised
    bilan.par_operation = sorted((OperationRate(name, due, done) for name, (due, done) in by_operation.items()),
                                 key=lambda rate: (-rate.heures_dues, rate.operation))


def _pending(bilan: Bilan, session: Session) -> None:
    """Lots of consultations launched in the period and not awarded yet: their hours are requested too."""
    query = select(Lot, Consultation).join(Consultation).where(Consultation.date_lancement >= bilan.du, Consultation.date_lancement <= bilan.au)
    for lot, consultation in session.execute(query):
        if lot.contrat is None:
            bilan.heures_demandees_consultations += lot.heures_requises
            bilan.etp_demandes += Decimal(lot.heures_requises) / consultation.heures_par_etp


def _people(bilan: Bilan, session: Session, contracts: list[Contrat]) -> None:
    live = [c.id for c in contracts if c.purge_le is None]
    query = (select(Ligne.personne_id, Ligne.modalite, Ligne.type_contrat, Ligne.heures).join(Fiche)
             .where(Fiche.contrat_id.in_(live), Fiche.mois >= first_day(bilan.du), Fiche.mois <= bilan.au, Ligne.heures > 0))
    rows = session.execute(query).all()
    people = {p.id: p for p in session.scalars(select(Personne).where(Personne.id.in_({row[0] for row in rows})))} if rows else {}
    facts = person_facts(((people[pid], modalite, kind, hours) for pid, modalite, kind, hours in rows), {})
    result = breakdown(facts, bilan.au)
    purged = [c.id for c in contracts if c.purge_le is not None]
    for aggregate in session.scalars(select(AgregatPurge).where(AgregatPurge.contrat_id.in_(purged))):
        if aggregate.dimension != "sortie":
            merge(result, aggregate.dimension, aggregate.cle, aggregate.personnes, aggregate.heures)
    result.pop("sortie", None)
    bilan.repartitions = result


def _exits(bilan: Bilan, session: Session, contracts: list[Contrat]) -> None:
    counts: dict[str, int] = defaultdict(int)
    query = select(Sortie.categorie).where(Sortie.date >= bilan.du, Sortie.date <= bilan.au)
    for (category,) in session.execute(query):
        counts[category] += 1
    purged = [c.id for c in contracts if c.purge_le is not None and c.reception is not None and bilan.du <= c.reception <= bilan.au]
    for aggregate in session.scalars(select(AgregatPurge).where(AgregatPurge.contrat_id.in_(purged), AgregatPurge.dimension == "sortie")):
        if aggregate.cle != "sans_sortie":
            counts[aggregate.cle] += aggregate.personnes
    bilan.sorties = dict(counts)


def _bucket(month: dt.date, by_year: bool) -> str:
    return str(month.year) if by_year else f"T{(month.month - 1) // 3 + 1} {month.year}"


def _series(bilan: Bilan, contracts: list[Contrat], monthly: dict[int, dict[dt.date, int]]) -> None:
    """Per year (per quarter for a period of two years or less): hours due of the contracts started, hours realised."""
    by_year = (bilan.au - bilan.du).days > 731
    due: dict[str, int] = defaultdict(int)
    done: dict[str, int] = defaultdict(int)
    for contract in contracts:
        if bilan.du <= contract.debut <= bilan.au:
            due[_bucket(contract.debut, by_year)] += required_hours(contract)
        for month, hours in monthly.get(contract.id, {}).items():
            if first_day(bilan.du) <= month <= bilan.au:
                done[_bucket(month, by_year)] += hours
    keys = sorted(set(due) | set(done), key=lambda key: (key[-4:], key))
    bilan.series = [(key, due[key], done[key]) for key in keys]


def _buys_hours(key: str) -> bool:
    """An insertion market (mecanismes.yaml); a key recorded by an older version and since removed is not one."""
    record = mechanisms().get(key)
    return record is not None and record.buys_hours


def _insertion_markets(bilan: Bilan, session: Session, contracts: list[Contrat]) -> None:
    markets = [c for c in contracts if _buys_hours(c.lot.mecanisme)]
    ids = [c.id for c in markets]
    people = set(session.scalars(select(Ligne.personne_id).join(Fiche).where(
        Fiche.contrat_id.in_(ids), Fiche.mois >= first_day(bilan.du), Fiche.mois <= bilan.au, Ligne.heures > 0)))
    purged = sum(a.personnes for a in session.scalars(select(AgregatPurge).where(
        AgregatPurge.contrat_id.in_(ids), AgregatPurge.dimension == TOTAL, AgregatPurge.cle == EVERYONE)))
    bilan.marches_insertion = InsertionMarkets(len(markets), sum((Decimal(c.montant_centimes) / 100 for c in markets), Decimal(0)),
                                               len({c.titulaire for c in markets}), len(people) + purged)


__all__ = ["DIMENSIONS", "Bilan", "compute_bilan"]
