"""How long generating a dossier takes, against a baseline measured in the same run.

Baseline: python-docx opening and saving the dossier's templates, with no rendering
(the least any .docx tool does for these files). Target: the full pipeline
(load, validate, resolve, render, write) stays within a small multiple of it.

    python benchmarks/bench_generate.py [--repetitions N]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

import docx

from generator import generate
from generator.templates import shipped_templates

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "market_specs" / "2026-NM-GS-014-groupe-scolaire.yaml"


def best_of(repetitions: int, action) -> float:
    """Best wall time of ``repetitions`` runs (the least disturbed by the machine)."""
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def baseline(names: list[str]) -> None:
    for name in names:
        docx.Document(str(shipped_templates() / name)).save(io.BytesIO())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        names = [path.name for path in generate(SPEC, out) if path.suffix == ".docx"]
        reference = best_of(args.repetitions, lambda: baseline(names))
        full = best_of(args.repetitions, lambda: generate(SPEC, out))
    print(f"documents par dossier           : {len(names)}")
    print(f"référence (ouvrir + enregistrer): {reference * 1000:8.1f} ms")
    print(f"clauses generer (un dossier)    : {full * 1000:8.1f} ms")
    print(f"ratio generer / référence       : {full / reference:8.2f}")


if __name__ == "__main__":
    main()
