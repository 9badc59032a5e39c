"""The exceptions users can meet, each with a French message ready to print."""

from __future__ import annotations

from pathlib import Path


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
