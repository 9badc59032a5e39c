"""Rendering .docx templates with one strict Jinja environment, and writing files safely.

- StrictUndefined: a missing value is an error, never a blank in a contract.
- autoescape: ``R&D <lot B>`` prints as typed (docxtpl drops unescaped markup).
- Deterministic bytes: zip entries get a fixed date, so the same input gives the
  same file and two versions of a dossier can be compared.
- Atomic writes: a temporary file in the same folder, then renamed.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from docxtpl import DocxTemplate

from . import formatting, law
from .errors import OutputError, TemplateError
from .hours_table import calculation_text

FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class _CachingEnvironment(jinja2.Environment):
    """Compiles each distinct template source once per process.

    docxtpl asks for ``from_string`` on every render; the XML of a template part
    does not change between renders, so its compiled form can be reused.
    """

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> jinja2.Template:  # noqa: A002
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
    env = _CachingEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    env._compiled = {}
    env.filters.update(formatting.FILTERS)
    env.filters["liste"] = law.join_fr
    env.filters["trace"] = calculation_text
    return env


def shipped_templates() -> Path:
    """The folder of the templates shipped with the package."""
    return Path(str(resources.files("clause_templates")))


@cache
def _template_bytes(path: Path, mtime_ns: int) -> bytes:
    return path.read_bytes()


def render_docx(template_dir: Path, name: str, context: dict[str, Any]) -> bytes:
    """Render ``template_dir/name`` with ``context`` and return the .docx bytes."""
    path = template_dir / name
    if not path.is_file():
        raise TemplateError(f"Modèle introuvable : {path}. Copiez-le depuis le dossier clause_templates livré avec l'outil.")
    template = DocxTemplate(io.BytesIO(_template_bytes(path, path.stat().st_mtime_ns)))
    try:
        template.render(context, jinja_env=jinja_env(), autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"Modèle {name} : balise mal formée ({exc.message}). Vérifiez les {{{{ }}}} et {{% %}} du modèle.") from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"Modèle {name} : valeur inconnue ({exc.message}). Le modèle demande une donnée que l'outil ne fournit pas.") from exc
    except jinja2.TemplateError as exc:
        raise TemplateError(f"Modèle {name} : rendu impossible ({exc}).") from exc
    buffer = io.BytesIO()
    template.save(buffer)
    return normalize_zip(buffer.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite an Office zip with fixed entry dates so that equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def output_folder(root: Path, reference: str) -> Path:
    """``root/reference``, refusing any reference that would leave ``root``."""
    root = root.resolve()
    folder = (root / reference).resolve()
    if folder.parent != root:
        raise OutputError(f"Référence « {reference} » refusée : le dossier produit sortirait de {root}.")
    return folder


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)  # mkstemp makes it private; documents are meant to be shared
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"Écriture impossible de {path} : {exc.strerror or exc}.") from exc
