"""The typed shape of every data/*.yaml file (click_fr.yaml aside, which the CLI owns).

Each legal or numeric value carries its ``source`` (text, article, date, link), in the
style of OpenFisca parameters; a value that changes over time is a list of periods
(``du``, optional ``au``). Every model forbids unknown keys, so that a typo in a data
file is an error naming the file and the field, never a value silently ignored.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Generic, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

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
    natures: list[str] = []
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


# --- grille.yaml ------------------------------------------------------------------------


class GridLabels(Strict):
    titre: str
    critere: str
    ponderation_critere: str
    note_max: str
    sous_critere: str
    poids: str
    nom_candidat: str
    note: str
    justification: str
    note_ponderee: str
    bareme: str
    appreciation: str
    attendus: str
    descripteurs: str
    saisie_nom: str
    saisie_note: str
    note_refusee: str


class GridFile(Strict):
    colonnes_vierges: Annotated[int, Field(gt=0)]
    candidat_vierge: str
    feuille_identite: str
    version: int
    libelles: GridLabels


# --- motifs.yaml, revue.yaml ------------------------------------------------------------


class WaiverReason(Strict):
    libelle: str
    source: Source


class WaiversFile(Strict):
    motifs: dict[str, WaiverReason]


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



# --- champs.yaml, demarrage.yaml, jinja_fr.yaml ---------------------------------------------


class SpecField(Strict):
    """A field of the spec: its label in messages, its help in the editor and the starter spec.

    ``unite`` says how « clauses comparer » prints a number: an amount, a cost per hour, a rate.
    """

    libelle: str
    description: str
    unite: Literal["euros_ht", "euros", "euros_par_heure", "taux"] | None = None


class FieldsFile(Strict):
    champs: dict[str, SpecField]


class StarterFile(Strict):
    """What « clauses nouveau » writes: header lines, an example lot per mechanism, optional blocks."""

    entete: list[str]
    lots: dict[str, dict[str, Any]]
    facultatif: list[str]


class JinjaMessagesFile(RootModel[dict[str, str]]):
    """Jinja's English messages (regular expressions) and their French text."""
