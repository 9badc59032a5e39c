"""Issue 11, points 4, 10, 11 and 13: duplicate bidders, grids partly typed, zip bombs, marks in one pass."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.comments import Comment

from generator.award.grid import write_grid
from generator.award.report import REPORT
from generator.cli.commands import main
from generator.errors import GridError
from tests.conftest import FULL_EXAMPLE, SERVICES_EXAMPLE
from tests.hostile import alias_bomb, dump
from tests.test_scoring import make_grid
from tests.test_scoring_errors import problems

KEYS = ("tutorat", "accompagnement_social", "qualification", "professionnalisation")


def marks_of(*values: int) -> dict[str, dict[str, object]]:
    return {key: {"note": value, "justification": f"Constat {index + 1}."} for index, (key, value) in enumerate(zip(KEYS, values, strict=True))}


def test_a_duplicate_bidder_on_one_line_in_flow_style_is_refused(tmp_path):
    marks = tmp_path / "notes.yaml"
    first, second = ({"nom": "Sarl Dupont", "notes": marks_of(*values)} for values in ((5, 5, 5, 5), (0, 0, 0, 0)))
    marks.write_text(dump({"reference": "2027-NM-PROP-003", "lots": [{"candidats": []}]}).replace(
        "candidats: []", "candidats: [" + yaml_flow(first) + ", " + yaml_flow(second) + "]"), encoding="utf-8")
    assert problems(SERVICES_EXAMPLE, marks, tmp_path / "out") == [
        "Marché, candidat « Sarl Dupont » (ligne 3, candidat n° 2) : déjà noté (ligne 3, candidat n° 1)",
    ]


def yaml_flow(data: object) -> str:
    return yaml.safe_dump(data, default_flow_style=True, allow_unicode=True, width=10_000).strip()


def test_a_duplicate_bidder_through_an_alias_is_refused(tmp_path):
    marks = tmp_path / "notes.yaml"
    text = dump({"reference": "2027-NM-PROP-003", "lots": [{"candidats": [{"nom": "Sarl Dupont", "notes": marks_of(4, 4, 4, 4)}]}]})
    text = text.replace("- nom: Sarl Dupont", "- &dupont\n    nom: Sarl Dupont") + "  - *dupont\n"
    marks.write_text(text, encoding="utf-8")
    assert problems(SERVICES_EXAMPLE, marks, tmp_path / "out") == [
        "Marché, candidat « Sarl Dupont » (ligne 4, candidat n° 2) : déjà noté (ligne 4, candidat n° 1)",
    ]


def test_bidders_differing_only_by_case_or_spacing_are_one_bidder(tmp_path):
    marks = tmp_path / "notes.yaml"
    marks.write_text(dump({"reference": "2027-NM-PROP-003", "lots": [{"candidats": [
        {"nom": "Sarl Dupont", "notes": marks_of(1, 1, 1, 1)}, {"nom": " SARL   dupont ", "notes": marks_of(5, 5, 5, 5)},
    ]}]}), encoding="utf-8")
    assert problems(SERVICES_EXAMPLE, marks, tmp_path / "out") == [
        "Marché, candidat « SARL   dupont » (ligne 18, candidat n° 2) : déjà noté (ligne 4, candidat n° 1)",
    ]


def test_structural_and_mark_problems_of_a_marks_file_are_reported_in_one_pass(tmp_path):
    marks = tmp_path / "notes.yaml"
    marks.write_text(dump({"reference": "2026-NM-GS-014", "lots": [
        {"numero": 9, "candidats": []},
        {"numero": 2, "candidature": []},
        {"numero": 3, "candidats": [{"nom": "Régie Est", "note": {}}, {"nom": "ACI", "notes": {"parcours": {"note": 9}}}]},
    ]}), encoding="utf-8")
    assert problems(FULL_EXAMPLE, marks, tmp_path / "out") == [
        "ligne 3, champ lots[1] : le lot 9 n'est pas noté sur l'insertion ; lots notés : 2, 3",
        "ligne 6, champ lots[2].candidature : clé inconnue « candidature » ; vouliez-vous dire candidats ?",
        "ligne 10, champ lots[3].candidats[1].note : clé inconnue « note » ; vouliez-vous dire notes ou nom ?",
        "Lot 3, candidat « ACI », parcours (ligne 13) : sous-critère inconnu ; sous-critères du lot : "
        "parcours_insertion, encadrement_technique, accompagnement_socioprofessionnel, formation, sorties",
        "Lot 3, candidat « ACI », parcours d'insertion (ligne 12) : note manquante",
        "Lot 3, candidat « ACI », encadrement technique (ligne 12) : note manquante",
        "Lot 3, candidat « ACI », accompagnement socioprofessionnel (ligne 12) : note manquante",
        "Lot 3, candidat « ACI », formation (ligne 12) : note manquante",
        "Lot 3, candidat « ACI », sorties vers l'emploi (ligne 12) : note manquante",
    ]


def generer(tmp_path: Path):
    return CliRunner().invoke(main, ["generer", str(FULL_EXAMPLE), "-o", str(tmp_path / "out")])


def kept_message(xlsx: Path) -> str:
    return f"conservé : {xlsx} contient déjà des notes ; il n'est pas remplacé (renommez-le pour obtenir une grille vierge)"


def typed(xlsx: Path, change) -> bytes:
    workbook = load_workbook(xlsx)
    change(workbook["Lot 2"])
    workbook.save(xlsx)
    return xlsx.read_bytes()


PARTLY_TYPED = {
    "only the bidders' names": lambda sheet: setattr(sheet["C6"], "value", "Sarl Dupont"),
    "a comment outside the mark cells": lambda sheet: setattr(sheet["A1"], "comment", Comment("Voir l'offre 3", "Comité")),
    "a note typed in an unprotected sheet": lambda sheet: (setattr(sheet.protection, "sheet", False), setattr(sheet["A30"], "value", "à revoir")),
}


@pytest.mark.parametrize("case", PARTLY_TYPED)
def test_a_grid_partly_typed_is_never_replaced_by_generer(tmp_path, case):
    xlsx = make_grid(tmp_path, bidders=[])
    before = typed(xlsx, PARTLY_TYPED[case])
    result = generer(tmp_path)
    assert result.exit_code == 0 and result.stderr.splitlines()[0] == kept_message(xlsx)
    assert xlsx.read_bytes() == before


def test_a_grid_named_by_grille_is_kept_by_generer_and_renamed_by_grille(tmp_path):
    """generer would replace the names by blank columns: they count. A new grille names the bidders again."""
    xlsx = make_grid(tmp_path)
    before = xlsx.read_bytes()
    assert generer(tmp_path).stderr.splitlines()[0] == kept_message(xlsx) and xlsx.read_bytes() == before
    write_grid(FULL_EXAMPLE, tmp_path / "out", ["Autre"])
    assert load_workbook(xlsx)["Lot 2"]["C6"].value == "Autre"


def test_a_blank_grid_untouched_is_replaced(tmp_path):
    xlsx = make_grid(tmp_path, bidders=[])
    result = CliRunner().invoke(main, ["generer", str(FULL_EXAMPLE), "-o", str(tmp_path / "out"), "--verbeux"])
    assert result.exit_code == 0 and "conservé" not in result.stderr and f"écrit : {xlsx}" in result.stdout


def zip_bomb(path: Path) -> Path:
    """A small .xlsx whose one part inflates to 200 MB of zeros."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive, archive.open("xl/bombe.xml", "w") as part:
        block = b"\0" * (1024 * 1024)
        for _ in range(200):
            part.write(block)
    return path


def test_a_zip_bomb_is_refused_by_noter_before_it_is_opened(tmp_path):
    bomb = zip_bomb(tmp_path / "grille.xlsx")
    assert bomb.stat().st_size < 1024 * 1024
    assert problems(FULL_EXAMPLE, bomb, tmp_path / "out") == [
        "classeur anormalement volumineux une fois décompressé (200 Mo ; une grille en fait moins de 1) : il n'a pas été ouvert",
    ]
    assert not list((tmp_path / "out").rglob(REPORT))


def test_a_zip_bomb_in_place_of_the_grid_is_kept_by_generer_without_being_opened(tmp_path):
    xlsx = make_grid(tmp_path, bidders=[])
    before = zip_bomb(xlsx).read_bytes()
    result = generer(tmp_path)
    assert result.exit_code == 0 and result.stderr.splitlines()[0] == kept_message(xlsx)
    assert xlsx.read_bytes() == before
    with pytest.raises(GridError):
        write_grid(FULL_EXAMPLE, tmp_path / "out")


@pytest.mark.parametrize(("text", "problem"), [
    ("reference: 2027-NM-PROP-003\nlots:\n- candidats:\n  - nom: Sarl Dupont\n    date: 2026-02-30\n",
     "ligne 5, colonne 11 : date impossible « 2026-02-30 » (une date AAAA-MM-JJ qui existe est attendue)"),
    (alias_bomb(9), "ligne 6, colonne 5 : les alias * démultiplient le contenu au-delà de 100\u202f000 éléments ; écrivez les valeurs sans alias"),
    ("reference: 2027-NM-PROP-003\nlots: " + "[" * 3000 + "]" * 3000 + "\n",
     "ligne 2, colonne 26 : imbrication trop profonde (au plus 20 niveaux de listes ou de blocs)"),
])
def test_loader_errors_of_a_marks_file_are_french_and_no_report_is_written(tmp_path, text, problem):
    marks = tmp_path / "notes.yaml"
    marks.write_text(text, encoding="utf-8")
    assert problems(SERVICES_EXAMPLE, marks, tmp_path / "out") == [problem]
