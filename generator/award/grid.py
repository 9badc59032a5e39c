"""The evaluation grid of the insertion criterion: a printable .docx and a working .xlsx.

``write_grid`` serves ``clauses grille``; ``grid_documents`` adds both files to the
dossier ``clauses generer`` writes whenever a lot is scored on insertion.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.award.layout import grid_data
from generator.award.marks_xlsx import has_entries
from generator.award.workbook import grid_workbook
from generator.dossier import Dossier, open_dossier
from generator.drafting.context import template_context
from generator.drafting.documents import PlannedDocument
from generator.drafting.render import render_docx
from generator.drafting.views import TemplateContext
from generator.errors import GridError
from generator.files import output_folder, write_atomic
from generator.resolve.model import ResolvedSpec

GRID_DOCX = "grille-analyse-insertion.docx"
GRID_XLSX = "grille-analyse-insertion.xlsx"


def require_scored_lots(resolved: ResolvedSpec) -> None:
    """Refuse a consultation where no lot is scored on insertion (nothing to grade)."""
    if not resolved.lots_notes:
        raise GridError(
            f"{resolved.source} : aucun lot de la consultation {resolved.consultation.reference} n'est noté sur "
            "l'insertion (dispositif clause_et_critere ou marche_insertion avec un bloc critere) ; "
            "il n'y a ni grille d'analyse ni notation à produire."
        )


@dataclass(frozen=True)
class GridContext(TemplateContext):
    """The common context plus ``candidats``: the bidder column headings."""

    candidats: list[str]


def grid_context(base: TemplateContext, bidders: list[str]) -> GridContext:
    """The common context plus the bidder column headings (numbered when blank)."""
    blank = grid_data()
    names = bidders or [blank.candidat_vierge.format(numero=n + 1) for n in range(blank.colonnes_vierges)]
    return GridContext(**base.as_mapping(), candidats=names)


def grid_documents(dossier: Dossier, bidders: list[str] | None = None, context: TemplateContext | None = None) -> list[PlannedDocument]:
    """The printable and the spreadsheet grid of every scored lot (nothing when no lot is scored).

    ``context`` is the dossier's common context when the caller already built it.
    """
    resolved, templates = dossier.resolved, dossier.templates
    if not resolved.lots_notes:
        return []
    names = list(bidders or [])
    grid = grid_context(context if context is not None else template_context(dossier), names)
    return [
        PlannedDocument(GRID_DOCX, lambda: render_docx(templates, GRID_DOCX, grid.as_mapping())),
        PlannedDocument(GRID_XLSX, lambda: grid_workbook(resolved, names)),
    ]


def write_grid(spec_path: Path, output: Path, bidders: list[str] | None = None, templates: Path | None = None) -> list[Path]:
    """Write both grid files into ``output/<reference>/``; return their paths.

    A spreadsheet grid that already holds marks is never overwritten: the
    committee's work would be lost.
    """
    dossier = open_dossier(spec_path, templates)
    resolved = dossier.resolved
    require_scored_lots(resolved)
    built = {doc.filename: doc.build() for doc in grid_documents(dossier, bidders)}
    folder = output_folder(output, resolved.consultation.reference)
    if has_entries(folder / GRID_XLSX, written_names_count=False):
        raise GridError(
            f"{folder / GRID_XLSX} contient déjà des notes ou des justifications ; "
            "renommez ou déplacez ce fichier avant de produire une nouvelle grille."
        )
    for filename, data in built.items():
        write_atomic(folder / filename, data)
    return [folder / filename for filename in built]
