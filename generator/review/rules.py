"""The review rules of ``clauses verifier``, all in ``RULES`` by code; CS3xx-CS5xx are written here.

Each rule is a small function decorated with its stable code, its severity and a
title (review.registry); its docstring is what ``clauses verifier --regles`` prints.
Thresholds come from the data files (revue.yaml, criteres.yaml, droit.yaml,
seuils.yaml, publics.yaml). Codes: CS1xx law (review.law_rules), CS2xx hours
(review.hours_rules), CS3xx criterion and penalties, CS4xx wording and contacts,
CS5xx approval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from generator.approval.status import ApprovalStatus
from generator.dossier import Dossier
from generator.errors import ReviewError
from generator.formatting import date_longue, folded, heures, pourcent
from generator.reference import data as reference
from generator.resolve.model import designation
from generator.review import hours_rules, law_rules  # noqa: F401  (their rules register on import)
from generator.review.findings import AVERTISSEMENT, ERREUR, Finding, Hit, Rule
from generator.review.registry import REGISTERED, resolved_spec, rule
from generator.spec.placeholders import EMAIL_DOMAIN, MARK, is_placeholder

# --- CS3xx: criterion and penalties ---------------------------------------------------


@rule("CS301", AVERTISSEMENT, "Pondération du critère hors fourchette")
def ponderation_hors_fourchette(subject: Dossier) -> Iterator[Hit]:
    """Le critère d'insertion d'un lot « clause_et_critere » pèse moins de 5 % ou plus de 30 % de la note
    globale (criteres.yaml : ponderation_min, ponderation_max). Les marchés d'insertion, dont l'insertion
    est l'objet, ne sont pas concernés."""
    resolved = resolved_spec(subject)
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
    resolved = resolved_spec(subject)
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
        if folded(name) not in subject.folded_text:  # no text names it: the usual answer
            continue
        for where, text in subject.spec_texts:
            if folded(name) in folded(text):
                yield Hit(
                    _lot_of(where, subject),
                    f"Le champ « {where} » mentionne « {name} », qui s'appelle {reference.employment_service(on)} "
                    f"depuis le {date_longue(until + dt.timedelta(days=1))}.",
                    f"Remplacez « {name} » par « {reference.employment_service(on)} ».",
                )


@rule("CS403", ERREUR, "Valeur d'exemple à compléter", needs_resolved=False)
def valeur_a_completer(subject: Dossier) -> Iterator[Hit]:
    """Un champ garde la valeur « (à compléter) » (ou l'adresse facilitateur@a-completer.fr) que « clauses nouveau »
    écrit quand une réponse manque : elle paraîtrait telle quelle dans les documents."""
    if folded(MARK) not in subject.folded_text and f"@{EMAIL_DOMAIN}" not in subject.folded_text:  # the usual answer
        return
    fields = [where for where, text in subject.spec_texts if is_placeholder(text)]
    if fields:
        yield Hit(
            None,
            f"Valeur d'exemple encore présente, qui paraîtrait telle quelle dans les documents : {', '.join(fields)}.",
            "Remplacez chaque valeur « (à compléter) » par celle de la consultation, puis vérifiez de nouveau.",
        )


def _former_operators(on: dt.date) -> list[tuple[str, dt.date]]:
    """Names of the employment service that had ended before ``on``, with their last day."""
    current = reference.employment_service(on)
    return [(p.nom, p.au) for p in reference.operators() if p.au is not None and p.au < on and p.nom != current]


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


RULES: list[Rule] = sorted(REGISTERED, key=lambda entry: entry.code)
