"""clauses: drafting, award, review and comparison of the social-insertion clauses of French public tenders.

The library's entry points, imported on first use so that ``import generator`` stays cheap:
``generate`` (a whole dossier), ``open_dossier`` (a spec loaded, resolved, with its approval),
``load_spec`` and ``resolve``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_ENTRY_POINTS = {
    "generate": "generator.publish",
    "open_dossier": "generator.dossier",
    "load_spec": "generator.spec.load",
    "resolve": "generator.resolve.model",
}

__all__ = sorted(_ENTRY_POINTS)


def __getattr__(name: str) -> Any:
    if name in _ENTRY_POINTS:
        return getattr(import_module(_ENTRY_POINTS[name]), name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
