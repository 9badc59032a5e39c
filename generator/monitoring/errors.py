"""The errors of the follow-up loop, each with a French message ready to print."""

from __future__ import annotations

from pathlib import Path

from generator.errors import MonitoringError

__all__ = ["DatabaseError", "MonitoringError", "SheetError"]


class DatabaseError(MonitoringError):
    """Raised when the follow-up database cannot be opened, is not one, or is from a newer version."""


class SheetError(MonitoringError):
    """Raised when an imported sheet is refused; lists every problem with its sheet and cell."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = Path(path)
        self.problems = problems
        header = f"{self.path} : fiche refusée, rien n'est enregistré"
        super().__init__("\n".join([header, *(f"  - {p}" for p in problems)]))

    def __reduce__(self) -> tuple[type[SheetError], tuple[Path, list[str]]]:
        """Rebuilt from its path and problems when a worker process hands it back."""
        return SheetError, (self.path, self.problems)
