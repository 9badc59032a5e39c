"""The typed shape of the data files on law, thresholds, review and execution.

droit.yaml, seuils.yaml, revue.yaml and execution.yaml: every legal value carries its
source, and what changes over time is a list of periods (see ``models``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Generic, Literal, get_args

from pydantic import Field, model_validator

from generator.reference.models import Amount, Category, NatureKey, Period, Share, Source, Sourced, Strict, T

# --- droit.yaml -------------------------------------------------------------------------


class ArticleRef(Strict):
    article: str
    texte: str  # key of ``textes``
    du: dt.date | None = None  # in force from that date only, within its period
    si_obligation_sociale: bool = False  # cited only for lots under the social obligation (L. 2112-2-1)


class LawPeriod(Period):
    id: str
    nom: str
    source: Source
    articles: dict[str, list[ArticleRef]]


ObligationStatus = Literal["applicable", "sous_seuil", "avant_entree_en_vigueur", "seuil_inconnu"]


class SocialObligation(Strict):
    article: ArticleRef
    du: dt.date
    source: Source
    statuts: dict[ObligationStatus, str]  # what the review note says of a nature, by status
    citation_partielle: str  # {base}, {lots}, {obligation}: the citation when only some lots are under it


class ProcedureLabels(Strict):
    libelles: dict[str, str]  # consultation.procedure -> how documents and messages name it
    source: Source


class LawFile(Strict):
    textes: dict[str, str]
    periodes: Annotated[list[LawPeriod], Field(min_length=1)]
    obligation_sociale: SocialObligation
    procedures: ProcedureLabels

    @model_validator(mode="after")
    def _texts_are_known(self) -> LawFile:
        refs = [ref for period in self.periodes for group in period.articles.values() for ref in group]
        unknown = sorted({ref.texte for ref in [*refs, self.obligation_sociale.article] if ref.texte not in self.textes})
        if unknown:
            raise ValueError(f"textes inconnus : {', '.join(unknown)} (ajoutez-les sous textes)")
        return self


# --- seuils.yaml ------------------------------------------------------------------------


class ThresholdPeriod(Period):
    travaux: Amount
    fournitures_services: dict[Category, Amount]
    source: Source

    @model_validator(mode="after")
    def _every_category(self) -> ThresholdPeriod:
        missing = [category for category in get_args(Category) if category not in self.fournitures_services]
        if missing:
            raise ValueError(f"seuil fournitures et services manquant pour : {', '.join(missing)}")
        return self


class SocialServicesThreshold(Strict):
    """Social and other specific services: one fixed threshold per buyer category, from ``du``."""

    du: dt.date
    par_acheteur: dict[Category, Amount]
    source: Source


class PurchaseNature(Strict):
    """A nature of purchase the value is summed over: the spec natures it gathers."""

    libelle: str
    natures: list[str] = Field(default_factory=list)
    source: Source


class ThresholdsFile(Strict):
    periodes: list[ThresholdPeriod]
    services_sociaux: SocialServicesThreshold
    natures: dict[NatureKey, PurchaseNature]

    @model_validator(mode="after")
    def _spec_natures_once(self) -> ThresholdsFile:
        names = [name for row in self.natures.values() for name in row.natures]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValueError(f"nature rangée sous plusieurs natures d'achat : {', '.join(twice)}")
        return self


# --- revue.yaml -------------------------------------------------------------------------


class UncheckedSourced(Sourced[T], Generic[T]):
    """A sourced value whose reference may still have to be checked (messages then say so)."""

    a_verifier: bool = False


class ReviewThresholds(Strict):
    ecart_formule_max: Sourced[Decimal]
    heures_min: Sourced[Decimal]
    part_insertion_max: Sourced[Decimal]
    heures_hebdo_min_insertion: UncheckedSourced[Decimal]
    semaines_par_an: Sourced[Decimal]
    confirmer_part_avec: Sourced[dict[str, str]]  # by spec nature (seuils.yaml)


# --- execution.yaml ---------------------------------------------------------------------


class CcagRow(Strict):
    """The CCAG a contract of one nature refers to, and its articles on penalties."""

    nom: str
    court: str
    plafond: str  # article of the 10 % cap
    contradictoire: str  # article of the contradictory procedure
    source: Source


class CcagFile(Strict):
    du: dt.date
    natures: dict[str, CcagRow]  # by spec nature (seuils.yaml)
    plafond_taux: Sourced[Share]
    exoneration_seuil: Sourced[Amount]  # its article is not cited: only reported from the drafts


class ExecutionDelays(Strict):
    observations_jours: Sourced[Annotated[int, Field(gt=0)]]
    plan_action_mois: Sourced[Annotated[int, Field(gt=0)]]
    relance_fiche_jours: Sourced[Annotated[int, Field(gt=0)]]
    conservation_donnees_ans: Sourced[Annotated[int, Field(gt=0)]]


class ExecutionFile(Strict):
    ccag: CcagFile
    delais: ExecutionDelays
