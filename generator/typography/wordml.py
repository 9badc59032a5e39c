"""The typography rules applied to, and checked on, the text of a .docx (WordprocessingML).

Only the text of ``w:t`` elements changes, never the markup: a paragraph's runs are
fixed together (a rule may span a bold run and the next) and each character stays in
its run. The body, headers and footers are covered. Lists end with a full stop.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import cast

from lxml import etree

from generator.typography.rules import PLACEHOLDER, TAG, Problem, changed_pieces, problems

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
LIST_STYLE = re.compile(r"^List")
LIST_END = re.compile(r"[\s\u00a0\u202f]*[;,]?[\s\u00a0\u202f]*$")


@cache
def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag."""
    return f"{{{W}}}{tag}"


W_P, W_T, W_PPR, W_PSTYLE, W_VAL, W_TXBX = (f"{{{W}}}{tag}" for tag in ("p", "t", "pPr", "pStyle", "val", "txbxContent"))


@dataclass(frozen=True)
class PartProblem:
    """A typography problem found in one part of a .docx (``word/document.xml``…)."""

    part: str
    problem: Problem

    def line(self) -> str:
        """The problem in one French line."""
        return f"{self.part} : {self.problem.message} — « {self.problem.excerpt} »"


def typeset(data: bytes) -> bytes:
    """The .docx ``data`` with its text set in French typography (lists end with a full stop)."""
    return rewrite_parts(data, typeset_part)


def rewrite_parts(data: bytes, change: Callable[[etree._Element], object]) -> bytes:
    """``data`` with ``change`` applied to the root of every text part (body, headers, footers)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if TEXT_PARTS.match(item.filename):
                root = etree.fromstring(content)
                change(root)
                content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, content)
    return out.getvalue()


def check(data: bytes) -> list[PartProblem]:
    """Every typography problem in the text of the .docx ``data`` (a document or a template), part by part, in reading order."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for name in sorted(n for n in source.namelist() if TEXT_PARTS.match(n)):
            root = etree.fromstring(source.read(name))
            for paragraph in root.iter(W_P):
                # In a template, a Jinja tag is not text (« {% if n == 1 %} » has no unit).
                text = TAG.sub(PLACEHOLDER, paragraph_text(paragraph))
                found += [PartProblem(name, problem) for problem in problems(text)]
    return found


def paragraph_texts(paragraph: etree._Element) -> list[etree._Element]:
    """The ``w:t`` of ``paragraph`` itself (not those of a text box nested in it)."""
    paragraphs = paragraph.iter(W_P)
    next(paragraphs)  # the paragraph itself
    if next(paragraphs, None) is None:  # the common case: no text box, every w:t is its own
        return list(paragraph.iter(W_T))
    return [t for t in paragraph.iter(W_T) if next(t.iterancestors(W_P), None) is paragraph]


def paragraph_text(paragraph: etree._Element) -> str:
    """The text of ``paragraph``."""
    return "".join(t.text or "" for t in paragraph_texts(paragraph))


def has_text_box(root: etree._Element) -> bool:
    """Whether ``root`` holds a text box (whose paragraphs are nested in another paragraph)."""
    return next(root.iter(W_TXBX), None) is not None


def paragraph_runs(root: etree._Element, boxes: bool | None = None) -> list[list[etree._Element]]:
    """The ``paragraph_texts`` of every paragraph of ``root``, in document order, read in one walk when there is no text box.

    ``boxes``: whether ``root`` may hold a text box, when the caller knows (None: look).
    """
    return list(each_paragraph_runs(root, boxes))


def each_paragraph_runs(root: etree._Element, boxes: bool | None = None) -> Iterator[list[etree._Element]]:
    """``paragraph_runs`` one paragraph at a time, each given before the next is read.

    Holding one paragraph's runs at a time rather than the whole part's keeps the
    cyclic garbage collector from being woken by thousands of live elements.
    The caller may change the texts it is given, not the tree's structure.
    """
    if boxes if boxes is not None else has_text_box(root):
        yield from (paragraph_texts(paragraph) for paragraph in root.iter(W_P))
        return
    texts: list[etree._Element] | None = None
    for node in root.iter(W_P, W_T):
        if node.tag == W_P:
            if texts is not None:
                yield texts
            texts = []
        elif texts is not None:
            texts.append(node)
    if texts is not None:
        yield texts


def paragraphs_text(element: etree._Element, boxes: bool | None = None) -> str:
    """The text of every paragraph in ``element`` (a table cell…), one space between paragraphs (``boxes``: as for ``paragraph_runs``)."""
    return " ".join(["".join([t.text or "" for t in texts]) for texts in paragraph_runs(element, boxes)])


def set_texts(texts: list[etree._Element], values: list[str]) -> None:
    """Give each ``w:t`` its new text, keeping its spaces."""
    for element, value in zip(texts, values, strict=True):
        if element.text != value:
            element.text = value
            element.set(XML_SPACE, "preserve")


def typeset_part(root: etree._Element) -> None:
    """Set the text of one part (body, header or footer) in French typography."""
    for texts in each_paragraph_runs(root):
        if texts:
            fixed = changed_pieces([t.text or "" for t in texts])
            if fixed is not None:
                set_texts(texts, fixed)
    for item in last_list_items(root):
        _end_with_full_stop(item)


def style(paragraph: etree._Element) -> str:
    """The style id of ``paragraph`` (``Heading1``, ``ListBullet``…), empty for the default style.

    That of the first ``w:pStyle`` of the first ``w:pPr``, read by plain iteration
    (``w:pPr`` comes first): lxml's ``find`` costs more to set up.
    """
    for properties in paragraph:
        if properties.tag == W_PPR:
            for child in properties:
                if child.tag == W_PSTYLE:
                    return child.get(W_VAL, "")
            return ""
    return ""


def _is_list_item(element: etree._Element | None) -> bool:
    return element is not None and element.tag == W_P and bool(LIST_STYLE.match(style(element)))


def last_list_items(root: etree._Element) -> Iterator[etree._Element]:
    """The last paragraph of each run of consecutive list paragraphs (siblings with a ``List…`` style).

    Looked for among the paragraphs with any ``List…`` style, found by one XPath
    (headings and other styled paragraphs are not read one by one).
    """
    for paragraph in cast(list[etree._Element], _LISTED(root)):
        if _is_list_item(paragraph) and not _is_list_item(paragraph.getnext()):
            yield paragraph


_STYLED = etree.XPath("descendant-or-self::w:p[w:pPr/w:pStyle]", namespaces={"w": W})
_LISTED = etree.XPath("descendant-or-self::w:p[w:pPr/w:pStyle[starts-with(@w:val, 'List')]]", namespaces={"w": W})


def styled_paragraphs(root: etree._Element) -> list[etree._Element]:
    """The paragraphs of ``root`` that have a style, in document order: one XPath pass, as most have none."""
    return cast(list[etree._Element], _STYLED(root))


def _end_with_full_stop(paragraph: etree._Element) -> None:
    """The last item of a list ends with « . » (in place of a closing « ; » or « , »)."""
    texts = [t for t in paragraph_texts(paragraph) if t.text and t.text.strip()]
    if not texts:
        return
    last = texts[-1]
    body = LIST_END.sub("", last.text or "")
    if body and body[-1] not in ".!?:…":
        last.text = body + "."
        last.set(XML_SPACE, "preserve")
