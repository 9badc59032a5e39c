"""The French typography rules of the project, as text substitutions and as checks.

One rule for the whole project (Imprimerie nationale usage):

- « : » and the inside of « » take a no-break space (U+00A0);
- « ; », « ! » and « ? » take a narrow no-break space (U+202F), the space Babel
  already uses between thousands (1 850 000 €);
- « L. 2112-2-1 », « R. 2123-1 (3°) », « n° 78-17 », « article 14 »: no-break space
  after the prefix and non-breaking hyphens (U+2011) inside the number, so that a
  line never ends on « L. » or inside an article number;
- a number and its unit (%, €, h, heures, mois…) are joined by a no-break space;
- the apostrophe is typographic (’) and straight double quotes become « ».

``fix`` applies the rules; ``problems`` lists what a text still breaks. ``fix_pieces``
fixes text split into pieces (the runs of a Word paragraph) and keeps each character
in its piece, so that bold or italic runs keep their formatting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

NBSP = "\u00a0"
NNBSP = "\u202f"
NBHYPHEN = "\u2011"
APOSTROPHE = "\u2019"
SPACES = "[ \u00a0\u202f\t]*"
UNITS = r"(?:%|€|h\b|heures?\b|ETP\b|mois\b|ans?\b|jours?\b|semaines?\b|postes?\b|points?\b|salariés?\b|personnes?\b)"

Replacement = Callable[[re.Match[str]], str]


def _hyphens(match: re.Match[str]) -> str:
    return match.group(0).replace("-", NBHYPHEN)


# Applied in this order; each one is idempotent and leaves the text the next one expects.
RULES: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile(r'"([^"\n]*)"'), lambda m: f"«{NBSP}{m.group(1).strip()}{NBSP}»"),
    (re.compile(r"(?<=\w)'"), lambda m: APOSTROPHE),
    (re.compile(r"\.\.\.(?!\.)"), lambda m: "…"),
    (re.compile("«" + SPACES), lambda m: "«" + NBSP),
    (re.compile(SPACES + "»"), lambda m: NBSP + "»"),
    (re.compile(r"(?<=[^\s:])" + SPACES + r":(?=\s|$)"), lambda m: NBSP + ":"),
    (re.compile(r"(?<=[^\s;!?])" + SPACES + r"([;!?])(?=\s|$|[»)\]])"), lambda m: NNBSP + m.group(1)),
    (re.compile(r"\b(art|[LRD])\.[ \t]*(?=\d|[LRD]\.)"), lambda m: m.group(1) + "." + NBSP),
    (re.compile(r"\bn°[ \t]*(?=\d)"), lambda m: "n°" + NBSP),
    (re.compile(r"(?<=\b[LRD]\.\u00a0)\d+(?:-\d+)+"), _hyphens),
    (re.compile(r"(?<=n°\u00a0)\d+(?:-\d+)+"), _hyphens),
    (re.compile(r"(?<=\d)[ \t]+(?=\(?\d+°)"), lambda m: NBSP),
    (re.compile(r"\b([Aa]rticles?)[ \t]+(?=\d|[LRD]\.)"), lambda m: m.group(1) + NBSP),
    (re.compile(r"(?<=\d)[ \t]+(?=" + UNITS + ")"), lambda m: NBSP),
]


# What each rule's text must contain for it to match (none: always tried): a quick test
# that spares most texts most of the regular expressions.
NEEDED: list[tuple[str, ...]] = [
    ('"',), ("'",), ("...",), ("«",), ("»",), (":",), (";", "!", "?"), (".",), ("n°",), ("-",), ("-",), ("°",), ("rticle",), (),
]


@dataclass(frozen=True)
class Problem:
    """One break of the rules: what is wrong and the text around it."""

    message: str
    excerpt: str


CHECKS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<=\w)'"), "apostrophe droite au lieu de « ’ »"),
    (re.compile(r'"'), "guillemets droits au lieu de « »"),
    (re.compile(r"(?<=.)(?<!\u00a0):(?=\s|$)"), "espace insécable manquante avant « : »"),
    (re.compile(r"(?<=[^\s;!?])(?<!\u202f)[;!?](?=\s|$)"), "espace fine insécable manquante avant « ; », « ! » ou « ? »"),
    (re.compile(r"(?<=\s)(?<!\u202f)[;!?](?=\s|$)"), "espace fine insécable manquante avant « ; », « ! » ou « ? »"),
    (re.compile("«(?!\u00a0)"), "espace insécable manquante après « « »"),
    (re.compile("(?<!\u00a0)»"), "espace insécable manquante avant « » »"),
    (re.compile(r"\b[LRD]\.(?!\u00a0)\s*\d"), "espace sécable après « L. », « R. » ou « D. » : la ligne peut finir sur « L. »"),
    (re.compile(r"\b[LRD]\.\u00a0\d+(?:\u2011\d+)*-\d"), "trait d’union sécable dans un numéro d’article"),
    (re.compile(r"\d[ \t]+(?=(?:%|€))"), "espace sécable entre un nombre et son unité"),
]


def fix(text: str) -> str:
    """``text`` with the French typography rules applied."""
    return fix_pieces([text])[0]


def fix_pieces(pieces: list[str]) -> list[str]:
    """Apply the rules to the text the pieces make together; each character stays in its piece.

    A character a rule inserts goes to the piece of the character it replaces or follows.
    """
    return changed_pieces(pieces) or list(pieces)


def changed_pieces(pieces: list[str]) -> list[str] | None:
    """``fix_pieces(pieces)`` when the rules change something, else None (the common case once templates are built)."""
    text = "".join(pieces)
    fixed = _fix_text(text)
    if fixed == text:
        return None
    if len(pieces) == 1:
        return [fixed]
    return list(_fix_split(tuple(pieces)))


@lru_cache(maxsize=4096)
def _fix_split(pieces: tuple[str, ...]) -> tuple[str, ...]:
    """The rules on text in pieces; cached, as a template's runs come back document after document."""
    text = "".join(pieces)
    owners = [index for index, piece in enumerate(pieces) for _ in piece]
    for pattern, replacement in RULES:
        text, owners = _substitute(text, owners, pattern, replacement)
    return tuple(_split(text, owners, len(pieces)))


@lru_cache(maxsize=8192)
def _fix_text(text: str) -> str:
    """The rules on a whole text; cached, as the same template paragraphs come back document after document."""
    for (pattern, replacement), needed in zip(RULES, NEEDED, strict=True):
        if not needed or any(part in text for part in needed):
            text = pattern.sub(replacement, text)
    return text


def substitute_pieces(pieces: list[str], pattern: re.Pattern[str], replacement: Replacement, count: int = 0) -> list[str]:
    """``pattern.sub(replacement, count)`` on the text the pieces make together; each character stays in its piece."""
    text = "".join(pieces)
    if not text:
        return list(pieces)
    owners = [index for index, piece in enumerate(pieces) for _ in piece]
    return _split(*_substitute(text, owners, pattern, replacement, count), len(pieces))


def _split(text: str, owners: list[int], count: int) -> list[str]:
    fixed = [""] * count
    for char, owner in zip(text, owners, strict=True):
        fixed[owner] += char
    return fixed


def _substitute(text: str, owners: list[int], pattern: re.Pattern[str], replacement: Replacement, count: int = 0) -> tuple[str, list[int]]:
    out: list[str] = []
    out_owners: list[int] = []
    position = 0
    if not pattern.search(text):
        return text, owners
    for index, match in enumerate(pattern.finditer(text)):
        if count and index >= count:
            break
        start, end = match.span()
        new = replacement(match)
        out.append(text[position:start])
        out_owners += owners[position:start]
        span = owners[start:end] or [owners[min(start, len(owners) - 1)]]
        out.append(new)
        out_owners += [span[min(index, len(span) - 1)] for index in range(len(new))]
        position = end
    out.append(text[position:])
    out_owners += owners[position:]
    return "".join(out), out_owners


def problems(text: str) -> list[Problem]:
    """What ``text`` breaks of the rules, in reading order."""
    found = [(match.start(), message) for pattern, message in CHECKS for match in pattern.finditer(text)]
    return [Problem(message, _excerpt(text, start)) for start, message in sorted(found)]


def _excerpt(text: str, position: int, width: int = 30) -> str:
    start, end = max(0, position - width), min(len(text), position + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
PLACEHOLDER = "\ue000"


def fix_template_text(text: str, marker: str = "**") -> str:
    """``fix`` for a line of a template source: Jinja tags and bold ``marker`` are left as written.

    A tag stands for a word while the rules run (a private-use character), so that
    « {{ x }} : » still gets its no-break space; the text between bold markers is
    fixed as one text (« **Lot :** » gets its no-break space too).
    """
    tags = TAG.findall(text)
    fixed = marker.join(fix_pieces(TAG.sub(PLACEHOLDER, text.replace(PLACEHOLDER, "")).split(marker)))
    parts = fixed.split(PLACEHOLDER)
    return parts[0] + "".join(tag + part for tag, part in zip(tags, parts[1:], strict=True))
