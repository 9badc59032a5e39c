"""The README sections generated from the code (by cog): command reference, review rules, exit codes.

README.md calls these functions between ``[[[cog`` markers; ``cog -r README.md`` rewrites
the sections and a test fails when they are out of date. A command registered on the
``clauses`` group, or a sub-command of one of its groups, appears without further work.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

from generator.cli.commands import main
from generator.cli.handler import MEANINGS
from generator.review.findings import Rule
from generator.review.rules import RULES

PROGRAM = "clauses"
HELP_WIDTH = 88


def commands(group: click.Group, context: click.Context) -> Iterator[click.Context]:
    """A context for every command below ``group`` (whose context is ``context``), sub-commands after their group."""
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        child = click.Context(command, info_name=name, parent=context)
        yield child
        if isinstance(command, click.Group):
            yield from commands(command, child)


def command_reference(group: click.Group = main) -> str:
    """``clauses --help``, then each command's path as a heading and its ``--help`` text, as the terminal shows them."""
    root = click.Context(group, info_name=PROGRAM, terminal_width=HELP_WIDTH, max_content_width=HELP_WIDTH, **group.context_settings)
    blocks = [f"### `{context.command_path}`\n\n```text\n{context.command.get_help(context)}\n```\n" for context in (root, *commands(group, root))]
    return "\n".join(blocks)


def rules_table(rules: list[Rule] = RULES) -> str:
    """The review rules as a Markdown table: code, severity, title, what is checked."""
    rows = [
        f"| {rule.code} | {rule.gravite} | {_cell(rule.titre)} | {_cell(rule.description_line)} |"
        for rule in sorted(rules, key=lambda r: r.code)
    ]
    return "\n".join(["| code | gravité | règle | ce qui est vérifié |", "|---|---|---|---|", *rows]) + "\n"


def exit_codes_table() -> str:
    """The exit codes of ``clauses`` and what each one means."""
    rows = [f"| {code} | {_cell(meaning)} |" for code, meaning in sorted(MEANINGS.items())]
    return "\n".join(["| code | signification |", "|---|---|", *rows]) + "\n"


def _cell(text: str) -> str:
    """``text`` safe in a Markdown table cell: a bar would split the cell, <x> would vanish as an HTML tag."""
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
