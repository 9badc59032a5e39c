"""How the commands read and show paths: the spec files an argument names, a path relative to the current folder."""

from __future__ import annotations

from pathlib import Path


def shown(path: Path) -> Path:
    """``path`` relative to the current folder when it lies below it (shorter to read)."""
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


DEFAULT_SPECS = Path("market_specs")


def spec_files(arguments: tuple[Path, ...]) -> list[Path]:
    """The spec files named on the command line; a folder stands for its .yaml files."""
    found: list[Path] = []
    for argument in arguments or (DEFAULT_SPECS,):
        if argument.is_dir():
            found += sorted(p for p in argument.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.endswith(".revue.yaml"))
        else:
            found.append(argument)
    return found
