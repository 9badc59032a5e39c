"""The insertion award criterion of a scored lot and its score formula, written once.

    criterion mark                   = P × Σ (w × m) ÷ (M × 100)
    weighted mark of a sub-criterion = P × w × m ÷ (M × 100)

P: points of the criterion (its weight in the overall mark out of 100), w: weight of a
sub-criterion (%, the weights sum to 100), m: mark obtained (whole, 0 to M), M: highest
mark of the scale. The weighted marks are on the criterion's own scale, so they add up
to the criterion mark. ``TOTAL`` and ``WEIGHTED`` give the Python computation, the
workbook's Excel formulas and the French sentence and worked example of the RC, the
grids and the report: what the RC announces is what is applied. In Python the single
division comes last, so nothing is rounded before summing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from generator.formatting import decimal_fixe, nombre
from generator.reference import data as reference
from generator.reference.law import join_fr
from generator.reference.models import FormulaWording, SubCriterionRow
from generator.resolve.expression import Div, Expr, Mul, Num, SumRows, Var, evaluate, excel, french
from generator.spec.model import Critere

POINTS, TOP, WEIGHT, MARK = Var("ponderation"), Var("note_max"), Var("poids"), Var("note")
SCALE = Mul((TOP, Num(100)))
TOTAL: Expr = Div(Mul((POINTS, SumRows(Mul((WEIGHT, MARK))))), SCALE)
WEIGHTED: Expr = Div(Mul((POINTS, WEIGHT, MARK)), SCALE)


@dataclass(frozen=True)
class ScaleLevel:
    note: int
    descripteur: str


@dataclass(frozen=True)
class SubCriterion:
    """A sub-criterion with its weight and, under the default scale, what each mark looks like."""

    key: str
    libelle: str
    attendu: str
    poids: Decimal
    descripteurs: tuple[ScaleLevel, ...] = ()


@dataclass(frozen=True)
class Criterion:
    """The insertion award criterion of a scored lot."""

    intitule: str
    note_candidat: str
    ponderation: Decimal
    sous_criteres: list[SubCriterion]
    bareme: list[ScaleLevel]
    pages_max: int | None = None  # page limit of the bidder's piece, stated by the RC
    article_indefini: str = "une"  # of note_candidat: « une note », « un mémoire »
    article_defini: str = "la"

    @property
    def note_max(self) -> int:
        return self.bareme[-1].note

    @property
    def sur(self) -> str:
        """``sur 10 points``: the criterion's own scale."""
        return points_label(self.ponderation)

    @property
    def intitule_note(self) -> str:
        """``Note du critère (sur 10 points)``: the label of the criterion mark everywhere."""
        return heading(_wording(), self.ponderation)

    @property
    def formule(self) -> str:
        """The score formula as one French sentence (RC, grids, workbook, report)."""
        return _sentence(str(self.ponderation), self.note_max)

    @property
    def exemple(self) -> str:
        """The formula worked through with this criterion's weights and sample marks."""
        return _example(str(self.ponderation), self.note_max, tuple(str(sub.poids) for sub in self.sous_criteres))

    def note_ponderee(self, poids: Decimal, note: int) -> Decimal:
        """A sub-criterion's share of the criterion mark, on the criterion's scale."""
        return weighted_mark(self.ponderation, self.note_max, poids, note)

    def note_critere(self, notes: dict[str, int]) -> Decimal:
        """The criterion mark of one bidder's marks by sub-criterion key, exact."""
        return criterion_mark(self.ponderation, self.note_max, [(sub.poids, notes[sub.key]) for sub in self.sous_criteres])


def _wording() -> FormulaWording:
    return reference.criterion().formule


# A portfolio states the same few weightings in every dossier's RC, grids and workbook: each
# sentence is written once per run. Keyed by the numbers' text, which gives back the very Decimal.
@lru_cache(maxsize=1024)
def _sentence(ponderation: str, note_max: int) -> str:
    return sentence(_wording(), Decimal(ponderation), note_max)


@lru_cache(maxsize=1024)
def _example(ponderation: str, note_max: int, weights: tuple[str, ...]) -> str:
    return example(_wording(), Decimal(ponderation), note_max, [Decimal(weight) for weight in weights])


def criterion_of(critere: Critere, mechanism: str) -> Criterion:
    """The criterion of a scored lot: the spec's weights (equal ones when it gives none) and scale (the default one).

    Its title and the bidder's piece come from the mechanism's record (mecanismes.yaml),
    its sub-criteria from criteres.yaml.
    """
    record = reference.mechanism(mechanism)
    if record.intitule_critere is None or record.piece is None:
        raise ValueError(f"mechanism {mechanism} has no criterion")
    known = reference.sub_criteria(mechanism)
    weights = critere.sous_criteres or _equal_weights(list(known))
    scale = critere.bareme or reference.default_scale()
    return Criterion(
        intitule=record.intitule_critere,
        note_candidat=record.piece.nom,
        ponderation=critere.ponderation,
        sous_criteres=[_sub_criterion(mechanism, key, known[key], weight, critere.bareme is None) for key, weight in weights.items()],
        bareme=[ScaleLevel(note, scale[note]) for note in sorted(scale)],
        pages_max=critere.pages_max,
        article_indefini=record.piece.indefini,
        article_defini=record.piece.defini,
    )


def _sub_criterion(mechanism: str, key: str, known: SubCriterionRow, weight: Decimal, default_scale: bool) -> SubCriterion:
    """A sub-criterion; its per-level descriptors only apply to the default scale they were written for."""
    levels = reference.level_descriptors(mechanism, key) if default_scale else {}
    return SubCriterion(key, known.libelle, known.attendu, weight, tuple(ScaleLevel(note, text) for note, text in sorted(levels.items())))


def _equal_weights(keys: list[str]) -> dict[str, Decimal]:
    """Equal weights summing to exactly 100 (the last one takes the remainder)."""
    share = (Decimal(100) / len(keys)).quantize(Decimal("0.01"))
    weights = {key: share for key in keys}
    weights[keys[-1]] = Decimal(100) - share * (len(keys) - 1)
    return weights


def criterion_mark(ponderation: Decimal, note_max: int, weighted_marks: Sequence[tuple[Decimal, int]]) -> Decimal:
    """The criterion mark of (weight, mark) pairs: ``TOTAL`` evaluated exactly."""
    rows = [{"poids": weight, "note": Decimal(mark)} for weight, mark in weighted_marks]
    return evaluate(TOTAL, {"ponderation": ponderation, "note_max": Decimal(note_max)}, rows)


def weighted_mark(ponderation: Decimal, note_max: int, weight: Decimal, mark: int) -> Decimal:
    """One sub-criterion's share of the criterion mark: ``WEIGHTED`` evaluated exactly."""
    values = {"ponderation": ponderation, "note_max": Decimal(note_max), "poids": weight, "note": Decimal(mark)}
    return evaluate(WEIGHTED, values)


def points_label(ponderation: Decimal) -> str:
    """``sur 10 points``, ``sur 1 point``, ``sur 12,5 points``."""
    return f"sur {nombre(ponderation, 2)} point{'s' if ponderation >= 2 else ''}"


def heading(wording: FormulaWording, ponderation: Decimal) -> str:
    """The label of the criterion mark: ``Note du critère (sur 10 points)``."""
    return wording.intitule.format(sur=points_label(ponderation))


def sentence(wording: FormulaWording, ponderation: Decimal, note_max: int) -> str:
    """``Note du critère (sur 10 points) = 10 × Σ (pondération du sous-critère × note obtenue) ÷ (5 × 100), …``."""
    words = {"ponderation": nombre(ponderation, 2), "note_max": str(note_max), "poids": wording.poids, "note": wording.note}
    return wording.phrase.format(intitule=heading(wording, ponderation), formule=french(TOTAL, words))


def example_marks(note_max: int, count: int) -> list[int]:
    """Marks of the worked example: one below the top, then one less each time, wrapping at 0."""
    return [(note_max - 1 - index) % (note_max + 1) for index in range(count)]


def example(wording: FormulaWording, ponderation: Decimal, note_max: int, weights: Sequence[Decimal]) -> str:
    """The worked example: the formula expanded with the criterion's weights and sample marks, and its result."""
    marks = example_marks(note_max, len(weights))
    words = {"ponderation": nombre(ponderation, 2), "note_max": str(note_max)}
    rows = [{"poids": nombre(weight, 2), "note": str(mark)} for weight, mark in zip(weights, marks, strict=True)]
    result = criterion_mark(ponderation, note_max, list(zip(weights, marks, strict=True)))
    return wording.exemple.format(
        notes=join_fr([str(mark) for mark in marks]), note_max=note_max, calcul=french(TOTAL, words, rows),
        resultat=decimal_fixe(result, 2), sur=points_label(ponderation),
    )


def excel_total(cells: Mapping[str, str], weights: str, marks: str) -> str:
    """The criterion mark in Excel: ``cells`` hold ``ponderation`` and ``note_max``, the ranges the weights and marks."""
    return excel(TOTAL, cells, {"poids": weights, "note": marks})


def excel_weighted(cells: Mapping[str, str], weight: str, mark: str) -> str:
    """One weighted mark in Excel, from the cells of the criterion, the sub-criterion's weight and the mark."""
    return excel(WEIGHTED, {**cells, "poids": weight, "note": mark})
