"""Articles, thresholds and obligations in force at a consultation's launch date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Any

from generator.errors import LawError
from generator.reference.data import data_file


@dataclass(frozen=True)
class Article:
    """One article of one legal instrument."""

    numero: str
    texte: str  # how the instrument is named after the number ("du code de …")


def period_at(on: dt.date) -> dict[str, Any]:
    """The period of law in force on ``on``; LawError when none is known."""
    for period in data_file("droit")["periodes"]:
        if period["du"] <= on <= period.get("au", dt.date.max):
            return dict(period)
    first = data_file("droit")["periodes"][0]["du"]
    raise LawError(f"Aucun texte connu avant le {first:%d/%m/%Y} : vérifiez date_lancement ({on:%d/%m/%Y}).")


def articles(mechanism: str, on: dt.date, reserve_a: str | None = None) -> list[Article]:
    """The articles founding ``mechanism`` on ``on``, in citation order."""
    groups = data_file("droit")["mecanismes"].get(mechanism, [])
    if isinstance(groups, dict):
        groups = groups[reserve_a]
    found: list[Article] = []
    for group in groups:
        rows = group_articles(group, on)
        if not rows:
            raise LawError(_missing(mechanism, reserve_a, period_at(on), on))
        found += rows
    return list(dict.fromkeys(found))


def group_articles(group: str, on: dt.date) -> list[Article]:
    """The articles of one group (``condition_execution``…) in force on ``on``."""
    rows = period_at(on)["articles"].get(group, [])
    textes = data_file("droit")["textes"]
    return [Article(str(row["article"]), textes[row["texte"]]) for row in rows if row.get("du", dt.date.min) <= on]


def _missing(mechanism: str, reserve_a: str | None, period: dict[str, Any], on: dt.date) -> str:
    what = f"« {mechanism} »" + (f" (réservé à {reserve_a})" if reserve_a else "")
    return f"Le dispositif {what} n'existe pas dans le {period['nom']} en vigueur le {on:%d/%m/%Y}."


def citation(found: list[Article]) -> str:
    """French citation: ``articles L. 2112-2 et L. 2112-2-1 du code de la commande publique``."""
    parts = []
    for texte, same in groupby(found, key=lambda article: article.texte):
        numbers = [article.numero for article in same]
        word = "article" if len(numbers) == 1 else "articles"
        parts.append(f"{word} {join_fr(numbers)} {texte}")
    return join_fr(parts)


def join_fr(items: list[str]) -> str:
    """``a``, ``a et b``, ``a, b et c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} et {items[-1]}"


def eu_threshold(on: dt.date, categorie: str, nature: str) -> Decimal | None:
    """The EU threshold (€ HT) for a buyer category and a purchase nature, if known."""
    for period in data_file("seuils")["periodes"]:
        if period["du"] <= on <= period["au"]:
            value = period["travaux"] if nature == "travaux" else period["fournitures_services"][categorie]
            return Decimal(str(value))
    return None


def social_obligation() -> dict[str, Any]:
    """The L2112-2-1 obligation: its article, start date and source."""
    return dict(data_file("droit")["obligation_sociale"])


def social_condition_mandatory_from() -> dt.date:
    """Launch date from which the social execution condition is mandatory."""
    start: dt.date = social_obligation()["du"]
    return start


def insertion_market_ojeu_threshold() -> Decimal:
    """Amount from which an insertion market needs a notice in the OJEU."""
    return Decimal(str(data_file("seuils")["services_sociaux_avis_joue"]))
