"""``clauses comparer``: two versions of a spec, compared by field and by clause text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.compare.fields import FieldChange, spec_changes
from generator.compare.text import DELETE, EQUAL, INSERT, DocumentDiff, clause_texts, diff_documents
from generator.dossier import open_dossier

TITLE, PLAIN = "titre", "texte"
Line = tuple[str, str]  # (kind: TITLE, PLAIN, DELETE or INSERT; text)


@dataclass(frozen=True)
class Comparison:
    old: Path
    new: Path
    champs: list[FieldChange]
    documents: list[DocumentDiff]


def compare(old_path: Path | str, new_path: Path | str, templates: Path | None = None) -> Comparison:
    """Load, resolve and render both versions in memory, then compare them."""
    old_path, new_path = Path(old_path), Path(new_path)
    old, new = (open_dossier(path, templates) for path in (old_path, new_path))
    texts = diff_documents(clause_texts(old), clause_texts(new))
    return Comparison(old_path, new_path, spec_changes(old.resolved, new.resolved), texts)


def report_lines(comparison: Comparison) -> list[Line]:
    """The terminal report; the kind of each line tells the CLI how to color it."""
    lines: list[Line] = [(TITLE, f"Comparaison de {comparison.old} et {comparison.new}"), (PLAIN, ""), (TITLE, "Spécification")]
    lines += [(PLAIN, f"  {change.line}") for change in comparison.champs] or [(PLAIN, "  Aucun changement.")]
    lines += [(PLAIN, ""), (TITLE, "Texte des clauses")]
    for document in comparison.documents:
        lines += document_lines(document)
    return lines


def document_lines(document: DocumentDiff) -> list[Line]:
    if not document.changed:
        return [(PLAIN, f"  {document.filename} : inchangé")]
    removed, added = document.count()
    lines: list[Line] = [(PLAIN, f"  {document.filename} : {_paragraphs(removed, 'supprimé')}, {_paragraphs(added, 'ajouté')}")]
    for block in document.blocks:
        if block.tag != EQUAL:
            lines += [(DELETE, f"    - {text}") for text in block.avant]
            lines += [(INSERT, f"    + {text}") for text in block.apres]
    return lines


def _paragraphs(count: int, participle: str) -> str:
    plural = "s" if count > 1 else ""
    return f"{count} paragraphe{plural} {participle}{plural}"
