"""What the review checks produce (findings) and what they look at (the subject)."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .approval import ApprovalStatus
from .errors import LawError, ReviewError
from .resolve import ResolvedSpec
from .spec import Spec

ERREUR, AVERTISSEMENT, INFO = "erreur", "avertissement", "info"
SEVERITIES = (ERREUR, AVERTISSEMENT, INFO)


@dataclass(frozen=True)
class Hit:
    """What a rule reports; the registry adds the rule's code and severity.

    ``lot`` names the lot concerned (« Lot 2 », « Marché ») or is None for the
    whole consultation; ``message`` states the problem with its figures and
    ``action`` what to do about it.
    """

    lot: str | None
    message: str
    action: str


@dataclass(frozen=True)
class Finding:
    code: str
    gravite: str
    lot: str | None
    message: str
    action: str

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "gravite": self.gravite, "lot": self.lot, "message": self.message, "action": self.action}


@dataclass(frozen=True)
class Subject:
    """A spec under review: as written, and as resolved when the law of its date is known."""

    path: Path
    spec: Spec
    resolved: ResolvedSpec | None
    law_error: LawError | None
    templates: Path
    approval: ApprovalStatus | ReviewError  # the review file as read once, or why it is unusable


Check = Callable[[Subject], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """One documented review rule with a stable code and one severity."""

    code: str
    gravite: str
    titre: str
    check: Check
    needs_resolved: bool

    @property
    def description(self) -> str:
        """The rule's docstring: what it checks and why."""
        return inspect.getdoc(self.check) or ""

    def run(self, subject: Subject) -> list[Finding]:
        if self.needs_resolved and subject.resolved is None:
            return []
        return [Finding(self.code, self.gravite, hit.lot, hit.message, hit.action) for hit in self.check(subject)]


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    return {severity: sum(1 for f in findings if f.gravite == severity) for severity in SEVERITIES}
