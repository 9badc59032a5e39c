"""``clauses modeles``: export the shipped Word templates, check a folder of templates a buyer changed."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.handler import FAILED
from generator.cli.paths import shown

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
def modeles_verifier(dossier: Path) -> None:
    """Vérifie les modèles de DOSSIER : données inconnues, balises coupées ou mal formées,
    guillemets typographiques dans une balise, modèle établi d'après une version ancienne.

    Code de sortie 1 dès qu'une erreur est trouvée.
    """
    from generator.review.findings import ERREUR
    from generator.template_kit.lint import check_folder, summary

    problems = check_folder(dossier)
    for problem in problems:
        click.echo(click.style(problem.line(), fg=LINT_COLORS[problem.gravite]))
    click.echo(summary(problems))
    sys.exit(FAILED if any(problem.gravite == ERREUR for problem in problems) else 0)
