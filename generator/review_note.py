"""What ``note-revue.docx`` shows beyond the common template context.

The findings and the approval status are computed on first use only, so that
the other documents, which share the context, do not pay for them.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from .approval import ApprovalStatus
from .check_report import summary
from .checks import run, subject_of
from .findings import Finding
from .resolve import ResolvedSpec
from .review_file import Approval

NOTE = "note-revue.docx"


class ReviewNote:
    """``revue`` in the templates: ``constats``, ``bilan``, ``statut``, ``historique``, ``specification``."""

    def __init__(self, resolved: ResolvedSpec, templates: Path, approval: ApprovalStatus) -> None:
        self._resolved = resolved
        self._templates = templates
        self._approval = approval

    @property
    def specification(self) -> str:
        """The spec file's name."""
        return self._resolved.source.name

    @cached_property
    def constats(self) -> list[Finding]:
        """The findings of ``clauses verifier`` on this spec."""
        return run(subject_of(self._resolved, self._templates, self._approval))

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
