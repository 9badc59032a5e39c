"""Jinja's own error messages in French (data/jinja_fr.yaml), so a template author never reads English."""

from __future__ import annotations

import re
from functools import cache

from generator.reference.data import jinja_messages

FALLBACK = "erreur de syntaxe"
# Python's own error, raised while a customised template runs, when the table has no French for it.
RUNTIME_FALLBACK = "une balise applique un filtre ou un calcul à une valeur qui ne s'y prête pas"


@cache
def _table() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern), french) for pattern, french in jinja_messages().items()]


def french_jinja_message(message: str | None, fallback: str = FALLBACK) -> str:
    """``unexpected '/'`` -> ``caractère inattendu « / »``; an unknown message -> ``fallback`` (``erreur de syntaxe``)."""
    text = (message or "").strip()
    for pattern, french in _table():
        if pattern.match(text):
            return pattern.sub(french, text)
    return fallback
