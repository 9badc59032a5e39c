"""Scoring a filled grid: the round trip xlsx -> marks -> ranking -> report, and the formula.

The grid is filled with openpyxl the way a committee fills it in Excel: names in
row 6, a mark and a justification per sub-criterion from row 8.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from generator.award.grid import write_grid
from generator.award.report import REPORT, score_offers, summary
from generator.cli.commands import main
from tests.conftest import FULL_EXAMPLE, SERVICES_EXAMPLE, docx_text, edited

BIDDERS = ["Sarl Dupont", "Régie Est", "ACI Berges & Co"]
# Lot 2: weights 30/20/30/20, criterion on 10, scale 0-5.
LOT2 = {"Sarl Dupont": [4, 3, 5, 2], "Régie Est": [5, 4, 4, 1], "ACI Berges & Co": [3, 4, 5, 3]}
# Lot 3 (insertion market): five sub-criteria of 20, criterion on 60; Régie Est did not bid.
LOT3 = {"Sarl Dupont": [3, 3, 4, 2, 5], "ACI Berges & Co": [4, 4, 4, 4, 3]}


def make_grid(tmp_path: Path, spec: Path = FULL_EXAMPLE, bidders: list[str] | None = None) -> Path:
    written = write_grid(spec, tmp_path / "out", BIDDERS if bidders is None else bidders)
    return next(path for path in written if path.suffix == ".xlsx")


def fill(xlsx: Path, sheet: str, marks: dict[str, list[int | None]], justify: bool = True) -> None:
    """Type each bidder's name, marks and justifications into its columns; clear unused names."""
    workbook = load_workbook(xlsx)
    worksheet = workbook[sheet]
    column = 3
    for name, values in marks.items():
        worksheet.cell(row=6, column=column, value=name)
        for index, value in enumerate(values):
            worksheet.cell(row=8 + index, column=column, value=value)
            text = f"{name} : constat {index + 1} tiré de la note méthodologique." if justify else None
            worksheet.cell(row=8 + index, column=column + 1, value=text)
        column += 3
    while worksheet.cell(row=7, column=column).value:
        worksheet.cell(row=6, column=column).value = None
        column += 3
    workbook.save(xlsx)


def filled_example(tmp_path: Path) -> Path:
    xlsx = make_grid(tmp_path)
    fill(xlsx, "Lot 2", LOT2)
    fill(xlsx, "Lot 3", LOT3)
    return xlsx


def test_round_trip_gives_exact_marks_ranks_and_ties_in_the_report(tmp_path):
    award = score_offers(FULL_EXAMPLE, filled_example(tmp_path), tmp_path / "out")

    assert award.report == (tmp_path / "out" / "2026-NM-GS-014" / REPORT).resolve()
    text = docx_text(award.report)
    assert "1 | ACI Berges & Co | 3 / 5 — 1,80 | 4 / 5 — 1,60 | 5 / 5 — 3,00 | 3 / 5 — 1,20 | 7,60" in text
    assert "2 ex aequo | Régie Est | 5 / 5 — 3,00 | 4 / 5 — 1,60 | 4 / 5 — 2,40 | 1 / 5 — 0,40 | 7,40" in text
    assert "2 ex aequo | Sarl Dupont | 4 / 5 — 2,40 | 3 / 5 — 1,20 | 5 / 5 — 3,00 | 2 / 5 — 0,80 | 7,40" in text
    assert "Égalité : Régie Est et Sarl Dupont obtiennent la même note du critère (7,40) et partagent le rang 2." in text
    assert "1 | ACI Berges & Co | 4 / 5 — 9,60 | 4 / 5 — 9,60 | 4 / 5 — 9,60 | 4 / 5 — 9,60 | 3 / 5 — 7,20 | 45,60" in text
    assert "2 | Sarl Dupont | 3 / 5 — 7,20 | 3 / 5 — 7,20 | 4 / 5 — 9,60 | 2 / 5 — 4,80 | 5 / 5 — 12,00 | 40,80" in text
    assert "Aucun candidat n'est à égalité avec un autre sur ce critère." in text
    assert "Tutorat (4 / 5) : Sarl Dupont : constat 1 tiré de la note méthodologique." in text
    assert "Régie Est — 7,40 sur 10 points (rang 2 ex aequo)" in text
    assert "Lot 2 — Entretien des espaces verts" in text
    assert "PROJET — non validé par le facilitateur" in text
    assert text.count("Note du critère (sur 10 points) = 10 × Σ (pondération du sous-critère × note obtenue) ÷ (5 × 100), "
                      "calculée sans arrondi intermédiaire et présentée avec deux décimales.") == 1
    assert "Note du critère (sur 60 points) = 60 × Σ (pondération du sous-critère × note obtenue) ÷ (5 × 100)" in text
    assert "puis la note pondérée, en points du critère : les notes pondérées d'un candidat s'additionnent en sa note du critère (sur 10 points)." in text


def test_cli_noter_shows_the_report_path_as_generer_does(tmp_path, monkeypatch):
    """Relative to the current folder, like every « écrit : » line of the other commands."""
    filled = filled_example(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["noter", str(FULL_EXAMPLE), str(filled), "-o", "sortie"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Consultation 2026-NM-GS-014 — rapport écrit : sortie/2026-NM-GS-014/rapport-analyse-insertion.docx"


def test_summary_lists_each_lot_ranking(tmp_path):
    award = score_offers(FULL_EXAMPLE, filled_example(tmp_path), tmp_path / "out")

    lines = summary(award).splitlines()
    assert lines[2:7] == [
        "Lot 2 — Entretien des espaces verts (critère sur 10 points)",
        "  Rang        Candidat         Note",
        "  1           ACI Berges & Co  7,60",
        "  2 ex aequo  Régie Est        7,40",
        "  2 ex aequo  Sarl Dupont      7,40",
    ]
    assert lines[-2:] == ["  1           ACI Berges & Co  45,60", "  2           Sarl Dupont      40,80"]


def test_criterion_mark_is_exact_decimal_never_rounded_before_summing(tmp_path):
    award = score_offers(FULL_EXAMPLE, filled_example(tmp_path), tmp_path / "out")

    lot2 = {bidder.nom: bidder for bidder in award.lots[0].classement}
    assert lot2["Sarl Dupont"].note == Decimal("7.4")
    # Weighted marks are on the criterion's own scale (10 points): they add up to the criterion mark.
    assert [sub.ponderee for sub in lot2["Sarl Dupont"].notes] == [Decimal("2.4"), Decimal("1.2"), Decimal(3), Decimal("0.8")]
    assert sum(sub.ponderee for sub in lot2["Sarl Dupont"].notes) == lot2["Sarl Dupont"].note


THIRDS_SPEC = edited({"consultation.reference": "TIERS-01", "lots": [{
    "intitule": "Nettoyage des écoles",
    "nature": "services",
    "montant_estime_ht": 300000,
    "metier": "proprete",
    "dispositif": "clause_et_critere",
    "critere": {
        "ponderation": 60,
        "sous_criteres": {"tutorat": 33.33, "accompagnement_social": 33.33, "qualification": 33.34},
        "bareme": {0: "Absent", 1: "Partiel", 2: "Complet", 3: "Exemplaire"},
    },
}]})


def test_thirds_are_summed_before_rounding_and_non_allotted_says_marche(tmp_path, write_spec):
    spec = write_spec(THIRDS_SPEC)
    xlsx = make_grid(tmp_path, spec, ["Alpha", "Bêta"])
    # Per sub-criterion, 60 × 33.33 × 1 ÷ 300 = 6.666 would show 6,67: rounded then summed
    # it would give 20,01; the exact sum gives 20,00.
    fill(xlsx, "Marché", {"Alpha": [1, 1, 1], "Bêta": [2, 1, 0]})

    award = score_offers(spec, xlsx, tmp_path / "out")

    text = docx_text(award.report)
    assert "1 | Alpha | 1 / 3 — 6,67 | 1 / 3 — 6,67 | 1 / 3 — 6,67 | 20,00" in text
    # 60 × 99.99 ÷ 300 = 19.998: shown 20,00 but ranked below the exact 20.
    assert "2 | Bêta | 2 / 3 — 13,33 | 1 / 3 — 6,67 | 0 / 3 — 0,00 | 20,00" in text
    assert "Lot " not in text
    assert "\nNettoyage des écoles\n" in text
    assert "barème de 0 à 3" in text


def test_yaml_marks_give_the_same_report_as_the_grid(tmp_path):
    marks = tmp_path / "notes.yaml"
    lines = ["reference: 2027-NM-PROP-003", "lots:", "  - candidats:"]
    for name, values in (("Sarl Dupont", [4, 3, 5, 2]), ("Régie Est", [4, 3, 5, 2])):
        lines += [f"      - nom: {name}", "        notes:"]
        for key, value in zip(("tutorat", "accompagnement_social", "qualification", "professionnalisation"), values, strict=True):
            lines += [f"          {key}:", f"            note: {value}", "            justification: Constat précis."]
    marks.write_text("\n".join(lines) + "\n", encoding="utf-8")

    award = score_offers(SERVICES_EXAMPLE, marks, tmp_path / "out")

    text = docx_text(award.report)
    # Weights 25 each, criterion on 15: 15 × (25 × 14) ÷ 500 = 10,5.
    assert "1 ex aequo | Régie Est | 4 / 5 — 3,00 | 3 / 5 — 2,25 | 5 / 5 — 3,75 | 2 / 5 — 1,50 | 10,50" in text
    assert "1 ex aequo | Sarl Dupont | 4 / 5 — 3,00 | 3 / 5 — 2,25 | 5 / 5 — 3,75 | 2 / 5 — 1,50 | 10,50" in text
    assert "Égalité : Régie Est et Sarl Dupont obtiennent la même note du critère (10,50) et partagent le rang 1." in text
    assert "Notes saisies dans : notes.yaml" in text


def test_a_lot_nobody_was_marked_on_is_reported_without_ranking(tmp_path):
    xlsx = make_grid(tmp_path)
    fill(xlsx, "Lot 2", LOT2)
    fill(xlsx, "Lot 3", {})

    award = score_offers(FULL_EXAMPLE, xlsx, tmp_path / "out")

    text = docx_text(award.report)
    assert [score.designation for score in award.lots] == ["Lot 2"]
    assert "Aucun candidat n'a été noté pour ce lot dans grille-analyse-insertion.xlsx" in text


def test_unused_blank_columns_are_ignored(tmp_path):
    xlsx = make_grid(tmp_path, bidders=[])
    fill(xlsx, "Lot 2", {"Seul candidat": [5, 5, 5, 5]})
    fill(xlsx, "Lot 3", {})

    award = score_offers(FULL_EXAMPLE, xlsx, tmp_path / "out")

    assert [(b.nom, b.rang, b.note) for b in award.lots[0].classement] == [("Seul candidat", 1, Decimal(10))]

