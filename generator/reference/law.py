"""Articles, thresholds and obligations in force at a consultation's launch date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import cast

from generator.errors import LawError
from generator.reference.data import law_file, mechanism, thresholds_file
from generator.reference.models import ArticleRef, Category, LawPeriod, SocialObligation


@dataclass(frozen=True)
class Article:
    """One article of one legal instrument."""

    numero: str
    texte: str  # how the instrument is named after the number ("du code de …")


def period_at(on: dt.date) -> LawPeriod:
    """The period of law in force on ``on``; LawError when none is known."""
    periods = law_file().periodes
    for period in periods:
        if period.covers(on):
            return period
    raise LawError(f"Aucun texte connu avant le {periods[0].du:%d/%m/%Y} : vérifiez date_lancement ({on:%d/%m/%Y}).")


def articles(key: str, on: dt.date, reserve_a: str | None = None) -> list[Article]:
    """The articles founding the mechanism ``key`` on ``on``, in citation order."""
    groups = mechanism(key).articles
    if isinstance(groups, dict):
        groups = groups[reserve_a or ""]
    found: list[Article] = []
    for group in groups:
        rows = group_articles(group, on)
        if not rows:
            raise LawError(_missing(key, reserve_a, period_at(on), on))
        found += rows
    return list(dict.fromkeys(found))


def group_articles(group: str, on: dt.date) -> list[Article]:
    """The articles of one group (``condition_execution``…) in force on ``on``."""
    rows = period_at(on).articles.get(group, [])
    return [_article(row) for row in rows if (row.du or dt.date.min) <= on]


def _article(row: ArticleRef) -> Article:
    return Article(row.article, law_file().textes[row.texte])


def _missing(key: str, reserve_a: str | None, period: LawPeriod, on: dt.date) -> str:
    what = f"« {key} »" + (f" (réservé à {reserve_a})" if reserve_a else "")
    return f"Le dispositif {what} n'existe pas dans le {period.nom} en vigueur le {on:%d/%m/%Y}."


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
    for period in thresholds_file().periodes:
        if period.covers(on):
            return period.travaux if nature == "travaux" else period.fournitures_services[cast(Category, categorie)]
    return None


def social_obligation() -> SocialObligation:
    """The L2112-2-1 obligation: its article, start date and source."""
    return law_file().obligation_sociale


def social_obligation_citation() -> str:
    """``article L. 2112-2-1 du code de la commande publique``."""
    return citation([_article(social_obligation().article)])


def social_condition_mandatory_from() -> dt.date:
    """Launch date from which the social execution condition is mandatory."""
    return social_obligation().du


def insertion_market_ojeu_threshold() -> Decimal:
    """Amount from which an insertion market needs a notice in the OJEU."""
    return thresholds_file().services_sociaux_avis_joue.valeur
