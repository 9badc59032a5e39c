"""The shortcuts of rendering give what the plain path gives, on every example document.

Each shortcut (docxtpl's ``fix_tables`` done on the parsed body, a paragraph's
text runs read in one walk of the part or cell when it has no text box, a table's
cells read in one walk, the styled paragraphs found by one XPath, the widest word
and the sandbox's answers kept, the rules tried only on texts holding what they
need, paragraph lines joined without a regular expression) is compared with the
path it replaces.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from generator.drafting.columns import BREAKS, text_width, widest_word
from generator.drafting.grids import W_TC, fix_tables
from generator.drafting.prepared import join_paragraph_lines
from generator.drafting.render import jinja_env, render_docx
from generator.drafting.sandbox import Sandbox
from generator.drafting.table_cells import W_TBL, _cells_in_one_walk, cells_one_by_one, table_cells
from generator.templates import shipped_templates
from generator.typography.rules import NEEDED, RULES, fix, fix_pieces
from generator.typography.wordml import (
    W_P,
    W_T,
    last_list_items,
    paragraph_runs,
    paragraph_text,
    paragraph_texts,
    paragraphs_text,
    style,
    styled_paragraphs,
    typeset_part,
)
from tests.test_prepared import EXAMPLES, planned


def rendered_bodies() -> Iterator[tuple[str, DocxTemplate, str]]:
    """Each example document's body as docxtpl renders it, before ``fix_tables``."""
    for spec in EXAMPLES:
        for name, context in planned(spec):
            template = DocxTemplate(io.BytesIO((shipped_templates() / name).read_bytes()))
            template.render_init()
            yield name, template, template.build_xml(context, jinja_env())


def finished_parts() -> Iterator[etree._Element]:
    """The body, headers and footers of each example document, as the tool writes them."""
    for spec in EXAMPLES:
        for name, context in planned(spec):
            with zipfile.ZipFile(io.BytesIO(render_docx(shipped_templates(), name, context))) as document:
                for part in document.namelist():
                    if part.startswith(("word/document", "word/header", "word/footer")):
                        yield etree.fromstring(document.read(part))


def test_fix_tables_gives_docxtpls_tree_on_every_example_body():
    changed = 0
    for name, template, xml in rendered_bodies():
        expected = etree.tostring(template.fix_tables(xml))
        changed += expected != etree.tostring(etree.fromstring(xml, parser=etree.XMLParser(recover=True)))
        assert etree.tostring(fix_tables(template, xml)) == expected, name
    assert changed  # the grid's « {%tc for candidat %} » columns: grids are widened or narrowed


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def body(*tables: str) -> str:
    return f'<w:body xmlns:w="{W}">{"".join(tables)}</w:body>'


def table(widths: list[str | None], *rows: str, grid: bool = True) -> str:
    columns = "".join("<w:gridCol/>" if width is None else f'<w:gridCol w:w="{width}"/>' for width in widths)
    return f"<w:tbl>{f'<w:tblGrid>{columns}</w:tblGrid>' if grid else ''}{''.join(rows)}</w:tbl>"


def row(*spans: int | str | None) -> str:
    cells = ("<w:tc><w:p/></w:tc>" if span == 1 else f'<w:tc><w:tcPr><w:gridSpan{"" if span is None else f" w:val={chr(34)}{span}{chr(34)}"}/></w:tcPr><w:p/></w:tc>' for span in spans)
    return f"<w:tr>{''.join(cells)}</w:tr>"


SPANS = (
    '<w:tr><w:tc><w:tcPr><w:tcPrChange><w:tcPr><w:gridSpan w:val="3"/></w:tcPr></w:tcPrChange><w:gridSpan w:val="1"/>'
    '<w:gridSpan w:val="2"/></w:tcPr><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc></w:tr>'
)


def outcome(fix, xml: str) -> bytes | type[Exception]:
    """The tree ``fix`` gives, serialised, or the kind of error it raises."""
    try:
        return etree.tostring(fix(xml))
    except Exception as exc:  # the very error docxtpl raises is what is compared
        return type(exc)


@pytest.mark.parametrize("xml", [
    body(table(["10", "10"], row(1))),  # too many columns: one removed, its width given to the other
    body(table(["10", "10"], row(1, 1))),
    body(table(["1000", "2000"], row(1, 1, 1), row(1))),  # a row wider than the grid: columns added, the table keeps its width
    body(table(["1000", "2000", "3001"], row(2), row(1, 1))),  # spans count
    body(table(["1000", "2000", "3000"], row(1, 1, 1, 1, 1), row(2, 1))),  # widened, then narrowed
    body(table(["10", "10", "10"], row(1, 1).replace("<w:p/>", table(["5"], row(1, 1, 1, 1)), 1))),  # a nested table's rows count for the outer one
    body(table(["900", "900"]), table(["0", "0"], row(1, 1, 1))),  # no row at all; a grid without width is not widened
    body(table(["1e3", " 20 "], row(1))),  # widths as float() reads them
    body(table([None, None], row(1, 1))),  # no width, nothing to change: left as it is
    body(table([None, "10"], row(1))),  # no width where one must be read: docxtpl's error
    body(table(["x", "10"], row(1, 1, 1))),  # a width that is not a number
    body(table(["10", "10"], row(1), grid=False)),  # no grid
    body(table(["10", "10"], row(None))),  # a span without a value
    body(table(["10", "10"], row("deux"))),
    body(table(["10", "10", "10"], SPANS)),  # only the first w:tcPr's first w:gridSpan counts
])
def test_fix_tables_gives_docxtpls_tree_or_error_on_odd_tables(xml):
    template = DocxTemplate(io.BytesIO((shipped_templates() / "CCTP-marche-insertion.docx").read_bytes()))
    assert outcome(lambda text: fix_tables(template, text), xml) == outcome(template.fix_tables, xml)


def test_paragraph_texts_are_those_whose_nearest_paragraph_is_theirs():
    paragraphs = 0
    for root in finished_parts():
        for paragraph in root.iter(W_P):
            paragraphs += 1
            assert paragraph_texts(paragraph) == [t for t in paragraph.iter(W_T) if next(t.iterancestors(W_P), None) is paragraph]
    assert paragraphs > 1000


def test_a_text_box_keeps_its_text_out_of_its_paragraph():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph = etree.fromstring(f'<w:p xmlns:w="{w}"><w:r><w:t>avant</w:t></w:r><w:r><w:txbxContent><w:p><w:r><w:t>boîte</w:t></w:r></w:p></w:txbxContent></w:r><w:r><w:t>après</w:t></w:r></w:p>')
    assert [t.text for t in paragraph_texts(paragraph)] == ["avant", "après"]


def test_the_last_list_items_are_found_among_the_styled_paragraphs():
    lists = 0
    for root in finished_parts():
        every = [p for p in root.iter(W_P) if style(p).startswith("List") and not (p.getnext() is not None and p.getnext().tag == W_P and style(p.getnext()).startswith("List"))]
        assert list(last_list_items(root)) == every
        assert styled_paragraphs(root) == [p for p in root.iter(W_P) if style(p)]
        lists += len(every)
    assert lists


@pytest.mark.parametrize("text", ["", "Lot 1 : travaux", "1 542\u00a0heures de travail", "contact@exemple-de-ville.fr  et   plus"])
def test_the_widest_word_is_the_widest_of_the_words(text):
    assert widest_word(text) == max(map(text_width, BREAKS.split(text)))


@pytest.mark.parametrize(("obj", "attribute"), [([], "append"), ([], "index"), ({}, "keys"), ({}, "clear"), ("x", "upper"), (str, "mro"), (len, "__self__"), (lambda: 0, "__globals__"), (lambda: 0, "__name__")])
def test_the_sandbox_answers_as_jinjas_immutable_sandbox_every_time(obj, attribute):
    sandbox, jinja = Sandbox(), ImmutableSandboxedEnvironment()
    expected = jinja.is_safe_attribute(obj, attribute, getattr(obj, attribute))
    assert [sandbox.is_safe_attribute(obj, attribute, getattr(obj, attribute)) for _ in range(2)] == [expected, expected]


SAMPLES = [
    'Le "titulaire" s\'engage... : 35 h ; 12 % ! Art. L. 2112-2-1, R.2123-1 (3°), n° 78-17, articles 14 et 15, 1 542 heures',
    "« Lot 1 » : l'article 1.3 du CCAP ; L.\u00a05132-1 ? 3 mois, 2 ans, 10 postes",
]


def sample_texts() -> Iterator[str]:
    yield from SAMPLES
    for source in sorted((Path(__file__).parents[1] / "clause_templates" / "sources").glob("*.txt")):
        yield from source.read_text(encoding="utf-8").splitlines()
    for root in finished_parts():
        yield from (paragraph_text(paragraph) for paragraph in root.iter(W_P))


def test_a_rule_matches_only_texts_holding_what_it_needs():
    tried = 0
    for text in sample_texts():
        for (pattern, _), needed in zip(RULES, NEEDED, strict=True):
            if needed and not any(part in text for part in needed):
                tried += 1
                assert not pattern.search(text), (pattern.pattern, text)
    assert tried > 1000


def test_the_rules_give_the_same_text_with_or_without_the_quick_test():
    for text in [*SAMPLES, "Article 3 : 12 salariés ; « x »"]:
        plain = text
        for pattern, replacement in RULES:
            plain = pattern.sub(replacement, plain)
        assert fix(text) == plain


def test_pieces_fixed_from_the_cache_are_a_new_list_each_time():
    pieces = ["Article", " 3 : ", "12 salariés"]
    first = fix_pieces(pieces)
    first[0] = "changé"
    assert fix_pieces(pieces) == ["Article", "\u00a03\u00a0: ", "12\u00a0salariés"]
    assert pieces == ["Article", " 3 : ", "12 salariés"]


TEXT_BOX = (
    '<w:tc xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>avant</w:t></w:r>'
    "<w:r><w:txbxContent><w:p><w:r><w:t>boîte</w:t></w:r></w:p></w:txbxContent></w:r><w:r><w:t>après</w:t></w:r></w:p>"
    "<w:p/><w:p><w:r><w:t>fin</w:t></w:r></w:p></w:tc>"
)


def test_the_runs_of_a_part_read_in_one_walk_are_each_paragraphs_own():
    cells = 0
    for root in [*finished_parts(), etree.fromstring(TEXT_BOX)]:
        assert paragraph_runs(root) == [paragraph_texts(paragraph) for paragraph in root.iter(W_P)]
        for cell in root.iter(W_TC):
            cells += 1
            assert paragraphs_text(cell) == " ".join(paragraph_text(paragraph) for paragraph in cell.iter(W_P))
    assert cells > 100
    assert paragraphs_text(etree.fromstring(TEXT_BOX)) == "avantaprès boîte  fin"


def test_paragraph_lines_are_joined_as_docxtpls_expression_joins_them():
    bodies = (re.sub(r"<w:p([ >])", r"\n<w:p\1", xml) for _, _, xml in rendered_bodies())  # as prepared templates compile them
    for xml in ['\n<w:p>\n<w:p w:x="1">\n\n<w:p >\n<w:pPr>\n<w:p\n<w:p/>', *bodies]:
        assert join_paragraph_lines(xml) == re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)


TABLE_IN_CELL = '<w:tbl><w:tblGrid><w:gridCol w:w="5"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>imbriquée</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'


def part_tables() -> Iterator[etree._Element]:
    """Every table of the example documents' parts, as rendered and typeset (before their columns are fitted)."""
    for _, template, xml in rendered_bodies():
        root = template.fix_tables(xml)
        typeset_part(root)
        yield from root.iter(W_TBL)


CELLS = (
    f'<w:tbl xmlns:w="{W}"><w:tblGrid><w:gridCol w:w="10"/><w:gridCol w:w="10"/><w:gridCol w:w="10"/></w:tblGrid>'
    '<w:tr><w:tc><w:tcPr><w:tcW w:w="10" w:type="dxa"/><w:tcW w:w="99"/><w:gridSpan w:val="2"/><w:gridSpan w:val="3"/></w:tcPr>'
    "<w:p><w:r><w:t>un</w:t><w:t>deux</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>trois</w:t></w:r></w:p></w:tc>"
    '<w:tc><w:tcPr><w:tcPrChange><w:tcPr><w:tcW w:w="5"/></w:tcPr></w:tcPrChange></w:tcPr><w:tcPr><w:tcW w:w="7"/></w:tcPr>'
    "<w:p><w:r><w:t>quatre</w:t></w:r></w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p><w:r><w:t>cinq</w:t></w:r></w:p></w:tc><w:tc/><w:tc><w:r><w:t>hors paragraphe</w:t></w:r><w:p/></w:tc></w:tr>{more}</w:tbl>"
)


@pytest.mark.parametrize(("more", "walked"), [
    ("", True),
    (f"<w:tr><w:tc>{TABLE_IN_CELL}</w:tc></w:tr>", False),  # a nested table
    ("<w:sdt><w:sdtContent><w:tr><w:tc><w:p/></w:tc></w:tr></w:sdtContent></w:sdt>", False),  # a row in a content control
    ("<w:tr><w:sdt><w:sdtContent><w:tc><w:p/></w:tc></w:sdtContent></w:sdt></w:tr>", False),  # a cell in a content control
])
def test_table_cells_read_in_one_walk_are_those_read_one_by_one(more, walked):
    table = etree.fromstring(CELLS.format(more=more))
    assert (_cells_in_one_walk(table) is not None) == walked
    cells = table_cells(table, boxes=False)
    assert cells == cells_one_by_one(table, boxes=False)
    first = cells[0]
    assert [(cell.column, cell.span, cell.width.get(f"{{{W}}}w") if cell.width is not None else None, cell.text) for cell in first] == [
        (0, 2, "10", "undeux  trois"), (2, None, None, "quatre"),  # the first w:tcPr has no width of its own
    ]
    assert [(cell.column, cell.text) for cell in cells[1]] == [(0, "cinq"), (1, ""), (2, "")]


def test_every_example_table_is_read_in_one_walk_as_one_by_one():
    tables = 0
    for table in part_tables():
        tables += 1
        assert _cells_in_one_walk(table) == cells_one_by_one(table, boxes=False)
    assert tables > 20
