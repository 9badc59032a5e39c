"""Shared fixtures: the example specs, spec writing, and reading generated documents."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

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

    Babel's narrow no-break spaces and no-break spaces become plain spaces, so that
    assertions read naturally; the exact characters are tested in test_formatting.
    """
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs]
    return "\n".join(lines).replace("\u202f", " ").replace("\u00a0", " ")
