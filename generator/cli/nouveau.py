"""``clauses nouveau FICHIER``: ask for the essentials (in a terminal) or take them as options, write the starter spec."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.errors import ClausesError
from generator.spec.placeholders import TO_FILL  # small and without dependencies: the values nouveau writes when an answer is missing

if TYPE_CHECKING:
    from generator.starter.spec_text import Answers

# The library is imported when the command runs (as every command does): start-up stays short.

QUESTIONS = {
    "reference": "Référence de la consultation",
    "objet": "Objet de la consultation",
    "acheteur": "Nom de l'acheteur",
    "date_lancement": "Date de lancement (JJ/MM/AAAA)",
    "dispositifs": "Dispositifs, un par lot (numéros ou noms séparés par des virgules)",
    "structure": "Structure du facilitateur (AMO Insertion)",
    "adresse": "Adresse du facilitateur",
    "telephone": "Téléphone du facilitateur",
    "courriel": "Courriel du facilitateur",
}


def launch_date(text: str) -> dt.date:
    """A date typed the French or the ISO way; click.BadParameter in French otherwise."""
    from pydantic_core import PydanticCustomError

    from generator.spec import values

    try:
        value = values.french_date(text.strip())
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    except PydanticCustomError as exc:
        raise click.BadParameter(exc.message()) from None
    except ValueError:
        raise click.BadParameter(f"une date est attendue, pas « {text} » : écrivez-la 2027-01-15 ou 15/01/2027") from None


def mechanisms(text: str) -> list[str]:
    """``1,3`` or ``clause_execution, art15`` -> mechanism keys; click.BadParameter naming what is accepted."""
    from generator.reference import data as reference
    from generator.spec import values

    keys = list(reference.mechanisms())
    aliases = reference.mechanism_aliases()
    chosen = []
    for item in (part.strip() for part in text.split(",") if part.strip()):
        if item.isdigit() and 1 <= int(item) <= len(keys):
            chosen.append(keys[int(item) - 1])
        elif values.fold(item) in aliases:
            chosen.append(aliases[values.fold(item)])
        else:
            raise click.BadParameter(f"dispositif inconnu « {item} » ; valeurs acceptées : 1 à {len(keys)}, ou {', '.join(keys)}")
    if not chosen:
        raise click.BadParameter("indiquez au moins un dispositif")
    return chosen


def email(text: str) -> str:
    from pydantic_core import PydanticCustomError

    from generator.spec import values

    try:
        return values.email(text) or ""
    except PydanticCustomError as exc:
        raise click.BadParameter(exc.message()) from None


def mechanism_menu() -> str:
    from generator.reference import data as reference

    rows = [f"  {number} {key} : {row.libelle}" for number, (key, row) in enumerate(reference.mechanisms().items(), start=1)]
    return "\n".join(["Dispositifs d'insertion :", *rows])


@click.command("nouveau")
@click.argument("fichier", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--reference", help="Référence de la consultation (par défaut : le nom du fichier).")
@click.option("--objet", help="Objet de la consultation.")
@click.option("--acheteur", help="Nom de l'acheteur.")
@click.option("--date-lancement", "date_lancement", metavar="DATE", help="Date de lancement : 15/01/2027 ou 2027-01-15 (par défaut : aujourd'hui).")
@click.option("--dispositif", "dispositifs", multiple=True, metavar="DISPOSITIF",
              help="Dispositif d'un lot (clause_execution, clause_et_critere, marche_insertion, marche_reserve, aucun) ; "
                   "répétez l'option pour plusieurs lots (par défaut : un lot clause_execution).")
@click.option("--facilitateur", "structure", help="Structure du facilitateur (AMO Insertion).")
@click.option("--adresse", help="Adresse du facilitateur.")
@click.option("--telephone", help="Téléphone du facilitateur.")
@click.option("--courriel", help="Courriel du facilitateur.")
@click.option("--questions/--sans-questions", default=None,
              help="Poser les questions (par défaut, seulement dans un terminal).")
def nouveau(fichier: Path, questions: bool | None, **given: Any) -> None:
    """Écrit une spécification de départ, commentée, dans FICHIER.

    Dans un terminal, pose les questions essentielles (référence, objet, acheteur, date
    de lancement, dispositifs, facilitateur) ; sinon, prend les options et met des
    valeurs « à compléter ». Écrit aussi clauses.schema.json à côté, pour l'éditeur.
    Un fichier existant n'est jamais remplacé.
    """
    from generator.starter.spec_text import refuse_existing, write_starter

    ask = sys.stdin.isatty() if questions is None else questions
    try:
        refuse_existing(fichier)  # before any question
        for written in write_starter(fichier, gather(fichier, given, ask)):
            click.echo(f"écrit : {written}")
    except ClausesError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Ouvrez {fichier} pour remplacer les valeurs d'exemple, puis : clauses generer {fichier} --pdf")


def gather(path: Path, given: dict[str, Any], ask: bool) -> Answers:
    """The answers: options first, then questions (when asked), then defaults."""
    from generator.starter.spec_text import Answers, reference_from


    def value(name: str, default: str | None, convert: Callable[[str], Any] = str) -> Any:
        if given.get(name):
            return convert(given[name]) if not isinstance(given[name], tuple) else convert(",".join(given[name]))
        if ask:
            if name == "dispositifs":
                click.echo(mechanism_menu())
            return click.prompt(QUESTIONS[name], default=default, value_proc=convert, prompt_suffix=" : ")
        return convert(default or TO_FILL[name])

    return Answers(
        reference=value("reference", reference_from(path.stem), _reference),
        objet=value("objet", None),
        acheteur=value("acheteur", None),
        date_lancement=value("date_lancement", f"{dt.date.today():%d/%m/%Y}", launch_date),
        dispositifs=value("dispositifs", "1", mechanisms),
        structure=value("structure", None),
        adresse=value("adresse", None),
        telephone=value("telephone", None),
        courriel=value("courriel", None, email),
    )


def _reference(text: str) -> str:
    from generator.starter.spec_text import reference_from

    cleaned = reference_from(text)
    if cleaned != text.strip():
        raise click.BadParameter(f"« {text} » : seuls les lettres sans accent, les chiffres et . _ - sont permis (par exemple {cleaned})")
    return cleaned
