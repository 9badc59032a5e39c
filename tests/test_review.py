"""Approval bound to content: valider, the PROJET marking, stale approvals, review files."""

from __future__ import annotations

import datetime as dt
import shutil

import docx
import pytest
import yaml
from click.testing import CliRunner

from generator.approval.status import approval_status
from generator.cli.commands import main
from generator.errors import ReviewError
from generator.formatting import date_longue
from generator.publish import generate
from generator.review.approve import approve
from generator.review.run import check_spec
from generator.templates import shipped_templates
from tests.conftest import DELETE, MINIMAL_SPEC, docx_text, edited
from tests.test_checks import BASE

WHEN = dt.datetime(2026, 12, 1, 9, 30, 12)
APPROVED = "Texte validé par Marie Dupont pour Maison de l'emploi le 1er décembre 2026."
DRAFT = "PROJET — non validé par le facilitateur"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def generated(spec, tmp_path, name: str = "RC-clause-insertion.docx") -> list[str]:
    generate(spec, tmp_path / "out")
    return docx_text(tmp_path / "out" / "TEST-001" / name).splitlines()


def test_round_trip_approve_generate_edit_generate_verify(write_spec, tmp_path):
    spec = write_spec(BASE)
    approve(spec, "Marie Dupont", "Relu avec l'acheteur", now=WHEN)
    for name in ("RC-clause-insertion.docx", "CCAP-clause-insertion.docx", "note-revue.docx"):
        lines = generated(spec, tmp_path, name)
        assert APPROVED in lines and DRAFT not in "\n".join(lines), name
    spec.write_text(edited({"lots.0.montant_estime_ht": 1000001}, BASE), encoding="utf-8")
    lines = generated(spec, tmp_path)
    assert lines[1] == DRAFT and APPROVED not in lines
    assert lines[-1] == f"Ville de Test — consultation TEST-001 — Règlement de la consultation — {DRAFT}"
    assert [(f.code, f.gravite, f.message) for f in check_spec(spec)] == [(
        "CS501",
        "avertissement",
        "La validation de Marie Dupont du 1er décembre 2026 ne vaut plus : la spécification a été modifiée depuis ; "
        "les documents portent de nouveau la mention PROJET.",
    )]


def test_documents_are_drafts_without_approval_and_the_header_says_so(write_spec, tmp_path):
    lines = generated(write_spec(BASE), tmp_path)
    assert lines[1] == DRAFT
    assert lines[-1] == f"Ville de Test — consultation TEST-001 — Règlement de la consultation — {DRAFT}"


def test_generation_with_an_approval_stays_deterministic(write_spec, tmp_path):
    spec = write_spec(BASE)
    approve(spec, "Marie Dupont", now=WHEN)
    first = {p.name: p.read_bytes() for p in generate(spec, tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in generate(spec, tmp_path / "b")}
    assert first == second and "note-revue.docx" in first


def test_the_review_file_is_readable_yaml_with_hashes(write_spec):
    spec = write_spec(BASE)
    approve(spec, "Marie Dupont", "RAS", now=WHEN)
    review = tmp_review(spec)
    data = yaml.safe_load(review.read_text(encoding="utf-8"))
    assert review.name == "spec.revue.yaml"
    assert (data["specification"], data["reference"]) == ("spec.yaml", "TEST-001")
    entry = data["approbations"][0]
    assert (entry["par"], entry["horodatage"], entry["commentaire"]) == ("Marie Dupont", dt.datetime(2026, 12, 1, 9, 30, 12), "RAS")
    assert entry["empreinte_specification"].startswith("sha256:") and len(entry["empreinte_specification"]) == 71
    assert review.read_text(encoding="utf-8").startswith("# Historique des validations de spec.yaml")


def tmp_review(spec):
    return spec.with_name(spec.stem + ".revue.yaml")


def test_a_new_approval_is_appended_never_overwritten(write_spec):
    spec = write_spec(BASE)
    approve(spec, "Marie Dupont", now=WHEN)
    spec.write_text(edited({"lots.0.montant_estime_ht": 1000001}, BASE), encoding="utf-8")
    approve(spec, "Paul Martin", "Nouveau montant", now=WHEN + dt.timedelta(days=2))
    entries = yaml.safe_load(tmp_review(spec).read_text(encoding="utf-8"))["approbations"]
    assert [(e["par"], e["horodatage"].day) for e in entries] == [("Marie Dupont", 1), ("Paul Martin", 3)]
    assert entries[0]["empreinte_specification"] != entries[1]["empreinte_specification"]
    assert approval_status(spec, shipped_templates()).current is not None


def test_changed_templates_make_the_approval_stale(write_spec, tmp_path):
    templates = tmp_path / "modeles"
    shutil.copytree(shipped_templates(), templates, ignore=shutil.ignore_patterns("*.py", "sources", "__pycache__"))
    spec = write_spec(BASE)
    approve(spec, "Marie Dupont", templates=templates, now=WHEN)
    assert approval_status(spec, templates).current is not None
    edited = docx.Document(str(templates / "RC-clause-insertion.docx"))
    edited.add_paragraph("Paragraphe ajouté par l'acheteur.")
    edited.save(str(templates / "RC-clause-insertion.docx"))
    status = approval_status(spec, templates)
    assert (status.current, status.spec_changed, status.templates_changed) == (None, False, True)
    assert [f.message for f in check_spec(spec, templates)] == [
        "La validation de Marie Dupont du 1er décembre 2026 ne vaut plus : les modèles de documents ont changé depuis ; "
        "les documents portent de nouveau la mention PROJET."
    ]


def test_cli_valider_records_and_says_where(write_spec):
    spec = write_spec(BASE)
    code, out, _ = run("valider", str(spec), "--par", "Marie Dupont", "--commentaire", "RAS")
    today = dt.datetime.now()
    assert code == 0
    assert out.startswith(f"Validation enregistrée dans {tmp_review(spec)} : Marie Dupont, le ")
    assert date_longue(today.date()) in out and out.rstrip().endswith("(commentaire : RAS).")


def test_cli_valider_is_refused_while_verifier_finds_an_error(write_spec):
    spec = write_spec(edited({"consultation.facilitateur.courriel": DELETE}, BASE))
    code, out, err = run("valider", str(spec), "--par", "Marie Dupont")
    assert (code, out) == (5, "")
    assert err.splitlines() == [
        f"{spec} : validation refusée, la vérification trouve 1 erreur :",
        "  CS401 erreur",
        "    Les coordonnées du facilitateur sont incomplètes : courriel manquant.",
        "    À faire : Renseignez consultation.facilitateur.courriel.",
        "Rien n'a été enregistré.",
    ]
    assert not tmp_review(spec).exists()


def test_cli_valider_requires_a_name(write_spec):
    code, _, err = run("valider", str(write_spec(BASE)), "--par", "  ")
    assert code == 5 and err.splitlines()[0] == "Indiquez qui valide avec --par « Prénom Nom »."


BROKEN = [
    ("approbations: [oups\n", "fichier de revue illisible (ligne 2, colonne 1 : syntaxe YAML incorrecte : crochet ouvrant [ sans crochet fermant ])."),
    ("- une liste\n", "fichier de revue illisible (ligne 1 : le document doit être un ensemble de clés (specification, reference, approbations))."),
    (
        "specification: spec.yaml\nreference: TEST-001\napprobations:\n  - par: Marie Dupont\n    horodatage: hier\n",
        "fichier de revue incohérent (champs en cause : approbations.0.empreinte_modeles, "
        "approbations.0.empreinte_specification, approbations.0.horodatage).",
    ),
]
RESTORE = " Restaurez-le depuis une sauvegarde ou l'historique du dépôt ; l'outil ne le remplace jamais."


@pytest.mark.parametrize(("content", "problem"), BROKEN)
def test_a_broken_review_file_is_reported_and_never_replaced(write_spec, tmp_path, content, problem):
    spec = write_spec(BASE)
    review = tmp_review(spec)
    review.write_text(content, encoding="utf-8")
    expected = f"{review} : {problem}{RESTORE}"
    with pytest.raises(ReviewError) as raised:
        approve(spec, "Marie Dupont", now=WHEN)
    assert str(raised.value) == expected
    assert [(f.code, f.gravite, f.message) for f in check_spec(spec)] == [("CS502", "erreur", expected)]
    code, _, err = run("generer", str(spec), "-o", str(tmp_path / "out"))
    assert (code, err.splitlines()[0]) == (5, expected)
    assert review.read_text(encoding="utf-8") == content


def test_a_review_file_of_another_spec_is_refused(write_spec):
    other = write_spec(BASE, "autre.yaml")
    approve(other, "Marie Dupont", now=WHEN)
    spec = write_spec(BASE)
    shutil.copy(tmp_review(other), tmp_review(spec))
    with pytest.raises(ReviewError) as raised:
        approve(spec, "Paul Martin", now=WHEN)
    assert str(raised.value) == (
        f"{tmp_review(spec)} : ce fichier de revue appartient à la spécification « autre.yaml », pas à « spec.yaml ». "
        "Rendez-le à sa spécification ou déplacez-le ; l'outil ne le remplace pas."
    )
    assert len(yaml.safe_load(tmp_review(spec).read_text(encoding="utf-8"))["approbations"]) == 1


def test_the_review_note_lists_sizing_findings_and_status(write_spec, tmp_path):
    lines = generated(write_spec(MINIMAL_SPEC), tmp_path, "note-revue.docx")
    assert "Lot 1 : 1 000 000 € × 50 % × 5 % ÷ 30 €/h = 833,33 h → 833 h (arrondi à 1 h)." in lines
    assert "1 | Voirie | Clause d'insertion, condition d'exécution | 833 heures | 0,5 ETP | 0,5" in lines
    assert "Bilan : 0 erreur, 1 avertissement, 0 information. Les règles appliquées sont décrites par « clauses verifier --regles »." in lines
    assert (
        "CS302 | avertissement | Consultation | Aucune pénalité n'est fixée pour les heures d'insertion non réalisées, "
        "alors que 833 heures sont à réaliser. | Indiquez parametres.penalite_par_heure, le montant en euros dû par "
        "heure d'insertion non réalisée."
    ) in lines
    assert "Aucune validation enregistrée : les documents portent la mention PROJET." in lines


def test_the_review_note_of_a_non_allotted_market_never_says_lot(write_spec, tmp_path):
    lines = generated(write_spec(edited({"lots.0.numero": DELETE}, MINIMAL_SPEC)), tmp_path, "note-revue.docx")
    assert ("Cette note accompagne la revue des clauses par le facilitateur : elle rappelle le dispositif et le "
            "dimensionnement retenus pour le marché, les constats de la vérification automatique et l'état de la "
            "validation. Elle est à classer au dossier de la consultation.") in lines
    assert "Marché | Intitulé | Dispositif | Heures d'insertion | ETP annuels | Postes à temps plein en moyenne" in lines
    assert "Code | Gravité | Concerne | Constat | À faire" in lines
    assert [line for line in lines if line.startswith("Paramètres retenus")] == [
        "Paramètres retenus : coût horaire 30 €, taux d'insertion 5 %, 1 826 heures par équivalent temps plein, arrondi à "
        "1 h, aucune pénalité par heure non réalisée."]


def test_the_review_note_states_a_current_approval_and_its_history(write_spec, tmp_path):
    spec = write_spec(BASE)
    approve(spec, "Marie Dupont", "Relu avec l'acheteur", now=WHEN)
    lines = generated(spec, tmp_path, "note-revue.docx")
    assert (
        "Validé par Marie Dupont, le 1er décembre 2026 à 9 h 30 (commentaire : Relu avec l'acheteur). "
        "La validation correspond au contenu actuel de la spécification et des modèles."
    ) in lines
    assert "1er décembre 2026 : Marie Dupont — « Relu avec l'acheteur »." in lines
    assert "La vérification ne relève aucun constat." in lines


def test_the_review_note_shows_only_the_parameters_that_apply_to_the_lots(write_spec, tmp_path):
    bought = {"numero": 1, "intitule": "Chantier d'insertion", "nature": "services", "montant_estime_ht": 180000, "duree_mois": 12,
              "dispositif": "marche_insertion",
              "insertion": {"activite_support": "Entretien des berges", "postes": 8, "heures": 9600, "encadrement": "un encadrant"}}
    lines = generated(write_spec(edited({"lots": [bought]}, BASE)), tmp_path, "note-revue.docx")
    assert [line for line in lines if line.startswith("Paramètres retenus")] == [
        "Paramètres retenus : 1 826 heures par équivalent temps plein."]
    without_hours = {"numero": 1, "intitule": "Mobilier", "nature": "fournitures", "montant_estime_ht": 50000,
                     "dispositif": "aucun"}
    lines = generated(write_spec(edited({"lots": [without_hours]}, BASE)), tmp_path / "sans", "note-revue.docx")
    assert [line for line in lines if line.startswith("Paramètres retenus")] == []
