"""French wording of pydantic's validation errors, with the YAML line of each."""

from __future__ import annotations

import difflib
import re
import typing
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.formatting import nombre_exact
from generator.spec.text import shortened, shown
from generator.spec.values import fold
from generator.spec.yaml_source import PathKey, YamlDocument, describe

QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")


def validation_problems(exc: ValidationError, document: YamlDocument, model: type[BaseModel]) -> list[tuple[int, str]]:
    """(line, French line) of each problem, deduplicated, in document order."""
    problems: dict[str, tuple[int, str]] = {}
    errors = exc.errors(include_url=False)
    explained = _missing_explained_by_typos(errors, document, model)
    for error in errors:
        location = data_location(error["loc"], document.data)
        if error["type"] == "missing" and location in explained:
            continue
        text = describe(document, location, french_message(error, document, location, model))
        problems.setdefault(text, (document.line_of(location) or 0, text))
    return sorted(problems.values(), key=lambda item: item[0])


def _missing_explained_by_typos(errors: list[ErrorDetails], document: YamlDocument, model: type[BaseModel]) -> set[PathKey]:
    """Missing fields for which an unknown key beside them is a close spelling.

    ``montant_ht`` instead of ``montant_estime_ht`` is one mistake, reported once.
    """
    explained = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            location = data_location(error["loc"], document.data)
            for suggestion in _suggestions(location, model):
                explained.add((*location[:-1], suggestion))
    return explained


def data_location(loc: tuple[int | str, ...], data: Any) -> PathKey:
    """Keep the parts of a pydantic location that exist in the data.

    Pydantic inserts type names (``str``, ``AutrePublic``, ``[key]``) for unions
    and dict keys; they mean nothing to the person who wrote the YAML.
    """
    kept: list[str | int] = []
    node: Any = data
    for part in loc:
        part = _written_key(node, part)
        if _has_child(node, part):
            # A number used as a key is a key, not a list position (lines are recorded by the key's text).
            kept.append(str(part) if isinstance(node, dict) else part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part not in _PYDANTIC_TAGS and "[" not in part and not part[:1].isupper():
            kept.append(part)  # a missing required key
            node = None
    return tuple(kept)


def _written_key(node: Any, part: int | str) -> int | str:
    """The key as written in the YAML for the field ``part`` (``catégorie`` for ``categorie``)."""
    if isinstance(node, dict) and isinstance(part, str) and part not in node:
        return next((key for key in node if isinstance(key, str) and fold(key) == part), part)
    return part


def _has_child(node: Any, part: int | str) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


_PYDANTIC_TAGS = {"str", "int", "float", "bool", "decimal", "[key]"}


def french_message(error: ErrorDetails, document: YamlDocument, location: PathKey, model: type[BaseModel]) -> str:
    """The French explanation of one pydantic error of ``model``."""
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(location, model)
    if kind == "missing":
        return "champ obligatoire manquant"
    if kind in ("literal_error", "enum"):
        return f"valeur « {shown(value)} » inconnue ; valeurs acceptées : {_expected(ctx)}"
    if kind == "string_type" and error["loc"][-1:] == ("[key]",):
        return f"une clé doit être un texte, pas « {shown(value)} »"
    if kind.startswith("fr_"):  # our own French-input checks (spec/values.py) speak French already
        return error["msg"]
    template = _MESSAGES.get(kind)
    if template:
        return template.format(value=shown(value), **{k: _number(v) for k, v in ctx.items()})
    return f"valeur « {shown(value)} » refusée"


def _suggestions(location: PathKey, model: type[BaseModel]) -> list[str]:
    """Known keys close in spelling to the unknown key at ``location``."""
    allowed = _allowed_keys(model, location[:-1])
    return difflib.get_close_matches(str(location[-1]), allowed, n=3, cutoff=0.5)


def _unknown_key(location: PathKey, model: type[BaseModel]) -> str:
    key = str(location[-1])
    allowed = _allowed_keys(model, location[:-1])
    if fold(key) in allowed:
        return f"« {key} » et « {fold(key)} » désignent la même clé ; gardez-en une seule"
    close = _suggestions(location, model)
    hint = f" ; vouliez-vous dire {' ou '.join(close)} ?" if close else f" ; clés possibles : {', '.join(allowed)}"
    return f"clé inconnue « {shortened(key)} »{hint}"


def _allowed_keys(model: Any, parent: PathKey) -> list[str]:
    """The keys the model accepts at ``parent`` (walking lists, dicts and nested models)."""
    annotation: Any = model
    for part in parent:
        fields = _model_fields(annotation)
        # A field of a model, else a list position or a dict key: the type of the items.
        annotation = fields[part].annotation if isinstance(part, str) and part in fields else _item_type(annotation)
    return list(_model_fields(annotation))


def _model_fields(annotation: Any) -> dict[str, Any]:
    found = next((arg for arg in _flatten(annotation) if hasattr(arg, "model_fields")), None)
    return dict(found.model_fields) if found is not None else {}


def _item_type(annotation: Any) -> Any:
    """``list[X]`` -> X, ``dict[K, V]`` -> V, through ``| None``; None when neither."""
    for arg in (annotation, *getattr(annotation, "__args__", ())):
        origin, args = typing.get_origin(arg), typing.get_args(arg)
        if origin is list and args:
            return args[0]
        if origin is dict and len(args) == 2:
            return args[1]
    return None


def _flatten(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", None)
    if not args:
        return [annotation]
    return [leaf for arg in args for leaf in _flatten(arg)]


def _expected(ctx: dict[str, Any]) -> str:
    """pydantic's ``'le', 'la', "l'" or 'les'`` as ``le, la, l', les``: each value unquoted, as written."""
    expected = str(ctx.get("expected", ""))
    values = [single or double for single, double in QUOTED.findall(expected)]
    return ", ".join(values) if values else expected


def _number(value: Any) -> str:
    """A bound of pydantic's context (``ge``, ``max_length``) as French text."""
    return nombre_exact(value) if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else str(value)


_MESSAGES = {
    "string_type": "un texte est attendu, pas « {value} »",
    "string_pattern_mismatch": "« {value} » n'est pas accepté : seuls les lettres sans accent, les chiffres et . _ - sont permis",
    "string_too_long": "texte trop long ({max_length} caractères au plus)",
    "int_type": "un nombre entier est attendu, pas « {value} »",
    "int_parsing": "un nombre entier est attendu, pas « {value} »",
    "int_from_float": "un nombre entier est attendu, pas « {value} »",
    "decimal_type": "un nombre est attendu, pas « {value} »",
    "decimal_parsing": "un nombre est attendu, pas « {value} » (écrivez par exemple 1850000, 1 850 000 ou 0,05)",
    "float_parsing": "un nombre est attendu, pas « {value} »",
    "greater_than": "doit être strictement supérieur à {gt}, pas « {value} »",
    "greater_than_equal": "doit être supérieur ou égal à {ge}, pas « {value} »",
    "less_than": "doit être strictement inférieur à {lt}, pas « {value} »",
    "less_than_equal": "doit être inférieur ou égal à {le}, pas « {value} »",
    "bool_type": "oui ou non (true ou false) est attendu, pas « {value} »",
    "bool_parsing": "oui ou non (true ou false) est attendu, pas « {value} »",
    "date_type": "une date AAAA-MM-JJ est attendue, pas « {value} »",
    "date_parsing": "une date AAAA-MM-JJ est attendue, pas « {value} »",
    "date_from_datetime_parsing": "une date AAAA-MM-JJ est attendue, pas « {value} »",
    "date_from_datetime_inexact": "une date sans heure est attendue, pas « {value} »",
    "dict_type": "un bloc de clés (clé: valeur) est attendu, pas « {value} »",
    "model_type": "un bloc de clés (clé: valeur) est attendu, pas « {value} »",
    "model_attributes_type": "un bloc de clés (clé: valeur) est attendu, pas « {value} »",
    "list_type": "une liste (lignes commençant par « - ») est attendue, pas « {value} »",
    "too_short": "la liste ne peut pas être vide",
    "finite_number": "un nombre fini est attendu",
    "hors_bornes": "doit être compris entre {min} et {max}, pas « {value} »",
    "date_hors_bornes": "date « {value} » hors de la période plausible ({min} à {max})",
    "invalid_key": "une clé doit être un texte, pas « {value} »",
    "too_long": "liste trop longue ({max_length} éléments au plus)",
    "decimal_max_digits": "trop de chiffres dans « {value} »",
    "decimal_max_places": "trop de décimales dans « {value} »",
    "decimal_whole_digits": "trop de chiffres dans « {value} »",
}
