"""``clauses suivi etat``: the state of every contract in the terminal, as an .xlsx table, as CSV or JSON for another tool."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from openpyxl import Workbook

from generator.formatting import date_courte, liste_ou_aucun, nombre, pourcent
from generator.monitoring.indicators import ConsultationState, ContractState
from generator.monitoring.months import month_label
from generator.tabular import csv_text, json_number, json_text
from generator.workbook_style import deterministic_bytes, head

COLUMNS = ("Marché", "Titulaire", "Heures dues", "Réalisées", "Taux", "Attendues à date", "Manque projeté", "Mois sans fiche", "État")
# The workbook's columns under the names of the state's fields, preceded by the date of the state.
CSV_COLUMNS = ("situation_au", "reference", "objet", "marche", "lot", "titulaire", "heures_dues", "heures_realisees", "taux",
               "heures_attendues", "manque_projete", "mois_sans_fiche", "etat")


def _rounded(rate: Decimal) -> Decimal:
    """A rate to a tenth of a percent, as printed: the figures sent elsewhere are the ones the facilitator sees."""
    return rate.quantize(Decimal("0.001"))


def rate_text(rate: Decimal | None) -> str:
    return pourcent(_rounded(rate)) if rate is not None else "—"


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


def _rate_number(rate: Decimal | None) -> int | float | None:
    return json_number(_rounded(rate)) if rate is not None else None


def _iso_months(state: ContractState) -> list[str]:
    return [f"{month:%Y-%m}" for month in state.mois_sans_fiche]


def _contract_data(state: ContractState) -> dict[str, object]:
    """One contract's figures under the names of ``ContractState`` (its code as ``marche``, the workbook's « Marché »); months ISO."""
    return {"marche": state.code, "lot": state.lot, "titulaire": state.titulaire, "heures_dues": state.heures_dues,
            "heures_realisees": state.heures_realisees, "taux": _rate_number(state.taux), "heures_attendues": state.heures_attendues,
            "manque_projete": state.manque_projete, "mois_sans_fiche": _iso_months(state),
            "etat": state.etat}


def _total_data(consultation: ConsultationState) -> dict[str, object]:
    return {"heures_dues": consultation.total("heures_dues"), "heures_realisees": consultation.total("heures_realisees"),
            "taux": _rate_number(consultation.taux), "heures_attendues": consultation.total("heures_attendues"),
            "manque_projete": consultation.total("manque_projete")}


def state_data(consultations: list[ConsultationState], today: dt.date) -> list[dict[str, object]]:
    """Per consultation, its contracts and their totals: numbers as numbers, dates ISO, rates as fractions (0.214)."""
    return [{"reference": consultation.reference, "objet": consultation.objet, "situation_au": today.isoformat(),
             "contrats": [_contract_data(state) for state in consultation.contrats], "total": _total_data(consultation)}
            for consultation in consultations]


def state_json(consultations: list[ConsultationState], today: dt.date) -> str:
    return json_text(state_data(consultations, today))


def state_csv(consultations: list[ConsultationState], today: dt.date) -> str:
    """One row per contract with its consultation's reference; the header alone when nothing is registered."""
    rows = ({"situation_au": today.isoformat(), "reference": consultation.reference, "objet": consultation.objet,
             **_contract_data(state), "mois_sans_fiche": ", ".join(_iso_months(state))}
            for consultation in consultations for state in consultation.contrats)
    return csv_text(CSV_COLUMNS, rows)
