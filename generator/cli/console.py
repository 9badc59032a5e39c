"""Printing that never fails on the console's encoding, and data printed as UTF-8.

A Windows console in cp1252 has no narrow no-break space (Babel's thousands
separator) nor arrow: such characters are replaced by their nearest plain form
instead of raising ``UnicodeEncodeError``. Machine-readable output (JSON, CSV,
a schema) is always UTF-8 bytes when redirected, so the file it lands in is UTF-8.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata

import click

HANDLER = "clauses-console"
# Nearest form of characters that legacy code pages lack (checked against cp1252 and cp850).
_NEAREST = {"\u202f": " ", "\u00a0": " ", "\u2009": " ", "→": "->", "←": "<-", "\u2019": "'", "…": "...", "—": "-", "\u2013": "-",
            "œ": "oe", "Œ": "OE", "«": '"', "»": '"', "≥": ">=", "≤": "<=", "×": "x", "÷": "/", "€": "EUR"}


def _nearest(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    replacement = "".join(_NEAREST.get(char) or _ascii(char) for char in text)
    return replacement, error.end


def _ascii(char: str) -> str:
    return unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or "?"


codecs.register_error(HANDLER, _nearest)


def make_streams_safe() -> None:
    """Let stdout and stderr replace what their encoding cannot write instead of failing."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if reconfigure is not None and encoding not in ("utf8", "utf_8"):
            reconfigure(errors=HANDLER)


def echo_data(text: str, bom: bool = False) -> None:
    """Print machine-readable text: as typed on a terminal, as UTF-8 bytes when redirected.

    ``bom`` starts a redirected file with the byte order mark Excel needs to read
    UTF-8 (a CSV without it opens with « Ã© » for « é »).
    """
    if sys.stdout.isatty():
        click.echo(text)
    else:
        click.echo(("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))
