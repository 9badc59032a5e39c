"""``clauses comparer``: two versions of a spec, compared by field and by clause text."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.approval.status import approval_line, spec_text
from generator.approval.store import Approval, read_review
from generator.compare.fields import FieldChange, spec_changes
from generator.compare.text import DELETE, EQUAL, INSERT, DocumentDiff, clause_texts, diff_documents
from generator.dossier import open_dossier
from generator.errors import ReviewError

TITLE, PLAIN = "titre", "texte"
Line = tuple[str, str]  # (kind: TITLE, PLAIN, DELETE or INSERT; text)


@dataclass(frozen=True)
class Comparison:
    old: Path
    new: Path
    champs: list[FieldChange]
    documents: list[DocumentDiff]
    old_label: str | None = None  # how to name the old version when it is not a file of the user's

    @property
    def old_name(self) -> str:
        return self.old_label or str(self.old)


def compare(old_path: Path | str, new_path: Path | str, templates: Path | None = None) -> Comparison:
    """Load, resolve and render both versions in memory, then compare them."""
    old_path, new_path = Path(old_path), Path(new_path)
    old, new = (open_dossier(path, templates) for path in (old_path, new_path))
    texts = diff_documents(clause_texts(old), clause_texts(new))
    return Comparison(old_path, new_path, spec_changes(old.resolved, new.resolved), texts)


def compare_with_approved(spec_path: Path | str, templates: Path | None = None) -> Comparison:
    """Compare a spec with the version its facilitator last approved (kept in its review file).

    Both texts are copied to temporary folders under the spec's name, away from its
    review file: the documents of both then carry the same PROJET mark, and only
    what the buyer changed shows.
    """
    spec_path = Path(spec_path)
    approval = latest_approval(spec_path)
    current = spec_text(spec_path)
    with tempfile.TemporaryDirectory(prefix="clauses-comparer-") as folder:
        copies = [Path(folder) / version / spec_path.name for version in ("validee", "actuelle")]
        for copy, text in zip(copies, (approval.contenu_specification or "", current), strict=True):
            copy.parent.mkdir()
            copy.write_bytes(text.encode("utf-8"))
        comparison = compare(copies[0], copies[1], templates)
    label = f"la version validée par {approval_line(approval)}"
    return Comparison(spec_path, spec_path, comparison.champs, comparison.documents, old_label=label)


def latest_approval(spec_path: Path) -> Approval:
    """The latest approval of ``spec_path`` that kept the approved text; ReviewError in French otherwise."""
    approvals = read_review(spec_path).approvals
    if not approvals:
        raise ReviewError(f"{spec_path} : aucune validation enregistrée, rien à comparer. "
                          "Pour comparer deux fichiers : clauses comparer ANCIENNE NOUVELLE.")
    if approvals[-1].contenu_specification is None:
        raise ReviewError(f"{spec_path} : la dernière validation ({approval_line(approvals[-1])}) n'a pas conservé le texte validé "
                          "(elle est antérieure à cette possibilité). Comparez avec une copie de la version validée : "
                          "clauses comparer ANCIENNE NOUVELLE.")
    return approvals[-1]


def report_lines(comparison: Comparison) -> list[Line]:
    """The terminal report; the kind of each line tells the CLI how to color it."""
    lines: list[Line] = [(TITLE, f"Comparaison de {comparison.old_name} et {comparison.new}"), (PLAIN, ""), (TITLE, "Spécification")]
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
