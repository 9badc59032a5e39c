"""``clauses suivi``: the follow-up loop after notification (contracts, sheets, import, state, attestation, bilan)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from generator.cli.console import echo_data
from generator.cli.french import install as install_french_click
from generator.cli.handler import report as report_failure
from generator.cli.paths import shown
from generator.errors import MonitoringError
from generator.files import write_atomic
from generator.formatting import heures as format_hours
from generator.formatting import liste_ou_aucun, plural
from generator.monitoring.lists import choices, retention_months
from generator.monitoring.months import first_day, parse_date, parse_month, previous_month

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from generator.monitoring.database import Database

# Before any decorator, as in commands.py: help texts of built-in options are built when they run.
install_french_click()

# As in commands.py, each command imports the library modules it needs when it runs:
# SQLAlchemy, Alembic and matplotlib are loaded by the follow-up commands only.

DEFAULT_OUTPUT = Path("output") / "suivi"


class _Parsed(click.ParamType[dt.date, object]):
    """A date or a month typed the French way or the ISO way; ``example`` shows both in the error."""

    def __init__(self, name: str, what: str, parse: Callable[[str], dt.date | None], example: str) -> None:
        self.name, self.what, self.parse, self.example = name, what, parse, example

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        parsed = self.parse(str(value))
        if parsed is None:
            self.fail(f"{self.what} « {value} » illisible : {self.example}", param, ctx)
        return parsed


DATE = _Parsed("JJ/MM/AAAA", "date", parse_date, "écrivez-la JJ/MM/AAAA (15/03/2027) ou AAAA-MM-JJ")
MONTH = _Parsed("MM/AAAA", "mois", parse_month, "écrivez-le MM/AAAA (03/2027) ou AAAA-MM")


@dataclass(frozen=True)
class Settings:
    base: str | None
    today: dt.date


@click.group("suivi", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--base", envvar="CLAUSES_BASE", metavar="BASE",
              help="Base de suivi : fichier SQLite ou adresse postgresql+psycopg://… (variable CLAUSES_BASE ; par défaut "
                   "suivi.sqlite3 dans le dossier de données de l'utilisateur, ~/.local/share/clauses sous Linux).")
@click.option("--aujourdhui", envvar="CLAUSES_AUJOURDHUI", type=DATE,
              help="Date du jour retenue (variable CLAUSES_AUJOURDHUI ; par défaut celle de l'ordinateur), pour rejouer un exemple ou dater un état.")
@click.pass_context
def suivi(ctx: click.Context, base: str | None, aujourdhui: dt.date | None) -> None:
    """Suivi de l'exécution après notification : marchés, fiches mensuelles, heures réalisées, attestation, bilan."""
    ctx.obj = Settings(base, aujourdhui or dt.date.today())


def _settings() -> Settings:
    settings = click.get_current_context().find_object(Settings)
    assert settings is not None
    return settings


@contextmanager
def _database() -> Iterator[Database]:
    from generator.monitoring.database import open_database

    database = open_database(_settings().base)
    try:
        yield database
    finally:
        database.close()


@contextmanager
def _session() -> Iterator[Session]:
    """A transaction on the follow-up database: committed when the block ends, rolled back on any error."""
    with _database() as database, database.transaction() as session:
        yield session


# --- Contracts -------------------------------------------------------------------------


@suivi.group("contrat")
def contrat() -> None:
    """Enregistre un marché attribué, un avenant, ou la réception d'un marché."""


@contrat.command("enregistrer")
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lot", type=int, help="Numéro du lot (à omettre pour un marché non alloti).")
@click.option("--titulaire", required=True, help="Raison sociale du titulaire.")
@click.option("--siret", help="SIRET du titulaire (14 chiffres, facultatif).")
@click.option("--notification", required=True, type=DATE, help="Date de notification du marché.")
@click.option("--debut", required=True, type=DATE, help="Date de début d'exécution.")
@click.option("--fin", required=True, type=DATE, help="Date de fin d'exécution prévue.")
@click.option("--operation", help="Opération à laquelle rattacher la consultation (par défaut sa référence).")
@click.option("--montant", type=Decimal, help="Montant du marché en € HT (par défaut le montant estimé du lot).")
def contrat_enregistrer(spec: Path, lot: int | None, titulaire: str, siret: str | None, notification: dt.date, debut: dt.date,
                        fin: dt.date, operation: str | None, montant: Decimal | None) -> None:
    """Enregistre le marché attribué pour un lot de SPEC ; les heures à réaliser viennent de la spécification."""
    from generator.monitoring import contracts

    with _session() as session:
        contract = contracts.register_contract(session, spec, lot, titulaire, notification, debut, fin,
                                               siret=siret, operation=operation, montant=montant)
        hours = format_hours(contracts.required_hours(contract))
        click.echo(f"Marché {contract.code} enregistré : {contract.titulaire}, {hours} d'insertion à réaliser.")


@suivi.command("consultation")
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--operation", help="Opération à laquelle rattacher la consultation (par défaut sa référence).")
def consultation(spec: Path, operation: str | None) -> None:
    """Enregistre une consultation pas encore attribuée : ses heures comptent parmi les heures demandées du bilan."""
    from generator.monitoring import contracts

    with _session() as session:
        found = contracts.register_consultation(session, spec, operation)
        click.echo(f"Consultation {found.reference} enregistrée : {plural(len(found.lots), 'lot')} avec des heures d'insertion.")


@contrat.command("avenant")
@click.argument("marche")
@click.option("--date", "date_", required=True, type=DATE, help="Date de l'avenant.")
@click.option("--heures", required=True, type=int, help="Nouveau nombre d'heures d'insertion à réaliser.")
@click.option("--motif", required=True, help="Motif de l'avenant.")
def contrat_avenant(marche: str, date_: dt.date, heures: int, motif: str) -> None:
    """Enregistre un avenant qui modifie les heures à réaliser du marché MARCHE (ex. 2026-NM-GS-014/1)."""
    from generator.monitoring import contracts

    with _session() as session:
        contracts.amend(session, marche, date_, heures, motif)
        click.echo(f"Avenant enregistré : le marché {marche} doit désormais {format_hours(heures)} d'insertion.")


@contrat.command("cloturer")
@click.argument("marche")
@click.option("--reception", required=True, type=DATE, help="Date de réception (fin d'exécution constatée).")
def contrat_cloturer(marche: str, reception: dt.date) -> None:
    """Enregistre la réception du marché MARCHE : il est clos et ne reçoit plus de fiche."""
    from generator.monitoring import contracts

    with _session() as session:
        contracts.close(session, marche, reception)
        click.echo(f"Marché {marche} clos à la date du {reception:%d/%m/%Y}.")


# --- Monthly sheets --------------------------------------------------------------------


@suivi.command("fiches")
@click.argument("marches", nargs=-1)
@click.option("--mois", type=MONTH, help="Mois des fiches (par défaut le mois précédent).")
@click.option("-o", "--sortie", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUTPUT, show_default=True,
              help="Dossier où écrire les fiches.")
def fiches(marches: tuple[str, ...], mois: dt.date | None, sortie: Path) -> None:
    """Écrit la fiche de suivi mensuelle (.xlsx) de chaque marché en cours, ou des MARCHES nommés."""
    from generator.monitoring.sheet_writer import open_contracts, write_monthly_sheets

    month = mois or previous_month(first_day(_settings().today))
    with _session() as session:
        written = write_monthly_sheets(session, open_contracts(session, list(marches)), month, sortie)
    for path in written:
        click.echo(f"écrit : {shown(Path(path))}")
    if not written:
        click.echo("Aucun marché en cours : aucune fiche à produire.")


@suivi.command("importer")
@click.argument("chemins", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--marche", help="Refuse toute fiche qui n'est pas celle de ce marché.")
def importer(chemins: tuple[Path, ...], marche: str | None) -> None:
    """Importe des fiches remplies (fichiers .xlsx ou dossiers) : fiches mensuelles et registre des personnes.

    Chaque fichier est enregistré entièrement ou pas du tout ; réimporter un mois le remplace.
    """
    from generator.monitoring.importer import import_paths

    with _database() as database:
        report = import_paths(database, list(chemins), _settings().today, marche)
    for done in report.imported:
        click.echo(done.summary())
    codes = [report_failure(error) for error in report.refused]  # each refused file with its message; the others are stored
    if not report.imported and not codes:
        click.echo("Aucun fichier .xlsx trouvé.")
    if codes:
        refused = f"{plural(len(codes), 'fichier')} refusé{'s' if len(codes) > 1 else ''}"
        click.secho(f"{refused} sur {len(codes) + len(report.imported)}.", fg="red", err=True)
        sys.exit(codes[0])


@suivi.command("personnes")
@click.option("--fiche", "fiche", type=click.Path(dir_okay=False, path_type=Path),
              help="Écrit le registre des personnes à compléter dans ce classeur .xlsx (à réimporter avec « importer »).")
def personnes(fiche: Path | None) -> None:
    """Affiche le registre des personnes suivies (codes pseudonymes), ou l'écrit pour le compléter."""
    from generator.monitoring.people import people_lines, register_sheet

    with _session() as session:
        if fiche:
            write_atomic(fiche, register_sheet(session))
            click.echo(f"écrit : {shown(Path(fiche))}")
            return
        lines = people_lines(session)
    click.echo("\n".join(lines) if lines else "Aucune personne enregistrée.")


# --- State, exits, attestation, purge ---------------------------------------------------


@suivi.command("etat")
@click.option("--format", "format_", type=click.Choice(["texte", "csv", "json"]), default="texte", show_default=True,
              help="texte : tableau par consultation ; csv : une ligne par marché (tableur) ; json : pour un autre outil.")
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), help="Écrit aussi le tableau dans ce classeur .xlsx.")
def etat(format_: str, xlsx: Path | None) -> None:
    """Affiche, par consultation et par marché, les heures dues, réalisées, attendues à date, les fiches manquantes et le manque projeté."""
    from generator.monitoring.indicators import portfolio_state
    from generator.monitoring.state_report import state_csv, state_json, state_lines, state_workbook

    today = _settings().today
    with _session() as session:
        consultations = portfolio_state(session, today)
    if format_ == "texte":
        click.echo("\n".join(state_lines(consultations, today)))
    else:
        echo_data(state_csv(consultations, today), bom=True) if format_ == "csv" else echo_data(state_json(consultations, today))
    if xlsx:
        write_atomic(xlsx, state_workbook(consultations, today))
        # On the error stream when the data goes to stdout: a redirected CSV or JSON stays readable.
        click.echo(f"écrit : {shown(Path(xlsx))}", err=format_ != "texte")


@suivi.command("sorties")
@click.argument("marche")
@click.argument("personne")
@click.argument("categorie", type=click.Choice(list(choices("sorties"))))
@click.option("--date", "date_", type=DATE, help="Date de sortie (par défaut la date du jour).")
@click.option("--precision", help="Précision libre, sans donnée nominative (ex. « CDI chez le titulaire »).")
def sorties(marche: str, personne: str, categorie: str, date_: dt.date | None, precision: str | None) -> None:
    """Enregistre la sortie de la PERSONNE (son code) du marché MARCHE dans une CATEGORIE de sortie."""
    from generator.monitoring.exits import record_exit

    with _session() as session:
        replaced = record_exit(session, marche, personne, categorie, date_ or _settings().today, precision)
    click.echo(f"Sortie {'corrigée' if replaced else 'enregistrée'} : {personne}, marché {marche}, {choices('sorties')[categorie]}.")


@suivi.command("attestation")
@click.argument("marche")
@click.option("-o", "--sortie", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUTPUT, show_default=True,
              help="Dossier où écrire l'attestation (dans SORTIE/<référence>/).")
@click.option("--modeles", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Dossier de modèles .docx personnalisés.")
def attestation(marche: str, sortie: Path, modeles: Path | None) -> None:
    """Produit l'attestation des heures d'insertion réalisées d'un marché clos, avec l'écart et la pénalité encourue."""
    from generator.monitoring.attestation import write_attestation

    with _session() as session:
        path = write_attestation(session, marche, sortie, _settings().today, modeles)
    click.echo(f"écrit : {shown(Path(path))}")


@suivi.command("purger")
@click.option("--avant", type=DATE, help=f"Purge les marchés réceptionnés avant cette date (par défaut il y a {retention_months()} mois).")
@click.option("--oui", is_flag=True, help="Effectue la purge (sans cette option, affiche seulement ce qui serait supprimé).")
def purger(avant: dt.date | None, oui: bool) -> None:
    """Supprime les données individuelles des marchés réceptionnés avant une date, en gardant les agrégats du bilan."""
    from generator.monitoring.purge import default_cutoff, purge

    today = _settings().today
    cutoff = avant or default_cutoff(today, retention_months())
    with _session() as session:
        report = purge(session, cutoff, today, apply=oui)
    verb = "Supprimé" if oui else "À supprimer (relancez avec --oui pour purger)"
    click.echo(f"Marchés réceptionnés avant le {cutoff:%d/%m/%Y} : {len(report.contrats)} ({liste_ou_aucun(report.contrats)}).")
    what = f"{plural(report.lignes, 'ligne')} d'heures, {plural(report.sorties, 'sortie')}, {plural(report.personnes, 'personne')} du registre"
    click.echo(f"{verb} : {what} ; "
               "les totaux mensuels et les agrégats du bilan sont conservés.")


@suivi.command("journal")
def journal() -> None:
    """Affiche le journal des imports : date, fichier, empreinte SHA-256, marché, mois, lignes et heures."""
    from generator.monitoring.importer import import_log_lines

    with _session() as session:
        lines = import_log_lines(session)
    click.echo("\n".join(lines) if lines else "Aucun import enregistré.")


@suivi.command("bilan")
@click.option("--du", type=DATE, help="Début de la période (par défaut le 1er janvier, quatre ans avant l'année en cours).")
@click.option("--au", type=DATE, help="Fin de la période (par défaut la date du jour).")
@click.option("-o", "--sortie", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUTPUT, show_default=True,
              help="Dossier où écrire le bilan (.docx et .xlsx).")
@click.option("--modeles", type=click.Path(exists=True, file_okay=False, path_type=Path), help="Dossier de modèles .docx personnalisés.")
def bilan(du: dt.date | None, au: dt.date | None, sortie: Path, modeles: Path | None) -> None:
    """Produit le bilan de la période : rapport .docx avec graphiques et classeur .xlsx des tableaux (données agrégées seulement)."""
    from generator.monitoring.bilan import compute_bilan
    from generator.monitoring.bilan_report import write_bilan

    today = _settings().today
    start, end = du or dt.date(today.year - 4, 1, 1), au or today
    if end < start:
        raise MonitoringError(f"Période vide : le {end:%d/%m/%Y} précède le {start:%d/%m/%Y}.")
    with _session() as session:
        found = compute_bilan(session, start, end)
    for path in write_bilan(found, sortie, today, modeles):
        click.echo(f"écrit : {shown(Path(path))}")
