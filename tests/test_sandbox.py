"""A template received by e-mail can only read its context: every escape fails in French and runs nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from pydantic import BaseModel

from generator.dossier import open_dossier
from generator.drafting.context import template_context
from generator.errors import TemplateError
from generator.publish import generate
from generator.templates import shipped_templates
from tests.conftest import FULL_EXAMPLE, INSERTION_EXAMPLE, SERVICES_EXAMPLE

RC = "RC-clause-insertion.docx"
REFUSED = "Modèle RC-clause-insertion.docx : opération refusée (« {} » n'est pas accessible depuis un modèle) ; un modèle ne peut que lire les données de l'outil."
FORBIDDEN = "Modèle RC-clause-insertion.docx : la balise {{% {} %}} n'est pas permise ; un modèle ne peut pas lire d'autre fichier que lui-même."

ESCAPES = {
    "lipsum-globals": ('{{ lipsum.__globals__["os"].system("touch MARKER") }}', REFUSED.format("__globals__")),
    "cycler-init-globals": ('{{ cycler.__init__.__globals__.os.system("touch MARKER") }}', REFUSED.format("__init__")),
    "class-mro": ("{{ consultation.__class__.__mro__[1].__subclasses__() }}", REFUSED.format("__class__")),
    "format-class": ('{{ "{0.__class__}".format(consultation) }}', REFUSED.format("__class__")),
    "write-file": ('{{ lipsum.__globals__.__builtins__.open("MARKER", "w").write("x") }}', REFUSED.format("__globals__")),
    "mutate-context": ('{% set _ = publics.append("MARKER") %}', REFUSED.format("append")),
    "power-bomb": ("{{ 9 ** 999999 }}", "Modèle RC-clause-insertion.docx : opération refusée (« ** 999999 » dépasse ce qu'un modèle peut calculer) ; un modèle ne peut que lire les données de l'outil."),
    "repeat-bomb": ('{{ "x" * 999999999 }}', "Modèle RC-clause-insertion.docx : opération refusée (une répétition de texte dépasse ce qu'un modèle peut produire) ; un modèle ne peut que lire les données de l'outil."),
    "read-file-open": (
        '{{ open("/etc/passwd").read() }}',
        "Modèle RC-clause-insertion.docx : valeur inconnue (« open » n'existe pas). Le modèle demande une donnée que l'outil ne fournit pas.",
    ),
    "include-file": ('{% include "/etc/passwd" %}', FORBIDDEN.format("include")),
    "import-file": ('{% import "/etc/passwd" as secrets %}', FORBIDDEN.format("import")),
    "from-import": ('{% from "/etc/passwd" import root %}', FORBIDDEN.format("from … import")),
    "extends-file": ('{% extends "/etc/passwd" %}', FORBIDDEN.format("extends")),
}


def hostile_folder(tmp_path: Path, tag: str) -> Path:
    """A customised folder whose RC ends with ``tag`` (MARKER stands for a path the template must not touch)."""
    folder = tmp_path / "modeles"
    folder.mkdir()
    document = docx.Document(str(shipped_templates() / RC))
    document.add_paragraph(tag.replace("MARKER", str(tmp_path / "marker")))
    document.save(str(folder / RC))
    return folder


@pytest.mark.parametrize("tag, message", ESCAPES.values(), ids=ESCAPES.keys())
def test_escape_fails_in_french_and_executes_nothing(tmp_path, tag, message):
    with pytest.raises(TemplateError) as caught:
        generate(FULL_EXAMPLE, tmp_path / "out", hostile_folder(tmp_path, tag))
    assert str(caught.value) == message
    assert not (tmp_path / "marker").exists()
    assert not (tmp_path / "out").exists()


def test_calling_a_path_method_fails_because_no_path_is_reachable(tmp_path):
    with pytest.raises(TemplateError) as caught:
        generate(FULL_EXAMPLE, tmp_path / "out", hostile_folder(tmp_path, '{{ c.source.write_text("MARKER") }}'))
    assert str(caught.value).startswith("Modèle RC-clause-insertion.docx : valeur inconnue (« source » n'existe pas ; les données disponibles ici sont : total_heures,")
    assert not (tmp_path / "marker").exists()


PLAIN = (str, int, bool, Decimal, dt.date, type(None))


def reachable(value: object, seen: set[int] | None = None):
    """Every value a template can reach from ``value`` through fields, items and elements."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return
    seen.add(id(value))
    yield value
    if isinstance(value, dict):
        children = list(value.values())
    elif isinstance(value, (list, tuple)):
        children = list(value)
    elif dataclasses.is_dataclass(value):
        children = [getattr(value, field.name) for field in dataclasses.fields(value)]
    else:
        children = []
    for child in children:
        yield from reachable(child, seen)


@pytest.mark.parametrize("spec", [FULL_EXAMPLE, SERVICES_EXAMPLE, INSERTION_EXAMPLE], ids=lambda p: p.stem)
def test_templates_get_plain_data_only(spec):
    context = template_context(open_dossier(spec)).as_mapping()
    values = list(reachable(context))
    assert not [v for v in values if isinstance(v, (Path, BaseModel))]
    strange = {type(v).__name__ for v in values if not isinstance(v, (*PLAIN, dict, list, tuple)) and not dataclasses.is_dataclass(v)}
    assert strange == set()
    assert {type(v).__module__.split(".")[0] for v in values if dataclasses.is_dataclass(v)} == {"generator"}
