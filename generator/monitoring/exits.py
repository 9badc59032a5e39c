"""People's exits at the end of their time on a contract, in the IAE reporting categories."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from generator.monitoring.contracts import find_contract
from generator.monitoring.errors import MonitoringError
from generator.monitoring.lists import choices
from generator.monitoring.models import Fiche, Ligne, Personne, Sortie


def record_exit(session: Session, code: str, person_code: str, category: str, date: dt.date, precision: str | None = None) -> bool:
    """Record (or correct) a person's exit from a contract; True when it replaced an earlier one."""
    contract = find_contract(session, code)
    categories = choices("sorties")
    if category not in categories:
        raise MonitoringError(f"Catégorie de sortie « {category} » inconnue ; valeurs admises : {', '.join(categories)}.")
    person = session.scalar(select(Personne).where(Personne.code == person_code))
    worked = person is not None and session.scalar(
        select(Ligne.id).join(Fiche).where(Fiche.contrat_id == contract.id, Ligne.personne_id == person.id).limit(1))
    if person is None or not worked:
        raise MonitoringError(f"La personne « {person_code} » n'a aucune heure enregistrée sur le marché {code} : sortie non enregistrée.")
    existing = session.scalar(select(Sortie).where(Sortie.contrat_id == contract.id, Sortie.personne_id == person.id))
    if existing is None:
        session.add(Sortie(contrat_id=contract.id, personne_id=person.id, date=date, categorie=category, precision=precision))
    else:
        existing.date, existing.categorie, existing.precision = date, category, precision
    session.flush()
    return existing is not None
