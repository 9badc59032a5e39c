"""The resolved consultation: a spec with defaults, reference data, law and hours applied.

Documents, the review checks, the grid and the scoring all read this model, so that
the hours a check talks about are the hours the documents print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.formatting import heures
from generator.reference import data as reference
from generator.reference import law
from generator.reference.data import Trade
from generator.reference.models import Mechanism, NatureKey, Reservation
from generator.resolve.criterion import Criterion, criterion_of
from generator.resolve.sizing import Parameters, Sizing, average_posts, etp, lot_sizing, parameters, weekly_hours
from generator.spec.load import load_spec
from generator.spec.model import AutrePublic, Insertion, Lot, Spec


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
    nature_achat: NatureKey  # travaux, fournitures_services or services_sociaux (seuils.yaml)
    obligation_sociale: bool  # L. 2112-2-1 applies to this lot's nature
    heures_par_etp: Decimal

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
        return self.definition.sized_by_formula

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
        """Full-time years: hours ÷ hours per full-time year."""
        return self.sizing.etp if self.sizing else Decimal(0)

    @property
    def postes_moyens(self) -> Decimal | None:
        """Average full-time posts during the contract (None without hours or ``duree_mois``)."""
        if self.sizing is None or self.spec.duree_mois is None:
            return None
        return average_posts(self.heures, self.heures_par_etp, self.spec.duree_mois)

    @property
    def heures_hebdomadaires(self) -> Decimal | None:
        """Weekly hours per post of an insertion market: as the spec states them, else derived
        from hours ÷ posts over ``duree_mois`` (None when neither is possible)."""
        insertion = self.insertion
        if insertion is None:
            return None
        if insertion.heures_hebdomadaires is not None:
            return insertion.heures_hebdomadaires
        if self.spec.duree_mois is None:
            return None
        return weekly_hours(insertion.heures, insertion.postes, self.spec.duree_mois, reference.weeks_per_year())


def designation(numero: int | None) -> str:
    """How messages and sheets name a lot: ``Lot 2``, or ``Marché`` when not allotted."""
    return f"Lot {numero}" if numero is not None else "Marché"


@dataclass(frozen=True)
class ResolvedSpec:
    spec: Spec
    source: Path
    parametres: Parameters
    publics: list[str | AutrePublic]
    lots: list[ResolvedLot]
    operateur: str
    periode_droit: str
    citations: dict[str, str]
    natures: list[law.NatureValue]  # per nature of purchase: summed value, EU threshold, obligation

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

    @property
    def lots_sans_clause(self) -> list[ResolvedLot]:
        """The lots carrying no social consideration (mecanismes.yaml: neither hours nor reservation)."""
        return [lot for lot in self.lots if lot.definition.without_clause]

    @property
    def lots_avec_heures(self) -> list[ResolvedLot]:
        return [lot for lot in self.lots if lot.a_des_heures]

    @property
    def lots_notes(self) -> list[ResolvedLot]:
        """Lots scored on insertion performance."""
        return [lot for lot in self.lots if lot.critere is not None]

    @property
    def total_postes_moyens(self) -> Decimal | None:
        """Average full-time posts of the lots with hours taken together, when they share one duration."""
        lots = self.lots_avec_heures
        months = {lot.spec.duree_mois for lot in lots}
        if not lots or len(months) != 1 or None in months:
            return None
        return average_posts(self.total_heures, self.parametres.heures_par_etp, lots[0].spec.duree_mois or 0)

    @property
    def obligation_sociale(self) -> bool:
        """True when L. 2112-2-1 applies to at least one nature of the consultation."""
        return any(value.obligation for value in self.natures)

    @property
    def citation_obligation_sociale(self) -> str:
        """``article L. 2112-2-1 du code de la commande publique``."""
        return law.social_obligation_citation()

    @property
    def obligation_sociale_depuis(self) -> dt.date:
        """Launch date from which the social execution condition is mandatory."""
        return law.social_condition_mandatory_from()

    @property
    def definition_etp(self) -> str:
        """The sentence defining both full-time figures (parametres.yaml)."""
        return reference.etp_definition(heures(self.parametres.heures_par_etp))


def resolve_file(path: Path | str) -> ResolvedSpec:
    """The spec at ``path`` read, validated and resolved; SpecError or LawError in French.

    For what needs the hours and nothing else (``clauses heures``, the follow-up's
    contracts): ``open_dossier`` also reads the approval and chooses the templates.
    """
    return resolve(load_spec(path), path)


def resolve(spec: Spec, source: Path | str) -> ResolvedSpec:
    """Apply defaults, reference data, law and sizing to a validated spec."""
    on = spec.consultation.date_lancement
    params = parameters(spec)
    natures = _nature_values(spec)
    obliged = {value.nature for value in natures if value.obligation}
    lots = [_lot(lot, spec, params, obliged) for lot in spec.lots]
    return ResolvedSpec(
        spec=spec,
        source=Path(source),
        parametres=params,
        publics=_publics(spec, on),
        lots=lots,
        operateur=reference.employment_service(on),
        periode_droit=law.period_at(on).nom,
        citations=_citations(on, lots),
        natures=natures,
    )


def _nature_values(spec: Spec) -> list[law.NatureValue]:
    """The consultation's value summed per nature of purchase, each with its threshold."""
    amounts: dict[NatureKey, Decimal] = {}
    for lot in spec.lots:
        nature = law.purchase_nature(lot.nature, lot.mecanisme)
        amounts[nature] = amounts.get(nature, Decimal(0)) + lot.montant_estime_ht
    consultation = spec.consultation
    return law.nature_values(consultation.date_lancement, consultation.acheteur.categorie, amounts)


def _citations(on: dt.date, lots: list[ResolvedLot]) -> dict[str, str]:
    """Citation of every article group in force on ``on`` (empty groups left out).

    A group with an article cited only under the social obligation (condition_execution:
    L. 2112-2-1) cites it for the lots founded on that group that are under the obligation.
    """
    return {group: _citation(group, on, lots) for group in law.period_at(on).articles if law.group_articles(group, on)}


def _citation(group: str, on: dt.date, lots: list[ResolvedLot]) -> str:
    base = law.citation(law.group_articles(group, on))
    if not law.has_conditional_articles(group, on):
        return base
    founded = [lot for lot in lots if isinstance(lot.definition.articles, list) and group in lot.definition.articles]
    obliged = [lot for lot in founded if lot.obligation_sociale]
    if not obliged:
        return base
    if len(obliged) == len(founded):
        return law.citation(law.group_articles(group, on, obligation=True))
    return law.partial_citation(base, [lot.numero for lot in obliged])


def _publics(spec: Spec, on: dt.date) -> list[str | AutrePublic]:
    chosen = spec.publics if spec.publics is not None else reference.default_publics()
    return [public if not isinstance(public, str) else reference.public_label(public, on) for public in chosen]


def _lot(lot: Lot, spec: Spec, params: Parameters, obliged: set[NatureKey]) -> ResolvedLot:
    mechanism = lot.mecanisme
    row = reference.mechanism(mechanism)
    trade = reference.trades().get(lot.metier) if lot.metier else None
    insertion = lot.insertion
    on = spec.consultation.date_lancement
    nature = law.purchase_nature(lot.nature, mechanism)
    return ResolvedLot(
        spec=lot,
        numero=lot.numero,
        intitule=lot.intitule or spec.consultation.objet,
        mecanisme=mechanism,
        definition=row,
        metier=trade,
        sizing=lot_sizing(lot, row, params, trade),
        critere=criterion_of(lot.critere, mechanism) if lot.critere and row.may_be_scored else None,
        insertion=insertion,
        objectif_sorties_dynamiques=_target(insertion, "objectif_sorties_dynamiques"),
        objectif_emploi_durable=_target(insertion, "objectif_emploi_durable"),
        reserve=reference.reservation(lot.reserve_a) if lot.reserve_a else None,
        base_legale=law.citation(law.articles(mechanism, on, lot.reserve_a, nature in obliged)),
        motif_sans_clause=reference.waiver_reasons()[lot.motif_sans_clause].libelle if lot.motif_sans_clause else None,
        nature_achat=nature,
        obligation_sociale=nature in obliged,
        heures_par_etp=params.heures_par_etp,
    )


def _target(insertion: Insertion | None, name: str) -> Decimal | None:
    if insertion is None:
        return None
    value: Decimal | None = getattr(insertion, name)
    if value is None:
        value = getattr(reference.insertion_defaults(), name).valeur
    return value
