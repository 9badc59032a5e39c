"""How the commands show a path: relative to the current folder when it lies below it."""

from __future__ import annotations

from pathlib import Path


def shown(path: Path) -> Path:
    """``path`` relative to the current folder when it lies below it (shorter to read)."""
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
