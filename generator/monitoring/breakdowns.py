"""People-level facts folded into counts by dimension (public, sex, age, QPV, prescriber, way of complying,
contract type, exit): what the bilan shows and what the purge keeps of the people it removes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.monitoring.models import Ligne, Personne

UNKNOWN = "inconnu"
TOTAL = "total"
EVERYONE = "personnes"
WITH_WORK_CONTRACT = "contrat_travail"
DIMENSIONS = ("public", "sexe", "age", "qpv", "prescripteur", "modalite", "type_contrat", "sortie")


@dataclass
class Cell:
    """People counted and their hours, in one box of a breakdown."""

    personnes: int = 0
    heures: int = 0

    def add(self, people: int, hours: int) -> None:
        self.personnes += people
        self.heures += hours


Breakdown = dict[str, dict[str, Cell]]


@dataclass
class PersonFacts:
    """One person's hours in the lines considered, by way of complying and by contract type."""

    person: Personne
    heures: int = 0
    par_modalite: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    par_type: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sortie: str | None = None


def age_band(person: Personne, on: dt.date) -> str:
    """The age band at ``on``, from the year of birth when known, else the band recorded."""
    if person.annee_naissance is not None:
        age = on.year - person.annee_naissance
        return "moins_26" if age < 26 else "50_plus" if age >= 50 else "26_49"
    return person.tranche_age or UNKNOWN


HoursRow = tuple[Personne, str, str, int]  # person, way of complying, contract type, hours


def rows_of(lines: Iterable[Ligne]) -> list[HoursRow]:
    return [(line.personne, line.modalite, line.type_contrat, line.heures) for line in lines]


def person_facts(rows: Iterable[HoursRow], exits: dict[int, str]) -> list[PersonFacts]:
    """The hours grouped by person, with each person's exit category when recorded."""
    facts: dict[int, PersonFacts] = {}
    for person, modalite, contract_type, hours in rows:
        entry = facts.setdefault(person.id, PersonFacts(person))
        entry.heures += hours
        entry.par_modalite[modalite] += hours
        entry.par_type[contract_type] += hours
    for person_id, category in exits.items():
        if person_id in facts:
            facts[person_id].sortie = category
    return list(facts.values())


def breakdown(facts: list[PersonFacts], on: dt.date) -> Breakdown:
    """Counts by dimension; a person with two ways of complying counts once in each."""
    result: Breakdown = defaultdict(lambda: defaultdict(Cell))
    for fact in facts:
        person = fact.person
        result[TOTAL][EVERYONE].add(1, fact.heures)
        if any(key != "formation" for key in fact.par_modalite):
            result[TOTAL][WITH_WORK_CONTRACT].add(1, fact.heures)
        qpv = UNKNOWN if person.qpv is None else ("oui" if person.qpv else "non")
        for dimension, key in (("public", person.public), ("sexe", person.sexe or UNKNOWN), ("age", age_band(person, on)), ("qpv", qpv),
                               ("prescripteur", person.prescripteur or UNKNOWN), ("sortie", fact.sortie or "sans_sortie")):
            result[dimension][key].add(1, fact.heures)
        for key, hours in fact.par_modalite.items():
            result["modalite"][key].add(1, hours)
        for key, hours in fact.par_type.items():
            result["type_contrat"][key].add(1, hours)
    return result


def merge(target: Breakdown, dimension: str, key: str, people: int, hours: int) -> None:
    """Add stored counts (a purged contract's) to a breakdown."""
    target[dimension][key].add(people, hours)
