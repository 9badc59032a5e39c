"""How a review rule is registered, and what every rule reads besides the dossier.

``rule`` records a check with its code, severity and title; ``threshold`` reads data/revue.yaml.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from generator.dossier import Dossier
from generator.reference import data as reference
from generator.resolve.model import ResolvedLot, ResolvedSpec
from generator.review.findings import Check, Rule

REGISTERED: list[Rule] = []  # in import order; review.rules.RULES gives them by code


def rule(code: str, gravite: str, titre: str, needs_resolved: bool = True) -> Callable[[Check], Check]:
    """Register the decorated function as the rule ``code``."""

    def register(check: Check) -> Check:
        REGISTERED.append(Rule(code, gravite, titre, check, needs_resolved))
        return check

    return register


def this(lot: ResolvedLot) -> str:
    """``ce lot``, or ``ce marché`` when the consultation is not allotted (its documents never say « lot »)."""
    return "ce lot" if lot.numero is not None else "ce marché"


def of_this(lot: ResolvedLot) -> str:
    """``du lot``, or ``du marché`` when the consultation is not allotted."""
    return "du lot" if lot.numero is not None else "du marché"


def threshold(name: str) -> Decimal:
    """A review threshold of data/revue.yaml."""
    value: Decimal = getattr(reference.review_thresholds(), name).valeur
    return value


def resolved_spec(subject: Dossier) -> ResolvedSpec:
    return subject.resolved  # the registry skips rules needing it when the law is unknown
