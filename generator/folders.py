"""Replacing a dossier folder as a whole: it is entirely old or entirely new, never a mix.

The durability rule:

1. The new dossier is written into a hidden sibling, ``.<reference>.nouveau-<pid>``,
   together with hard links (or copies) of every file of the old folder that the
   tool does not produce (a filled grid, a report, the user's own files).
2. Its files reach the disk with one flush for the dossier (``syncfs`` on Linux,
   one ``fsync`` per file elsewhere), not one per document.
3. The old folder is renamed aside (``.<reference>.ancien-<pid>``), the new one
   renamed into place, the parent folder flushed, and the old one deleted.

A run killed before step 3 leaves the old dossier in place and a staging folder that
the next run for that reference deletes; killed between the two renames, it leaves
the old dossier aside, and the next run puts it back. A write that fails (full disk,
read-only folder) deletes the staging folder and says that the old dossier is intact.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from generator.errors import OutputError, system_reason

STAGING, RETIRED = "nouveau", "ancien"


def replace_folder(folder: Path, files: dict[str, bytes], produced: Iterable[str]) -> None:
    """Make ``folder`` hold ``files`` plus whatever it held that is not in ``produced``.

    ``produced`` names every file the tool writes into such a folder: those the
    new dossier no longer needs disappear with the old folder; any other file
    is carried over unchanged.
    """
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} est un fichier, pas un dossier : déplacez-le ou choisissez une autre sortie (-o). Rien n'a été écrit.")
    staging = _sibling(folder, STAGING, os.getpid())
    try:
        recover(folder)
        _stage(staging, folder, files, set(produced) | set(files))
        _swap(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        state = "Le dossier précédent est conservé tel quel." if folder.is_dir() else "Aucun dossier n'a été créé."
        raise OutputError(f"Écriture impossible du dossier {folder} ({system_reason(exc)}). {state}") from exc


def recover(folder: Path) -> None:
    """Clean what a killed run left beside ``folder``: put an old dossier back, delete staging folders."""
    for leftover in sorted(folder.parent.glob(f".{folder.name}.*-*")) if folder.parent.is_dir() else []:
        kind, _, pid = leftover.name[len(folder.name) + 2 :].partition("-")
        if kind not in (STAGING, RETIRED) or not pid.isdigit() or _running(int(pid)):
            continue
        if kind == RETIRED and not folder.exists():
            leftover.rename(folder)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _sibling(folder: Path, kind: str, pid: int) -> Path:
    return folder.parent / f".{folder.name}.{kind}-{pid}"


def _running(pid: int) -> bool:
    """True when process ``pid`` is alive (its folders belong to a run still going)."""
    if pid == os.getpid():
        return False  # ours are from an earlier dossier of this run: never in use now
    if os.name == "nt":
        return True  # no safe liveness test without extra dependencies: leave them
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stage(staging: Path, folder: Path, files: dict[str, bytes], produced: set[str]) -> None:
    """Write the new dossier into ``staging``, with the old folder's other files, and flush it."""
    staging.mkdir(parents=True)
    written = []
    for name, data in files.items():
        with open(staging / name, "wb") as stream:
            stream.write(data)
        written.append(staging / name)
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name not in produced:
                _carry(entry, staging / entry.name)
    _flush(staging, written)


def _carry(source: Path, target: Path) -> None:
    """Bring a file the tool did not produce into the new folder (hard link when possible)."""
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, symlinks=True, copy_function=_link_or_copy)
    elif source.is_symlink():
        target.symlink_to(os.readlink(source))
    else:
        _link_or_copy(str(source), str(target))


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _flush(folder: Path, files: list[Path]) -> None:
    """Put the staged files on disk: one ``syncfs`` on Linux, else one ``fsync`` per file."""
    if not (sys.platform == "linux" and _syncfs(folder)):
        for path in files:
            with open(path, "rb+") as stream:
                os.fsync(stream.fileno())
    _fsync_folder(folder)


@cache
def _libc_syncfs() -> Callable[[int], int] | None:
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
    except OSError:
        return None


def _syncfs(folder: Path) -> bool:
    """``syncfs(2)`` on the file system of ``folder``; False where libc does not offer it."""
    syncfs = _libc_syncfs()
    if syncfs is None:
        return False
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        return syncfs(descriptor) == 0
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    """Make the names in ``folder`` durable (POSIX; Windows has no directory fsync)."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _swap(staging: Path, folder: Path) -> None:
    """Rename the old folder aside, the new one into place, then delete the old one."""
    retired = _sibling(folder, RETIRED, os.getpid())
    if folder.is_dir():
        folder.rename(retired)
        try:
            staging.rename(folder)
        except OSError:
            retired.rename(folder)
            raise
    else:
        staging.rename(folder)
    _fsync_folder(folder.parent)
    shutil.rmtree(retired, ignore_errors=True)
