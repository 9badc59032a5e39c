"""A buyer's first session: hours of a folder, a look at the clauses, PDF copies, changes since approval, any console."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli.commands import main
from generator.drafting.jinja_french import french_jinja_message
from generator.pdf.libreoffice import libreoffice
from tests.conftest import SERVICES_EXAMPLE
from tests.spec_builder import spec, write


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def two_specs(tmp_path: Path) -> Path:
    folder = tmp_path / "specs"
    folder.mkdir()
    write(folder, spec(), "a.yaml")
    write(folder, spec(consultation__reference="TEST-002", lot__montant_estime_ht=2000000, lot__metier="terrassement_vrd",
                       lot__part_main_oeuvre=None), "b.yaml")
    return folder


def test_heures_on_a_folder_prints_each_table_and_the_total(tmp_path):
    code, out, _ = run("heures", str(two_specs(tmp_path)))
    lines = plain(out).splitlines()
    assert code == 0
    assert [line for line in lines if line.startswith("Consultation")] == [
        "Consultation TEST-001 — Réfection de la voirie", "Consultation TEST-002 — Réfection de la voirie"]
    assert "  Lot 1 : 2 000 000 € × 30 % (terrassement, voirie et réseaux divers) × 5 % ÷ 30 €/h = 1 000 h → 1 000 h (arrondi à 1 h)" in lines
    assert lines[-2:] == ["", "Total : 2 consultations, 2 lots, 1 833 heures, 1 ETP"]


def test_heures_csv_for_a_spreadsheet(tmp_path):
    code, out, _ = run("heures", "--format", "csv", str(two_specs(tmp_path)))
    assert code == 0
    assert plain(out).splitlines() == [
        "\ufeffreference;objet;lot;intitule;dispositif;heures;etp;calcul",
        "TEST-001;Réfection de la voirie;Lot 1;Voirie;Condition d'exécution;833;0,46;1 000 000 € × 50 % × 5 % ÷ 30 €/h = 833,33 h → 833 h (arrondi à 1 h)",
        "TEST-002;Réfection de la voirie;Lot 1;Voirie;Condition d'exécution;1000;0,55;"
        "2 000 000 € × 30 % (terrassement, voirie et réseaux divers) × 5 % ÷ 30 €/h = 1 000 h → 1 000 h (arrondi à 1 h)",
    ]


def test_heures_json_with_the_total(tmp_path):
    code, out, _ = run("heures", "--format", "json", str(two_specs(tmp_path)))
    data = json.loads(out)
    assert code == 0
    assert [(row["reference"], row["heures"], row["etp"]) for row in data["lots"]] == [("TEST-001", 833, 0.46), ("TEST-002", 1000, 0.55)]
    assert data["total"] == {"consultations": 2, "lots": 2, "heures": 1833, "etp": 1.0}


def test_heures_goes_on_after_a_bad_spec_and_fails(tmp_path):
    folder = two_specs(tmp_path)
    bad = write(folder, spec(lot__montant_estime_ht=-1), "c.yaml")
    code, out, err = run("heures", str(folder))
    assert code == 3
    assert plain(out).splitlines()[-1] == "Total : 2 consultations, 2 lots, 1 833 heures, 1 ETP"
    assert err.splitlines() == [
        f"{bad} : spécification invalide",
        "  - ligne 16, champ lots[1].montant_estime_ht : doit être compris entre 0,01 et 100\u202f000\u202f000\u202f000, pas « -1 »",
        "1 spécification en erreur sur 3.",
    ]


def test_one_spec_in_error_is_not_counted(tmp_path):
    bad = write(tmp_path, spec(lot__montant_estime_ht=-1))
    code, _, err = run("heures", str(bad))
    assert (code, err.splitlines()[-1]) == (3, "  - ligne 16, champ lots[1].montant_estime_ht : doit être compris entre 0,01 et 100\u202f000\u202f000\u202f000, pas « -1 »")


def test_apercu_prints_the_clauses(tmp_path):
    code, out, _ = run("apercu", str(write(tmp_path, spec())))
    paragraphs = [line for line in plain(out).splitlines() if line]
    assert code == 0
    assert [line for line in paragraphs if line.startswith("===")] == [
        "=== RC-clause-insertion.docx ===", "=== CCAP-clause-insertion.docx ==="]
    assert paragraphs[1:3] == ["Règlement de la consultation — Insertion professionnelle", "PROJET — non validé par le facilitateur"]
    assert "Consultation : Réfection de la voirie (référence TEST-001)" in paragraphs
    assert not list(tmp_path.glob("*.docx")) and not (tmp_path / "output").exists()


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice (soffice) is not installed on this machine")
def test_generer_pdf_writes_a_pdf_beside_each_document(tmp_path):
    code, out, _ = run("generer", str(SERVICES_EXAMPLE), "-o", str(tmp_path), "--pdf")
    folder = tmp_path / "2027-NM-PROP-003"
    assert code == 0
    pdfs = sorted(path.name for path in folder.glob("*.pdf"))
    assert pdfs == ["CCAP-clause-insertion.pdf", "RC-clause-insertion.pdf", "grille-analyse-insertion.pdf", "note-revue.pdf"]
    assert f"écrit : {folder / 'RC-clause-insertion.pdf'}" in out.splitlines()
    assert all((folder / name).read_bytes().startswith(b"%PDF-") for name in pdfs)


def test_generer_pdf_without_libreoffice_says_so_in_french(tmp_path):
    code, out, err = run("generer", str(SERVICES_EXAMPLE), "-o", str(tmp_path), "--pdf", env={"PATH": str(tmp_path / "vide")})
    assert code == 8
    assert out.splitlines() == [f"écrit : {tmp_path / '2027-NM-PROP-003'} (5 documents)"]
    assert (tmp_path / "2027-NM-PROP-003" / "RC-clause-insertion.docx").exists()
    assert err.splitlines()[0] == (
        "LibreOffice est introuvable : les documents Word sont écrits, mais pas leur copie PDF. Installez LibreOffice "
        "(https://fr.libreoffice.org), ou ouvrez les documents dans Word et enregistrez-les au format PDF (Fichier > Enregistrer sous).")


def test_comparer_with_one_spec_compares_with_the_last_approved_version(tmp_path):
    path = write(tmp_path, spec())
    assert run("valider", str(path), "--par", "Marie Dupont")[0] == 0
    write(tmp_path, spec(lot__montant_estime_ht=1200000))
    code, out, _ = run("comparer", str(path))
    lines = plain(out).splitlines()
    assert code == 0
    assert lines[0].startswith("Comparaison de la version validée par Marie Dupont, le ")
    assert lines[0].endswith(f" et {path}")
    assert lines[2:5] == ["Spécification", "  Lot 1 — heures d'insertion : 833 heures → 1 000 heures",
                          "  Lot 1 — montant estimé HT : 1 000 000 € HT → 1 200 000 € HT"]
    assert lines[-2:] == ["    - 1 | Voirie | 833 heures | 0,5 ETP | 0,5", "    + 1 | Voirie | 1 000 heures | 0,5 ETP | 0,5"]


def test_comparer_with_one_spec_and_no_approval(tmp_path):
    path = write(tmp_path, spec())
    code, _, err = run("comparer", str(path))
    assert (code, err.splitlines()) == (5, [
        f"{path} : aucune validation enregistrée, rien à comparer. Pour comparer deux fichiers : clauses comparer ANCIENNE NOUVELLE."])


CONSOLE = "import sys; from generator.cli.commands import main; sys.argv[0] = 'clauses'; main()"


def console(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The command as run from a Windows console whose code page is cp1252 (no narrow no-break space, no arrow)."""
    environment = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    return subprocess.run([sys.executable, "-c", CONSOLE, *args], capture_output=True, env=environment, cwd=cwd, check=False)


@pytest.mark.parametrize("command", [["heures"], ["verifier"], ["apercu"]])
def test_a_cp1252_console_never_crashes(tmp_path, command):
    result = console(*command, str(write(tmp_path, spec())), cwd=tmp_path)
    assert b"Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr.decode("cp1252")
    assert result.stdout.decode("cp1252")  # every byte is cp1252


def test_cp1252_console_gets_the_nearest_characters(tmp_path):
    out = console("heures", str(write(tmp_path, spec())), cwd=tmp_path).stdout.decode("cp1252").splitlines()
    assert out[-1] == "  Lot 1 : 1 000 000\u00a0€ × 50\u00a0% × 5\u00a0% ÷ 30\u00a0€/h = 833,33 h -> 833 h (arrondi à 1 h)"


def test_comparer_on_a_cp1252_console(tmp_path):
    old, new = write(tmp_path, spec(), "a.yaml"), write(tmp_path, spec(lot__montant_estime_ht=1200000), "b.yaml")
    result = console("comparer", str(old), str(new), cwd=tmp_path)
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert "  Lot 1 — heures d'insertion : 833\u00a0heures -> 1 000\u00a0heures" in result.stdout.decode("cp1252").splitlines()


def test_redirected_json_is_utf8_whatever_the_console(tmp_path):
    result = console("verifier", "--format", "json", str(write(tmp_path, spec())), cwd=tmp_path)
    data = json.loads(result.stdout.decode("utf-8"))
    assert data["specifications"][0]["constats"][0]["message"].startswith("Aucune pénalité")


@pytest.mark.parametrize(("english", "french"), [
    ("unexpected '/'", "caractère inattendu « / »"),
    ("Encountered unknown tag 'foo'.", "balise inconnue « foo »"),
    ("Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. "
     "The innermost block that needs to be closed is 'if'.", "fin du modèle atteinte sans fermer le bloc « if » : ajoutez {% endif %}"),
    ("'generator.spec.model.Consultation object' has no attribute 'budget'", "donnée « budget » inconnue à cet endroit"),
    ("No filter named 'nope'.", "filtre inconnu « nope »"),
    ("something Jinja adds one day", "erreur de syntaxe"),
])
def test_jinja_messages_are_french(english, french):
    assert french_jinja_message(english) == french


def test_a_folder_given_as_a_spec_is_named_in_french(tmp_path):
    (tmp_path / "dossier.yaml").mkdir()
    code, _, err = run("apercu", str(tmp_path / "dossier.yaml"))
    assert (code, err.splitlines()) == (3, [f"{tmp_path / 'dossier.yaml'} : spécification invalide",
                                            "  - fichier illisible : c'est un dossier, pas un fichier"])


def test_a_spec_not_in_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("objet: Réfection".encode("latin-1"))
    code, _, err = run("apercu", str(path))
    assert (code, err.splitlines()[1]) == (3, "  - fichier illisible (octet 0xE9 non UTF-8 à la position 9) : enregistrez-le en UTF-8")


def test_the_review_file_keeps_the_approved_text_readable(tmp_path):
    path = write(tmp_path, spec())
    assert run("valider", str(path), "--par", "Marie Dupont")[0] == 0
    review = yaml.safe_load((tmp_path / "spec.revue.yaml").read_text(encoding="utf-8"))
    assert review["approbations"][0]["contenu_specification"] == path.read_text(encoding="utf-8")
    assert "  contenu_specification: |" in (tmp_path / "spec.revue.yaml").read_text(encoding="utf-8")


def test_comparer_with_one_spec_approved_before_the_text_was_kept(tmp_path):
    path = write(tmp_path, spec())
    assert run("valider", str(path), "--par", "Marie Dupont")[0] == 0
    review_file = tmp_path / "spec.revue.yaml"
    review = yaml.safe_load(review_file.read_text(encoding="utf-8"))
    for field in ("contenu_specification", "empreinte", "empreinte_precedente"):  # as written before both existed
        del review["approbations"][0][field]
    del review["empreinte_derniere"]
    review_file.write_text(yaml.safe_dump(review, allow_unicode=True), encoding="utf-8")
    code, _, err = run("comparer", str(path))
    assert code == 5
    assert err.startswith(f"{path} : la dernière validation (Marie Dupont, le ")
    assert err.rstrip().endswith("n'a pas conservé le texte validé (elle est antérieure à cette possibilité). "
                                 "Comparez avec une copie de la version validée : clauses comparer ANCIENNE NOUVELLE.")
