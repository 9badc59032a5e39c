"""The review file kept beside a spec (``<spec>.revue.yaml``): the history of its approvals.

The file is human-readable YAML. It is only ever appended to, written atomically,
and never replaced when it cannot be read: a broken or foreign file is a ReviewError.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.errors import ReviewError
from generator.files import write_atomic

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

    @property
    def date(self) -> dt.date:
        """The day of the approval (templates print ``approbation.date|date_longue``)."""
        return self.horodatage.date()


class ReviewRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    specification: str
    reference: str
    approbations: list[Approval]


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


def read_review(spec_path: Path | str) -> ReviewFile:
    """The review file of ``spec_path`` (empty when there is none yet); ReviewError if unusable."""
    spec_path = Path(spec_path)
    path = review_path(spec_path)
    if not path.exists():
        return ReviewFile(path, spec_path, None)
    record = _parse(path, _load(path))
    if record.specification != spec_path.name:
        raise ReviewError(
            f"{path} : ce fichier de revue appartient à la spécification « {record.specification} », "
            f"pas à « {spec_path.name} ». Rendez-le à sa spécification ou déplacez-le ; l'outil ne le remplace pas."
        )
    return ReviewFile(path, spec_path, record)


def append_approval(review: ReviewFile, reference: str, approval: Approval) -> None:
    """Add ``approval`` at the end of the history and write the file atomically."""
    previous = review.approvals
    record = ReviewRecord(specification=review.spec_path.name, reference=reference, approbations=[*previous, approval])
    data = record.model_dump(mode="json", exclude_none=True)
    for entry in data["approbations"]:
        entry["horodatage"] = dt.datetime.fromisoformat(entry["horodatage"])
    text = HEADER.format(spec=review.spec_path.name) + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    write_atomic(review.path, text.encode("utf-8"))


def _load(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path} : fichier de revue illisible ({exc.__class__.__name__}).") from exc
    except yaml.YAMLError as exc:
        raise ReviewError(f"{path} : fichier de revue corrompu, ce n'est plus du YAML valide. {_restore_hint()}") from exc


def _parse(path: Path, data: Any) -> ReviewRecord:
    try:
        return ReviewRecord.model_validate(data)
    except ValidationError as exc:
        fields = sorted({".".join(str(part) for part in error["loc"]) or "racine" for error in exc.errors()})
        raise ReviewError(
            f"{path} : fichier de revue incohérent (champs en cause : {', '.join(fields)}). {_restore_hint()}"
        ) from None


def _restore_hint() -> str:
    return "Restaurez-le depuis une sauvegarde ou l'historique du dépôt ; l'outil ne le remplace jamais."
