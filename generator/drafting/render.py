"""Rendering .docx templates with one strict Jinja environment, sandboxed (drafting.sandbox).

- StrictUndefined: a missing value is an error, never a blank in a contract.
- autoescape: ``R&D <lot B>`` prints as typed (docxtpl drops unescaped markup).
- Deterministic bytes: fixed zip dates (``files.write_zip``).
- Prepared once: each template is parsed, patched, compiled and compressed once per
  run (``prepared.PreparedTemplate``); a document only renders what changes.
- Finished: each rendered part (body, headers, footers) gets its article numbers,
  French typography and column widths before it is serialised (``finish_part``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from lxml import etree

from generator import formatting
from generator.drafting.columns import fit_columns
from generator.drafting.jinja_french import RUNTIME_FALLBACK, french_jinja_message
from generator.drafting.numbering import renumber
from generator.drafting.prepared import PreparedTemplate
from generator.drafting.sandbox import ForbiddenTag, FrenchUndefined, Sandbox, refusal
from generator.errors import TemplateError
from generator.reference import law
from generator.templates import TemplateSet, shipped_names, shipped_templates
from generator.typography.wordml import typeset_part


@cache
def jinja_env() -> jinja2.Environment:
    """The one Jinja environment of the tool: sandboxed, strict, escaped, with French filters."""
    env = Sandbox(undefined=FrenchUndefined, autoescape=True)
    env.filters.update(formatting.FILTERS)
    env.filters["liste"] = law.join_fr
    return env


@cache
def _prepared(path: Path, mtime_ns: int, size: int) -> PreparedTemplate:
    """The template at ``path`` as it is on disk now (a changed file is prepared again)."""
    return PreparedTemplate(path.read_bytes(), jinja_env())


def prepared_template(path: Path) -> PreparedTemplate:
    """The prepared form of the template file ``path``, prepared on first use in this process."""
    status = path.stat()
    return _prepared(path, status.st_mtime_ns, status.st_size)


def prepare_templates(templates: TemplateSet) -> None:
    """Prepare every template of the set now (before worker processes are forked, so that they share them).

    A template that cannot be prepared is left for its first use, which reports it.
    """
    for name in shipped_names():
        try:
            prepared_template(templates / name)
        except (jinja2.TemplateError, OSError, ValueError, KeyError):
            continue


def render_docx(template_dir: TemplateSet | Path, name: str, context: Mapping[str, Any], first_article: int | None = None) -> bytes:
    """Render the template ``name`` of ``template_dir`` with ``context`` and return the .docx bytes.

    The text is set in French typography (values from the spec included) and the
    columns fit their words; with ``first_article``, the headings are numbered from
    it (drafting.numbering).
    """
    path = template_dir / name
    if not path.is_file():
        raise TemplateError(f"Modèle introuvable : {path}. Copiez-le depuis le dossier clause_templates livré avec l'outil.")
    with french_template_errors(name), customised_template_errors(name, path):
        return prepared_template(path).render(context, finisher(first_article))


@cache
def finisher(first_article: int | None) -> partial[None]:
    """``finish_part`` for ``first_article``: one object per number, so that a finished header can be found again by it."""
    return partial(finish_part, first_article)


def finish_part(first_article: int | None, root: etree._Element) -> None:
    """Number the headings, set the typography (« Article\u00a012 » takes its no-break space), fit the columns."""
    if first_article is not None:
        renumber(root, first_article)
    typeset_part(root)
    fit_columns(root)


# Python's errors when a tag applies an operation to a value that does not allow it
# (« {% for x in lot.numero %} », « {{ lot.heures|length }} », « {{ 1/0 }} »); some of
# Jinja's filters check their arguments with assert (« |truncate(-1) »).
RUNTIME_ERRORS = (TypeError, ValueError, ArithmeticError, LookupError, AssertionError)


@contextmanager
def customised_template_errors(name: str, path: Path) -> Iterator[None]:
    """Python's errors while rendering a buyer's template, as a French TemplateError.

    A buyer's template can fail where the shipped one cannot; the same error raised
    by a shipped template is a defect of the tool, and is left to be reported as such.
    """
    try:
        yield
    except RUNTIME_ERRORS as exc:
        if path == shipped_templates() / name:
            raise
        detail = french_jinja_message(str(exc), RUNTIME_FALLBACK)
        raise TemplateError(f"Modèle {name} : rendu impossible ({detail}).") from exc


@contextmanager
def french_template_errors(name: str) -> Iterator[None]:
    """Jinja's errors while preparing or rendering template ``name``, as a French TemplateError."""
    try:
        yield
    except (ForbiddenTag, SecurityError) as exc:
        raise refusal(name, exc) from exc
    except jinja2.TemplateSyntaxError as exc:
        message = french_jinja_message(exc.message)
        raise TemplateError(f"Modèle {name} : balise mal formée ({message}). Vérifiez les {{{{ }}}} et {{% %}} du modèle.") from exc
    except jinja2.UndefinedError as exc:  # FrenchUndefined speaks French already
        raise TemplateError(f"Modèle {name} : valeur inconnue ({exc.message}). Le modèle demande une donnée que l'outil ne fournit pas.") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"Modèle {name} : rendu impossible ({french_jinja_message(exc.message)}).") from exc
