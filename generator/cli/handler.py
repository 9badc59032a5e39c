"""The one error handler at the edge of ``clauses``: every failure becomes a French message and an exit code.

Each family of error (generator/errors.py) has its own exit code, so that a script can
tell an invalid spec from a broken template; a file the system refuses is reported with
its reason; anything else is a defect of the tool, reported as such, never as a traceback
(set CLAUSES_DEBUG=1 to see it). Usage errors stay click's (code 2).
"""

from __future__ import annotations

import errno
import os
import traceback
from typing import Any

import click

from generator.errors import (
    CheckError,
    ClausesError,
    GridError,
    LawError,
    MonitoringError,
    OutputError,
    ReferenceDataError,
    ReviewError,
    SpecError,
    TemplateError,
    system_message,
)

DEBUG_VARIABLE = "CLAUSES_DEBUG"

# The exit codes, documented in README.md ("Codes de sortie"); 2 is click's usage error.
FAILED = 1  # a check failed (clauses verifier), or an error of no more precise family
EXIT_CODES: dict[type[ClausesError], int] = {
    ClausesError: FAILED,
    SpecError: 3,
    LawError: 4,
    ReviewError: 5,
    GridError: 6,
    TemplateError: 7,
    OutputError: 8,
    ReferenceDataError: 9,
    CheckError: 11,
    MonitoringError: 12,
}
SYSTEM = 10  # the system refused to read or write a file
BUG = 70  # an unexpected exception: a defect of the tool (EX_SOFTWARE of sysexits.h)

# What each exit code tells the user; README's table is generated from it.
MEANINGS = {
    0: "tout s'est bien passé",
    FAILED: "clauses verifier a trouvé une erreur (ou un avertissement avec --strict) ou une spécification illisible ; "
    "clauses modeles verifier a trouvé une erreur dans un modèle ; "
    "ou aucune spécification n'a été trouvée",
    2: "ligne de commande incorrecte : option inconnue, argument manquant ou en trop, valeur refusée",
    EXIT_CODES[SpecError]: "spécification invalide : le message donne le fichier, la ligne et le champ",
    EXIT_CODES[LawError]: "aucun texte de loi connu ne s'applique à la date de lancement",
    EXIT_CODES[ReviewError]: "validation refusée, ou fichier de revue illisible, altéré ou appartenant à une autre spécification",
    EXIT_CODES[GridError]: "grille ou notes incomplètes, hors barème ou sans rapport avec la spécification ; candidats mal indiqués",
    EXIT_CODES[TemplateError]: "modèle de document introuvable ou mal formé",
    EXIT_CODES[OutputError]: "document impossible à lire ou à écrire à sa place",
    EXIT_CODES[ReferenceDataError]: "donnée de référence livrée avec l'outil (generator/data) absente ou mal formée",
    EXIT_CODES[CheckError]: "clauses generer --strict : les vérifications ont trouvé une erreur dans une spécification, "
    "qui n'a pas été générée",
    EXIT_CODES[MonitoringError]: "suivi : fiche refusée, marché inconnu ou clos, date incohérente, "
    "base de suivi illisible ou plus récente que l'outil",
    SYSTEM: "le système refuse l'accès à un fichier ou à un dossier (droits, disque plein, chemin impossible)",
    BUG: "erreur interne : un défaut de l'outil, à signaler (CLAUSES_DEBUG=1 affiche le détail technique)",
}


def exit_code(error: ClausesError | type[BaseException]) -> int:
    """The exit code of ``error``'s family (an error or its class); a family of its own inherits its parent's code."""
    kind = error if isinstance(error, type) else type(error)
    if not issubclass(kind, ClausesError):
        return SYSTEM if issubclass(kind, OSError) else BUG
    return next(EXIT_CODES[family] for family in kind.__mro__ if family in EXIT_CODES)


def bug_message(error: BaseException) -> str:
    """The few lines shown for an exception the tool did not expect: a defect to report."""
    detail = str(error).splitlines()[0][:200] if str(error) else ""
    kind = f"{type(error).__name__} : {detail}" if detail else type(error).__name__
    return (
        f"Erreur interne de clauses ({kind}).\n"
        "C'est un défaut de l'outil, pas de vos fichiers : signalez-le avec la commande lancée et les fichiers utilisés.\n"
        f"Pour afficher le détail technique, relancez avec la variable d'environnement {DEBUG_VARIABLE}=1."
    )


def failure(error: Exception) -> tuple[str, int]:
    """The French message and the exit code of any exception that reaches the edge."""
    if isinstance(error, ClausesError):
        return str(error), exit_code(error)
    if isinstance(error, OSError):
        return system_message(error), SYSTEM
    return bug_message(error), BUG


def report(error: Exception) -> int:
    """Print ``error``'s message on stderr (with the traceback when debugging); its exit code."""
    if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
        click.echo("".join(traceback.format_exception(error)), err=True, nl=False)
    message, code = failure(error)
    click.secho(message, fg="red", err=True)
    return code


class HandledGroup(click.Group):
    """A click group whose commands (and sub-commands) end through ``report`` when they fail."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own ends: usage errors, --help, Ctrl-C
        except OSError as error:
            if error.errno == errno.EPIPE:
                raise  # output piped into a closed reader (clauses verifier | head): click ends quietly
            ctx.exit(report(error))
        except Exception as error:
            ctx.exit(report(error))
