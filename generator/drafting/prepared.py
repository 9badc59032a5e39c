"""A .docx template prepared once per run, then rendered many times.

docxtpl, for every document, reopens the template, parses every part (the 350 KB
styles included), patches the XML of the body, headers and footers, compiles it,
renders, serialises and compresses every part, and ``files.normalize_zip`` then
inflates and deflates the whole file again. Only the rendered parts change from one
document to the next, so a ``PreparedTemplate`` does the rest once:

- parse the template and patch its XML with docxtpl's own ``patch_xml``;
- compile each patched part with the tool's Jinja environment;
- deflate every part that rendering never changes, as ``normalize_zip`` would.

``render`` then runs docxtpl's steps on the rendered parts only (the same functions,
in the same order, so the bytes are those docxtpl gives) and deflates just those.
A header or footer that renders as it did for a recent document (a footer usually
renders the same for every document) takes the bytes finished and deflated then.
A template using what this path does not reproduce (footnotes, Jinja in the document
properties) is rendered by docxtpl itself: slower, same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import jinja2
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from jinja2 import nodes
from lxml import etree

from generator.drafting.grids import fix_tables
from generator.files import ZipMember, deflate, normalize_zip, write_zip, zip_members
from generator.typography.wordml import rewrite_parts

DOCUMENT_PART = "word/document.xml"
# The document properties docxtpl renders as Jinja templates (DocxTemplate.render_properties).
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_JINJA_MARKS = ("{{", "{%", "{#")
_QUOTE = {"\"": "&quot;"}
_BODY_MARK = "clauses: the rendered body goes here"
# Jinja nodes where docxtpl's line breaks could show: template text captured as a value,
# or text printed unescaped (which may then hold « \n<w:p » of its own for docxtpl to join).
_CAPTURING = (
    nodes.AssignBlock, nodes.Macro, nodes.CallBlock, nodes.FilterBlock, nodes.Block,
    nodes.EvalContextModifier, nodes.MarkSafe, nodes.MarkSafeIfAutoescape,
)
_RECENT = 16  # finished headers and footers kept per template: a few consultations' worth


Finish = Callable[[etree._Element], None]


def render_with_docxtpl(data: bytes, context: Mapping[str, Any], env: jinja2.Environment, finish: Finish | None = None) -> bytes:
    """docxtpl's own load-render-save, with fixed zip dates: the reference the fast path matches.

    ``finish`` then changes each rendered part (body, headers, footers) in place.
    """
    template = DocxTemplate(io.BytesIO(data))
    template.render(context, jinja_env=env, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    rendered = buffer.getvalue()
    return normalize_zip(rewrite_parts(rendered, finish) if finish else rendered)


@dataclass
class _Part:
    """A part rendered per document: its zip name, compiled template and serialiser.

    ``lined``: whether the template was compiled with docxtpl's line break before each
    paragraph, which rendering then takes out again (``join_paragraph_lines``).
    """

    name: str
    template: jinja2.Template
    lined: bool
    serialize: Callable[[str, Finish | None], bytes]


class PreparedTemplate:
    """One template, parsed, patched, compiled and compressed once; ``render`` gives the .docx bytes."""

    def __init__(self, data: bytes, env: jinja2.Environment) -> None:
        self._data, self._env = data, env
        self._docxtpl = DocxTemplate(io.BytesIO(data))
        self._docxtpl.render_init()
        self.fast = self._fast_path_applies()
        if self.fast:
            self._parts = self._compile_parts()
            self._static = self._static_members()
            self._around_body = self._document_around_body()
            self._recent: dict[tuple[str, str, Finish | None], ZipMember] = {}

    def render(self, context: Mapping[str, Any], finish: Finish | None = None) -> bytes:
        """The rendered .docx: byte for byte what docxtpl and ``normalize_zip`` give (then ``finish``)."""
        if not self.fast:
            return render_with_docxtpl(self._data, context, self._env, finish)
        rendered = {part.name: self._finished(part, self._render_xml(part, context), finish) for part in self._parts}
        return write_zip(rendered.get(member.name, member) for member in self._static)

    def _finished(self, part: _Part, xml: str, finish: Finish | None) -> ZipMember:
        """The rendered part, finished, serialised and deflated; a header or footer rendered recently is taken as it was.

        ``finish`` is part of the key by identity: the same function object finishes the same XML the same way.
        """
        if part.name == DOCUMENT_PART:
            return deflate(part.name, part.serialize(xml, finish))
        key = (part.name, xml, finish)
        member = self._recent.get(key)
        if member is None:
            if len(self._recent) >= _RECENT:
                del self._recent[next(iter(self._recent))]  # the oldest
            member = self._recent[key] = deflate(part.name, part.serialize(xml, finish))
        return member

    def _fast_path_applies(self) -> bool:
        """False for templates with footnotes or Jinja in their properties (docxtpl renders those)."""
        document = self._docxtpl.docx
        if any(part.content_type == FOOTNOTES for part in document.part.package.parts):
            return False
        properties = document.core_properties
        return not any(mark in (getattr(properties, name) or "") for name in PROPERTIES for mark in _JINJA_MARKS)

    def _compile_parts(self) -> list[_Part]:
        """The body, then each header and footer, as docxtpl renders them (``DocxTemplate.render``)."""
        template = self._docxtpl
        parts = [_Part(DOCUMENT_PART, *self._compile(template.get_xml()), serialize=self._serialize_body)]
        for uri in (RELATIONSHIP_TYPE.HEADER, RELATIONSHIP_TYPE.FOOTER):
            for _, part in template.get_headers_footers(uri):
                parts.append(_Part(part.partname.lstrip("/"), *self._compile(template.get_part_xml(part)), serialize=_serialize_part))
        return parts

    def _compile(self, xml: str) -> tuple[jinja2.Template, bool]:
        """docxtpl's ``patch_xml``, compiled once; and whether with the line breaks ``render_xml_part`` adds.

        docxtpl puts a line break before each paragraph, renders, then takes those
        breaks out (one per paragraph, twice over the whole text). Only template text
        captured and read as a value (``{% set %}…{% endset %}``, a macro, a
        ``{% filter %}``, a block) or text printed unescaped (``|safe``, autoescape
        off) could tell them apart: the other templates are compiled without them,
        and nothing needs taking out.
        """
        source = self._docxtpl.patch_xml(xml)
        tree = self._env.parse(source)
        if not _may_show_line_breaks(tree):
            return self._env.from_string(tree), False
        return self._env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", source)), True

    def _static_members(self) -> list[ZipMember]:
        """Every member of the rendered file, deflated once; the rendered parts are replaced per document."""
        template = self._docxtpl
        template.render_properties({}, self._env)  # no Jinja in them (checked): the same for every document
        buffer = io.BytesIO()
        template.docx.save(buffer)
        return zip_members(buffer.getvalue())

    def _document_around_body(self) -> tuple[bytes, bytes, list[bytes]]:
        """``document.xml`` as python-docx saves it, cut where the body goes, and the root's namespace declarations.

        The body is the only part of ``document.xml`` that changes from one document to the next.
        """
        root = self._docxtpl.docx._element
        declared = [f' xmlns{":" + prefix if prefix else ""}="{escape(uri, _QUOTE)}"'.encode() for prefix, uri in root.nsmap.items()]
        root.replace(root.body, etree.Comment(_BODY_MARK))
        before, after = etree.tostring(root, encoding="UTF-8", standalone=True).split(f"<!--{_BODY_MARK}-->".encode())
        return before, after, declared

    def _render_xml(self, part: _Part, context: Mapping[str, Any]) -> str:
        """docxtpl's ``render_xml_part``: Jinja, then joins, escapes, listings."""
        xml = part.template.render(context)
        if part.lined:
            xml = join_paragraph_lines(xml)
        if "_" in xml:  # each escape has one; a search for one character is far quicker than four for three
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(char in xml for char in "\t\a\n\f"):  # resolve_listing only rewrites these characters
            xml = self._docxtpl.resolve_listing(xml)
        return xml

    def _serialize_body(self, xml: str, finish: Finish | None) -> bytes:
        """docxtpl's ``fix_tables`` and ``fix_docpr_ids``, then the document as python-docx saves it.

        docxtpl moves the new body into the document (``map_tree``), where lxml drops
        the body's namespace declarations that the document root already makes, and
        python-docx serialises the whole. Serialising the body alone, without those
        declarations, between the unchanged start and end gives the same bytes
        without moving a large tree from one document into another.
        """
        template = self._docxtpl
        tree = fix_tables(template, xml)
        template.docx_ids_index = 1000
        template.fix_docpr_ids(tree)
        if finish:
            finish(tree)
        before, after, declared = self._around_body
        body = etree.tostring(tree, encoding="UTF-8")
        start = body.index(b">")
        tag = body[:start]
        for declaration in declared:
            tag = tag.replace(declaration, b"", 1)
        return before + tag + body[start:] + after


def _may_show_line_breaks(tree: nodes.Template) -> bool:
    """Whether the template captures its own text as a value or prints text unescaped (see ``_compile``)."""
    if next(tree.find_all(_CAPTURING), None) is not None:
        return True
    return any(node.name == "safe" for node in tree.find_all(nodes.Filter))


def join_paragraph_lines(xml: str) -> str:
    """``re.sub(r"\\n<w:p([ >])", r"<w:p\\1", xml)``, as docxtpl does, with two plain replacements.

    The expression expands its replacement template once per paragraph; neither
    replacement can make a match for the other, so the result is the same.
    """
    return xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")


def _serialize_part(xml: str, finish: Finish | None) -> bytes:
    """A header or footer as ``map_headers_footers_xml`` reloads it and python-docx saves it."""
    root = parse_xml(xml.encode("utf-8"))
    if finish:
        finish(root)
    return etree.tostring(root, encoding="UTF-8", standalone=True)
