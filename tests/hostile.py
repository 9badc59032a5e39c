"""Helpers of the hostile-input tests: specs built from dicts, YAML attacks, the files a run leaves."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import MINIMAL_SPEC

_MINIMAL: dict[str, Any] = yaml.safe_load(MINIMAL_SPEC)
# With a penalty, the minimal spec triggers no review rule at all.
BASE: dict[str, Any] = {"consultation": _MINIMAL["consultation"], "parametres": {"penalite_par_heure": 50}, "lots": _MINIMAL["lots"]}
DELETE = object()  # a change that removes the key


def spec_dict(**changes: Any) -> dict[str, Any]:
    """The minimal spec (no finding at all) with dotted-path changes: ``{"lots.0.heures": 5}``."""
    data = copy.deepcopy(BASE)
    for dotted, value in changes.items():
        *parents, last = [int(part) if part.isdigit() else part for part in dotted.split(".")]
        node = data
        for part in parents:
            node = node[part]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value
    return data


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write(folder: Path, data: Any, name: str = "spec.yaml") -> Path:
    path = folder / name
    path.write_text(dump(data), encoding="utf-8")
    return path


def alias_bomb(levels: int) -> str:
    """A few hundred bytes that expand nine-fold per level (the billion laughs)."""
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    return "\n".join(lines) + "\n"


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []
