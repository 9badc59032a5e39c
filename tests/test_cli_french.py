"""Click's own messages in French: help headings, usage errors, and the table behind them."""

import ast
import re
import string
from pathlib import Path

import click
from click.testing import CliRunner

from generator.cli.commands import main
from generator.cli.french import CLICK_MODULES, METAVARS, french_gettext, french_ngettext, install, translations

HELP = "--help"
HELP_OPTION = "-h, --help"


def run(*args: str) -> tuple[int, list[str], list[str]]:
    result = CliRunner().invoke(main, list(args), prog_name="clauses", terminal_width=80)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()


def usage_error(usage: str, command: str, message: str) -> list[str]:
    """The stderr lines of a usage error: usage line, help hint, blank line, error."""
    return [f"Utilisation : {usage}", f"Essayez « {command} {HELP} » pour obtenir de l'aide.", "", f"Erreur : {message}"]


def test_main_help_headings_are_french():
    code, out, err = run("--help")
    assert (code, err) == (0, [])
    assert out[0] == "Utilisation : clauses [OPTIONS] COMMANDE [ARGUMENTS]…"
    assert out[5:10] == [
        "Options :",
        "  --version   Affiche la version et s'arrête.",
        f"  {HELP_OPTION}  Affiche cette aide et s'arrête.",
        "",
        "Commandes :",
    ]


def test_command_without_its_argument():
    code, out, err = run("apercu")
    assert (code, out) == (2, [])
    assert err == usage_error("clauses apercu [OPTIONS] SPEC", "clauses apercu", "argument manquant 'SPEC'.")


def test_missing_required_option():
    code, _, err = run("valider", "x.yaml")
    assert code == 2
    assert err == usage_error("clauses valider [OPTIONS] SPEC", "clauses valider", "option manquante '--par'.")


def test_unknown_option():
    code, out, err = run("--inconnue")
    assert (code, out) == (2, [])
    assert err == usage_error("clauses [OPTIONS] COMMANDE [ARGUMENTS]…", "clauses", "option inconnue '--inconnue'.")


def test_unknown_option_close_to_a_known_one():
    code, _, err = run("generer", "--modele", "x")
    assert code == 2
    assert err[-1] == "Erreur : option inconnue '--modele'. Vouliez-vous dire '--modeles' ?"


def test_unknown_command():
    code, out, err = run("publier")
    assert (code, out) == (2, [])
    assert err == usage_error("clauses [OPTIONS] COMMANDE [ARGUMENTS]…", "clauses", "commande inconnue 'publier'.")


def test_unknown_command_close_to_a_known_one():
    code, _, err = run("heure", "x.yaml")
    assert code == 2
    assert err[-1] == "Erreur : commande inconnue 'heure'. Vouliez-vous dire 'heures' ?"


def test_templates_folder_that_does_not_exist():
    code, out, err = run("generer", "--modeles", "/nonexistent")
    assert (code, out) == (2, [])
    assert err == usage_error(
        "clauses generer [OPTIONS] [SPECS]…", "clauses generer", "valeur invalide pour '--modeles' : Dossier '/nonexistent' introuvable."
    )


def test_value_outside_the_choices():
    code, _, err = run("verifier", "--format", "xml")
    assert code == 2
    assert err[-1] == "Erreur : valeur invalide pour '--format' : 'xml' n'est pas accepté ; valeurs possibles : 'texte', 'json'."


def test_extra_argument():
    code, _, err = run("apercu", "a.yaml", "b.yaml")
    assert code == 2
    assert err[-1] == "Erreur : argument en trop (b.yaml)"


def test_generer_help_shows_french_default_and_metavars():
    code, out, _ = run("generer", "--help")
    assert code == 0
    assert out[0] == "Utilisation : clauses generer [OPTIONS] [SPECS]…"
    assert out[out.index("Options :"):][:4] == [
        "Options :",
        "  -o, --sortie DOSSIER  Dossier où écrire les documents (dans",
        "                        SORTIE/<référence>/).  [défaut : output]",
        "  --modeles DOSSIER     Dossier de modèles .docx personnalisés.",
    ]
    assert out[out.index("Options :") + 9 : out.index("Options :") + 11] == [
        "  -j, --processus N     Nombre de processus de génération (par défaut : un par",
        "                        cœur).",
    ]
    assert out[-1] == f"  {HELP_OPTION:<20}  Affiche cette aide et s'arrête."


def test_required_option_is_marked_in_french():
    _, out, _ = run("valider", "--help")
    assert "  --par TEXTE          Prénom et nom de la personne qui valide.  [obligatoire]" in out


def test_no_english_placeholder_in_any_help():
    english = re.compile(r"\b(TEXT|INTEGER|FLOAT|BOOLEAN|COMMAND|ARGS|PATH|FILE|DIRECTORY)\b|\.\.\.")
    for name in ["", *main.commands]:
        _, out, _ = run(*([name] if name else []), "--help")
        assert [line for line in out if english.search(line)] == [], name


def test_version_is_unchanged():
    code, out, _ = run("--version")
    assert (code, out) == (0, ["clauses 0.1.0"])


# --- The table -------------------------------------------------------------------------


def click_msgids() -> set[str]:
    """Every literal string click passes to ``_`` or ``ngettext`` in the patched modules."""
    found = {"required"}  # core.py translates it through a variable: _(extra["required"])
    for module in CLICK_MODULES:
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found |= {arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)}
    return found


def test_the_table_translates_exactly_clicks_strings():
    table = set(translations()) - set(METAVARS)
    assert sorted(table - click_msgids()) == [], "not a click string (typo?): it would never be used"
    assert sorted(click_msgids() - table) == [], "click string without French text: shown in English"


def placeholders(text: str) -> list[str]:
    fields = [f"{{{name}!{conversion}:{spec}}}" for _, name, spec, conversion in string.Formatter().parse(text) if name is not None]
    return sorted(fields + re.findall(r"%\(\w+\)s", text))


def test_translations_keep_the_placeholders():
    wrong = {english: french for english, french in translations().items() if placeholders(english) != placeholders(french)}
    assert wrong == {}


def test_unknown_strings_fall_back_to_english():
    assert french_gettext("Usage:") == "Utilisation :"
    assert french_gettext("Something click adds one day") == "Something click adds one day"
    assert french_ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 2) == "l'option {name!r} attend {nargs} valeurs."
    assert french_ngettext("one new thing", "{n} new things", 1) == "one new thing"
    assert french_ngettext("one new thing", "{n} new things", 3) == "{n} new things"


def test_install_twice_changes_nothing():
    install()
    assert click.exceptions._ is french_gettext and click.exceptions.ngettext is french_ngettext
    assert run("apercu")[2][-1] == "Erreur : argument manquant 'SPEC'."
