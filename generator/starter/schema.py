"""``spec_schema()``: the JSON Schema of a spec, for editors (VS Code's YAML extension and others).

Built from the pydantic model, so it cannot drift from what ``load_spec`` accepts,
then made useful to a person: French descriptions (data/champs.yaml), the known
keys of trades, publics, sub-criteria and waiver reasons as enums, and numbers and
dates that may also be written the French way (``1 200 000``, ``5 %``, ``15/01/2027``).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from generator.reference import data as reference
from generator.spec.model import Spec

SCHEMA_FILE = "clauses.schema.json"
BOUNDS = {"gt": "exclusiveMinimum", "ge": "minimum", "lt": "exclusiveMaximum", "le": "maximum"}


def spec_schema() -> dict[str, Any]:
    """The schema as a dict (JSON Schema 2020-12)."""
    schema = Spec.model_json_schema(mode="validation")
    for name, prefix in _model_paths(Spec, "").items():
        node = schema if name == Spec.__name__ else schema["$defs"][name]
        node.pop("description", None)  # the models' docstrings are for developers
        node.pop("title", None)
        for key, prop in node["properties"].items():
            path = f"{prefix}.{key}" if prefix else key
            _clean(prop)
            _add_enum(prop, path)
            description = reference.spec_field(path).get("description")
            if description:
                prop["description"] = description
    schema.pop("title", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Spécification d'une consultation (clauses)",
        "description": "Les clauses sociales d'insertion d'une consultation : la consultation, ses paramètres, ses publics et ses lots.",
        **schema,
    }


def schema_text() -> str:
    """The schema as printed by ``clauses schema`` and shipped as market_specs/clauses.schema.json."""
    return json.dumps(spec_schema(), ensure_ascii=False, indent=2) + "\n"


def _model_paths(model: type[BaseModel], prefix: str) -> dict[str, str]:
    """Each nested model's name -> the field path it describes (``Lot`` -> ``lots``)."""
    paths = {model.__name__: prefix}
    for key, field in model.model_fields.items():
        for inner in _models_in(field.annotation):
            paths.update(_model_paths(inner, f"{prefix}.{key}" if prefix else key))
    return paths


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in getattr(annotation, "__args__", ()) for model in _models_in(arg)]


def _clean(node: Any) -> None:
    """Drop titles and null defaults; bounds into the number branch; dates and numbers as French text too."""
    if isinstance(node, list):
        for item in node:
            _clean(item)
        return
    if not isinstance(node, dict):
        return
    node.pop("title", None)
    if node.get("default", 0) is None:
        del node["default"]
    if node.get("format") == "date":
        del node["format"]  # 15/01/2027 and 15 janvier 2027 are accepted too
    if node.get("type") == "boolean":  # oui and non are accepted too
        node.pop("type")
        node["anyOf"] = [{"type": "boolean"}, {"enum": ["oui", "non"]}]
        return
    bounds = {BOUNDS[key]: node.pop(key) for key in list(node) if key in BOUNDS}
    for branch in node.get("anyOf", [node]):
        if branch.get("type") in ("number", "integer"):
            branch.update(bounds)
    for value in node.values():
        _clean(value)


def _add_enum(prop: dict[str, Any], path: str) -> None:
    """The known keys of a free-looking field, so that the editor proposes them."""
    known = {
        "lots.metier": list(reference.trades()),
        "lots.motif_sans_clause": list(reference.waiver_reasons()),
    }
    if path in known:
        _string_branch(prop)["enum"] = known[path]
    elif path == "publics":
        _string_branch(_array_branch(prop)["items"])["enum"] = reference.public_keys()
    elif path == "lots.critere.sous_criteres":
        scored = [key for key, row in reference.mechanisms().items() if row.may_be_scored]
        keys = [key for mechanism in scored for key in reference.sub_criteria(mechanism)]
        _object_branch(prop)["propertyNames"] = {"enum": keys}


def _branch(prop: dict[str, Any], kind: str) -> dict[str, Any]:
    return next((branch for branch in prop.get("anyOf", [prop]) if branch.get("type") == kind), prop)


def _string_branch(prop: dict[str, Any]) -> dict[str, Any]:
    return _branch(prop, "string")


def _array_branch(prop: dict[str, Any]) -> dict[str, Any]:
    return _branch(prop, "array")


def _object_branch(prop: dict[str, Any]) -> dict[str, Any]:
    return _branch(prop, "object")
