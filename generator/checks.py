"""Run the review rules on a spec: ``check_spec(path)`` returns its findings.

The rules read the same resolved model as the documents. A launch date the law
data does not cover is a finding (CS103), not a crash; an invalid spec raises
SpecError as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .approval import ApprovalStatus, approval_status
from .check_rules import RULES
from .errors import ClausesError, LawError, ReviewError
from .findings import AVERTISSEMENT, ERREUR, SEVERITIES, Finding, Rule, Subject
from .render import shipped_templates
from .resolve import ResolvedSpec, resolve
from .spec import load_spec


def subject(spec_path: Path | str, templates: Path | None = None) -> Subject:
    """Load and resolve the spec; keep the LawError instead of raising it."""
    path = Path(spec_path)
    spec = load_spec(path)
    try:
        resolved, law_error = resolve(spec, path), None
    except LawError as exc:
        resolved, law_error = None, exc
    templates = templates or shipped_templates()
    return Subject(path, spec, resolved, law_error, templates, read_approval(path, templates))


def subject_of(resolved: ResolvedSpec, templates: Path, approval: ApprovalStatus) -> Subject:
    """The subject of an already resolved spec (the review note checks what it prints)."""
    return Subject(resolved.source, resolved.spec, resolved, None, templates, approval)


def read_approval(spec_path: Path, templates: Path) -> ApprovalStatus | ReviewError:
    """The approval status, or the ReviewError of an unusable review file (rule CS502 reports it)."""
    try:
        return approval_status(spec_path, templates)
    except ReviewError as exc:
        return exc


def run(target: Subject, rules: list[Rule] | None = None) -> list[Finding]:
    """Every finding of ``rules`` (all by default), errors first, then by code."""
    findings = [finding for rule in (rules if rules is not None else RULES) for finding in rule.run(target)]
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.gravite), f.code))


def check_spec(spec_path: Path | str, templates: Path | None = None) -> list[Finding]:
    """The findings of ``clauses verifier`` for one spec file."""
    return run(subject(spec_path, templates))


def errors(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.gravite == ERREUR]


@dataclass(frozen=True)
class SpecReport:
    """The outcome of checking one spec file: its findings, or why it could not be read."""

    path: Path
    findings: list[Finding]
    failure: str | None = None

    def failed(self, strict: bool = False) -> bool:
        """True when the spec is unreadable, has an error, or (strict) a warning."""
        failing = (ERREUR, AVERTISSEMENT) if strict else (ERREUR,)
        return self.failure is not None or any(f.gravite in failing for f in self.findings)


def check_files(paths: list[Path], templates: Path | None = None) -> list[SpecReport]:
    """Check every spec; an unreadable one gives its French error message instead of findings."""
    reports = []
    for path in paths:
        try:
            reports.append(SpecReport(path, check_spec(path, templates)))
        except ClausesError as exc:
            reports.append(SpecReport(path, [], str(exc)))
    return reports
