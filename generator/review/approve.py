"""``clauses valider``: record the facilitator's approval once the checks find no error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.approval.store import Approval, read_review, record_approval
from generator.dossier import open_dossier
from generator.errors import ReviewError
from generator.formatting import plural
from generator.review.report import finding_lines
from generator.review.run import errors, run
from generator.spec.text import character_problem


def approve(
    spec_path: Path | str,
    par: str,
    commentaire: str | None = None,
    templates: Path | None = None,
    now: dt.datetime | None = None,
) -> Approval:
    """Append an approval of the spec to its review file; ReviewError while a check finds an error.

    The review file is read first, so that a broken or foreign one stops the
    approval before anything is written.
    """
    path = Path(spec_path)
    if not par.strip():
        raise ReviewError("Indiquez qui valide avec --par « Prénom Nom ».")
    for option, text in (("--par", par), ("--commentaire", commentaire or "")):
        problem = character_problem(text)
        if problem:
            raise ReviewError(f"{option} : {problem}. Rien n'a été enregistré.")
    read_review(path)
    target = open_dossier(path, templates)
    blocking = errors(run(target))
    if blocking:
        lines = [line for finding in blocking for line in finding_lines(finding)]
        header = f"{path} : validation refusée, la vérification trouve {plural(len(blocking), 'erreur')} :"
        raise ReviewError("\n".join([header, *lines, "Rien n'a été enregistré."]))
    return record_approval(
        path, target.spec.consultation.reference, target.templates, par, commentaire, now or dt.datetime.now()
    )

