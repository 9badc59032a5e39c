"""The hash chain that makes the approval history tamper-evident (not a signature).

Each approval carries ``empreinte_precedente`` (the link to what came before it)
and ``empreinte`` (SHA-256 of its own content, every field but ``empreinte``
itself, so that a field added to approvals later is covered too). The record
carries ``empreinte_derniere``, the last approval's ``empreinte``. Editing an
entry by hand, deleting or reordering one, or removing the last one without
updating the head breaks the chain. Anyone who knows this algorithm can rebuild
a consistent file: it detects accidents and clumsy edits, it does not prove who
approved.

Approvals written before the chain existed have neither field: they are read as
legacy entries, allowed only before the first chained one, which seals them
(its ``empreinte_precedente`` covers their content).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from generator.formatting import date_longue
from generator.spec.text import character_problem, shortened

FUTURE_MARGIN = dt.timedelta(days=7)  # clocks and time zones of the machines sharing a file may differ


# An entry is an ``approval.store.Approval``: a pydantic model with par, horodatage,
# commentaire, empreinte and empreinte_precedente (typed Any to avoid an import cycle).
ChainedEntry = Any


def digest(data: Any) -> str:
    """``sha256:…`` of a canonical JSON form of ``data`` (sorted keys, UTF-8)."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def content_digest(entry: ChainedEntry) -> str:
    """The ``empreinte`` an approval must carry: its every field except ``empreinte``."""
    return digest(entry.model_dump(mode="json", exclude={"empreinte"}, exclude_none=True))


def link(specification: str, before: Sequence[ChainedEntry]) -> str:
    """The ``empreinte_precedente`` of an approval written after ``before``.

    The last chained entry's ``empreinte``; before any chained entry, the digest
    of the spec's name and of the legacy entries (sealed by the first link).
    """
    previous: str | None = before[-1].empreinte if before else None
    if previous is not None:
        return previous
    legacy = [entry.model_dump(mode="json", exclude=set(), exclude_none=True) for entry in before]
    return digest({"specification": specification, "approbations": legacy})


def chain_problems(specification: str, entries: Sequence[ChainedEntry], head: str | None, now: dt.datetime) -> list[str]:
    """Why the history ``entries`` cannot be trusted (empty when the chain holds)."""
    problems: list[str] = []
    chained = False
    for index, entry in enumerate(entries):
        name = f"validation n° {index + 1} ({shortened(entry.par, 40)}, {_day(entry.horodatage)})"
        problems += _text_problems(name, entry)
        if _local(entry.horodatage) > now + FUTURE_MARGIN:
            problems.append(f"{name} : datée dans le futur")
        if entry.empreinte is None:
            if chained:
                problems.append(f"{name} : empreintes absentes après une validation scellée")
            continue
        chained = True
        if entry.empreinte_precedente != link(specification, entries[:index]):
            problems.append(f"{name} : chaîne rompue, une validation précédente a été supprimée, déplacée ou modifiée")
        if entry.empreinte != content_digest(entry):
            problems.append(f"{name} : modifiée à la main après son enregistrement")
    last = entries[-1].empreinte if entries else None
    if chained and head != last:
        problems.append("empreinte_derniere ne correspond pas à la dernière validation : une validation a été retirée ou ajoutée à la main")
    return problems


def _text_problems(name: str, entry: ChainedEntry) -> list[str]:
    found = []
    for field, text in (("par", entry.par), ("commentaire", entry.commentaire)):
        problem = character_problem(text or "")
        if problem:
            found.append(f"{name}, {field} : {problem}")
    return found


def _local(moment: dt.datetime) -> dt.datetime:
    """A naive local time, comparable with the clock (a hand-written time may carry an offset)."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment


def _day(moment: dt.datetime) -> str:
    try:
        return date_longue(moment.date())
    except (ValueError, OverflowError):
        return moment.date().isoformat()
