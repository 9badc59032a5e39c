"""``clauses modeles verifier --spec``: the customised templates rendered with real specs, nothing written.

A template can be well formed and still fail once it meets data (a filter on a value
of another type, a loop over a number, what the sandbox refuses): each spec is opened
with the folder's templates, every document ``clauses generer`` would write from a
customised template is rendered in memory, and a failure becomes a problem of the
verifier's report. The rendered text is then read by the typography check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.dossier import open_dossier
from generator.errors import ClausesError, TemplateError
from generator.publish import dossier_documents
from generator.review.findings import AVERTISSEMENT, ERREUR
from generator.template_kit.lint import Problem
from generator.templates import TemplateSet
from generator.typography.wordml import PartProblem, check

# Where a part of a rendered .docx is, as the verifier names it (the body: nowhere more precise).
PART_PLACES = ((re.compile(r"^word/header\d*\.xml$"), ", en-tête"), (re.compile(r"^word/footer\d*\.xml$"), ", pied de page"))


@dataclass
class RenderCheck:
    """What rendering the customised templates with some specs found."""

    customised: list[str]
    problems: list[Problem] = field(default_factory=list)
    rendered: set[str] = field(default_factory=set)  # the customised templates rendered at least once
    failures: list[ClausesError] = field(default_factory=list)  # the specs that could not be opened

    @property
    def unrendered(self) -> list[str]:
        """The customised templates no spec's dossier uses (the award report, the follow-up documents…)."""
        return [name for name in self.customised if name not in self.rendered]


def render_problems(folder: Path, specs: list[Path]) -> RenderCheck:
    """Render, with each spec, the documents of its dossier that use a template of ``folder``."""
    templates = TemplateSet(folder)  # names that are no template's are the lint's to report
    found = RenderCheck(templates.overridden)
    for spec in specs:
        try:
            spec_problems(templates, spec, found)
        except ClausesError as exc:  # the spec, not a template: the other specs still run
            found.failures.append(exc)
    return found


def spec_problems(templates: TemplateSet, spec: Path, found: RenderCheck) -> None:
    """Add to ``found`` the problems of the customised templates rendered with ``spec``; ClausesError for the spec itself."""
    _, documents = dossier_documents(open_dossier(spec, templates))
    where = f"rendu avec {spec}"
    for document in documents:
        if document.filename not in found.customised:
            continue
        found.rendered.add(document.filename)
        try:
            data = document.build()
        except TemplateError as exc:
            message = str(exc).removeprefix(f"Modèle {document.filename} : ")
            found.problems.append(Problem(document.filename, ERREUR, where, message))
            continue
        found.problems += [_typography_problem(document.filename, where, problem) for problem in check(data)]


def _typography_problem(template: str, where: str, found: PartProblem) -> Problem:
    place = next((label for pattern, label in PART_PLACES if pattern.match(found.part)), "")
    message = f"typographie du texte rendu : {found.problem.message} (« {found.problem.excerpt} »)."
    return Problem(template, AVERTISSEMENT, where + place, message)
