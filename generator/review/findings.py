"""What the review checks produce (findings) and the registry entry of a rule."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.dossier import Dossier

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


Check = Callable[[Dossier], Iterable[Hit]]


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

    @property
    def description_line(self) -> str:
        """The description on one line, as a table or a wrapped paragraph wants it."""
        return " ".join(self.description.split())

    def run(self, subject: Dossier) -> list[Finding]:
        if self.needs_resolved and subject.resolved_or_none is None:
            return []
        return [Finding(self.code, self.gravite, hit.lot, hit.message, hit.action) for hit in self.check(subject)]


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    return {severity: sum(1 for f in findings if f.gravite == severity) for severity in SEVERITIES}
