"""How long refusing hostile YAML takes: alias bombs and deep nesting must be refused within a second.

An alias bomb of nine levels once grew by 20 MB/s for minutes (issue 11, point 7).
Each case is a file under a few kilobytes; the time is the best of a few runs of
``load_spec``, which must raise SpecError.

    python benchmarks/bench_hostile_yaml.py [--repetitions N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from generator.errors import SpecError
from generator.spec.load import load_spec

LIMIT_SECONDS = 1.0


def alias_bomb(levels: int) -> str:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


CASES = {
    "alias bomb, 6 levels": alias_bomb(6),
    "alias bomb, 9 levels": alias_bomb(9),
    "alias bomb, 20 levels": alias_bomb(20),
    "10 000 nested brackets": "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
}


def refusal_time(text: str, repetitions: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "spec.yaml"
        path.write_text(text, encoding="utf-8")
        best = float("inf")
        for _ in range(repetitions):
            start = time.perf_counter()
            try:
                load_spec(path)
            except SpecError:
                pass
            else:
                raise AssertionError("a hostile file was accepted")
            best = min(best, time.perf_counter() - start)
        return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    failed = False
    for name, text in CASES.items():
        seconds = refusal_time(text, args.repetitions)
        failed |= seconds > LIMIT_SECONDS
        print(f"{name:<28} {len(text.encode()):>8} bytes  refused in {seconds * 1000:7.1f} ms")
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
