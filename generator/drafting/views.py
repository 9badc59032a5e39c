"""The plain data every template reads (documented in clause_templates/README.md).

Frozen dataclasses of text, numbers, dates, booleans and lists of those: no path, no
spec model, no object whose methods touch files, so that a template received by
e-mail can only read the values given here. ``context`` fills them from a dossier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from generator.resolve.criterion import Criterion
from generator.resolve.sizing import Parameters
from generator.review.note import ApprovalView, ReviewNote


@dataclass(frozen=True)
class Names:
    """Base of every context: its fields are the names a template can use."""

    def as_mapping(self) -> dict[str, Any]:
        """The context as docxtpl takes it: one entry per field, values untouched."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


VOWELS = "AEIOUYÀÂÉÈÊËÎÏÔÛÙaeiouyàâéèêëîïôûù"


@dataclass(frozen=True)
class Buyer:
    """``acheteur``: the buyer's name, and its name with its article for running text."""

    nom: str
    categorie: str
    article: str | None

    @property
    def le(self) -> str:
        """« la Ville de Rezé », « le Centre hospitalier… », « l’État », « Nantes Métropole »."""
        if self.article is None:
            return self.nom
        return f"l’{self.nom}" if self.article == "l'" else f"{self.article} {self.nom}"

    @property
    def Le(self) -> str:  # capitalised: the name a template writes at the start of a sentence
        """``le`` at the start of a sentence: « La Ville de Rezé », « L’État »."""
        return self.le[:1].upper() + self.le[1:]

    @property
    def du(self) -> str:
        """« de la Ville de Rezé », « du Centre hospitalier… », « de l’État », « des… », « de Nantes Métropole »."""
        if self.article in ("le", "les"):
            return f"{'du' if self.article == 'le' else 'des'} {self.nom}"
        if self.article is None and self.nom[:1] in VOWELS:
            return f"d’{self.nom}"
        return f"de {self.le}"

    @property
    def au(self) -> str:
        """« à la Ville de Rezé », « au Centre hospitalier… », « à l’État », « aux… », « à Nantes Métropole »."""
        if self.article in ("le", "les"):
            return f"{'au' if self.article == 'le' else 'aux'} {self.nom}"
        return f"à {self.le}"


@dataclass(frozen=True)
class Facilitator:
    structure: str
    service: str | None
    adresse: str
    telephone: str | None
    courriel: str | None
    referent: str | None


@dataclass(frozen=True)
class FirstArticles:
    """``consultation.premier_article``: the first article number of the RC, the CCAP and the CCTP."""

    rc: int
    ccap: int
    cctp: int


@dataclass(frozen=True)
class Consultation:
    reference: str
    objet: str
    procedure: str
    date_lancement: dt.date
    premier_article: FirstArticles


@dataclass(frozen=True)
class FollowUp:
    """``suivi``: the follow-up of the spec, with one flag per frequency of site meetings."""

    reunion_lancement: bool
    fiche_mensuelle: bool
    reunions_chantier: str
    reunions_mensuelles: bool
    reunions_trimestrielles: bool


@dataclass(frozen=True)
class InsertionMarket:
    """``lot.insertion``: the insertion market's support activity, posts and hours."""

    activite_support: str
    lieu: str | None
    postes: int
    heures: Decimal
    heures_par_poste: Decimal
    heures_hebdomadaires: Decimal | None
    heures_hebdomadaires_donnees: bool
    encadrement: str
    accompagnement: str | None
    formation: str | None
    frequence: str | None
    moyens_acheteur: str | None
    penalite_manquement: Decimal | None


@dataclass(frozen=True)
class Reservation:
    """``lot.reserve``: ``libelle`` follows « réservé aux », ``condition`` is the 50 % rule of that family."""

    libelle: str
    condition: str
    preuve: str


@dataclass(frozen=True)
class NatureView:
    """``c.natures``: one nature of purchase, its summed value, EU threshold and whether L. 2112-2-1 applies."""

    nature: str
    libelle: str
    montant: Decimal
    seuil: Decimal | None
    obligation: bool
    obligation_libelle: str


@dataclass(frozen=True)
class Ccag:
    """``lot.ccag``: the CCAG 2021 a lot of that nature refers to, with its penalty articles."""

    nom: str
    court: str
    plafond: str
    contradictoire: str


@dataclass(frozen=True)
class CcagUse:
    """One CCAG of ``c.ccag_penalites`` and the lots carrying insertion penalties that refer to it.

    ``portee`` names those lots in a sentence: « le marché », « le lot 1 », « les lots 1 et 2 ».
    """

    ccag: Ccag
    numeros: list[int]
    portee: str


@dataclass(frozen=True)
class Execution:
    """``execution``: delays and limits the CCAP's insertion articles state (data/execution.yaml)."""

    observations_jours: int
    plan_action_mois: int
    relance_fiche_jours: int
    conservation_donnees_ans: int
    plafond_taux: Decimal
    exoneration_seuil: Decimal


@dataclass(frozen=True)
class Outcome:
    """A kind of dynamic exit counted by an insertion market."""

    categorie: str
    detail: str


@dataclass(frozen=True)
class LotView:
    """One lot as templates see it: its values, its names and one flag per mechanism.

    The flags answer what the mechanism's record says (mecanismes.yaml), under the names
    templates have always used: ``clause_execution`` is an execution condition without a
    criterion, ``clause_et_critere`` one with a required criterion, ``marche_insertion`` a
    contract buying the hours, ``marche_reserve`` a reserved lot, ``sans_clause`` neither.
    """

    numero: int | None
    intitule: str
    designation: str
    titre: str
    nature: str
    montant_estime_ht: Decimal
    duree_mois: int | None
    mecanisme: str
    mecanisme_libelle: str
    mecanisme_court: str
    clause_execution: bool
    clause_et_critere: bool
    marche_insertion: bool
    marche_reserve: bool
    sans_clause: bool
    a_des_heures: bool
    heures: Decimal
    etp: Decimal
    postes_moyens: Decimal | None
    nature_achat: str
    obligation_sociale: bool
    calcul: str
    part_main_oeuvre: Decimal | None
    ccag: Ccag | None
    piece_insertion: str | None
    critere: Criterion | None
    insertion: InsertionMarket | None
    objectif_sorties_dynamiques: Decimal | None
    objectif_emploi_durable: Decimal | None
    reserve: Reservation | None
    base_legale: str
    motif_sans_clause: str | None


@dataclass(frozen=True)
class ConsultationTotals:
    """``c``: the resolved consultation's totals, law period and lots grouped by mechanism."""

    total_heures: Decimal
    total_etp: Decimal
    total_postes_moyens: Decimal | None
    definition_etp: str
    montant_total: Decimal
    natures: list[NatureView]
    obligation_sociale: bool
    citation_obligation_sociale: str
    obligation_sociale_depuis: dt.date
    periode_droit: str
    lots_avec_heures: list[LotView]
    lots_notes: list[LotView]
    lots_avec_condition: list[LotView]
    lots_marche_insertion: list[LotView]
    lots_reserves: list[LotView]
    lots_sans_clause: list[LotView]
    lots_avec_fondement: list[LotView]
    sans_piece_a_fournir: bool
    lots_condition_notes: list[LotView]
    lots_penalises: list[LotView]
    ccag_penalites: list[CcagUse]


@dataclass(frozen=True)
class TemplateContext(Names):
    """The common context of every document of a dossier."""

    consultation: Consultation
    acheteur: Buyer
    facilitateur: Facilitator
    suivi: FollowUp
    parametres: Parameters
    publics: list[str]
    lots: list[LotView]
    allotie: bool
    unite: str
    operateur: str
    execution: Execution
    citations: dict[str, str]
    sorties_dynamiques: list[Outcome]
    c: ConsultationTotals
    approbation: ApprovalView | None
    projet: bool
    revue: ReviewNote
