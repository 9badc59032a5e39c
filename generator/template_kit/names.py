"""Which names a template may read: its Jinja tags checked against the typed fields of its context.

The context of each document is a tree of frozen dataclasses (drafting.context), so
``lot.critere.intitule`` can be checked without any spec: ``lots`` is a
``list[LotView]``, a ``LotView`` has a ``critere``, a ``Criterion`` an ``intitule``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import nodes

ANY: Any = object()  # a value whose type is not known here: any attribute is accepted below it


@dataclass(frozen=True)
class UnknownName:
    """A name or attribute path the context does not offer, on a template line."""

    lineno: int
    path: str
    available: tuple[str, ...]


def unknown_names(tree: nodes.Template, context: type, globals_: set[str]) -> list[UnknownName]:
    """Every name path of ``tree`` that ``context`` (a dataclass type) does not provide."""
    scope = {name: hint for name, hint in _hints(context).items()} | {name: ANY for name in globals_}
    found: list[UnknownName] = []
    _Walker(found).visit(tree, scope)
    return list(dict.fromkeys(found))


def available_names(owner: Any) -> tuple[str, ...]:
    """The fields (and properties) a template can read on a value of type ``owner``."""
    owner = _strip_optional(owner)
    if not (isinstance(owner, type) and dataclasses.is_dataclass(owner)):
        return ()
    properties = [name for name, value in vars(owner).items() if isinstance(value, property)]
    return tuple([field.name for field in dataclasses.fields(owner)] + properties)


@cache
def _hints(owner: type) -> dict[str, Any]:
    hints = typing.get_type_hints(owner)
    for name in available_names(owner):
        if name not in hints:
            hints[name] = typing.get_type_hints(getattr(owner, name).fget).get("return", ANY)
    return {name: hints[name] for name in available_names(owner)}


def _strip_optional(hint: Any) -> Any:
    """``X | None`` is ``X`` for a template (an empty value is tested with ``if``)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return args[0] if len(args) == 1 else ANY
    return hint


def attribute(owner: Any, name: str) -> Any | None:
    """The type of ``owner.name``; None when a dataclass owner has no such field."""
    owner = _strip_optional(owner)
    if owner is ANY:
        return ANY
    if isinstance(owner, type) and dataclasses.is_dataclass(owner):
        return _hints(owner).get(name)
    if typing.get_origin(owner) is dict:
        return typing.get_args(owner)[1]
    return ANY  # text, numbers, dates, lists: their own methods and attributes


def element(owner: Any) -> Any:
    """The type of the items a ``for`` loop gets from a value of type ``owner``."""
    owner = _strip_optional(owner)
    if typing.get_origin(owner) in (list, tuple):
        return typing.get_args(owner)[0]
    return ANY


class _Walker:
    """Walks a template tree with the type of every name in scope."""

    def __init__(self, found: list[UnknownName]) -> None:
        self.found = found

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is not None:
            return method(node, scope)
        for child in node.iter_child_nodes():
            self.visit(child, scope)
        return ANY

    def visit_Name(self, node: nodes.Name, scope: dict[str, Any]) -> Any:
        if node.ctx != "load":
            return ANY
        if node.name not in scope:
            self.found.append(UnknownName(node.lineno, node.name, tuple(sorted(n for n in scope if scope[n] is not ANY))))
            return ANY
        return scope[node.name]

    def visit_Getattr(self, node: nodes.Getattr, scope: dict[str, Any]) -> Any:
        owner = self.visit(node.node, scope)
        found = attribute(owner, node.attr)
        if found is None:
            self.found.append(UnknownName(node.lineno, f"{_dotted(node.node)}.{node.attr}", available_names(owner)))
            return ANY
        return found

    def visit_Getitem(self, node: nodes.Getitem, scope: dict[str, Any]) -> Any:
        owner = self.visit(node.node, scope)
        self.visit(node.arg, scope)
        return element(owner) if typing.get_origin(_strip_optional(owner)) in (list, tuple) else ANY

    def visit_For(self, node: nodes.For, scope: dict[str, Any]) -> Any:
        items = element(self.visit(node.iter, scope))
        inner = {**scope, "loop": ANY, **dict(_bound(node.target, items))}
        for child in (*([node.test] if node.test else []), *node.body):
            self.visit(child, inner)
        for child in node.else_:
            self.visit(child, scope)
        return ANY

    def visit_Assign(self, node: nodes.Assign, scope: dict[str, Any]) -> Any:
        self.visit(node.node, scope)
        scope.update(_bound(node.target, ANY))
        return ANY

    def visit_AssignBlock(self, node: nodes.AssignBlock, scope: dict[str, Any]) -> Any:
        for child in node.body:
            self.visit(child, scope)
        scope.update(_bound(node.target, ANY))
        return ANY

    def visit_Macro(self, node: nodes.Macro, scope: dict[str, Any]) -> Any:
        inner = {**scope, "caller": ANY, "varargs": ANY, "kwargs": ANY, **{arg.name: ANY for arg in node.args}}
        for child in node.body:
            self.visit(child, inner)
        scope[node.name] = ANY
        return ANY

    def visit_With(self, node: nodes.With, scope: dict[str, Any]) -> Any:
        inner = dict(scope)
        for target, value in zip(node.targets, node.values, strict=True):
            self.visit(value, scope)
            inner.update(_bound(target, ANY))
        for child in node.body:
            self.visit(child, inner)
        return ANY


def _bound(target: nodes.Node, kind: Any) -> Iterator[tuple[str, Any]]:
    """The names a ``for``/``set`` target binds; unpacked tuples get an unknown type."""
    if isinstance(target, nodes.Name):
        yield target.name, kind
    else:
        for name in target.find_all(nodes.Name):
            yield name.name, ANY


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    return "…"
