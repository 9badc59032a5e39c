"""clauses verifier as a user runs it: report, exit codes, --strict, --format json, --regles."""

from __future__ import annotations

import json

from click.testing import CliRunner

from generator.cli.commands import main
from tests.conftest import DELETE, MINIMAL_SPEC, edited
from tests.test_checks import BASE, SERVICES


def run(*args: str) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout.replace("\u202f", " ").replace("\u00a0", " ").splitlines(), result.stderr


def test_a_clean_spec_exits_0(write_spec):
    spec = write_spec(BASE)
    assert run("verifier", str(spec))[:2] == (0, [str(spec), "  Aucun constat.", "  Bilan : 0 erreur, 0 avertissement, 0 information."])


def test_warnings_exit_0_unless_strict(write_spec):
    spec = write_spec(MINIMAL_SPEC)
    code, lines, _ = run("verifier", str(spec))
    assert (code, lines) == (0, [
        str(spec),
        "  CS302 avertissement",
        "    Aucune pénalité n'est fixée pour les heures d'insertion non réalisées, alors que 833 heures sont à réaliser.",
        "    À faire : Indiquez parametres.penalite_par_heure, le montant en euros dû par heure d'insertion non réalisée.",
        "  Bilan : 0 erreur, 1 avertissement, 0 information.",
    ])
    assert run("verifier", "--strict", str(spec))[0] == 1


def test_an_error_exits_1_and_errors_come_first(write_spec):
    spec = write_spec(edited({"consultation.facilitateur.courriel": DELETE}, SERVICES))
    code, lines, _ = run("verifier", str(spec))
    assert code == 1
    assert [line for line in lines if line.startswith("  CS")] == ["  CS101 erreur — Lot 2", "  CS401 erreur"]
    assert lines[-1] == "  Bilan : 2 erreurs, 0 avertissement, 0 information."


def test_a_folder_stands_for_its_specs_and_an_invalid_one_fails(write_spec, tmp_path):
    write_spec(BASE, "a.yaml")
    write_spec("lots: []\n", "b.yaml")
    code, lines, _ = run("verifier", str(tmp_path))
    assert code == 1
    assert lines[:3] == [str(tmp_path / "a.yaml"), "  Aucun constat.", "  Bilan : 0 erreur, 0 avertissement, 0 information."]
    assert lines[3:5] == [str(tmp_path / "b.yaml"), f"{tmp_path / 'b.yaml'} : spécification invalide"]


def test_json_format(write_spec):
    spec = write_spec(edited({"lots.0.dispositif": "art14"}, BASE))
    code, lines, _ = run("verifier", "--format", "json", str(spec))
    data = json.loads("\n".join(lines))
    assert code == 0
    assert data["specifications"][0]["specification"] == str(spec)
    assert data["specifications"][0]["erreur_lecture"] is None
    assert [(c["code"], c["gravite"], c["lot"]) for c in data["specifications"][0]["constats"]] == [("CS105", "info", "Lot 1")]


def test_regles_lists_every_rule_with_its_description():
    code, lines, _ = run("verifier", "--regles")
    assert code == 0
    assert lines[0] == "CS101 (erreur) Condition sociale obligatoire absente"
    assert "CS401 (erreur) Facilitateur injoignable" in lines
    assert "CS403 (erreur) Valeur d'exemple à compléter" in lines
    assert sum(1 for line in lines if line.startswith("CS")) == 20
