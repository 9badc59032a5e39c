"""The benchmark's synthetic portfolio is valid, uses every mechanism, and its measures run."""

import subprocess
import sys
from collections import Counter

import yaml

from generator.spec.load import load_spec
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_portfolio import LIBRARIES, documents, per_docx
from portfolio import MECHANISMS, build_portfolio


def test_the_portfolio_is_seeded_valid_and_uses_every_mechanism(tmp_path):
    paths = build_portfolio(tmp_path / "a", specs=12, lots=48)
    again = build_portfolio(tmp_path / "b", specs=12, lots=48)
    assert [path.read_bytes() for path in paths] == [path.read_bytes() for path in again]
    specs = [load_spec(path) for path in paths]
    assert sum(len(spec.lots) for spec in specs) == 48
    used = Counter(lot["dispositif"] for path in paths for lot in yaml.safe_load(path.read_text(encoding="utf-8"))["lots"])
    assert set(used) == set(MECHANISMS)
    assert any(not spec.allotie for spec in specs)


def test_the_per_document_measure_runs_the_three_ways(tmp_path):
    paths = build_portfolio(tmp_path, specs=2, lots=5)
    assert {name for _, name, _ in documents(paths[0])} >= {"RC-clause-insertion.docx", "note-revue.docx"}
    count, tool, naive, floor = per_docx(paths[:1])
    assert count == len(documents(paths[0]))
    assert min(tool, naive, floor) > 0


def test_the_start_up_floor_runs_what_a_spec_command_needs():
    run = subprocess.run(LIBRARIES, capture_output=True, text=True, check=False)
    assert (run.returncode, run.stderr) == (0, "")
