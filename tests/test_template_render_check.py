"""``clauses modeles verifier DOSSIER --spec SPEC``: customised templates rendered with specs, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.drafting.render import customised_template_errors
from generator.errors import TemplateError
from generator.templates import shipped_templates
from tests.conftest import MINIMAL_SPEC, edited
from tests.test_template_kit import CCAP, RC, customised, run

BILAN_TEMPLATE = "bilan-suivi-insertion.docx"


def files(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` with its bytes."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def verified(folder: Path, *specs: Path) -> tuple[int, list[str]]:
    """The exit code and output lines of ``clauses modeles verifier folder --spec …`` with each of ``specs``."""
    result = run("modeles", "verifier", str(folder), *(arg for spec in specs for arg in ("--spec", str(spec))))
    return result.exit_code, result.output.splitlines()


@pytest.fixture
def spec(tmp_path, write_spec, monkeypatch) -> Path:
    """The minimal spec (RC, CCAP and review note), the current folder being tmp_path so that any file written shows."""
    monkeypatch.chdir(tmp_path)
    return write_spec()


def test_a_customised_template_that_renders_adds_no_problem_and_writes_nothing(tmp_path, spec):
    folder = customised(tmp_path / "modeles", RC, "Clause propre à l’acheteur : {{ acheteur.nom }}.")
    before = files(tmp_path)
    result = run("modeles", "verifier", str(folder), "--spec", str(spec))
    assert (result.exit_code, result.output) == (0, "Bilan : 0 erreur, 0 avertissement.\n")
    assert files(tmp_path) == before


ERROR = (1, "Bilan : 1 erreur, 0 avertissement.")


@pytest.mark.parametrize(("paragraph", "problem", "outcome"), [
    ("{% for x in lots[0].numero %}{{ x }}{% endfor %}", "erreur — rendu impossible (une boucle {% for %} ou un filtre de liste porte "
     "sur une valeur qui n'est pas une liste, un nombre par exemple).", ERROR),
    ("{{ lots[0].heures|length }}", "erreur — rendu impossible (le filtre length compte les éléments d'un texte ou d'une liste, "
     "pas d'un nombre ni d'une date).", ERROR),
    ("{{ c.total_heures / 0 }}", "erreur — rendu impossible (division par zéro).", ERROR),
    ("{{ acheteur.nom|round }}", "erreur — rendu impossible (le filtre round arrondit un nombre, pas un texte ni une liste).", ERROR),
    ("{{ acheteur.nom|truncate(-1, killwords=true) }}",
     "erreur — rendu impossible (une balise applique un filtre ou un calcul à une valeur qui ne s'y prête pas).", ERROR),
    ("{{ lots.append(1) }}", "erreur — opération refusée (« append » n'est pas accessible depuis un modèle) ; "
     "un modèle ne peut que lire les données de l'outil.", ERROR),
    ('Le titulaire dit "bonjour.', 'avertissement — typographie du texte rendu : guillemets droits au lieu de « » '
     '(« Le titulaire dit "bonjour. »).', (0, "Bilan : 0 erreur, 1 avertissement.")),
], ids=["boucle", "length", "division", "round", "autre", "bac-a-sable", "typographie"])
def test_each_problem_of_the_rendering_names_template_and_spec(tmp_path, spec, paragraph, problem, outcome):
    folder = customised(tmp_path / "modeles", RC, paragraph)
    before = files(tmp_path)
    code, bilan = outcome
    assert verified(folder, spec) == (code, [f"RC-clause-insertion.docx, rendu avec {spec} : {problem}", bilan])
    assert files(tmp_path) == before


def test_without_spec_the_same_folder_is_not_rendered(tmp_path, spec):
    folder = customised(tmp_path / "modeles", RC, "{{ lots[0].heures|length }}")
    result = run("modeles", "verifier", str(folder))
    assert (result.exit_code, result.output) == (0, "Bilan : 0 erreur, 0 avertissement.\n")


def test_an_unknown_value_is_reported_by_the_lint_and_by_the_rendering(tmp_path, spec):
    folder = customised(tmp_path / "modeles", CCAP, "{{ consultation.inconnu.x }}")
    result = run("modeles", "verifier", str(folder), "--spec", str(spec))
    assert result.exit_code == 1
    assert result.output.splitlines()[1:] == [
        f"CCAP-clause-insertion.docx, rendu avec {spec} : erreur — valeur inconnue (« inconnu » n'existe pas ; les données disponibles "
        "ici sont : reference, objet, procedure, date_lancement, premier_article). Le modèle demande une donnée que l'outil ne fournit pas.",
        "Bilan : 2 erreurs, 0 avertissement.",
    ]
    assert result.output.splitlines()[0].endswith("(« {{ consultation.inconnu.x }} ») : erreur — donnée inconnue « consultation.inconnu » ; "
                                                  "disponibles ici : reference, objet, procedure, date_lancement, premier_article.")


def test_a_folder_of_specs_renders_with_each_of_its_specs(tmp_path, spec):
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "a.yaml").write_text(MINIMAL_SPEC, encoding="utf-8")
    (specs / "b.yaml").write_text(edited({"consultation.reference": "TEST-002"}), encoding="utf-8")
    folder = customised(tmp_path / "modeles", RC, "{{ lots[0].heures|length }}")
    message = "erreur — rendu impossible (le filtre length compte les éléments d'un texte ou d'une liste, pas d'un nombre ni d'une date)."
    assert verified(folder, specs) == (1, [
        f"RC-clause-insertion.docx, rendu avec {specs / 'a.yaml'} : {message}",
        f"RC-clause-insertion.docx, rendu avec {specs / 'b.yaml'} : {message}",
        "Bilan : 2 erreurs, 0 avertissement.",
    ])


def test_a_template_no_document_of_the_specs_uses_is_named(tmp_path, spec):
    folder = customised(tmp_path / "modeles", BILAN_TEMPLATE)
    assert verified(folder, spec) == (0, [
        "Modèle non rendu, aucun document de ces spécifications ne l'employant : bilan-suivi-insertion.docx.",
        "Bilan : 0 erreur, 0 avertissement.",
    ])


def test_an_unreadable_spec_fails_the_check_and_the_others_still_render(tmp_path, spec):
    folder = customised(tmp_path / "modeles", RC, "{{ lots[0].heures|length }}")
    missing = tmp_path / "absente.yaml"
    result = run("modeles", "verifier", str(folder), "--spec", str(missing), "--spec", str(spec))
    assert result.exit_code == 1
    assert f"{missing} : spécification invalide\n  - fichier introuvable\n" in result.output
    assert f"RC-clause-insertion.docx, rendu avec {spec} : erreur — rendu impossible" in result.output
    assert result.output.splitlines()[-1] == "Bilan : 1 erreur, 0 avertissement."


def test_a_spec_folder_without_specs_is_refused(tmp_path, spec):
    (tmp_path / "vide").mkdir()
    assert verified(customised(tmp_path / "modeles", RC), tmp_path / "vide") == (1, ["Erreur : Aucune spécification trouvée."])


def test_generer_reports_a_runtime_failure_of_a_customised_template_in_french(tmp_path, spec):
    folder = customised(tmp_path / "modeles", RC, "{% for x in lots[0].numero %}{{ x }}{% endfor %}")
    result = run("generer", str(spec), "--modeles", str(folder), "-o", str(tmp_path / "sortie"))
    assert (result.exit_code, result.output.splitlines()[0]) == (7, (
        "Modèle RC-clause-insertion.docx : rendu impossible (une boucle {% for %} ou un filtre de liste porte sur une valeur "
        "qui n'est pas une liste, un nombre par exemple)."
    ))
    assert not (tmp_path / "sortie").exists()


def test_a_runtime_failure_of_a_shipped_template_stays_a_defect_of_the_tool():
    with pytest.raises(TypeError), customised_template_errors(RC, shipped_templates() / RC):
        raise TypeError("'int' object is not iterable")
    with pytest.raises(TemplateError), customised_template_errors(RC, Path("modeles") / RC):
        raise TypeError("'int' object is not iterable")
