"""Insertion hours and full-time equivalents of a lot: parameters, the one hours formula, its trace.

    hours = estimated amount × labour share × insertion rate ÷ hourly labour cost
    ETP   = hours ÷ hours per full-time year                      (full-time years)
    posts = hours ÷ (hours per full-time year × months ÷ 12)      (average full-time posts)

The formula (``HOURS``, and ``LABOUR`` for all the labour hours of a lot) is written
once as an expression: the hours, the review rule CS203 and the trace text all come
from it. Computed in Decimal, rounded once at the end. Defaults come from
data/parametres.yaml, each with its source; a spec overrides them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator.formatting import euros, heures, minuscule_initiale, nombre, pourcent
from generator.reference import data as reference
from generator.reference.data import Trade
from generator.reference.models import Mechanism
from generator.resolve.expression import Div, Expr, Mul, Var, evaluate, french
from generator.spec.model import Lot, Spec

AMOUNT, SHARE, RATE, COST = Var("montant"), Var("part_main_oeuvre"), Var("taux_insertion"), Var("cout_horaire")
HOURS: Expr = Div(Mul((AMOUNT, SHARE, RATE)), COST)
LABOUR: Expr = Div(Mul((AMOUNT, SHARE)), COST)


@dataclass(frozen=True)
class Parameters:
    """The sizing parameters of a consultation: the spec's, else the shipped defaults."""

    cout_horaire: Decimal
    taux_insertion: Decimal
    heures_par_etp: Decimal
    arrondi: int
    penalite_par_heure: Decimal | None
    penalite_fiche_mensuelle: Decimal | None


def parameters(spec: Spec) -> Parameters:
    """Each parameter the spec gives, else the default of data/parametres.yaml."""
    given, defaults = spec.parametres, reference.sizing_defaults()
    values = {name: getattr(given, name) if getattr(given, name) is not None else getattr(defaults, name).valeur
              for name in Parameters.__dataclass_fields__}
    return Parameters(**values)


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
    the formula still shown for comparison) or ``achetees`` (hours bought by an insertion market).
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
    """All the labour hours of the lot (``LABOUR``), or None without a labour share."""
    if inputs.part_main_oeuvre is None:
        return None
    return evaluate(LABOUR, _values(inputs, inputs.part_main_oeuvre))


def formula_hours(inputs: Inputs) -> Decimal | None:
    """The formula's unrounded hours (``HOURS``), or None without a labour share."""
    if inputs.part_main_oeuvre is None:
        return None
    return evaluate(HOURS, _values(inputs, inputs.part_main_oeuvre))


def _values(inputs: Inputs, share: Decimal) -> dict[str, Decimal]:
    return {"montant": inputs.montant, "part_main_oeuvre": share, "taux_insertion": inputs.taux_insertion,
            "cout_horaire": inputs.cout_horaire}


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
    return Sizing(inputs, "achetees", heures, None, None)


def etp(hours: Decimal, heures_par_etp: Decimal) -> Decimal:
    """Full-time equivalents of a number of hours, unrounded."""
    return hours / heures_par_etp


def full_time_hours(heures_par_etp: Decimal, months: int) -> Decimal:
    """The hours of one full-time post over ``months`` months (heures par ETP × mois ÷ 12)."""
    return heures_par_etp * months / 12


def average_posts(hours: Decimal, heures_par_etp: Decimal, months: int) -> Decimal:
    """Average number of full-time posts over ``months``, unrounded."""
    return hours / full_time_hours(heures_par_etp, months)


def weekly_hours(hours: Decimal, posts: int, months: int, weeks_per_year: Decimal) -> Decimal:
    """Hours per post and per week when ``hours`` are spread over ``posts`` for ``months``."""
    return hours / posts / (months * weeks_per_year / 12)


def lot_sizing(lot: Lot, mechanism: Mechanism, params: Parameters, trade: Trade | None) -> Sizing | None:
    """The hours of a lot whose mechanism has some: bought by an insertion market, else explicit or by the formula."""
    if not mechanism.has_hours:
        return None
    share = lot.part_main_oeuvre if lot.part_main_oeuvre is not None else (trade.part_main_oeuvre if trade else None)
    inputs = Inputs(
        montant=lot.montant_estime_ht,
        part_main_oeuvre=share,
        taux_insertion=lot.taux_insertion if lot.taux_insertion is not None else params.taux_insertion,
        cout_horaire=params.cout_horaire,
        arrondi=params.arrondi,
        heures_par_etp=params.heures_par_etp,
        metier=trade if lot.part_main_oeuvre is None else None,
        heures_explicites=lot.heures,
    )
    if mechanism.buys_hours and lot.insertion is not None:
        return bought_hours(inputs, lot.insertion.heures)
    return size_lot(inputs)


def calculation_text(sizing: Sizing) -> str:
    """``1 000 000 € × 50 % (gros œuvre, maçonnerie) × 5 % ÷ 30 €/h = 833,33 h → 833 h``: ``HOURS`` written with the lot's figures."""
    inputs = sizing.inputs
    if sizing.origine == "achetees":
        return f"heures achetées par le marché d'insertion : {heures(sizing.heures)}"
    if sizing.heures_brutes is None:
        return f"heures fixées par la spécification : {heures(sizing.heures)} (formule non calculable sans part de main-d'œuvre)"
    words = {
        "montant": euros(inputs.montant),
        "part_main_oeuvre": pourcent(inputs.part_main_oeuvre or 0) + (f" ({minuscule_initiale(inputs.metier.libelle)})" if inputs.metier else ""),
        "taux_insertion": pourcent(inputs.taux_insertion),
        "cout_horaire": f"{euros(inputs.cout_horaire)}/h",
    }
    formula = (
        f"{french(HOURS, words)} = {nombre(sizing.heures_brutes, 2)} h → {nombre(sizing.heures_formule or 0)} h "
        f"(arrondi à {inputs.arrondi} h)"
    )
    if sizing.origine == "explicite":
        return f"heures fixées par la spécification : {heures(sizing.heures)} ; la formule donnerait {formula}"
    return formula
