"""The lists, limits and wording of the follow-up (generator/data/suivi.yaml), typed and read once."""

from __future__ import annotations

from functools import cache
from typing import Any

from generator.reference.data import load, public_keys
from generator.reference.models import Source, Sourced, Strict

OTHER_PUBLIC = "autre"


class Limits(Strict):
    heures_max_par_mois: Sourced[int]
    code_personne: str


class SheetWording(Strict):
    version: int
    feuille: str
    feuille_listes: str
    feuille_identite: str
    lignes_vierges: Sourced[int]
    titre: str
    entete: dict[str, str]
    colonnes: dict[str, str]
    aide: str
    saisie_mois: str
    saisie_heures: str
    heures_refusees: str
    choix_refuse: str


class RegisterWording(Strict):
    version: int
    feuille: str
    titre: str
    colonnes: dict[str, str]


class FollowUpFile(Strict):
    """The shape of data/suivi.yaml."""

    source: Source
    modalites: dict[str, str]
    types_contrat: dict[str, str]
    sorties: dict[str, str]
    sorties_dynamiques: list[str]
    sexes: dict[str, str]
    tranches_age: dict[str, str]
    niveaux_qualification: dict[str, str]
    prescripteurs: dict[str, str]
    limites: Limits
    conservation_mois: Sourced[int]
    fiche: SheetWording
    registre: RegisterWording
    libelles_bilan: dict[str, Any]


def follow_up() -> FollowUpFile:
    return load("suivi", FollowUpFile)


@cache
def suivi_data() -> dict[str, Any]:
    """The data file as plain mappings (lists and labels looked up by key)."""
    return follow_up().model_dump()


def choices(name: str) -> dict[str, str]:
    """A list of the follow-up data file (modalites, types_contrat, sorties…): key -> label."""
    return dict(getattr(follow_up(), name))


def all_publics() -> list[str]:
    """Every public key a person may have in the register (the known keys and ``autre``)."""
    return [*public_keys(), OTHER_PUBLIC]


def max_hours() -> int:
    return follow_up().limites.heures_max_par_mois.valeur


def person_code_pattern() -> str:
    """Pseudonymous codes only: letters, digits, - and _, no space (so never "first name last name")."""
    return follow_up().limites.code_personne


def blank_rows() -> int:
    return follow_up().fiche.lignes_vierges.valeur


def sheet_labels() -> dict[str, Any]:
    return dict(suivi_data()["fiche"])


def register_labels() -> dict[str, Any]:
    return dict(suivi_data()["registre"])


def retention_months() -> int:
    return follow_up().conservation_mois.valeur
