"""The hours of several consultations at once: a total, and CSV or JSON for a spreadsheet or another tool.

``clauses heures`` on a folder prints each consultation's table (``trace.hours_report``)
then ``total_line``; ``--format csv|json`` gives one row per lot instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator.formatting import etp, heures
from generator.resolve.model import ResolvedSpec
from generator.resolve.sizing import calculation_text
from generator.tabular import csv_text, json_number, json_text

CSV_COLUMNS = ("reference", "objet", "lot", "intitule", "dispositif", "heures", "etp", "calcul")


@dataclass(frozen=True)
class Totals:
    consultations: int
    lots: int
    heures: Decimal
    etp: Decimal


def totals(specs: list[ResolvedSpec]) -> Totals:
    """Hours and ETP over every consultation; each consultation's ETP uses its own hours per ETP."""
    return Totals(
        consultations=len(specs),
        lots=sum(len(spec.lots) for spec in specs),
        heures=sum((spec.total_heures for spec in specs), Decimal(0)),
        etp=sum((spec.total_etp for spec in specs), Decimal(0)),
    )


def total_line(total: Totals) -> str:
    """``Total : 3 consultations, 7 lots, 12 345 heures, 6,8 ETP``."""
    consultations = f"{total.consultations} consultation{'s' if total.consultations > 1 else ''}"
    lots = f"{total.lots} lot{'s' if total.lots > 1 else ''}"
    return f"Total : {consultations}, {lots}, {heures(total.heures)}, {etp(total.etp)}"


def lot_rows(specs: list[ResolvedSpec]) -> list[dict[str, object]]:
    """One row per lot: reference, lot, mechanism, hours, ETP (numbers as numbers) and the calculation."""
    rows = []
    for spec in specs:
        for lot in spec.lots:
            rows.append({
                "reference": spec.consultation.reference,
                "objet": spec.consultation.objet,
                "lot": lot.designation,
                "intitule": lot.intitule,
                "dispositif": lot.mecanisme_court,
                "heures": json_number(lot.heures),
                "etp": json_number(lot.etp.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
                "calcul": calculation_text(lot.sizing) if lot.sizing else "",
            })
    return rows


def as_csv(specs: list[ResolvedSpec]) -> str:
    """Semicolon-separated, decimal comma: what a French spreadsheet opens as columns of numbers."""
    return csv_text(CSV_COLUMNS, lot_rows(specs))


def as_json(specs: list[ResolvedSpec]) -> str:
    total = totals(specs)
    data = {
        "lots": lot_rows(specs),
        "total": {"consultations": total.consultations, "lots": total.lots, "heures": json_number(total.heures),
                  "etp": json_number(total.etp.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))},
    }
    return json_text(data)
