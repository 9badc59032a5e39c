"""Findings and rules as text (for a terminal) or JSON (for other tools)."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable

from generator.formatting import plural
from generator.review.findings import AVERTISSEMENT, ERREUR, INFO, Finding, Rule, count_by_severity
from generator.review.run import SpecReport

NOUNS = {ERREUR: "erreur", AVERTISSEMENT: "avertissement", INFO: "information"}
Styler = Callable[[str, str], str]


def plain(text: str, severity: str) -> str:
    return text


def summary(findings: list[Finding]) -> str:
    counts = count_by_severity(findings)
    return "Bilan : " + ", ".join(plural(counts[severity], noun) for severity, noun in NOUNS.items()) + "."


def finding_lines(finding: Finding, style: Styler = plain) -> list[str]:
    """A finding in three lines: code, severity and lot; message; what to do."""
    where = f" — {finding.lot}" if finding.lot else ""
    head = style(f"  {finding.code} {finding.gravite}{where}", finding.gravite)
    return [head, f"    {finding.message}", f"    À faire : {finding.action}"]


def text_report(report: SpecReport, style: Styler = plain) -> list[str]:
    """One spec's findings for a terminal; ``style`` may color a line by severity."""
    if report.failure is not None:
        return [str(report.path), style(report.failure, ERREUR)]
    body = [line for finding in report.findings for line in finding_lines(finding, style)] or ["  Aucun constat."]
    return [str(report.path), *body, f"  {summary(report.findings)}"]


def json_report(reports: list[SpecReport]) -> str:
    data = [
        {"specification": str(report.path), "erreur_lecture": report.failure, "constats": [f.as_dict() for f in report.findings]}
        for report in reports
    ]
    return json.dumps({"specifications": data}, ensure_ascii=False, indent=2)


def rules_text(rules: list[Rule]) -> str:
    """The list printed by ``clauses verifier --regles``."""
    blocks = []
    for rule in sorted(rules, key=lambda r: r.code):
        # Non-breaking spaces inside French quotes keep « and » with their word.
        description = rule.description_line.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
        body = textwrap.fill(description, width=100, initial_indent="    ", subsequent_indent="    ")
        blocks.append(f"{rule.code} ({rule.gravite}) {rule.titre}\n{body}")
    return "\n\n".join(blocks)
