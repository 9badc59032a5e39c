"""Safe YAML reading that keeps the line of every key, for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SpecError, system_reason
from generator.spec.values import fold
from generator.spec.yaml_loader import YamlProblem, load

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed YAML mapping and the 1-based line of each key or list item."""

    path: Path
    data: dict[str, Any]
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line_of(self, location: PathKey) -> int | None:
        """Line of the deepest known prefix of ``location``."""
        for end in range(len(location), -1, -1):
            line = self.lines.get(location[:end])
            if line is not None:
                return line
        return None


def read_yaml(path: Path, top_level: str = "consultation, lots…", empty: str = "décrivez au moins la consultation et ses lots") -> YamlDocument:
    """Read ``path`` with the hardened safe loader; the top level must be a mapping.

    Raises SpecError in French for unreadable files, loader errors (syntax, unsafe
    tags, alias bombs, impossible values), duplicate keys and empty documents.
    ``top_level`` names the keys expected at the top and ``empty`` what to write,
    for the messages of a document that is not a mapping or is empty.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SpecError(path, ["fichier introuvable"]) from exc
    except UnicodeDecodeError as exc:
        raise SpecError(path, [f"fichier illisible ({_read_failure(exc)}) : enregistrez-le en UTF-8"]) from exc
    except OSError as exc:  # the system's own text (strerror) follows the machine's language
        raise SpecError(path, [f"fichier illisible : {system_reason(exc)}"]) from exc
    try:
        node, data = load(text)
    except YamlProblem as exc:
        raise SpecError(path, [str(exc)]) from None
    if node is None:
        raise SpecError(path, [f"le fichier est vide : {empty}"])
    if not isinstance(data, dict):
        raise SpecError(path, [f"ligne {node.start_mark.line + 1} : le document doit être un ensemble de clés ({top_level})"])
    document = YamlDocument(path, data)
    _record_lines(node, (), document.lines)
    for location, line in list(document.lines.items()):  # rules name fields by their ASCII keys
        document.lines.setdefault(tuple(fold(part) if isinstance(part, str) else part for part in location), line)
    return document


def _read_failure(exc: UnicodeDecodeError) -> str:
    return f"octet 0x{exc.object[exc.start]:02X} non UTF-8 à la position {exc.start + 1}"


def _record_lines(node: yaml.Node, at: PathKey, lines: dict[PathKey, int]) -> None:
    """Fill ``lines`` with the line of every key and list item under ``node``.

    The loader has already bounded the expanded size of ``node``; merged keys
    (``<<``) are recorded at the line they were written, a key written in the
    block itself wins over a merged one.
    """
    lines.setdefault(at, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            lines[(*at, key)] = key_node.start_mark.line + 1
            _record_lines(value_node, (*at, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*at, index), lines)


def field_path(location: PathKey) -> str:
    """``('lots', 1, 'metier')`` -> ``lots[2].metier`` (list positions count from 1)."""
    text = ""
    for part in location:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


def describe(document: YamlDocument, location: PathKey, message: str) -> str:
    """One French problem line: line, field path, message."""
    line = document.line_of(location)
    where = f"ligne {line}, " if line else ""
    return f"{where}champ {field_path(location)} : {message}"
