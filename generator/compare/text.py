"""What changed in the generated clause text, paragraph by paragraph.

Both versions are rendered in memory through the same plan as ``generer``; each
Word document becomes a list of paragraphs (a table row is one paragraph, its
cells joined by « | ») and difflib pairs them.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass

from docx import Document
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

from generator.dossier import Dossier
from generator.drafting.context import template_context
from generator.drafting.documents import CCAP, CCTP, RC, plan

EQUAL, DELETE, INSERT = "equal", "delete", "insert"
CLAUSES = (RC, CCAP, CCTP)  # the grid and the review note are not clause text


@dataclass(frozen=True)
class Block:
    """A run of paragraphs: unchanged (``equal``), removed, added, or replaced by others."""

    tag: str
    avant: list[str]
    apres: list[str]


@dataclass(frozen=True)
class DocumentDiff:
    filename: str
    blocks: list[Block]

    @property
    def changed(self) -> bool:
        return any(block.tag != EQUAL for block in self.blocks)

    def count(self) -> tuple[int, int]:
        """Paragraphs removed and added."""
        changed = [block for block in self.blocks if block.tag != EQUAL]
        return sum(len(b.avant) for b in changed), sum(len(b.apres) for b in changed)


def clause_texts(dossier: Dossier) -> dict[str, list[str]]:
    """The paragraphs of each clause document (RC, CCAP, CCTP) the plan contains."""
    documents = plan(dossier.resolved, dossier.templates, template_context(dossier))
    return {document.filename: paragraphs(document.build()) for document in documents if document.filename in CLAUSES}


def paragraphs(docx: bytes) -> list[str]:
    """The non-empty paragraphs of a document's body, tables included, in reading order."""
    document = Document(io.BytesIO(docx))
    found = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            found.append(Paragraph(element, document).text)
        elif element.tag.endswith("}tbl"):
            found += [_row_text(row) for row in Table(element, document).rows]
    return [text.strip() for text in found if text.strip()]


def _row_text(row: _Row) -> str:
    """Cell texts of a table row; a merged cell, which python-docx repeats, counts once."""
    texts, last = [], None
    for cell in row.cells:
        if cell._tc is not last:
            texts.append(cell.text.strip())
        last = cell._tc
    return " | ".join(texts)


def diff_documents(old: dict[str, list[str]], new: dict[str, list[str]]) -> list[DocumentDiff]:
    """One diff per document of either version, in the new version's order, removed documents last."""
    names = list(new) + [name for name in old if name not in new]
    return [DocumentDiff(name, diff_paragraphs(old.get(name, []), new.get(name, []))) for name in names]


def diff_paragraphs(old: list[str], new: list[str]) -> list[Block]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [Block(tag, old[i1:i2], new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
