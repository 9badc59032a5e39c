"""A tiny expression language: one formula, written once, evaluated in Decimal and written in Excel and in French.

A formula is a tree of names, whole numbers, products, quotients and Σ over rows
(``SumRows``). ``evaluate`` computes it exactly, ``excel`` writes it for a workbook cell
(a Σ becomes SUMPRODUCT over ranges), ``french`` writes it for a document, either with
words or expanded with the figures of a worked example. The formulas themselves live
with what they compute (``resolve.criterion``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Var:
    """A named quantity; under a Σ, a name may stand for a value of each row."""

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



def evaluate(expr: Expr, values: Mapping[str, Decimal], rows: Sequence[Mapping[str, Decimal]] = ()) -> Decimal:
    """The exact value of ``expr`` in Decimal; ``rows`` give the values of each row under a Σ."""
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
    """``expr`` in words: ``10 × Σ (pondération × note) ÷ (5 × 100)``, or expanded over ``rows`` (a worked example)."""

    def sigma(total: SumRows) -> str:
        if rows is None:
            return f"Σ ({french(total.term, words)})"
        return f"({' + '.join(french(total.term, {**words, **row}) for row in rows)})"

    return _render(expr, _Syntax(" × ", " ÷ ", words.__getitem__, sigma))
