"""The table ``clauses heures`` prints: per lot, mechanism, hours, ETP and the trace of the formula."""

from __future__ import annotations

from decimal import Decimal

from generator.formatting import dixiemes, etp, euros, heures, pourcent
from generator.resolve.model import ResolvedSpec
from generator.resolve.sizing import calculation_text


def hours_report(resolved: ResolvedSpec) -> str:
    """The table printed by ``clauses heures``: per lot, mechanism, hours, both full-time figures and trace."""
    params = resolved.parametres
    rows: list[tuple[str, ...]] = [("Lot", "Intitulé", "Dispositif", "Heures", "ETP annuels", "Postes à temps plein")]
    traces = []
    for lot in resolved.lots:
        name = lot.designation
        rows.append((name, lot.intitule, lot.mecanisme_court, *_figures(lot.heures, lot.etp, lot.postes_moyens, lot.a_des_heures)))
        if lot.sizing:
            traces.append(f"  {name} : {calculation_text(lot.sizing)}")
    rows.append(("Total", "", "", *_figures(resolved.total_heures, resolved.total_etp, resolved.total_postes_moyens, True)))
    header = [
        f"Consultation {resolved.consultation.reference} — {resolved.consultation.objet}",
        f"Paramètres : coût horaire {euros(params.cout_horaire)}, taux d'insertion {pourcent(params.taux_insertion)}, "
        f"{heures(params.heures_par_etp)} par ETP, arrondi à {params.arrondi} h",
        "",
    ]
    return "\n".join([*header, *_table(rows), "", resolved.definition_etp, "", "Calcul :", *traces])


def _figures(hours: Decimal, years: Decimal, posts: Decimal | None, has_hours: bool) -> tuple[str, str, str]:
    """Hours, full-time years and average full-time posts cells (``—`` when not applicable)."""
    if not has_hours:
        return ("—", "—", "—")
    return (heures(hours), etp(years), dixiemes(posts) if posts is not None else "—")


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right = {3, 4, 5}
    lines = []
    for number, row in enumerate(rows):
        cells = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines
