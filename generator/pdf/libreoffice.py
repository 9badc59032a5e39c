"""``to_pdf(paths)``: convert Word documents to PDF with LibreOffice, in one run of it.

LibreOffice runs headless with a profile of its own (a temporary folder), so that a
LibreOffice window the user has open neither blocks nor receives the conversion.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from generator.errors import OutputError

# Where the installers put it when it is not on PATH (Windows, macOS).
KNOWN_PLACES = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.exe",
    Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
)
MISSING = (
    "LibreOffice est introuvable : les documents Word sont écrits, mais pas leur copie PDF. "
    "Installez LibreOffice (https://fr.libreoffice.org), ou ouvrez les documents dans Word "
    "et enregistrez-les au format PDF (Fichier > Enregistrer sous)."
)
TIMEOUT_SECONDS = 300


def libreoffice() -> Path | None:
    """The LibreOffice program (``soffice``), or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((place for place in KNOWN_PLACES if place.is_file()), None)


def to_pdf(documents: list[Path]) -> list[Path]:
    """Write ``x.pdf`` beside each ``x.docx``; return the PDF paths. OutputError in French on failure."""
    if not documents:
        return []
    program = libreoffice()
    if program is None:
        raise OutputError(MISSING)
    by_folder: dict[Path, list[Path]] = {}
    for document in documents:
        by_folder.setdefault(document.parent, []).append(document)
    for folder, files in by_folder.items():
        _convert(program, folder, files)
    return [document.with_suffix(".pdf") for document in documents]


def _convert(program: Path, folder: Path, files: list[Path]) -> None:
    started = time.time_ns()
    with tempfile.TemporaryDirectory(prefix="clauses-libreoffice-") as profile:
        command = [str(program), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(folder), *(str(file) for file in files)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OutputError(f"LibreOffice n'a pas pu convertir les documents de {folder} en PDF ({_reason(exc)}).") from exc
    missing = [file.name for file in files if not _fresh(file.with_suffix(".pdf"), started)]
    if result.returncode != 0 or missing:
        raise OutputError(f"LibreOffice n'a pas converti en PDF : {', '.join(missing) or folder.name}. "
                          "Ouvrez le document dans LibreOffice ou Word pour voir ce qui bloque.")


def _fresh(pdf: Path, since_ns: int) -> bool:
    """True when ``pdf`` was written by this run (an older copy does not count)."""
    return pdf.is_file() and pdf.stat().st_mtime_ns >= since_ns - 2_000_000_000  # coarse file-system clocks


def _reason(exc: Exception) -> str:
    if isinstance(exc, subprocess.TimeoutExpired):
        return f"délai de {TIMEOUT_SECONDS} secondes dépassé"
    return "programme impossible à lancer"
