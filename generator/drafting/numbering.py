"""Article numbers that fit into the buyer's own documents, from ``consultation.premier_article``.

Template sources write their headings without numbers; once rendered, the RC, CCAP
and CCTP number them in document order: a heading 1 becomes « Article 12 — … », a
heading 2 under it « 12.1 … », from the buyer's first article for that document.
A heading left out by a condition leaves no gap. A heading that already carries a
number (a template written the old way, « Article 1 — », « 1.3 ») is renumbered the
same way, and the references to it in the text (« l'article 1.3 ») follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from generator.typography.rules import Replacement, substitute_pieces
from generator.typography.wordml import W_P, paragraph_text, paragraph_texts, set_texts, style, styled_paragraphs

SPACE = "[ \u00a0\u202f]"
ARTICLE = re.compile(rf"^Article{SPACE}+(\d+)\b{SPACE}*(?:[—\u2013-]{SPACE}*)?")
SUB_ARTICLE = re.compile(rf"^(\d+\.\d+)\.?{SPACE}+")
START = re.compile("^")
# « l'article 1.3 », « articles 1.2 et 1.4 » — but not « l'article 14 du code… ».
REFERENCE = re.compile(rf"(?<=[Aa]rticle{SPACE})(\d+(?:\.\d+)?)\b(?!{SPACE}+(?:du|de|des|d’|d')\b)")


@dataclass
class _Numbering:
    """Walks the headings in order: the current article, its sub-articles, old label -> new label."""

    first: int
    article: int | None = None
    sub: int = 0
    labels: dict[str, str] = field(default_factory=dict)

    def heading(self, level: int, text: str) -> tuple[re.Pattern[str], str] | None:
        """Where heading ``text`` takes its number (the old number it replaces, if any) and the new one."""
        if level == 1:
            self.article, self.sub = self.first if self.article is None else self.article + 1, 0
            match = ARTICLE.match(text)
            if match:
                self.labels[match.group(1)] = str(self.article)
            return (ARTICLE if match else START), f"Article {self.article} — "
        if level == 2 and self.article is not None:
            self.sub += 1
            new = f"{self.article}.{self.sub}"
            match = SUB_ARTICLE.match(text)
            if match:
                self.labels[match.group(1)] = new
            return (SUB_ARTICLE if match else START), f"{new} "
        return None


def renumber(root: etree._Element, first: int) -> None:
    """Number the headings of a rendered part from article ``first``, and the references to numbered ones."""
    state = _Numbering(first)
    for paragraph in styled_paragraphs(root):  # a heading has a style; most paragraphs have none
        level = _heading_level(paragraph)
        change = state.heading(level, paragraph_text(paragraph)) if level is not None else None
        if change:
            pattern, number = change
            _substitute(paragraph, pattern, _constant(number), count=1)
    if all(old == new for old, new in state.labels.items()):
        return
    for paragraph in root.iter(W_P):
        if _heading_level(paragraph) is None:
            _substitute(paragraph, REFERENCE, lambda m: state.labels.get(m.group(1), m.group(1)))


def _heading_level(paragraph: etree._Element) -> int | None:
    value = style(paragraph)
    return int(value[7:]) if value.startswith("Heading") and value[7:].isdigit() else None


def _constant(text: str) -> Replacement:
    """A replacement that puts ``text`` in place of whatever matched."""
    return lambda _match: text


def _substitute(paragraph: etree._Element, pattern: re.Pattern[str], replacement: Replacement, count: int = 0) -> None:
    texts = paragraph_texts(paragraph)
    if texts:
        set_texts(texts, substitute_pieces([t.text or "" for t in texts], pattern, replacement, count))
