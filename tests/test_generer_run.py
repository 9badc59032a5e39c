"""A run of ``clauses generer`` over many specs: workers, order, summary, checks, verbosity, duplicates."""

import io
import re
import shutil
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.batch import RunOptions, duplicate_references, generate_all
from generator.cli.commands import main
from generator.cli.run_report import LONG_RUN, RunReport
from tests.conftest import MINIMAL_SPEC, SPECS

SUMMARY = re.compile(
    r"(?P<specs>\d+) spécifications?, (?P<documents>\d+) documents?, (?P<failed>\d+) en erreur ; "
    r"vérifications : (?P<errors>\d+) erreurs?, (?P<warnings>\d+) avertissements? ; \d+,\d s\."
)


def spec(tmp_path: Path, name: str, reference: str, **consultation) -> Path:
    """A valid spec (the minimal one) with its own reference and consultation changes."""
    data = yaml.safe_load(MINIMAL_SPEC)
    data["consultation"]["reference"] = reference
    for key, value in consultation.items():
        if value is None:
            del data["consultation"]["facilitateur"][key]
        else:
            data["consultation"][key] = value
    data["parametres"] = {"penalite_par_heure": 50}
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def run(*args: str):
    result = CliRunner().invoke(main, ["generer", *args])
    assert "Traceback" not in result.output + result.stderr
    return result


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_workers_write_the_same_bytes_and_report_in_spec_order(tmp_path):
    specs = [*sorted(SPECS.glob("*.yaml")), *(spec(tmp_path, f"s{n}.yaml", f"LOT-{n}") for n in range(4))]
    one, two = run(*map(str, specs), "-o", str(tmp_path / "un"), "-j", "1"), run(*map(str, specs), "-o", str(tmp_path / "deux"), "-j", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout.replace(str(tmp_path / "un"), "SORTIE") == two.stdout.replace(str(tmp_path / "deux"), "SORTIE")
    assert [line.split(" ")[2] for line in two.stdout.splitlines()] == [
        str(tmp_path / "deux" / reference) for reference in ("2026-NM-ESP-022", "2026-NM-GS-014", "2027-NM-PROP-003", "LOT-0", "LOT-1", "LOT-2", "LOT-3")
    ]
    assert folder_bytes(tmp_path / "un") == folder_bytes(tmp_path / "deux")
    assert len(folder_bytes(tmp_path / "un")) == 17 + 4 * 3


def test_an_error_in_one_spec_is_reported_with_the_others_by_the_workers(tmp_path):
    good = [spec(tmp_path, f"s{n}.yaml", f"LOT-{n}") for n in range(3)]
    bad = tmp_path / "mauvais.yaml"
    bad.write_text("consultation: 3\nconsultation: 4\n", encoding="utf-8")
    result = run(str(good[0]), str(bad), str(good[1]), str(good[2]), "-o", str(tmp_path / "out"), "-j", "2")
    assert result.exit_code == 3  # a spec error's exit code
    assert result.stdout.splitlines() == [f"écrit : {tmp_path / 'out' / f'LOT-{n}'} (3 documents)" for n in range(3)]
    errors = result.stderr.splitlines()
    assert errors[:2] == [f"{bad} : spécification invalide", "  - ligne 2 : la clé « consultation » est écrite deux fois ; gardez-en une seule"]
    assert SUMMARY.fullmatch(errors[-1]).groupdict() == {"specs": "4", "documents": "9", "failed": "1", "errors": "0", "warnings": "0"}


def test_the_checks_run_at_generation_and_their_findings_are_in_the_summary(tmp_path):
    path = spec(tmp_path, "sans-courriel.yaml", "SANS-COURRIEL", courriel=None)
    result = run(str(path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == f"{path} : CS401 erreur : Les coordonnées du facilitateur sont incomplètes : courriel manquant."
    assert SUMMARY.fullmatch(result.stderr.splitlines()[-1]).groupdict() == {
        "specs": "1", "documents": "3", "failed": "0", "errors": "1", "warnings": "0",
    }


def test_strict_makes_a_check_error_fail_the_spec_and_nothing_is_written(tmp_path):
    path = spec(tmp_path, "sans-courriel.yaml", "SANS-COURRIEL", courriel=None)
    other = spec(tmp_path, "complet.yaml", "COMPLET")
    result = run(str(path), str(other), "-o", str(tmp_path / "out"), "--strict")
    assert result.exit_code == 11
    assert result.stderr.splitlines()[:4] == [
        f"{path} : 1 erreur de vérification ; en mode strict, rien n'est écrit",
        "  CS401 erreur",
        "    Les coordonnées du facilitateur sont incomplètes : courriel manquant.",
        "    À faire : Renseignez consultation.facilitateur.courriel.",
    ]
    assert not (tmp_path / "out" / "SANS-COURRIEL").exists()
    assert (tmp_path / "out" / "COMPLET" / "RC-clause-insertion.docx").exists()
    # the summary still counts the check error that stopped the spec
    assert "1 en erreur ; vérifications : 1 erreur, 0 avertissement ;" in result.stderr.splitlines()[-1]


def test_two_specs_with_the_same_reference_are_both_refused_naming_each_other(tmp_path):
    first, second = spec(tmp_path, "a.yaml", "MEME-REF"), spec(tmp_path, "b.yaml", "meme-ref")
    third = spec(tmp_path, "c.yaml", "AUTRE")
    result = run(str(first), str(second), str(third), "-o", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert result.stderr.splitlines()[:2] == [
        f"{first} : refusée, la référence « MEME-REF » est aussi celle de {second} ; deux spécifications d'une même génération "
        "écriraient le même dossier. Donnez à chacune sa propre référence.",
        f"{second} : refusée, la référence « meme-ref » est aussi celle de {first} ; deux spécifications d'une même génération "
        "écriraient le même dossier. Donnez à chacune sa propre référence.",
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["AUTRE"]


def test_duplicate_references_ignore_files_that_cannot_be_read(tmp_path):
    unreadable = tmp_path / "x.yaml"
    unreadable.write_text("consultation: [\n", encoding="utf-8")
    assert duplicate_references([unreadable, spec(tmp_path, "a.yaml", "A"), spec(tmp_path, "b.yaml", "B")]) == {}


def test_quiet_prints_nothing_when_all_goes_well_and_only_errors_otherwise(tmp_path):
    good = spec(tmp_path, "sans-courriel.yaml", "SANS-COURRIEL", courriel=None)
    assert (run(str(good), "-o", str(tmp_path / "out"), "--quiet").stdout, run(str(good), "-o", str(tmp_path / "out"), "-q").stderr) == ("", "")
    assert run(str(good), "-o", str(tmp_path / "out"), "--silencieux").stdout == ""  # the French name; --quiet stays accepted
    bad = tmp_path / "vide.yaml"
    bad.write_text("", encoding="utf-8")
    result = run(str(good), str(bad), "-o", str(tmp_path / "out"), "-q")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == f"{bad} : spécification invalide\n  - le fichier est vide : décrivez au moins la consultation et ses lots\n"


def test_verbeux_lists_every_file_and_every_finding_with_what_to_do(tmp_path):
    path = spec(tmp_path, "sans-courriel.yaml", "SANS-COURRIEL", courriel=None)
    result = run(str(path), "-o", str(tmp_path / "out"), "--verbeux")
    folder = tmp_path / "out" / "SANS-COURRIEL"
    assert result.stdout.splitlines() == [
        f"écrit : {folder / name}" for name in ("RC-clause-insertion.docx", "CCAP-clause-insertion.docx", "note-revue.docx")
    ]
    assert result.stderr.splitlines()[:2] == [
        f"{path} : CS401 erreur : Les coordonnées du facilitateur sont incomplètes : courriel manquant.",
        "  À faire : Renseignez consultation.facilitateur.courriel.",
    ]


def test_quiet_and_verbeux_together_are_refused(tmp_path):
    result = CliRunner().invoke(main, ["generer", "-q", "-v", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Erreur : --silencieux et --verbeux s'excluent : choisissez l'un ou l'autre."


def test_no_progress_bar_when_the_output_is_not_a_terminal(tmp_path):
    specs = [spec(tmp_path, f"s{n:02d}.yaml", f"LOT-{n:02d}") for n in range(12)]
    result = run(*map(str, specs), "-o", str(tmp_path / "out"), "-j", "2")
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 12
    assert "Génération" not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_generate_all_yields_one_outcome_per_spec_in_order(tmp_path):
    paths = [spec(tmp_path, f"s{n}.yaml", f"LOT-{n}") for n in range(3)]
    shutil.copy(paths[0], tmp_path / "copie.yaml")
    paths.append(tmp_path / "copie.yaml")
    outcomes = list(generate_all(paths, RunOptions(tmp_path / "out"), workers=2))
    assert [outcome.path for outcome in outcomes] == paths
    assert [outcome.error is None for outcome in outcomes] == [False, True, True, False]


class Terminal(io.StringIO):
    """An error stream that says it is a terminal, as a console does."""

    def isatty(self) -> bool:
        return True


def test_a_long_run_in_a_terminal_shows_a_progress_bar_then_the_messages(tmp_path, monkeypatch, capsys):
    paths = [spec(tmp_path, f"s{n:02d}.yaml", f"LOT-{n:02d}", courriel=None) for n in range(LONG_RUN)]
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    report = RunReport()
    report.follow(generate_all(paths, RunOptions(tmp_path / "out"), workers=1), len(paths))
    shown = terminal.getvalue()
    assert "Génération" in shown and f"{LONG_RUN}/{LONG_RUN}" in shown
    assert capsys.readouterr().out == ""  # no « écrit : » line per dossier behind the bar
    assert shown.index(f"{LONG_RUN}/{LONG_RUN}") < shown.index(f"{paths[0]} : CS401 erreur")
    assert (report.specs, report.documents, report.failed) == (LONG_RUN, 3 * LONG_RUN, 0)
