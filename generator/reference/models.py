"""The typed shape of the data files on sizing and mechanisms, and what every data file shares.

The files on law, thresholds, review and execution have theirs in ``law_models``, those
on documents and messages in ``document_models`` (click_fr.yaml aside, which the CLI owns).

Each legal or numeric value carries its ``source`` (text, article, date, link), in the
style of OpenFisca parameters; a value that changes over time is a list of periods
(``du``, optional ``au``). Every model forbids unknown keys, so that a typo in a data
file is an error naming the file and the field, never a value silently ignored.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

T = TypeVar("T")
Share = Annotated[Decimal, Field(gt=0, le=1)]
Amount = Annotated[Decimal, Field(gt=0)]
Category = Literal["collectivite", "etat", "entite_adjudicatrice", "autre"]
Document = Literal["rc", "ccap", "cctp"]
NatureKey = Literal["travaux", "fournitures_services", "services_sociaux"]  # natures of purchase (seuils.yaml)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where a value comes from: the text (law, decree, guide, practice), its article, date and link."""

    texte: str
    article: str | None = None
    date: dt.date | None = None
    lien: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None


class Sourced(Strict, Generic[T]):
    """One value and its source (an OpenFisca parameter with a single value)."""

    valeur: T
    source: Source


class Period(Strict):
    """From ``du`` to ``au`` included (no ``au``: still in force)."""

    du: dt.date
    au: dt.date | None = None

    def covers(self, on: dt.date) -> bool:
        return self.du <= on <= (self.au or dt.date.max)


# --- parametres.yaml --------------------------------------------------------------------


class SizingDefaults(Strict):
    cout_horaire: Sourced[Amount]
    taux_insertion: Sourced[Share]
    heures_par_etp: Sourced[Amount]
    arrondi: Sourced[Annotated[int, Field(gt=0)]]
    penalite_par_heure: Sourced[Amount | None]
    penalite_fiche_mensuelle: Sourced[Amount | None]


class InsertionDefaults(Strict):
    objectif_sorties_dynamiques: Sourced[Share]
    objectif_emploi_durable: Sourced[Share]


class ParametersFile(Strict):
    parametres: SizingDefaults
    insertion: InsertionDefaults
    definition_etp: str  # the sentence defining both full-time figures; {heures_par_etp} is filled in


# --- metiers.yaml -----------------------------------------------------------------------


class TradeRow(Strict):
    libelle: str
    part_main_oeuvre: Share
    statut: Literal["source", "estimation"]
    source: Source


class TradesFile(Strict):
    metiers: dict[str, TradeRow]


# --- publics.yaml -----------------------------------------------------------------------


class PublicRow(Strict):
    libelle: str
    source: Source


class Operator(Period):
    """The name of the public employment service during a period."""

    nom: str
    source: Source


class PublicsFile(Strict):
    defaut: list[str]
    publics: dict[str, PublicRow]
    operateurs: list[Operator]

    @model_validator(mode="after")
    def _defaults_are_known(self) -> PublicsFile:
        unknown = [key for key in self.defaut if key not in self.publics]
        if unknown:
            raise ValueError(f"publics par défaut inconnus : {', '.join(unknown)}")
        return self


# --- mecanismes.yaml --------------------------------------------------------------------


class Piece(Strict):
    """The piece a bidder hands in on insertion, with the articles of its name: « une note », « le mémoire »."""

    nom: str
    indefini: Literal["un", "une"]
    defini: Literal["le", "la"]


class Mechanism(Strict):
    """One insertion mechanism, defined once: names, the spec block it needs, hours, criterion, documents, articles.

    The rest of the package asks the record (``has_hours``, ``scored``, ``reserved``…),
    never compares a mechanism key.
    """

    libelle: str
    court: str
    ancien_nom: str | None
    alias: list[str]
    bloc: Literal["critere", "insertion", "reserve_a"] | None = None  # the spec block a lot of this mechanism must give
    heures: Literal["formule", "achetees"] | None = None  # sized by the formula, bought by the contract, or none
    critere: Literal["requis", "facultatif"] | None = None  # whether a lot may be scored on insertion
    intitule_critere: str | None = None  # the title of the insertion criterion, where a lot may be scored
    piece: Piece | None = None  # what the bidder hands in to be scored, the same name in every document
    nature_achat: NatureKey | None = None  # the nature its value is summed under, whatever the spec's nature (seuils.yaml)
    documents: list[Document]
    # Article groups of droit.yaml founding the mechanism, in citation order; by reserve_a for a reserved lot.
    articles: list[str] | dict[str, list[str]]
    source: Source

    @model_validator(mode="after")
    def _criterion_is_named(self) -> Mechanism:
        given = [self.intitule_critere is not None, self.piece is not None]
        if self.may_be_scored and not all(given):
            raise ValueError("intitule_critere et piece sont requis quand critere est donné")
        if not self.may_be_scored and any(given):
            raise ValueError("intitule_critere et piece n'ont de sens que si critere est donné")
        return self

    @property
    def has_hours(self) -> bool:
        """The holder must perform insertion hours (sized by the formula or bought)."""
        return self.heures is not None

    @property
    def sized_by_formula(self) -> bool:
        """An execution condition: its hours come from the hours formula."""
        return self.heures == "formule"

    @property
    def buys_hours(self) -> bool:
        """An insertion market: the contract buys the hours."""
        return self.heures == "achetees"

    @property
    def may_be_scored(self) -> bool:
        return self.critere is not None

    @property
    def scored(self) -> bool:
        """A lot of this mechanism must be scored on insertion."""
        return self.critere == "requis"

    @property
    def reserved(self) -> bool:
        return self.bloc == "reserve_a"

    @property
    def without_clause(self) -> bool:
        """Neither hours nor reservation: the lot carries no social consideration (a waiver reason may say why)."""
        return not self.has_hours and not self.reserved

    @property
    def condition_only(self) -> bool:
        """An execution condition without an award criterion."""
        return self.sized_by_formula and not self.may_be_scored


class Reservation(Strict):
    libelle: str  # follows « réservé aux »
    condition: str  # the 50 % rule, worded so that it is true of this family
    preuve: str
    source: Source


class MechanismsFile(Strict):
    mecanismes: dict[str, Mechanism]
    reserves: dict[str, Reservation]

    @model_validator(mode="after")
    def _reserved_groups_match(self) -> MechanismsFile:
        for key, mechanism in self.mecanismes.items():
            if isinstance(mechanism.articles, dict) and set(mechanism.articles) != set(self.reserves):
                raise ValueError(f"mecanismes.{key}.articles doit donner les articles de chaque réservation : {', '.join(self.reserves)}")
        return self


# --- criteres.yaml ----------------------------------------------------------------------


class SubCriterionRow(Strict):
    libelle: str
    attendu: str


class Outcome(Strict):
    categorie: str
    detail: str


class Outcomes(Strict):
    categories: list[Outcome]
    source: Source


class FormulaWording(Strict):
    """How documents state the score formula; resolve/criterion.py fills in the placeholders."""

    intitule: str
    poids: str
    note: str
    phrase: str
    exemple: str


class LevelDescriptors(Strict):
    """What each mark of the default scale looks like, by mechanism and sub-criterion."""

    niveaux: dict[str, dict[str, dict[int, str]]]
    source: Source


class CriteriaFile(Strict):
    sous_criteres: dict[str, dict[str, SubCriterionRow]]
    bareme_defaut: dict[int, str]
    formule: FormulaWording
    ponderation_min: Sourced[Decimal]
    ponderation_max: Sourced[Decimal]
    sorties_dynamiques: Outcomes
    descripteurs: LevelDescriptors
    source: Source


# --- motifs.yaml ------------------------------------------------------------------------


class WaiverReason(Strict):
    libelle: str
    source: Source


class WaiversFile(Strict):
    motifs: dict[str, WaiverReason]
