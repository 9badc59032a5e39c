"""A real word processor opens every document of the example dossier.

LibreOffice converts each generated file to PDF; a file it cannot open gives no PDF.
The test skips only on a developer machine without LibreOffice; in CI (CI set) a
missing soffice is a failure, so that this check never silently disappears.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import generate
from tests.conftest import SPECS


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) est requis en intégration continue : .ci/run doit l'installer.")
        pytest.skip("LibreOffice (soffice) n'est pas installé sur ce poste.")
    return found


def convert(documents: list[Path], target: Path, fmt: str = "pdf") -> None:
    """Convert with a private LibreOffice profile so that parallel runs never share a lock."""
    profile = target / "profil-libreoffice"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt, "--outdir", str(target), *map(str, documents)],
        check=True, capture_output=True, timeout=300,
    )


def test_every_example_document_converts_to_pdf(tmp_path):
    documents = [path for spec in sorted(SPECS.glob("*.yaml")) for path in generate(spec, tmp_path / "out")]
    docx_files = [path for path in documents if path.suffix == ".docx"]
    assert len(docx_files) >= 8
    pdf_dir = tmp_path / "pdf"
    pdf_dir.mkdir()
    # Same names across consultations: convert one consultation at a time.
    for folder in sorted({path.parent for path in docx_files}):
        target = pdf_dir / folder.name
        target.mkdir()
        convert([p for p in docx_files if p.parent == folder], target)
        for document in (p for p in docx_files if p.parent == folder):
            pdf = target / f"{document.stem}.pdf"
            assert pdf.exists(), f"LibreOffice n'a pas pu ouvrir {document}"
            assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000
