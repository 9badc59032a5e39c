"""README's generated sections are up to date and name every command, sub-command, review rule and exit code."""

from collections.abc import Iterator

import click
from cogapp import Cog

from generator.cli.commands import main
from generator.cli.handler import MEANINGS
from generator.cli.readme import command_reference
from generator.review.rules import RULES
from tests.conftest import ROOT

README = ROOT / "README.md"


def readme() -> str:
    return README.read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: str = "clauses") -> Iterator[str]:
    """``clauses x`` for every command of ``group``, and ``clauses x y`` for its sub-commands."""
    for name, command in group.commands.items():
        yield f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from command_paths(command, f"{prefix} {name}")


def test_running_cog_would_not_change_the_readme():
    text = readme()
    assert Cog().process_string(text, fname=str(README)) == text, "README.md is out of date: run `cog -r README.md`"


def test_every_command_and_sub_command_has_its_reference_with_its_help():
    text = readme()
    paths = list(command_paths(main))
    assert {"clauses generer", "clauses verifier", "clauses noter"} <= set(paths)
    for path in paths:
        assert f"### `{path}`\n\n```text\nUtilisation : {path} " in text, path


def test_every_review_rule_is_in_the_table():
    text = readme()
    for rule in RULES:
        description = rule.description_line.replace("<", "&lt;").replace(">", "&gt;")  # else read as an HTML tag
        assert f"| {rule.code} | {rule.gravite} | {rule.titre} | {description} |" in text, rule.code


def test_every_exit_code_is_explained():
    text = readme()
    for code, meaning in MEANINGS.items():
        assert f"| {code} | {meaning} |" in text, code


def test_a_command_group_registered_later_brings_its_sub_commands():
    @click.group(context_settings=main.context_settings)
    def modeles() -> None:
        """Gère les modèles."""

    @modeles.command("exporter")
    @click.argument("dossier")
    def exporter(dossier: str) -> None:
        """Écrit une copie des modèles."""

    main.add_command(modeles, "essai-modeles")
    try:
        reference = command_reference()
    finally:
        main.commands.pop("essai-modeles")
    assert "### `clauses essai-modeles`\n\n```text\nUtilisation : clauses essai-modeles [OPTIONS] COMMAND [ARGS]..." in reference
    assert ("### `clauses essai-modeles exporter`\n\n```text\nUtilisation : clauses essai-modeles exporter [OPTIONS] DOSSIER\n\n"
            "  Écrit une copie des modèles.\n") in reference
