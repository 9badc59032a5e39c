"""The plan of a dossier (which documents, from which template) and its generation.

``generate(spec_path)`` is the library's entry point: it loads, resolves, renders
every document in memory, then writes them all; a failure writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import reference
from .approval import approval_status
from .render import output_folder, render_docx, shipped_templates, write_atomic
from .resolve import ResolvedSpec, resolve
from .review_note import NOTE, ReviewNote
from .spec import load_spec

RC = "RC-clause-insertion.docx"
CCAP = "CCAP-clause-insertion.docx"
CCTP = "CCTP-marche-insertion.docx"
GRID_DOCX = "grille-analyse-insertion.docx"
GRID_XLSX = "grille-analyse-insertion.xlsx"


@dataclass(frozen=True)
class PlannedDocument:
    """One file of the dossier and how to build its bytes."""

    filename: str
    build: Callable[[], bytes]


def template_context(resolved: ResolvedSpec, templates: Path | None = None) -> dict[str, Any]:
    """The names every template can use (see clause_templates/README.md).

    ``approbation`` is the facilitator's approval when it matches the current spec
    and ``templates`` (shipped ones by default), else None: documents then say PROJET.
    """
    spec = resolved.spec
    templates = templates or shipped_templates()
    approval = approval_status(resolved.source, templates)
    return {
        "c": resolved,
        "consultation": spec.consultation,
        "acheteur": spec.consultation.acheteur,
        "facilitateur": spec.consultation.facilitateur,
        "suivi": spec.suivi,
        "parametres": resolved.parametres,
        "publics": resolved.publics,
        "lots": resolved.lots,
        "allotie": resolved.allotie,
        "operateur": resolved.operateur,
        "citations": resolved.citations,
        "sorties_dynamiques": reference.criterion()["sorties_dynamiques"],
        "approbation": approval.current,
        "revue": ReviewNote(resolved, templates, approval),
    }


def plan(resolved: ResolvedSpec, templates: Path) -> list[PlannedDocument]:
    """The documents this consultation needs, in the order they are written."""
    context = template_context(resolved, templates)
    wanted = [RC]
    if resolved.lots_avec_heures:
        wanted.append(CCAP)
    if resolved.lots_ou("marche_insertion"):
        wanted.append(CCTP)
    wanted.append(NOTE)
    from .grid import grid_documents  # imported here: the grid builds on this module

    documents = [PlannedDocument(name, _docx_builder(templates, name, context)) for name in wanted]
    return documents + grid_documents(resolved, templates, context=context)


def _docx_builder(templates: Path, name: str, context: dict[str, Any]) -> Callable[[], bytes]:
    return lambda: render_docx(templates, name, context)


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
    resolved = resolve(load_spec(spec_path), spec_path)
    documents = plan(resolved, Path(templates) if templates else shipped_templates())
    built = {document.filename: document.build() for document in documents}
    folder = output_folder(Path(output), resolved.consultation.reference)
    kept = _filled_grid(folder)
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


def _filled_grid(folder: Path) -> set[str]:
    """{GRID_XLSX} when the grid in ``folder`` already holds the committee's marks."""
    from .marks_xlsx import has_entries  # imported here: the grid modules build on this one

    return {GRID_XLSX} if has_entries(folder / GRID_XLSX) else set()
