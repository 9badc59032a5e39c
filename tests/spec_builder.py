"""Changes to the minimal spec (conftest.MINIMAL_SPEC) given as keyword arguments, for short test tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import spec_data, spec_yaml

BLOCKS = {"lot": ("lots", 0), "consultation": ("consultation",), "acheteur": ("consultation", "acheteur"),
          "facilitateur": ("consultation", "facilitateur"), "": ()}


def spec(**changes: Any) -> dict[str, Any]:
    """The minimal spec with ``changes``: ``lot__x=1`` sets lots[0].x (``consultation__``, ``acheteur__``…); None removes."""
    data = spec_data()
    for name, value in changes.items():
        block, _, key = name.rpartition("__")
        node: Any = data
        for part in BLOCKS[block]:
            node = node[part]
        if value is None:
            del node[key]
        else:
            node[key] = value
    return data


def write(tmp_path: Path, data: dict[str, Any], name: str = "spec.yaml") -> Path:
    """``data`` as YAML in ``tmp_path/name``."""
    path = tmp_path / name
    path.write_text(spec_yaml(data), encoding="utf-8")
    return path
