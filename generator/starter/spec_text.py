"""The starter spec written by ``clauses nouveau``: valid as written, commented in French.

The wording (header, example lots, optional blocks) lives in data/demarrage.yaml and
the comment of each field in data/champs.yaml; this module only lays them out.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import OutputError, SpecError
from generator.files import write_atomic
from generator.reference import data as reference
from generator.spec.load import load_spec
from generator.starter.schema import SCHEMA_FILE, schema_text

COMMENT_COLUMN = 44


@dataclass(frozen=True)
class Answers:
    """What the buyer told ``clauses nouveau`` (or its defaults)."""

    reference: str
    objet: str
    acheteur: str
    date_lancement: dt.date
    dispositifs: list[str]  # mechanism keys, in the order of the lots
    structure: str
    adresse: str
    telephone: str
    courriel: str


def reference_from(text: str) -> str:
    """A valid reference made from a name: ``Nettoyage écoles`` -> ``Nettoyage-ecoles``."""
    ascii_text = unicodedata.normalize("NFKD", text.strip()).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]", "", re.sub(r"\s+", "-", ascii_text)).lstrip(".") or "CONSULTATION"


def starter_text(answers: Answers, spec_name: str) -> str:
    """The commented YAML text of the starter spec."""
    start = reference.starter()
    lines = [line.format(schema=SCHEMA_FILE, fichier=spec_name) for line in start.entete]
    consultation = {
        "reference": answers.reference,
        "objet": answers.objet,
        "acheteur": {"nom": answers.acheteur, "categorie": "collectivite"},
        "procedure": "appel_offres_ouvert",
        "date_lancement": answers.date_lancement,
        "facilitateur": {"structure": answers.structure, "adresse": answers.adresse,
                         "telephone": answers.telephone, "courriel": answers.courriel},
    }
    seen: set[str] = set()  # a field is explained once, where it first appears
    lines += _block("consultation", consultation, 0, "", seen)
    lines.append("")
    lines.append(_commented("lots:", "lots", seen))
    for number, mechanism in enumerate(answers.dispositifs, start=1):
        lines += _list_item(_example_lot(mechanism, number if len(answers.dispositifs) > 1 else None), seen)
    lines += start.facultatif
    return "\n".join(lines) + "\n"


def refuse_existing(path: Path) -> None:
    """OutputError when ``path`` exists: a spec the buyer wrote is never replaced."""
    if path.exists():
        raise OutputError(f"{path} existe déjà : choisissez un autre nom de fichier ; rien n'a été écrit.")


def write_starter(path: Path, answers: Answers) -> list[Path]:
    """Write the starter spec (never over an existing file) and, if absent, the schema beside it."""
    refuse_existing(path)
    write_atomic(path, starter_text(answers, path.name).encode("utf-8"))
    try:
        load_spec(path)
    except SpecError:
        path.unlink()  # a starter that does not load would only mislead
        raise
    written = [path]
    schema = path.parent / SCHEMA_FILE
    if not schema.exists():
        write_atomic(schema, schema_text().encode("utf-8"))
        written.append(schema)
    return written


def _example_lot(mechanism: str, number: int | None) -> dict[str, Any]:
    """The example lot of a mechanism: its number (none when not allotted), common fields, dispositif, own block."""
    example = reference.starter().lots[mechanism]
    own = ("critere", "insertion", "reserve_a")
    common = {key: value for key, value in example.items() if key not in own and (number is not None or key != "intitule")}
    lot = {"numero": number} if number is not None else {}
    return {**lot, **common, "dispositif": mechanism, **{key: example[key] for key in own if key in example}}


def _block(key: str, value: Any, depth: int, prefix: str, seen: set[str]) -> list[str]:
    """``key: value`` at ``depth``, a nested mapping below it, each line with its field's comment."""
    path = f"{prefix}.{key}" if prefix else key
    indent = "  " * depth
    if isinstance(value, dict):
        lines = [_commented(f"{indent}{key}:", path, seen)]
        for inner_key, inner in value.items():
            lines += _block(inner_key, inner, depth + 1, path, seen)
        return lines
    return [_commented(f"{indent}{key}: {_scalar(value)}", path, seen)]


def _list_item(lot: dict[str, Any], seen: set[str]) -> list[str]:
    """A lot as a YAML list item: ``  - numero: 1`` then its other fields under it."""
    lines = []
    for key, value in lot.items():
        lines += _block(key, value, 2, "lots", seen)
    first = lines[0]
    lines[0] = "  - " + first[4:]
    return lines


def _commented(text: str, path: str, seen: set[str]) -> str:
    description = reference.spec_field(path).get("description")
    if not description or path in seen:
        return text
    seen.add(path)
    return f"{text.ljust(COMMENT_COLUMN - 1)} # {description}"


def _scalar(value: Any) -> str:
    """A value as YAML writes it (quoted only when it must be)."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()
