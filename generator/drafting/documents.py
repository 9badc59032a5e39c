"""The clause documents a consultation needs (RC, CCAP, CCTP, review note), rendered in memory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.drafting.context import Names
from generator.drafting.render import render_docx
from generator.resolve.model import ResolvedSpec
from generator.review.note import NOTE
from generator.templates import TemplateSet

RC = "RC-clause-insertion.docx"
CCAP = "CCAP-clause-insertion.docx"
CCTP = "CCTP-marche-insertion.docx"


@dataclass(frozen=True)
class PlannedDocument:
    """One file of the dossier and how to build its bytes."""

    filename: str
    build: Callable[[], bytes]


def clause_documents(resolved: ResolvedSpec) -> list[str]:
    """The names of the clause documents this consultation needs, in the order they are written."""
    wanted = [RC]
    if resolved.lots_avec_heures:
        wanted.append(CCAP)
    if resolved.lots_ou("marche_insertion"):
        wanted.append(CCTP)
    return [*wanted, NOTE]


def plan(resolved: ResolvedSpec, templates: TemplateSet, context: Names) -> list[PlannedDocument]:
    """The clause documents of the dossier, each rendered from ``context`` when built."""
    return [PlannedDocument(name, _docx_builder(templates, name, context)) for name in clause_documents(resolved)]


def _docx_builder(templates: TemplateSet, name: str, context: Names) -> Callable[[], bytes]:
    return lambda: render_docx(templates, name, context.as_mapping())
