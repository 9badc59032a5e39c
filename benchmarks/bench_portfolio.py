"""A facilitator's whole portfolio, three ways in one run: the tool, naive docxtpl, and the zip floor.

    python benchmarks/bench_portfolio.py [--specs 400] [--echantillon 10]

It builds its own seeded synthetic portfolio (``portfolio.py``: 400 specs, 1 484 lots,
every mechanism), then measures:

- per .docx, on every ``--echantillon``-th spec: the tool's rendering (prepared
  templates, warm), a naive docxtpl load-render-save of the same template and
  context, and merely writing the finished file's parts as a deflated zip (the floor);
- ``clauses generer`` on the whole portfolio: CPU of every process, wall time, peak memory;
- ``clauses verifier`` on the whole portfolio: CPU;
- the start-up of a single-spec command, ``clauses heures``: best wall time of five,
  against its floor: a Python that merely imports the libraries any spec command
  needs (click, PyYAML, pydantic with one model, Babel formatting a French number).

The package's bytecode is compiled first, as ``pip install`` does: a checkout run with
PYTHONDONTWRITEBYTECODE set would otherwise recompile every changed module at each start.

Goals (issue 10): per .docx at least 10x faster than naive docxtpl and no slower
than the zip floor; generer under 10 s of CPU in total; verifier under 0.5 s;
a single-spec command under 0.15 s.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from portfolio import SEED, build_portfolio

import generator
from generator.award.grid import grid_context
from generator.dossier import open_dossier
from generator.drafting.render import jinja_env, render_docx
from generator.publish import dossier_documents
from generator.templates import TemplateSet

# The command, reporting the peak memory of its processes (KiB) into the file named by $CLAUSES_PEAK:
# its own high-water mark (VmHWM: ru_maxrss would include the benchmark it was forked from)
# and its workers' (forked from it, so ru_maxrss of its children is theirs). Linux only.
CLAUSES = [sys.executable, "-c", (
    "import atexit, os, resource\n"
    "def peak():\n"
    "    own = next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith('VmHWM'))\n"
    "    open(os.environ['CLAUSES_PEAK'], 'w').write(str(max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)))\n"
    "atexit.register(peak)\n"
    "from generator.cli.commands import main\n"
    "main()"
)]


# What any command that validates a spec pays before a line of the tool runs.
LIBRARIES = [sys.executable, "-c", (
    "import click, yaml\n"
    "from pydantic import BaseModel, RootModel\n"
    "from babel.numbers import format_decimal\n"
    "class Model(BaseModel):\n"
    "    x: int\n"
    "format_decimal(1234.5, locale='fr_FR')"
)]


def documents(spec: Path) -> list[tuple[TemplateSet, str, dict[str, Any]]]:
    """Each .docx of a spec's dossier: templates folder, template name, context."""
    dossier = open_dossier(spec)
    context, planned = dossier_documents(dossier)
    grid = grid_context(context, []).as_mapping()
    docx = [doc.filename for doc in planned if doc.filename.endswith(".docx")]
    return [(dossier.templates, name, grid if name.startswith("grille") else context.as_mapping()) for name in docx]


def naive(folder: TemplateSet, name: str, context: dict[str, Any]) -> bytes:
    """What a docxtpl user writes: load the template, render, save."""
    template = DocxTemplate(str(folder / name))
    template.render(context, jinja_env=jinja_env(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def zip_floor(parts: list[tuple[str, bytes]]) -> bytes:
    """The least any tool does: write the finished parts as a deflated zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(name, data)
    return buffer.getvalue()


def cpu_timed(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def per_docx(specs: list[Path]) -> tuple[int, float, float, float]:
    """Documents measured and the mean CPU per .docx of the tool, naive docxtpl and the zip floor."""
    jobs = [job for spec in specs for job in documents(spec)]
    for folder, name, context in jobs:  # warm up: each template prepared once, as in a run
        render_docx(folder, name, context)
    tool = naive_total = floor = 0.0
    for folder, name, context in jobs:
        tool += cpu_timed(lambda f=folder, n=name, c=context: render_docx(f, n, c))
        naive_total += cpu_timed(lambda f=folder, n=name, c=context: naive(f, n, c))
        with zipfile.ZipFile(io.BytesIO(render_docx(folder, name, context))) as finished:
            parts = [(item.filename, finished.read(item.filename)) for item in finished.infolist()]
        floor += cpu_timed(lambda p=parts: zip_floor(p))
    return len(jobs), tool / len(jobs), naive_total / len(jobs), floor / len(jobs)


def children_cpu(command: list[str]) -> tuple[float, float, int]:
    """CPU (user + system) of ``command`` and every process it started, its wall time, and its peak memory in MiB."""
    with tempfile.NamedTemporaryFile() as peak:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env={**os.environ, "CLAUSES_PEAK": peak.name})
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall, int(Path(peak.name).read_text() or 0) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--specs", type=int, default=400)
    parser.add_argument("--echantillon", type=int, default=10, help="mesure par .docx sur une spécification sur N")
    args = parser.parse_args()
    compileall.compile_dir(Path(generator.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        lots = 1484 * args.specs // 400
        specs = build_portfolio(root / "specs", args.specs, lots, SEED)
        count, tool, naive_docx, floor = per_docx(specs[:: args.echantillon])
        tenth = root / "dixieme"
        tenth.mkdir()
        for spec in specs[:: 10]:
            (tenth / spec.name).write_bytes(spec.read_bytes())
        small_cpu, _, small_peak = children_cpu([*CLAUSES, "generer", str(tenth), "-o", str(root / "out-dixieme"), "-q"])
        generer_cpu, generer_wall, peak = children_cpu([*CLAUSES, "generer", str(root / "specs"), "-o", str(root / "out"), "-q"])
        written = sum(1 for path in (root / "out").rglob("*") if path.is_file())
        verifier_cpu, verifier_wall, _ = children_cpu([*CLAUSES, "verifier", str(root / "specs")])
        starts = [children_cpu([*CLAUSES, "heures", str(specs[0])]) for _ in range(5)]
        floors = [children_cpu(LIBRARIES) for _ in range(5)]
    ratio, spread = naive_docx / tool, floor / tool
    lines = [
        f"portefeuille : {args.specs} spécifications, {lots} lots (graine {SEED})",
        f"par .docx ({count} documents mesurés, temps CPU moyen) :",
        f"  clauses (modèles préparés)                 : {fr(tool * 1000, 2)} ms",
        f"  docxtpl naïf (charger, rendre, enregistrer) : {fr(naive_docx * 1000, 2)} ms, soit {fr(ratio, 1)} fois plus lent",
        f"  plancher zip (écrire le .docx fini)        : {fr(floor * 1000, 2)} ms, soit {fr(spread, 2)} fois le temps de clauses",
        f"clauses generer ({written} fichiers) : {fr(generer_cpu, 2)} s de CPU en tout, {fr(generer_wall, 2)} s écoulées, "
        f"mémoire maximale d'un processus {peak} Mo",
        f"  sur un dixième du portefeuille : {fr(small_cpu, 2)} s de CPU, mémoire maximale d'un processus {small_peak} Mo",
        f"clauses verifier : {fr(verifier_cpu, 2)} s de CPU, {fr(verifier_wall, 2)} s écoulées",
        f"démarrage de clauses heures (meilleur de 5) : {fr(min(wall for _, wall, _ in starts), 3)} s écoulées, "
        f"{fr(min(cpu for cpu, _, _ in starts), 3)} s de CPU",
        f"  plancher (Python important click, PyYAML, pydantic et Babel) : {fr(min(wall for _, wall, _ in floors), 3)} s écoulées, "
        f"clauses heures en prend {fr(min(wall for _, wall, _ in starts) / min(wall for _, wall, _ in floors), 2)} fois plus",
    ]
    print("\n".join(lines))


def fr(value: float, decimals: int) -> str:
    """A figure with a decimal comma, as the README shows it."""
    return f"{value:.{decimals}f}".replace(".", ",")

if __name__ == "__main__":
    main()
