"""The criterion score, described once as a small expression tree.

    criterion mark                   = P × Σ (w × m) ÷ (M × 100)
    weighted mark of a sub-criterion = P × w × m ÷ (M × 100)

P: points of the criterion (its weight in the overall mark out of 100), w: weight of a
sub-criterion (%, the weights sum to 100), m: mark obtained (whole, 0 to M), M: highest
mark of the scale. The weighted marks are on the criterion's own scale, so they add up
to the criterion mark. From ``TOTAL`` and ``WEIGHTED`` come the Python computation
(``evaluate``), the workbook's Excel formulas (``excel``) and the French sentence and
worked example of the documents (``french``): what the RC announces is what is applied.
In Python the single division comes last, so nothing is rounded before summing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from generator.formatting import decimal_fixe, nombre
from generator.reference.law import join_fr
from generator.reference.models import FormulaWording


@dataclass(frozen=True)
class Var:
    """A named quantity: ``ponderation``, ``note_max`` (per criterion), ``poids``, ``note`` (per sub-criterion)."""

    name: str


@dataclass(frozen=True)
class Num:
    value: int


@dataclass(frozen=True)
class Mul:
    factors: tuple[Expr, ...]


@dataclass(frozen=True)
class Div:
    numerator: Expr
    denominator: Expr


@dataclass(frozen=True)
class SumRows:
    """Σ of ``term`` over the sub-criteria."""

    term: Expr


Expr = Var | Num | Mul | Div | SumRows

POINTS, TOP, WEIGHT, MARK = Var("ponderation"), Var("note_max"), Var("poids"), Var("note")
SCALE = Mul((TOP, Num(100)))
TOTAL: Expr = Div(Mul((POINTS, SumRows(Mul((WEIGHT, MARK))))), SCALE)
WEIGHTED: Expr = Div(Mul((POINTS, WEIGHT, MARK)), SCALE)


def evaluate(expr: Expr, values: Mapping[str, Decimal], rows: Sequence[Mapping[str, Decimal]] = ()) -> Decimal:
    """The exact value of ``expr``; ``rows`` give each sub-criterion's ``poids`` and ``note`` under Σ."""
    if isinstance(expr, Var):
        return values[expr.name]
    if isinstance(expr, Num):
        return Decimal(expr.value)
    if isinstance(expr, Mul):
        product = Decimal(1)
        for factor in expr.factors:
            product *= evaluate(factor, values, rows)
        return product
    if isinstance(expr, Div):
        return evaluate(expr.numerator, values, rows) / evaluate(expr.denominator, values, rows)
    return sum((evaluate(expr.term, {**values, **row}, rows) for row in rows), Decimal(0))


@dataclass(frozen=True)
class _Syntax:
    """How one rendering writes names, products, quotients and Σ."""

    times: str
    divided: str
    name: Callable[[str], str]
    sigma: Callable[[SumRows], str]


def _render(expr: Expr, syntax: _Syntax) -> str:
    if isinstance(expr, Var):
        return syntax.name(expr.name)
    if isinstance(expr, Num):
        return str(expr.value)
    if isinstance(expr, Mul):
        return syntax.times.join(_operand(factor, syntax) for factor in expr.factors)
    if isinstance(expr, Div):
        return f"{_operand(expr.numerator, syntax)}{syntax.divided}{_operand(expr.denominator, syntax, strict=True)}"
    return syntax.sigma(expr)


def _operand(expr: Expr, syntax: _Syntax, strict: bool = False) -> str:
    """``expr`` bracketed where the operator next to it would otherwise bind it wrongly."""
    text = _render(expr, syntax)
    return f"({text})" if isinstance(expr, Div) or (strict and isinstance(expr, Mul)) else text


def excel(expr: Expr, cells: Mapping[str, str], ranges: Mapping[str, str] | None = None) -> str:
    """The Excel formula of ``expr`` (without ``=``); ``ranges`` give the columns a Σ runs over (SUMPRODUCT)."""

    def sumproduct(sigma: SumRows) -> str:
        factors = sigma.term.factors if isinstance(sigma.term, Mul) else (sigma.term,)
        names = [factor.name for factor in factors if isinstance(factor, Var)]
        if ranges is None or len(names) != len(factors):
            raise ValueError("a Σ in Excel needs a range for each of its factors")
        return f"SUMPRODUCT({','.join(ranges[name] for name in names)})"

    return _render(expr, _Syntax("*", "/", cells.__getitem__, sumproduct))


def french(expr: Expr, words: Mapping[str, str], rows: Sequence[Mapping[str, str]] | None = None) -> str:
    """``expr`` in French: ``10 × Σ (pondération × note) ÷ (5 × 100)``, or expanded over ``rows`` (worked example)."""

    def sigma(total: SumRows) -> str:
        if rows is None:
            return f"Σ ({french(total.term, words)})"
        return f"({' + '.join(french(total.term, {**words, **row}) for row in rows)})"

    return _render(expr, _Syntax(" × ", " ÷ ", words.__getitem__, sigma))


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

