"""Shared fixtures: the example specs, spec writing and editing, and reading generated documents."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "market_specs"
FULL_EXAMPLE = SPECS / "2026-NM-GS-014-groupe-scolaire.yaml"
SERVICES_EXAMPLE = SPECS / "2027-NM-PROP-003-nettoyage-locaux.yaml"
INSERTION_EXAMPLE = SPECS / "2026-NM-ESP-022-chantier-insertion.yaml"

MINIMAL_SPEC = """\
consultation:
  reference: TEST-001
  objet: Réfection de la voirie
  acheteur:
    nom: Ville de Test
  date_lancement: 2026-12-15
  facilitateur:
    structure: Maison de l'emploi
    adresse: 1, rue de la Paix, 44000 Nantes
    telephone: 02 00 00 00 00
    courriel: clauses@test.example
lots:
  - numero: 1
    intitule: Voirie
    nature: travaux
    montant_estime_ht: 1000000
    part_main_oeuvre: 0.5
    duree_mois: 12
    dispositif: clause_execution
"""


DELETE = object()  # as a value in ``edited``'s changes: remove that key


@dataclass(frozen=True)
class Renamed:
    """As a value in ``edited``'s changes: the key becomes ``key`` with ``value``, on the same line."""

    key: str
    value: Any


def spec_data(source: str | Path | dict[str, Any] = MINIMAL_SPEC) -> dict[str, Any]:
    """A fresh dict of a spec: from YAML text (MINIMAL_SPEC by default), a spec file or another dict."""
    if isinstance(source, dict):
        return copy.deepcopy(source)
    return yaml.safe_load(source.read_text(encoding="utf-8") if isinstance(source, Path) else source)


def spec_yaml(data: dict[str, Any]) -> str:
    """The YAML text of a spec dict, keys in their order, one value a line."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def edited(changes: dict[str, Any], source: str | Path | dict[str, Any] = MINIMAL_SPEC) -> str:
    """The YAML text of ``source`` with each change applied: ``{"lots.0.heures": 2000}`` sets, ``DELETE`` removes.

    Specs are edited as data, never as text: a path whose parent is missing, or a key
    to remove that is not there, raises, so an edit that matches nothing fails the test.
    """
    data = spec_data(source)
    for path, value in changes.items():
        *parents, last = (int(part) if part.isdigit() else part for part in path.split("."))
        node: Any = data
        for part in parents:
            node = node[part]
        if value is DELETE:
            del node[last]
        elif isinstance(value, Renamed):
            entries = [(value.key, value.value) if key == last else (key, item) for key, item in node.items()]
            if last not in node:
                raise KeyError(last)
            node.clear()
            node.update(entries)
        else:
            node[last] = value  # in a list, an index past the end raises
    return spec_yaml(data)


def text_with(old: str, new: str, text: str = MINIMAL_SPEC) -> str:
    """``text`` with its one occurrence of ``old`` replaced: only for what a dict cannot express.

    A YAML syntax error, a key written twice or a tag exist only as text. The
    occurrence is checked, so a replacement that matches nothing fails the test.
    """
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


@pytest.fixture
def write_spec(tmp_path: Path):
    """Write a spec text into tmp_path and return its path."""

    def write(text: str = MINIMAL_SPEC, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def docx_text(path: Path) -> str:
    """Every paragraph of a .docx (body, tables, headers), one per line, spaces normalised.

    Babel's narrow no-break spaces and no-break spaces become plain spaces, typographic
    apostrophes and non-breaking hyphens plain ones, so that assertions read naturally;
    the exact characters are tested in test_formatting and test_typography.
    """
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs]
    return plain("\n".join(lines))


def plain(text: str) -> str:
    """``text`` with the characters French typography adds written as on a keyboard."""
    return text.translate(PLAIN)


PLAIN = str.maketrans({"\u202f": " ", "\u00a0": " ", "\u2019": "'", "\u2011": "-"})
