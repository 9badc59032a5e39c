"""What ``note-revue.docx`` shows beyond the common template context, as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.approval.review_file import Approval
from generator.approval.status import ApprovalStatus, approval_line
from generator.dossier import Dossier
from generator.review.findings import Finding
from generator.review.report import summary
from generator.review.run import errors, run

NOTE = "note-revue.docx"


@dataclass(frozen=True)
class ApprovalView:
    """An approval as templates see it (``approbation``, ``revue.historique``): who, when, why."""

    par: str
    date: dt.date
    horodatage: dt.datetime
    commentaire: str | None

    @classmethod
    def of(cls, approval: Approval) -> ApprovalView:
        return cls(approval.par, approval.date, approval.horodatage, approval.commentaire)


@dataclass(frozen=True)
class ReviewNote:
    """``revue`` in the templates.

    ``specification`` is the spec file's name, ``constats`` the findings of
    ``clauses verifier``, ``bilan`` their count as a sentence, ``statut`` the
    approval status as a sentence and ``historique`` every approval, oldest first.
    """

    specification: str
    constats: list[Finding]
    bilan: str
    statut: str
    historique: list[ApprovalView]


def review_note(dossier: Dossier) -> ReviewNote:
    """The review note's values for ``dossier``."""
    findings = run(dossier)
    approval = dossier.approval_status
    return ReviewNote(
        specification=dossier.path.name,
        constats=findings,
        bilan=summary(findings),
        statut=_status(approval, findings),
        historique=[ApprovalView.of(entry) for entry in approval.approvals],
    )


def stated_approval(status: ApprovalStatus, findings: list[Finding]) -> Approval | None:
    """The approval documents may state: current, and on a spec without error (else they say PROJET).

    ``clauses valider`` refuses a spec with errors: an approval of one was written by hand.
    """
    current = status.current
    return current if current is not None and not errors(findings) else None


def _status(status: ApprovalStatus, findings: list[Finding]) -> str:
    """The approval status as a sentence."""
    latest = status.latest
    if latest is not None and status.current is not None and stated_approval(status, findings) is None:
        return (f"La dernière validation — {approval_line(latest)} — ne vaut pas : la vérification trouve des erreurs. "
                "Les documents portent la mention PROJET.")
    return status.describe()
