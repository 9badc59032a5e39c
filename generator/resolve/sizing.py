"""Insertion hours and full-time equivalents of a lot, with the trace of the computation.

    hours = estimated amount × labour share × insertion rate ÷ hourly labour cost
    ETP   = hours ÷ hours per full-time year

Source: shared/reference/hours.md. Computed in Decimal, rounded once at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator.reference.data import Trade


@dataclass(frozen=True)
class Inputs:
    """What the formula needs for one lot; ``part_main_oeuvre`` may be unknown."""

    montant: Decimal
    part_main_oeuvre: Decimal | None
    taux_insertion: Decimal
    cout_horaire: Decimal
    arrondi: int
    heures_par_etp: Decimal
    metier: Trade | None = None
    heures_explicites: Decimal | None = None


@dataclass(frozen=True)
class Sizing:
    """The hours a lot must perform and how they were obtained.

    ``origine`` is ``formule`` (computed), ``explicite`` (hours given by the spec,
    the formula still shown for comparison) or ``marche_insertion`` (hours bought).
    """

    inputs: Inputs
    origine: str
    heures: Decimal
    heures_brutes: Decimal | None  # the formula before rounding
    heures_formule: Decimal | None  # the formula after rounding

    @property
    def etp(self) -> Decimal:
        """Full-time equivalents, unrounded (formatting rounds for display)."""
        return self.heures / self.inputs.heures_par_etp

    @property
    def ecart_formule(self) -> Decimal | None:
        """Relative gap between explicit hours and the formula (0.5 = 50 %)."""
        if self.origine != "explicite" or not self.heures_formule:
            return None
        return abs(self.heures - self.heures_formule) / self.heures_formule


def round_to_step(value: Decimal, step: int) -> Decimal:
    """Round to the nearest multiple of ``step``, halves up (833,5 -> 834)."""
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def labour_hours(inputs: Inputs) -> Decimal | None:
    """All the labour hours of the lot (amount × labour share ÷ hourly cost), or None without a labour share."""
    if inputs.part_main_oeuvre is None:
        return None
    return inputs.montant * inputs.part_main_oeuvre / inputs.cout_horaire


def formula_hours(inputs: Inputs) -> Decimal | None:
    """The formula's unrounded hours (the insertion share of the labour hours), or None without a labour share."""
    if inputs.part_main_oeuvre is None:
        return None
    return inputs.montant * inputs.part_main_oeuvre * inputs.taux_insertion / inputs.cout_horaire


def size_lot(inputs: Inputs) -> Sizing:
    """Hours of a lot with a clause: the explicit figure, else the formula."""
    raw = formula_hours(inputs)
    rounded = round_to_step(raw, inputs.arrondi) if raw is not None else None
    if inputs.heures_explicites is not None:
        return Sizing(inputs, "explicite", inputs.heures_explicites, raw, rounded)
    if rounded is None:
        raise ValueError("a lot sized by the formula needs a labour share")
    return Sizing(inputs, "formule", rounded, raw, rounded)


def bought_hours(inputs: Inputs, heures: Decimal) -> Sizing:
    """Hours of an insertion market: the hours the contract buys."""
    return Sizing(inputs, "marche_insertion", heures, None, None)


def etp(hours: Decimal, heures_par_etp: Decimal) -> Decimal:
    """Full-time equivalents of a number of hours, unrounded."""
    return hours / heures_par_etp


def full_time_hours(heures_par_etp: Decimal, months: int) -> Decimal:
    """The hours of one full-time post over ``months`` months (heures par ETP × mois ÷ 12)."""
    return heures_par_etp * months / 12
