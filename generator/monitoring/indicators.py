"""Where each contract stands: hours required and realised, rate (never capped), hours expected by now
pro rata temporis, months with no sheet, and the shortfall projected at the current pace."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from generator.monitoring.contracts import lot_label, required_hours
from generator.monitoring.models import Contrat, Fiche
from generator.monitoring.months import first_day, months_between, previous_month


@dataclass(frozen=True)
class ContractState:
    """One contract's figures at a date."""

    code: str
    reference: str
    lot: str
    titulaire: str
    mecanisme: str
    clos: bool
    heures_dues: int
    heures_realisees: int
    heures_attendues: int
    mois_sans_fiche: list[dt.date]
    manque_projete: int

    @property
    def taux(self) -> Decimal | None:
        """Realised ÷ required, not capped (129 % is a result); None when nothing is required."""
        return Decimal(self.heures_realisees) / Decimal(self.heures_dues) if self.heures_dues else None

    @property
    def en_retard(self) -> bool:
        return self.heures_realisees < self.heures_attendues

    @property
    def etat(self) -> str:
        if self.clos:
            return "clos"
        return "en retard" if self.en_retard else "en cours"


@dataclass(frozen=True)
class ConsultationState:
    """A consultation's contracts and their totals."""

    reference: str
    objet: str
    contrats: list[ContractState]

    def total(self, field: str) -> int:
        return sum(getattr(state, field) for state in self.contrats)

    @property
    def taux(self) -> Decimal | None:
        due = self.total("heures_dues")
        return Decimal(self.total("heures_realisees")) / Decimal(due) if due else None


def last_due_month(contract: Contrat, today: dt.date) -> dt.date:
    """The last month a sheet is due for: the month before today's, or the completion month."""
    if contract.reception is not None:
        return first_day(contract.reception)
    return min(previous_month(first_day(today)), first_day(contract.fin_prevue))


def contract_state(contract: Contrat, months: dict[dt.date, int], today: dt.date) -> ContractState:
    """The state of ``contract`` from its sheets' monthly totals ``months`` (month -> hours)."""
    required = required_hours(contract)
    realised = sum(months.values())
    due_months = months_between(contract.debut, last_due_month(contract, today))
    closed = contract.reception is not None
    return ContractState(
        code=contract.code, reference=contract.lot.consultation.reference, lot=lot_label(contract.lot), titulaire=contract.titulaire,
        mecanisme=contract.lot.mecanisme, clos=closed, heures_dues=required, heures_realisees=realised,
        heures_attendues=required if closed else _pro_rata(contract, required, today),
        mois_sans_fiche=[month for month in due_months if month not in months],
        manque_projete=max(0, required - realised) if closed else _projected_shortfall(contract, required, realised, len(due_months)),
    )


def _pro_rata(contract: Contrat, required: int, today: dt.date) -> int:
    """Hours expected by ``today`` if they were spread evenly between start and planned end."""
    length = (contract.fin_prevue - contract.debut).days
    elapsed = min(max((today - contract.debut).days, 0), length)
    return _whole(Decimal(required) * elapsed / length) if length > 0 else required


def _projected_shortfall(contract: Contrat, required: int, realised: int, months_elapsed: int) -> int:
    """Hours missing at the planned end if the pace of the months elapsed goes on."""
    if months_elapsed == 0:
        return 0
    remaining = len(months_between(contract.debut, contract.fin_prevue)) - months_elapsed
    projected = Decimal(realised) + Decimal(realised) / months_elapsed * max(remaining, 0)
    return max(0, required - _whole(projected))


def _whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def portfolio_state(session: Session, today: dt.date) -> list[ConsultationState]:
    """Every contract's state, grouped by consultation (by reference, then contract code)."""
    totals: dict[int, dict[dt.date, int]] = {}
    for contract_id, month, hours in session.execute(select(Fiche.contrat_id, Fiche.mois, Fiche.heures)):
        totals.setdefault(contract_id, {})[month] = hours
    grouped: dict[str, ConsultationState] = {}
    for contract in session.scalars(select(Contrat).order_by(Contrat.code)):
        consultation = contract.lot.consultation
        entry = grouped.setdefault(consultation.reference, ConsultationState(consultation.reference, consultation.objet, []))
        entry.contrats.append(contract_state(contract, totals.get(contract.id, {}), today))
    return [grouped[reference] for reference in sorted(grouped)]
