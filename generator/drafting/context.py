"""The context every template gets, filled from a dossier (its names: ``views``).

Templates only get plain data (see ``views``): the logic a template would otherwise
spell out in tags (« Lot 2 » or « Marché », which lots carry a clause, which
follow-up meetings are held) is computed here once and named.
"""

from __future__ import annotations

import datetime as dt

from generator.dossier import Dossier
from generator.drafting.views import (
    Buyer,
    Ccag,
    CcagUse,
    Consultation,
    ConsultationTotals,
    Execution,
    Facilitator,
    FirstArticles,
    FollowUp,
    InsertionMarket,
    LotView,
    NatureView,
    Outcome,
    Reservation,
    TemplateContext,
)
from generator.reference import data as reference
from generator.reference.law import join_fr
from generator.resolve.model import ResolvedLot, ResolvedSpec
from generator.resolve.sizing import Parameters, calculation_text
from generator.review.note import ApprovalView, review_note, stated_approval
from generator.spec.model import AutrePublic, Spec


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
