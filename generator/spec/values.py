"""Values as people type them: ``15/01/2027``, ``5 %``, ``1 200 000 €``, ``collectivité``.

Each function is a pydantic "before" validator: it turns an unambiguous French
spelling into the value the model expects, leaves other values to the model's own
checks, and raises a ``PydanticCustomError`` (type ``fr_…``, French message saying
exactly what to write) when the spelling is recognisably French but wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pydantic_core import PydanticCustomError

from generator.formatting import folded

# Regular, no-break and narrow no-break spaces: Word and Babel put the last two in figures.
SPACES = " \u00a0\u202f"
MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "\u2019": "'"})
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


# Every key of every spec is folded (its lines are recorded under the ASCII key too):
# a portfolio folds the same few hundred keys tens of thousands of times.
@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """``Catégorie`` -> ``categorie``, ``Gros œuvre`` -> ``gros_oeuvre``: the ASCII key it stands for."""
    return re.sub(r"[\s\-]+", "_", folded(text.translate(_LIGATURES)).strip())


def folded_key(value: Any) -> Any:
    """A key-like value (``dispositif``, ``metier``…) without accents, capitals or spaces."""
    return fold(value) if isinstance(value, str) else value


def french_number(value: Any) -> Any:
    """``1 200 000``, ``1 200 000 € HT``, ``0,05`` -> Decimal; other values are left to the model."""
    if not isinstance(value, str):
        return value
    text = _strip_units(value)
    if re.fullmatch(r"-?\d{1,3}([" + SPACES + r"]\d{3})+([.,]\d+)?", text) or re.fullmatch(r"-?\d+(,\d+)?", text):
        return Decimal(re.sub("[" + SPACES + "]", "", text).replace(",", "."))
    return value


def _strip_units(value: str) -> str:
    text = value.strip()
    for unit in ("€ HT", "€HT", "euros HT", "euros", "€"):
        if text.endswith(unit):
            return text[: -len(unit)].rstrip(SPACES)
    return text


def rate(value: Any) -> Any:
    """A share of 1: ``5 %`` -> 0.05; ``5`` is refused with what to write (``0.05`` or ``5 %``)."""
    if isinstance(value, str) and value.rstrip(SPACES).endswith("%"):
        return french_number(value.rstrip(SPACES)[:-1].rstrip(SPACES)) / 100
    number = french_number(value)
    if isinstance(number, (int, float, Decimal)) and not isinstance(number, bool) and 1 < number <= 100:
        shown = _fr(Decimal(str(number)))
        fraction = format((Decimal(str(number)) / 100).normalize(), "f")
        raise PydanticCustomError(
            "fr_rate", "un taux s'écrit en fraction de 1 : pour {shown} %, écrivez {fraction} ou « {shown} % »",
            {"shown": shown, "fraction": fraction},
        )
    return number


def weight(value: Any) -> Any:
    """A weight already in percent: ``10 %`` -> 10."""
    if isinstance(value, str) and value.rstrip(SPACES).endswith("%"):
        return french_number(value.rstrip(SPACES)[:-1].rstrip(SPACES))
    return french_number(value)


def yes_no(value: Any) -> Any:
    """``oui``/``non`` (and ``vrai``/``faux``) for true/false; other values are left to the model."""
    if isinstance(value, str):
        return {"oui": True, "vrai": True, "non": False, "faux": False}.get(fold(value), value)
    return value


def french_date(value: Any) -> Any:
    """``15/01/2027``, ``15 janvier 2027``, ``1er janvier 2027`` -> date; ISO dates unchanged."""
    if not isinstance(value, str) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value
    text = fold(value).replace("_", " ")
    numeric = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})", text)
    spelled = re.fullmatch(r"(\d{1,2})(?:er)? ([a-z]+) (\d{4})", text)
    if numeric:
        day, month, year = (int(part) for part in numeric.groups())
        if len(numeric.group(3)) != 4:
            raise _date_error(value, "écrivez l'année sur quatre chiffres")
    elif spelled and spelled.group(2) in MONTHS:
        day, month, year = int(spelled.group(1)), MONTHS[spelled.group(2)], int(spelled.group(3))
    else:
        raise _date_error(value, "écrivez-la 2027-01-15 ou 15/01/2027")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _date_error(value, "cette date n'existe pas") from None


def _date_error(value: str, hint: str) -> PydanticCustomError:
    return PydanticCustomError("fr_date", "une date est attendue, pas « {value} » : {hint}", {"value": value, "hint": hint})


def email(value: str | None) -> str | None:
    """An e-mail address, checked for its shape (``nom@domaine.fr``)."""
    if value is None:
        return None
    text = value.strip()
    if not _EMAIL.fullmatch(text):
        raise PydanticCustomError(
            "fr_email", "adresse électronique invalide « {value} » ; écrivez-la sous la forme nom@domaine.fr", {"value": value}
        )
    return text


def _fr(number: Decimal) -> str:
    return format(number.normalize(), "f").replace(".", ",")
