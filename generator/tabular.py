"""Machine-readable tables for another tool: CSV a French spreadsheet opens as columns, JSON with numbers as numbers.

Shared by ``clauses heures --format csv|json`` and ``clauses suivi etat --format csv|json``
so that both give the same separator, decimal mark and JSON layout.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any


def json_number(value: Decimal) -> int | float:
    """A whole number as an integer (``1000``, not ``1000.0``), any other as a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """Semicolon-separated, decimal comma, ``None`` as an empty cell, without a final newline.

    A French Excel or LibreOffice reads ``;`` as the separator and ``0,46`` as a number;
    numbers keep no thousands separator, so that the spreadsheet parses them.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=";", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue().rstrip("\n")


def _cell(value: Any) -> Any:
    if isinstance(value, (int, float)):
        return str(value).replace(".", ",")
    return value


def json_text(data: Any) -> str:
    """Indented JSON with accents kept as they are (the output is written as UTF-8)."""
    return json.dumps(data, ensure_ascii=False, indent=2)
