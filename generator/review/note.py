"""What ``note-revue.docx`` shows beyond the common template context.

The findings and the approval status are computed on first use only, so that
the other documents, which share the context, do not pay for them.
"""

from __future__ import annotations

from functools import cached_property

from generator.approval.store import Approval
from generator.dossier import Dossier
from generator.review.findings import Finding
from generator.review.report import summary
from generator.review.run import run

NOTE = "note-revue.docx"


class ReviewNote:
    """``revue`` in the templates: ``constats``, ``bilan``, ``statut``, ``historique``, ``specification``."""

    def __init__(self, dossier: Dossier) -> None:
        self._dossier = dossier
        self._approval = dossier.approval_status

    @property
    def specification(self) -> str:
        """The spec file's name."""
        return self._dossier.path.name

    @cached_property
    def constats(self) -> list[Finding]:
        """The findings of ``clauses verifier`` on this spec."""
        return run(self._dossier)

    @property
    def bilan(self) -> str:
        """``Bilan : 0 erreur, 1 avertissement, 2 informations.``"""
        return summary(self.constats)

    @property
    def statut(self) -> str:
        """The approval status as a sentence."""
        return self._approval.describe()

    @property
    def historique(self) -> list[Approval]:
        """Every approval recorded for this spec, oldest first."""
        return list(self._approval.approvals)
