"""The shipped .docx templates are exactly what their text sources build."""

import zipfile
from pathlib import Path

import pytest

from clause_templates import build
from generator.templates import shipped_templates

SOURCES = sorted((shipped_templates() / "sources").glob("*.txt"))


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_every_source_has_its_template():
    assert {s.stem for s in SOURCES} <= {p.stem for p in shipped_templates().glob("*.docx")}
    assert len(SOURCES) >= 3


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_shipped_template_matches_its_source(source, tmp_path):
    rebuilt = tmp_path / f"{source.stem}.docx"
    build.build(source, rebuilt)
    assert parts(rebuilt) == parts(shipped_templates() / f"{source.stem}.docx"), (
        f"{source.stem}.docx n'est plus à jour : lancez python -m clause_templates.build {source.stem}"
    )
