"""Rendering .docx templates with one strict Jinja environment, sandboxed (drafting.sandbox).

- StrictUndefined: a missing value is an error, never a blank in a contract.
- autoescape: ``R&D <lot B>`` prints as typed (docxtpl drops unescaped markup).
- Deterministic bytes: the rendered file goes through ``files.normalize_zip``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError

from generator import formatting
from generator.drafting.sandbox import ForbiddenTag, FrenchUndefined, Sandbox, refusal
from generator.errors import TemplateError
from generator.files import normalize_zip
from generator.reference import law
from generator.templates import TemplateSet


class _CachingEnvironment(Sandbox):
    """Compiles each distinct template source once per process.

    docxtpl asks for ``from_string`` on every render; the XML of a template part
    does not change between renders, so its compiled form can be reused.
    """

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> jinja2.Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        cached = self._compiled.get(source)
        if cached is None:
            cached = self._compiled[source] = super().from_string(source)
        return cached

    _compiled: dict[str, jinja2.Template]


@cache
def jinja_env() -> jinja2.Environment:
    """The one Jinja environment of the tool: strict, escaped, with French filters."""
    env = _CachingEnvironment(undefined=FrenchUndefined, autoescape=True)
    env._compiled = {}
    env.filters.update(formatting.FILTERS)
    env.filters["liste"] = law.join_fr
    return env


@cache
def _template_bytes(path: Path, mtime_ns: int) -> bytes:
    return path.read_bytes()


def render_docx(template_dir: TemplateSet | Path, name: str, context: Mapping[str, Any]) -> bytes:
    """Render the template ``name`` of ``template_dir`` with ``context`` and return the .docx bytes."""
    path = template_dir / name
    if not path.is_file():
        raise TemplateError(f"Modèle introuvable : {path}. Copiez-le depuis le dossier clause_templates livré avec l'outil.")
    template = DocxTemplate(io.BytesIO(_template_bytes(path, path.stat().st_mtime_ns)))
    try:
        template.render(context, jinja_env=jinja_env(), autoescape=True)
    except (ForbiddenTag, SecurityError) as exc:
        raise refusal(name, exc) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"Modèle {name} : balise mal formée ({exc.message}). Vérifiez les {{{{ }}}} et {{% %}} du modèle.") from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"Modèle {name} : valeur inconnue ({exc.message}). Le modèle demande une donnée que l'outil ne fournit pas.") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"Modèle {name} : rendu impossible ({exc}).") from exc
    buffer = io.BytesIO()
    template.save(buffer)
    return normalize_zip(buffer.getvalue())
