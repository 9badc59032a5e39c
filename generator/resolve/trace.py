"""The table ``clauses heures`` prints: per lot, mechanism, hours, ETP and the trace of the formula."""

from __future__ import annotations

from generator.formatting import etp, euros, heures, pourcent
from generator.resolve.model import ResolvedSpec
from generator.resolve.sizing import calculation_text


def hours_report(resolved: ResolvedSpec) -> str:
    """The table printed by ``clauses heures``: per lot, mechanism, hours, ETP and trace."""
    params = resolved.parametres
    rows: list[tuple[str, ...]] = [("Lot", "Intitulé", "Dispositif", "Heures", "ETP")]
    traces = []
    for lot in resolved.lots:
        name = lot.designation
        hours_cell = heures(lot.heures) if lot.sizing else "—"
        etp_cell = etp(lot.etp) if lot.sizing else "—"
        rows.append((name, lot.intitule, lot.mecanisme_court, hours_cell, etp_cell))
        if lot.sizing:
            traces.append(f"  {name} : {calculation_text(lot.sizing)}")
    rows.append(("Total", "", "", heures(resolved.total_heures), etp(resolved.total_etp)))
    header = [
        f"Consultation {resolved.consultation.reference} — {resolved.consultation.objet}",
        f"Paramètres : coût horaire {euros(params.cout_horaire)}, taux d'insertion {pourcent(params.taux_insertion)}, "
        f"{heures(params.heures_par_etp)} par ETP, arrondi à {params.arrondi} h",
        "",
    ]
    return "\n".join([*header, *_table(rows), "", "Calcul :", *traces])


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right = {3, 4}
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines
