"""Articles, thresholds and obligations in force at a consultation's launch date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import groupby
from typing import cast

from generator.errors import LawError
from generator.reference.data import law_file, mechanism, thresholds_file
from generator.reference.law_models import ArticleRef, LawPeriod, ObligationStatus, SocialObligation
from generator.reference.models import Category, NatureKey


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


def articles(key: str, on: dt.date, reserve_a: str | None = None, obligation: bool = False) -> list[Article]:
    """The articles founding the mechanism ``key`` on ``on``, in citation order.

    ``obligation`` says whether the mandatory social condition (L. 2112-2-1) applies to
    the lot: its article is cited only then.
    """
    groups = mechanism(key).articles
    if isinstance(groups, dict):
        groups = groups[reserve_a or ""]
    found: list[Article] = []
    for group in groups:
        rows = group_articles(group, on, obligation)
        if not rows:
            raise LawError(_missing(key, reserve_a, period_at(on), on))
        found += rows
    return list(dict.fromkeys(found))


def group_articles(group: str, on: dt.date, obligation: bool = False) -> list[Article]:
    """The articles of one group (``condition_execution``…) in force on ``on``.

    An article marked ``si_obligation_sociale`` is left out unless ``obligation``.
    """
    return list(_group_articles(group, on, obligation))


@cache
def _group_articles(group: str, on: dt.date, obligation: bool) -> tuple[Article, ...]:
    # Reference data is read once per process, so the answer for a date never changes;
    # a portfolio asks it thousands of times for a handful of dates.
    rows = period_at(on).articles.get(group, [])
    return tuple(_article(row) for row in rows if (row.du or dt.date.min) <= on and (obligation or not row.si_obligation_sociale))


def has_conditional_articles(group: str, on: dt.date) -> bool:
    """True when the group cites an article only where the social obligation applies."""
    return group_articles(group, on, True) != group_articles(group, on, False)


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


def purchase_nature(nature: str, mechanism_key: str | None = None) -> NatureKey:
    """The nature a lot's value is summed under (seuils.yaml: natures).

    A mechanism may fix it whatever the ``nature`` of the spec (mecanismes.yaml:
    nature_achat): an insertion market is a social and specific service.
    """
    fixed = mechanism(mechanism_key).nature_achat if mechanism_key is not None else None
    if fixed is not None:
        return fixed
    for key, row in thresholds_file().natures.items():
        if nature in row.natures:
            return key
    raise LawError(f"Nature d'achat inconnue de data/seuils.yaml : « {nature} ».")


def eu_threshold(on: dt.date, categorie: str, nature: str) -> Decimal | None:
    """The EU threshold (€ HT) for a buyer category and a purchase nature, if known at ``on``."""
    category = cast(Category, categorie)
    if nature == "services_sociaux":
        social = thresholds_file().services_sociaux
        return social.par_acheteur[category] if on >= social.du else None
    if nature not in ("travaux", "fournitures_services"):
        raise LawError(f"Nature d'achat inconnue de data/seuils.yaml : « {nature} ».")
    for period in thresholds_file().periodes:
        if period.covers(on):
            return period.travaux if nature == "travaux" else period.fournitures_services[category]
    return None


@dataclass(frozen=True)
class NatureValue:
    """The estimated value of one nature of purchase and what L. 2112-2-1 makes of it."""

    nature: NatureKey
    montant: Decimal
    seuil: Decimal | None
    statut: ObligationStatus

    @property
    def libelle(self) -> str:
        """``travaux``, ``fournitures et services``, ``services sociaux et autres services spécifiques``."""
        return thresholds_file().natures[self.nature].libelle

    @property
    def obligation(self) -> bool:
        """True when the social execution condition is mandatory for this nature."""
        return self.statut == "applicable"

    @property
    def obligation_libelle(self) -> str:
        """What the review note says about the obligation (droit.yaml: obligation_sociale.statuts)."""
        return social_obligation().statuts[self.statut]


def nature_values(on: dt.date, categorie: str, amounts: dict[NatureKey, Decimal]) -> list[NatureValue]:
    """Per nature present in ``amounts`` (summed values), its threshold and the obligation's status."""
    found = []
    for nature in thresholds_file().natures:
        if nature in amounts:
            seuil = eu_threshold(on, categorie, nature)
            found.append(NatureValue(nature, amounts[nature], seuil, _status(on, amounts[nature], seuil)))
    return found


def _status(on: dt.date, montant: Decimal, seuil: Decimal | None) -> ObligationStatus:
    if on < social_condition_mandatory_from():
        return "avant_entree_en_vigueur"
    if seuil is None:
        return "seuil_inconnu"
    return "applicable" if montant >= seuil else "sous_seuil"


def social_obligation() -> SocialObligation:
    """The L2112-2-1 obligation: its article, start date and source."""
    return law_file().obligation_sociale


def social_obligation_citation() -> str:
    """``article L. 2112-2-1 du code de la commande publique``."""
    return citation([_article(social_obligation().article)])


def social_condition_mandatory_from() -> dt.date:
    """Launch date from which the social execution condition is mandatory."""
    return social_obligation().du


def partial_citation(base: str, lots: list[int | None]) -> str:
    """The clause's citation when L. 2112-2-1 applies to ``lots`` only (droit.yaml: citation_partielle)."""
    numbers = [str(number) for number in lots]
    which = f"le lot {numbers[0]}" if len(numbers) == 1 else f"les lots {join_fr(numbers)}"
    return social_obligation().citation_partielle.format(base=base, lots=which, obligation=social_obligation_citation())
