"""The names every template can use (documented in clause_templates/README.md)."""

from __future__ import annotations

from typing import Any

from generator.dossier import Dossier
from generator.reference import data as reference
from generator.review.note import ReviewNote


def template_context(dossier: Dossier) -> dict[str, Any]:
    """The common context of every document of a dossier.

    ``approbation`` is the facilitator's approval when it matches the current spec
    and templates, else None: documents then say PROJET.
    """
    resolved = dossier.resolved
    spec = resolved.spec
    return {
        "c": resolved,
        "consultation": spec.consultation,
        "acheteur": spec.consultation.acheteur,
        "facilitateur": spec.consultation.facilitateur,
        "suivi": spec.suivi,
        "parametres": resolved.parametres,
        "publics": resolved.publics,
        "lots": resolved.lots,
        "allotie": resolved.allotie,
        "operateur": resolved.operateur,
        "citations": resolved.citations,
        "sorties_dynamiques": reference.criterion()["sorties_dynamiques"],
        "approbation": dossier.approval_status.current,
        "revue": ReviewNote(dossier),
    }
