"""Helpers of the hostile-input tests: specs built from dicts, YAML attacks, the files a run leaves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.conftest import DELETE, edited, spec_data, spec_yaml

__all__ = ["BASE", "DELETE", "alias_bomb", "dump", "files_under", "spec_dict", "write"]

_MINIMAL = spec_data()
# With a penalty, the minimal spec triggers no review rule at all.
BASE: dict[str, Any] = {"consultation": _MINIMAL["consultation"], "parametres": {"penalite_par_heure": 50}, "lots": _MINIMAL["lots"]}
dump = spec_yaml


def spec_dict(**changes: Any) -> dict[str, Any]:
    """BASE with conftest's ``edited`` changes (dotted paths: ``{"lots.0.heures": 5}``)."""
    return yaml.safe_load(edited(changes, BASE))


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
