"""The data files shipped with the tool, each loaded once into its typed model.

Each file lives in ``generator/data`` and gives a source for every value, so that a
facilitator can check and correct a figure in one place without touching code. The
rest of the package reads them through the functions below, never as raw dicts; a
malformed file is a ReferenceDataError naming the file and the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from generator.errors import ReferenceDataError
from generator.reference.document_models import FieldsFile, GridFile, JinjaMessagesFile, StarterFile
from generator.reference.law_models import CcagRow, ExecutionFile, LawFile, ReviewThresholds, ThresholdsFile
from generator.reference.models import (
    CriteriaFile,
    InsertionDefaults,
    Mechanism,
    MechanismsFile,
    Operator,
    ParametersFile,
    PublicsFile,
    Reservation,
    SizingDefaults,
    Source,
    SubCriterionRow,
    TradesFile,
    WaiverReason,
    WaiversFile,
)
from generator.reference.raw import data_file

M = TypeVar("M", bound=BaseModel)


def load(name: str, model: type[M]) -> M:
    """``data/<name>.yaml`` validated as ``model``, once per process."""
    return cast(M, _load(name, model))


@cache
def _load(name: str, model: type[BaseModel]) -> BaseModel:
    return parse(name, data_file(name), model)


def parse(name: str, content: dict[str, Any], model: type[M]) -> M:
    """``content`` of ``data/<name>.yaml`` validated as ``model``; ReferenceDataError naming each bad field."""
    try:
        return model.model_validate(content)
    except ValidationError as exc:
        raise ReferenceDataError(validation_message(f"data/{name}.yaml", exc)) from None


def validation_message(file: str, exc: ValidationError) -> str:
    """``Fichier de référence mal formé : data/x.yaml`` then one French line per field."""
    lines = [f"Fichier de référence mal formé : {file} ; corrigez-le ou réinstallez l'outil"]
    for error in exc.errors(include_url=False):
        where = ".".join(str(part) for part in error["loc"] if not str(part).startswith(("function-", "[")))
        lines.append(f"  - champ {where or '(racine)'} : {_french(error['type'], error['msg'])}")
    return "\n".join(lines)


_FRENCH = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "clé inconnue",
    "decimal_parsing": "un nombre est attendu",
    "int_parsing": "un nombre entier est attendu",
    "date_from_datetime_parsing": "une date AAAA-MM-JJ est attendue",
    "date_type": "une date AAAA-MM-JJ est attendue",
    "string_type": "un texte est attendu",
    "string_pattern_mismatch": "lien attendu sous la forme https://…",
    "literal_error": "valeur inconnue",
    "greater_than": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
    "model_type": "un bloc de clés est attendu",
    "dict_type": "un bloc de clés est attendu",
    "list_type": "une liste est attendue",
}


def _french(kind: str, message: str) -> str:
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    return _FRENCH.get(kind, message)


# --- trades (metiers.yaml) ----------------------------------------------------------------


@dataclass(frozen=True)
class Trade:
    """A trade of the labour-share table."""

    key: str
    libelle: str
    part_main_oeuvre: Decimal
    statut: str
    source: Source

    @property
    def estimated(self) -> bool:
        """True when the share is a planning value rather than a published figure."""
        return self.statut != "source"


@cache
def trades() -> dict[str, Trade]:
    """The labour-share table, by trade key."""
    rows = load("metiers", TradesFile).metiers
    return {key: Trade(key, row.libelle, row.part_main_oeuvre, row.statut, row.source) for key, row in rows.items()}


# --- publics and the employment service (publics.yaml) -----------------------------------


def _publics() -> PublicsFile:
    return load("publics", PublicsFile)


def public_keys() -> list[str]:
    """Every known public key, in the order of the data file."""
    return list(_publics().publics)


def default_publics() -> list[str]:
    """The publics a consultation targets when its spec names none."""
    return list(_publics().defaut)


def operators() -> list[Operator]:
    """The names of the public employment service, by period."""
    return list(_publics().operateurs)


def employment_service(on: dt.date) -> str:
    """Name of the public employment service at a date (Pôle emploi, France Travail)."""
    for period in operators():
        if period.covers(on):
            return period.nom
    return "l'Agence nationale pour l'emploi"


def public_label(key: str, on: dt.date) -> str:
    """The wording of a public in documents dated ``on``."""
    return _publics().publics[key].libelle.format(operateur=employment_service(on))


# --- defaults (parametres.yaml) ------------------------------------------------------------


def sizing_defaults() -> SizingDefaults:
    """The shipped default sizing parameters, each with its source."""
    return load("parametres", ParametersFile).parametres


def insertion_defaults() -> InsertionDefaults:
    """The shipped default targets of an insertion market, each with its source."""
    return load("parametres", ParametersFile).insertion


def etp_definition(heures_par_etp: str) -> str:
    """The sentence defining full-time years and average full-time posts, with the hours of a year."""
    return load("parametres", ParametersFile).definition_etp.format(heures_par_etp=heures_par_etp)


# --- mechanisms and reservations (mecanismes.yaml) ---------------------------------------


def _mechanisms_file() -> MechanismsFile:
    return load("mecanismes", MechanismsFile)


def mechanisms() -> dict[str, Mechanism]:
    """Every mechanism by key, in the order of the data file."""
    return dict(_mechanisms_file().mecanismes)


def mechanism(key: str) -> Mechanism:
    """The one record of a mechanism (``key`` as resolved from an alias)."""
    return _mechanisms_file().mecanismes[key]


@cache
def mechanism_aliases() -> dict[str, str]:
    """Every name accepted for ``dispositif`` (key, then its aliases), mapped to its mechanism key."""
    names: dict[str, str] = {}
    for key, row in mechanisms().items():
        names.update({key: key, **{alias: key for alias in row.alias}})
    return names


def reservation(key: str) -> Reservation:
    """Label and proof of status of a reservation (siae, handicap, both)."""
    return _mechanisms_file().reserves[key]


def reservation_keys() -> list[str]:
    """The values ``reserve_a`` accepts."""
    return list(_mechanisms_file().reserves)


# --- the insertion criterion (criteres.yaml) -----------------------------------------------


def criterion() -> CriteriaFile:
    """The insertion award criterion: titles, sub-criteria by mechanism, scale, formula wording, bounds."""
    return load("criteres", CriteriaFile)


def sub_criteria(mechanism: str) -> dict[str, SubCriterionRow]:
    """The sub-criteria a lot of that mechanism may be scored on."""
    return dict(criterion().sous_criteres[mechanism])


def level_descriptors(mechanism: str, key: str) -> dict[int, str]:
    """What each mark of the default scale looks like for one sub-criterion."""
    return dict(criterion().descripteurs.niveaux.get(mechanism, {}).get(key, {}))


def default_scale() -> dict[int, str]:
    """The default scoring scale: mark -> descriptor."""
    return dict(criterion().bareme_defaut)


# --- the rest: waivers, grid, review thresholds, law, thresholds -------------------------


def waiver_reasons() -> dict[str, WaiverReason]:
    """Reasons a buyer may record for not including the mandatory social condition."""
    return dict(load("motifs", WaiversFile).motifs)


def grid() -> GridFile:
    """The grid's wording and shape (grille.yaml)."""
    return load("grille", GridFile)


def review_thresholds() -> ReviewThresholds:
    """The thresholds of the review rules (revue.yaml), each with its reason."""
    return load("revue", ReviewThresholds)


def weeks_per_year() -> Decimal:
    """Weeks in a year, to bring hours per post down to a week (revue.yaml)."""
    return review_thresholds().semaines_par_an.valeur


def law_file() -> LawFile:
    """The legal periods, instruments and the social obligation (droit.yaml)."""
    return load("droit", LawFile)


def thresholds_file() -> ThresholdsFile:
    """The EU thresholds by period and nature of purchase (seuils.yaml)."""
    return load("seuils", ThresholdsFile)


def spec_natures() -> list[str]:
    """The values a lot's ``nature`` accepts, in the order of seuils.yaml (each under one nature of purchase)."""
    return [name for row in thresholds_file().natures.values() for name in row.natures]


def procedure_label(key: str) -> str:
    """``appel d'offres ouvert`` for ``appel_offres_ouvert`` (droit.yaml: procedures)."""
    return law_file().procedures.libelles[key]


# --- what the CCAP stipulates on execution (execution.yaml) --------------------------------


def execution_file() -> ExecutionFile:
    """The CCAG articles on penalties and the delays the CCAP's insertion articles fix."""
    return load("execution", ExecutionFile)


def ccag(nature: str, on: dt.date) -> CcagRow | None:
    """The CCAG a contract of that nature refers to (None for a launch before the CCAG 2021)."""
    rows = execution_file().ccag
    return rows.natures[nature] if on >= rows.du else None


def spec_field(path: str) -> dict[str, str]:
    """Label, description and unit (when it has one) of a spec field (``lots.montant_estime_ht``), from data/champs.yaml."""
    field = load("champs", FieldsFile).champs.get(path)
    if field is None:
        return {}
    return {"libelle": field.libelle, "description": field.description} | ({"unite": field.unite} if field.unite else {})


def starter() -> StarterFile:
    """What « clauses nouveau » writes (demarrage.yaml)."""
    return load("demarrage", StarterFile)


def jinja_messages() -> dict[str, str]:
    """Jinja's messages (regular expressions) and their French text (jinja_fr.yaml)."""
    return dict(load("jinja_fr", JinjaMessagesFile).root)


def who_confirms_labour_share(nature: str) -> str:
    """Who can confirm a lot's labour share (revue.yaml): the project manager exists for works only."""
    return review_thresholds().confirmer_part_avec.valeur[nature]
