"""The contracts register: consultations and lots from their spec, contracts after award, amendments, completion.

A lot with insertion hours and no contract yet is "en consultation"; a contract is
"en cours" until its completion ("réception") date is recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from generator.formatting import date_courte, liste_ou_aucun
from generator.monitoring.errors import MonitoringError
from generator.monitoring.lists import OTHER_PUBLIC
from generator.monitoring.models import Avenant, Consultation, Contrat, Lot
from generator.reference.data import default_publics
from generator.resolve.model import ResolvedLot, ResolvedSpec, designation, resolve_file

SIRET = re.compile(r"^\d{14}$")


def contract_code(reference: str, numero: int | None) -> str:
    """``2026-NM-GS-014/1`` for lot 1, the bare reference for a non-allotted market."""
    return f"{reference}/{numero}" if numero is not None else reference


def register_consultation(session: Session, spec_path: Path, operation: str | None = None) -> Consultation:
    """Record (or refresh) the consultation and its lots with hours; hours of awarded lots stay as amended."""
    resolved = resolve_file(spec_path)
    reference = resolved.consultation.reference
    consultation = session.scalar(select(Consultation).where(Consultation.reference == reference))
    if consultation is None:
        consultation = Consultation(reference=reference, operation=operation or reference)
        session.add(consultation)
    elif operation:
        consultation.operation = operation
    _snapshot(consultation, resolved)
    known = {lot.designation: lot for lot in consultation.lots}
    for resolved_lot in resolved.lots_avec_heures:
        lot = known.get(resolved_lot.designation)
        if lot is None:
            lot = Lot(designation=resolved_lot.designation)
            consultation.lots.append(lot)
        if lot.contrat is None:
            _lot_snapshot(lot, resolved_lot)
    session.flush()
    return consultation


def _snapshot(consultation: Consultation, resolved: ResolvedSpec) -> None:
    spec = resolved.spec
    facilitator = spec.consultation.facilitateur
    penalty = resolved.parametres.penalite_par_heure
    consultation.objet = spec.consultation.objet
    consultation.acheteur = spec.consultation.acheteur.nom
    consultation.date_lancement = spec.consultation.date_lancement
    consultation.facilitateur = facilitator.structure
    consultation.facilitateur_contact = " — ".join(part for part in (facilitator.adresse, facilitator.telephone, facilitator.courriel) if part)
    consultation.penalite_centimes = int(penalty * 100) if penalty is not None else None
    consultation.heures_par_etp = int(resolved.parametres.heures_par_etp)
    publics = spec.publics if spec.publics is not None else default_publics()
    consultation.publics = " ".join(public if isinstance(public, str) else OTHER_PUBLIC for public in publics)


def _lot_snapshot(lot: Lot, resolved_lot: ResolvedLot) -> None:
    lot.numero = resolved_lot.numero
    lot.intitule = resolved_lot.intitule
    lot.mecanisme = resolved_lot.mecanisme
    lot.heures_requises = whole(resolved_lot.heures)
    lot.montant_centimes = int(resolved_lot.spec.montant_estime_ht * 100)


def whole(value: Decimal) -> int:
    """Hours as a whole number (half up): the register counts whole hours."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def register_contract(session: Session, spec_path: Path, numero: int | None, titulaire: str, notification: dt.date,
                      debut: dt.date, fin: dt.date, *, siret: str | None = None, operation: str | None = None,
                      montant: Decimal | None = None) -> Contrat:
    """Record the contract awarded for a lot of the spec (the lot must have insertion hours)."""
    consultation = register_consultation(session, spec_path, operation)
    lot = _lot_of(consultation, numero, spec_path)
    code = contract_code(consultation.reference, lot.numero)
    if lot.contrat is not None:
        raise MonitoringError(f"Le marché {code} est déjà enregistré (titulaire {lot.contrat.titulaire}) ; "
                              "pour changer les heures, enregistrez un avenant (clauses suivi contrat avenant).")
    _check_contract(code, consultation, titulaire, siret, notification, debut, fin)
    contract = Contrat(code=code, titulaire=titulaire.strip(), siret=siret, notification=notification, debut=debut, fin_prevue=fin,
                       montant_centimes=int(montant * 100) if montant is not None else lot.montant_centimes)
    lot.contrat = contract
    session.flush()
    return contract


def _lot_of(consultation: Consultation, numero: int | None, spec_path: Path) -> Lot:
    lots = {lot.numero: lot for lot in consultation.lots}
    if numero is None and len(lots) == 1:
        return next(iter(lots.values()))
    if numero not in lots:
        known = liste_ou_aucun(str(n) for n in lots if n is not None)
        asked = "--lot manquant" if numero is None else f"lot {numero} inconnu ou sans heures d'insertion"
        raise MonitoringError(f"{spec_path} : {asked} ; lots avec des heures d'insertion : {known}.")
    return lots[numero]


def _check_contract(code: str, consultation: Consultation, titulaire: str, siret: str | None,
                    notification: dt.date, debut: dt.date, fin: dt.date) -> None:
    problems = []
    if not titulaire.strip():
        problems.append("le titulaire est vide")
    if siret is not None and not SIRET.match(siret):
        problems.append(f"SIRET « {siret} » invalide (14 chiffres)")
    if notification < consultation.date_lancement:
        launch = date_courte(consultation.date_lancement)
        problems.append(f"notification le {date_courte(notification)}, avant le lancement de la consultation ({launch})")
    if debut < notification:
        problems.append(f"début d'exécution le {date_courte(debut)}, avant la notification ({date_courte(notification)})")
    if fin <= debut:
        problems.append(f"fin prévue le {date_courte(fin)}, pas après le début ({date_courte(debut)})")
    if problems:
        raise MonitoringError(f"Marché {code} non enregistré : " + " ; ".join(problems) + ".")


def find_contract(session: Session, code: str) -> Contrat:
    """The contract of ``code``; a French error listing close codes when unknown."""
    contract = session.scalar(select(Contrat).where(Contrat.code == code))
    if contract is None:
        raise MonitoringError(f"Marché {code} inconnu : enregistrez-le d'abord avec « clauses suivi contrat enregistrer ».")
    return contract


def required_hours(contract: Contrat) -> int:
    """The hours the holder must realise: the last amendment's, else the spec's."""
    return contract.avenants[-1].heures_requises if contract.avenants else contract.lot.heures_requises


def amend(session: Session, code: str, date: dt.date, heures: int, motif: str) -> Avenant:
    """Record an amendment that sets the hours required from ``date``."""
    contract = find_contract(session, code)
    if heures < 0:
        raise MonitoringError(f"Avenant du marché {code} refusé : {heures} heures (un nombre positif est attendu).")
    if not motif.strip():
        raise MonitoringError(f"Avenant du marché {code} refusé : indiquez son motif (--motif).")
    if date < contract.notification:
        raise MonitoringError(f"Avenant du marché {code} refusé : daté du {date_courte(date)}, "
                              f"avant la notification ({date_courte(contract.notification)}).")
    amendment = Avenant(contrat_id=contract.id, date=date, heures_requises=heures, motif=motif.strip())
    contract.avenants.append(amendment)
    session.flush()
    return amendment


def close(session: Session, code: str, reception: dt.date) -> Contrat:
    """Record the completion date: the contract is then closed to new sheets."""
    contract = find_contract(session, code)
    if contract.reception is not None:
        raise MonitoringError(f"Le marché {code} est déjà clos (réception le {date_courte(contract.reception)}).")
    if reception < contract.debut:
        raise MonitoringError(f"Réception du marché {code} refusée : le {date_courte(reception)}, "
                              f"avant le début d'exécution ({date_courte(contract.debut)}).")
    contract.reception = reception
    session.flush()
    return contract


def lot_label(lot: Lot) -> str:
    """``Lot 2 — Entretien des espaces verts``, or the title alone for a non-allotted market."""
    return f"{designation(lot.numero)} — {lot.intitule}" if lot.numero is not None else lot.intitule
