"""Review rules CS1xx: the law in force at the launch date (social obligation, texts, thresholds, procedure)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.dossier import Dossier
from generator.formatting import date_longue, euros
from generator.reference import data as reference
from generator.reference import law
from generator.resolve.model import ResolvedLot, ResolvedSpec
from generator.review.findings import AVERTISSEMENT, ERREUR, INFO, Hit
from generator.review.registry import resolved_spec, rule, this


def _obliged_lots_without_clause(resolved: ResolvedSpec) -> Iterator[tuple[ResolvedLot, law.NatureValue]]:
    """The lots without any clause whose nature of purchase is under the L. 2112-2-1 obligation."""
    values = {value.nature: value for value in resolved.natures}
    for lot in resolved.lots_sans_clause:
        if lot.obligation_sociale:
            yield lot, values[lot.nature_achat]


def _obligation_text(resolved: ResolvedSpec, value: law.NatureValue) -> str:
    added = ", lots de même nature additionnés" if resolved.allotie else ""
    return (
        f"La consultation est lancée le {date_longue(resolved.consultation.date_lancement)} et le montant estimé de ses "
        f"{value.libelle} ({euros(value.montant)} HT{added}) atteint le seuil européen de "
        f"{euros(value.seuil or 0)} HT : une condition d'exécution à caractère social est obligatoire "
        f"({law.social_obligation_citation()})"
    )


@rule("CS101", ERREUR, "Condition sociale obligatoire absente")
def condition_sociale_manquante(subject: Dossier) -> Iterator[Hit]:
    """Depuis le 22 août 2026 (article L. 2112-2-1), une condition d'exécution à caractère social est obligatoire
    lorsque le montant estimé atteint le seuil européen. Le montant est apprécié par nature d'achat (travaux ;
    fournitures et services ; services sociaux et autres services spécifiques, dont les marchés d'insertion), en
    additionnant les lots de même nature, et comparé au seuil de cette nature et de l'acheteur (data/seuils.yaml).
    Un lot « aucun » d'une nature soumise à l'obligation et sans motif_sans_clause est en erreur. Les marchés
    d'insertion et réservés y satisfont."""
    resolved = resolved_spec(subject)
    for lot, value in _obliged_lots_without_clause(resolved):
        if lot.spec.motif_sans_clause is None:
            yield Hit(
                lot.designation,
                f"{_obligation_text(resolved, value)}, et {this(lot)} n'en comporte pas.",
                "Ajoutez une clause d'insertion (clause_execution ou clause_et_critere) ou indiquez dans "
                f"motif_sans_clause l'un des motifs admis : {', '.join(reference.waiver_reasons())}.",
            )


@rule("CS102", INFO, "Condition sociale écartée pour un motif")
def condition_sociale_ecartee(subject: Dossier) -> Iterator[Hit]:
    """Quand la condition sociale est obligatoire pour la nature d'achat d'un lot « aucun » qui donne un
    motif_sans_clause, l'acheteur doit consigner les raisons de ce choix dans les documents de la procédure."""
    resolved = resolved_spec(subject)
    for lot, _value in _obliged_lots_without_clause(resolved):
        if lot.motif_sans_clause is not None:
            yield Hit(
                lot.designation,
                f"{this(lot).capitalize()} n'a pas de condition sociale pour le motif suivant : {lot.motif_sans_clause}.",
                "Consignez les raisons précises de ce choix dans le rapport de présentation de la procédure.",
            )


@rule("CS103", ERREUR, "Aucun texte applicable à la date de lancement", needs_resolved=False)
def texte_inconnu(subject: Dossier) -> Iterator[Hit]:
    """La date de lancement ou un dispositif ne correspond à aucune période de droit connue de l'outil
    (data/droit.yaml) : les documents ne pourraient citer aucun texte."""
    if subject.law_error is not None:
        yield Hit(
            None,
            str(subject.law_error),
            "Corrigez date_lancement ou le dispositif, ou complétez data/droit.yaml avec les textes de cette période.",
        )


@rule("CS104", INFO, "Textes antérieurs au code de la commande publique")
def textes_anciens(subject: Dossier) -> Iterator[Hit]:
    """Une date de lancement antérieure à la période de droit actuelle (avant le 1er avril 2019) fait citer
    aux documents les textes de l'époque, aujourd'hui abrogés (code des marchés publics de 2006, ordonnance
    de 2015 et décret de 2016)."""
    resolved = resolved_spec(subject)
    on = resolved.consultation.date_lancement
    period = law.period_at(on)
    if period.au is not None:
        yield Hit(
            None,
            f"La date de lancement ({date_longue(on)}) relève de la période « {period.nom} », en vigueur jusqu'au "
            f"{date_longue(period.au)} : les documents citeront ces textes, abrogés depuis.",
            "Vérifiez date_lancement : pour une consultation nouvelle, les documents doivent citer le code "
            "de la commande publique.",
        )


@rule("CS105", INFO, "Ancien nom de dispositif")
def ancien_nom(subject: Dossier) -> Iterator[Hit]:
    """Un lot désigne son dispositif par l'ancien numéro d'article (art14, art14_53, art30, art15) :
    les documents n'emploient pas ce nom et citent les articles en vigueur."""
    resolved = resolved_spec(subject)
    for lot in resolved.lots:
        if lot.spec.dispositif != lot.mecanisme:
            yield Hit(
                lot.designation,
                f"Le dispositif est désigné par son ancien nom « {lot.spec.dispositif} » ({lot.ancien_nom} du code des "
                f"marchés publics de 2006) ; les documents citent à la place : {lot.base_legale}.",
                f"Aucune obligation ; écrivez « {lot.mecanisme} » pour que la spécification parle comme les documents.",
            )


@rule("CS106", AVERTISSEMENT, "Seuil européen inconnu")
def seuil_inconnu(subject: Dossier) -> Iterator[Hit]:
    """Après l'entrée en vigueur de l'article L. 2112-2-1, l'obligation de condition sociale dépend du seuil
    européen de chaque nature d'achat ; si data/seuils.yaml ne couvre pas la date de lancement, elle ne peut pas
    être vérifiée."""
    resolved = resolved_spec(subject)
    on = resolved.consultation.date_lancement
    for value in resolved.natures:
        if value.statut == "seuil_inconnu":
            yield Hit(
                None,
                f"Aucun seuil européen n'est connu pour les {value.libelle} au {date_longue(on)} : l'obligation de "
                "condition sociale n'a pas pu être vérifiée.",
                "Vérifiez le seuil à la main et ajoutez la période dans data/seuils.yaml.",
            )


def insertion_markets(resolved: ResolvedSpec) -> list[ResolvedLot]:
    """The lots whose contract buys insertion hours (an insertion market and its ``insertion`` block)."""
    return [lot for lot in resolved.lots_avec_heures if lot.insertion is not None]


@rule("CS107", AVERTISSEMENT, "Marché d'insertion dans une consultation d'une autre procédure")
def insertion_hors_procedure_adaptee(subject: Dossier) -> Iterator[Hit]:
    """Un marché d'insertion et de qualification professionnelle (article R. 2123-1, 3°) est passé selon une
    procédure adaptée quel que soit son montant, alors que la consultation est lancée selon une autre procédure
    (consultation.procedure) : le règlement de la consultation doit préciser la procédure que suit ce lot, sinon
    il vaut mieux le consulter séparément."""
    resolved = resolved_spec(subject)
    procedure = resolved.consultation.procedure
    if procedure == "procedure_adaptee":
        return
    for lot in insertion_markets(resolved):
        yield Hit(
            lot.designation,
            f"Ce marché d'insertion relève de la procédure adaptée ({lot.base_legale}), mais la consultation est "
            f"lancée en {reference.procedure_label(procedure)}.",
            "Précisez dans le règlement de la consultation la procédure que suit ce lot, ou consultez-le séparément "
            "en procédure adaptée."
            if resolved.allotie
            else "Lancez la consultation en procédure adaptée, ou précisez dans le règlement de la consultation la "
            "procédure suivie.",
        )
