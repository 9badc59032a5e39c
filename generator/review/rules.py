"""The review rules of ``clauses verifier``, registered in one place (``RULES``).

Each rule is a small function decorated with its stable code, its severity and a
title; its docstring is what ``clauses verifier --regles`` prints. Thresholds come
from the data files (revue.yaml, criteres.yaml, droit.yaml, seuils.yaml, publics.yaml).
Codes: CS1xx law, CS2xx hours, CS3xx criterion and penalties, CS4xx wording and
contacts, CS5xx approval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from generator.approval.status import ApprovalStatus
from generator.dossier import Dossier
from generator.errors import ReviewError
from generator.formatting import date_longue, dixiemes, euros, folded, heures, nombre, pourcent
from generator.reference import data as reference
from generator.reference import law
from generator.resolve.model import ResolvedLot, ResolvedSpec, designation
from generator.resolve.sizing import full_time_hours, labour_hours
from generator.review.findings import AVERTISSEMENT, ERREUR, INFO, Check, Finding, Hit, Rule

RULES: list[Rule] = []


def rule(code: str, gravite: str, titre: str, needs_resolved: bool = True) -> Callable[[Check], Check]:
    """Register the decorated function as the rule ``code``."""

    def register(check: Check) -> Check:
        RULES.append(Rule(code, gravite, titre, check, needs_resolved))
        return check

    return register


def threshold(name: str) -> Decimal:
    """A review threshold of data/revue.yaml."""
    value: Decimal = getattr(reference.review_thresholds(), name).valeur
    return value


def _resolved(subject: Dossier) -> ResolvedSpec:
    return subject.resolved  # the registry skips rules needing it when the law is unknown


# --- CS1xx: the law in force --------------------------------------------------------


def _obliged_lots_without_clause(resolved: ResolvedSpec) -> Iterator[tuple[ResolvedLot, law.NatureValue]]:
    """The lots without any clause whose nature of purchase is under the L. 2112-2-1 obligation."""
    values = {value.nature: value for value in resolved.natures}
    for lot in resolved.lots_sans_clause:
        if lot.obligation_sociale:
            yield lot, values[lot.nature_achat]


def _obligation_text(resolved: ResolvedSpec, value: law.NatureValue) -> str:
    return (
        f"La consultation est lancée le {date_longue(resolved.consultation.date_lancement)} et le montant estimé de ses "
        f"{value.libelle} ({euros(value.montant)} HT, lots de même nature additionnés) atteint le seuil européen de "
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
    resolved = _resolved(subject)
    for lot, value in _obliged_lots_without_clause(resolved):
        if lot.spec.motif_sans_clause is None:
            yield Hit(
                lot.designation,
                f"{_obligation_text(resolved, value)}, et ce lot n'en comporte pas.",
                "Ajoutez une clause d'insertion (clause_execution ou clause_et_critere) ou indiquez dans "
                f"motif_sans_clause l'un des motifs admis : {', '.join(reference.waiver_reasons())}.",
            )


@rule("CS102", INFO, "Condition sociale écartée pour un motif")
def condition_sociale_ecartee(subject: Dossier) -> Iterator[Hit]:
    """Quand la condition sociale est obligatoire pour la nature d'achat d'un lot « aucun » qui donne un
    motif_sans_clause, l'acheteur doit consigner les raisons de ce choix dans les documents de la procédure."""
    resolved = _resolved(subject)
    for lot, _value in _obliged_lots_without_clause(resolved):
        if lot.motif_sans_clause is not None:
            yield Hit(
                lot.designation,
                f"Ce lot n'a pas de condition sociale pour le motif suivant : {lot.motif_sans_clause}.",
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
    resolved = _resolved(subject)
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
    resolved = _resolved(subject)
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
    resolved = _resolved(subject)
    on = resolved.consultation.date_lancement
    for value in resolved.natures:
        if value.statut == "seuil_inconnu":
            yield Hit(
                None,
                f"Aucun seuil européen n'est connu pour les {value.libelle} au {date_longue(on)} : l'obligation de "
                "condition sociale n'a pas pu être vérifiée.",
                "Vérifiez le seuil à la main et ajoutez la période dans data/seuils.yaml.",
            )


def _insertion_markets(resolved: ResolvedSpec) -> list[ResolvedLot]:
    """The lots whose contract buys insertion hours (an insertion market and its ``insertion`` block)."""
    return [lot for lot in resolved.lots_avec_heures if lot.insertion is not None]


@rule("CS107", AVERTISSEMENT, "Marché d'insertion dans une consultation d'une autre procédure")
def insertion_hors_procedure_adaptee(subject: Dossier) -> Iterator[Hit]:
    """Un marché d'insertion et de qualification professionnelle (article R. 2123-1, 3°) est passé selon une
    procédure adaptée quel que soit son montant, alors que la consultation est lancée selon une autre procédure
    (consultation.procedure) : le règlement de la consultation doit préciser la procédure que suit ce lot, sinon
    il vaut mieux le consulter séparément."""
    resolved = _resolved(subject)
    procedure = resolved.consultation.procedure
    if procedure == "procedure_adaptee":
        return
    for lot in _insertion_markets(resolved):
        yield Hit(
            lot.designation,
            f"Ce marché d'insertion relève de la procédure adaptée ({lot.base_legale}), mais la consultation est "
            f"lancée en {reference.procedure_label(procedure)}.",
            "Précisez dans le règlement de la consultation la procédure que suit ce lot, ou consultez-le séparément "
            "en procédure adaptée.",
        )


# --- CS2xx: hours ---------------------------------------------------------------------


@rule("CS201", AVERTISSEMENT, "Heures éloignées de la formule")
def ecart_formule(subject: Dossier) -> Iterator[Hit]:
    """Les heures fixées par la spécification s'écartent de plus de 50 % (revue.yaml : ecart_formule_max)
    de ce que donne la formule montant × part de main-d'œuvre × taux ÷ coût horaire."""
    resolved = _resolved(subject)
    for lot in resolved.lots_avec_heures:
        sizing = lot.sizing
        if sizing and sizing.ecart_formule is not None and sizing.ecart_formule > threshold("ecart_formule_max"):
            yield Hit(
                lot.designation,
                f"{heures(sizing.heures)} sont fixées par la spécification, alors que la formule donne "
                f"{heures(sizing.heures_formule or 0)} (écart de {pourcent(sizing.ecart_formule)}).",
                "Vérifiez le volume avec l'acheteur et gardez la justification de l'écart au dossier.",
            )


@rule("CS202", AVERTISSEMENT, "Moins d'une semaine de travail")
def heures_trop_faibles(subject: Dossier) -> Iterator[Hit]:
    """Un volume d'heures inférieur à une semaine de travail (35 heures, revue.yaml : heures_min) ne permet
    pas de parcours d'insertion."""
    resolved = _resolved(subject)
    minimum = threshold("heures_min")
    for lot in resolved.lots_avec_heures:
        if lot.heures < minimum:
            yield Hit(
                lot.designation,
                f"{heures(lot.heures)} d'insertion, moins d'une semaine de travail ({heures(minimum)}).",
                "Augmentez le volume, regroupez ce lot avec un autre ou renoncez à la clause sur ce lot.",
            )


@rule("CS203", AVERTISSEMENT, "Heures irréalisables dans la durée")
def heures_irrealisables(subject: Dossier) -> Iterator[Hit]:
    """Sur la durée du lot (duree_mois), les heures d'insertion dépassent la part plausible (50 %,
    revue.yaml : part_insertion_max) des heures de main-d'œuvre du lot, estimées par montant × part de
    main-d'œuvre ÷ coût horaire. Les lots sans durée ou sans part de main-d'œuvre ne sont pas vérifiés."""
    resolved = _resolved(subject)
    for lot in resolved.lots_avec_heures:
        found = _workforce(lot) if lot.heures_par_formule else None
        if found is None:
            continue
        labour, months, year = found
        share = lot.heures / labour
        if share > threshold("part_insertion_max"):
            period = full_time_hours(year, months)
            yield Hit(
                lot.designation,
                f"{heures(lot.heures)} d'insertion en {months} mois, soit {dixiemes(lot.heures / period)} postes à temps "
                f"plein en moyenne, pour une main-d'œuvre estimée à {heures(labour)} ({dixiemes(labour / period)} postes) : "
                "l'insertion en "
                f"représenterait {pourcent(share)}, au-delà de {pourcent(threshold('part_insertion_max'))}.",
                "Réduisez les heures, allongez la durée ou vérifiez le montant et la part de main-d'œuvre du lot.",
            )


def _workforce(lot: ResolvedLot) -> tuple[Decimal, int, Decimal] | None:
    """Labour hours of the lot, its duration in months and the hours of a full-time year."""
    sizing, months = lot.sizing, lot.spec.duree_mois
    labour = labour_hours(sizing.inputs) if sizing else None
    if sizing is None or months is None or labour is None:
        return None
    # Unrounded: a small amount gives less than one hour of labour, never zero.
    return labour, months, sizing.inputs.heures_par_etp


@rule("CS204", INFO, "Part de main-d'œuvre indicative")
def part_estimee(subject: Dossier) -> Iterator[Hit]:
    """La part de main-d'œuvre vient d'une valeur indicative de la table des métiers (statut « estimation »
    dans data/metiers.yaml), non d'une source publiée."""
    resolved = _resolved(subject)
    for lot in resolved.lots_avec_heures:
        trade = lot.sizing.inputs.metier if lot.sizing else None
        if trade is not None and trade.estimated:
            yield Hit(
                lot.designation,
                f"La part de main-d'œuvre de {pourcent(trade.part_main_oeuvre)} ({trade.libelle}) est une valeur "
                "indicative, non sourcée.",
                f"Confirmez-la avec {reference.who_confirms_labour_share(lot.spec.nature)} ou indiquez part_main_oeuvre pour ce lot.",
            )


@rule("CS205", AVERTISSEMENT, "Postes d'insertion au-delà du temps plein")
def postes_surcharges(subject: Dossier) -> Iterator[Hit]:
    """Dans un marché d'insertion, les heures achetées par poste dépassent un temps plein sur la durée du
    marché (heures par ETP × duree_mois ÷ 12)."""
    resolved = _resolved(subject)
    for lot in resolved.lots_avec_heures:
        insertion, months = lot.insertion, lot.spec.duree_mois
        if insertion is None or months is None:
            continue
        per_position = insertion.heures / insertion.postes
        full_time = full_time_hours(resolved.parametres.heures_par_etp, months)
        if per_position > full_time:
            yield Hit(
                lot.designation,
                f"{heures(insertion.heures)} pour {insertion.postes} postes, soit {heures(per_position)} par poste en "
                f"{months} mois, au-delà d'un temps plein sur la période ({heures(full_time)}).",
                "Augmentez le nombre de postes ou la durée, ou réduisez les heures achetées.",
            )


@rule("CS206", AVERTISSEMENT, "Moins de 20 heures par semaine et par poste d'insertion")
def heures_hebdomadaires_faibles(subject: Dossier) -> Iterator[Hit]:
    """Dans un marché d'insertion, les heures par poste et par semaine (insertion.heures_hebdomadaires, ou heures
    ÷ postes sur duree_mois) sont inférieures à la durée minimale d'un contrat à durée déterminée d'insertion en
    atelier et chantier d'insertion (20 heures, revue.yaml : heures_hebdo_min_insertion ; article à vérifier)."""
    resolved = _resolved(subject)
    row = reference.review_thresholds().heures_hebdo_min_insertion
    minimum = row.valeur
    article = f"article {row.source.article} du code du travail" + (", référence à vérifier" if row.a_verifier else "")
    for lot in _insertion_markets(resolved):
        weekly, insertion = lot.heures_hebdomadaires, lot.insertion
        if weekly is None or weekly >= minimum or insertion is None:
            continue
        how = (
            "fixées par la spécification"
            if insertion.heures_hebdomadaires is not None
            else f"soit {heures(lot.heures)} pour {insertion.postes} postes sur {lot.spec.duree_mois} mois"
        )
        yield Hit(
            lot.designation,
            f"{nombre(weekly, 1)} heures par semaine et par poste ({how}), moins que les {heures(minimum)} "
            f"hebdomadaires d'un contrat à durée déterminée d'insertion en atelier et chantier d'insertion "
            f"({article}).",
            "Augmentez les heures achetées ou réduisez le nombre de postes, ou indiquez insertion.heures_hebdomadaires "
            "si les postes ne sont pas tous occupés en même temps.",
        )


# --- CS3xx: criterion and penalties ---------------------------------------------------


@rule("CS301", AVERTISSEMENT, "Pondération du critère hors fourchette")
def ponderation_hors_fourchette(subject: Dossier) -> Iterator[Hit]:
    """Le critère d'insertion d'un lot « clause_et_critere » pèse moins de 5 % ou plus de 30 % de la note
    globale (criteres.yaml : ponderation_min, ponderation_max). Les marchés d'insertion, dont l'insertion
    est l'objet, ne sont pas concernés."""
    resolved = _resolved(subject)
    low, high = reference.criterion().ponderation_min.valeur, reference.criterion().ponderation_max.valeur
    for lot in resolved.lots_notes:
        if lot.definition.scored and not low <= lot.critere_note.ponderation <= high:
            yield Hit(
                lot.designation,
                f"Le critère d'insertion pèse {pourcent(lot.critere_note.ponderation / 100)} de la note globale, hors de la "
                f"fourchette habituelle de {pourcent(low / 100)} à {pourcent(high / 100)}.",
                "Ajustez la pondération ou motivez-la : trop faible, le critère est sans effet ; trop forte, "
                "il peut être jugé disproportionné.",
            )


@rule("CS302", AVERTISSEMENT, "Pas de pénalité")
def penalite_absente(subject: Dossier) -> Iterator[Hit]:
    """Une condition d'exécution impose des heures d'insertion mais aucune pénalité par heure non réalisée
    n'est fixée (parametres.penalite_par_heure) : un écart ne donne lieu qu'à une mise en demeure.
    Un marché d'insertion n'est pas concerné : son prix est réduit des heures non assurées."""
    resolved = _resolved(subject)
    with_condition = [lot for lot in resolved.lots if lot.heures_par_formule]
    if resolved.parametres.penalite_par_heure is None and with_condition:
        yield Hit(
            None,
            f"Aucune pénalité n'est fixée pour les heures d'insertion non réalisées, alors que "
            f"{heures(sum((lot.heures for lot in with_condition), Decimal(0)))} sont à réaliser.",
            "Indiquez parametres.penalite_par_heure, le montant en euros dû par heure d'insertion non réalisée.",
        )


# --- CS4xx: contacts and wording ------------------------------------------------------


@rule("CS401", ERREUR, "Facilitateur injoignable", needs_resolved=False)
def facilitateur_incomplet(subject: Dossier) -> Iterator[Hit]:
    """Le facilitateur n'a pas de courriel ou pas de téléphone : les candidats et le titulaire doivent
    pouvoir le joindre, et une clause doit donner ses coordonnées."""
    facilitateur = subject.spec.consultation.facilitateur
    missing = [name for name, value in (("courriel", facilitateur.courriel), ("telephone", facilitateur.telephone)) if not value]
    if missing:
        words = {"courriel": "courriel", "telephone": "téléphone"}
        yield Hit(
            None,
            f"Les coordonnées du facilitateur sont incomplètes : {' et '.join(words[name] for name in missing)} manquant"
            f"{'s' if len(missing) > 1 else ''}.",
            f"Renseignez {' et '.join(f'consultation.facilitateur.{name}' for name in missing)}.",
        )


@rule("CS402", AVERTISSEMENT, "Ancien nom de l'opérateur public de l'emploi", needs_resolved=False)
def ancien_operateur(subject: Dossier) -> Iterator[Hit]:
    """Un texte libre de la spécification nomme un opérateur qui avait changé de nom à la date de lancement
    (« Pôle emploi », devenu France Travail le 1er janvier 2024 ; data/publics.yaml : operateurs)."""
    on = subject.spec.consultation.date_lancement
    for name, until in _former_operators(on):
        for where, text in _texts(subject.spec.model_dump()):
            if folded(name) in folded(text):
                yield Hit(
                    _lot_of(where, subject),
                    f"Le champ « {where} » mentionne « {name} », qui s'appelle {reference.employment_service(on)} "
                    f"depuis le {date_longue(until + dt.timedelta(days=1))}.",
                    f"Remplacez « {name} » par « {reference.employment_service(on)} ».",
                )


def _former_operators(on: dt.date) -> list[tuple[str, dt.date]]:
    """Names of the employment service that had ended before ``on``, with their last day."""
    current = reference.employment_service(on)
    return [(p.nom, p.au) for p in reference.operators() if p.au is not None and p.au < on and p.nom != current]


def _texts(value: Any, at: str = "") -> Iterator[tuple[str, str]]:
    """Every string of a dumped spec with its dotted path (``lots.2.intitule``)."""
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{at}.{key}" if at else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{at}.{index}")


def _lot_of(where: str, subject: Dossier) -> str | None:
    parts = where.split(".")
    if parts[0] != "lots":
        return None
    lot = subject.spec.lots[int(parts[1])]
    return designation(lot.numero)


# --- CS5xx: approval ------------------------------------------------------------------


@rule("CS501", AVERTISSEMENT, "Validation périmée", needs_resolved=False)
def validation_perimee(subject: Dossier) -> Iterator[Hit]:
    """La dernière validation du facilitateur ne correspond plus au contenu : la spécification ou les
    modèles de documents ont changé depuis. Les documents portent de nouveau la mention PROJET."""
    status = subject.approval
    if isinstance(status, ApprovalStatus) and status.latest is not None and status.stale:
        yield Hit(
            None,
            f"La validation de {status.latest.par} du {date_longue(status.latest.date)} ne vaut plus : "
            f"{status.changes} depuis ; les documents portent de nouveau la mention PROJET.",
            "Relisez les changements (clauses comparer) puis validez de nouveau avec clauses valider.",
        )


@rule("CS502", ERREUR, "Fichier de revue inutilisable", needs_resolved=False)
def revue_illisible(subject: Dossier) -> Iterator[Hit]:
    """Le fichier de revue (<spécification>.revue.yaml) est illisible, incohérent, altéré depuis son
    enregistrement (chaîne d'empreintes rompue, validation datée dans le futur) ou appartient à une autre
    spécification ; ou bien il valide une spécification où la vérification trouve des erreurs, ce que
    « clauses valider » refuse. L'outil ne remplace jamais ce fichier de lui-même."""
    if isinstance(subject.approval, ReviewError):
        yield Hit(None, str(subject.approval), "Restaurez le fichier de revue ou rendez-le à sa spécification.")
        return
    current = subject.approval.current
    if current is None:
        return  # nothing approved: no need to run the other rules again
    blocking = sorted({finding.code for finding in approval_blockers(subject)})
    if blocking:
        yield Hit(
            None,
            f"La validation de {current.par} du {date_longue(current.date)} porte sur une spécification où la "
            f"vérification trouve des erreurs ({', '.join(blocking)}), ce que « clauses valider » refuse ; "
            "les documents portent la mention PROJET.",
            "Corrigez les erreurs puis validez de nouveau avec clauses valider.",
        )


def approval_blockers(subject: Dossier) -> list[Finding]:
    """The errors that forbid an approval: every error finding except those of CS502 itself."""
    return [finding for rule in RULES if rule.gravite == ERREUR and rule.code != "CS502" for finding in rule.run(subject)]
