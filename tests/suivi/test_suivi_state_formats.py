"""``clauses suivi etat --format csv|json``: the state of the shipped example for a spreadsheet or another tool."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from openpyxl import load_workbook

from generator.monitoring.indicators import ConsultationState, ContractState
from generator.monitoring.state_report import state_csv, state_json
from tests.suivi.conftest import suivi

HEADER = ("\ufeffsituation_au;reference;objet;marche;lot;titulaire;heures_dues;heures_realisees;taux;heures_attendues;"
          "manque_projete;mois_sans_fiche;etat")


def test_csv_has_one_row_per_contract(story_base: str) -> None:
    code, out, err = suivi(story_base, "etat", "--format", "csv")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == HEADER
    assert lines[1:] == [
        "2027-10-31;2026-NM-ESP-022;Chantier d'insertion — entretien des espaces naturels de la vallée de la Chézine;2026-NM-ESP-022;"
        "Chantier d'insertion — entretien des espaces naturels de la vallée de la Chézine;ACI Chézine Nature;12000;2566;0,214;4966;5157;;en retard",
        "2027-10-31;2026-NM-GS-014;Construction du groupe scolaire Ouest;2026-NM-GS-014/1;Lot 1 — Gros œuvre;Bâtisseurs de l'Ouest SAS;"
        "1542;1847;1,198;1542;0;;en cours",
        "2027-10-31;2027-NM-PROP-003;Nettoyage des locaux administratifs de l'Hôtel de Métropole;2027-NM-PROP-003;"
        "Nettoyage des locaux administratifs de l'Hôtel de Métropole;Net'Services Atlantique;1195;205;0,172;174;0;2027-07;en cours",
    ]


def test_json_lists_consultations_with_their_contracts(story_base: str) -> None:
    code, out, err = suivi(story_base, "etat", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(entry["reference"], len(entry["contrats"])) for entry in data] == [
        ("2026-NM-ESP-022", 1), ("2026-NM-GS-014", 1), ("2027-NM-PROP-003", 1)]
    cleaning = data[2]
    assert cleaning["objet"] == "Nettoyage des locaux administratifs de l'Hôtel de Métropole"
    assert cleaning["situation_au"] == "2027-10-31"
    assert cleaning["contrats"] == [{
        "marche": "2027-NM-PROP-003", "lot": "Nettoyage des locaux administratifs de l'Hôtel de Métropole",
        "titulaire": "Net'Services Atlantique", "heures_dues": 1195, "heures_realisees": 205, "taux": 0.172,
        "heures_attendues": 174, "manque_projete": 0, "mois_sans_fiche": ["2027-07"], "etat": "en cours"}]
    assert cleaning["total"] == {"heures_dues": 1195, "heures_realisees": 205, "taux": 0.172, "heures_attendues": 174, "manque_projete": 0}
    assert data[1]["contrats"][0]["taux"] == 1.198  # never capped, as in the text (119,8 %)


def test_xlsx_is_still_written_and_its_message_leaves_the_json_alone(story_base: str, tmp_path: Path) -> None:
    code, out, err = suivi(story_base, "etat", "--format", "json", "--xlsx", str(tmp_path / "etat.xlsx"))
    assert (code, err) == (0, f"écrit : {tmp_path / 'etat.xlsx'}\n")
    assert [entry["reference"] for entry in json.loads(out)] == ["2026-NM-ESP-022", "2026-NM-GS-014", "2027-NM-PROP-003"]
    rows = load_workbook(tmp_path / "etat.xlsx").active.iter_rows(min_row=4, values_only=True)
    assert [(row[2], row[5], row[6]) for row in rows] == [("2026-NM-ESP-022", 12000, 2566), ("2026-NM-GS-014/1", 1542, 1847),
                                                          ("2027-NM-PROP-003", 1195, 205)]


def test_default_text_is_unchanged(story_base: str) -> None:
    code, out, _ = suivi(story_base, "etat")
    assert code == 0
    assert suivi(story_base, "etat", "--format", "texte")[1] == out
    assert out.splitlines()[:5] == [
        "Situation au 31/10/2027",
        "",
        "2026-NM-ESP-022 — Chantier d'insertion — entretien des espaces naturels de la vallée de la Chézine",
        "  Marché            Titulaire                  Heures dues  Réalisées  Taux     Attendues à date  Manque projeté  Mois sans fiche  État",
        "  2026-NM-ESP-022   ACI Chézine Nature         12 000       2 566      21,4 %   4 966             5 157           aucun            en retard",
    ]


def test_an_empty_base_gives_an_empty_list_and_a_header(base_url: str) -> None:
    assert suivi(base_url, "etat", "--format", "json")[:2] == (0, "[]\n")
    assert suivi(base_url, "etat", "--format", "csv")[:2] == (0, HEADER + "\n")


def test_no_hours_due_gives_no_rate() -> None:
    """A contract with nothing due has no rate: null in JSON, an empty cell in CSV (as the text's « — »)."""
    state = ContractState(code="X-1", reference="X", lot="Lot 1 — Voirie", titulaire="T", mecanisme="condition_execution", clos=True,
                          heures_dues=0, heures_realisees=0, heures_attendues=0, mois_sans_fiche=[dt.date(2027, 3, 1), dt.date(2027, 4, 1)],
                          manque_projete=0)
    consultations = [ConsultationState("X", "Voirie", [state])]
    today = dt.date(2027, 5, 2)
    assert json.loads(state_json(consultations, today))[0]["contrats"][0]["taux"] is None
    assert state_csv(consultations, today).splitlines()[1] == "2027-05-02;X;Voirie;X-1;Lot 1 — Voirie;T;0;0;;0;0;2027-03, 2027-04;clos"
