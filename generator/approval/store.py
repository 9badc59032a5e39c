"""Writing the review file kept beside a spec (``<spec>.revue.yaml``): appending an approval.

The file is only ever appended to, under a lock (two ``valider`` at once are both
kept), written atomically, and never replaced when it cannot be read (``review_file``
reads it and says why). Only ``valider`` comes here: the lock's library is not loaded
by the commands that merely read the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from filelock import FileLock, Timeout

from generator.approval.chain import content_digest, link
from generator.approval.review_file import HEADER, Approval, ReviewFile, ReviewRecord, read_review, review_path
from generator.approval.status import spec_fingerprint, spec_text, templates_fingerprint
from generator.errors import ReviewError
from generator.files import write_atomic
from generator.templates import TemplateSet

__all__ = ["Approval", "append_approval", "read_review", "record_approval", "review_lock", "review_path"]

LOCK_TIMEOUT = 60  # seconds a ``valider`` waits for another one on the same spec


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


def record_approval(
    spec_path: Path | str, reference: str, templates: TemplateSet | Path, par: str, commentaire: str | None, now: dt.datetime
) -> Approval:
    """Append an approval of the spec as it is now; the caller has checked it has no error."""
    spec_path = Path(spec_path)
    with review_lock(spec_path):  # another valider may append between our read and our write
        review = read_review(spec_path)
        approval = Approval(
            par=par.strip(),
            horodatage=now.replace(microsecond=0),
            commentaire=commentaire or None,
            empreinte_specification=spec_fingerprint(spec_path),
            empreinte_modeles=templates_fingerprint(templates),
            contenu_specification=spec_text(spec_path),
        )
        append_approval(review, reference, approval)
    return approval
