"""Prepared templates give, byte for byte, what docxtpl's own load-render-save gives.

The reference is ``render_with_docxtpl``: a fresh DocxTemplate per document, rendered
and saved by docxtpl, with fixed zip dates, which is how every document was produced
before templates were prepared. Each example document is compared with it.
"""

import dataclasses
import io
import zipfile
from functools import partial
from pathlib import Path

import docx
import pytest

from generator.award.checks import validate
from generator.award.grid import grid_context, grid_documents
from generator.award.marks_reader import read_marks
from generator.award.report import REPORT, report_context
from generator.award.scoring import score_lot
from generator.dossier import open_dossier
from generator.drafting.context import template_context
from generator.drafting.documents import plan
from generator.drafting.prepared import PreparedTemplate, render_with_docxtpl
from generator.drafting.render import finish_part, finisher, jinja_env, render_docx
from generator.files import FIXED_ZIP_DATE, deflate, normalize_zip, write_zip
from generator.templates import shipped_templates
from tests.conftest import FULL_EXAMPLE, INSERTION_EXAMPLE, SERVICES_EXAMPLE, docx_text
from tests.test_scoring import filled_example

EXAMPLES = [FULL_EXAMPLE, SERVICES_EXAMPLE, INSERTION_EXAMPLE]


def planned(spec: Path) -> list[tuple[str, dict]]:
    """Each .docx of the spec's dossier with the context it is rendered from."""
    dossier = open_dossier(spec)
    context = template_context(dossier)
    names = [document.filename for document in plan(dossier.resolved, dossier.templates, context)]
    grid = [document.filename for document in grid_documents(dossier, context=context) if document.filename.endswith(".docx")]
    with_bidders = grid_context(context, ["Candidat 1", "Candidat 2"]).as_mapping()
    return [(name, context.as_mapping()) for name in names] + [(name, with_bidders) for name in grid]


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda path: path.stem)
def test_every_example_document_is_byte_identical_to_docxtpl(spec):
    documents = planned(spec)
    assert len(documents) >= 4
    for name, context in documents:
        data = (shipped_templates() / name).read_bytes()
        finish = partial(finish_part, None)
        assert render_docx(shipped_templates(), name, context) == render_with_docxtpl(data, context, jinja_env(), finish), name


def test_the_analysis_report_is_byte_identical_to_docxtpl(tmp_path):
    xlsx = filled_example(tmp_path)
    dossier = open_dossier(FULL_EXAMPLE)
    lots = [score_lot(graded) for graded in validate(read_marks(xlsx, dossier.resolved))]
    context = report_context(dossier, lots, xlsx).as_mapping()
    data = (shipped_templates() / REPORT).read_bytes()
    finish = partial(finish_part, None)
    assert render_docx(shipped_templates(), REPORT, context) == render_with_docxtpl(data, context, jinja_env(), finish)


def test_a_template_rendered_twice_gives_each_document_its_own_text():
    first, second = planned(FULL_EXAMPLE)[0], planned(SERVICES_EXAMPLE)[0]
    template = PreparedTemplate((shipped_templates() / first[0]).read_bytes(), jinja_env())
    assert template.fast
    one, two, again = template.render(first[1]), template.render(second[1]), template.render(first[1])
    assert one == again != two
    texts = ["\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs) for data in (one, two)]
    assert "Construction du groupe scolaire Ouest" in texts[0]
    assert "Construction du groupe scolaire Ouest" not in texts[1]


def test_headers_and_footers_finished_once_come_back_only_for_the_same_text_and_finish():
    """A header rendered before is taken again as it was; another consultation's, or another numbering's, is finished anew."""
    first, second = planned(FULL_EXAMPLE)[0], planned(SERVICES_EXAMPLE)[0]
    data = (shipped_templates() / first[0]).read_bytes()
    template = PreparedTemplate(data, jinja_env())
    assert finisher(3) is finisher(3) is not finisher(None)
    for context, finish in [(first[1], finisher(None)), (second[1], finisher(None)), (first[1], finisher(None)), (first[1], finisher(3))]:
        assert template.render(context, finish) == render_with_docxtpl(data, context, jinja_env(), finish)
    headers = [docx.Document(io.BytesIO(template.render(context, finisher(None)))).sections[0].header for context in (first[1], second[1])]
    assert [" ".join(paragraph.text for paragraph in header.paragraphs) for header in headers] == [
        "Nantes Métropole — consultation 2026-NM-GS-014 — Règlement de la consultation — PROJET — non validé par le facilitateur",
        "Nantes Métropole — consultation 2027-NM-PROP-003 — Règlement de la consultation — PROJET — non validé par le facilitateur",
    ]


def test_line_breaks_tabs_and_markup_in_values_match_docxtpl(tmp_path):
    """A value with a newline or a tab goes through docxtpl's listing step: same bytes, same text."""
    name, context = planned(FULL_EXAMPLE)[0]
    consultation = dataclasses.replace(context["consultation"], objet="Ligne un\nLigne deux\tR&D <lot B>")
    context = {**context, "consultation": consultation}
    data = (shipped_templates() / name).read_bytes()
    fast = render_docx(shipped_templates(), name, context)
    assert fast == render_with_docxtpl(data, context, jinja_env(), partial(finish_part, None))
    (tmp_path / "rc.docx").write_bytes(fast)
    assert "R&D <lot B>" in docx_text(tmp_path / "rc.docx")


def test_jinja_in_the_document_properties_falls_back_to_docxtpl_with_the_same_bytes(tmp_path):
    source = docx.Document(str(shipped_templates() / "RC-clause-insertion.docx"))
    source.core_properties.title = "RC {{ consultation.reference }}"
    buffer = io.BytesIO()
    source.save(buffer)
    context = planned(FULL_EXAMPLE)[0][1]
    template = PreparedTemplate(buffer.getvalue(), jinja_env())
    assert not template.fast
    rendered = template.render(context)
    assert rendered == render_with_docxtpl(buffer.getvalue(), context, jinja_env())
    assert docx.Document(io.BytesIO(rendered)).core_properties.title == "RC 2026-NM-GS-014"


def template_of(*paragraphs: str) -> bytes:
    """A .docx template whose body is ``paragraphs``."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("paragraphs", "lined"), [
    (["Lot {{ lot }}", "{% if lot == 2 %}", "Deux", "{% endif %}"], False),
    (["{% set bloc %}", "Texte du lot {{ lot }}", "{% endset %}", "{{ bloc|length }} caractères"], True),
    (["{% macro ligne(n) %}", "Ligne {{ n }}", "{% endmacro %}", "{{ ligne(lot)|length }}"], True),
    (["{% filter trim %}", "Lot {{ lot }}", "{% endfilter %}"], True),
    (["Lot {{ lot|safe }}"], True),
    (["{% autoescape false %}", "Lot {{ lot }}", "{% endautoescape %}"], True),
])
def test_templates_reading_their_own_text_keep_docxtpls_line_breaks_and_its_bytes(paragraphs, lined):
    """``{{ bloc|length }}`` counts the line breaks docxtpl puts before each paragraph: such templates keep them."""
    data = template_of(*paragraphs)
    template = PreparedTemplate(data, jinja_env())
    assert [part.lined for part in template._parts] == [lined]
    assert template.render({"lot": 2}) == render_with_docxtpl(data, {"lot": 2}, jinja_env())


def test_write_zip_writes_what_zipfile_writes_for_the_same_members():
    members = {"[Content_Types].xml": b"<Types/>" * 50, "word/document.xml": "é€ texte".encode() * 400, "vide.txt": b""}
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    assert write_zip(deflate(name, data) for name, data in members.items()) == expected.getvalue()
    assert normalize_zip(expected.getvalue()) == expected.getvalue()
