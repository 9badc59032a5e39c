"""The clause documents a consultation needs (RC, CCAP, CCTP, review note), rendered in memory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.drafting.render import render_docx
from generator.drafting.views import TemplateContext
from generator.resolve.model import ResolvedSpec
from generator.review.note import NOTE
from generator.templates import TemplateSet

RC = "RC-clause-insertion.docx"
CCAP = "CCAP-clause-insertion.docx"
CCTP = "CCTP-marche-insertion.docx"
# The documents whose articles go into the buyer's own documents, numbered from consultation.premier_article.
NUMBERED = {RC: "rc", CCAP: "ccap", CCTP: "cctp"}


@dataclass(frozen=True)
class PlannedDocument:
    """One file of the dossier and how to build its bytes."""

    filename: str
    build: Callable[[], bytes]


# The template of each document a mechanism may need (data/mecanismes.yaml: documents), in writing order.
TEMPLATES = {"rc": RC, "ccap": CCAP, "cctp": CCTP}


def clause_documents(resolved: ResolvedSpec) -> list[str]:
    """The names of the clause documents the lots' mechanisms need, in the order they are written."""
    needed = {document for lot in resolved.lots for document in lot.definition.documents}
    return [*(name for document, name in TEMPLATES.items() if document in needed), NOTE]


def plan(resolved: ResolvedSpec, templates: TemplateSet, context: TemplateContext) -> list[PlannedDocument]:
    """The clause documents of the dossier, each rendered from ``context`` when built."""
    return [PlannedDocument(name, _docx_builder(templates, name, context)) for name in clause_documents(resolved)]


def _docx_builder(templates: TemplateSet, name: str, context: TemplateContext) -> Callable[[], bytes]:
    first = getattr(context.consultation.premier_article, NUMBERED[name]) if name in NUMBERED else None
    return lambda: render_docx(templates, name, context.as_mapping(), first)
