"""The review file kept beside a spec (``<spec>.revue.yaml``): the history of its approvals.

The file is human-readable YAML. It is only ever appended to, under a lock (two
``valider`` at once are both kept), written atomically, and never replaced when it
cannot be read: a broken, foreign or tampered file (see ``chain``) is a ReviewError.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from filelock import FileLock, Timeout
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.approval.chain import chain_problems, content_digest, link
from generator.errors import ReviewError, SpecError
from generator.files import write_atomic
from generator.spec.text import shortened
from generator.spec.yaml_source import read_yaml

SUFFIX = ".revue.yaml"
LOCK_TIMEOUT = 60  # seconds a ``valider`` waits for another one on the same spec
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


@contextmanager
def review_lock(spec_path: Path) -> Iterator[None]:
    """Hold the lock of a spec's review file: one read-append-replace at a time, across processes."""
    path = review_path(spec_path)
    lock = FileLock(path.with_name(f".{path.name}.lock"), timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise ReviewError(
            f"{path} : une autre validation de cette spécification est en cours depuis plus de {LOCK_TIMEOUT} secondes ; "
            "réessayez dans un instant. Rien n'a été enregistré."
        ) from None
    try:
        yield
    finally:
        lock.release()


def chained(review: ReviewFile, approval: Approval) -> Approval:
    """``approval`` with its links: to the history before it, and to its own content."""
    linked = approval.model_copy(update={"empreinte_precedente": link(review.spec_path.name, review.approvals), "empreinte": None})
    return linked.model_copy(update={"empreinte": content_digest(linked)})


def append_approval(review: ReviewFile, reference: str, approval: Approval) -> None:
    """Add ``approval``, chained, at the end of the history and write the file atomically.

    The caller holds ``review_lock`` and read ``review`` under it.
    """
    entry = chained(review, approval)
    record = ReviewRecord(
        specification=review.spec_path.name, reference=reference, approbations=[*review.approvals, entry],
        empreinte_derniere=entry.empreinte,
    )
    data = record.model_dump(mode="json", exclude_none=True)
    for item in data["approbations"]:
        item["horodatage"] = dt.datetime.fromisoformat(item["horodatage"])
    text = HEADER.format(spec=review.spec_path.name) + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    write_atomic(review.path, text.encode("utf-8"))


class _Dumper(yaml.SafeDumper):
    """Safe dumper writing multi-line texts (the approved spec) as readable ``|`` blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


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
