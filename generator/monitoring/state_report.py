"""``clauses suivi etat``: the state of every contract in the terminal and as an .xlsx table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import Workbook

from generator.formatting import date_courte, liste_ou_aucun, nombre, pourcent
from generator.monitoring.indicators import ConsultationState, ContractState
from generator.monitoring.months import month_label
from generator.workbook_style import deterministic_bytes, head

COLUMNS = ("Marché", "Titulaire", "Heures dues", "Réalisées", "Taux", "Attendues à date", "Manque projeté", "Mois sans fiche", "État")


def rate_text(rate: Decimal | None) -> str:
    return pourcent(rate.quantize(Decimal("0.001"))) if rate is not None else "—"


def _cells(state: ContractState) -> tuple[str, ...]:
    missing = liste_ou_aucun(month_label(month) for month in state.mois_sans_fiche)
    return (state.code, state.titulaire, nombre(state.heures_dues), nombre(state.heures_realisees), rate_text(state.taux),
            nombre(state.heures_attendues), nombre(state.manque_projete), missing, state.etat)


def state_lines(consultations: list[ConsultationState], today: dt.date) -> list[str]:
    """The table printed by ``clauses suivi etat``: per consultation, its contracts, then its totals."""
    if not consultations:
        return ["Aucun marché enregistré : commencez par « clauses suivi contrat enregistrer »."]
    rows = [COLUMNS] + [_cells(state) for consultation in consultations for state in consultation.contrats]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    lines = [f"Situation au {date_courte(today)}"]

    def line(cells: tuple[str, ...]) -> str:
        return "  " + "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=False)) + "  " + cells[-1]

    for consultation in consultations:
        lines += ["", f"{consultation.reference} — {consultation.objet}", line(COLUMNS)]
        lines += [line(_cells(state)) for state in consultation.contrats]
        if len(consultation.contrats) > 1:
            lines.append(f"  Total : {nombre(consultation.total('heures_dues'))} heures dues, {nombre(consultation.total('heures_realisees'))} "
                         f"réalisées ({rate_text(consultation.taux)}), {nombre(consultation.total('manque_projete'))} de manque projeté")
    return [text.replace("\u202f", " ").replace("\u00a0", " ").rstrip() for text in lines]


def state_workbook(consultations: list[ConsultationState], today: dt.date) -> bytes:
    """The same table as an .xlsx (numbers as numbers, for the facilitator's own sorting and filters)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "État du suivi"
    sheet["A1"] = f"Situation au {date_courte(today)}"
    headers = ("Consultation", "Objet", "Marché", "Lot", "Titulaire", "Heures dues", "Heures réalisées", "Taux de réalisation",
               "Heures attendues à date", "Manque projeté", "Mois sans fiche", "État")
    for column, title in enumerate(headers, start=1):
        head(sheet, f"{chr(64 + column)}3", title)
        sheet.column_dimensions[chr(64 + column)].width = 18
    for consultation in consultations:
        for state in consultation.contrats:
            sheet.append([consultation.reference, consultation.objet, state.code, state.lot, state.titulaire, state.heures_dues,
                          state.heures_realisees, float(state.taux) if state.taux is not None else None, state.heures_attendues,
                          state.manque_projete, ", ".join(month_label(m) for m in state.mois_sans_fiche), state.etat])
            sheet.cell(row=sheet.max_row, column=8).number_format = "0.0%"
    sheet.freeze_panes = "A4"
    return deterministic_bytes(workbook)
