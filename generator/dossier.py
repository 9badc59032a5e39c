"""``open_dossier``: a spec opened once (load, resolve, approval status) for every command.

Every command starts from a ``Dossier`` (``clauses heures`` and the follow-up's contracts
aside, which need only the resolved spec: ``resolve_file``); none chooses the templates
folder on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from generator.approval.status import ApprovalStatus, approval_status
from generator.errors import LawError, ReviewError
from generator.formatting import folded
from generator.resolve.model import ResolvedSpec, resolve
from generator.spec.load import load_spec
from generator.spec.model import Spec
from generator.templates import TemplateSet, template_set


@dataclass(frozen=True)
class Dossier:
    """A spec as written, as resolved when the law of its date is known, its templates and approval."""

    path: Path
    spec: Spec
    resolved_or_none: ResolvedSpec | None
    law_error: LawError | None
    templates: TemplateSet
    approval: ApprovalStatus | ReviewError  # the review file as read once, or why it is unusable

    @property
    def resolved(self) -> ResolvedSpec:
        """The resolved spec; the LawError of a launch date the law data does not cover."""
        if self.resolved_or_none is None:
            assert self.law_error is not None
            raise self.law_error
        return self.resolved_or_none

    @property
    def approval_status(self) -> ApprovalStatus:
        """The approval status; the ReviewError of an unusable review file."""
        if isinstance(self.approval, ReviewError):
            raise self.approval
        return self.approval

    @cached_property
    def folded_text(self) -> str:
        """Every text of the spec in one string without accents or capitals: one search tells
        whether walking ``spec_texts`` can find a word at all (almost never)."""
        return folded(self.spec.model_dump_json())

    @cached_property
    def spec_texts(self) -> list[tuple[str, str]]:
        """Every text of the spec with its dotted path (``lots.2.intitule``), for the checks that search them."""
        return _collect_texts(self.spec.model_dump(), "", [])


def open_dossier(spec_path: Path | str, templates: Path | TemplateSet | None = None) -> Dossier:
    """Load and resolve the spec, read its approval; keep a LawError or ReviewError for later.

    ``templates`` is a folder overriding some shipped templates, or a set already chosen.
    """
    path = Path(spec_path)
    spec = load_spec(path)
    try:
        resolved, law_error = resolve(spec, path), None
    except LawError as exc:
        resolved, law_error = None, exc
    chosen = template_set(templates)
    return Dossier(path, spec, resolved, law_error, chosen, _read_approval(path, chosen))


def _read_approval(spec_path: Path, templates: TemplateSet) -> ApprovalStatus | ReviewError:
    try:
        return approval_status(spec_path, templates)
    except ReviewError as exc:
        return exc


def _collect_texts(value: Any, at: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every string of a dumped spec with its dotted path (``lots.2.intitule``), appended to ``found``."""
    if isinstance(value, str):
        found.append((at, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect_texts(item, f"{at}.{key}" if at else str(key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect_texts(item, f"{at}.{index}", found)
    return found
