"""Scoring a filled grid into the analysis report (``clauses noter``).

``score_offers`` reads and checks every mark, computes the ranking, renders the
report in memory and only then writes it: a grid with one bad mark writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.award.checks import validate
from generator.award.grid import require_scored_lots
from generator.award.marks_reader import read_marks
from generator.award.scoring import BidderScore, LotScore, Tie, score_lot
from generator.dossier import Dossier, open_dossier
from generator.drafting.context import lot_view, template_context
from generator.drafting.render import render_docx
from generator.drafting.views import LotView, TemplateContext
from generator.files import output_folder, write_atomic
from generator.formatting import decimal_fixe
from generator.resolve.criterion import Criterion
from generator.resolve.model import ResolvedSpec

REPORT = "rapport-analyse-insertion.docx"


@dataclass(frozen=True)
class Award:
    """What ``clauses noter`` produced: the report's path and each lot's ranking."""

    report: Path
    lots: list[LotScore]
    resolved: ResolvedSpec


def score_offers(spec_path: Path, marks_path: Path, output: Path, templates: Path | None = None) -> Award:
    """Check the marks of ``marks_path`` against the spec, rank the bidders, write the report."""
    dossier = open_dossier(spec_path, templates)
    resolved = dossier.resolved
    require_scored_lots(resolved)
    lots = [score_lot(graded) for graded in validate(read_marks(marks_path, resolved))]
    data = render_docx(dossier.templates, REPORT, report_context(dossier, lots, marks_path).as_mapping())
    path = output_folder(output, resolved.consultation.reference) / REPORT
    write_atomic(path, data)
    return Award(path, lots, resolved)


@dataclass(frozen=True)
class LotResult:
    """``resultats`` in the report: one scored lot, its ranking and ties."""

    designation: str
    lot: LotView
    critere: Criterion
    classement: list[BidderScore]
    egalites: list[Tie]


@dataclass(frozen=True)
class ReportContext(TemplateContext):
    """The common context plus the ranking of each lot with marks and the marks file's name."""

    resultats: list[LotResult]
    lots_sans_notes: list[LotView]
    fichier_notes: str


def report_context(dossier: Dossier, lots: list[LotScore], marks_path: Path) -> ReportContext:
    """The RC's context plus ``resultats`` (one per lot with marks) and ``fichier_notes``."""
    scored = {score.lot.numero for score in lots}
    on = dossier.resolved.consultation.date_lancement
    return ReportContext(
        **template_context(dossier).as_mapping(),
        resultats=[LotResult(s.designation, lot_view(s.lot, on), s.critere, s.classement, s.egalites) for s in lots],
        lots_sans_notes=[lot_view(lot, on) for lot in dossier.resolved.lots_notes if lot.numero not in scored],
        fichier_notes=marks_path.name,
    )


def summary(award: Award, report: Path | None = None) -> str:
    """The table ``clauses noter`` prints: per lot, rank, bidder and criterion mark.

    ``report`` is the report's path as the command shows it (relative to the current folder).
    """
    lines = [f"Consultation {award.resolved.consultation.reference} — rapport écrit : {report or award.report}"]
    for score in award.lots:
        lines += ["", f"{score.designation} — {score.lot.intitule} (critère {score.critere.sur})"]
        width = max(len("Candidat"), *(len(bidder.nom) for bidder in score.classement))
        lines.append(f"  {'Rang':<10}  {'Candidat':<{width}}  Note")
        for bidder in score.classement:
            rank = f"{bidder.rang}{' ex aequo' if bidder.ex_aequo else ''}"
            lines.append(f"  {rank:<10}  {bidder.nom:<{width}}  {decimal_fixe(bidder.note, 2)}")
    return "\n".join(lines)
