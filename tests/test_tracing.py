"""Following a value from the spec to the documents: one module per stage, always downwards.

``taux_insertion`` and ``cout_horaire``: spec/model (typed) -> resolve/sizing (default
from data/parametres.yaml, the one hours formula, its trace text) -> the documents
through the template context; resolve/trace only prints them in ``clauses heures``.
``ponderation``: spec/model -> resolve/criterion (the criterion and its one score
formula, sentence and worked example) -> the RC and grid through the context, the
workbook (award/workbook writes it, award/marks_xlsx checks a filled grid still
matches it); review/rules bounds it (CS301) and compare/fields shows its change.
import-linter checks that no module imports upwards; this test keeps the map honest:
a new module handling one of these values must be added here on purpose.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import generator

PACKAGE = Path(generator.__file__).resolve().parent
EXPECTED = {
    "taux_insertion": {"spec/model.py", "reference/models.py", "resolve/sizing.py", "resolve/trace.py"},
    "cout_horaire": {"spec/model.py", "reference/models.py", "resolve/sizing.py", "resolve/trace.py"},
    "ponderation": {"spec/model.py", "spec/rules.py", "resolve/criterion.py", "award/workbook.py", "award/marks_xlsx.py",
                    "review/rules.py", "compare/fields.py"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_value_is_handled_by_the_modules_of_its_path_only(name):
    word = re.compile(rf"\b{name}\b")
    found = {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py") if word.search(path.read_text(encoding="utf-8"))}

    assert found == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_at_most_one_module_per_stage_on_the_way_to_the_clause_documents(name):
    stages: dict[str, list[str]] = {}
    for module in EXPECTED[name]:
        stages.setdefault(module.split("/")[0], []).append(module)
    document_path = {stage: modules for stage, modules in stages.items() if stage in ("spec", "resolve", "drafting")}
    # spec/rules only names the field in a message; resolve/trace prints the `heures` report, not a document.
    on_path = {stage: [m for m in modules if m not in ("spec/rules.py", "resolve/trace.py")] for stage, modules in document_path.items()}

    assert all(len(modules) == 1 for modules in on_path.values())
