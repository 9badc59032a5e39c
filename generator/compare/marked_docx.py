"""The comparison as a Word document for the buyer: deletions struck through in red,
insertions underlined in green, unchanged text as it is.

Built with python-docx; the bytes are deterministic (fixed properties and zip dates).
"""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from generator.compare.comparison import Comparison
from generator.compare.text import DELETE, EQUAL, INSERT, Block
from generator.files import fixed_properties, normalize_zip, write_atomic

RED, GREEN = RGBColor(0xC0, 0x00, 0x00), RGBColor(0x00, 0x80, 0x00)
WORDS = re.compile(r"\s+|[^\s]+")


def write_comparison_docx(comparison: Comparison, path: Path) -> None:
    """Write the marked-up comparison to ``path`` (atomically)."""
    write_atomic(path, comparison_docx(comparison))


def comparison_docx(comparison: Comparison) -> bytes:
    document = _new_document()
    document.add_heading("Modifications des clauses d'insertion", level=0)
    document.add_paragraph(f"Version précédente : {comparison.old_label or comparison.old.name} — nouvelle version : {comparison.new.name}.")
    legend = document.add_paragraph("Légende : ")
    _run(legend, "texte supprimé", DELETE)
    legend.add_run(", ")
    _run(legend, "texte ajouté", INSERT)
    legend.add_run(".")
    document.add_heading("Changements de la spécification", level=1)
    for change in comparison.champs:
        item = document.add_paragraph(style="List Bullet")
        item.add_run(f"{change.lot} — " if change.lot else "")
        item.add_run(f"{change.champ} : ")
        _run(item, change.avant, DELETE)
        item.add_run(" → ")
        _run(item, change.apres, INSERT)
    if not comparison.champs:
        document.add_paragraph("Aucun changement.")
    for diff in comparison.documents:
        document.add_heading(diff.filename, level=1)
        if not diff.changed:
            document.add_paragraph("Texte inchangé.")
        for block in diff.blocks:
            _block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def _block(document: WordDocument, block: Block) -> None:
    """Unchanged paragraphs as they are; a replaced paragraph marked word by word."""
    add = document.add_paragraph
    if block.tag == EQUAL:
        for text in block.avant:
            add(text)
        return
    pairs = list(zip(block.avant, block.apres, strict=True)) if len(block.avant) == len(block.apres) else []
    for old, new in pairs:
        _word_diff(add(), old, new)
    if not pairs:
        for text in block.avant:
            _run(add(), text, DELETE)
        for text in block.apres:
            _run(add(), text, INSERT)


def _word_diff(paragraph: Paragraph, old: str, new: str) -> None:
    before, after = WORDS.findall(old), WORDS.findall(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == EQUAL:
            paragraph.add_run("".join(before[i1:i2]))
            continue
        _run(paragraph, "".join(before[i1:i2]), DELETE)
        _run(paragraph, "".join(after[j1:j2]), INSERT)


def _run(paragraph: Paragraph, text: str, kind: str) -> None:
    if not text:
        return
    run = paragraph.add_run(text)
    run.font.color.rgb = RED if kind == DELETE else GREEN
    run.font.strike = kind == DELETE
    run.font.underline = kind == INSERT


def _new_document() -> WordDocument:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(10.5)
    fixed_properties(document.core_properties, "Modifications des clauses d'insertion")
    return document
