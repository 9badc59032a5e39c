"""Consultations of the legal matrix, built from Python dicts, and their documents' text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.dossier import open_dossier
from generator.drafting.context import template_context
from generator.drafting.documents import plan
from generator.review.run import check_spec
from tests.conftest import docx_text, spec_yaml

BEFORE = dt.date(2026, 8, 21)  # the day before L. 2112-2-1 applies
FROM = dt.date(2026, 8, 22)

# The EU thresholds of 2026-2027 (€ HT), written out here rather than read from the data,
# so that a wrong value in data/seuils.yaml fails the tests.
THRESHOLDS = {
    ("etat", "travaux"): 5_404_000,
    ("collectivite", "travaux"): 5_404_000,
    ("entite_adjudicatrice", "travaux"): 5_404_000,
    ("etat", "fournitures_services"): 140_000,
    ("collectivite", "fournitures_services"): 216_000,
    ("entite_adjudicatrice", "fournitures_services"): 432_000,
    ("etat", "services_sociaux"): 750_000,
    ("collectivite", "services_sociaux"): 750_000,
    ("entite_adjudicatrice", "services_sociaux"): 1_000_000,
}
PURCHASE = {"travaux": "travaux", "services": "fournitures_services", "fournitures": "fournitures_services"}
LABELS = {
    "travaux": "Travaux",
    "fournitures_services": "Fournitures et services",
    "services_sociaux": "Services sociaux et autres services spécifiques",
}


def lot(dispositif: str, nature: str, montant: int, numero: int | None = None, **extra: Any) -> dict[str, Any]:
    """One lot of ``dispositif`` with what that mechanism needs."""
    row: dict[str, Any] = {"nature": nature, "montant_estime_ht": montant, "dispositif": dispositif, "duree_mois": 12}
    if numero is not None:
        row |= {"numero": numero, "intitule": f"Lot {dispositif}"}
    if dispositif in ("clause_execution", "clause_et_critere"):
        row["part_main_oeuvre"] = 0.5
    if dispositif == "clause_et_critere":
        row["critere"] = {"ponderation": 10}
    if dispositif == "marche_insertion":
        row["insertion"] = {"activite_support": "Entretien des berges", "postes": 4, "heures": 4000, "encadrement": "un encadrant"}
    if dispositif == "marche_reserve":
        row["reserve_a"] = "siae"
    return row | extra


def spec(lots: list[dict[str, Any]], categorie: str = "collectivite", on: dt.date = FROM, **consultation: Any) -> dict[str, Any]:
    return {
        "consultation": {
            "reference": "MATRICE-001",
            "objet": "Consultation de la matrice",
            "acheteur": {"nom": "Ville de Test", "categorie": categorie},
            "date_lancement": on,
            "facilitateur": {
                "structure": "Maison de l'emploi",
                "adresse": "1, rue de la Paix, 44000 Nantes",
                "telephone": "02 00 00 00 00",
                "courriel": "clauses@test.example",
            },
            **consultation,
        },
        "parametres": {"penalite_par_heure": 50},
        "lots": lots,
    }


def write(folder: Path, data: dict[str, Any], name: str = "spec.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(spec_yaml(data), encoding="utf-8")
    return path


WANTED = ("RC-clause-insertion.docx", "CCAP-clause-insertion.docx", "note-revue.docx")


def documents(path: Path, wanted: tuple[str, ...] = WANTED) -> dict[str, str]:
    """The text of the spec's clause documents among ``wanted``, by file name, spaces normalised."""
    dossier = open_dossier(path)
    planned = plan(dossier.resolved, dossier.templates, template_context(dossier))
    texts = {}
    for document in (document for document in planned if document.filename in wanted):
        built = path.parent / document.filename
        built.write_bytes(document.build())
        texts[document.filename] = docx_text(built)
    return texts


def codes(path: Path) -> list[str]:
    return [finding.code for finding in check_spec(path)]


def euros(value: int) -> str:
    """``5 404 000 €`` (plain spaces, as the documents read once normalised)."""
    return f"{value:,} €".replace(",", " ")
