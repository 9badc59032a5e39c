"""Run the review rules on a spec: ``check_spec(path)`` returns its findings.

The rules read the same resolved model as the documents. A launch date the law
data does not cover is a finding (CS103), not a crash; an invalid spec raises
SpecError as everywhere else.
"""

from __future__ import annotations

from pathlib import Path

from .check_rules import RULES
from .errors import LawError
from .findings import ERREUR, SEVERITIES, Finding, Rule, Subject
from .render import shipped_templates
from .resolve import resolve
from .spec import load_spec


def subject(spec_path: Path | str, templates: Path | None = None) -> Subject:
    """Load and resolve the spec; keep the LawError instead of raising it."""
    path = Path(spec_path)
    spec = load_spec(path)
    try:
        resolved, law_error = resolve(spec, path), None
    except LawError as exc:
        resolved, law_error = None, exc
    return Subject(path, spec, resolved, law_error, templates or shipped_templates())


def run(target: Subject, rules: list[Rule] | None = None) -> list[Finding]:
    """Every finding of ``rules`` (all by default), errors first, then by code."""
    findings = [finding for rule in (rules if rules is not None else RULES) for finding in rule.run(target)]
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.gravite), f.code))


def check_spec(spec_path: Path | str, templates: Path | None = None) -> list[Finding]:
    """The findings of ``clauses verifier`` for one spec file."""
    return run(subject(spec_path, templates))


def errors(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.gravite == ERREUR]
