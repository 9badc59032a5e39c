"""The attestation of hours realised that the CCAP promises at the end of a contract (.docx).

It states the hours due (with amendments), the hours realised month by month, the
rate, and the shortfall with the penalty it triggers under the CCAP's rule (hours
missing × penalty per hour), or that no penalty is due.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from generator.drafting.render import render_docx
from generator.files import output_folder, write_atomic
from generator.formatting import date_courte
from generator.monitoring.contexts import AmendmentView, AttestationContext, ConsultationView, ContractView, CountRow, HoursRow
from generator.monitoring.contracts import find_contract, lot_label, required_hours
from generator.monitoring.errors import MonitoringError
from generator.monitoring.indicators import contract_state
from generator.monitoring.lists import choices
from generator.monitoring.models import Contrat, Fiche, Ligne, Sortie
from generator.monitoring.months import month_label
from generator.templates import shipped_templates

ATTESTATION = "attestation-heures-insertion.docx"


def attestation_context(session: Session, contract: Contrat, today: dt.date) -> AttestationContext:
    """What the attestation template reads (documented in clause_templates/README.md)."""
    fiches = list(session.scalars(select(Fiche).where(Fiche.contrat_id == contract.id).order_by(Fiche.mois)))
    state = contract_state(contract, {fiche.mois: fiche.heures for fiche in fiches}, today)
    due, realised = required_hours(contract), state.heures_realisees
    shortfall = max(0, due - realised)
    consultation = contract.lot.consultation
    penalty = Decimal(consultation.penalite_centimes) / 100 if consultation.penalite_centimes is not None else None
    assert contract.reception is not None
    return AttestationContext(
        consultation=ConsultationView(consultation.reference, consultation.objet, consultation.acheteur, consultation.facilitateur),
        marche=ContractView(contract.code, lot_label(contract.lot), contract.titulaire, contract.siret, contract.notification,
                            contract.debut, contract.reception),
        avenants=[AmendmentView(a.date, a.heures_requises, a.motif) for a in contract.avenants],
        heures_spec=contract.lot.heures_requises,
        heures_dues=due,
        heures_realisees=realised,
        taux=(Decimal(realised) / due).quantize(Decimal("0.001")) if due else Decimal(0),
        manque=shortfall,
        depassement=max(0, realised - due),
        penalite_par_heure=penalty,
        penalite=penalty * shortfall if penalty is not None else None,
        mois_fiches=[HoursRow(month_label(f.mois), f.heures, f.personnes) for f in fiches],
        mois_sans_fiche=[month_label(month) for month in state.mois_sans_fiche],
        modalites=_by_modality(session, contract),
        personnes=_people_count(session, contract),
        sorties=_exits(session, contract),
        date_edition=today,
    )


def _lines(session: Session, contract: Contrat) -> list[Ligne]:
    return list(session.scalars(select(Ligne).join(Fiche).where(Fiche.contrat_id == contract.id)))


def _by_modality(session: Session, contract: Contrat) -> list[HoursRow]:
    hours: dict[str, int] = defaultdict(int)
    people: dict[str, set[int]] = defaultdict(set)
    for line in _lines(session, contract):
        hours[line.modalite] += line.heures
        people[line.modalite].add(line.personne_id)
    labels = choices("modalites")
    return [HoursRow(labels[key], hours[key], len(people[key])) for key in labels if key in hours]


def _people_count(session: Session, contract: Contrat) -> int:
    return len({line.personne_id for line in _lines(session, contract) if line.heures > 0})


def _exits(session: Session, contract: Contrat) -> list[CountRow]:
    counts: dict[str, int] = defaultdict(int)
    for exit_ in session.scalars(select(Sortie).where(Sortie.contrat_id == contract.id)):
        counts[exit_.categorie] += 1
    labels = choices("sorties")
    return [CountRow(labels[key], counts[key]) for key in labels if key in counts]


def write_attestation(session: Session, code: str, output: Path, today: dt.date, templates: Path | None = None) -> Path:
    """Render the attestation of a closed contract into ``output/<reference>/``; return its path."""
    contract = find_contract(session, code)
    if contract.reception is None:
        raise MonitoringError(f"Le marché {code} n'est pas clos : enregistrez d'abord sa réception "
                              f"(clauses suivi contrat cloturer {code} --reception JJ/MM/AAAA).")
    if contract.purge_le is not None:
        raise MonitoringError(f"Les données détaillées du marché {code} ont été purgées le {date_courte(contract.purge_le)} : "
                              "l'attestation ne peut plus être produite.")
    data = render_docx(templates or shipped_templates(), ATTESTATION, attestation_context(session, contract, today).as_mapping())
    path = output_folder(output, contract.lot.consultation.reference) / f"attestation-heures-{code.replace('/', '-lot')}.docx"
    write_atomic(path, data)
    return path
