"""Writing files safely: atomic writes, confined output folders, deterministic zips.

- Deterministic bytes: zip entries get a fixed date, so the same input gives the
  same file and two versions of a dossier can be compared.
- Atomic writes: a temporary file in the same folder, then renamed.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

from generator.errors import OutputError, system_reason

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# An evaluation grid weighs a few hundred kilobytes once unzipped; far above that is a zip bomb.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000


def normalize_zip(data: bytes) -> bytes:
    """Rewrite an Office zip with fixed entry dates so that equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def output_folder(root: Path, reference: str) -> Path:
    """``root/reference``, refusing any reference that would leave ``root``."""
    root = root.resolve()
    folder = (root / reference).resolve()
    if folder.parent != root:
        raise OutputError(f"Référence « {reference} » refusée : le dossier produit sortirait de {root}.")
    return folder


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; documents are meant to be shared
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"Écriture impossible de {path} : {system_reason(exc)}.") from exc


def zip_bomb_problem(path: Path) -> str | None:
    """Why the zip at ``path`` must not be opened (too large once unzipped), or None.

    Reads the central directory only; Python's zipfile never inflates an entry
    beyond the size the directory declares, so the check cannot be lied to.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return None  # not a zip at all: the reader says so in its own words
    total = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ZIP_ENTRIES:
        return f"classeur anormal de {len(entries)} parties (une grille en compte une vingtaine) : il n'a pas été ouvert"
    if total > MAX_UNZIPPED_BYTES:
        return (f"classeur anormalement volumineux une fois décompressé ({total // (1024 * 1024)} Mo ; "
                "une grille en fait moins de 1) : il n'a pas été ouvert")
    return None
