"""Review rules CS2xx: the insertion hours (against the formula, the duration, the labour and full time)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.dossier import Dossier
from generator.formatting import dixiemes, heures, nombre, pourcent
from generator.reference import data as reference
from generator.resolve.model import ResolvedLot
from generator.resolve.sizing import full_time_hours, labour_hours
from generator.review.findings import AVERTISSEMENT, INFO, Hit
from generator.review.law_rules import insertion_markets
from generator.review.registry import of_this, resolved_spec, rule, this, threshold


@rule("CS201", AVERTISSEMENT, "Heures éloignées de la formule")
def ecart_formule(subject: Dossier) -> Iterator[Hit]:
    """Les heures fixées par la spécification s'écartent de plus de 50 % (revue.yaml : ecart_formule_max)
    de ce que donne la formule montant × part de main-d'œuvre × taux ÷ coût horaire."""
    resolved = resolved_spec(subject)
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
    resolved = resolved_spec(subject)
    minimum = threshold("heures_min")
    for lot in resolved.lots_avec_heures:
        if lot.heures < minimum:
            yield Hit(
                lot.designation,
                f"{heures(lot.heures)} d'insertion, moins d'une semaine de travail ({heures(minimum)}).",
                "Augmentez le volume, regroupez ce lot avec un autre ou renoncez à la clause sur ce lot."
                if resolved.allotie
                else "Augmentez le volume ou renoncez à la clause sur ce marché.",
            )


@rule("CS203", AVERTISSEMENT, "Heures irréalisables dans la durée")
def heures_irrealisables(subject: Dossier) -> Iterator[Hit]:
    """Sur la durée du lot (duree_mois), les heures d'insertion dépassent la part plausible (50 %,
    revue.yaml : part_insertion_max) des heures de main-d'œuvre du lot, estimées par montant × part de
    main-d'œuvre ÷ coût horaire. Les lots sans durée ou sans part de main-d'œuvre ne sont pas vérifiés."""
    resolved = resolved_spec(subject)
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
                f"Réduisez les heures, allongez la durée ou vérifiez le montant et la part de main-d'œuvre {of_this(lot)}.",
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
    resolved = resolved_spec(subject)
    for lot in resolved.lots_avec_heures:
        trade = lot.sizing.inputs.metier if lot.sizing else None
        if trade is not None and trade.estimated:
            yield Hit(
                lot.designation,
                f"La part de main-d'œuvre de {pourcent(trade.part_main_oeuvre)} ({trade.libelle}) est une valeur "
                "indicative, non sourcée.",
                f"Confirmez-la avec {reference.who_confirms_labour_share(lot.spec.nature)} ou indiquez part_main_oeuvre pour {this(lot)}.",
            )


@rule("CS205", AVERTISSEMENT, "Postes d'insertion au-delà du temps plein")
def postes_surcharges(subject: Dossier) -> Iterator[Hit]:
    """Dans un marché d'insertion, les heures achetées par poste dépassent un temps plein sur la durée du
    marché (heures par ETP × duree_mois ÷ 12)."""
    resolved = resolved_spec(subject)
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
    resolved = resolved_spec(subject)
    row = reference.review_thresholds().heures_hebdo_min_insertion
    minimum = row.valeur
    article = f"article {row.source.article} du code du travail" + (", référence à vérifier" if row.a_verifier else "")
    for lot in insertion_markets(resolved):
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
