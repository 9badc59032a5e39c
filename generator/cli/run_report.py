"""What ``clauses generer`` prints while it runs: one line per dossier or a progress bar, then one summary.

- ``--quiet``: the errors only; ``--verbeux``: every file written and every finding
  with what to do; by default, one line per dossier and the findings that matter
  (errors and warnings of the checks).
- A progress bar replaces the per-dossier lines on a long run, and only when the
  error stream is a terminal (never in a file or a pipe); the messages it would
  hide are printed when it ends.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click

from generator.batch import Outcome
from generator.cli.paths import shown
from generator.formatting import decimal_fixe, plural
from generator.review.findings import AVERTISSEMENT, ERREUR, INFO, Finding, count_by_severity

QUIET, NORMAL, VERBOSE = 0, 1, 2
LONG_RUN = 10  # specs from which a terminal shows a progress bar
COLORS = {ERREUR: "red", AVERTISSEMENT: "yellow", INFO: "cyan"}


@dataclass
class RunReport:
    """Counts and prints the outcomes of a run, in the order of the specs."""

    verbosity: int = NORMAL
    specs: int = 0
    documents: int = 0
    failed: int = 0
    first_failure: type[Exception] | None = None  # the error family of the first spec that failed
    findings: list[Finding] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    _pending: list[tuple[str, str | None, bool]] = field(default_factory=list)
    _buffered: bool = False

    def follow(self, outcomes: Iterable[Outcome], total: int) -> None:
        """Report each outcome as it arrives, behind a progress bar on a long run in a terminal."""
        if not self._wants_bar(total):
            for outcome in outcomes:
                self.add(outcome)
            return
        self._buffered = True
        with click.progressbar(length=total, label="Génération", file=sys.stderr, show_pos=True) as bar:
            for outcome in outcomes:
                self.add(outcome)
                bar.update(1)
        self._buffered = False
        for text, color, err in self._pending:
            click.secho(text, fg=color, err=err)

    def _wants_bar(self, total: int) -> bool:
        return self.verbosity == NORMAL and total >= LONG_RUN and sys.stderr.isatty()

    def add(self, outcome: Outcome) -> None:
        """Count one spec's outcome and print what the verbosity asks for."""
        self.specs += 1
        if outcome.error is not None or outcome.generated is None:
            self.failed += 1
            self.first_failure = self.first_failure or outcome.error_kind or Exception
            self.findings += outcome.findings
            self._say(outcome.error or "", "red", err=True, always=True)
            return
        generated = outcome.generated
        self.documents += len(generated.written)
        self.findings += generated.findings
        if self.verbosity == VERBOSE:
            for path in generated.written:
                self._say(f"écrit : {shown(path)}")
        elif not self._buffered:
            self._say(f"écrit : {shown(generated.folder)} ({plural(len(generated.written), 'document')})")
        for path in generated.kept:
            message = f"conservé : {shown(path)} contient déjà des notes ; il n'est pas remplacé (renommez-le pour obtenir une grille vierge)"
            self._say(message, "yellow", err=True)
        for finding in generated.findings:
            for line in self._finding_lines(outcome.path, finding):
                self._say(line, COLORS[finding.gravite], err=True)

    def _finding_lines(self, path: Path, finding: Finding) -> list[str]:
        if self.verbosity == NORMAL and finding.gravite not in (ERREUR, AVERTISSEMENT):
            return []
        where = f" — {finding.lot}" if finding.lot else ""
        head = f"{shown(path)} : {finding.code} {finding.gravite}{where} : {finding.message}"
        return [head, f"  À faire : {finding.action}"] if self.verbosity == VERBOSE else [head]

    def _say(self, text: str, color: str | None = None, err: bool = False, always: bool = False) -> None:
        if self.verbosity == QUIET and not always:
            return
        if self._buffered:
            self._pending.append((text, color, err))
        else:
            click.secho(text, fg=color, err=err)

    def summary(self) -> str:
        """``3 spécifications, 17 documents, 0 en erreur ; vérifications : 1 erreur, 2 avertissements ; 1,4 s.``"""
        checks = count_by_severity(self.findings)
        seconds = decimal_fixe(time.perf_counter() - self.started, 1)
        return (
            f"{plural(self.specs, 'spécification')}, {plural(self.documents, 'document')}, {self.failed} en erreur ; "
            f"vérifications : {plural(checks[ERREUR], 'erreur')}, {plural(checks[AVERTISSEMENT], 'avertissement')} ; {seconds} s."
        )
