"""The data files shipped with the tool: trades, publics, law, thresholds, defaults.

Each file lives in ``generator/data`` and gives a source for every value, so that a
facilitator can check and correct a figure in one place without touching code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import yaml

from generator.errors import ReferenceDataError


@cache
def data_file(name: str) -> dict[str, Any]:
    """Return the parsed content of ``data/<name>.yaml`` (read once per process)."""
    resource = resources.files("generator") / "data" / f"{name}.yaml"
    try:
        content = yaml.safe_load(resource.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ReferenceDataError(f"Fichier de référence illisible : data/{name}.yaml ({exc})") from exc
    if not isinstance(content, dict):
        raise ReferenceDataError(f"Fichier de référence vide ou mal formé : data/{name}.yaml")
    return content


@dataclass(frozen=True)
class Trade:
    """A trade of the labour-share table."""

    key: str
    libelle: str
    part_main_oeuvre: Decimal
    statut: str
    source: str

    @property
    def estimated(self) -> bool:
        """True when the share is a planning value rather than a published figure."""
        return self.statut != "source"


@cache
def trades() -> dict[str, Trade]:
    """The labour-share table, by trade key."""
    rows = data_file("metiers")["metiers"]
    return {
        key: Trade(key, row["libelle"], Decimal(str(row["part_main_oeuvre"])), row["statut"], row["source"])
        for key, row in rows.items()
    }


def public_keys() -> list[str]:
    """Every known public key, in the order of the data file."""
    return list(data_file("publics")["publics"])


def default_publics() -> list[str]:
    """The publics a consultation targets when its spec names none."""
    return list(data_file("publics")["defaut"])


def employment_service(on: dt.date) -> str:
    """Name of the public employment service at a date (Pôle emploi, France Travail)."""
    for period in data_file("publics")["operateurs"]:
        if period["du"] <= on and on <= period.get("au", dt.date.max):
            return str(period["nom"])
    return "l'Agence nationale pour l'emploi"


def public_label(key: str, on: dt.date) -> str:
    """The wording of a public in documents dated ``on``."""
    label: str = data_file("publics")["publics"][key]["libelle"]
    return label.format(operateur=employment_service(on))


def default_parameter(name: str) -> Any:
    """A shipped default sizing parameter (``None`` when there is none)."""
    return data_file("parametres")["parametres"][name]["valeur"]


def insertion_default(name: str) -> Any:
    """A shipped default target of an insertion market."""
    return data_file("parametres")["insertion"][name]["valeur"]


def mechanisms() -> dict[str, dict[str, Any]]:
    """The mechanisms with their labels, legacy names and aliases."""
    return dict(data_file("mecanismes")["mecanismes"])


def mechanism_aliases() -> dict[str, str]:
    """Every name accepted for ``dispositif``, mapped to its mechanism key."""
    names = {key: key for key in mechanisms()}
    for key, row in mechanisms().items():
        names.update({str(alias): key for alias in row["alias"]})
    return names


def reservation(key: str) -> dict[str, str]:
    """Label and proof of status of a reservation (siae, handicap, both)."""
    return dict(data_file("mecanismes")["reserves"][key])


def reservation_keys() -> list[str]:
    """The values ``reserve_a`` accepts."""
    return list(data_file("mecanismes")["reserves"])


def criterion() -> dict[str, Any]:
    """The insertion award criterion: title, sub-criteria by mechanism, scale."""
    return data_file("criteres")


def sub_criteria(mechanism: str) -> dict[str, dict[str, str]]:
    """The sub-criteria a lot of that mechanism may be scored on."""
    return dict(criterion()["sous_criteres"][mechanism])


def default_scale() -> dict[int, str]:
    """The default scoring scale: mark -> descriptor."""
    return {int(mark): str(label) for mark, label in criterion()["bareme_defaut"].items()}


def waiver_reasons() -> dict[str, dict[str, str]]:
    """Reasons a buyer may record for not including the mandatory social condition."""
    return dict(data_file("motifs")["motifs"])
