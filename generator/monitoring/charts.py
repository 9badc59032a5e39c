"""The bilan's charts (PNG), rendered the same way on every machine and every run.

Agg backend (no display), DejaVu Sans (shipped with matplotlib, so no system font is
picked), fixed ``svg.hashsalt``, and no "Software" or date metadata in the file.
"""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported: no display, the same raster everywhere

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from generator.formatting import nombre

STYLE: dict[Any, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "svg.hashsalt": "clauses",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.unicode_minus": False,
}
REQUESTED, REALISED = "#1F3A5F", "#F2A900"
THOUSANDS = FuncFormatter(lambda value, _: nombre(value).replace("\u202f", " "))


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, metadata={"Software": None}, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def hours_over_time(series: list[tuple[str, int, int]]) -> bytes:
    """Grouped bars per period: hours due of the contracts started, hours realised."""
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7, 3.2))
        positions = range(len(series))
        axes.bar([p - 0.2 for p in positions], [row[1] for row in series], width=0.4, color=REQUESTED, label="Heures demandées")
        axes.bar([p + 0.2 for p in positions], [row[2] for row in series], width=0.4, color=REALISED, label="Heures réalisées")
        axes.set_xticks(list(positions), [row[0] for row in series])
        axes.yaxis.set_major_formatter(THOUSANDS)
        axes.legend(frameon=False)
        return _png(figure)


def horizontal_bars(labels: list[str], values: list[float], percent: bool = False) -> bytes:
    """One bar per label, largest first; rates as percentages with a line at 100 %."""
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(figsize=(7, 0.6 + 0.32 * max(len(labels), 1)))
        axes.barh(list(range(len(labels)))[::-1], values, color=REQUESTED)
        axes.set_yticks(list(range(len(labels)))[::-1], labels)
        if percent:
            axes.axvline(100, color=REALISED, linewidth=1.5)
            axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{nombre(value)} %"))
        else:
            axes.xaxis.set_major_formatter(THOUSANDS)
        return _png(figure)
