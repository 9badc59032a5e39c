"""``load_spec`` reads a spec file, validates it and returns a ``Spec``.

Every problem becomes a French line naming the field path and the line (``SpecError``),
and every problem of the file is reported in one run: when a value is wrong, the
cross-field rules still check the blocks whose types are valid.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.errors import SpecError
from generator.spec import rules
from generator.spec.messages import validation_problems
from generator.spec.model import NEUTRAL_LOT_VALUES, Consultation, Lot, Publics, Spec
from generator.spec.yaml_source import YamlDocument, describe, read_yaml


def load_spec(path: Path | str) -> Spec:
    """Read, validate and return the spec at ``path``; raise SpecError in French."""
    document = read_yaml(Path(path))
    characters = [describe(document, location, message) for location, message in document.text_problems()]
    try:
        spec = Spec.model_validate(document.data)
    except ValidationError as exc:
        found = validation_problems(exc, document, Spec) + _rule_problems(document, rules.check(valid_parts(document.data)))
        raise SpecError(document.path, characters + _in_line_order(found)) from None
    problems = characters + _in_line_order(_rule_problems(document, rules.check(spec)))
    if problems:
        raise SpecError(document.path, problems)
    return spec


def valid_parts(data: dict[str, Any]) -> rules.Parts:
    """The blocks of a spec that validate on their own (consultation, publics, each lot)."""
    raw_lots = data.get("lots")
    lots = raw_lots if isinstance(raw_lots, list) else []
    valid_lots = [(index, lot) for index, item in enumerate(lots) if (lot := _checkable_lot(item)) is not None]
    publics = _valid(TypeAdapter(Publics), data.get("publics"))
    return rules.Parts(_valid(Consultation, data.get("consultation")), publics, valid_lots, len(lots))


def _checkable_lot(item: Any) -> Lot | None:
    """The lot as written, or with its wrong values of NEUTRAL_LOT_VALUES neutralised; None if other fields are wrong."""
    try:
        return Lot.model_validate(item)
    except ValidationError as exc:
        wrong = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
        if not isinstance(item, dict) or not wrong <= set(NEUTRAL_LOT_VALUES) or not wrong <= set(item):
            return None
        neutralised: Lot | None = _valid(Lot, {**item, **{name: NEUTRAL_LOT_VALUES[name] for name in wrong}})
        return neutralised


def _valid(model: type[BaseModel] | TypeAdapter[Any], value: Any) -> Any:
    validate = model.validate_python if isinstance(model, TypeAdapter) else model.model_validate
    try:
        return validate(value)
    except ValidationError:
        return None


def _rule_problems(document: YamlDocument, found: list[rules.Problem]) -> list[tuple[int, str]]:
    return [(document.line_of(location) or 0, describe(document, location, message)) for location, message in found]


def _in_line_order(found: list[tuple[int, str]]) -> list[str]:
    """Problem lines by line number (stable), each once."""
    return list(dict.fromkeys(text for _, text in sorted(found, key=lambda item: item[0])))
