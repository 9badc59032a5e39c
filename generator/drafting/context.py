"""The names every template can use (documented in clause_templates/README.md).

Templates only get plain data: frozen dataclasses of text, numbers, dates, booleans
and lists of those. No path, no spec model, no object whose methods touch files, so
that a template received by e-mail can only read the values given here. The logic a
template would otherwise spell out in tags (« Lot 2 » or « Marché », which lots
carry a clause, which follow-up meetings are held) is computed here once and named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from generator.dossier import Dossier
from generator.reference import data as reference
from generator.reference.law import join_fr
from generator.resolve.criterion import Criterion
from generator.resolve.model import ResolvedLot, ResolvedSpec
from generator.resolve.sizing import Parameters, calculation_text
from generator.review.note import ApprovalView, ReviewNote, review_note, stated_approval
from generator.spec.model import AutrePublic, Spec


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


def template_context(dossier: Dossier) -> TemplateContext:
    """The common context of every document of a dossier.

    ``approbation`` is the facilitator's approval when it matches the current spec
    and templates and the checks find no error, else None: documents then say PROJET.
    """
    resolved = dossier.resolved
    spec = resolved.spec
    lots = [lot_view(lot, spec.consultation.date_lancement) for lot in resolved.lots]
    note = review_note(dossier)
    approval = stated_approval(dossier.approval_status, note.constats)
    return TemplateContext(
        consultation=_consultation(spec),
        acheteur=_buyer(spec),
        facilitateur=_facilitator(spec),
        suivi=_follow_up(spec),
        parametres=resolved.parametres,
        publics=[_public(public) for public in resolved.publics],
        lots=lots,
        allotie=resolved.allotie,
        unite="lot" if resolved.allotie else "marché",
        operateur=resolved.operateur,
        execution=_execution(),
        citations=dict(resolved.citations),
        sorties_dynamiques=[Outcome(row.categorie, row.detail) for row in reference.criterion().sorties_dynamiques.categories],
        c=_totals(resolved, lots),
        approbation=ApprovalView.of(approval) if approval else None,
        projet=approval is None,
        revue=note,
    )


def _public(public: str | AutrePublic) -> str:
    """A known public's label, or the text of a public the buyer named (``autre``)."""
    return public if isinstance(public, str) else public.autre


def _consultation(spec: Spec) -> Consultation:
    given = spec.consultation
    first = given.premier_article
    return Consultation(given.reference, given.objet, given.procedure, given.date_lancement, FirstArticles(first.rc, first.ccap, first.cctp))


def _buyer(spec: Spec) -> Buyer:
    given = spec.consultation.acheteur
    return Buyer(given.nom, given.categorie, given.article)


def _facilitator(spec: Spec) -> Facilitator:
    given = spec.consultation.facilitateur
    return Facilitator(given.structure, given.service, given.adresse, given.telephone, given.courriel, given.referent)


def _follow_up(spec: Spec) -> FollowUp:
    given = spec.suivi
    meetings = given.reunions_chantier
    return FollowUp(given.reunion_lancement, given.fiche_mensuelle, meetings, meetings == "mensuelles", meetings == "trimestrielles")


def lot_view(lot: ResolvedLot, lot_date: dt.date) -> LotView:
    """What templates read of a resolved lot launched on ``lot_date``."""
    record = lot.definition
    return LotView(
        numero=lot.numero,
        intitule=lot.intitule,
        designation=lot.designation,
        titre=f"{lot.designation} — {lot.intitule}" if lot.numero is not None else lot.intitule,
        nature=lot.spec.nature,
        montant_estime_ht=lot.spec.montant_estime_ht,
        duree_mois=lot.spec.duree_mois,
        mecanisme=lot.mecanisme,
        mecanisme_libelle=lot.mecanisme_libelle,
        mecanisme_court=lot.mecanisme_court,
        clause_execution=record.condition_only,
        clause_et_critere=record.sized_by_formula and record.scored,
        marche_insertion=record.buys_hours,
        marche_reserve=record.reserved,
        sans_clause=record.without_clause,
        a_des_heures=lot.a_des_heures,
        heures=lot.heures,
        etp=lot.etp,
        postes_moyens=lot.postes_moyens,
        nature_achat=lot.nature_achat,
        obligation_sociale=lot.obligation_sociale,
        calcul=calculation_text(lot.sizing) if lot.sizing else "",
        part_main_oeuvre=lot.sizing.inputs.part_main_oeuvre if lot.sizing else None,
        ccag=_ccag(lot.spec.nature, lot_date),
        piece_insertion=record.piece.nom if record.piece else None,
        critere=lot.critere,
        insertion=_insertion(lot),
        objectif_sorties_dynamiques=lot.objectif_sorties_dynamiques,
        objectif_emploi_durable=lot.objectif_emploi_durable,
        reserve=Reservation(lot.reserve.libelle, lot.reserve.condition, lot.reserve.preuve) if lot.reserve else None,
        base_legale=lot.base_legale,
        motif_sans_clause=lot.motif_sans_clause,
    )


def _insertion(lot: ResolvedLot) -> InsertionMarket | None:
    given = lot.insertion
    if given is None:
        return None
    return InsertionMarket(
        given.activite_support, given.lieu, given.postes, given.heures, given.heures / given.postes,
        lot.heures_hebdomadaires, given.heures_hebdomadaires is not None,
        given.encadrement, given.accompagnement, given.formation,
        given.frequence, given.moyens_acheteur, given.penalite_manquement,
    )


def _ccag(nature: str, on: dt.date) -> Ccag | None:
    row = reference.ccag(nature, on)
    return Ccag(row.nom, row.court, row.plafond, row.contradictoire) if row else None


def _ccag_uses(lots: list[LotView]) -> list[CcagUse]:
    """The CCAGs the given lots refer to, each with the lots concerned, in lot order."""
    grouped: dict[str, tuple[Ccag, list[int | None]]] = {}
    for lot in lots:
        if lot.ccag is not None:
            grouped.setdefault(lot.ccag.court, (lot.ccag, []))[1].append(lot.numero)
    return [CcagUse(ccag, [n for n in numbers if n is not None], _scope(numbers)) for ccag, numbers in grouped.values()]


def _scope(numbers: list[int | None]) -> str:
    """« le marché », « le lot 1 » or « les lots 1 et 2 »."""
    if numbers == [None]:
        return "le marché"
    if len(numbers) == 1:
        return f"le lot {numbers[0]}"
    return f"les lots {join_fr([str(n) for n in numbers])}"


def _penalised(lots: list[LotView], with_condition: list[LotView], parameters: Parameters) -> list[LotView]:
    """The lots whose insertion articles carry a penalty amount (the CCAG must then be derogated)."""
    clause_penalty = parameters.penalite_par_heure is not None or parameters.penalite_fiche_mensuelle is not None
    conditioned = {id(lot) for lot in with_condition}
    return [
        lot for lot in lots
        if (id(lot) in conditioned and clause_penalty) or (lot.insertion is not None and lot.insertion.penalite_manquement is not None)
    ]


def _execution() -> Execution:
    data = reference.execution_file()
    delays = data.delais
    return Execution(
        delays.observations_jours.valeur, delays.plan_action_mois.valeur, delays.relance_fiche_jours.valeur,
        delays.conservation_donnees_ans.valeur, data.ccag.plafond_taux.valeur, data.ccag.exoneration_seuil.valeur,
    )


def _totals(resolved: ResolvedSpec, lots: list[LotView]) -> ConsultationTotals:
    with_hours = [lot for lot in lots if lot.a_des_heures]
    reserved = [lot for lot in lots if lot.marche_reserve]
    by_formula = [view for view, lot in zip(lots, resolved.lots, strict=True) if lot.heures_par_formule]
    penalised = _penalised(lots, by_formula, resolved.parametres)
    return ConsultationTotals(
        total_heures=resolved.total_heures,
        total_etp=resolved.total_etp,
        total_postes_moyens=resolved.total_postes_moyens,
        definition_etp=resolved.definition_etp,
        montant_total=resolved.montant_total,
        natures=[
            NatureView(value.nature, value.libelle, value.montant, value.seuil, value.obligation, value.obligation_libelle)
            for value in resolved.natures
        ],
        obligation_sociale=resolved.obligation_sociale,
        citation_obligation_sociale=resolved.citation_obligation_sociale,
        obligation_sociale_depuis=resolved.obligation_sociale_depuis,
        periode_droit=resolved.periode_droit,
        lots_avec_heures=with_hours,
        lots_notes=[lot for lot in lots if lot.critere is not None],
        lots_avec_condition=by_formula,  # an execution condition: hours sized by the formula (data/mecanismes.yaml)
        lots_marche_insertion=[lot for lot in lots if lot.marche_insertion],
        lots_reserves=reserved,
        lots_sans_clause=[lot for lot in lots if lot.sans_clause],
        lots_avec_fondement=[lot for lot in lots if lot.base_legale],
        sans_piece_a_fournir=not with_hours and not reserved,
        lots_condition_notes=[lot for lot in by_formula if lot.critere is not None],
        lots_penalises=penalised,
        ccag_penalites=_ccag_uses(penalised),
    )
