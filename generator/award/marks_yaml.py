"""Reading marks typed in a YAML file instead of the spreadsheet grid.

    reference: 2026-NM-GS-014
    lots:
      - numero: 2                 # omitted for a non-allotted market
        candidats:
          - nom: Sarl Dupont
            notes:
              tutorat:
                note: 4
                justification: Tuteur désigné et formé, deux heures par semaine.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from generator.award.marks import BidderMarks, LotMarks, Mark, MarkSheet, check_reference, marks_error
from generator.errors import SpecError
from generator.resolve.model import ResolvedLot, ResolvedSpec
from generator.spec.messages import data_location, french_message
from generator.spec.text import shown
from generator.spec.yaml_source import PathKey, YamlDocument, describe, read_yaml

Model = TypeVar("Model", bound=BaseModel)


class _Block(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MarkEntry(_Block):
    note: Decimal | None = None
    justification: str | None = None


class BidderEntry(_Block):
    nom: str
    notes: dict[str, MarkEntry] = {}


class LotEntry(_Block):
    numero: int | None = None
    candidats: list[BidderEntry] = []


class MarksFile(_Block):
    """The whole file's schema (for the messages); it is validated piece by piece."""

    reference: str
    lots: list[LotEntry]


class _Header(_Block):
    reference: str
    lots: list[Any]


class _LotHeader(_Block):
    numero: int | None = None
    candidats: list[Any] = []


def read_marks_yaml(path: Path, resolved: ResolvedSpec) -> MarkSheet:
    """The marks of a YAML file, with the structural problems found on the way.

    Each lot and each bidder is validated on its own, so that a structural problem
    (unknown key, unknown lot) and the mark problems of the other entries are all
    reported in one pass (``checks.validate`` adds the latter).
    """
    document = _document(path)
    # Names and justifications are checked with the marks (checks.validate), for both kinds of file.
    problems = [describe(document, location, message) for location, message in document.text_problems()
                if location[-1:] not in (("nom",), ("justification",))]
    header = _validated(_Header, document.data, (), document, problems)
    if header is None:
        raise marks_error(path, problems)
    check_reference(path, header.reference, resolved)
    lots = _lots(header.lots, document, resolved, problems)
    return MarkSheet(path, header.reference, lots, problems)


def _document(path: Path) -> YamlDocument:
    try:
        return read_yaml(path, "reference, lots", "indiquez la référence de la consultation et les notes de chaque lot")
    except SpecError as exc:
        raise marks_error(path, exc.problems) from None


def _validated(model: type[Model], data: Any, at: PathKey, document: YamlDocument, problems: list[str]) -> Model | None:
    """``data`` (found at ``at``) validated as ``model``, or None with its problems added."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            location = data_location((*at, *error["loc"]), document.data)
            problems.append(describe(document, location, french_message(error, document, location, MarksFile)))
        return None


def _lots(entries: list[Any], document: YamlDocument, resolved: ResolvedSpec, problems: list[str]) -> list[LotMarks]:
    scored = {lot.numero: lot for lot in resolved.lots_notes}
    found: dict[int | None, LotMarks] = {}
    for index, data in enumerate(entries):
        at: PathKey = ("lots", index)
        entry = _validated(_LotHeader, data, at, document, problems)
        if entry is None:
            continue
        lot = scored.get(entry.numero)
        if lot is None:
            problems.append(describe(document, at, _unknown_lot(entry.numero, resolved)))
        elif entry.numero in found:
            problems.append(describe(document, at, f"{lot.designation} déjà noté plus haut dans le fichier"))
        else:
            found[entry.numero] = _lot(entry, lot, document, at, problems)
    return [found[lot.numero] for lot in resolved.lots_notes if lot.numero in found]


def _unknown_lot(numero: int | None, resolved: ResolvedSpec) -> str:
    if not resolved.allotie:
        return "le marché n'est pas alloti : retirez numero"
    known = ", ".join(str(lot.numero) for lot in resolved.lots_notes)
    return f"le lot {shown(numero) if numero is not None else '(sans numéro)'} n'est pas noté sur l'insertion ; lots notés : {known}"


def _lot(entry: _LotHeader, lot: ResolvedLot, document: YamlDocument, at: PathKey, problems: list[str]) -> LotMarks:
    label = lot.designation
    keys = [sub.key for sub in lot.critere_note.sous_criteres]
    bidders = []
    for index, data in enumerate(entry.candidats):
        where: PathKey = (*at, "candidats", index)
        bidder = _validated(BidderEntry, data, where, document, problems)
        if bidder is None:
            continue
        for key in bidder.notes:
            if key not in keys:
                problems.append(f"{label}, candidat « {shown(bidder.nom)} », {shown(key)} ({_line(document, (*where, 'notes', key))}) : "
                                f"sous-critère inconnu ; sous-critères du lot : {', '.join(keys)}")
        marks = {key: _mark(bidder.notes.get(key), document, (*where, "notes", key)) for key in keys}
        # The entry's rank tells apart two bidders written on one line or through an alias.
        bidders.append(BidderMarks(bidder.nom.strip(), marks, f"{_line(document, where)}, candidat n° {index + 1}"))
    return LotMarks(lot, label, bidders)


def _mark(entry: MarkEntry | None, document: YamlDocument, at: PathKey) -> Mark:
    if entry is None:
        return Mark(None, "", _line(document, at))
    return Mark(entry.note, (entry.justification or "").strip(), _line(document, at), _line(document, (*at, "justification")))


def _line(document: YamlDocument, at: PathKey) -> str:
    return f"ligne {document.line_of(at)}"
