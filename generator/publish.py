"""``generate(spec_path)``: the whole dossier of a spec, clause documents and evaluation grid.

It opens the spec, renders every document in memory, runs the review checks, then
replaces the dossier folder as a whole (``folders.replace_folder``); a failure
writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.award.grid import GRID_DOCX, GRID_XLSX, grid_documents
from generator.award.marks_xlsx import has_entries
from generator.dossier import Dossier, open_dossier
from generator.drafting.context import template_context
from generator.drafting.documents import CCAP, CCTP, RC, PlannedDocument, plan
from generator.drafting.views import TemplateContext
from generator.errors import CheckError
from generator.files import output_folder
from generator.folders import replace_folder
from generator.formatting import plural
from generator.review.findings import Finding
from generator.review.note import NOTE
from generator.review.report import finding_lines
from generator.review.run import errors

KNOWN_OUTPUTS = (RC, CCAP, CCTP, GRID_DOCX, GRID_XLSX, NOTE)


@dataclass(frozen=True)
class Generated:
    """What generating one dossier did: the files written, the filled grid kept, the checks' findings."""

    folder: Path
    written: list[Path]
    kept: list[Path]
    findings: list[Finding]


def generate(
    spec_path: Path | str,
    output: Path | str = "output",
    templates: Path | str | None = None,
    on_kept: Callable[[Path], None] | None = None,
) -> list[Path]:
    """Generate the dossier of one spec into ``output/<reference>/``; return the paths written.

    A spreadsheet grid the committee has started to fill is never replaced nor
    removed: it is reported to ``on_kept`` instead.
    """
    generated = generate_dossier(spec_path, output, templates)
    for path in generated.kept:
        if on_kept:
            on_kept(path)
    return generated.written


def generate_dossier(spec_path: Path | str, output: Path | str = "output", templates: Path | str | None = None, strict: bool = False) -> Generated:
    """Generate the dossier of one spec, with the findings of the review checks.

    Every document is rendered before any is written, and the folder is replaced
    as a whole, so a failure leaves the previous dossier untouched. Documents of
    ours that this spec no longer needs disappear; other files in the folder stay.
    With ``strict``, a check that finds an error stops the spec (CheckError) and
    nothing is written.
    """
    dossier = open_dossier(spec_path, Path(templates) if templates else None)
    context, documents = dossier_documents(dossier)
    built = {document.filename: document.build() for document in documents}
    findings = context.revue.constats
    failed = errors(findings)
    if strict and failed:
        lines = [line for finding in failed for line in finding_lines(finding)]
        head = f"{dossier.path} : {plural(len(failed), 'erreur')} de vérification ; en mode strict, rien n'est écrit"
        raise CheckError("\n".join([head, *lines]), findings)
    folder = output_folder(Path(output), dossier.spec.consultation.reference)
    if GRID_XLSX in built and _filled(folder / GRID_XLSX, built[GRID_XLSX]):
        del built[GRID_XLSX]
        kept = [folder / GRID_XLSX]
    else:
        kept = []
    replace_folder(folder, built, set(KNOWN_OUTPUTS) - {path.name for path in kept})
    return Generated(folder, [folder / filename for filename in built], kept, findings)


def dossier_documents(dossier: Dossier) -> tuple[TemplateContext, list[PlannedDocument]]:
    """The documents ``clauses generer`` writes for ``dossier`` (none built yet), and the context they share."""
    context = template_context(dossier)
    return context, plan(dossier.resolved, dossier.templates, context) + grid_documents(dossier, context=context)


def _filled(path: Path, blank: bytes) -> bool:
    """True when the grid at ``path`` holds the committee's work (an unchanged blank grid is not read)."""
    try:
        if path.read_bytes() == blank:
            return False
    except OSError:
        pass
    return has_entries(path)
