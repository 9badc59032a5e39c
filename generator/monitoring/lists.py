"""The lists and limits of the follow-up (generator/data/suivi.yaml), read once."""

from __future__ import annotations

from typing import Any

from generator.reference.data import data_file, public_keys

OTHER_PUBLIC = "autre"


def suivi_data() -> dict[str, Any]:
    return data_file("suivi")


def choices(name: str) -> dict[str, str]:
    """A list of the follow-up data file (modalites, types_contrat, sorties…): key -> label."""
    return {str(key): str(label) for key, label in suivi_data()[name].items()}


def all_publics() -> list[str]:
    """Every public key a person may have in the register (the known keys and ``autre``)."""
    return [*public_keys(), OTHER_PUBLIC]


def max_hours() -> int:
    return int(suivi_data()["limites"]["heures_max_par_mois"])


def sheet_labels() -> dict[str, Any]:
    return dict(suivi_data()["fiche"])


def register_labels() -> dict[str, Any]:
    return dict(suivi_data()["registre"])


def retention_months() -> int:
    return int(suivi_data()["conservation_mois"])
