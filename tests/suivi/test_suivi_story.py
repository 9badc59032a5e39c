"""The README's walkthrough on the shipped example: register, import, state, exits, closing, attestation, purge."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from generator.monitoring.database import open_database
from generator.monitoring.models import AgregatPurge, Fiche, Ligne, Personne
from generator.typography.wordml import check
from tests.conftest import docx_text
from tests.suivi.conftest import README_DAY, suivi
from tests.suivi.story import FOLDER, build


def test_shipped_sheets_are_what_the_story_builds(tmp_path: Path) -> None:
    """The example files are rebuilt byte for byte (python -m tests.suivi.story after a layout change)."""
    built = build(tmp_path)
    assert sorted(p.name for p in built) == sorted(p.name for p in FOLDER.glob("*.xlsx"))
    for path in built:
        assert path.read_bytes() == (FOLDER / path.name).read_bytes(), path.name


def test_state_of_the_example(story_base: str, tmp_path: Path) -> None:
    code, out, _ = suivi(story_base, "etat", "--xlsx", str(tmp_path / "etat.xlsx"))
    assert code == 0
    assert out.splitlines() == [
        "Situation au 31/10/2027",
        "",
        "2026-NM-ESP-022 — Chantier d'insertion — entretien des espaces naturels de la vallée de la Chézine",
        "  Marché            Titulaire                  Heures dues  Réalisées  Taux     Attendues à date  Manque projeté  Mois sans fiche  État",
        "  2026-NM-ESP-022   ACI Chézine Nature         12 000       2 566      21,4 %   4 966             5 157           aucun            en retard",
        "",
        "2026-NM-GS-014 — Construction du groupe scolaire Ouest",
        "  Marché            Titulaire                  Heures dues  Réalisées  Taux     Attendues à date  Manque projeté  Mois sans fiche  État",
        "  2026-NM-GS-014/1  Bâtisseurs de l'Ouest SAS  1 542        1 847      119,8 %  1 542             0               aucun            en cours",
        "",
        "2027-NM-PROP-003 — Nettoyage des locaux administratifs de l'Hôtel de Métropole",
        "  Marché            Titulaire                  Heures dues  Réalisées  Taux     Attendues à date  Manque projeté  Mois sans fiche  État",
        "  2027-NM-PROP-003  Net'Services Atlantique    1 195        205        17,2 %   174               0               07/2027          en cours",
        f"écrit : {tmp_path / 'etat.xlsx'}",
    ]
    from openpyxl import load_workbook

    rows = list(load_workbook(tmp_path / "etat.xlsx").active.iter_rows(min_row=4, values_only=True))
    assert [(r[2], r[5], r[6], round(r[7], 4), r[10]) for r in rows] == [
        ("2026-NM-ESP-022", 12000, 2566, 0.2138, None), ("2026-NM-GS-014/1", 1542, 1847, 1.1978, None), ("2027-NM-PROP-003", 1195, 205, 0.1715, "07/2027")]


def test_closing_gives_the_attestation_without_penalty(story_base: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for person, category in (("GS1-01", "emploi_durable"), ("GS1-02", "sortie_positive")):
        assert suivi(story_base, "sorties", "2026-NM-GS-014/1", person, category, "--date", "31/08/2027")[0] == 0
    code, out, err = suivi(story_base, "attestation", "2026-NM-GS-014/1", "-o", str(tmp_path))
    assert (code, err) == (12, "Le marché 2026-NM-GS-014/1 n'est pas clos : enregistrez d'abord sa réception "
                              "(clauses suivi contrat cloturer 2026-NM-GS-014/1 --reception JJ/MM/AAAA).\n")
    assert suivi(story_base, "contrat", "cloturer", "2026-NM-GS-014/1", "--reception", "31/08/2027")[1] == "Marché 2026-NM-GS-014/1 clos à la date du 31/08/2027.\n"
    monkeypatch.chdir(tmp_path)  # the path written is shown relative to the current folder, as generer shows it
    code, out, _ = suivi(story_base, "attestation", "2026-NM-GS-014/1", "-o", "sortie")
    assert (code, out) == (0, "écrit : sortie/2026-NM-GS-014/attestation-heures-2026-NM-GS-014-lot1.docx\n")
    path = tmp_path / "sortie" / "2026-NM-GS-014" / "attestation-heures-2026-NM-GS-014-lot1.docx"
    text = docx_text(path)
    for line in ("Heures dues : 1 542 heures.",
                 "4 personnes ont réalisé 1 847 heures, soit un taux de réalisation de 119,8 % des heures dues.",
                 "Le volume d'heures dû est atteint et dépassé de 305 heures : aucune pénalité n'est due au titre de la clause d'insertion.",
                 "08/2027 | 310 | 4", "Embauche directe par le titulaire | 1 202 | 2",
                 "Emploi durable (CDI, CDD ou intérim de plus de six mois, fonction publique, création d'entreprise) | 1",
                 "Établie le 31 octobre 2027 par Nantes Métropole — AMO Insertion."):
        assert line in text.splitlines(), line
    assert "Aucune fiche n'a été transmise" not in text
    assert [problem.line() for problem in check(path.read_bytes())] == []  # French typography, as every document


def test_attestation_with_a_shortfall_gives_the_penalty(story_base: str, tmp_path: Path) -> None:
    assert suivi(story_base, "contrat", "avenant", "2027-NM-PROP-003", "--date", "01/09/2027", "--heures", "300",
                 "--motif", "Réduction de la durée")[1] == "Avenant enregistré : le marché 2027-NM-PROP-003 doit désormais 300 heures d'insertion.\n"
    suivi(story_base, "contrat", "cloturer", "2027-NM-PROP-003", "--reception", "30/09/2027")
    suivi(story_base, "attestation", "2027-NM-PROP-003", "-o", str(tmp_path))
    lines = docx_text(tmp_path / "2027-NM-PROP-003" / "attestation-heures-2027-NM-PROP-003.docx").splitlines()
    assert "Le marché fixe à 1 195 heures le volume d'heures d'insertion à réaliser." in lines
    assert "Avenant du 1er septembre 2027 : volume porté à 300 heures (Réduction de la durée)." in lines
    assert "Aucune fiche n'a été transmise pour : 07/2027. Ces mois sont comptés sans heure réalisée." in lines
    assert ("Il manque 95 heures pour atteindre le volume dû. En application du marché (40 € HT par heure non réalisée), "
            "la pénalité encourue s'élève à 3 800 € HT (95 × 40 €).") in lines


def test_attestation_of_an_insertion_market_without_hourly_penalty(story_base: str, tmp_path: Path) -> None:
    suivi(story_base, "contrat", "cloturer", "2026-NM-ESP-022", "--reception", "30/09/2027")
    suivi(story_base, "attestation", "2026-NM-ESP-022", "-o", str(tmp_path))
    lines = docx_text(tmp_path / "2026-NM-ESP-022" / "attestation-heures-2026-NM-ESP-022.docx").splitlines()
    assert ("Il manque 9 434 heures pour atteindre le volume dû. Le marché ne prévoit pas de pénalité par heure non réalisée : "
            "aucune pénalité n'est due à ce titre.") in lines


def test_exit_errors(story_base: str) -> None:
    code, _, err = suivi(story_base, "sorties", "2026-NM-GS-014/1", "PR-01", "emploi_durable")
    assert (code, err) == (12, "La personne « PR-01 » n'a aucune heure enregistrée sur le marché 2026-NM-GS-014/1 : sortie non enregistrée.\n")
    code, _, err = suivi(story_base, "sorties", "2026-NM-GS-014/9", "GS1-01", "emploi_durable")
    assert (code, err) == (12, "Marché 2026-NM-GS-014/9 inconnu : enregistrez-le d'abord avec « clauses suivi contrat enregistrer ».\n")


def test_purge_removes_people_and_keeps_aggregates(story_base: str) -> None:
    suivi(story_base, "sorties", "2026-NM-GS-014/1", "GS1-01", "emploi_durable", "--date", "31/08/2027")
    suivi(story_base, "contrat", "cloturer", "2026-NM-GS-014/1", "--reception", "31/08/2027")
    _, out, _ = suivi(story_base, "purger", "--avant", "01/10/2027")
    assert out.splitlines() == ["Marchés réceptionnés avant le 01/10/2027 : 1 (2026-NM-GS-014/1).",
                                "À supprimer (relancez avec --oui pour purger) : 24 lignes d'heures, 1 sortie, 4 personnes du registre ; "
                                "les totaux mensuels et les agrégats du bilan sont conservés."]
    _, out, _ = suivi(story_base, "purger", "--avant", "01/10/2027", "--oui")
    assert out.splitlines()[1].startswith("Supprimé : 24 lignes d'heures, 1 sortie, 4 personnes du registre")
    database = open_database(story_base)
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Personne)) == 10
        assert session.scalar(select(func.sum(Fiche.heures))) == 1847 + 205 + 2566
        assert session.scalar(select(func.count()).select_from(Ligne)) == 5 * 2 + 9 * 8
        kept = {(a.dimension, a.cle): (a.personnes, a.heures) for a in session.scalars(select(AgregatPurge))}
    database.close()
    assert kept[("total", "personnes")] == (4, 1847)
    assert kept[("sexe", "F")] == (1, 355)
    assert kept[("sortie", "emploi_durable")] == (1, 723)
    assert suivi(story_base, "purger", "--avant", "01/10/2027", "--oui")[1].startswith("Marchés réceptionnés avant le 01/10/2027 : 0 (aucun).")


def test_a_bad_base_is_reported_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "base.txt"
    path.write_text("bonjour", encoding="utf-8")
    code, out, err = suivi(str(path), "etat")
    assert (code, out, err) == (12, "", f"{path} n'est pas une base de suivi clauses (ce n'est pas un fichier SQLite) ; vérifiez --base ou CLAUSES_BASE.\n")


def test_today_is_a_date() -> None:
    assert dt.date(2027, 10, 31).strftime("%d/%m/%Y") == README_DAY
