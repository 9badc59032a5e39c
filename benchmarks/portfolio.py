"""A seeded synthetic portfolio the size of a facilitator's five years of work.

Nantes Métropole's AMO reviewed about 400 operations (1 413 contracts) in five years;
this builds 400 specs holding 1 484 lots between them, using every mechanism and its
aliases, allotted and non-allotted markets, explicit hours, custom scales, launch dates
from 2017 to 2027 (so every period of the law is cited), and free-text publics.

    from portfolio import build_portfolio
    paths = build_portfolio(folder)          # 400 specs, seed 2026
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

SPECS = 400
LOTS = 1484
SEED = 2026

METIERS = [
    "gros_oeuvre", "terrassement_vrd", "demolition", "charpente_metallique", "charpente_couverture", "menuiserie",
    "platrerie", "peinture", "revetements_sols", "electricite", "plomberie_cvc", "espaces_verts", "proprete",
    "dechets", "restauration",
]
PUBLICS = [
    "beneficiaires_rsa", "travailleurs_handicapes", "jeunes_peu_qualifies", "jeunes_mission_locale",
    "demandeurs_emploi_longue_duree", "beneficiaires_minima_sociaux", "seniors", "residents_qpv",
    "salaries_siae", "avis_prescripteur",
]
MECHANISMS = [
    "clause_execution", "art14", "clause_et_critere", "art14_53", "14+53",
    "marche_insertion", "art30", "marche_reserve", "art15", "aucun",
]
MOTIFS = ["lien_objet_insuffisant", "restriction_concurrence", "difficulte_execution", "solution_immediate"]
SUB_CRITERIA = {"tutorat": 30, "accompagnement_social": 20, "qualification": 30, "professionnalisation": 20}
INSERTION_SUB_CRITERIA = {
    "parcours_insertion": 25, "encadrement_technique": 20, "accompagnement_socioprofessionnel": 20, "formation": 15, "sorties": 20,
}
WORKS = ["Réhabilitation", "Construction", "Extension", "Entretien", "Rénovation énergétique", "Aménagement"]
PLACES = ["du groupe scolaire", "de la médiathèque", "du gymnase", "des berges de l'Erdre", "de la voirie", "du centre technique"]


def lot_counts(rng: random.Random, specs: int = SPECS, lots: int = LOTS) -> list[int]:
    """How many lots each spec has: ``lots`` spread over ``specs``, at most 10 each."""
    counts = [1] * specs
    for _ in range(lots - specs):
        index = rng.choice([i for i, count in enumerate(counts) if count < 10])
        counts[index] += 1
    return counts


def spec_data(rng: random.Random, number: int, lots: int) -> dict[str, Any]:
    """One spec as a dict, ready for ``yaml.safe_dump``."""
    launch = dt.date(2017, 1, 15) + dt.timedelta(days=rng.randrange(0, 11 * 365))
    facilitateur: dict[str, Any] = {
        "structure": f"Maison de l'emploi n° {number % 7 + 1}",
        "adresse": f"{number}, rue de la République, 44000 Nantes",
        "telephone": "02 40 00 00 00",
        "courriel": f"clauses{number % 7 + 1}@insertion.example",
    }
    if rng.random() < 0.5:
        facilitateur["service"] = "Service emploi & insertion <clauses>"
    spec: dict[str, Any] = {
        "consultation": {
            "reference": f"BENCH-{launch.year}-{number:03d}",
            "objet": f"{rng.choice(WORKS)} {rng.choice(PLACES)} n° {number}",
            "acheteur": {"nom": f"Commune n° {number % 24 + 1}", "categorie": rng.choice(["collectivite", "etat", "entite_adjudicatrice"])},
            "procedure": rng.choice(["appel_offres_ouvert", "procedure_adaptee", "appel_offres_restreint"]),
            "date_lancement": launch,
            "facilitateur": facilitateur,
        },
        "parametres": {"penalite_par_heure": 50} if rng.random() < 0.7 else {"arrondi": 5},
        "lots": [lot_data(rng, index + 1 if lots > 1 else None) for index in range(lots)],
    }
    if rng.random() < 0.3:
        spec["publics"] = [*rng.sample(PUBLICS, 4), {"autre": "les femmes isolées éloignées de l'emploi"}]
    return spec


def lot_data(rng: random.Random, numero: int | None) -> dict[str, Any]:
    """One lot of any mechanism; ``numero`` None makes a non-allotted market."""
    mechanism = rng.choice(MECHANISMS)
    lot: dict[str, Any] = {} if numero is None else {"numero": numero, "intitule": f"Lot {numero} — {rng.choice(METIERS).replace('_', ' ')}"}
    lot.update(nature=rng.choice(["travaux", "services", "fournitures"]), montant_estime_ht=rng.randrange(40, 4000) * 1000)
    lot["duree_mois"] = rng.randrange(6, 48)
    lot["dispositif"] = mechanism
    if mechanism in ("clause_execution", "art14", "clause_et_critere", "art14_53", "14+53"):
        if rng.random() < 0.8:
            lot["metier"] = rng.choice(METIERS)
        else:
            lot["part_main_oeuvre"] = rng.choice([0.2, 0.35, 0.5])
        if rng.random() < 0.1:
            lot["heures"] = rng.randrange(200, 3000)
    if mechanism in ("clause_et_critere", "art14_53", "14+53"):
        lot["critere"] = {"ponderation": rng.choice([5, 10, 15, 20])}
        if rng.random() < 0.5:
            lot["critere"]["sous_criteres"] = dict(SUB_CRITERIA)
        if rng.random() < 0.2:
            lot["critere"]["bareme"] = {0: "Absent", 1: "Partiel", 2: "Complet", 3: "Complet et chiffré"}
    if mechanism in ("marche_insertion", "art30"):
        lot["insertion"] = {
            "activite_support": "Entretien et débroussaillage des espaces naturels",
            "postes": rng.randrange(4, 16),
            "heures": rng.randrange(4, 16) * 1000,
            "encadrement": "un encadrant technique pour huit salariés",
        }
        if rng.random() < 0.5:
            lot["critere"] = {"ponderation": 60, "sous_criteres": dict(INSERTION_SUB_CRITERIA)}
    if mechanism in ("marche_reserve", "art15"):
        lot["reserve_a"] = rng.choice(["siae", "handicap"])
    if mechanism == "aucun":
        lot["motif_sans_clause"] = rng.choice(MOTIFS)
    return lot


def build_portfolio(folder: Path, specs: int = SPECS, lots: int = LOTS, seed: int = SEED) -> list[Path]:
    """Write the portfolio's specs into ``folder``; return their paths, in name order."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, count in enumerate(lot_counts(rng, specs, lots), start=1):
        path = folder / f"spec-{number:03d}.yaml"
        path.write_text(yaml.safe_dump(spec_data(rng, number, count), allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths
