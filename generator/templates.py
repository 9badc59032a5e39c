"""Where templates come from: the set shipped with the package, each one possibly overridden.

A customised folder (``--modeles``) only needs the templates a buyer changed; every
other document keeps the shipped template. The approval fingerprint covers the
effective set, so changing either side makes an approval stale.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from generator.errors import TemplateError

WORD_LOCK_PREFIX = "~$"  # Word's lock file beside an open document, not a template


def shipped_templates() -> Path:
    """The folder of the templates shipped with the package."""
    return Path(str(resources.files("clause_templates")))


def shipped_names() -> list[str]:
    """The file names of the shipped templates, sorted."""
    return sorted(path.name for path in shipped_templates().glob("*.docx"))


@dataclass(frozen=True)
class TemplateSet:
    """The shipped templates, with those of ``overrides`` (a folder) taking their place."""

    overrides: Path | None = None

    def path(self, name: str) -> Path:
        """The file that renders ``name``: the folder's copy when it has one, else the shipped one."""
        if self.overrides is not None and (self.overrides / name).is_file():
            return self.overrides / name
        return shipped_templates() / name

    def __truediv__(self, name: str) -> Path:
        """``templates / name`` reads like a folder: the effective file of ``name``."""
        return self.path(name)

    @property
    def overridden(self) -> list[str]:
        """The names the folder overrides, sorted."""
        if self.overrides is None:
            return []
        return [name for name in shipped_names() if (self.overrides / name).is_file()]

    def fingerprint(self) -> str:
        """``sha256:…`` of the effective templates, by name order (name and bytes of each)."""
        digest = hashlib.sha256()
        for name in shipped_names():
            digest.update(name.encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(self.path(name).read_bytes()).digest())
        return "sha256:" + digest.hexdigest()


def template_set(folder: Path | TemplateSet | None) -> TemplateSet:
    """The shipped set, overridden by the templates of ``folder``; TemplateError for a stray .docx.

    A Word document whose name is not a shipped template's would silently be ignored,
    so a renamed copy (« RC (copie).docx ») is refused with the names expected, and
    so is a folder without any template (most likely the wrong folder).
    """
    if isinstance(folder, TemplateSet):
        return folder
    if folder is None:
        return TemplateSet()
    if not folder.is_dir():
        raise folder_error(folder)
    known = shipped_names()
    strays = sorted(p.name for p in folder.glob("*.docx") if p.name not in known and not p.name.startswith(WORD_LOCK_PREFIX))
    if strays:
        raise TemplateError(
            f"{folder} : {', '.join(strays)} ne correspond à aucun modèle livré ; nommez chaque modèle personnalisé "
            f"comme le modèle qu'il remplace ({', '.join(known)})."
        )
    chosen = TemplateSet(folder)
    if not chosen.overridden:
        raise folder_error(folder)
    return chosen


def folder_error(folder: Path) -> TemplateError:
    """The error for a templates folder that does not exist or holds no template."""
    if not folder.is_dir():
        return TemplateError(f"Dossier de modèles introuvable : {folder}.")
    return TemplateError(f"{folder} ne contient aucun modèle (.docx) ; « clauses modeles exporter {folder} » y copie les modèles livrés.")
