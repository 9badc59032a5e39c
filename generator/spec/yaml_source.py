"""Safe YAML reading that keeps the line of every key, for error messages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SpecError, system_reason
from generator.spec.text import text_problems
from generator.spec.values import fold
from generator.spec.yaml_loader import YamlProblem, load

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A parsed YAML mapping and the 1-based line of each key or list item."""

    path: Path
    data: dict[str, Any]
    node: yaml.Node
    escaped: bool  # the text has a backslash: a double-quoted escape may have written any character

    def text_problems(self) -> list[tuple[PathKey, str]]:
        """Every key or text holding a character a document cannot hold, with its location.

        Both loaders refuse such characters written as such and turn every line break
        into ``\\n``: only an escape (``"\\x01"``) can put one in a value, so a text
        without a backslash is cleared without walking its values.
        """
        return list(text_problems(self.data)) if self.escaped else []

    @cached_property
    def lines(self) -> dict[PathKey, int]:
        """The line of every key and list item, under its written and its ASCII path.

        Worked out when a message first needs one: a valid file never pays for it.
        """
        lines: dict[PathKey, int] = {}
        _record_lines(self.node, (), lines)
        for location, line in list(lines.items()):  # rules name fields by their ASCII keys
            lines.setdefault(tuple(fold(part) if isinstance(part, str) else part for part in location), line)
        return lines

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
    return YamlDocument(path, data, node, escaped="\\" in text)


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
