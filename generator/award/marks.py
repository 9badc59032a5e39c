"""The marks a committee gave, as read from a filled grid (.xlsx) or a marks file (.yaml).

Both readers produce the same ``MarkSheet``: raw values as typed, each with the
place it was typed in (``cellule C8``, ``ligne 12``), so that ``marks_check`` can
name it in a message. Nothing here judges a mark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import GridError
from generator.resolve.model import ResolvedLot, ResolvedSpec


@dataclass(frozen=True)
class Mark:
    """One sub-criterion's mark for one bidder, as typed (``value`` is None when blank)."""

    value: object
    justification: str
    where: str
    justification_where: str = ""  # where the justification is typed (its own cell), when not ``where``


@dataclass(frozen=True)
class BidderMarks:
    """A bidder's marks by sub-criterion key; ``where`` locates the bidder's name."""

    name: str
    marks: dict[str, Mark]
    where: str


@dataclass(frozen=True)
class LotMarks:
    lot: ResolvedLot
    label: str
    bidders: list[BidderMarks]


@dataclass(frozen=True)
class MarkSheet:
    """The marks of a file, and the problems its reader found (reported with the marks' own)."""

    source: Path
    reference: str
    lots: list[LotMarks]
    problems: list[str] = field(default_factory=list)


def marks_error(source: Path, problems: list[str]) -> GridError:
    """One error listing every problem, under a line that says no report was written."""
    header = f"{source} : notation impossible, aucun rapport n'a été écrit"
    return GridError("\n".join([header, *(f"  - {problem}" for problem in problems)]))


def check_reference(source: Path, found: object, resolved: ResolvedSpec) -> None:
    """Refuse marks that belong to another consultation."""
    expected = resolved.consultation.reference
    if str(found) != expected:
        raise marks_error(source, [
            f"ces notes concernent la consultation « {found} », pas « {expected} » ({resolved.source}) ; "
            "vérifiez que vous avez donné la bonne grille et la bonne spécification"
        ])
