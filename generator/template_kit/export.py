"""``clauses modeles exporter``: an editable copy of the shipped templates and their guide."""

from __future__ import annotations

from pathlib import Path

from generator.errors import OutputError
from generator.files import write_atomic
from generator.templates import shipped_names, shipped_templates

GUIDE = "guide-des-modeles.md"


def export_templates(folder: Path) -> list[Path]:
    """Copy every shipped template and the guide into ``folder``; return the paths written.

    A file already there is never replaced (it may hold a buyer's wording): the
    export is refused, naming the files in the way, and nothing is written.
    """
    sources = {name: shipped_templates() / name for name in shipped_names()}
    sources[GUIDE] = shipped_templates() / "README.md"
    taken = [name for name in sources if (folder / name).exists()]
    if taken:
        raise OutputError(
            f"{folder} contient déjà {', '.join(taken)} : l'export ne remplace jamais un modèle. "
            "Choisissez un dossier vide, ou déplacez ces fichiers."
        )
    written = []
    for name, source in sources.items():
        write_atomic(folder / name, source.read_bytes())
        written.append(folder / name)
    return written
