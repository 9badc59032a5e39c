"""Safe YAML reading that keeps the line of every key, for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import SpecError

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


def read_yaml(path: Path) -> YamlDocument:
    """Read ``path`` with PyYAML's safe loader; the top level must be a mapping.

    Raises SpecError in French for unreadable files, syntax errors, unsafe tags,
    duplicate keys and empty documents.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SpecError(path, ["fichier introuvable"]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(path, [f"fichier illisible ({exc.__class__.__name__}) : enregistrez-le en UTF-8"]) from exc
    node, data = _load(path, text)
    if node is None:
        raise SpecError(path, ["le fichier est vide : décrivez au moins la consultation et ses lots"])
    if not isinstance(data, dict):
        raise SpecError(path, [f"ligne {node.start_mark.line + 1} : le document doit être un ensemble de clés (consultation, lots…)"])
    document = YamlDocument(path, data)
    _record_lines(node, (), document.lines, path)
    return document


def _load(path: Path, text: str) -> tuple[yaml.Node | None, Any]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except yaml.constructor.ConstructorError as exc:
        raise SpecError(path, [_unsafe_tag_message(exc)]) from None
    except yaml.YAMLError as exc:
        raise SpecError(path, [_syntax_message(exc)]) from None
    finally:
        loader.dispose()


def _where(exc: yaml.MarkedYAMLError) -> str:
    mark = exc.problem_mark or exc.context_mark
    return f"ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else "position inconnue"


def _unsafe_tag_message(exc: yaml.constructor.ConstructorError) -> str:
    tag = (exc.problem or "").split("'")[1] if "'" in (exc.problem or "") else "?"
    tag = tag.replace("tag:yaml.org,2002:", "!!")
    return (
        f"{_where(exc)} : balise YAML interdite « {tag} » ; une spécification ne contient "
        "que des textes, des nombres, des dates, des listes et des blocs clé: valeur (rien n'a été exécuté)"
    )


# PyYAML's problems, as a French reader would say them (fallback: PyYAML's words).
_SYNTAX_PROBLEMS = {
    "mapping values are not allowed here": "deux-points inattendu ; mettez entre guillemets une valeur qui contient « : »",
    "found character '\\t' that cannot start any token": "tabulation interdite ; indentez avec des espaces",
    "could not find expected ':'": "deux-points manquant après une clé",
    "expected ',' or ']'": "crochet ouvrant [ sans crochet fermant ]",
    "expected ',' or '}'": "accolade ouvrante { sans accolade fermante }",
    "found unexpected end of stream": "guillemet ouvert mais jamais fermé",
    "expected <block end>": "indentation incohérente",
    "found undefined alias": "alias * sans ancre & correspondante",
}


def _syntax_message(exc: yaml.YAMLError) -> str:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return f"syntaxe YAML incorrecte ({exc})"
    problem = f"{exc.context or ''} {exc.problem or ''}"
    detail = next((french for english, french in _SYNTAX_PROBLEMS.items() if english in problem), exc.problem)
    return f"{_where(exc)} : syntaxe YAML incorrecte : {detail}"


def _record_lines(node: yaml.Node, at: PathKey, lines: dict[PathKey, int], path: Path) -> None:
    """Fill ``lines`` with the line of every key and list item under ``node``."""
    lines.setdefault(at, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise SpecError(path, [f"ligne {key_node.start_mark.line + 1} : la clé « {key} » est écrite deux fois ; gardez-en une seule"])
            seen.add(key)
            lines[(*at, key)] = key_node.start_mark.line + 1
            _record_lines(value_node, (*at, key), lines, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*at, index), lines, path)


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
