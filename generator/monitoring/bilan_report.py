"""The bilan as a .docx report with charts and an .xlsx workbook of the tables behind them.

The report is rendered from its template like every document; each chart stands in
the template as ``{{ graphiques.<name> }}`` alone in a paragraph, which is then
replaced by the picture.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
from docx.shared import Cm
from openpyxl import Workbook

from generator.drafting.render import render_docx
from generator.files import normalize_zip, write_atomic
from generator.formatting import pourcent
from generator.monitoring.bilan import Bilan
from generator.monitoring.breakdowns import UNKNOWN
from generator.monitoring.charts import horizontal_bars, hours_over_time
from generator.monitoring.contexts import (
    BilanContext,
    BreakdownRow,
    Breakdowns,
    Charts,
    CountRow,
    InsertionMarketsView,
    KeyFigures,
    OperationRow,
    Shares,
)
from generator.monitoring.lists import suivi_data
from generator.templates import shipped_templates
from generator.workbook_style import deterministic_bytes, head

BILAN = "bilan-suivi-insertion.docx"
CHARTS = ("heures", "operations", "publics", "modalites")


def _labels(dimension: str) -> dict[str, str]:
    return dict(suivi_data()["libelles_bilan"][dimension])


def _share(part: int | Decimal, whole: int | Decimal) -> str:
    return pourcent((Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"))) if whole else "—"


def _rate(rate: Decimal | None) -> str:
    return pourcent(rate.quantize(Decimal("0.001"))) if rate is not None else "—"


def table(bilan: Bilan, dimension: str) -> list[BreakdownRow]:
    """Rows (label, people, share of all people, hours) in the data file's order, the not-informed last."""
    labels = _labels(dimension)
    cells = bilan.repartitions[dimension]
    order = [*labels, *sorted(set(cells) - set(labels) - {UNKNOWN}), UNKNOWN]
    unknown = str(suivi_data()["libelles_bilan"]["inconnu"])
    total = bilan.personnes()
    return [BreakdownRow(labels.get(key, unknown if key == UNKNOWN else key), cells[key].personnes, _share(cells[key].personnes, total),
                         cells[key].heures) for key in order if key in cells]


def _exits(bilan: Bilan) -> list[CountRow]:
    labels, total = _labels("sortie"), sum(bilan.sorties.values())
    return [CountRow(labels[key], bilan.sorties[key], _share(bilan.sorties[key], total)) for key in labels if key in bilan.sorties]


def _key_figures_view(bilan: Bilan) -> KeyFigures:
    return KeyFigures(bilan.contrats, bilan.operations, bilan.heures_demandees, bilan.heures_demandees_consultations, bilan.etp_demandes,
                      bilan.receptionnes, bilan.heures_dues_receptionnes, bilan.heures_realisees_receptionnes, bilan.heures_realisees_periode,
                      bilan.personnes(), bilan.personnes_contrat_travail)


def bilan_context(bilan: Bilan, today: dt.date) -> BilanContext:
    """What the bilan template reads (documented in clause_templates/README.md)."""
    markets = bilan.marches_insertion
    return BilanContext(
        du=bilan.du, au=bilan.au, date_edition=today, chiffres=_key_figures_view(bilan),
        taux_receptionnes=_rate(bilan.taux_receptionnes),
        parts=Shares(_rate(bilan.part("sexe", "F")), _rate(bilan.part("age", "moins_26")), _rate(bilan.part("age", "50_plus")),
                     _rate(bilan.part("qpv", "oui")), _rate(bilan.sorties_dynamiques)),
        par_annee=(bilan.au - bilan.du).days > 731,
        operations=[OperationRow(r.operation, r.heures_dues, r.heures_realisees, _rate(r.taux)) for r in bilan.par_operation],
        repartitions=Breakdowns(table(bilan, "public"), table(bilan, "modalite"), table(bilan, "type_contrat"), table(bilan, "prescripteur"),
                                [*table(bilan, "sexe"), *table(bilan, "age"), *table(bilan, "qpv")]),
        sorties=_exits(bilan),
        marches_insertion=InsertionMarketsView(markets.contrats, markets.montant, markets.structures, markets.personnes),
        graphiques=Charts(*(_marker(name) for name in CHARTS)),
    )


def _marker(name: str) -> str:
    return f"[[graphique:{name}]]"


def charts(bilan: Bilan, context: BilanContext) -> dict[str, bytes]:
    """The four charts of the report, as PNG bytes by name."""
    operations = bilan.par_operation[:15]
    publics, ways = context.repartitions.public, context.repartitions.modalite
    return {
        "heures": hours_over_time(bilan.series),
        "operations": horizontal_bars([r.operation for r in operations], [float((r.taux or 0) * 100) for r in operations], percent=True),
        "publics": horizontal_bars([r.libelle for r in publics], [r.heures for r in publics]),
        "modalites": horizontal_bars([r.libelle for r in ways], [r.heures for r in ways]),
    }


def insert_charts(data: bytes, pictures: dict[str, bytes]) -> bytes:
    """Replace each chart's marker paragraph with its picture, 16 cm wide."""
    document = docx.Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        for name, png in pictures.items():
            if paragraph.text.strip() == _marker(name):
                for run in paragraph.runs:
                    run.text = ""
                paragraph.runs[0].add_picture(io.BytesIO(png), width=Cm(16))
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


def bilan_docx(bilan: Bilan, today: dt.date, templates: Path | None = None) -> bytes:
    context = bilan_context(bilan, today)
    return insert_charts(render_docx(templates or shipped_templates(), BILAN, context.as_mapping()), charts(bilan, context))


def bilan_workbook(bilan: Bilan, today: dt.date) -> bytes:
    """The tables behind the report, one sheet each, numbers as numbers."""
    context = bilan_context(bilan, today)
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "Chiffres clés", ("Indicateur", "Valeur"), _key_figures(bilan))
    _sheet(workbook, "Heures par période", ("Période", "Heures demandées", "Heures réalisées"), bilan.series)
    _sheet(workbook, "Par opération", ("Opération", "Heures dues", "Heures réalisées"),
           [(r.operation, r.heures_dues, r.heures_realisees) for r in bilan.par_operation])
    titles = {"public": "Par public", "modalite": "Par modalité", "type_contrat": "Par type de contrat", "prescripteur": "Par prescripteur",
              "profil": "Par sexe, âge, QPV"}
    for key, title in titles.items():
        rows = [(r.libelle, r.personnes, r.heures) for r in getattr(context.repartitions, key)]
        _sheet(workbook, title, ("Catégorie", "Personnes", "Heures"), rows)
    _sheet(workbook, "Sorties", ("Situation à la sortie", "Personnes"), [(r.libelle, r.personnes) for r in context.sorties])
    markets = bilan.marches_insertion
    _sheet(workbook, "Marchés d'insertion", ("Indicateur", "Valeur"), [
        ("Marchés d'insertion", markets.contrats), ("Montant (€ HT)", float(markets.montant)),
        ("Structures d'insertion", markets.structures), ("Personnes", markets.personnes)])
    return deterministic_bytes(workbook)


def _key_figures(bilan: Bilan) -> list[tuple[str, Any]]:
    rate = bilan.taux_receptionnes
    return [("Période", f"du {bilan.du:%d/%m/%Y} au {bilan.au:%d/%m/%Y}"), ("Marchés avec clause", bilan.contrats), ("Opérations", bilan.operations),
            ("Heures demandées", bilan.heures_demandees), ("dont consultations non attribuées", bilan.heures_demandees_consultations),
            ("ETP demandés", float(bilan.etp_demandes.quantize(Decimal("0.1")))), ("Marchés réceptionnés", bilan.receptionnes),
            ("Heures dues (réceptionnés)", bilan.heures_dues_receptionnes), ("Heures réalisées (réceptionnés)", bilan.heures_realisees_receptionnes),
            ("Taux de réalisation (réceptionnés)", float(rate) if rate is not None else None),
            ("Heures réalisées pendant la période", bilan.heures_realisees_periode), ("Personnes", bilan.personnes()),
            ("dont sous contrat de travail", bilan.personnes_contrat_travail)]


def _sheet(workbook: Workbook, title: str, headers: tuple[str, ...], rows: list[Any]) -> None:
    sheet = workbook.create_sheet(title)
    for column, text in enumerate(headers, start=1):
        head(sheet, f"{chr(64 + column)}1", text)
        sheet.column_dimensions[chr(64 + column)].width = 45 if column == 1 else 18
    for row in rows:
        sheet.append(list(row))


def write_bilan(bilan: Bilan, folder: Path, today: dt.date, templates: Path | None = None) -> list[Path]:
    """Write ``bilan-suivi-<du>-<au>.docx`` and ``.xlsx`` into ``folder``; both are built before either is written."""
    stem = f"bilan-suivi-{bilan.du:%Y-%m-%d}-{bilan.au:%Y-%m-%d}"
    built = {f"{stem}.docx": bilan_docx(bilan, today, templates), f"{stem}.xlsx": bilan_workbook(bilan, today)}
    for name, data in built.items():
        write_atomic(folder / name, data)
    return [folder / name for name in built]
