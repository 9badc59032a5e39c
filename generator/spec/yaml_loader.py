"""PyYAML's safe loader, hardened for files a user (or an attacker) hands the tool.

Every YAML the tool reads from its user (spec, marks file, review file) goes
through ``load``: aliases may not expand beyond a budget of nodes (an alias
bomb is refused as soon as it is composed, before anything walks it), nesting
is limited, and every loader failure (unreadable character, impossible date,
huge integer, unsafe tag, syntax) becomes one French line with its position.
"""

from __future__ import annotations

from typing import Any

import yaml

from generator.formatting import nombre
from generator.spec.text import shortened

MAX_NODES = 100_000  # nodes once every alias is expanded: far above any real spec or history
MAX_DEPTH = 20  # nesting levels: a spec uses six at most
MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlProblem(Exception):
    """One French line saying why a YAML text cannot be loaded."""


def load(text: str) -> tuple[yaml.Node | None, Any]:
    """The composed node and the constructed data of a single-document YAML text.

    Raises YamlProblem in French; duplicate keys are refused (a legal ``<<`` merge key is not one).
    """
    loaded = _fast_load(text)
    if loaded is not None:
        return loaded
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(_reader_message(text, exc)) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_size(node, 0, {}, set())
        _check_duplicates(node, set())
        return node, loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(_reader_message(text, exc)) from None
    except yaml.constructor.ConstructorError as exc:
        raise YamlProblem(_constructor_message(exc)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(_syntax_message(exc)) from None
    except RecursionError:
        raise YamlProblem(f"imbrication trop profonde (au plus {MAX_DEPTH} niveaux de listes ou de blocs)") from None
    finally:
        loader.dispose()


TAGS_KEPT = 20_000  # implicit tags remembered per process (short texts only): keys and values repeat across specs
SHORT_TEXT = 64
_TAGS: dict[tuple[Any, Any, Any], str] = {}


class _RememberedTags:
    """The safe loader's tag resolution, remembered for short texts.

    Which tag a plain ``numero`` or ``12`` gets depends only on its kind and text (the
    safe loader has no path resolvers); libyaml asks it of every node, and a portfolio
    writes the same keys and small values thousands of times.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        key = (kind, value, implicit)
        tag = _TAGS.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)  # type: ignore[misc]
            if (value is None or len(value) <= SHORT_TEXT) and len(_TAGS) < TAGS_KEPT:
                _TAGS[key] = tag
        return tag


# libyaml's parser, when PyYAML was built with it, reads a valid file several times
# faster than the pure-Python one (it was most of the time ``clauses verifier`` took).
_C_LOADER = getattr(yaml, "CSafeLoader", None)
_FAST_LOADER = type("_FastLoader", (_RememberedTags, _C_LOADER), {}) if _C_LOADER else None


def _fast_load(text: str) -> tuple[yaml.Node, Any] | None:
    """``load`` through libyaml, with the same checks; None when it cannot say yes.

    A text libyaml refuses, or that fails a check, is read again by the pure-Python
    loader below, whose errors are the ones translated into French.
    """
    if _FAST_LOADER is None:
        return None
    try:
        loader = _FAST_LOADER(text)
    except Exception:  # any refusal: the pure-Python loader says why
        return None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _plain_tree(node):
            return node, _construct(loader, node)
        _check_size(node, 0, {}, set())  # aliases or merge keys: the full checks and PyYAML's construction
        _check_duplicates(node, set())
        return node, loader.construct_document(node)
    except Exception:  # any refusal: the pure-Python loader says why
        return None
    finally:
        loader.dispose()


STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"


def _plain_tree(root: yaml.Node) -> bool:
    """True when ``root`` is a tree that passes every check of ``load``, in one walk.

    A tree: no node reached twice (no alias) and no merge key, so its expanded size is
    its node count and PyYAML's construction reduces to ``_construct``. It passes: at
    most ``MAX_NODES`` nodes, ``MAX_DEPTH`` levels, no key written twice in a block.
    False sends the text through the full checks, which say what is wrong.
    """
    seen: set[int] = set()
    pending: list[tuple[yaml.Node, int]] = [(root, 0)]
    mapping, sequence, scalar = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode  # libyaml builds exactly these
    while pending:
        node, depth = pending.pop()
        if id(node) in seen or depth > MAX_DEPTH or len(seen) >= MAX_NODES:
            return False
        seen.add(id(node))
        kind = type(node)
        if kind is mapping:
            keys: set[str] = set()
            for key_node, value_node in node.value:
                if type(key_node) is not scalar or key_node.tag == MERGE_TAG or key_node.value in keys:
                    return False
                keys.add(key_node.value)
                pending += ((key_node, depth + 1), (value_node, depth + 1))
        elif kind is sequence:
            pending += ((item, depth + 1) for item in node.value)
        elif kind is not scalar:
            return False
    return True


def _construct(loader: yaml.BaseLoader, node: yaml.Node) -> Any:
    """What ``loader.construct_document`` builds from a plain tree (see ``_plain_tree``), with less work per node.

    Plain strings, maps and lists are built here; every other scalar or tag goes to the
    loader's own constructor, so the values are PyYAML's.
    """
    if node.tag == STR_TAG and isinstance(node, yaml.ScalarNode):
        return node.value
    if node.tag == MAP_TAG and isinstance(node, yaml.MappingNode):
        mapping = {}
        for key_node, value_node in node.value:
            mapping[_construct(loader, key_node)] = _construct(loader, value_node)
        return mapping
    if node.tag == SEQ_TAG and isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item) for item in node.value]
    return loader.construct_object(node, deep=True)


class _Loader(yaml.SafeLoader):
    """The safe loader with a nesting limit and French errors for values Python cannot hold."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise YamlProblem(f"{_at(self.peek_event().start_mark)} : imbrication trop profonde "
                                  f"(au plus {MAX_DEPTH} niveaux de listes ou de blocs)")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            raise YamlProblem(f"{_at(node.start_mark)} : nombre « {shortened(node.value)} » beaucoup trop long") from None

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise YamlProblem(f"{_at(node.start_mark)} : date impossible « {shortened(node.value)} » "
                              "(une date AAAA-MM-JJ qui existe est attendue)") from None


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _check_size(node: yaml.Node, depth: int, sizes: dict[int, int], open_nodes: set[int]) -> int:
    """The node count of ``node`` with aliases expanded; YamlProblem beyond the budget.

    Each node is counted once (``sizes``), so an alias bomb is measured in the time
    it takes to read it, not in the time it would take to expand it.
    """
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_nodes:
        raise YamlProblem(f"{_at(node.start_mark)} : un alias * renvoie à un bloc qui le contient (structure sans fin)")
    if depth > MAX_DEPTH:
        raise YamlProblem(f"{_at(node.start_mark)} : imbrication trop profonde une fois les alias * développés "
                          f"(au plus {MAX_DEPTH} niveaux)")
    open_nodes.add(key)
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    size = 1 + sum(_check_size(child, depth + 1, sizes, open_nodes) for child in children)
    open_nodes.discard(key)
    if size > MAX_NODES:
        raise YamlProblem(f"{_at(node.start_mark)} : les alias * démultiplient le contenu au-delà de "
                          f"{nombre(MAX_NODES)} éléments ; écrivez les valeurs sans alias")
    sizes[key] = size
    return size


def _check_duplicates(node: yaml.Node, done: set[int]) -> None:
    """Refuse a key written twice in one block, before merge keys (``<<``) are applied."""
    if id(node) in done:
        return
    done.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag != MERGE_TAG and isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise YamlProblem(f"ligne {key_node.start_mark.line + 1} : la clé « {shortened(key_node.value)} » "
                                      "est écrite deux fois ; gardez-en une seule")
                seen.add(key_node.value)
            _check_duplicates(value_node, done)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(item, done)


def _at(mark: yaml.Mark | None) -> str:
    return f"ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else "position inconnue"


def _reader_message(text: str, exc: yaml.reader.ReaderError) -> str:
    before = text[: exc.position]
    line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return (f"ligne {line}, colonne {column} : caractère de contrôle U+{code:04X} interdit dans un fichier YAML ; "
            "retirez-le (il vient souvent d'un copier-coller)")


def _constructor_message(exc: yaml.constructor.ConstructorError) -> str:
    problem = exc.problem or ""
    if "could not determine a constructor" in problem:
        tag = problem.split("'")[1] if "'" in problem else "?"
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return (f"{_where(exc)} : balise YAML interdite « {shortened(tag)} » ; une spécification ne contient que des textes, "
                "des nombres, des dates, des listes et des blocs clé: valeur (rien n'a été exécuté)")
    if "unhashable key" in problem:
        return f"{_where(exc)} : une clé doit être un simple texte, pas une liste ni un bloc"
    if "merg" in problem:
        return f"{_where(exc)} : la clé de fusion « << » doit renvoyer à un bloc clé: valeur (ou à une liste de blocs)"
    return f"{_where(exc)} : valeur YAML illisible"


def _where(exc: yaml.MarkedYAMLError) -> str:
    return _at(exc.problem_mark or exc.context_mark)


# PyYAML's problems, as a French reader would say them.
_SYNTAX_PROBLEMS = {
    "mapping values are not allowed here": "deux-points inattendu ; mettez entre guillemets une valeur qui contient « : »",
    "found character '\\t' that cannot start any token": "tabulation interdite ; indentez avec des espaces",
    "could not find expected ':'": "deux-points manquant après une clé",
    "expected ',' or ']'": "crochet ouvrant [ sans crochet fermant ]",
    "expected ',' or '}'": "accolade ouvrante { sans accolade fermante }",
    "found unexpected end of stream": "guillemet ouvert mais jamais fermé",
    "expected <block end>": "indentation incohérente",
    "found undefined alias": "alias * sans ancre & correspondante",
    "but found another document": "un seul document est attendu ; retirez la ligne « --- » ou « ... » et ce qui la suit",
    "found duplicate anchor": "ancre & définie deux fois",
    "found unknown escape character": "séquence d'échappement \\ inconnue dans un texte entre guillemets",
    "expected escape sequence": "séquence d'échappement \\ incomplète dans un texte entre guillemets",
    "found unexpected ':'": "deux-points inattendu ; mettez la valeur entre guillemets",
    "found character that cannot start any token": "caractère inattendu en début de valeur ; mettez la valeur entre guillemets",
}


def _syntax_message(exc: yaml.YAMLError) -> str:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return "syntaxe YAML incorrecte"
    problem = f"{exc.context or ''} {exc.problem or ''}"
    detail = next((french for english, french in _SYNTAX_PROBLEMS.items() if english in problem),
                  "vérifiez l'indentation, les guillemets, les deux-points et les tirets")
    return f"{_where(exc)} : syntaxe YAML incorrecte : {detail}"
