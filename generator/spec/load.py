"""``load_spec`` reads a spec file, validates it and returns a ``Spec``.

Every problem becomes a French line naming the field path and the line (``SpecError``).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generator.errors import SpecError
from generator.spec import rules
from generator.spec.messages import describe_validation_error
from generator.spec.model import Spec
from generator.spec.text import text_problems
from generator.spec.yaml_source import describe, read_yaml


def load_spec(path: Path | str) -> Spec:
    """Read, validate and return the spec at ``path``; raise SpecError in French."""
    document = read_yaml(Path(path))
    characters = [describe(document, location, message) for location, message in text_problems(document.data)]
    try:
        spec = Spec.model_validate(document.data)
    except ValidationError as exc:
        raise SpecError(document.path, characters + describe_validation_error(exc, document, Spec)) from None
    if characters:
        raise SpecError(document.path, characters)
    found = sorted(rules.check(spec), key=lambda problem: document.line_of(problem[0]) or 0)
    problems = [describe(document, location, message) for location, message in found]
    if problems:
        raise SpecError(document.path, problems)
    return spec
