"""Generating many dossiers in one run: worker processes, results in input order, duplicate references refused.

Each worker generates and writes whole dossiers and sends back only a small
``Outcome`` (paths, findings, or the French error), so memory stays flat with the
number of specs. A spec in error is reported with the others; it never stops them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator.drafting.render import prepare_templates
from generator.errors import CheckError, ClausesError, SpecError, system_message
from generator.publish import Generated, generate_dossier
from generator.review.findings import Finding
from generator.spec.yaml_loader import load
from generator.templates import template_set


@dataclass(frozen=True)
class RunOptions:
    """What every dossier of a run shares: where to write, which templates, how strict."""

    output: Path
    templates: Path | None = None
    strict: bool = False


@dataclass(frozen=True)
class Outcome:
    """One spec of a run: what was generated, or the French message of why not."""

    path: Path
    generated: Generated | None = None
    error: str | None = None
    error_kind: type[Exception] | None = None  # its family decides the exit code
    findings: list[Finding] = field(default_factory=list)  # of a spec that --strict stopped


def generate_all(paths: list[Path], options: RunOptions, workers: int | None = None) -> Iterator[Outcome]:
    """Generate every spec, yielding one ``Outcome`` per path in the order of ``paths``.

    ``workers`` processes share the specs (default: one per core, one process for
    a single spec). Specs that share a reference are all refused, naming each other.
    """
    refused = duplicate_references(paths)
    todo = [path for path in paths if path not in refused]
    results = _run(todo, options, _worker_count(workers, len(todo)))
    for path in paths:
        yield Outcome(path, error=refused[path], error_kind=SpecError) if path in refused else next(results)


def generate_one(path: Path, options: RunOptions) -> Outcome:
    """One spec's dossier, or its French error (in a worker or in this process)."""
    try:
        generated = generate_dossier(path, options.output, options.templates, options.strict)
    except CheckError as exc:  # the spec fails, but its checks still count in the summary
        return Outcome(path, error=str(exc), error_kind=CheckError, findings=exc.findings)
    except ClausesError as exc:
        return Outcome(path, error=str(exc), error_kind=type(exc))
    except OSError as exc:  # a file the system refuses: reported, and the other specs still run
        return Outcome(path, error=system_message(exc), error_kind=type(exc))
    return Outcome(path, generated)


def _run(paths: list[Path], options: RunOptions, workers: int) -> Iterator[Outcome]:
    if workers <= 1:
        yield from (generate_one(path, options) for path in paths)
        return
    context = _context()
    if context.get_start_method() == "fork":
        _prepare(options)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        chunk = max(1, min(8, len(paths) // (workers * 4)))
        yield from pool.map(generate_one, paths, [options] * len(paths), chunksize=chunk)


def _prepare(options: RunOptions) -> None:
    """Prepare the templates once here rather than once per worker (which inherit them when forked).

    Templates that cannot be used are left for each spec to report.
    """
    with contextlib.suppress(ClausesError):
        prepare_templates(template_set(options.templates))


def _context() -> multiprocessing.context.BaseContext:
    """fork on Linux (workers inherit the imported modules); the platform's default elsewhere."""
    return multiprocessing.get_context("fork" if sys.platform == "linux" else None)


def _worker_count(requested: int | None, specs: int) -> int:
    if requested is not None:
        return max(1, min(requested, specs))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, specs))


def duplicate_references(paths: list[Path]) -> dict[Path, str]:
    """The specs whose reference another spec of the run also has, each with its French refusal.

    References are compared without case, as Windows and macOS compare folder names.
    A file that cannot be read here is left for generation to report.
    """
    references = {path: _reference(path) for path in paths}
    owners: dict[str, list[Path]] = {}
    for path in paths:
        reference = references[path]
        if reference is not None:
            owners.setdefault(reference.casefold(), []).append(path)
    refused = {}
    for same in (group for group in owners.values() if len(group) > 1):
        for path in same:
            others = ", ".join(str(other) for other in same if other != path)
            refused[path] = (
                f"{path} : refusée, la référence « {references[path]} » est aussi celle de {others} ; "
                "deux spécifications d'une même génération écriraient le même dossier. Donnez à chacune sa propre référence."
            )
    return refused


def _reference(path: Path) -> str | None:
    """``consultation.reference`` read quickly (no validation), or None when it cannot be read."""
    try:
        reference = load(path.read_text(encoding="utf-8"))[1]["consultation"]["reference"]
    except Exception:  # any unreadable spec is reported by generation itself
        return None
    return reference if isinstance(reference, str) else None
