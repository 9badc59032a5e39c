"""The bidders' names given to ``clauses grille`` (command line or text file)."""

from __future__ import annotations

from pathlib import Path

from generator.award.checks import bidder_identity
from generator.errors import GridError
from generator.spec.text import character_problem, shown


def parse_bidders(text: str) -> list[str]:
    """``"A;B; C"`` -> ``["A", "B", "C"]``; empty names are dropped, a repeated name is refused."""
    return _checked([name.strip() for name in text.split(";")], "--candidats")


def read_bidders_file(path: Path) -> list[str]:
    """One bidder per line; blank lines and lines starting with ``#`` are ignored."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise GridError(f"{path} : fichier des candidats introuvable.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        message = f"{path} : fichier des candidats illisible ; enregistrez-le en texte UTF-8, un candidat par ligne."
        raise GridError(message) from exc
    names = [line.strip() for line in lines if not line.strip().startswith("#")]
    return _checked(names, str(path))


def _checked(names: list[str], origin: str) -> list[str]:
    kept = [name for name in names if name]
    if not kept:
        raise GridError(f"{origin} : aucun nom de candidat ; omettez l'option pour obtenir des colonnes vierges.")
    seen: set[str] = set()
    for name in kept:
        problem = character_problem(name)
        if problem:
            raise GridError(f"{origin} : candidat « {shown(name)} » : {problem}.")
        identity = bidder_identity(name)
        if identity in seen:
            raise GridError(f"{origin} : le candidat « {shown(name)} » est nommé deux fois.")
        seen.add(identity)
    return kept


def bidders_from(text: str | None, path: Path | None) -> list[str]:
    """The bidders given by ``--candidats`` or ``--candidats-fichier`` (none: blank columns)."""
    if text is not None and path is not None:
        raise GridError("Donnez les candidats soit avec --candidats, soit avec --candidats-fichier, pas les deux.")
    if path is not None:
        return read_bidders_file(path)
    return parse_bidders(text) if text is not None else []
