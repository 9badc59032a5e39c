"""Reading the spreadsheet grid the committee filled, and checking its structure.

The hidden identity sheet says which consultation, lots and sub-criteria the grid
was made for; each lot's sheet must still have its rows and columns where
``grid_layout`` put them. A changed structure is refused: a mark read from a
shifted row would be a mark given to the wrong sub-criterion.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.award.layout import SUBHEADER_ROW, LotLayout, grid_data
from generator.award.marks import BidderMarks, LotMarks, Mark, MarkSheet, check_reference, marks_error
from generator.files import zip_bomb_problem
from generator.formatting import liste_ou_aucun, points
from generator.resolve.criterion import Criterion, points_label
from generator.resolve.model import ResolvedLot, ResolvedSpec

NOT_A_GRID = "ce classeur n'est pas une grille produite par « clauses grille » (feuille d'identification absente)"
OTHER_VERSION = "feuille d'identification de la grille modifiée ou d'une autre version ; produisez une nouvelle grille"
REWEIGHED = ("le classement calculé avec les pondérations actuelles contredirait la grille du comité : rétablissez dans "
             "la spécification les pondérations de la grille, ou produisez une nouvelle grille avec « clauses grille » "
             "et faites-la remplir de nouveau")
OLDER_VERSION = ("grille produite par une version antérieure de l'outil, qui n'enregistrait pas les pondérations sous "
                 "lesquelles elle est remplie : produisez une nouvelle grille avec « clauses grille » et reportez-y les notes")
MOVED = "une ligne ou une colonne a été supprimée, déplacée ou renommée : reprenez les notes dans une grille intacte"


@dataclass(frozen=True)
class _MadeFor:
    """What one lot's sheet was made for, as the identity sheet records it."""

    bidders: int
    keys: list[str]
    ponderation: Decimal | None = None
    weights: tuple[Decimal, ...] = ()
    note_max: int | None = None


@dataclass(frozen=True)
class _Identity:
    reference: object
    version: object
    lots: dict[str, _MadeFor]  # by sheet title
    names: list[str] | None = None  # the bidder names the tool wrote (None: grid older than this record)


def read_grid(path: Path, resolved: ResolvedSpec) -> MarkSheet:
    """The marks of a filled grid; GridError when it is not this spec's grid or was reshaped."""
    workbook = _open(path)
    identity = _identity(workbook, path)
    check_reference(path, identity.reference, resolved)
    problems: list[str] = []
    lots = [_lot(workbook, identity, lot, resolved.allotie, problems) for lot in resolved.lots_notes]
    if problems:
        raise marks_error(path, problems)
    return MarkSheet(path, str(identity.reference), [lot for lot in lots if lot is not None])


def has_entries(path: Path, written_names_count: bool = True) -> bool:
    """True when a grid file at ``path`` holds anything a user typed (or cannot be read as a blank grid).

    Typed: a value in any input cell (bidder name, mark, justification), a comment,
    a sheet added or unprotected (the user could then type anywhere). Names that
    ``clauses grille --candidats`` wrote count too, unless ``written_names_count``
    is False (a new ``clauses grille`` names its bidders again).
    """
    if not path.exists():
        return False
    try:
        workbook = _open(path)
        identity = _identity(workbook, path, any_version=True)  # a blank grid of an older version may be replaced
    except Exception:  # anything unreadable counts as work not to overwrite
        return True
    if set(workbook.sheetnames) != {*identity.lots, grid_data().feuille_identite}:
        return True
    names = None if written_names_count else identity.names
    return any(_typed(workbook[title], LotLayout(len(made_for.keys), made_for.bidders), names) for title, made_for in identity.lots.items())


def _typed(sheet: Worksheet, layout: LotLayout, names: list[str] | None) -> bool:
    """True when a user typed in ``sheet``: an input cell filled (a name other than the one we wrote), a comment."""
    if not sheet.protection.sheet:
        return True
    written = {layout.name(index): name for index, name in enumerate(names or [])}
    for row in sheet.iter_rows():
        for cell in row:
            if getattr(cell, "comment", None) is not None:
                return True
            typed = cell.value not in (None, "") and not cell.protection.locked
            if typed and (names is None or _text(cell.value) != written.get(cell.coordinate, "")):
                return True
    return False


def _open(path: Path) -> Workbook:
    problem = zip_bomb_problem(path) if path.exists() else None
    if problem:
        raise marks_error(path, [problem])
    try:
        return load_workbook(path, data_only=False)
    except FileNotFoundError as exc:
        raise marks_error(path, ["fichier introuvable"]) from exc
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise marks_error(path, ["classeur illisible : enregistrez la grille au format Excel (.xlsx)"]) from exc


def _identity(workbook: Workbook, path: Path, any_version: bool = False) -> _Identity:
    """What the hidden sheet records; a grid of another format version is refused unless ``any_version``."""
    data = grid_data()
    name = data.feuille_identite
    if name not in workbook.sheetnames:
        raise marks_error(path, [NOT_A_GRID])
    rows = [list(row) for row in workbook[name].iter_rows(values_only=True)]
    fields = {row[0]: row for row in rows if row and row[0] in ("reference", "version")}
    version = fields.get("version", [None, None])[1]
    if "reference" not in fields or (version != data.version and not any_version):
        older = isinstance(version, int) and not isinstance(version, bool) and version < data.version
        raise marks_error(path, [OLDER_VERSION if "reference" in fields and older else OTHER_VERSION])
    lots = {str(row[1]): _MadeFor(int(row[3]), [str(key) for key in row[4:] if key]) for row in rows if row and row[0] == "lot"}
    for row in rows:
        if row and row[0] in ("ponderations", "bareme") and str(row[1]) in lots:
            lots[str(row[1])] = _recorded(lots[str(row[1])], row)
    names = next(([_text(name) for name in row[1:]] for row in rows if row and row[0] == "candidats"), None)
    return _Identity(fields["reference"][1], fields["version"][1], lots, names)


def _recorded(made_for: _MadeFor, row: list[Any]) -> _MadeFor:
    """``made_for`` with the weights or the scale of an identity row."""
    if row[0] == "bareme":
        return replace(made_for, note_max=int(row[2]))
    numbers = [Decimal(str(value)) for value in row[2:] if value is not None]
    return replace(made_for, ponderation=numbers[0], weights=tuple(numbers[1:]))


def _lot(workbook: Workbook, identity: _Identity, lot: ResolvedLot, allotie: bool, problems: list[str]) -> LotMarks | None:
    label = lot.designation
    criterion = lot.critere_note
    keys = [sub.key for sub in criterion.sous_criteres]
    made_for = identity.lots.get(label)
    if made_for is None or made_for.keys != keys:
        was = liste_ou_aucun(made_for.keys if made_for else [])
        problems.append(f"{label} : la grille a été produite pour d'autres sous-critères ({was}) que ceux de la spécification "
                        f"({', '.join(keys)}) ; produisez une nouvelle grille avec « clauses grille »")
        return None
    changes = _weight_changes(made_for, criterion)
    if changes:
        problems.append(f"{label} : la grille a été remplie sous d'autres pondérations ou un autre barème que ceux de la "
                        f"spécification ({' ; '.join(changes)}) ; {REWEIGHED}")
        return None
    if label not in workbook.sheetnames:
        problems.append(f"{label} : la feuille « {label} » a disparu du classeur ; la structure de la grille a été modifiée")
        return None
    sheet, layout = workbook[label], LotLayout(len(keys), made_for.bidders)
    found = _structure_problems(sheet, layout, criterion, label)
    problems += found
    if found:
        return None
    bidders = [_bidder(sheet, layout, index, keys) for index in range(layout.bidders)]
    return LotMarks(lot, label, [bidder for bidder in bidders if bidder is not None])


def _weight_changes(made_for: _MadeFor, criterion: Criterion) -> list[str]:
    """What differs between the weights and scale the grid was filled under and the spec's, in French."""
    changes = []
    if made_for.ponderation != criterion.ponderation:
        was = points_label(made_for.ponderation) if made_for.ponderation is not None else "non enregistré"
        changes.append(f"critère : {was} dans la grille, {criterion.sur} dans la spécification")
    for index, sub in enumerate(criterion.sous_criteres):
        weight = made_for.weights[index] if index < len(made_for.weights) else None
        if weight != sub.poids:
            was = points(weight) if weight is not None else "non enregistrée"
            changes.append(f"sous-critère « {sub.libelle} » : {was} dans la grille, {points(sub.poids)} dans la spécification")
    if made_for.note_max != criterion.note_max:
        was = f"de 0 à {made_for.note_max}" if made_for.note_max is not None else "non enregistré"
        changes.append(f"barème : {was} dans la grille, de 0 à {criterion.note_max} dans la spécification")
    return changes


def _structure_problems(sheet: Worksheet, layout: LotLayout, criterion: Criterion, label: str) -> list[str]:
    """The first cell that is not where the grid put it (a row or column moved, deleted, renamed)."""
    labels = grid_data().libelles
    expected: list[tuple[str, Any]] = [(f"A{layout.row(i)}", sub.libelle) for i, sub in enumerate(criterion.sous_criteres)]
    expected.append((f"A{layout.total_row}", criterion.intitule_note))
    mark_header = labels.note.format(max=criterion.note_max)
    expected += [(f"{layout.column(b)}{SUBHEADER_ROW}", mark_header) for b in range(layout.bidders)]
    for cell, value in expected:
        if sheet[cell].value != value:
            return [f"{label}, cellule {cell} : « {value} » attendu, « {sheet[cell].value or ''} » trouvé ; {MOVED}"]
    return []


def _bidder(sheet: Worksheet, layout: LotLayout, bidder: int, keys: list[str]) -> BidderMarks | None:
    """A bidder column, or None when it is entirely blank (a column nobody used)."""
    marks = {}
    for index, key in enumerate(keys):
        cell = layout.mark(bidder, index)
        justification = layout.justification(bidder, index)
        marks[key] = Mark(sheet[cell].value, _text(sheet[justification].value), f"cellule {cell}", f"cellule {justification}")
    name = _text(sheet[layout.name(bidder)].value)
    if not name and all(mark.value in (None, "") and not mark.justification for mark in marks.values()):
        return None
    return BidderMarks(name, marks, f"colonne {layout.column(bidder)}, cellule {layout.name(bidder)}")


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
