"""The Jinja sandbox templates run in: they may only read the plain data of their context.

Templates travel by e-mail between buyers and facilitators. Jinja's immutable
sandbox refuses ``__globals__``-style escapes and changes to the context;
``{% include %}``, ``{% import %}`` and ``{% extends %}`` (which would read other
files) are refused when a template is compiled; ``**`` and text repetition are
bounded so that a template cannot hang the tool. Every refusal is a French message.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator.errors import TemplateError

FORBIDDEN_TAGS = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from … import", nodes.Extends: "extends"}
MAX_EXPONENT = 64
MAX_REPEAT = 100_000


class ForbiddenTag(jinja2.TemplateSyntaxError):
    """Raised when a template asks to include, import or extend another template."""


class Refused(SecurityError):
    """Raised when a template reaches for what the sandbox keeps out (message in French)."""


class FrenchUndefined(jinja2.StrictUndefined):
    """StrictUndefined whose message names the missing value and, on plain data, what exists."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        missing = f"« {self._undefined_name} » n'existe pas"
        if self._undefined_obj is jinja2.utils.missing:
            return missing
        if dataclasses.is_dataclass(self._undefined_obj):
            names = ", ".join(field.name for field in dataclasses.fields(self._undefined_obj))
            return f"{missing} ; les données disponibles ici sont : {names}"
        if isinstance(self._undefined_obj, str):
            return f"{missing} dans le texte « {self._undefined_obj[:40]} »"
        return missing  # a list or a number: its text would not help, and could be long


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, without include/import/extends and with bounded sizes."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._safe_attributes: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Jinja's answer, kept per type and attribute name: it depends on nothing else.

        The immutable sandbox looks at the attribute's name and at what the object is
        (a function, a type, a mutable list…), never at the value; a document reads
        the same few attributes thousands of times.
        """
        key = (type(obj), attr)
        safe = self._safe_attributes.get(key)
        if safe is None:
            safe = self._safe_attributes[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(tuple(FORBIDDEN_TAGS)):
            raise ForbiddenTag(f"la balise {{% {FORBIDDEN_TAGS[type(node)]} %}} n'est pas permise", node.lineno, name, filename)
        return tree

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        """``"x" * 10**9`` or ``9**9**9`` would hang the tool: sizes stay those of a document."""
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise Refused(f"« ** {right} » dépasse ce qu'un modèle peut calculer")
        if operator == "*" and isinstance(right, int) and isinstance(left, (str, list, tuple)) and len(left) * right > MAX_REPEAT:
            raise Refused("une répétition de texte dépasse ce qu'un modèle peut produire")
        return super().call_binop(context, operator, left, right)

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        """``x.__class__`` and the like: an error in French naming the attribute refused."""
        return self.undefined(f"« {attribute} » n'est pas accessible depuis un modèle", obj=obj, name=attribute, exc=Refused)


def refusal(name: str, exc: ForbiddenTag | SecurityError) -> TemplateError:
    """The French error for template ``name`` when the sandbox refused something."""
    if isinstance(exc, ForbiddenTag):
        return TemplateError(f"Modèle {name} : {exc.message} ; un modèle ne peut pas lire d'autre fichier que lui-même.")
    refused = exc.message if isinstance(exc, Refused) else "appel d'une fonction non autorisée"
    return TemplateError(f"Modèle {name} : opération refusée ({refused}) ; un modèle ne peut que lire les données de l'outil.")
