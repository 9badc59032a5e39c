"""Approval of a spec by the facilitator, bound to the content it approved.

An approval records the SHA-256 of the spec file's bytes and of the templates in
use; it is current only while both are unchanged. Generation reads the date from
the review file, never from the clock, so the documents stay deterministic.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.approval.review_file import Approval, read_review
from generator.errors import OutputError, reading_reason, system_reason
from generator.formatting import date_longue
from generator.templates import TemplateSet, template_set


@dataclass(frozen=True)
class ApprovalStatus:
    """The approvals of a spec and whether the latest still matches what it approved.

    Read once per run and shared by the documents, the review note and the checks.
    """

    approvals: tuple[Approval, ...] = ()
    spec_changed: bool = False
    templates_changed: bool = False

    @property
    def latest(self) -> Approval | None:
        return self.approvals[-1] if self.approvals else None

    @property
    def current(self) -> Approval | None:
        """The approval that documents may state, or None (they then say PROJET)."""
        if self.latest is None or self.spec_changed or self.templates_changed:
            return None
        return self.latest

    @property
    def stale(self) -> bool:
        return self.latest is not None and self.current is None

    @property
    def changes(self) -> str:
        """What changed since the latest approval, in French (empty when nothing did)."""
        if self.spec_changed and self.templates_changed:
            return "la spécification et les modèles de documents ont changé"
        if self.spec_changed:
            return "la spécification a été modifiée"
        return "les modèles de documents ont changé" if self.templates_changed else ""

    def describe(self) -> str:
        """The approval status as a sentence, for the review note."""
        if self.latest is None:
            return "Aucune validation enregistrée : les documents portent la mention PROJET."
        if self.current is None:
            return (
                f"La dernière validation — {approval_line(self.latest)} — ne vaut plus : {self.changes} depuis. "
                "Les documents portent la mention PROJET."
            )
        return f"Validé par {approval_line(self.latest)}. La validation correspond au contenu actuel de la spécification et des modèles."


def spec_fingerprint(spec_path: Path) -> str:
    """``sha256:…`` of the spec file's bytes."""
    try:
        return "sha256:" + hashlib.sha256(spec_path.read_bytes()).hexdigest()
    except OSError as exc:
        raise OutputError(f"Lecture impossible de {spec_path} : {system_reason(exc)}.") from exc


def spec_text(spec_path: Path) -> str:
    """The spec file's text as approved (kept with the approval)."""
    try:
        return spec_path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OutputError(f"Lecture impossible de {spec_path} : {reading_reason(exc)}.") from exc


def templates_fingerprint(templates: TemplateSet | Path) -> str:
    """``sha256:…`` of the effective templates: the shipped ones and those a folder overrides."""
    return template_set(templates).fingerprint()


def approval_status(spec_path: Path | str, templates: TemplateSet | Path) -> ApprovalStatus:
    """Compare the latest recorded approval with the current spec and templates."""
    spec_path = Path(spec_path)
    approvals = tuple(read_review(spec_path).approvals)
    if not approvals:
        return ApprovalStatus()
    latest = approvals[-1]
    return ApprovalStatus(
        approvals,
        spec_changed=latest.empreinte_specification != spec_fingerprint(spec_path),
        templates_changed=latest.empreinte_modeles != templates_fingerprint(templates),
    )


def approval_line(approval: Approval) -> str:
    """``Marie Dupont, le 3 décembre 2026 à 10 h 15 (commentaire : …)``."""
    when = f"le {date_longue(approval.date)} à {approval.horodatage.hour} h {approval.horodatage:%M}"
    note = f" (commentaire : {approval.commentaire})" if approval.commentaire else ""
    return f"{approval.par}, {when}{note}"
