"""The exceptions users can meet, each with a French message ready to print."""

from __future__ import annotations

import errno
from collections.abc import Sequence
from pathlib import Path
from typing import Any


class ClausesError(Exception):
    """Base of every error the tool reports to its user without a traceback."""


class SpecError(ClausesError):
    """Raised when a spec file cannot be read or does not follow the format.

    Each problem is one line naming the field path and, where YAML gives it,
    the line; the message starts with the file name.
    """

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = Path(path)
        self.problems = problems
        header = f"{self.path} : spécification invalide"
        super().__init__("\n".join([header, *(f"  - {p}" for p in problems)]))


class ReferenceDataError(ClausesError):
    """Raised when a shipped data file is missing or malformed."""


class LawError(ClausesError):
    """Raised when no legal text covers a mechanism at the launch date."""


class TemplateError(ClausesError):
    """Raised when a clause template is missing or cannot be rendered."""


class OutputError(ClausesError):
    """Raised when a document cannot be written where it belongs."""


class GridError(ClausesError):
    """Raised when a filled evaluation grid is incomplete or does not match its spec."""


class ReviewError(ClausesError):
    """Raised when a review file is unreadable or belongs to another spec."""


# What the system says about a file, in French: its own text (strerror) follows the
# machine's language, which is not always French.
SYSTEM_REASONS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EFBIG: "fichier trop volumineux pour le système",
    errno.EROFS: "support en lecture seule",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "existe déjà",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EMFILE: "trop de fichiers ouverts",
}


def system_reason(error: OSError) -> str:
    """Why the system refused a file operation, in French when the error number is known."""
    return SYSTEM_REASONS.get(error.errno or 0) or error.strerror or str(error)


def system_message(error: OSError) -> str:
    """``chemin : reason`` for a file the system refused to read or write."""
    where = f"{error.filename} : " if error.filename is not None else ""
    return f"{where}accès impossible ({system_reason(error)})."


class CheckError(ClausesError):
    """Raised when ``generer --strict`` finds an error with the review checks.

    ``findings`` are every finding of the checks, so that the run's summary still counts them.
    """

    def __init__(self, message: str, findings: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.findings = list(findings)


def reading_reason(error: OSError | UnicodeDecodeError) -> str:
    """Why a text file could not be read, in French (never a Python class name)."""
    if isinstance(error, UnicodeDecodeError):
        return "le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8"
    return system_reason(error)


class MonitoringError(ClausesError):
    """Raised when a follow-up command cannot do what was asked: unknown or closed contract, bad date,
    refused sheet, unusable follow-up database (details in generator/monitoring/errors.py)."""
