"""Build the shipped .docx templates from their text sources (``sources/*.txt``).

The sources keep the clause wording reviewable in git; the .docx files are what the
tool renders and what a facilitator opens in Word. Run after editing a source:

    python -m clause_templates.build

Source format, one paragraph per line (blank lines are ignored):

    @titre Text            document title (style Title)
    @entete Text           page header (every page)
    @pied Text             page footer, followed by "page N / M"
    @paysage               landscape pages
    @inclure nom [texte]   the lines of sources/_nom.txt (a block shared by several
                           templates, written once), ``$1`` replaced by ``texte``
    # Text / ## / ###      headings 1 to 3
    - Text                 bullet list item
    ! Text                 notice paragraph (bold, framed) for warnings and status
    | a | b | c |          table row (cells split on " | "); the first row is the repeated header
    |= 10 | 60 | 30 |      optional first line of a table: column widths in % of the text width
    |+ a | b |             a row to write in by hand (justification cells): taller, at least 3 cm
    @ensemble ... @fin     paragraphs kept together on one page (a contact block)
    {%p ... %}             docxtpl paragraph tag, kept alone in its paragraph
    |{%tr ... %}|          docxtpl row tag, kept alone in its row
    anything else          body text; **bold** marks bold runs

French typography (generator.typography) is applied to the fixed text of every
line, Jinja tags left as written, so that sources are written in plain French
(« Lot : l'objet ») and templates carry « Lot\u00a0: l’objet ». Layout rules are
set here too: table rows never break across pages; a table stays on the page of the
paragraph above it, a paragraph ending with « : » on the page of what follows, a
heading with its text; the lines of a list item or a table cell stay together.

Each template carries its version in its document properties (``version``), so
that ``clauses modeles verifier`` can tell a customised copy made from an older
shipped template. ``versions.txt`` records, per template, the version and
the SHA-256 of its expanded source; building bumps the version when the text changed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_TrPr
from docx.section import Section
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

from generator.files import fixed_properties, normalize_zip
from generator.typography.rules import fix_template_text

HERE = Path(__file__).parent
SOURCES = HERE / "sources"
VERSIONS = HERE / "versions.txt"
BOLD = re.compile(r"(\*\*.+?\*\*)")
PARTIAL_PREFIX = "_"


def sources() -> list[Path]:
    """The template sources (partials, named ``_x.txt``, are not templates of their own)."""
    return sorted(path for path in SOURCES.glob("*.txt") if not path.name.startswith(PARTIAL_PREFIX))


def expanded_lines(source: Path) -> list[str]:
    """The lines of ``source`` with every ``@inclure`` replaced by its partial's lines, in French typography."""
    return [fix_template_text(line) for line in _included_lines(source)]


def _included_lines(source: Path) -> list[str]:
    lines = []
    for raw in source.read_text(encoding="utf-8").splitlines():
        if raw.startswith("@inclure "):
            name, _, argument = raw.removeprefix("@inclure ").partition(" ")
            partial = source.parent / f"{PARTIAL_PREFIX}{name}.txt"
            lines += [line.replace("$1", argument) for line in partial.read_text(encoding="utf-8").splitlines()]
        else:
            lines.append(raw)
    return lines


def source_digest(source: Path) -> str:
    """SHA-256 of the expanded source: what decides whether the template changed."""
    return hashlib.sha256("\n".join(expanded_lines(source)).encode("utf-8")).hexdigest()


def recorded_versions() -> dict[str, tuple[int, str]]:
    """``versions.txt``: per template, its version and the digest of the source it was built from."""
    if not VERSIONS.is_file():
        return {}
    rows = (line.split() for line in VERSIONS.read_text(encoding="utf-8").splitlines() if line.strip())
    return {name: (int(version), digest) for name, version, digest in rows}


def build(source: Path, target: Path, version: int | None = None) -> None:
    """Write the .docx template ``target`` from the text ``source``, stamped with ``version``.

    Without ``version``, the one recorded in ``versions.txt`` is used. The zip is
    written with fixed entry dates: building twice gives the same bytes.
    """
    document = _new_document(source.stem, version if version is not None else recorded_versions()[source.stem][0])
    table_rows: list[list[str]] = []
    block_start: int | None = None
    for raw in expanded_lines(source):
        line = raw.rstrip()
        if line.startswith("|"):
            table_rows.append(_cells(line))
            continue
        if table_rows:
            _add_table(document, table_rows)
            table_rows = []
        if line == "@ensemble":
            block_start = len(document.paragraphs)
        elif line == "@fin":
            _keep_together(document.paragraphs[block_start or 0:])
            block_start = None
        elif line:
            _add_line(document, line)
    if table_rows:
        _add_table(document, table_rows)
    saved = io.BytesIO()
    document.save(saved)
    target.write_bytes(normalize_zip(saved.getvalue()))


def _keep_together(paragraphs: list[Paragraph]) -> None:
    """Keep these paragraphs on one page: each stays with the next, the last one ends the block."""
    for paragraph in paragraphs:
        paragraph.paragraph_format.keep_together = True
        paragraph.paragraph_format.keep_with_next = True
    # The block ends with its last text, not with the tag that closes a condition around it.
    texts = [p for p in paragraphs if not p.text.startswith("{%p")]
    if texts:
        texts[-1].paragraph_format.keep_with_next = None


WRITE_IN = "+"


def _cells(line: str) -> list[str]:
    """Cells are separated by `` | `` (spaced), so that Jinja filters (``x|heures``) survive.

    A row to write in (``|+``) keeps its mark on its first cell: ``+ text``.
    """
    inner = line[1:-1] if line.endswith("|") else line[1:]
    return [cell.strip() for cell in re.split(r" \|(?= )", f" {inner} ")]


def _new_document(title: str, version: int) -> WordDocument:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2)
    _set_styles(document)
    fixed_properties(document.core_properties, title)
    document.core_properties.version = str(version)
    # Header then footer, created up front: their part names do not depend on where
    # @entete and @pied stand in the source (an included block may bring the header).
    for part in (section.header, section.footer):
        part.is_linked_to_previous = False
    return document


def _set_styles(document: WordDocument) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _french(normal)
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = styles[name]
        style.font.name, style.font.size = "Arial", Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.keep_with_next = True


def _french(style: BaseStyle) -> None:
    """Mark the style as French so that Word checks spelling in French."""
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "fr-FR")
    rpr.append(lang)


def _add_line(document: WordDocument, line: str) -> None:
    if line.startswith("@"):
        _directive(document, line)
    elif line.startswith("{%p"):
        document.add_paragraph(line)
    elif line.startswith("#"):
        level = len(line) - len(line.lstrip("#"))
        document.add_heading(line[level:].strip(), level=level)
    elif line.startswith("- "):
        item = document.add_paragraph(style="List Bullet")
        item.paragraph_format.keep_together = True
        _runs(item, line[2:])
    elif line.startswith("! "):
        _notice(document, line[2:])
    else:
        paragraph = document.add_paragraph()
        _runs(paragraph, line)
        if line.endswith(":"):
            paragraph.paragraph_format.keep_with_next = True  # it announces the list or table below


def _directive(document: WordDocument, line: str) -> None:
    name, _, text = line[1:].partition(" ")
    section = document.sections[0]
    if name == "titre":
        document.add_paragraph(text, style="Title")
    elif name == "entete":
        paragraph = section.header.paragraphs[0]
        paragraph.text = text
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.runs[0].font.size = Pt(8)
    elif name == "pied":
        _footer(section, text)
    elif name == "paysage":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    else:
        raise SystemExit(f"unknown directive @{name}")


def _footer(section: Section, text: str) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{text} — page ").font.size = Pt(8)
    _field(paragraph, "PAGE")
    paragraph.add_run(" / ").font.size = Pt(8)
    _field(paragraph, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(8)
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _notice(document: WordDocument, text: str) -> None:
    paragraph = document.add_paragraph()
    _runs(paragraph, text, bold=True)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "8"), ("space", "4"), ("color", "C00000")):
            border.set(qn(f"w:{key}"), value)
        borders.append(border)
    paragraph._p.get_or_add_pPr().append(borders)


def _runs(paragraph: Paragraph, text: str, bold: bool = False) -> None:
    for part in BOLD.split(text):
        if part:
            strong = part.startswith("**") and part.endswith("**")
            run = paragraph.add_run(part[2:-2] if strong else part)
            run.bold = bold or strong


def _add_table(document: WordDocument, rows: list[list[str]]) -> None:
    _announce(document)
    shares = [float(cell.lstrip("= ")) for cell in rows.pop(0)] if rows[0][0].startswith("=") else None
    width = max(len(row) for row in rows)
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for index, cells in enumerate(rows):
        row = table.add_row()
        write_in = cells[0].startswith(WRITE_IN + " ") or cells[0] == WRITE_IN
        if write_in:
            cells = [cells[0][1:].strip(), *cells[1:]]
        for column, text in enumerate(cells + [""] * (width - len(cells))):
            cell = row.cells[column]
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            paragraph.paragraph_format.keep_together = True
            # Every row but the last stays with the next: a small table is never split.
            paragraph.paragraph_format.keep_with_next = True if index < len(rows) - 1 else None
            _runs(paragraph, text, bold=index == 0)
        _row_properties(row, header=index == 0, write_in=write_in)
    if shares:
        _set_widths(document, table, shares)
    document.add_paragraph()


def _announce(document: WordDocument) -> None:
    """The paragraph just above a table (past the tags that open it) stays on the table's page."""
    for paragraph in reversed(document.paragraphs):
        if not paragraph.text.startswith("{%p"):
            paragraph.paragraph_format.keep_with_next = True
            return


def _set_widths(document: WordDocument, table: Table, shares: list[float]) -> None:
    """Give each column its share of the text width, in the table grid and in each cell (what Word and LibreOffice read)."""
    section = document.sections[-1]
    # Our sections always set page size and margins (A4, see _new_document).
    assert section.page_width is not None and section.left_margin is not None and section.right_margin is not None
    text_width = section.page_width - section.left_margin - section.right_margin
    table.autofit = False
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    for column, grid_column, share in zip(table.columns, grid, shares, strict=True):
        width = int(text_width * share / 100)
        grid_column.set(qn("w:w"), str(Emu(width).twips))
        for cell in column.cells:
            cell.width = width


def _row_properties(row: _Row, header: bool, write_in: bool) -> None:
    """A row never breaks across pages; a row to write in is tall; the header row repeats."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if write_in:
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), str(Cm(3).twips))
        height.set(qn("w:hRule"), "atLeast")
        tr_pr.append(height)
    if header:
        _repeat_header(row, tr_pr)


def _repeat_header(row: _Row, tr_pr: CT_TrPr) -> None:
    """Repeat the row at the top of each page and shade it."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for cell in row.cells:
        shading = OxmlElement("w:shd")
        for key, value in (("val", "clear"), ("color", "auto"), ("fill", "D9E2F3")):
            shading.set(qn(f"w:{key}"), value)
        cell._tc.get_or_add_tcPr().append(shading)


def main(names: list[str], folder: Path = HERE) -> None:
    """Build every source, or those named, into ``folder``; bump the version of each one whose text changed.

    ``versions.txt`` is updated only when building the shipped templates (``folder`` is this package).
    """
    versions = recorded_versions()
    for source in sources():
        if names and source.stem not in names:
            continue
        version, digest = versions.get(source.stem, (0, ""))
        if digest != source_digest(source):
            version, digest = version + 1, source_digest(source)
            versions[source.stem] = (version, digest)
        build(source, folder / f"{source.stem}.docx", version)
        print(f"built {source.stem}.docx (version {version})")
    if folder.resolve() == HERE.resolve():
        VERSIONS.write_text("".join(f"{name} {v} {d}\n" for name, (v, d) in sorted(versions.items())), encoding="utf-8")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m clause_templates.build", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="templates to build (all by default)")
    parser.add_argument("--into", type=Path, default=HERE, help="folder to write the .docx files to (default: the shipped ones)")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = _arguments()
    main(arguments.names, arguments.into)
