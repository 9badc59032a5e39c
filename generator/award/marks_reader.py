"""``read_marks``: the marks of a filled .xlsx grid or of a .yaml marks file, by the file's kind."""

from __future__ import annotations

from pathlib import Path

from generator.award.marks import MarkSheet, marks_error
from generator.award.marks_xlsx import read_grid
from generator.award.marks_yaml import read_marks_yaml
from generator.resolve.model import ResolvedSpec


def read_marks(path: Path, resolved: ResolvedSpec) -> MarkSheet:
    """Read a filled .xlsx grid or a .yaml marks file and check it belongs to ``resolved``."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        sheet = read_grid(path, resolved)
    elif suffix in (".yaml", ".yml"):
        sheet = read_marks_yaml(path, resolved)
    else:
        raise marks_error(path, ["format non reconnu : donnez la grille .xlsx remplie ou un fichier de notes .yaml"])
    return sheet
