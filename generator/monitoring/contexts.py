"""The names the follow-up templates can read (attestation, bilan): frozen dataclasses of plain values.

As for every template (drafting.context), no database object reaches a template: the
attestation and the bilan are computed first, then handed over as text, numbers and dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from generator.drafting.views import Names


@dataclass(frozen=True)
class ConsultationView:
    reference: str
    objet: str
    acheteur: str
    facilitateur: str


@dataclass(frozen=True)
class ContractView:
    code: str
    lot: str
    titulaire: str
    siret: str | None
    notification: dt.date
    debut: dt.date
    reception: dt.date


@dataclass(frozen=True)
class AmendmentView:
    date: dt.date
    heures_requises: int
    motif: str


@dataclass(frozen=True)
class HoursRow:
    """A month or a way of complying: its label, hours and people."""

    libelle: str
    heures: int
    personnes: int


@dataclass(frozen=True)
class CountRow:
    """An exit category: its label, people, and their share (already formatted, « — » when there is none)."""

    libelle: str
    personnes: int
    part: str = "—"


@dataclass(frozen=True)
class AttestationContext(Names):
    """What ``attestation-heures-insertion.docx`` reads."""

    consultation: ConsultationView
    marche: ContractView
    avenants: list[AmendmentView]
    heures_spec: int
    heures_dues: int
    heures_realisees: int
    taux: Decimal
    manque: int
    depassement: int
    penalite_par_heure: Decimal | None
    penalite: Decimal | None
    mois_fiches: list[HoursRow]
    mois_sans_fiche: list[str]
    modalites: list[HoursRow]
    personnes: int
    sorties: list[CountRow]
    date_edition: dt.date


@dataclass(frozen=True)
class KeyFigures:
    contrats: int
    operations: int
    heures_demandees: int
    heures_demandees_consultations: int
    etp_demandes: Decimal
    receptionnes: int
    heures_dues_receptionnes: int
    heures_realisees_receptionnes: int
    heures_realisees_periode: int
    personnes: int
    personnes_contrat_travail: int


@dataclass(frozen=True)
class Shares:
    """Shares of the people (and of dynamic exits), already formatted: ``35,7 %`` or ``—``."""

    femmes: str
    moins_26: str
    plus_50: str
    qpv: str
    sorties_dynamiques: str


@dataclass(frozen=True)
class OperationRow:
    operation: str
    heures_dues: int
    heures_realisees: int
    taux: str


@dataclass(frozen=True)
class BreakdownRow:
    libelle: str
    personnes: int
    part: str
    heures: int


@dataclass(frozen=True)
class Breakdowns:
    public: list[BreakdownRow]
    modalite: list[BreakdownRow]
    type_contrat: list[BreakdownRow]
    prescripteur: list[BreakdownRow]
    profil: list[BreakdownRow]


@dataclass(frozen=True)
class InsertionMarketsView:
    contrats: int
    montant: Decimal
    structures: int
    personnes: int


@dataclass(frozen=True)
class Charts:
    """Each chart's place: the template prints the marker, the report puts the picture there."""

    heures: str
    operations: str
    publics: str
    modalites: str


@dataclass(frozen=True)
class BilanContext(Names):
    """What ``bilan-suivi-insertion.docx`` reads."""

    du: dt.date
    au: dt.date
    date_edition: dt.date
    chiffres: KeyFigures
    taux_receptionnes: str
    parts: Shares
    par_annee: bool
    operations: list[OperationRow]
    repartitions: Breakdowns
    sorties: list[CountRow]
    marches_insertion: InsertionMarketsView
    graphiques: Charts
