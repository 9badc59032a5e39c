"""Templates buyers own: export, checks of a customised folder, partial override with --modeles."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from clause_templates.build import recorded_versions
from generator.cli.commands import main
from generator.drafting.views import ConsultationTotals, FollowUp, InsertionMarket, LotView, TemplateContext
from generator.errors import TemplateError
from generator.publish import generate
from generator.template_kit.lint import CONTEXTS, check_folder
from generator.templates import TemplateSet, shipped_names, shipped_templates, template_set
from tests.conftest import FULL_EXAMPLE, docx_text

RC, CCAP = "RC-clause-insertion.docx", "CCAP-clause-insertion.docx"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def customised(folder: Path, name: str, *paragraphs: str, version: str | None = None) -> Path:
    """Save into ``folder`` the shipped template ``name`` with ``paragraphs`` added at its end."""
    folder.mkdir(exist_ok=True)
    document = docx.Document(str(shipped_templates() / name))
    for text in paragraphs:
        document.add_paragraph(text)
    if version is not None:
        document.core_properties.version = version
    document.save(str(folder / name))
    return folder


def test_export_writes_every_shipped_template_and_the_guide(tmp_path):
    result = run("modeles", "exporter", str(tmp_path / "modeles"))
    assert result.exit_code == 0, result.output
    names = [*shipped_names(), "guide-des-modeles.md"]
    assert sorted(p.name for p in (tmp_path / "modeles").iterdir()) == sorted(names)
    for name in shipped_names():
        assert (tmp_path / "modeles" / name).read_bytes() == (shipped_templates() / name).read_bytes()
    assert "## Données disponibles" in (tmp_path / "modeles" / "guide-des-modeles.md").read_text(encoding="utf-8")
    assert result.output.splitlines()[-1] == f"Vérifiez vos modifications avec « clauses modeles verifier {tmp_path / 'modeles'} »."


def test_export_never_replaces_a_template_and_writes_nothing(tmp_path):
    folder = customised(tmp_path / "modeles", RC, "Ma rédaction.")
    before = (folder / RC).read_bytes()
    result = run("modeles", "exporter", str(folder))
    assert result.exit_code == 8
    assert result.output == (
        f"{folder} contient déjà RC-clause-insertion.docx : l'export ne remplace jamais un modèle. "
        "Choisissez un dossier vide, ou déplacez ces fichiers.\n"
    )
    assert [p.name for p in folder.iterdir()] == [RC] and (folder / RC).read_bytes() == before


def test_verifier_accepts_the_exported_templates(tmp_path):
    run("modeles", "exporter", str(tmp_path / "modeles"))
    result = run("modeles", "verifier", str(tmp_path / "modeles"))
    assert (result.exit_code, result.output) == (0, "Bilan : 0 erreur, 0 avertissement.\n")


def test_verifier_names_template_and_paragraph_of_each_problem(tmp_path):
    folder = customised(
        tmp_path / "modeles", RC,
        "Budget : {{ consultation.budget }}",
        "{%p for lot in lots %}",
        "{{ lot.titre }} : {{ lot.critere.intitul }}",
        "{%p endfor %}",
        "{%p if suivi.reunions_chantier == “mensuelles” %}",
        "{%p endif %}",
        "Texte {{ acheteur.nom ",
    )
    first = len(docx.Document(str(shipped_templates() / RC)).element.body.findall(".//" + docx.oxml.ns.qn("w:p"))) + 1
    result = run("modeles", "verifier", str(folder))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"RC-clause-insertion.docx, paragraphe {first} (« Budget : {{{{ consultation.budget }}}} ») : erreur — donnée inconnue "
        "« consultation.budget » ; disponibles ici : reference, objet, procedure, date_lancement, premier_article.",
        f"RC-clause-insertion.docx, paragraphe {first + 2} (« {{{{ lot.titre }}}} : {{{{ lot.critere.intitul… ») : erreur — donnée inconnue "
        "« lot.critere.intitul » ; disponibles ici : intitule, note_candidat, ponderation, sous_criteres, bareme, pages_max, article_indefini, article_defini, note_max, sur, intitule_note, formule, exemple.",
        f"RC-clause-insertion.docx, paragraphe {first + 4} (« {{%p if suivi.reunions_chantier == “mensu… ») : erreur — guillemets "
        "typographiques dans la balise « {%p if suivi.reunions_chantier == “mensuelles” %} » : Jinja ne les comprend pas ; "
        "retapez-les droits (\" ou ') ou désactivez la correction automatique des guillemets.",
        f"RC-clause-insertion.docx, paragraphe {first + 6} (« Texte {{{{ acheteur.nom ») : erreur — une balise est ouverte sans être "
        "refermée dans ce paragraphe ; une balise doit tenir dans un seul paragraphe.",
        "Bilan : 4 erreurs, 0 avertissement.",
    ]


def test_verifier_warns_of_a_tag_split_across_runs_and_of_an_older_version(tmp_path):
    folder = customised(tmp_path / "modeles", CCAP, version="0")
    document = docx.Document(str(folder / CCAP))
    paragraph = document.add_paragraph("Acheteur : ")
    paragraph.add_run("{{ acheteur.")
    paragraph.add_run("nom }}").bold = True
    document.save(str(folder / CCAP))
    result = run("modeles", "verifier", str(folder))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == (
        "CCAP-clause-insertion.docx : avertissement — ce modèle a été établi d'après la version 0 du modèle livré, qui est "
        f"depuis passé à la version {recorded_versions()['CCAP-clause-insertion'][0]} ; exportez la nouvelle version et "
        "reportez-y vos modifications."
    )
    assert lines[1].endswith(
        "(« Acheteur : {{ acheteur.nom }} ») : avertissement — la balise « {{ acheteur.nom }} » est coupée en 2 morceaux de mise "
        "en forme ; retapez-la d'un seul tenant, sans changer de mise en forme au milieu, pour que la valeur insérée ait une seule mise en forme."
    )
    assert lines[2] == "Bilan : 0 erreur, 2 avertissements."


def test_verifier_refuses_a_file_named_after_no_template_and_a_syntax_error(tmp_path):
    folder = customised(tmp_path / "modeles", CCAP, "{% if %}")
    shutil.copy(folder / CCAP, folder / "RC (copie).docx")
    problems = [problem.line() for problem in check_folder(folder)]
    assert problems[0].endswith(
        "(« {% if %} ») : erreur — balise mal formée (Jinja signale : « Expected an expression, got 'end of statement block' ») ; "
        "vérifiez les {{ }} et {% %}."
    )
    assert problems[1].startswith("RC (copie).docx : erreur — ce nom n'est celui d'aucun modèle livré ; nommez le fichier comme le modèle qu'il remplace (")


def test_verifier_on_a_folder_without_templates_fails_in_french(tmp_path):
    result = run("modeles", "verifier", str(tmp_path))
    assert result.exit_code == 7
    assert result.output == f"{tmp_path} ne contient aucun modèle (.docx) ; « clauses modeles exporter {tmp_path} » y copie les modèles livrés.\n"


def test_modeles_overrides_only_the_templates_the_folder_holds(tmp_path):
    folder = customised(tmp_path / "modeles", RC, "Clause propre à l'acheteur.")
    shipped = generate(FULL_EXAMPLE, tmp_path / "livres")
    custom = generate(FULL_EXAMPLE, tmp_path / "perso", folder)
    assert "Clause propre à l'acheteur." in docx_text(next(p for p in custom if p.name == RC))
    assert "Clause propre à l'acheteur." not in docx_text(next(p for p in shipped if p.name == RC))
    for name in (CCAP, "CCTP-marche-insertion.docx", "grille-analyse-insertion.docx"):
        assert next(p for p in custom if p.name == name).read_bytes() == next(p for p in shipped if p.name == name).read_bytes()


def test_fingerprint_covers_the_effective_set(tmp_path):
    copy = tmp_path / "copie"
    copy.mkdir()
    shutil.copy(shipped_templates() / RC, copy / RC)
    assert template_set(copy).fingerprint() == TemplateSet().fingerprint()
    assert template_set(customised(tmp_path / "modeles", RC, "Ajout.")).fingerprint() != TemplateSet().fingerprint()
    assert template_set(copy).path(CCAP) == shipped_templates() / CCAP


def test_a_template_named_after_no_shipped_one_is_refused_when_generating(tmp_path):
    folder = customised(tmp_path / "modeles", RC)
    (folder / RC).rename(folder / "RC-perso.docx")
    with pytest.raises(TemplateError) as caught:
        generate(FULL_EXAMPLE, tmp_path / "out", folder)
    assert str(caught.value) == (
        f"{folder} : RC-perso.docx ne correspond à aucun modèle livré ; nommez chaque modèle personnalisé comme le modèle "
        "qu'il remplace (CCAP-clause-insertion.docx, CCTP-marche-insertion.docx, RC-clause-insertion.docx, "
        "attestation-heures-insertion.docx, bilan-suivi-insertion.docx, grille-analyse-insertion.docx, note-revue.docx, "
        "rapport-analyse-insertion.docx)."
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("view", [TemplateContext, ConsultationTotals, LotView, FollowUp, InsertionMarket], ids=lambda v: v.__name__)
def test_the_guide_documents_every_name_templates_can_read(view):
    guide = (shipped_templates() / "README.md").read_text(encoding="utf-8")
    prefix = {ConsultationTotals: "c."}.get(view, "")
    assert [field.name for field in dataclasses.fields(view) if f"`{prefix}{field.name}`" not in guide] == []


def test_verifier_reports_a_file_that_is_not_a_word_document(tmp_path):
    (tmp_path / RC).write_text("pas un document Word", encoding="utf-8")
    result = run("modeles", "verifier", str(tmp_path))
    assert (result.exit_code, result.output.splitlines()) == (1, [
        "RC-clause-insertion.docx : erreur — ce fichier n'est pas un document Word (.docx) lisible ; enregistrez-le au format Word.",
        "Bilan : 1 erreur, 0 avertissement.",
    ])


def test_every_shipped_template_has_its_context_type():
    assert sorted(CONTEXTS) == shipped_names()
