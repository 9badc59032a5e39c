"""``clauses modeles verifier``: what a customised template folder would get wrong, before a dossier is generated.

Each Word part (body, headers, footers) becomes one line per paragraph, docxtpl's
``{%p``/``{%tr``/``{%tc`` tags made plain, then Jinja parses it: a problem is
reported on its template and paragraph, with the paragraph's opening words so
that it can be found in Word.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import docx
import jinja2
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from lxml import etree

from generator.award.grid import GRID_DOCX, GridContext
from generator.award.report import REPORT, ReportContext
from generator.drafting.documents import CCAP, CCTP, RC
from generator.drafting.render import jinja_env
from generator.drafting.views import TemplateContext
from generator.formatting import plural
from generator.monitoring.attestation import ATTESTATION
from generator.monitoring.bilan_report import BILAN
from generator.monitoring.contexts import AttestationContext, BilanContext
from generator.review.findings import AVERTISSEMENT, ERREUR
from generator.review.note import NOTE
from generator.template_kit.names import unknown_names
from generator.templates import WORD_LOCK_PREFIX, folder_error, shipped_names, shipped_templates

CONTEXTS: dict[str, type] = {
    RC: TemplateContext, CCAP: TemplateContext, CCTP: TemplateContext, NOTE: TemplateContext,
    GRID_DOCX: GridContext, REPORT: ReportContext, ATTESTATION: AttestationContext, BILAN: BilanContext,
}
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
OPENING = re.compile(r"\{[{%#]")
DOCXTPL_PREFIX = re.compile(r"\{([{%])-?(?:p|tr|tc|r)\s")
CURLY_QUOTES = "\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb"  # what Word types for " and ', and French guillemets
STRAIGHT = str.maketrans(CURLY_QUOTES, "\"\"\"''\"\"")
EXCERPT = 40
UNCLOSED = "une balise est ouverte sans être refermée dans ce paragraphe"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a template part, as Word shows it, with its run boundaries."""

    where: str  # « paragraphe 12 (« Le titulaire… ») », « en-tête, paragraphe 1 (…) »
    text: str
    run_ends: tuple[int, ...]


@dataclass(frozen=True)
class Problem:
    template: str
    gravite: str
    where: str
    message: str

    def line(self) -> str:
        place = f"{self.template}, {self.where}" if self.where else self.template
        return f"{place} : {self.gravite} — {self.message}"


def check_folder(folder: Path) -> list[Problem]:
    """Every problem of the templates of ``folder``; TemplateError when it holds none."""
    names = sorted(p.name for p in folder.glob("*.docx") if not p.name.startswith(WORD_LOCK_PREFIX)) if folder.is_dir() else []
    if not names:
        raise folder_error(folder)
    return [problem for name in names for problem in check_template(folder / name)]


def check_template(path: Path) -> list[Problem]:
    """The problems of one customised template."""
    name = path.name
    if name not in CONTEXTS:
        expected = ", ".join(shipped_names())
        message = f"ce nom n'est celui d'aucun modèle livré ; nommez le fichier comme le modèle qu'il remplace ({expected})."
        return [Problem(name, ERREUR, "", message)]
    try:
        document = docx.Document(str(path))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        # python-docx's messages are English: say what matters, in French.
        return [Problem(name, ERREUR, "", "ce fichier n'est pas un document Word (.docx) lisible ; enregistrez-le au format Word.")]
    problems = _version_problems(name, document.core_properties.version)
    for paragraphs in _parts(document):
        problems += _part_problems(name, paragraphs)
    return problems


def summary(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.gravite == ERREUR)
    return f"Bilan : {plural(errors, 'erreur')}, {plural(len(problems) - errors, 'avertissement')}."


def _version_problems(name: str, recorded: str | None) -> list[Problem]:
    shipped = docx.Document(str(shipped_templates() / name)).core_properties.version
    if not recorded or not recorded.isdigit():
        return [Problem(name, AVERTISSEMENT, "", f"ce modèle ne porte pas de numéro de version ; il ne vient pas de « clauses modeles exporter ». "
                        f"Comparez-le au modèle livré (version {shipped}).")]
    if shipped and int(recorded) < int(shipped):
        return [Problem(name, AVERTISSEMENT, "", f"ce modèle a été établi d'après la version {recorded} du modèle livré, qui est depuis passé à la "
                        f"version {shipped} ; exportez la nouvelle version et reportez-y vos modifications.")]
    return []


def _parts(document: docx.document.Document) -> Iterator[list[Paragraph]]:
    """The paragraphs of the body, then of each distinct header and footer."""
    yield _paragraphs(document.element.body, "")
    seen: set[int] = set()
    for section in document.sections:
        for label, part in (("en-tête", section.header), ("pied de page", section.footer)):
            if not part.is_linked_to_previous and id(part._element) not in seen:
                seen.add(id(part._element))
                yield _paragraphs(part._element, f"{label}, ")


def _paragraphs(element: etree._Element, prefix: str) -> list[Paragraph]:
    """Every paragraph below ``element`` (table cells included) in reading order, numbered from 1."""
    found = []
    for number, paragraph in enumerate(element.iter(qn("w:p")), start=1):
        runs = ["".join(t.text or "" for t in run.iter(qn("w:t"))).replace("\n", " ") for run in paragraph.iter(qn("w:r"))]
        text = "".join(runs)
        found.append(Paragraph(f"{prefix}paragraphe {number} (« {_excerpt(text)} »)", text, tuple(accumulate(map(len, runs)))))
    return found


def _excerpt(text: str) -> str:
    short = text.strip()
    return short if len(short) <= EXCERPT else short[:EXCERPT].rstrip() + "…"


def _part_problems(name: str, paragraphs: list[Paragraph]) -> list[Problem]:
    problems: list[tuple[int, Problem]] = []
    lines = []
    for number, paragraph in enumerate(paragraphs, start=1):
        found = [Problem(name, gravite, paragraph.where, message) for gravite, message in _tag_problems(paragraph)]
        problems += [(number, problem) for problem in found]
        # An unclosed tag is reported once, not again as the syntax error it causes further on.
        lines.append("" if any(p.message.startswith(UNCLOSED) for p in found) else _plain(paragraph.text))
    try:
        tree = jinja_env().parse("\n".join(lines))
    except jinja2.TemplateSyntaxError as exc:
        where = paragraphs[exc.lineno - 1].where if 0 < exc.lineno <= len(paragraphs) else ""
        detail = (exc.message or "").rstrip(".")
        message = f"balise mal formée (Jinja signale : « {detail} ») ; vérifiez les {{{{ }}}} et {{% %}}."
        problems.append((exc.lineno, Problem(name, ERREUR, where, message)))
        return _in_order(problems)
    for unknown in unknown_names(tree, CONTEXTS[name], set(jinja_env().globals)):
        hint = f" ; disponibles ici : {', '.join(unknown.available)}" if unknown.available else ""
        problems.append((unknown.lineno, Problem(name, ERREUR, paragraphs[unknown.lineno - 1].where, f"donnée inconnue « {unknown.path} »{hint}.")))
    return _in_order(problems)


def _in_order(numbered: list[tuple[int, Problem]]) -> list[Problem]:
    return [problem for _, problem in sorted(numbered, key=lambda pair: pair[0])]


def _tag_problems(paragraph: Paragraph) -> Iterator[tuple[str, str]]:
    text = paragraph.text
    closed_until = 0
    for match in TAG.finditer(text):
        tag = match.group()
        if any(quote in tag for quote in CURLY_QUOTES):
            yield ERREUR, (f"guillemets typographiques dans la balise « {tag} » : Jinja ne les comprend pas ; retapez-les droits (\" ou ') "
                           "ou désactivez la correction automatique des guillemets.")
        pieces = sum(1 for end in paragraph.run_ends if match.start() < end < match.end()) + 1
        if pieces > 1:
            yield AVERTISSEMENT, (f"la balise « {tag} » est coupée en {pieces} morceaux de mise en forme ; retapez-la d'un seul tenant, "
                                  "sans changer de mise en forme au milieu, pour que la valeur insérée ait une seule mise en forme.")
        closed_until = match.end()
    if OPENING.search(text, closed_until):
        yield ERREUR, f"{UNCLOSED} ; une balise doit tenir dans un seul paragraphe."


def _plain(text: str) -> str:
    """The paragraph as Jinja sees it once docxtpl has read its tags; curly quotes made straight."""
    text = DOCXTPL_PREFIX.sub(lambda m: "{" + m.group(1) + " ", text)
    return TAG.sub(lambda m: m.group().translate(STRAIGHT), text)
