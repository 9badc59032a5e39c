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

from pydantic import BaseModel, ConfigDict, ValidationError

from generator.award.marks import BidderMarks, LotMarks, Mark, MarkSheet, check_reference, marks_error
from generator.errors import SpecError
from generator.resolve.model import ResolvedLot, ResolvedSpec
from generator.spec.messages import data_location, french_message
from generator.spec.yaml_source import PathKey, YamlDocument, describe, read_yaml


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
    reference: str
    lots: list[LotEntry]


def read_marks_yaml(path: Path, resolved: ResolvedSpec) -> MarkSheet:
    """The marks of a YAML file; GridError naming the line of each problem."""
    document = _document(path)
    try:
        content = MarksFile.model_validate(document.data)
    except ValidationError as exc:
        raise marks_error(path, _validation_problems(exc, document)) from None
    check_reference(path, content.reference, resolved)
    problems: list[str] = []
    lots = _lots(content, document, resolved, problems)
    if problems:
        raise marks_error(path, problems)
    return MarkSheet(path, content.reference, lots)


def _document(path: Path) -> YamlDocument:
    try:
        return read_yaml(path)
    except SpecError as exc:
        raise marks_error(path, exc.problems) from None


def _validation_problems(exc: ValidationError, document: YamlDocument) -> list[str]:
    problems = []
    for error in exc.errors(include_url=False):
        location = data_location(error["loc"], document.data)
        problems.append(describe(document, location, french_message(error, document, location, MarksFile)))
    return problems


def _lots(content: MarksFile, document: YamlDocument, resolved: ResolvedSpec, problems: list[str]) -> list[LotMarks]:
    scored = {lot.numero: lot for lot in resolved.lots_notes}
    found: dict[int | None, LotMarks] = {}
    for index, entry in enumerate(content.lots):
        at: PathKey = ("lots", index)
        lot = scored.get(entry.numero)
        if lot is None:
            problems.append(describe(document, at, _unknown_lot(entry.numero, resolved)))
        elif entry.numero in found:
            problems.append(describe(document, at, f"{lot.designation} déjà noté plus haut dans le fichier"))
        else:
            found[entry.numero] = _lot(entry, lot, lot.designation, document, at, problems)
    return [found[lot.numero] for lot in resolved.lots_notes if lot.numero in found]


def _unknown_lot(numero: int | None, resolved: ResolvedSpec) -> str:
    if not resolved.allotie:
        return "le marché n'est pas alloti : retirez numero"
    known = ", ".join(str(lot.numero) for lot in resolved.lots_notes)
    return f"le lot {numero if numero is not None else '(sans numéro)'} n'est pas noté sur l'insertion ; lots notés : {known}"


def _lot(entry: LotEntry, lot: ResolvedLot, label: str, document: YamlDocument, at: PathKey, problems: list[str]) -> LotMarks:
    keys = [sub.key for sub in lot.critere_note.sous_criteres]
    bidders = []
    for index, bidder in enumerate(entry.candidats):
        where: PathKey = (*at, "candidats", index)
        for key in bidder.notes:
            if key not in keys:
                problems.append(f"{label}, candidat « {bidder.nom} », {key} ({_line(document, (*where, 'notes', key))}) : "
                                f"sous-critère inconnu ; sous-critères du lot : {', '.join(keys)}")
        marks = {key: _mark(bidder.notes.get(key), document, (*where, "notes", key)) for key in keys}
        bidders.append(BidderMarks(bidder.nom.strip(), marks, _line(document, where)))
    return LotMarks(lot, label, bidders)


def _mark(entry: MarkEntry | None, document: YamlDocument, at: PathKey) -> Mark:
    if entry is None:
        return Mark(None, "", _line(document, at))
    return Mark(entry.note, (entry.justification or "").strip(), _line(document, at))


def _line(document: YamlDocument, at: PathKey) -> str:
    return f"ligne {document.line_of(at)}"
