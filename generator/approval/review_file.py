"""Reading the review file kept beside a spec (``<spec>.revue.yaml``): the history of its approvals.

The file is human-readable YAML, written only by ``store``. A broken, foreign or
tampered file (see ``chain``) is a ReviewError. Every command reads it (through the
dossier); only ``valider`` writes it, so the lock and the writing live in ``store``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.approval.chain import chain_problems
from generator.errors import ReviewError, SpecError
from generator.spec.text import shortened
from generator.spec.yaml_source import read_yaml

SUFFIX = ".revue.yaml"
HEADER = (
    "# Historique des validations de {spec}, tenu par « clauses valider ».\n"
    "# Chaque validation est ajoutée à la suite ; ne modifiez pas ce fichier à la main.\n"
)
Digest = Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]


class Approval(BaseModel):
    """One approval: who, when, why, and the fingerprints of what was approved."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    par: Annotated[str, Field(min_length=1)]
    horodatage: dt.datetime
    commentaire: str | None = None
    empreinte_specification: Digest
    empreinte_modeles: Digest
    empreinte_precedente: Digest | None = None  # None only in entries written before the chain (legacy)
    empreinte: Digest | None = None
    # The approved spec as it was, so that « clauses comparer SPEC » shows what changed since (covered by the chain).
    contenu_specification: str | None = None

    @property
    def date(self) -> dt.date:
        """The day of the approval (templates print ``approbation.date|date_longue``)."""
        return self.horodatage.date()


class ReviewRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    specification: str
    reference: str
    approbations: list[Approval]
    empreinte_derniere: Digest | None = None


@dataclass(frozen=True)
class ReviewFile:
    """Where the review file of a spec lives, and its content when it exists."""

    path: Path
    spec_path: Path
    record: ReviewRecord | None

    @property
    def approvals(self) -> list[Approval]:
        return list(self.record.approbations) if self.record else []


def review_path(spec_path: Path) -> Path:
    """``market_specs/x.yaml`` -> ``market_specs/x.revue.yaml``."""
    return spec_path.with_suffix(SUFFIX)

def read_review(spec_path: Path | str, now: dt.datetime | None = None) -> ReviewFile:
    """The review file of ``spec_path`` (empty when there is none yet); ReviewError if unusable.

    Unusable: unreadable, not this spec's, or its approval chain does not hold
    (an entry edited, deleted or dated in the future: ``now``, the clock by default).
    """
    spec_path = Path(spec_path)
    path = review_path(spec_path)
    if not path.exists():
        return ReviewFile(path, spec_path, None)
    record = _parse(path, _load(path))
    if record.specification != spec_path.name:
        raise ReviewError(
            f"{path} : ce fichier de revue appartient à la spécification « {shortened(record.specification)} », "
            f"pas à « {spec_path.name} ». Rendez-le à sa spécification ou déplacez-le ; l'outil ne le remplace pas."
        )
    problems = chain_problems(record.specification, record.approbations, record.empreinte_derniere, now or dt.datetime.now())
    if problems:
        raise ReviewError("\n".join([
            f"{path} : historique des validations altéré depuis son enregistrement :",
            *(f"  - {problem}" for problem in problems),
            "Les documents portent la mention PROJET. " + _restore_hint(),
        ]))
    return ReviewFile(path, spec_path, record)


def _load(path: Path) -> Any:
    try:
        return read_yaml(path, "specification, reference, approbations", "il est écrit par « clauses valider »").data
    except SpecError as exc:
        raise ReviewError(
            f"{path} : fichier de revue illisible ({'; '.join(exc.problems)}). {_restore_hint()}"
        ) from None


def _parse(path: Path, data: Any) -> ReviewRecord:
    try:
        return ReviewRecord.model_validate(data)
    except ValidationError as exc:
        fields = sorted({".".join(shortened(str(part), 40) for part in error["loc"]) or "racine" for error in exc.errors()})
        raise ReviewError(
            f"{path} : fichier de revue incohérent (champs en cause : {', '.join(fields)}). {_restore_hint()}"
        ) from None


def _restore_hint() -> str:
    return "Restaurez-le depuis une sauvegarde ou l'historique du dépôt ; l'outil ne le remplace jamais."
