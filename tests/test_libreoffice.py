"""A real word processor opens every document of the example dossier, and its pages read well.

LibreOffice converts each generated file to PDF; a file it cannot open gives no PDF.
pdftotext (poppler-utils) then reads the lines of each page: no line may end on
« L. », inside an article number or after « «. The test skips only on a developer
machine without these tools; in CI (CI set) a missing tool is a failure, so that
this check never silently disappears.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import generate
from generator.award.report import score_offers
from tests.conftest import FULL_EXAMPLE, SPECS
from tests.test_scoring import filled_example


def tool(*names: str) -> str:
    """The path of the first of ``names`` installed; a failure in CI, a skip elsewhere."""
    found = next((path for name in names if (path := shutil.which(name))), None)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{names[0]} est requis en intégration continue : .ci/run doit l'installer.")
        pytest.skip(f"{names[0]} n'est pas installé sur ce poste.")
    return found


def soffice() -> str:
    return tool("soffice", "libreoffice")


def convert(documents: list[Path], target: Path, fmt: str = "pdf") -> None:
    """Convert with a private LibreOffice profile so that parallel runs never share a lock."""
    profile = target / "profil-libreoffice"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt, "--outdir", str(target), *map(str, documents)],
        check=True, capture_output=True, timeout=300,
    )


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[Path, Path]:
    """Every .docx of the example dossiers and the PDF LibreOffice made of it (absent if it could not)."""
    tmp_path = tmp_path_factory.mktemp("libreoffice")
    documents = [path for spec in sorted(SPECS.glob("*.yaml")) for path in generate(spec, tmp_path / "out")]
    documents.append(score_offers(FULL_EXAMPLE, filled_example(tmp_path), tmp_path / "out").report)
    docx_files = [path for path in documents if path.suffix == ".docx"]
    pdf_dir = tmp_path / "pdf"
    converted = {}
    # Same names across consultations: convert one consultation at a time.
    for folder in sorted({path.parent for path in docx_files}):
        target = pdf_dir / folder.name
        target.mkdir(parents=True)
        convert([p for p in docx_files if p.parent == folder], target)
        converted |= {document: target / f"{document.stem}.pdf" for document in docx_files if document.parent == folder}
    return converted


def test_every_example_document_converts_to_pdf(pdfs):
    assert len(pdfs) >= 8
    for document, pdf in pdfs.items():
        assert pdf.exists(), f"LibreOffice n'a pas pu ouvrir {document}"
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


def pdf_lines(pdf: Path) -> list[str]:
    text = subprocess.run([tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, timeout=60).stdout
    return [line.rstrip() for line in text.decode("utf-8").splitlines() if line.strip()]


# A line that ends where French typography forbids a break, or starts with what must stay on the line before.
BAD_END = re.compile(r"(\b[LRD]\.|\bart\.|\bn°|«|\b[LRD]\.[\s\u00a0]*\d+(?:[-\u2011]\d+)*[-\u2011])$")
BAD_START = re.compile(r"^[:;!?»]")


def test_no_line_breaks_inside_a_legal_reference_or_a_quotation(pdfs):
    bad = {
        f"{document.parent.name}/{document.name}": [line for line in pdf_lines(pdf) if BAD_END.search(line) or BAD_START.search(line)]
        for document, pdf in pdfs.items()
    }
    assert bad == {name: [] for name in bad}
    ccap = next(pdf for document, pdf in pdfs.items() if document.name.startswith("CCAP") and "GS-014" in document.parent.name)
    assert any("L.\u00a02112\u20112\u20111" in line or "L. 2112-2-1" in line for line in pdf_lines(ccap))


@pytest.mark.parametrize("name", ["grille-analyse-insertion.docx", "rapport-analyse-insertion.docx"])
def test_table_words_are_never_cut_across_lines(pdfs, name):
    """Column widths fit their content: each word of the sub-criteria is whole on its line."""
    pdf = next(pdf for document, pdf in pdfs.items() if document.name == name and "GS-014" in document.parent.name)
    words = {word for line in pdf_lines(pdf) for word in line.split()}
    assert {"Professionnalisation", "Accompagnement", "Qualification"} <= words
    assert not {"Professionnalisatio", "Accompagnemen", "Qualificatio"} & words
