"""The error handler at the CLI edge: each family of error, its exit code and its French message; never a traceback."""

import datetime as dt
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

from generator import errors
from generator.cli.commands import main
from generator.cli.handler import EXIT_CODES, MEANINGS
from generator.errors import (
    ClausesError,
    GridError,
    LawError,
    OutputError,
    ReferenceDataError,
    ReviewError,
    SpecError,
    TemplateError,
)
from tests.conftest import edited

BUG_HINT = [
    "C'est un défaut de l'outil, pas de vos fichiers : signalez-le avec la commande lancée et les fichiers utilisés.",
    "Pour afficher le détail technique, relancez avec la variable d'environnement CLAUSES_DEBUG=1.",
]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, list[str]]:
    result = CliRunner(env=env).invoke(main, list(args), prog_name="clauses")
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result.exit_code, result.stdout, result.stderr.splitlines()


@pytest.fixture
def failing_command() -> Iterator[list[BaseException]]:
    """A command ``panne`` that raises the exception the test puts in the list (a library failure)."""
    raised: list[BaseException] = []

    @main.command("panne")
    def panne() -> None:
        raise raised[0]

    yield raised
    main.commands.pop("panne")


@pytest.mark.parametrize(("error", "code", "message"), [
    (SpecError("a.yaml", ["ligne 3, champ lots : champ obligatoire manquant"]), 3,
     ["a.yaml : spécification invalide", "  - ligne 3, champ lots : champ obligatoire manquant"]),
    (LawError("Aucun texte connu avant le 01/09/2006."), 4, ["Aucun texte connu avant le 01/09/2006."]),
    (ReviewError("Indiquez qui valide."), 5, ["Indiquez qui valide."]),
    (GridError("Lot 2 : note manquante"), 6, ["Lot 2 : note manquante"]),
    (TemplateError("Modèle RC : balise mal formée."), 7, ["Modèle RC : balise mal formée."]),
    (OutputError("Écriture impossible de x.docx."), 8, ["Écriture impossible de x.docx."]),
    (ReferenceDataError("Fichier de référence mal formé : data/revue.yaml"), 9, ["Fichier de référence mal formé : data/revue.yaml"]),
    (ClausesError("Une erreur sans famille."), 1, ["Une erreur sans famille."]),
    (PermissionError(13, "Permission denied", "sortie/rc.docx"), 10, ["sortie/rc.docx : accès impossible (accès refusé)."]),
    (OSError(5, "Input/output error"), 10, ["accès impossible (Input/output error)."]),
    (KeyError("valeur"), 70, ["Erreur interne de clauses (KeyError : 'valeur').", *BUG_HINT]),
    (ZeroDivisionError(), 70, ["Erreur interne de clauses (ZeroDivisionError).", *BUG_HINT]),
])
def test_each_family_has_its_exit_code_and_french_message(failing_command, error, code, message):
    failing_command.append(error)
    assert run("panne") == (code, "", message)


def test_a_family_added_later_inherits_its_parents_code(failing_command):
    class MarksFileError(GridError):
        pass

    failing_command.append(MarksFileError("notes.yaml : illisible"))
    assert run("panne") == (6, "", ["notes.yaml : illisible"])


def test_every_family_of_errors_py_has_its_own_exit_code():
    families = [value for value in vars(errors).values() if isinstance(value, type) and issubclass(value, ClausesError)]
    assert sorted(family.__name__ for family in families) == sorted(family.__name__ for family in EXIT_CODES)
    assert len(set(EXIT_CODES.values())) == len(EXIT_CODES)
    assert not set(EXIT_CODES.values()) & {0, 2, 10, 70}


def test_debug_variable_shows_the_traceback_of_a_bug(failing_command):
    failing_command.append(KeyError("valeur"))
    code, _, err = run("panne", env={"CLAUSES_DEBUG": "1"})
    assert code == 70
    assert err[0] == "Traceback (most recent call last):"
    assert "KeyError: 'valeur'" in err
    assert err[-3:] == ["Erreur interne de clauses (KeyError : 'valeur').", *BUG_HINT]


def test_without_debug_no_traceback_reaches_the_user(failing_command):
    failing_command.append(KeyError("valeur"))
    code, _, err = run("panne", env={"CLAUSES_DEBUG": "0"})
    assert code == 70 and not any("Traceback" in line or "File " in line for line in err)


def test_click_usage_errors_keep_their_code(failing_command):
    failing_command.append(KeyError("jamais levée"))
    code, _, err = run("panne", "en-trop")
    assert (code, err[-1]) == (2, "Erreur : argument en trop (en-trop)")


# --- Real failures, end to end ---------------------------------------------------------


def test_law_error_of_heures(write_spec):
    spec = write_spec(edited({"consultation.date_lancement": dt.date(2005, 1, 1)}))
    assert run("heures", str(spec)) == (4, "", [
        "Aucun texte connu avant le 01/09/2006 : vérifiez date_lancement (01/01/2005).",
    ])


def test_template_error_of_generer(tmp_path, write_spec):
    (tmp_path / "vide").mkdir()
    code, out, err = run("generer", str(write_spec()), "--modeles", str(tmp_path / "vide"), "-o", str(tmp_path / "out"))
    assert (code, out) == (7, "")
    assert err == [
        f"{tmp_path / 'vide'} ne contient aucun modèle (.docx) ; « clauses modeles exporter {tmp_path / 'vide'} » y copie les modèles livrés.",
        summary_line(err[1], specs=1, failed=1),
    ]
    assert not (tmp_path / "out").exists()


def test_output_below_a_file_is_a_system_refusal_not_a_bug(tmp_path, write_spec):
    (tmp_path / "fichier").write_text("", encoding="utf-8")
    code, out, err = run("generer", str(write_spec()), "-o", str(tmp_path / "fichier" / "sortie"))
    assert (code, out) == (8, "")
    assert err == [
        f"Écriture impossible du dossier {tmp_path / 'fichier' / 'sortie' / 'TEST-001'} (un élément du chemin n'est pas un dossier). "
        "Aucun dossier n'a été créé.",
        summary_line(err[1], specs=1, failed=1),
    ]


def test_several_failing_specs_exit_with_the_code_of_the_first(tmp_path, write_spec):
    (tmp_path / "vide").mkdir()
    missing = tmp_path / "absente.yaml"
    code, _, err = run("generer", str(missing), str(write_spec()), "--modeles", str(tmp_path / "vide"), "-o", str(tmp_path / "out"))
    assert code == 3
    assert err[0] == f"{missing} : spécification invalide" and err[-1] == summary_line(err[-1], specs=2, failed=2)


def summary_line(printed: str, specs: int, failed: int) -> str:
    """The summary ``clauses generer`` ends with when no document is written, with the time it printed."""
    seconds = printed.rsplit(" ; ", 1)[-1]
    return (
        f"{specs} spécification{'s' if specs > 1 else ''}, 0 document, {failed} en erreur ; "
        f"vérifications : 0 erreur, 0 avertissement ; {seconds}"
    )



def test_every_exit_code_has_its_meaning_for_the_readme():
    assert sorted(MEANINGS) == sorted({0, 2, 10, 70, *EXIT_CODES.values()})
