"""Issue 11, points 3, 5 and 6: concurrent approvals, a tamper-evident history, broken review files.

The review file is not a signature: these tests show what it detects (hand
edits, deletions, future dates, duplicate keys, approvals ``valider`` refuses)
and that none of them removes the PROJET marking.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.approval.status import spec_fingerprint, templates_fingerprint
from generator.approval.store import Approval, append_approval, read_review, review_lock
from generator.cli.commands import main
from generator.errors import ReviewError
from generator.publish import generate
from generator.review.approve import approve
from generator.review.run import check_spec
from generator.templates import shipped_templates
from tests.conftest import docx_text
from tests.hostile import DELETE, alias_bomb, spec_dict, write

WHEN = dt.datetime(2026, 11, 2, 9, 30, 12)
DRAFT = "PROJET — non validé par le facilitateur"
RESTORE = "Les documents portent la mention PROJET. Restaurez-le depuis une sauvegarde ou l'historique du dépôt ; l'outil ne le remplace jamais."


def review_of(spec: Path) -> Path:
    return spec.with_name(spec.stem + ".revue.yaml")


def approved(tmp_path: Path, count: int = 2) -> Path:
    spec = write(tmp_path, spec_dict())
    for index in range(count):
        approve(spec, ["Marie Dupont", "Paul Martin", "Lise Roy"][index], f"Relecture {index + 1}", now=WHEN + dt.timedelta(hours=index))
    return spec


def edit_review(spec: Path, change) -> None:
    data = yaml.safe_load(review_of(spec).read_text(encoding="utf-8"))
    change(data)
    review_of(spec).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def cs502(spec: Path) -> list[str]:
    return [finding.message for finding in check_spec(spec) if finding.code == "CS502"]


def rc_lines(spec: Path, out: Path) -> list[str]:
    generate(spec, out)
    return docx_text(out / "TEST-001" / "RC-clause-insertion.docx").splitlines()


def test_concurrent_valider_runs_keep_every_approval(tmp_path):
    """80 concurrent runs once kept 50 entries; under the lock, all of them are kept and the chain holds."""
    spec = write(tmp_path, spec_dict())
    runs = 16
    code = "import sys; from generator.cli.commands import main; main(sys.argv[1:])"
    processes = [
        subprocess.Popen([sys.executable, "-c", code, "valider", str(spec), "--par", f"Valideur {index:02d}"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for index in range(runs)
    ]
    outcomes = [(process.wait(timeout=300), process.stdout.read(), process.stderr.read()) for process in processes]  # type: ignore[union-attr]
    assert [(code, err) for code, _, err in outcomes] == [(0, "")] * runs
    approvals = read_review(spec).approvals
    assert sorted(approval.par for approval in approvals) == [f"Valideur {index:02d}" for index in range(runs)]
    assert not cs502(spec)


def test_a_second_valider_waits_for_the_lock_and_is_refused_with_a_message_when_it_times_out(tmp_path, monkeypatch):
    spec = write(tmp_path, spec_dict())
    monkeypatch.setattr("generator.approval.store.LOCK_TIMEOUT", 0.1)
    code = "import sys, time; from generator.approval.store import review_lock; from pathlib import Path\n" \
           "with review_lock(Path(sys.argv[1])):\n    print('pris', flush=True); time.sleep(30)"
    holder = subprocess.Popen([sys.executable, "-c", code, str(spec)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "pris\n"  # type: ignore[union-attr]
        with pytest.raises(ReviewError) as caught:
            approve(spec, "Marie Dupont", now=WHEN)
    finally:
        holder.kill()
        holder.wait()
    assert str(caught.value) == (
        f"{review_of(spec)} : une autre validation de cette spécification est en cours depuis plus de 0.1 secondes ; "
        "réessayez dans un instant. Rien n'a été enregistré."
    )
    assert not review_of(spec).exists()
    with review_lock(spec):  # released by the killed holder
        pass


def test_each_approval_carries_the_hash_of_the_previous_one_and_of_its_own_content(tmp_path):
    spec = approved(tmp_path)
    data = yaml.safe_load(review_of(spec).read_text(encoding="utf-8"))
    first, second = data["approbations"]
    assert second["empreinte_precedente"] == first["empreinte"] != second["empreinte"]
    assert data["empreinte_derniere"] == second["empreinte"]
    assert all(entry[key].startswith("sha256:") for entry in (first, second) for key in ("empreinte", "empreinte_precedente"))


TAMPERING = [
    ("the approver renamed", lambda data: data["approbations"][0].update(par="Jean Faux"),
     "validation n° 1 (Jean Faux, 2 novembre 2026) : modifiée à la main après son enregistrement"),
    ("the last approval deleted", lambda data: data["approbations"].pop(),
     "empreinte_derniere ne correspond pas à la dernière validation : une validation a été retirée ou ajoutée à la main"),
    ("the first approval deleted", lambda data: data["approbations"].pop(0),
     "validation n° 1 (Paul Martin, 2 novembre 2026) : chaîne rompue, une validation précédente a été supprimée, déplacée ou modifiée"),
    ("an approval dated in 2099", lambda data: data["approbations"][1].update(horodatage=dt.datetime(2099, 1, 1)),
     "validation n° 2 (Paul Martin, 1er janvier 2099) : datée dans le futur"),
]


@pytest.mark.parametrize(("case", "change", "problem"), TAMPERING, ids=[case[0] for case in TAMPERING])
def test_a_hand_edited_history_is_cs502_and_the_documents_stay_drafts(tmp_path, case, change, problem):
    spec = approved(tmp_path)
    edit_review(spec, change)
    lines = cs502(spec)
    assert len(lines) == 1 and f"  - {problem}" in lines[0].splitlines()
    assert lines[0].splitlines()[0] == f"{review_of(spec)} : historique des validations altéré depuis son enregistrement :"
    assert lines[0].splitlines()[-1] == RESTORE
    result = CliRunner().invoke(main, ["generer", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 5 and not (tmp_path / "out").exists()


def test_a_duplicate_par_key_in_the_review_file_is_cs502_with_its_line(tmp_path):
    spec = approved(tmp_path, 1)
    text = review_of(spec).read_text(encoding="utf-8")
    review_of(spec).write_text(text.replace("- par: Marie Dupont\n", "- par: Marie Dupont\n  par: Jean Faux\n"), encoding="utf-8")
    assert cs502(spec) == [
        f"{review_of(spec)} : fichier de revue illisible (ligne 7 : la clé « par » est écrite deux fois ; gardez-en une seule). "
        "Restaurez-le depuis une sauvegarde ou l'historique du dépôt ; l'outil ne le remplace jamais."
    ]


def test_an_approval_of_a_spec_with_errors_is_cs502_and_the_documents_stay_drafts(tmp_path):
    """Even written with the chain's own algorithm: ``valider`` refuses such a spec, so the approval does not count."""
    spec = write(tmp_path, spec_dict(**{"consultation.facilitateur.courriel": DELETE}))
    forged = Approval(par="Jean Faux", horodatage=WHEN, empreinte_specification=spec_fingerprint(spec),
                      empreinte_modeles=templates_fingerprint(shipped_templates()))
    with review_lock(spec):
        append_approval(read_review(spec), "TEST-001", forged)
    assert cs502(spec) == [
        "La validation de Jean Faux du 2 novembre 2026 porte sur une spécification où la vérification trouve des erreurs (CS401), "
        "ce que « clauses valider » refuse ; les documents portent la mention PROJET."
    ]
    lines = rc_lines(spec, tmp_path / "out")
    assert lines[1] == DRAFT and not any("Texte validé par" in line for line in lines)
    note = docx_text(tmp_path / "out" / "TEST-001" / "note-revue.docx")
    assert "La dernière validation — Jean Faux, le 2 novembre 2026 à 9 h 30 — ne vaut pas : la vérification trouve des erreurs." in note


def test_a_review_file_written_before_the_chain_is_still_read_then_sealed_by_the_next_approval(tmp_path):
    """Entries without hashes (written by the previous version) are legacy: accepted before the first chained one."""
    spec = approved(tmp_path, 1)
    edit_review(spec, lambda data: (data.pop("empreinte_derniere"), [entry.pop(key) for entry in data["approbations"]
                                                                      for key in ("empreinte", "empreinte_precedente")]))
    assert not cs502(spec)
    assert "Texte validé par Marie Dupont pour Maison de l'emploi le 2 novembre 2026." in rc_lines(spec, tmp_path / "a")
    approve(spec, "Paul Martin", now=WHEN + dt.timedelta(days=1))
    edit_review(spec, lambda data: data["approbations"][0].update(par="Jean Faux"))  # the sealed legacy entry
    assert "chaîne rompue" in cs502(spec)[0]


def test_an_unchained_entry_after_a_chained_one_is_cs502(tmp_path):
    spec = approved(tmp_path)
    edit_review(spec, lambda data: [data["approbations"][1].pop(key) for key in ("empreinte", "empreinte_precedente")])
    assert "  - validation n° 2 (Paul Martin, 2 novembre 2026) : empreintes absentes après une validation scellée" in cs502(spec)[0].splitlines()


BROKEN_REVIEW_FILES = [
    ("specification: spec.yaml\x01\n", "ligne 1, colonne 25 : caractère de contrôle U+0001 interdit dans un fichier YAML ; "
     "retirez-le (il vient souvent d'un copier-coller)"),
    ("specification: spec.yaml\nreference: TEST-001\napprobations:\n- horodatage: 2026-02-30 10:00:00\n",
     "ligne 4, colonne 15 : date impossible « 2026-02-30 10:00:00 » (une date AAAA-MM-JJ qui existe est attendue)"),
    ("specification: spec.yaml\nreference: " + "1" * 5000 + "\n", "ligne 2, colonne 12 : nombre « " + "1" * 60 + "… » beaucoup trop long"),
    ("approbations: " + "[" * 5000 + "]" * 5000 + "\n", "ligne 1, colonne 34 : imbrication trop profonde (au plus 20 niveaux de listes ou de blocs)"),
    (alias_bomb(9), "ligne 6, colonne 5 : les alias * démultiplient le contenu au-delà de 100\u202f000 éléments ; écrivez les valeurs sans alias"),
]


@pytest.mark.parametrize(("content", "problem"), BROKEN_REVIEW_FILES)
def test_verifier_reports_a_broken_review_file_as_cs502_and_never_replaces_it(tmp_path, content, problem):
    spec = write(tmp_path, spec_dict())
    review_of(spec).write_text(content, encoding="utf-8")
    assert cs502(spec) == [
        f"{review_of(spec)} : fichier de revue illisible ({problem}). "
        "Restaurez-le depuis une sauvegarde ou l'historique du dépôt ; l'outil ne le remplace jamais."
    ]
    result = CliRunner().invoke(main, ["verifier", str(spec)])
    assert result.exit_code == 1 and "CS502" in result.output and "Traceback" not in result.output + result.stderr
    with pytest.raises(ReviewError):
        approve(spec, "Marie Dupont", now=WHEN)
    assert review_of(spec).read_text(encoding="utf-8") == content
