"""``clauses modeles``: export the shipped Word templates, check a folder of templates a buyer changed."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.handler import FAILED, report
from generator.cli.paths import shown, spec_files

LINT_COLORS = {"erreur": "red", "avertissement": "yellow"}  # template_kit.lint's severities


@click.group("modeles")
def modeles() -> None:
    """Adapte les modèles Word : exporte les modèles livrés, vérifie un dossier de modèles personnalisés."""


@modeles.command("exporter")
@click.argument("dossier", type=click.Path(file_okay=False, path_type=Path))
def modeles_exporter(dossier: Path) -> None:
    """Copie les modèles livrés et leur guide dans DOSSIER, pour les modifier dans Word.

    Aucun fichier existant n'est remplacé. Ne gardez ensuite que les modèles que
    vous modifiez : « clauses generer --modeles DOSSIER » prend les autres parmi
    les modèles livrés.
    """
    from generator.template_kit.export import export_templates

    for written in export_templates(dossier):
        click.echo(f"écrit : {shown(written)}")
    click.echo(f"Vérifiez vos modifications avec « clauses modeles verifier {shown(dossier)} ».")


@modeles.command("verifier")
@click.argument("dossier", type=click.Path(file_okay=False, path_type=Path))
@click.option("--spec", "specs", multiple=True, type=click.Path(path_type=Path), metavar="SPEC",
              help="Rend aussi les modèles avec cette spécification (un dossier : ses fichiers .yaml), sans rien écrire ; répétable.")
def modeles_verifier(dossier: Path, specs: tuple[Path, ...]) -> None:
    """Vérifie les modèles de DOSSIER : données inconnues, balises coupées ou mal formées,
    guillemets typographiques dans une balise, modèle établi d'après une version ancienne.

    Avec --spec, rend en mémoire chaque document que « clauses generer --modeles DOSSIER »
    produirait d'un modèle du dossier pour ces spécifications : un rendu impossible est
    une erreur, une faute de typographie du texte rendu un avertissement.

    Code de sortie 1 dès qu'une erreur est trouvée ou qu'une spécification est illisible.
    """
    from generator.review.findings import ERREUR
    from generator.template_kit.lint import check_folder, summary
    from generator.template_kit.render_check import render_problems

    paths = spec_files(specs) if specs else []
    if specs and not paths:
        raise click.ClickException("Aucune spécification trouvée.")
    problems = check_folder(dossier)
    rendering = render_problems(dossier, paths) if paths else None
    if rendering is not None:
        problems += rendering.problems
    for problem in problems:
        click.echo(click.style(problem.line(), fg=LINT_COLORS[problem.gravite]))
    if rendering is not None:
        for failure in rendering.failures:
            report(failure)
        if rendering.unrendered:
            click.echo(unrendered_line(rendering.unrendered))
    click.echo(summary(problems))
    failed = any(problem.gravite == ERREUR for problem in problems) or (rendering is not None and bool(rendering.failures))
    sys.exit(FAILED if failed else 0)


def unrendered_line(names: list[str]) -> str:
    """The customised templates ``--spec`` could not render: no document of those specs uses them."""
    if len(names) == 1:
        return f"Modèle non rendu, aucun document de ces spécifications ne l'employant : {names[0]}."
    return f"Modèles non rendus, aucun document de ces spécifications ne les employant : {', '.join(names)}."
