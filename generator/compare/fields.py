"""What changed between two versions of a spec, field by field.

Lots are matched by number (a non-allotted market has one lot without number).
Hours and weights are compared as the documents print them (resolved), the other
fields as written in the spec.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.formatting import Number, date_longue, euros, heures, nombre, points, pourcent
from generator.reference import data as reference
from generator.resolve.model import ResolvedLot, ResolvedSpec

ABSENT = "(absent)"
# Lot fields compared through their resolved, printed value (see _lot_figures).
RESOLVED_FIELDS = ("heures", "critere.ponderation", "critere.sous_criteres")
# How a number is printed, by the field's unit in data/champs.yaml.
UNITS: dict[str, Callable[[Number], str]] = {
    "euros_ht": lambda value: f"{euros(value)}\u00a0HT",
    "euros": euros,
    "euros_par_heure": lambda value: f"{euros(value)}/h",
    "taux": pourcent,
}


@dataclass(frozen=True)
class FieldChange:
    """One changed value: where (lot and field), before and after, ready to print."""

    lot: str | None
    champ: str
    avant: str
    apres: str

    @property
    def line(self) -> str:
        where = f"{self.lot} — " if self.lot else ""
        return f"{where}{self.champ} : {self.avant} → {self.apres}"


def spec_changes(old: ResolvedSpec, new: ResolvedSpec) -> list[FieldChange]:
    """Consultation fields first, then each lot in the new version's order, removed lots last."""
    changes = _compare(None, *(_labelled("", _flat(spec.spec.model_dump(exclude={"lots"}), prefix="")) for spec in (old, new)))
    old_lots = {lot.numero: lot for lot in old.lots}
    new_lots = {lot.numero: lot for lot in new.lots}
    for key, lot in new_lots.items():
        before = old_lots.get(key)
        if before is None:
            changes.append(FieldChange(_label(lot), "lot ajouté", ABSENT, _summary(lot)))
        else:
            changes += _lot_changes(before, lot)
    for key, lot in old_lots.items():
        if key not in new_lots:
            changes.append(FieldChange(_label(lot), "lot supprimé", _summary(lot), ABSENT))
    return changes


def _lot_changes(old: ResolvedLot, new: ResolvedLot) -> list[FieldChange]:
    label = _label(new)
    changes = _compare(label, _lot_figures(old), _lot_figures(new))
    written = [_flat(lot.spec.model_dump(exclude_none=True), prefix="lots.") for lot in (old, new)]
    for values in written:
        for name in [name for name in values if name.startswith(RESOLVED_FIELDS)]:
            del values[name]
    return changes + _compare(label, *(_labelled("lots.", values) for values in written))


def _lot_figures(lot: ResolvedLot) -> dict[str, str]:
    """Hours, criterion weight and sub-criterion weights as the documents print them."""
    figures = {"heures d'insertion": heures(lot.heures) if lot.a_des_heures else "—"}
    if lot.critere is not None:
        figures["pondération du critère"] = points(lot.critere.ponderation)
        figures.update({f"sous-critère {sc.libelle}": points(sc.poids) for sc in lot.critere.sous_criteres})
    return figures


def _labelled(prefix: str, values: dict[str, str]) -> dict[str, str]:
    """Field paths replaced by their French labels: ``montant_estime_ht`` -> ``montant estimé HT``."""
    return {_label_of(prefix, name): value for name, value in values.items()}


def _label_of(prefix: str, name: str) -> str:
    parts = name.split(".")
    for end in range(len(parts), 0, -1):  # the longest known prefix: critere.bareme.0 -> barème (0)
        known = reference.spec_field(prefix + ".".join(parts[:end]))
        if known:
            rest = ".".join(parts[end:])
            return known["libelle"] + (f" ({rest})" if rest else "")
    return name


def _compare(lot: str | None, old: dict[str, str], new: dict[str, str]) -> list[FieldChange]:
    names = list(old) + [name for name in new if name not in old]
    return [FieldChange(lot, name, old.get(name, ABSENT), new.get(name, ABSENT)) for name in names if old.get(name) != new.get(name)]


def _flat(value: Any, prefix: str, at: str = "") -> dict[str, str]:
    """Dotted field path -> printable value; lists of plain values stay one field.

    ``prefix`` completes the path into that of data/champs.yaml (``lots.``), where a field's unit is found.
    """
    if isinstance(value, dict):
        found: dict[str, str] = {}
        for key, item in value.items():
            found.update(_flat(item, prefix, f"{at}.{key}" if at else str(key)))
        return found
    if value is None:
        return {}
    unit = reference.spec_field(prefix + at).get("unite")
    if unit and isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return {at: UNITS[unit](value)}
    return {at: _show(value)}


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, Decimal | int | float):
        return nombre(value, 4)
    if isinstance(value, dt.date):
        return date_longue(value)
    if isinstance(value, list):
        return ", ".join(_show(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key} : {_show(item)}" for key, item in value.items())
    return f"« {value} »"


def _label(lot: ResolvedLot) -> str:
    return lot.designation


def _summary(lot: ResolvedLot) -> str:
    hours = f", {heures(lot.heures)}" if lot.a_des_heures else ""
    return f"« {lot.intitule} » ({lot.mecanisme_libelle}{hours})"
