"""The shortcuts taken for speed give exactly what the plain way gives (issue 10, speed goals).

No timing here (speed is measured in benchmarks/): each test compares a shortcut with
the way it replaces, byte for byte or value for value, or checks what a command loads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from lxml import etree
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from generator import workbook_style
from generator.award import sheet_xml, workbook
from generator.award.sheet_xml import Sheet
from generator.dossier import open_dossier
from generator.reference import data as reference
from generator.reference import law
from generator.resolve.criterion import example, sentence
from generator.spec.text import _FORBIDDEN, forbidden_character
from generator.spec.yaml_loader import YamlProblem, load
from tests.conftest import FULL_EXAMPLE, INSERTION_EXAMPLE, ROOT, SERVICES_EXAMPLE
from tests.spec_builder import spec, write


def _through_openpyxl(sheets: list[Sheet]) -> bytes:
    """The grid as openpyxl writes it: each cell made and styled through openpyxl, in the order the grid makes them."""
    book = Workbook()
    book.remove(book.active)
    for model in sheets:
        sheet = book.create_sheet(model.title)
        for (row, column), (value, kind) in model.cells.items():
            cell = sheet.cell(row=row, column=column)
            cell.value = value
            if kind:
                workbook_style.style(cell, kind)
        for column, width in model.widths.items():
            sheet.column_dimensions[get_column_letter(column)].width = width
        for rule in model.validations:
            validation = DataValidation(showInputMessage=True, prompt=rule.prompt) if rule.maximum is None else DataValidation(
                type="whole", operator="between", formula1="0", formula2=str(rule.maximum), allow_blank=True, showErrorMessage=True,
                errorStyle="stop", errorTitle=rule.error_title, error=rule.error, showInputMessage=True, prompt=rule.prompt)
            sheet.add_data_validation(validation)
            for cells in rule.ranges:
                validation.add(cells)
        sheet.freeze_panes = model.freeze
        sheet.protection.sheet = True
        sheet.sheet_state = "veryHidden" if model.hidden else "visible"
    book.security = WorkbookProtection(lockStructure=True)
    book.active = 0
    return workbook_style.deterministic_bytes(book)


HOSTILE = ["  Régie <Est> & \"Fils\"  ", "=1+1", "#N/A", "Coop\tà\nlignes 😀", "=", "'quote", "Groupement <long> & " * 12]


def _hostile_spec(tmp_path):
    """A spec whose texts in the grid need every escape: markup characters, spaces around, a tab, a line break, an emoji."""
    return write(tmp_path, spec(lot__intitule="Voirie <&> \"nord\" 😀 ", lot__dispositif="clause_et_critere",
                                lot__critere={"ponderation": 7.5, "bareme": {0: " Absent <rien>", 1: "=SUM(A1:A2)", 2: "Complet & \"chiffré\""}}))


@pytest.mark.parametrize("spec_path", [FULL_EXAMPLE, INSERTION_EXAMPLE, SERVICES_EXAMPLE, _hostile_spec], ids=["full", "insertion", "services", "hostile"])
@pytest.mark.parametrize("bidders", [[], ["Sarl Dupont", "Régie Est & Fils <SCOP>"], HOSTILE])
def test_the_grid_workbook_is_byte_for_byte_what_openpyxl_writes_for_its_cells(spec_path, bidders, tmp_path):
    resolved = open_dossier(spec_path if isinstance(spec_path, Path) else spec_path(tmp_path)).resolved
    assert resolved.lots_notes
    assert workbook.grid_workbook(resolved, bidders) == _through_openpyxl(workbook.grid_sheets(resolved, bidders))


def test_texts_and_attributes_are_escaped_as_lxml_escapes_them():
    tricky = "a&<>\"'\n\r\t é😀 ]]>"
    element = etree.Element("c", {"v": tricky})
    element.text = tricky
    expected = etree.tostring(element, encoding="ascii")
    assert f'<c v="{sheet_xml.attribute(tricky)}">{sheet_xml.text(tricky)}</c>'.encode("ascii", "xmlcharrefreplace") == expected


@pytest.mark.parametrize("ponderation", ["10", "10.0", "7.5", "7.50", "1E+1", "0.25"])
def test_the_remembered_formula_sentences_are_those_written_afresh(ponderation):
    lot = open_dossier(FULL_EXAMPLE).resolved.lots_notes[0]
    weights = [Decimal("12.5"), Decimal("37.50"), Decimal("30"), Decimal("20")]
    subs = [dataclasses.replace(sub, poids=weight) for sub, weight in zip(lot.critere_note.sous_criteres, weights, strict=True)]
    criterion = dataclasses.replace(lot.critere_note, ponderation=Decimal(ponderation), sous_criteres=subs)
    wording = reference.criterion().formule
    for _ in range(2):
        assert criterion.formule == sentence(wording, criterion.ponderation, criterion.note_max)
        assert criterion.exemple == example(wording, criterion.ponderation, criterion.note_max, weights)


YAML_TEXTS = {
    "scalars": "texte: bonjour\nentier: 12\nnombre: 0.05\nvrai: true\nrien: null\ndate: 2026-12-15\nheure: 2026-12-15 10:15:00\n"
               "octal: 0o17\nhexa: 0x1F\nguillemets: '12'\nvide:\n",
    "nested": "a:\n  b:\n    - 1\n    - [x, 2, {c: d}]\n  e: {f: [], g: {}}\n12: clé nombre\n",
    "tags": "ensemble: !!set {a, b}\nordonne: !!omap [{x: 1}, {y: 2}]\ntexte: !!str 12\nbinaire: !!binary aGVsbG8=\n",
    "aliases": "base: &b {x: 1, y: [1, 2]}\nautre: *b\nfusion:\n  <<: *b\n  z: 3\n",
    "inline merge": "fusion:\n  <<: {x: 1}\n  y: 2\n",
    "example": FULL_EXAMPLE.read_text(encoding="utf-8"),
}


@pytest.mark.parametrize("text", YAML_TEXTS.values(), ids=YAML_TEXTS.keys())
def test_the_yaml_fast_path_builds_what_pyyaml_builds(text):
    node, data = load(text)
    assert data == yaml.load(text, Loader=yaml.SafeLoader)
    assert type(data) is dict and node is not None
    assert load(text)[1] == data  # the second time, with every short text's tag remembered


def test_remembered_tags_are_those_of_each_text_and_kind():
    text = "a: 12\nb: '12'\nc: 1e3\nd: 1.0e+3\ne: yes\nf: true\ng: ~\nh: 2026-12-15\ni: [12]\n"
    expected = {"a": 12, "b": "12", "c": "1e3", "d": 1000.0, "e": True, "f": True, "g": None, "h": dt.date(2026, 12, 15), "i": [12]}
    assert load(text)[1] == expected
    assert load(text)[1] == expected


@pytest.mark.parametrize("text, message", [
    ("a: 1\nb: 2\na: 3\n", "ligne 3 : la clé « a » est écrite deux fois ; gardez-en une seule"),
    ("x:\n  y: 1\n  y: 2\n", "ligne 3 : la clé « y » est écrite deux fois ; gardez-en une seule"),
    ("a: " + "[" * 22 + "1" + "]" * 22 + "\n", "imbrication trop profonde"),
    ("d: 2026-02-30\n", "date impossible « 2026-02-30 »"),
])
def test_a_plain_tree_that_fails_a_check_still_gets_the_full_loaders_message(text, message):
    with pytest.raises(YamlProblem) as refused:
        load(text)
    assert message in str(refused.value)


def test_a_tree_at_the_node_budget_passes_and_one_node_more_is_refused(monkeypatch):
    monkeypatch.setattr("generator.spec.yaml_loader.MAX_NODES", 7)  # root, then 3 keys and 3 values
    assert load("a: 1\nb: 2\nc: 3\n")[1] == {"a": 1, "b": 2, "c": 3}
    with pytest.raises(YamlProblem, match="au-delà de 7 éléments"):
        load("a: 1\nb: 2\nc: 3\nd: 4\n")


def test_the_forbidden_character_pattern_matches_exactly_the_characters_the_loop_refuses():
    refused = [code for code in range(0x110000) if forbidden_character(chr(code)) is not None]
    matched = [code for code in range(0x110000) if _FORBIDDEN.search(chr(code))]
    assert refused == matched
    assert forbidden_character("ab\x0cc") == "caractère de contrôle U+000C en position 3"


def test_cached_law_articles_are_a_fresh_list_each_time():
    on = dt.date(2026, 12, 15)
    first = law.group_articles("condition_execution", on)
    first.clear()
    assert [article.numero for article in law.group_articles("condition_execution", on)] == ["L. 2112-2"]
    assert [article.numero for article in law.group_articles("condition_execution", on, obligation=True)] == ["L. 2112-2", "L. 2112-2-1"]


def _loaded_by(arguments: list[str], modules: bool = False) -> set[str]:
    """The top-level packages (or, with ``modules``, every module) a ``clauses`` command has imported when it ends."""
    name = "name" if modules else "name.split('.')[0]"
    code = ("import atexit, sys\n"
            f"atexit.register(lambda: print(' '.join(sorted({{{name} for name in sys.modules}}))))\n"
            "from generator.cli.commands import main\nmain()")
    result = subprocess.run([sys.executable, "-c", code, *arguments], capture_output=True, text=True, cwd=ROOT, check=False)
    return set(result.stdout.splitlines()[-1].split())


def test_help_loads_none_of_the_document_libraries_nor_the_lock():
    loaded = _loaded_by(["--help"])
    assert "click" in loaded
    assert not loaded & {"docx", "docxtpl", "openpyxl", "jinja2", "filelock", "lxml", "sqlalchemy", "alembic", "matplotlib"}


def test_heures_loads_the_spec_model_but_not_the_documents_nor_the_lock():
    loaded = _loaded_by(["heures", str(FULL_EXAMPLE)])
    assert {"pydantic", "babel", "yaml"} <= loaded
    assert not loaded & {"docx", "docxtpl", "openpyxl", "jinja2", "filelock", "lxml"}


def test_only_suivi_loads_the_follow_up_commands():
    assert "generator.cli.suivi" not in _loaded_by(["heures", str(FULL_EXAMPLE)], modules=True)
    assert "generator.cli.suivi" in _loaded_by(["suivi", "--help"], modules=True)
