"""French formatting of figures and dates (Babel), used as Jinja filters and in messages.

1 850 000 € HT; 3 000 heures; 5 %; 15 décembre 2026; 1er avril 2019. Also the one
accent-free folding of text used to compare words as a reader would.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_decimal, parse_pattern

# Parsed once: given as text, Babel parses the locale and the pattern again on every
# call, which was most of the time spent formatting a document's figures.
LOCALE = Locale.parse("fr_FR")
Number = Decimal | int | float


@cache
def _pattern(text: str) -> NumberPattern:
    return parse_pattern(text)


def nombre(value: Number, decimales: int = 0) -> str:
    """A number with French grouping and comma, at most ``decimales`` decimals."""
    return _nombre(str(value), decimales)


# Keyed by the number's text, which is all the formatting reads (equal numbers such as
# 0 and -0 may be written differently): a portfolio formats the same figures thousands of times.
@lru_cache(maxsize=4096)
def _nombre(text: str, decimales: int) -> str:
    quantum = Decimal(1).scaleb(-decimales)
    rounded = Decimal(text).quantize(quantum, rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "#" * decimales if decimales else "")
    return format_decimal(rounded, format=_pattern(pattern), locale=LOCALE)


def nombre_exact(value: Number) -> str:
    """A number as the user wrote it, every decimal kept, in French: 4.5 -> ``4,5``, 90 -> ``90``.

    For messages that echo a value back (a mark off the scale, a total of weights):
    rounding it could hide the very difference the message reports.
    """
    return format_decimal(Decimal(str(value)).normalize(), format="#,##0.###", locale=LOCALE, decimal_quantization=False)


def decimal_fixe(value: Number, decimales: int = 2) -> str:
    """A number always shown with ``decimales`` decimals (marks: ``7,50``)."""
    quantum = Decimal(1).scaleb(-decimales)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    return format_decimal(rounded, format=_pattern("#,##0." + "0" * decimales), locale=LOCALE)


def euros(value: Number) -> str:
    """``1 850 000 €``; cents only when there are some."""
    has_cents = Decimal(str(value)) != Decimal(str(value)).to_integral_value()
    return f"{decimal_fixe(value) if has_cents else nombre(value)}\u00a0€"


def heures(value: Number) -> str:
    """``833 heures``, ``1 heure``."""
    text = nombre(value)
    return f"{text}\u00a0heure" + ("s" if Decimal(str(value)) >= 2 else "")


def dixiemes(value: Number) -> str:
    """One decimal at most, never a misleading zero: ``1,9``, ``511``, ``moins de 0,1`` for 0,03."""
    if 0 < Decimal(str(value)) < Decimal("0.05"):
        return "moins de 0,1"
    return nombre(value, 1)


def etp(value: Number) -> str:
    """Full-time equivalents with one decimal at most: ``0,5 ETP``, ``511 ETP``, ``moins de 0,1 ETP``."""
    return f"{dixiemes(value)}\u00a0ETP"


def pourcent(rate: Number) -> str:
    """A rate as a percentage: 0.05 -> ``5 %``, 0.075 -> ``7,5 %``."""
    return f"{nombre(Decimal(str(rate)) * 100, 2)}\u00a0%"


def points(weight: Number) -> str:
    """A weight already in percent: 10 -> ``10 %``."""
    return f"{nombre(weight, 2)}\u00a0%"


def date_longue(day: dt.date) -> str:
    """``15 décembre 2026``, ``1er avril 2019``."""
    text = format_date(day, format="d MMMM y", locale=LOCALE)
    return "1er" + text[1:] if day.day == 1 else text


def date_courte(day: dt.date) -> str:
    """``15/12/2026``."""
    return f"{day:%d/%m/%Y}"


def plural(count: int, noun: str) -> str:
    """``0 erreur``, ``1 erreur``, ``2 erreurs`` (French: zero is singular)."""
    return f"{count} {noun}{'s' if count > 1 else ''}"


def folded(text: str) -> str:
    """``text`` in lower case without accents (« Pôle Emploi » -> ``pole emploi``), to match words."""
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def minuscule_initiale(label: str) -> str:
    """A label inside a sentence: ``Gros œuvre, maçonnerie`` -> ``gros œuvre, maçonnerie``."""
    return label[:1].lower() + label[1:]


def liste_ou_aucun(items: Iterable[str]) -> str:
    """``a, b`` in a message, or ``aucun`` when there is nothing to list."""
    return ", ".join(items) or "aucun"


FILTERS = {
    "nombre": nombre,
    "decimal_fixe": decimal_fixe,
    "euros": euros,
    "heures": heures,
    "etp": etp,
    "dixiemes": dixiemes,
    "pourcent": pourcent,
    "points": points,
    "date_longue": date_longue,
    "date_courte": date_courte,
}
