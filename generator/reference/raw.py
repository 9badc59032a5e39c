"""The raw YAML content of a data file shipped in ``generator/data``, read once per process.

Apart from the data module's typed models, which read every other file through it,
only the CLI reads a file raw (click_fr.yaml): it needs neither pydantic nor the
models, so that ``clauses --help`` does not pay for them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from generator.errors import ReferenceDataError


@cache
def data_file(name: str) -> dict[str, Any]:
    """The raw content of ``data/<name>.yaml`` (read once per process).

    Only the CLI's own click_fr.yaml is read raw; every other file goes through ``data.load``.
    """
    resource = resources.files("generator") / "data" / f"{name}.yaml"
    try:
        # libyaml when available: the data files are read by every command, at start-up.
        content = yaml.load(resource.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise ReferenceDataError(f"Fichier de référence illisible : data/{name}.yaml ({exc})") from exc
    if not isinstance(content, dict):
        raise ReferenceDataError(f"Fichier de référence vide ou mal formé : data/{name}.yaml")
    return content
