"""Removing person-level data of contracts completed before a date, keeping the aggregates.

For each such contract the breakdowns the bilan needs (people and hours by public, sex,
age band, QPV, prescriber, way of complying, contract type, exit) are stored first;
then its lines and exits are deleted, and the people no longer on any contract are
removed from the register. Monthly totals stay on the sheets' records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from generator.monitoring.breakdowns import breakdown, person_facts, rows_of
from generator.monitoring.models import AgregatPurge, Contrat, Fiche, Ligne, Personne, Sortie


@dataclass(frozen=True)
class PurgeReport:
    """What a purge removed (or would remove, without --oui)."""

    contrats: list[str]
    lignes: int
    sorties: int
    personnes: int


def default_cutoff(today: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` months before ``today``'s (the documented retention period)."""
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def purge(session: Session, before: dt.date, today: dt.date, apply: bool) -> PurgeReport:
    """Purge the contracts received before ``before`` (only count what would go when ``apply`` is False)."""
    contracts = list(session.scalars(select(Contrat).where(Contrat.reception < before, Contrat.purge_le.is_(None)).order_by(Contrat.code)))
    ids = [contract.id for contract in contracts]
    lines = list(session.scalars(select(Ligne).join(Fiche).where(Fiche.contrat_id.in_(ids))))
    exits = list(session.scalars(select(Sortie).where(Sortie.contrat_id.in_(ids))))
    leaving = {line.personne_id for line in lines} | {exit_.personne_id for exit_ in exits}
    staying = set(session.scalars(select(Ligne.personne_id).join(Fiche).where(Fiche.contrat_id.not_in(ids)))) | set(
        session.scalars(select(Sortie.personne_id).where(Sortie.contrat_id.not_in(ids))))
    report = PurgeReport([contract.code for contract in contracts], len(lines), len(exits), len(leaving - staying))
    if apply:
        for contract in contracts:
            _keep_aggregates(session, contract, [line for line in lines if line.fiche.contrat_id == contract.id],
                             {e.personne_id: e.categorie for e in exits if e.contrat_id == contract.id})
            contract.purge_le = today
        session.execute(delete(Ligne).where(Ligne.id.in_([line.id for line in lines])))
        session.execute(delete(Sortie).where(Sortie.contrat_id.in_(ids)))
        session.execute(delete(Personne).where(Personne.id.in_(leaving - staying)))
        session.flush()
    return report


def _keep_aggregates(session: Session, contract: Contrat, lines: list[Ligne], exits: dict[int, str]) -> None:
    on = contract.reception or contract.fin_prevue
    for dimension, cells in breakdown(person_facts(rows_of(lines), exits), on).items():
        for key, cell in cells.items():
            session.add(AgregatPurge(contrat_id=contract.id, dimension=dimension, cle=key, personnes=cell.personnes, heures=cell.heures))
