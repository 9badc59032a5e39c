"""Run the review rules on a spec: ``check_spec(path)`` returns its findings.

The rules read the same resolved model as the documents. A launch date the law
data does not cover is a finding (CS103), not a crash; an invalid spec raises
SpecError as everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.dossier import Dossier, open_dossier
from generator.errors import ClausesError
from generator.review.findings import AVERTISSEMENT, ERREUR, SEVERITIES, Finding, Rule
from generator.review.rules import RULES


def run(target: Dossier, rules: list[Rule] | None = None) -> list[Finding]:
    """Every finding of ``rules`` (all by default), errors first, then by code."""
    findings = [finding for rule in (rules if rules is not None else RULES) for finding in rule.run(target)]
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.gravite), f.code))


def check_spec(spec_path: Path | str, templates: Path | None = None) -> list[Finding]:
    """The findings of ``clauses verifier`` for one spec file."""
    return run(open_dossier(spec_path, templates))


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
