"""The clauses command as a user runs it: exit codes, exact messages, no traceback."""

import re
import shutil

import pytest
from click.testing import CliRunner

from generator.cli.commands import main
from tests.conftest import FULL_EXAMPLE, ROOT, SPECS, edited


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_generer_writes_the_dossier(tmp_path):
    code, out, _ = run("generer", str(FULL_EXAMPLE), "-o", str(tmp_path))
    assert code == 0
    assert out.splitlines() == [f"écrit : {tmp_path / '2026-NM-GS-014'} (6 documents)"]


def test_generer_without_argument_takes_market_specs_into_output(tmp_path, monkeypatch):
    shutil.copytree(SPECS, tmp_path / "market_specs")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("generer")
    assert code == 0
    assert (tmp_path / "output" / "2026-NM-GS-014" / "CCTP-marche-insertion.docx").exists()
    assert (tmp_path / "output" / "2027-NM-PROP-003" / "RC-clause-insertion.docx").exists()
    assert "écrit : output/2026-NM-ESP-022 (6 documents)" in out.splitlines()


def test_one_bad_spec_does_not_stop_the_good_ones(tmp_path, write_spec):
    bad = write_spec(edited({"consultation.reference": "MAUVAIS", "lots.0.montant_estime_ht": -1}), "mauvais.yaml")
    code, _, err = run("generer", str(bad), str(FULL_EXAMPLE), "-o", str(tmp_path / "out"))
    assert code == 3
    assert err.splitlines()[:2] == [
        f"{bad} : spécification invalide",
        "  - ligne 16, champ lots[1].montant_estime_ht : doit être compris entre 0,01 et 100\u202f000\u202f000\u202f000, pas « -1 »",
    ]
    assert re.fullmatch(
        r"2 spécifications, 6 documents, 1 en erreur ; vérifications : 0 erreur, 1 avertissement ; \d+,\d s\.", err.splitlines()[-1]
    )
    assert " : CS107 avertissement — Lot 3 : Ce marché d'insertion relève de la " in err.splitlines()[2]  # the checks, reported
    assert (tmp_path / "out" / "2026-NM-GS-014" / "RC-clause-insertion.docx").exists()
    assert not (tmp_path / "out" / "MAUVAIS").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "le fichier est vide : décrivez au moins la consultation et ses lots"),
        ("consultation: [\n", "ligne 2, colonne 1 : syntaxe YAML incorrecte : "),
        ("!!python/object/apply:os.system ['echo x']\n", "ligne 1, colonne 1 : balise YAML interdite « !!python/object/apply:os.system »"),
        (edited({"consultation.reference": "../../x"}), "ligne 2, champ consultation.reference : « ../../x » n'est pas accepté"),
    ],
)
def test_bad_specs_exit_non_zero_and_write_nothing(tmp_path, write_spec, text, message):
    spec = write_spec(text)
    code, out, err = run("generer", str(spec), "-o", str(tmp_path / "out"))
    assert code == 3
    assert err.splitlines()[1].startswith(f"  - {message}")
    assert out == ""
    assert not (tmp_path / "out").exists()
    assert not (tmp_path.parent / "x").exists()


def test_heures_prints_the_table_and_the_trace(write_spec):
    code, out, _ = run("heures", str(write_spec()))
    assert code == 0
    lines = [line.replace("\u202f", " ").replace("\u00a0", " ") for line in out.splitlines()]
    assert lines[0] == "Consultation TEST-001 — Réfection de la voirie"
    assert lines[1] == "Paramètres : coût horaire 30 €, taux d'insertion 5 %, 1 826 heures par ETP, arrondi à 1 h"
    assert re.sub(r"\s+", " ", lines[5]) == "Lot 1 Voirie Condition d'exécution 833 heures 0,5 ETP 0,5"
    assert lines[-1] == "  Lot 1 : 1 000 000 € × 50 % × 5 % ÷ 30 €/h = 833,33 h → 833 h (arrondi à 1 h)"


def test_heures_on_a_missing_file():
    code, _, err = run("heures", "absent.yaml")
    assert (code, err.splitlines()[:2]) == (3, ["absent.yaml : spécification invalide", "  - fichier introuvable"])


def test_every_command_has_french_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        code, out, _ = run(name, "--help")
        assert code == 0 and command.help and out.startswith(f"Utilisation : main {name}")
        assert f"clauses {name}" in readme, name
