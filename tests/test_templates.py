"""The shipped .docx templates are exactly what their text sources build, at their recorded version."""

import re
import zipfile
from pathlib import Path

import docx
import pytest

from clause_templates import build
from generator.templates import shipped_templates

SOURCES = build.sources()


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_every_source_has_its_template():
    assert {s.stem for s in SOURCES} == {p.stem for p in shipped_templates().glob("*.docx")}
    assert len(SOURCES) == 8


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_shipped_template_matches_its_source(source, tmp_path):
    rebuilt = tmp_path / f"{source.stem}.docx"
    build.build(source, rebuilt)
    assert parts(rebuilt) == parts(shipped_templates() / f"{source.stem}.docx"), (
        f"{source.stem}.docx n'est plus à jour : lancez python -m clause_templates.build {source.stem}"
    )


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_recorded_version_is_that_of_the_current_source(source):
    version, digest = build.recorded_versions()[source.stem]
    assert digest == build.source_digest(source), f"lancez python -m clause_templates.build {source.stem}"
    assert docx.Document(str(shipped_templates() / f"{source.stem}.docx")).core_properties.version == str(version)


# The follow-up documents come from the follow-up database after notification, not from a
# spec under review: the facilitator's approval of a spec does not apply to them.
FOLLOW_UP = {"attestation-heures-insertion", "bilan-suivi-insertion"}


def test_the_projet_block_is_written_once_and_included_by_every_template():
    shared = (build.SOURCES / "_projet.txt").read_text(encoding="utf-8")
    assert "! PROJET — non validé par le facilitateur" in shared
    for source in (s for s in SOURCES if s.stem not in FOLLOW_UP):
        text = source.read_text(encoding="utf-8")
        assert "@inclure projet " in text and "PROJET" not in text, source.name
        assert "! PROJET — non validé par le facilitateur" in build.expanded_lines(source)


def test_include_replaces_the_argument_in_the_header(tmp_path):
    (tmp_path / "_bloc.txt").write_text("@entete En-tête — $1\nTexte commun\n", encoding="utf-8")
    source = tmp_path / "essai.txt"
    source.write_text("@titre Essai\n@inclure bloc CCAP\nFin\n", encoding="utf-8")
    build.build(source, tmp_path / "essai.docx", version=3)
    built = docx.Document(str(tmp_path / "essai.docx"))
    assert [p.text for p in built.paragraphs] == ["Essai", "Texte commun", "Fin"]
    assert built.sections[0].header.paragraphs[0].text == "En-tête — CCAP"
    assert built.core_properties.version == "3"


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_shipped_tags_hold_no_quoted_text(source):
    """Word turns straight quotes curly when a buyer edits a tag: the shipped tags need none."""
    tags = [tag for line in build.expanded_lines(source) for tag in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", line)]
    assert tags and [tag for tag in tags if '"' in tag or "'" in tag] == []


def test_building_twice_gives_the_same_bytes_as_the_shipped_templates(tmp_path, capsys):
    first, second = tmp_path / "un", tmp_path / "deux"
    first.mkdir()
    second.mkdir()
    recorded = build.VERSIONS.read_bytes()
    build.main([], first)
    build.main([], second)
    assert build.VERSIONS.read_bytes() == recorded  # a build elsewhere leaves versions.txt alone
    for source in SOURCES:
        name = f"{source.stem}.docx"
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        assert (first / name).read_bytes() == (shipped_templates() / name).read_bytes(), name
    assert zipfile.ZipFile(first / "note-revue.docx").getinfo("word/document.xml").date_time == (1980, 1, 1, 0, 0, 0)
