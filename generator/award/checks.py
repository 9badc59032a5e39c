"""Checking the committee's marks: every mark present, on the scale, and justified.

A bidder with one problem is never scored: ``validate`` raises a GridError listing
every problem (lot, bidder, sub-criterion and cell), or returns only clean marks.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from generator.award.marks import BidderMarks, LotMarks, Mark, MarkSheet, marks_error
from generator.formatting import minuscule_initiale, nombre_exact
from generator.resolve.model import ResolvedLot
from generator.spec.text import character_problem, shown

UNJUSTIFIED = "note sans justification"


@dataclass(frozen=True)
class GradedBidder:
    """A bidder whose every mark is on the scale and justified: (mark, justification) by key."""

    name: str
    marks: dict[str, tuple[int, str]]


@dataclass(frozen=True)
class GradedLot:
    lot: ResolvedLot
    label: str
    bidders: list[GradedBidder]


def validate(sheet: MarkSheet) -> list[GradedLot]:
    """The checked marks of every lot; GridError when any mark is missing, off the scale or unjustified."""
    problems: list[str] = list(sheet.problems)
    graded = [_lot(lot, problems) for lot in sheet.lots]
    if not problems and not any(lot.bidders for lot in graded):
        problems.append("aucun candidat n'est noté : saisissez le nom et les notes d'au moins un candidat")
    if problems:
        raise marks_error(sheet.source, problems)
    return [lot for lot in graded if lot.bidders]


def _lot(lot: LotMarks, problems: list[str]) -> GradedLot:
    note_max = lot.lot.critere_note.note_max
    names = {sub.key: minuscule_initiale(sub.libelle) for sub in lot.lot.critere_note.sous_criteres}
    seen: dict[str, str] = {}
    bidders = []
    for bidder in lot.bidders:
        if not bidder.name:
            problems.append(f"{lot.label}, {bidder.where} : nom du candidat manquant alors que des notes sont saisies")
            continue
        identity = bidder_identity(bidder.name)
        if identity in seen:
            problems.append(f"{lot.label}, candidat « {shown(bidder.name)} » ({bidder.where}) : déjà noté ({seen[identity]})")
            continue
        seen[identity] = bidder.where
        found = _text_problems(bidder, lot.label, names) + _bidder_problems(bidder, lot.label, note_max, names)
        problems += found
        if not found:
            marks = {key: (as_mark(mark.value, note_max) or 0, mark.justification) for key, mark in bidder.marks.items()}
            bidders.append(GradedBidder(bidder.name, marks))
    return GradedLot(lot.lot, lot.label, bidders)


def bidder_identity(name: str) -> str:
    """What makes two bidder names the same bidder: case, accents' encoding and spacing aside."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _text_problems(bidder: BidderMarks, label: str, names: dict[str, str]) -> list[str]:
    """Names and justifications that cannot go into the report (a control character, a lone surrogate)."""
    found = []
    problem = character_problem(bidder.name)
    if problem:
        found.append(f"{label}, candidat « {shown(bidder.name)} » ({bidder.where}) : nom : {problem}")
    for key, mark in bidder.marks.items():
        problem = character_problem(mark.justification)
        if problem:
            where = mark.justification_where or mark.where
            found.append(f"{label}, candidat « {shown(bidder.name)} », {names.get(key, key)} ({where}) : justification : {problem}")
    return found


def _bidder_problems(bidder: BidderMarks, label: str, note_max: int, names: dict[str, str]) -> list[str]:
    """Each problem names the sub-criterion by its label and the cell (or line) to fill in."""
    found = []
    for key, mark in bidder.marks.items():
        problem = _mark_problem(mark, note_max)
        if problem:
            where = mark.justification_where if problem == UNJUSTIFIED and mark.justification_where else mark.where
            found.append(f"{label}, candidat « {shown(bidder.name)} », {names.get(key, key)} ({where}) : {problem}")
    return found


def _mark_problem(mark: Mark, note_max: int) -> str | None:
    if mark.value is None or (isinstance(mark.value, str) and not mark.value.strip()):
        return "note manquante"
    if as_mark(mark.value, note_max) is None:
        return f"note « {_shown(mark.value)} » hors barème (nombre entier de 0 à {note_max})"
    if not mark.justification:
        return UNJUSTIFIED
    return None


def as_mark(value: object, note_max: int) -> int | None:
    """The whole mark ``value`` stands for, or None when it is not a mark of the scale."""
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value() or not 0 <= number <= note_max:
        return None
    return int(number)


def _shown(value: object) -> str:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and Decimal(str(value)).adjusted() < 30:
        return nombre_exact(value)
    return shown(value)
