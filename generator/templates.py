"""Where the .docx templates come from: the set shipped with the package."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def shipped_templates() -> Path:
    """The folder of the templates shipped with the package."""
    return Path(str(resources.files("clause_templates")))
