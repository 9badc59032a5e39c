"""Texts a user gives: which characters a document can hold, and how a value is quoted in a message.

A Word or Excel file is XML: a lone surrogate or a control character (other than
tab and line break) cannot go into it, and ``\\x0c`` would become a page break.
Every text a user gives (spec, bidders, marks, justifications, approver, comment)
is checked here when it is read, so that no document is ever cut short.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

PathKey = tuple[str | int, ...]
SHOWN_MAX = 60  # characters of a value quoted in a message
# The characters the loop below refuses, as one pattern: a spec holds tens of thousands
# of texts and almost none has such a character, so most are cleared by one C-level search.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str) -> str | None:
    """French description of the first character of ``text`` a document cannot hold, or None."""
    if _FORBIDDEN.search(text) is None:
        return None
    for position, char in enumerate(text, start=1):
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            return f"caractère invalide U+{code:04X} (moitié isolée d'une paire de substitution) en position {position}"
        if (code < 0x20 and char not in "\t\n") or code in (0x7F, 0xFFFE, 0xFFFF):
            return f"caractère de contrôle U+{code:04X} en position {position}"
    return None


def character_problem(text: str) -> str | None:
    """The French problem of a text holding a forbidden character (None when it can go into a document)."""
    found = forbidden_character(text)
    return f"{found} : ce caractère ne peut pas figurer dans un document ; retirez-le" if found else None


def text_problems(value: Any, at: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every key or text under ``value`` (parsed YAML) holding a forbidden character, with its location."""
    if isinstance(value, str):
        problem = character_problem(value)
        if problem:
            yield at, problem
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and character_problem(key):
                yield at, f"clé « {shown(key)} » : {character_problem(key)}"
            yield from text_problems(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_problems(item, (*at, index))


def shortened(text: str, limit: int = SHOWN_MAX) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, control characters shown as their code."""
    cleaned = "".join(char if forbidden_character(char) is None else f"U+{ord(char):04X}" for char in text[: limit + 1])
    return cleaned if len(text) <= limit and len(cleaned) <= limit + 12 else cleaned[:limit].rstrip() + "…"


def shown(value: Any) -> str:
    """A value as a French reader would write it in a message (no Python repr, never the full megabyte)."""
    if value is None:
        return "vide"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, int) and value.bit_length() > 200:
        return "un nombre de plus de 60 chiffres"
    if isinstance(value, (int, float, Decimal)):
        return shortened(str(value), 30)  # as the user typed it
    if isinstance(value, dict):
        return "un bloc clé: valeur"
    if isinstance(value, list):
        return "une liste"
    return shortened(str(value))
