"""The resolved consultation: a spec with defaults, reference data, law and hours applied.

Documents, the review checks, the grid and the scoring all read this model, so that
the hours a check talks about are the hours the documents print.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.reference import data as reference
from generator.reference import law
from generator.reference.data import Trade
from generator.reference.models import Mechanism, Reservation
from generator.resolve.criterion import Criterion, criterion_of
from generator.resolve.sizing import Parameters, Sizing, etp, lot_sizing, parameters
from generator.spec.model import Insertion, Lot, Spec


@dataclass(frozen=True)
class ResolvedLot:
    spec: Lot
    numero: int | None
    intitule: str
    mecanisme: str
    definition: Mechanism  # the one record of the mechanism: names, block, hours, criterion, documents, articles
    metier: Trade | None
    sizing: Sizing | None
    critere: Criterion | None
    insertion: Insertion | None
    objectif_sorties_dynamiques: Decimal | None
    objectif_emploi_durable: Decimal | None
    reserve: Reservation | None
    base_legale: str
    motif_sans_clause: str | None

    @property
    def mecanisme_libelle(self) -> str:
        return self.definition.libelle

    @property
    def mecanisme_court(self) -> str:
        return self.definition.court

    @property
    def ancien_nom(self) -> str | None:
        return self.definition.ancien_nom

    @property
    def heures_par_formule(self) -> bool:
        """True when the hours come from the hours formula (an insertion clause), not bought by the contract."""
        return self.definition.heures == "formule"

    @property
    def critere_note(self) -> Criterion:
        """The criterion of a lot known to be scored (grid and marks only walk those)."""
        if self.critere is None:
            raise ValueError(f"{self.designation} is not scored on insertion")
        return self.critere

    @property
    def designation(self) -> str:
        """``Lot 2``, or ``Marché`` for a non-allotted market (its only lot has no number)."""
        return designation(self.numero)

    @property
    def a_des_heures(self) -> bool:
        """True when the holder must perform insertion hours (clause or insertion market)."""
        return self.sizing is not None

    @property
    def heures(self) -> Decimal:
        return self.sizing.heures if self.sizing else Decimal(0)

    @property
    def etp(self) -> Decimal:
        return self.sizing.etp if self.sizing else Decimal(0)


def designation(numero: int | None) -> str:
    """How messages and sheets name a lot: ``Lot 2``, or ``Marché`` when not allotted."""
    return f"Lot {numero}" if numero is not None else "Marché"


@dataclass(frozen=True)
class ResolvedSpec:
    spec: Spec
    source: Path
    parametres: Parameters
    publics: list[str]
    lots: list[ResolvedLot]
    operateur: str
    periode_droit: str
    citations: dict[str, str]

    @property
    def consultation(self) -> Any:
        return self.spec.consultation

    @property
    def allotie(self) -> bool:
        return self.spec.allotie

    @property
    def montant_total(self) -> Decimal:
        return sum((lot.spec.montant_estime_ht for lot in self.lots), Decimal(0))

    @property
    def total_heures(self) -> Decimal:
        return sum((lot.heures for lot in self.lots), Decimal(0))

    @property
    def total_etp(self) -> Decimal:
        return etp(self.total_heures, self.parametres.heures_par_etp)

    def lots_ou(self, *mechanisms: str) -> list[ResolvedLot]:
        """The lots using one of ``mechanisms``."""
        return [lot for lot in self.lots if lot.mecanisme in mechanisms]

    @property
    def lots_avec_heures(self) -> list[ResolvedLot]:
        return [lot for lot in self.lots if lot.a_des_heures]

    @property
    def lots_notes(self) -> list[ResolvedLot]:
        """Lots scored on insertion performance."""
        return [lot for lot in self.lots if lot.critere is not None]

    @property
    def nature_principale(self) -> str:
        """Nature of the largest share of the estimated value (decides the EU threshold)."""
        weights: Counter[str] = Counter()
        for lot in self.lots:
            weights[lot.spec.nature] += lot.spec.montant_estime_ht  # type: ignore[assignment]
        return max(sorted(weights), key=lambda nature: weights[nature])

    @property
    def seuil_europeen(self) -> Decimal | None:
        return law.eu_threshold(self.consultation.date_lancement, self.consultation.acheteur.categorie, self.nature_principale)


def resolve(spec: Spec, source: Path | str) -> ResolvedSpec:
    """Apply defaults, reference data, law and sizing to a validated spec."""
    on = spec.consultation.date_lancement
    params = parameters(spec)
    return ResolvedSpec(
        spec=spec,
        source=Path(source),
        parametres=params,
        publics=_publics(spec, on),
        lots=[_lot(lot, spec, params) for lot in spec.lots],
        operateur=reference.employment_service(on),
        periode_droit=law.period_at(on).nom,
        citations=_citations(on),
    )


def _citations(on: dt.date) -> dict[str, str]:
    """Citation of every article group in force on ``on`` (empty groups left out)."""
    groups = law.period_at(on).articles
    return {group: law.citation(found) for group in groups if (found := law.group_articles(group, on))}


def _publics(spec: Spec, on: dt.date) -> list[str]:
    chosen = spec.publics if spec.publics is not None else reference.default_publics()
    return [public if not isinstance(public, str) else reference.public_label(public, on) for public in chosen]  # type: ignore[misc]


def _lot(lot: Lot, spec: Spec, params: Parameters) -> ResolvedLot:
    mechanism = lot.mecanisme
    row = reference.mechanism(mechanism)
    trade = reference.trades().get(lot.metier) if lot.metier else None
    insertion = lot.insertion
    return ResolvedLot(
        spec=lot,
        numero=lot.numero,
        intitule=lot.intitule or spec.consultation.objet,
        mecanisme=mechanism,
        definition=row,
        metier=trade,
        sizing=lot_sizing(lot, row, params, trade),
        critere=criterion_of(lot.critere, mechanism) if lot.critere and row.peut_etre_note else None,
        insertion=insertion,
        objectif_sorties_dynamiques=_target(insertion, "objectif_sorties_dynamiques"),
        objectif_emploi_durable=_target(insertion, "objectif_emploi_durable"),
        reserve=reference.reservation(lot.reserve_a) if lot.reserve_a else None,
        base_legale=law.citation(law.articles(mechanism, spec.consultation.date_lancement, lot.reserve_a)),
        motif_sans_clause=reference.waiver_reasons()[lot.motif_sans_clause].libelle if lot.motif_sans_clause else None,
    )


def _target(insertion: Insertion | None, name: str) -> Decimal | None:
    if insertion is None:
        return None
    value = getattr(insertion, name)
    return value if value is not None else getattr(reference.insertion_defaults(), name).valeur
