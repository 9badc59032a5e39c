"""The ``clauses`` command: parse arguments, call the library, print, set the exit code."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.cli.console import echo_data, make_streams_safe
from generator.cli.french import french_command, french_metavars
from generator.cli.french import install as install_french_click
from generator.cli.handler import HandledGroup, exit_code, report
from generator.cli.modeles import modeles
from generator.cli.nouveau import nouveau
from generator.cli.paths import shown, spec_files
from generator.errors import ClausesError

if TYPE_CHECKING:
    from generator.batch import Outcome

# Each command imports the library modules it needs when it runs, not here: a
# command then pays only for its own imports (``clauses heures`` loads neither
# docxtpl nor openpyxl), which keeps start-up short.

# Before any decorator: --help/--version help texts and path kinds are built when they run.
install_french_click()

DEFAULT_OUTPUT = Path("output")


# Command groups whose module is slow to import (the follow-up builds its options from
# the reference data and its models): imported when named, so that ``clauses heures``
# does not pay for them.
LAZY_COMMANDS = {"suivi": "generator.cli.suivi"}


class ClausesGroup(HandledGroup):
    """The command group; its output never fails on the console's encoding."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        make_streams_safe()
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS and name not in self.commands:
            command: click.Command = getattr(import_module(LAZY_COMMANDS[name]), name)
            french_command(command)
            self.add_command(command)
        return super().get_command(ctx, name)


@click.group(cls=ClausesGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="clauses", message="%(prog)s %(version)s")
def main() -> None:
    """Rédige les clauses sociales d'insertion d'une consultation à partir de sa spécification YAML."""


def freeze_imports() -> None:
    """Called by a command once it has imported what it needs, before its loop over the specs.

    The imported modules' objects (models and their schemas, reference data) live until
    the process ends: frozen, the cyclic garbage collector stops walking them at each
    collection, which cost about a tenth of ``clauses verifier`` on a portfolio. Worker
    processes forked afterwards inherit the frozen state (and share those pages).
    """
    gc.freeze()


def run_for_each(paths: list[Path], action: Callable[[Path], None]) -> None:
    """Run ``action`` on each spec, report failures; exit with the code of the first failure."""
    freeze_imports()
    failures: list[int] = []
    for path in paths:
        try:
            action(path)
        except BrokenPipeError:
            raise  # output piped into a closed reader (clauses comparer x | head): the edge ends quietly
        except (ClausesError, OSError) as exc:  # the other specs still run
            failures.append(report(exc))
    if not paths:
        raise click.ClickException("Aucune spécification trouvée.")
    if failures and len(paths) > 1:  # with one spec, its own message says it all
        plural = "s" if len(failures) > 1 else ""
        click.secho(f"{len(failures)} spécification{plural} en erreur sur {len(paths)}.", fg="red", err=True)
    if failures:
        sys.exit(failures[0])


spec_arguments = click.argument("specs", nargs=-1, type=click.Path(path_type=Path))


output_option = click.option(
    "-o", "--sortie", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUTPUT, show_default=True,
    help="Dossier où écrire les documents (dans SORTIE/<référence>/).",
)
templates_option = click.option(
    "--modeles", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Dossier de modèles .docx personnalisés.",
)


@main.command("generer")
@spec_arguments
@output_option
@templates_option
@click.option("--strict", is_flag=True, help="Une erreur trouvée par les vérifications fait échouer la spécification : rien n'est écrit pour elle.")
@click.option("-q", "--silencieux", "quiet", is_flag=True, help="N'affiche que les erreurs.")
@click.option("--quiet", "quiet_alias", is_flag=True, hidden=True)  # the earlier, English name, still accepted
@click.option("-v", "--verbeux", is_flag=True, help="Affiche chaque fichier écrit et chaque constat des vérifications.")
@click.option("-j", "--processus", type=int, metavar="N", help="Nombre de processus de génération (par défaut : un par cœur).")
@click.option("--pdf", is_flag=True, help="Écrit aussi une copie PDF de chaque document Word (LibreOffice doit être installé).")
def generer(
    specs: tuple[Path, ...],
    sortie: Path,
    modeles: Path | None,
    strict: bool,
    quiet: bool,
    quiet_alias: bool,
    verbeux: bool,
    processus: int | None,
    pdf: bool,
) -> None:
    """Génère les documents (RC, CCAP, CCTP…) de chaque spécification.

    SPECS : fichiers YAML ou dossiers ; sans argument, tout market_specs/.
    Les documents sont écrits dans SORTIE/<référence>/. Les vérifications de
    clauses verifier sont faites au passage et comptées dans le bilan final.
    """
    from generator.batch import RunOptions, generate_all
    from generator.cli.run_report import NORMAL, QUIET, VERBOSE, RunReport

    quiet = quiet or quiet_alias
    if quiet and verbeux:
        raise click.UsageError("--silencieux et --verbeux s'excluent : choisissez l'un ou l'autre.")
    paths = spec_files(specs)
    if not paths:
        raise click.ClickException("Aucune spécification trouvée.")
    run = RunReport(QUIET if quiet else VERBOSE if verbeux else NORMAL)
    documents: list[Path] = []
    freeze_imports()
    try:
        outcomes = generate_all(paths, RunOptions(sortie, modeles, strict), processus)
        run.follow(_word_documents(outcomes, documents) if pdf else outcomes, len(paths))
    except KeyboardInterrupt:
        click.secho("Interrompu : chaque dossier est soit entièrement remplacé, soit laissé tel qu'il était.", fg="red", err=True)
        sys.exit(130)
    pdf_failure = _pdf_copies(documents, quiet) if pdf else None
    if not quiet:
        click.secho(run.summary(), fg="red" if run.failed else None, err=True)
    sys.exit(exit_code(run.first_failure) if run.first_failure else pdf_failure or 0)


def _word_documents(outcomes: Iterator[Outcome], found: list[Path]) -> Iterator[Outcome]:
    """``outcomes`` unchanged, collecting the Word documents each dossier wrote into ``found``."""
    for outcome in outcomes:
        if outcome.generated is not None:
            found += [path for path in outcome.generated.written if path.suffix == ".docx"]
        yield outcome


def _pdf_copies(documents: list[Path], quiet: bool) -> int | None:
    """Convert ``documents`` to PDF (LibreOffice); the exit code of a failure, reported in French."""
    from generator.pdf.libreoffice import to_pdf

    try:
        written = to_pdf(documents)
    except ClausesError as exc:
        return report(exc)
    for path in written if not quiet else []:
        click.echo(f"écrit : {shown(path)}")
    return None




@main.command("heures")
@spec_arguments
@click.option("--format", "format_", type=click.Choice(["texte", "csv", "json"]), default="texte", show_default=True,
              help="texte : tableau et calcul ; csv : une ligne par lot (tableur) ; json : pour un autre outil.")
def heures(specs: tuple[Path, ...], format_: str) -> None:
    """Affiche le calcul des heures d'insertion et des ETP de chaque lot, et leur total.

    SPECS : fichiers YAML ou dossiers ; sans argument, tout market_specs/.
    """
    from generator.resolve.hours_table import as_csv, as_json, total_line, totals
    from generator.resolve.model import ResolvedSpec, resolve_file
    from generator.resolve.trace import hours_report

    resolved: list[ResolvedSpec] = []

    def action(path: Path) -> None:
        resolved.append(resolve_file(path))
        if format_ == "texte":
            click.echo(("\n" if len(resolved) > 1 else "") + hours_report(resolved[-1]))

    paths = spec_files(specs)
    try:
        run_for_each(paths, action)
    finally:
        if format_ == "texte" and len(paths) > 1 and resolved:
            click.echo("\n" + total_line(totals(resolved)))
        elif format_ != "texte" and resolved:
            echo_data(as_csv(resolved), bom=True) if format_ == "csv" else echo_data(as_json(resolved))


@main.command("apercu")
@click.argument("spec", type=click.Path(path_type=Path))
@templates_option
def apercu(spec: Path, modeles: Path | None) -> None:
    """Affiche le texte des clauses (RC, CCAP, CCTP) de SPEC, sans rien écrire.

    Pour relire sans Word ; les documents eux-mêmes sont produits par « clauses generer ».
    """
    from generator.compare.text import clause_texts
    from generator.dossier import open_dossier

    def action(path: Path) -> None:
        for number, (filename, paragraphs) in enumerate(clause_texts(open_dossier(path, modeles)).items()):
            click.echo(("\n" if number else "") + click.style(f"=== {filename} ===", bold=True))
            for paragraph in paragraphs:
                click.echo(f"\n{paragraph}")

    run_for_each([spec], action)


@main.command("grille")
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("--candidats", help="Noms des candidats séparés par des points-virgules : \"Sarl Dupont;Régie Est\".")
@click.option("--candidats-fichier", type=click.Path(dir_okay=False, path_type=Path), help="Fichier texte, un candidat par ligne.")
@output_option
@templates_option
def grille(spec: Path, candidats: str | None, candidats_fichier: Path | None, sortie: Path, modeles: Path | None) -> None:
    """Produit la grille d'analyse du critère insertion (.docx imprimable et .xlsx à remplir).

    Une colonne par candidat nommé ; sans candidats, des colonnes vierges.
    """
    from generator.award.bidders import bidders_from
    from generator.award.grid import write_grid

    def action(path: Path) -> None:
        for written in write_grid(path, sortie, bidders_from(candidats, candidats_fichier), modeles):
            click.echo(f"écrit : {shown(written)}")

    run_for_each([spec], action)


@main.command("noter")
@click.argument("spec", type=click.Path(path_type=Path))
@click.argument("notes", type=click.Path(dir_okay=False, path_type=Path))
@output_option
@templates_option
def noter(spec: Path, notes: Path, sortie: Path, modeles: Path | None) -> None:
    """Calcule les notes et le classement à partir de la grille remplie (NOTES : .xlsx ou .yaml).

    Écrit le rapport d'analyse et affiche le classement de chaque lot ; au moindre
    problème (note manquante, hors barème, non justifiée, grille modifiée), aucun
    rapport n'est écrit.
    """
    from generator.award.report import score_offers, summary

    def score(path: Path) -> None:
        award = score_offers(path, notes, sortie, modeles)
        click.echo(summary(award, shown(award.report)))

    run_for_each([spec], score)


# --- Review before publication (issue 4) -----------------------------------------------

SEVERITY_COLORS = {"erreur": "red", "avertissement": "yellow", "info": "cyan"}


@main.command("verifier")
@spec_arguments
@click.option("--format", "format_", type=click.Choice(["texte", "json"]), default="texte", show_default=True,
              help="Forme du rapport.")
@click.option("--strict", is_flag=True, help="Échoue aussi quand il n'y a que des avertissements.")
@click.option("--regles", is_flag=True, help="Affiche les règles de vérification et s'arrête.")
@templates_option
def verifier(specs: tuple[Path, ...], format_: str, strict: bool, regles: bool, modeles: Path | None) -> None:
    """Vérifie chaque spécification avant publication (règles CS101, CS102…).

    SPECS : fichiers YAML ou dossiers ; sans argument, tout market_specs/.
    Code de sortie 1 dès qu'une erreur est trouvée (ou un avertissement avec --strict).
    """
    from generator.review.report import json_report, rules_text, text_report
    from generator.review.rules import RULES
    from generator.review.run import check_files

    if regles:
        click.echo(rules_text(RULES))
        return
    freeze_imports()
    reports = check_files(spec_files(specs), modeles)
    if format_ == "json":
        echo_data(json_report(reports))
    else:
        for report in reports:
            click.echo("\n".join(text_report(report, lambda text, severity: click.style(text, fg=SEVERITY_COLORS[severity]))))
    if not reports:
        raise click.ClickException("Aucune spécification trouvée.")
    sys.exit(1 if any(report.failed(strict) for report in reports) else 0)


@main.command("valider")
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("--par", required=True, help="Prénom et nom de la personne qui valide.")
@click.option("--commentaire", help="Commentaire enregistré avec la validation.")
@templates_option
def valider(spec: Path, par: str, commentaire: str | None, modeles: Path | None) -> None:
    """Enregistre la validation de SPEC par le facilitateur dans son fichier de revue.

    Le fichier de revue est placé à côté de la spécification (x.yaml : x.revue.yaml) ;
    chaque validation s'ajoute à son historique.

    Refusée tant que « clauses verifier » trouve une erreur. La validation porte sur
    le contenu exact de la spécification et des modèles : toute modification
    ultérieure la rend caduque et les documents redeviennent des projets.
    """
    from generator.approval.status import approval_line
    from generator.approval.store import review_path
    from generator.review.approve import approve

    def action(path: Path) -> None:
        approval = approve(path, par, commentaire, modeles)
        click.echo(f"Validation enregistrée dans {shown(review_path(path))} : {approval_line(approval)}.")

    run_for_each([spec], action)


LINE_STYLES: dict[str, dict[str, Any]] = {"titre": {"bold": True}, "delete": {"fg": "red"}, "insert": {"fg": "green"}}


@main.command("comparer")
@click.argument("ancienne", type=click.Path(path_type=Path))
@click.argument("nouvelle", type=click.Path(path_type=Path), required=False)
@click.option("--docx", "docx_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Écrit aussi la comparaison dans ce document Word (suppressions barrées, ajouts soulignés).")
@templates_option
def comparer(ancienne: Path, nouvelle: Path | None, docx_file: Path | None, modeles: Path | None) -> None:
    """Compare deux versions d'une spécification : champs modifiés, puis texte des clauses.

    Avec un seul fichier, le compare à la version que le facilitateur a validée en
    dernier (« clauses valider » en garde le texte dans le fichier de revue).

    Le texte des clauses (RC, CCAP, CCTP) est comparé paragraphe par paragraphe :
    en rouge (-) ce qui disparaît, en vert (+) ce qui apparaît.
    """
    from generator.compare.comparison import compare, compare_with_approved, report_lines
    from generator.compare.marked_docx import write_comparison_docx

    def action(_: Path) -> None:
        comparison = compare(ancienne, nouvelle, modeles) if nouvelle else compare_with_approved(ancienne, modeles)
        for kind, text in report_lines(comparison):
            click.echo(click.style(text, **LINE_STYLES.get(kind, {})))
        if docx_file:
            write_comparison_docx(comparison, docx_file)
            click.echo(f"écrit : {shown(docx_file)}")

    run_for_each([nouvelle or ancienne], action)


@main.command("schema")
def schema() -> None:
    """Affiche le schéma JSON des spécifications, pour la complétion dans l'éditeur.

    Par exemple : clauses schema > clauses.schema.json, puis, en tête de la
    spécification : # yaml-language-server: $schema=clauses.schema.json
    """
    from generator.starter.schema import schema_text

    echo_data(schema_text().rstrip("\n"))


main.add_command(nouveau)
main.add_command(modeles)
french_metavars(main)  # last: every command is defined
