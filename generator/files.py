"""Writing files safely: atomic writes, confined output folders, deterministic zips.

- Deterministic bytes: zip entries and document properties get a fixed date, so the
  same input gives the same file and two versions of a dossier can be compared.
- Atomic writes: a temporary file in the same folder, then renamed.
- Compress once: a zip member is deflated once into a ``ZipMember``, which can be
  written into any number of archives (a template's unchanged parts are deflated
  once per run, not once per document).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import OutputError, system_reason

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FIXED_DATE = dt.datetime(2026, 1, 1)  # creation and modification date of every document and workbook written
# An evaluation grid weighs a few hundred kilobytes once unzipped; far above that is a zip bomb.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000


@dataclass(frozen=True)
class ZipMember:
    """One deflated zip member: its name, compressed bytes, CRC and uncompressed size."""

    name: str
    deflated: bytes
    crc: int
    size: int


def deflate(name: str, data: bytes) -> ZipMember:
    """Compress ``data`` exactly as ``zipfile`` does for a ZIP_DEFLATED member (default level)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return ZipMember(name, compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


def write_zip(members: Iterable[ZipMember]) -> bytes:
    """An archive of already deflated members, byte for byte what ``zipfile`` writes for them.

    The headers and the central directory are zipfile's own (``ZipInfo.FileHeader``
    and ``ZipFile.close``); only the compression, done beforehand, is skipped.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in members:
            info = zipfile.ZipInfo(member.name, date_time=FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.header_offset = out.tell()
            info.CRC, info.compress_size, info.file_size = member.crc, len(member.deflated), member.size
            out.write(info.FileHeader(False))
            out.write(member.deflated)
            archive.filelist.append(info)
            archive.NameToInfo[info.filename] = info
            archive.start_dir = out.tell()
            archive._didModify = True  # type: ignore[attr-defined]  # so that close() writes the central directory
    return out.getvalue()


def zip_members(data: bytes) -> list[ZipMember]:
    """The members of a zip, in order, each deflated again as ``write_zip`` expects."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return [deflate(item.filename, source.read(item.filename)) for item in source.infolist()]


def normalize_zip(data: bytes) -> bytes:
    """Rewrite an Office zip with fixed entry dates so that equal content gives equal bytes."""
    return write_zip(zip_members(data))


def fixed_properties(props: Any, title: str) -> None:
    """A new Word document's core properties (python-docx), the same on every build: title, author, language, dates."""
    props.title, props.author, props.last_modified_by = title, "clauses", "clauses"
    props.language, props.created, props.modified, props.revision = "fr-FR", FIXED_DATE, FIXED_DATE, 1


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


def zip_bomb_problem(path: Path, usual: str = "une grille") -> str | None:
    """Why the zip at ``path`` must not be opened (too large once unzipped), or None.

    ``usual`` names the workbook expected (« une fiche de suivi »), for comparison in the message.

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
        return f"classeur anormal de {len(entries)} parties ({usual} en compte une vingtaine) : il n'a pas été ouvert"
    if total > MAX_UNZIPPED_BYTES:
        return (f"classeur anormalement volumineux une fois décompressé ({total // (1024 * 1024)} Mo ; "
                f"{usual} en fait moins de 1) : il n'a pas été ouvert")
    return None
