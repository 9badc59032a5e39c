"""The ``clauses`` command: parse arguments, call the library, print, set the exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from .documents import generate
from .errors import ClausesError
from .hours_table import hours_report
from .resolve import resolve
from .spec import load_spec

DEFAULT_SPECS = Path("market_specs")
DEFAULT_OUTPUT = Path("output")


@click.group(context_settings={"help_option_names": ["-h", "--aide", "--help"]})
@click.version_option(package_name="clauses", message="%(prog)s %(version)s")
def main() -> None:
    """Rédige les clauses sociales d'insertion d'une consultation à partir de sa spécification YAML."""


def spec_files(arguments: tuple[Path, ...]) -> list[Path]:
    """The spec files named on the command line; a folder stands for its .yaml files."""
    found: list[Path] = []
    for argument in arguments or (DEFAULT_SPECS,):
        if argument.is_dir():
            found += sorted(p for p in argument.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.endswith(".revue.yaml"))
        else:
            found.append(argument)
    return found


def run_for_each(paths: list[Path], action: Callable[[Path], None]) -> None:
    """Run ``action`` on each spec, report failures, exit 1 if one failed."""
    failures = 0
    for path in paths:
        try:
            action(path)
        except ClausesError as exc:
            failures += 1
            click.secho(str(exc), fg="red", err=True)
    if not paths:
        raise click.ClickException("Aucune spécification trouvée.")
    if failures:
        click.secho(f"{failures} spécification(s) en erreur sur {len(paths)}.", fg="red", err=True)
        sys.exit(1)


spec_arguments = click.argument("specs", nargs=-1, type=click.Path(path_type=Path))


@main.command("generer")
@spec_arguments
@click.option("-o", "--sortie", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUTPUT, show_default=True, help="Dossier où écrire les documents.")
@click.option("--modeles", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Dossier de modèles .docx personnalisés.")
def generer(specs: tuple[Path, ...], sortie: Path, modeles: Path | None) -> None:
    """Génère les documents (RC, CCAP, CCTP…) de chaque spécification.

    SPECS : fichiers YAML ou dossiers ; sans argument, tout market_specs/.
    Les documents sont écrits dans SORTIE/<référence>/.
    """

    def action(path: Path) -> None:
        for written in generate(path, sortie, modeles):
            click.echo(f"écrit : {written}")

    run_for_each(spec_files(specs), action)


@main.command("heures")
@click.argument("spec", type=click.Path(path_type=Path))
def heures(spec: Path) -> None:
    """Affiche le calcul des heures d'insertion et des ETP de chaque lot."""
    run_for_each([spec], lambda path: click.echo(hours_report(resolve(load_spec(path), path))))
