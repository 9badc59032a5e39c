"""Make click's own messages (usage line, help headings, usage errors) French.

Click ships no French catalogue. Its modules import ``gettext as _`` and ``ngettext``
and look them up as module globals each time a message is built, so replacing those
two globals is enough. The French text lives in ``data/click_fr.yaml``; a string that
is not there keeps click's English text.
"""

from __future__ import annotations

import gettext
import re
from functools import cache
from types import ModuleType

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from generator.errors import ReferenceDataError
from generator.reference.raw import data_file

# English metavars of click (not gettext strings), looked up in the same table.
METAVARS = ("[OPTIONS]", "COMMAND [ARGS]...", "TEXT", "INTEGER", "FLOAT", "BOOLEAN", "...")

CLICK_MODULES: tuple[ModuleType, ...] = (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.termui,
    click.types,
)


@cache
def translations() -> dict[str, str]:
    """The English msgid -> French text table of ``data/click_fr.yaml``."""
    table = data_file("click_fr")
    for english, french in table.items():
        if not isinstance(english, str) or not isinstance(french, str):
            raise ReferenceDataError(f"Fichier de référence mal formé : data/click_fr.yaml (texte manquant pour « {english} »)")
    return table


def french_gettext(message: str) -> str:
    """``gettext`` for click: the French text of ``message``, else click's usual text."""
    return translations().get(message) or gettext.gettext(message)


def french_ngettext(singular: str, plural: str, count: int) -> str:
    """``ngettext`` for click: click chooses the English form, the table gives its French text."""
    english = singular if count == 1 else plural
    return translations().get(english) or gettext.ngettext(singular, plural, count)


def install() -> None:
    """Replace ``_`` and ``ngettext`` in click's modules; call before defining commands.

    Help texts of the built-in options (``--help``, ``--version``) and path kinds are
    computed when the decorators run, hence the call before them. Calling it again
    changes nothing.
    """
    translations()  # a broken data file fails here, at start-up, not in an error message
    for module in CLICK_MODULES:
        for name, function in (("_", french_gettext), ("ngettext", french_ngettext)):
            if name in vars(module):  # only where click imported it
                setattr(module, name, function)


def french_metavars(group: click.Group) -> None:
    """French placeholders in the usage lines and option lists of ``group`` and its commands.

    Call once every command is defined: ``[OPTIONS]``, ``COMMANDE [ARGUMENTS]…``,
    ``--par TEXTE``, ``[SPECS]…``. A metavar a command sets itself is kept. The
    command list shows each command's whole first sentence instead of cutting it.
    """
    table = translations()
    group.options_metavar = table["[OPTIONS]"]
    group.subcommand_metavar = table["COMMAND [ARGS]..."]
    for command in group.commands.values():
        french_command(command)


def french_command(command: click.Command) -> None:
    """French placeholders of one command of a group (and of its own commands when it is a group)."""
    if isinstance(command, click.Group):
        french_metavars(command)
    command.options_metavar = translations()["[OPTIONS]"]
    if command.short_help is None and command.help:  # whole first sentence: click would cut it with "..."
        command.short_help = command.help.split("\n\n")[0].replace("\n", " ").strip()
    context = click.Context(command)
    for param in command.params:
        if param.metavar is None and not getattr(param, "is_flag", False):
            param.metavar = french_metavar(param.make_metavar(context))


def french_metavar(english: str) -> str:
    """``TEXT`` -> ``TEXTE``, ``[SPECS]...`` -> ``[SPECS]…``; other words unchanged."""
    table = translations()
    text = re.sub(r"\b[A-Z]+\b", lambda word: table.get(word.group(), word.group()) if word.group() in METAVARS else word.group(), english)
    return text.replace("...", table["..."])
