"""A dossier is replaced as a whole or not at all: kills, failed writes, read-only folders, leftovers."""

import os
import re
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from generator.folders import recover, replace_folder
from tests.conftest import MINIMAL_SPEC

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="resource limits and signals are POSIX")


def spec(folder: Path, reference: str, objet: str = "Réfection de la voirie", **changes) -> Path:
    data = yaml.safe_load(MINIMAL_SPEC)
    data["consultation"].update(reference=reference, objet=objet, **changes)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{reference}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def clauses(*args: str, limit: int | None = None) -> subprocess.CompletedProcess:
    """``clauses generer`` in its own process; ``limit`` caps the size of any file it writes (bytes)."""

    def cap() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the cap fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = [sys.executable, "-c", "from generator.cli.commands import main; main()", "generer", *args]
    return subprocess.run(command, capture_output=True, text=True, preexec_fn=cap if limit else None, check=False)


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def hidden(root: Path) -> list[str]:
    return sorted(path.name for path in root.iterdir() if path.name.startswith("."))


@POSIX_ONLY
def test_a_failed_write_leaves_the_old_dossier_entirely_in_place_and_says_so(tmp_path):
    """As on a full disk: the new RC is too big to be written, so nothing of the new dossier is kept."""
    out = tmp_path / "out"
    assert clauses(str(spec(tmp_path / "v1", "T-1")), "-o", str(out)).returncode == 0
    before = contents(out / "T-1")
    result = clauses(str(spec(tmp_path / "v2", "T-1", objet="Autre objet")), "-o", str(out), limit=20_000)
    assert result.returncode == 8
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        f"Écriture impossible du dossier {out / 'T-1'} (fichier trop volumineux pour le système). Le dossier précédent est conservé tel quel."
    )
    assert contents(out / "T-1") == before
    assert hidden(out) == []


@POSIX_ONLY
def test_a_failed_first_write_creates_no_dossier(tmp_path):
    result = clauses(str(spec(tmp_path, "T-1")), "-o", str(tmp_path / "out"), limit=20_000)
    assert result.returncode == 8
    assert result.stderr.splitlines()[0].endswith("(fichier trop volumineux pour le système). Aucun dossier n'a été créé.")
    assert list((tmp_path / "out").iterdir()) == []


@POSIX_ONLY
def test_a_run_killed_midway_leaves_each_dossier_entirely_old_or_entirely_new(tmp_path):
    out, references = tmp_path / "out", [f"T-{n}" for n in range(6)]
    old = [spec(tmp_path / "v1", reference) for reference in references]
    new = [spec(tmp_path / "v2", reference, objet="Nouvel objet") for reference in references]
    assert clauses(*map(str, old), "-o", str(out)).returncode == 0
    assert clauses(*map(str, new), "-o", str(tmp_path / "attendu")).returncode == 0
    expected_old = {reference: contents(out / reference) for reference in references}
    expected_new = {reference: contents(tmp_path / "attendu" / reference) for reference in references}
    command = [sys.executable, "-c", "from generator.cli.commands import main; main()", "generer", *map(str, new), "-o", str(out), "-j", "1"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        process.stdout.readline()  # the first dossier is replaced; the next one is being written
        process.send_signal(signal.SIGKILL)
    for reference in references:
        assert contents(out / reference) in (expected_old[reference], expected_new[reference]), reference
    assert contents(out / references[0]) == expected_new[references[0]]
    assert clauses(*map(str, new), "-o", str(out)).returncode == 0
    assert {reference: contents(out / reference) for reference in references} == expected_new
    assert hidden(out) == []


def test_files_the_tool_does_not_produce_are_carried_over_and_stale_documents_removed(tmp_path):
    folder = tmp_path / "T-1"
    folder.mkdir()
    (folder / "mes-notes.txt").write_text("à garder", encoding="utf-8")
    (folder / "annexes").mkdir()
    (folder / "annexes" / "plan.pdf").write_bytes(b"%PDF")
    (folder / "CCTP-marche-insertion.docx").write_bytes(b"ancien")
    replace_folder(folder, {"RC-clause-insertion.docx": b"nouveau"}, ["RC-clause-insertion.docx", "CCTP-marche-insertion.docx"])
    assert sorted(path.name for path in folder.iterdir()) == ["RC-clause-insertion.docx", "annexes", "mes-notes.txt"]
    assert (folder / "mes-notes.txt").read_text(encoding="utf-8") == "à garder"
    assert (folder / "annexes" / "plan.pdf").read_bytes() == b"%PDF"
    assert (folder / "RC-clause-insertion.docx").read_bytes() == b"nouveau"
    assert hidden(tmp_path) == []


def test_reference_folder_that_is_a_file_gives_a_french_error_and_is_left_alone(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "T-1").write_text("un fichier", encoding="utf-8")
    result = clauses(str(spec(tmp_path, "T-1")), "-o", str(out))
    assert result.returncode == 8
    assert result.stderr.splitlines()[0] == (
        f"{out / 'T-1'} est un fichier, pas un dossier : déplacez-le ou choisissez une autre sortie (-o). Rien n'a été écrit."
    )
    assert (out / "T-1").read_text(encoding="utf-8") == "un fichier"


@POSIX_ONLY
def test_read_only_output_folder_gives_a_french_error_and_keeps_the_old_dossier(tmp_path):
    out = tmp_path / "out"
    assert clauses(str(spec(tmp_path / "v1", "T-1")), "-o", str(out)).returncode == 0
    before = contents(out / "T-1")
    with read_only(out):
        result = clauses(str(spec(tmp_path / "v2", "T-1", objet="Autre objet")), "-o", str(out))
    assert result.returncode == 8
    assert "Traceback" not in result.stderr
    assert re.fullmatch(
        rf"Écriture impossible du dossier {re.escape(str(out / 'T-1'))} \((accès refusé|opération non permise)\)\. "
        "Le dossier précédent est conservé tel quel.",
        result.stderr.splitlines()[0],
    )
    assert contents(out / "T-1") == before


def test_leftovers_of_a_killed_run_are_cleaned_and_an_old_dossier_set_aside_is_put_back(tmp_path):
    dead = dead_pid()
    folder = tmp_path / "T-1"
    (tmp_path / f".T-1.ancien-{dead}").mkdir()
    (tmp_path / f".T-1.ancien-{dead}" / "RC-clause-insertion.docx").write_bytes(b"ancien")
    (tmp_path / f".T-1.nouveau-{dead}").mkdir()
    (tmp_path / f".T-1.nouveau-{dead}" / "RC-clause-insertion.docx").write_bytes(b"moitie")
    (tmp_path / ".T-10.nouveau-1").mkdir()  # another reference's: not ours to touch
    recover(folder)
    assert contents(folder) == {"RC-clause-insertion.docx": b"ancien"}
    assert hidden(tmp_path) == [".T-10.nouveau-1"]


def test_a_staging_folder_of_a_run_still_going_is_left_alone(tmp_path):
    parent = os.getppid()
    (tmp_path / f".T-1.nouveau-{parent}").mkdir()
    recover(tmp_path / "T-1")
    assert hidden(tmp_path) == [f".T-1.nouveau-{parent}"]


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` made read-only: by its mode, or for root (who ignores modes) with the immutable flag."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False).returncode != 0:
        pytest.skip("run as root on a file system without chattr: no way to make a folder read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
