"""``generate(spec_path)``: the whole dossier of a spec, clause documents and evaluation grid.

It opens the spec, renders every document in memory, then writes them all; a
failure writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.award.grid import GRID_DOCX, GRID_XLSX, grid_documents
from generator.award.marks_xlsx import has_entries
from generator.dossier import open_dossier
from generator.drafting.context import template_context
from generator.drafting.documents import CCAP, CCTP, RC, plan
from generator.files import output_folder, write_atomic
from generator.review.note import NOTE

KNOWN_OUTPUTS = (RC, CCAP, CCTP, GRID_DOCX, GRID_XLSX, NOTE)


def generate(
    spec_path: Path | str,
    output: Path | str = "output",
    templates: Path | str | None = None,
    on_kept: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Generate the dossier of one spec into ``output/<reference>/``; return the paths written.

    Every document is rendered before any is written, so a failure leaves the
    previous dossier untouched. Documents of ours that this spec no longer needs
    are removed, so the folder never mixes two versions. A spreadsheet grid the
    committee has started to fill is never replaced nor removed: it is reported
    to ``on_kept`` instead.
    """
    dossier = open_dossier(spec_path, Path(templates) if templates else None)
    context = template_context(dossier)
    documents = plan(dossier.resolved, dossier.templates, context) + grid_documents(dossier, context=context)
    built = {document.filename: document.build() for document in documents}
    folder = output_folder(Path(output), dossier.spec.consultation.reference)
    kept = {GRID_XLSX} if has_entries(folder / GRID_XLSX) else set()
    written = []
    for filename, data in built.items():
        if filename not in kept:
            write_atomic(folder / filename, data)
            written.append(folder / filename)
    for stale in set(KNOWN_OUTPUTS) - set(built) - kept:
        (folder / stale).unlink(missing_ok=True)
    for filename in sorted(kept):
        if on_kept:
            on_kept(folder / filename)
    return written
