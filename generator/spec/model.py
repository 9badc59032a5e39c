"""The market spec: pydantic models of the YAML a procurement officer writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from generator.formatting import date_courte, nombre
from generator.reference import data as reference
from generator.reference.models import Category
from generator.spec import values

# Values are also accepted as people type them (spec/values.py): 5 %, 1 200 000, 15/01/2027, oui.
Number = BeforeValidator(values.french_number)
Rate = Annotated[Decimal, BeforeValidator(values.rate), Field(gt=0, le=1)]
Weight = Annotated[Decimal, BeforeValidator(values.weight), Field(gt=0, le=100)]
Key = Annotated[str, BeforeValidator(values.folded_key)]
Email = Annotated[str, AfterValidator(values.email)]
YesNo = Annotated[bool, BeforeValidator(values.yes_no)]
# A closed list of values is also accepted with accents, capitals or spaces (``Collectivité``).
Folded = BeforeValidator(values.folded_key)


def _within(low: Decimal | int, high: Decimal | int) -> AfterValidator:
    """Refuse a number outside [low, high]; the message gives the range."""

    def check(value: Decimal | int) -> Decimal | int:
        if not low <= value <= high:
            raise PydanticCustomError("hors_bornes", "hors bornes", {"min": nombre(low, 2), "max": nombre(high, 2)})
        return value

    return AfterValidator(check)


def _plausible_date(value: dt.date) -> dt.date:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise PydanticCustomError("date_hors_bornes", "hors bornes", {"min": date_courte(FIRST_DATE), "max": date_courte(LAST_DATE)})
    return value


# Plausible ranges: every formula (hours, ETP, review rules, scoring) stays exact and
# finite over them, and a figure outside is a typing mistake, not a real market.
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
Euros = Annotated[Decimal, Number, _within(Decimal("0.01"), Decimal(10) ** 11)]  # up to 100 billion euros
HourlyCost = Annotated[Decimal, Number, _within(Decimal(1), Decimal(1000))]
YearHours = Annotated[Decimal, Number, _within(Decimal(100), Decimal(3000))]
Hours = Annotated[Decimal, Number, _within(Decimal(1), Decimal(10) ** 7)]
Step = Annotated[int, Number, _within(1, 10_000)]
Positions = Annotated[int, Number, _within(1, 10_000)]
WeekHours = Annotated[Decimal, Number, _within(Decimal(1), Decimal(48))]  # 48 h: the legal weekly maximum
Months = Annotated[int, Number, _within(1, 240)]
LotNumber = Annotated[int, Number, _within(1, 999)]  # "Lot 999" is a valid sheet and folder name
MarkKey = Annotated[int, _within(0, 100)]
LaunchDate = Annotated[dt.date, BeforeValidator(values.french_date), AfterValidator(_plausible_date)]
Penalty = Annotated[Decimal, Number, _within(Decimal("0.01"), Decimal(100_000))]  # € per sheet or per commitment not kept
Pages = Annotated[int, Number, _within(1, 500)]



def _one_of(names: Callable[[], list[str]]) -> Callable[[Any], Any]:
    """A validator accepting only ``names()`` (read from the data files), refusing anything else as a Literal would."""

    def check(value: Any) -> Any:
        known = names()
        if not isinstance(value, str) or value not in known:
            expected = ", ".join(repr(name) for name in known[:-1]) + f" or {known[-1]!r}"
            raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})
        return value

    return check


def _enum(names: Callable[[], list[str]]) -> Callable[[dict[str, Any]], None]:
    """The JSON schema of such a field lists the accepted names."""

    def extra(schema: dict[str, Any]) -> None:
        schema["enum"] = names()

    return extra


def _mechanism_names() -> list[str]:
    return list(reference.mechanism_aliases())


# data/mecanismes.yaml defines the mechanisms (with their aliases) and the reservations.
MechanismName = Annotated[str, BeforeValidator(_one_of(_mechanism_names)), Field(json_schema_extra=_enum(_mechanism_names))]
ReservationName = Annotated[str, BeforeValidator(_one_of(reference.reservation_keys)), Field(json_schema_extra=_enum(reference.reservation_keys))]
# data/seuils.yaml ranks each nature a lot may have under a nature of purchase.
NatureName = Annotated[str, BeforeValidator(_one_of(reference.spec_natures)), Field(json_schema_extra=_enum(reference.spec_natures))]


class _Block(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _accented_keys(cls, data: object) -> object:
        """``catégorie`` stands for ``categorie``: a key folded to a field's name is that field.

        Only when the field itself is not also written (then the extra key is reported).
        """
        if not isinstance(data, dict):
            return data
        fields = _field_names(cls)
        if all(key in fields for key in data):  # the usual case: nothing to rename
            return data
        renamed = {}
        for key, value in data.items():
            target = values.fold(key) if isinstance(key, str) and key not in fields else key
            use = target if target in fields and target not in data else key
            renamed[use] = value
        return renamed


@cache
def _field_names(model: type[BaseModel]) -> frozenset[str]:
    """The names of a block's fields (``model_fields`` is computed anew at each access in recent pydantic)."""
    return frozenset(model.model_fields)


def _article(value: object) -> object:
    """« La », « l’ » and « l' » are the same article: lower case, straight apostrophe."""
    return value.strip().lower().replace("\u2019", "'") if isinstance(value, str) else value


class Acheteur(_Block):
    nom: str
    categorie: Annotated[Category, Folded] = "collectivite"  # the buyer categories of the EU thresholds (data/seuils.yaml)
    # The article the buyer's name reads with (« la Ville de Rezé », « l'État »);
    # none for a name that takes none (« Nantes Métropole »).
    article: Annotated[Literal["le", "la", "l'", "les"] | None, BeforeValidator(_article)] = None


class Facilitateur(_Block):
    structure: str
    service: str | None = None
    adresse: str
    telephone: str | None = None
    courriel: Email | None = None
    referent: str | None = None


ArticleNumber = Annotated[int, _within(1, 999)]


class PremierArticle(_Block):
    """The first article number of each document in the buyer's own RC, CCAP and CCTP."""

    rc: ArticleNumber = 1
    ccap: ArticleNumber = 1
    cctp: ArticleNumber = 1


def _same_for_all(value: object) -> object:
    """``premier_article: 12`` numbers the three documents from 12."""
    if isinstance(value, int) and not isinstance(value, bool):
        return {"rc": value, "ccap": value, "cctp": value}
    return value


def _number_or_block(schema: dict[str, Any]) -> None:
    """In the JSON schema, ``premier_article`` is a number or a block (``rc``, ``ccap``, ``cctp``)."""
    block = {key: schema.pop(key) for key in ("$ref", "allOf") if key in schema}
    schema["anyOf"] = [{"type": "integer", "minimum": 1, "maximum": 999}, block]
    schema["default"] = 1


class Consultation(_Block):
    reference: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+$", max_length=120)]
    objet: str
    acheteur: Acheteur
    procedure: Annotated[Literal[
        "appel_offres_ouvert", "appel_offres_restreint", "procedure_adaptee",
        "procedure_avec_negociation", "dialogue_competitif",
    ], Folded] = "appel_offres_ouvert"
    date_lancement: LaunchDate  # required: it decides the law applied, which must not change with the day of the run
    facilitateur: Facilitateur
    # Number of the first article the RC, CCAP and CCTP articles take in the buyer's own documents.
    premier_article: Annotated[
        PremierArticle, BeforeValidator(_same_for_all), Field(json_schema_extra=_number_or_block),
    ] = PremierArticle()


class Parametres(_Block):
    cout_horaire: HourlyCost | None = None
    taux_insertion: Rate | None = None
    heures_par_etp: YearHours | None = None
    arrondi: Step | None = None
    penalite_par_heure: Annotated[Decimal, Number, _within(Decimal("0.01"), Decimal(10_000))] | None = None
    penalite_fiche_mensuelle: Penalty | None = None  # € per monthly sheet still missing after a reminder


class AutrePublic(_Block):
    """A group the buyer names in free text, beside the known keys."""

    autre: str


Publics = list[Key | AutrePublic]


class Suivi(_Block):
    reunion_lancement: YesNo = True
    fiche_mensuelle: YesNo = True
    reunions_chantier: Annotated[Literal["mensuelles", "trimestrielles", "aucune"], Folded] = "trimestrielles"


class Critere(_Block):
    ponderation: Weight
    sous_criteres: dict[Key, Weight] | None = None
    bareme: dict[MarkKey, str] | None = None
    pages_max: Pages | None = None  # page limit of the bidder's note, fixed by the RC


class Insertion(_Block):
    activite_support: str
    lieu: str | None = None
    postes: Positions
    heures: Hours
    heures_hebdomadaires: WeekHours | None = None  # per post; derived from heures, postes and duree_mois when absent
    encadrement: str
    accompagnement: str | None = None
    formation: str | None = None
    objectif_sorties_dynamiques: Rate | None = None
    objectif_emploi_durable: Rate | None = None
    frequence: str | None = None  # when the support activity takes place
    moyens_acheteur: str | None = None  # premises, equipment or supplies the buyer provides
    penalite_manquement: Penalty | None = None  # € per commitment found not kept


class Lot(_Block):
    numero: LotNumber | None = None
    intitule: str | None = None
    nature: Annotated[NatureName, Folded]
    montant_estime_ht: Euros
    metier: Key | None = None
    part_main_oeuvre: Rate | None = None
    taux_insertion: Rate | None = None
    heures: Hours | None = None
    duree_mois: Months | None = None
    dispositif: Annotated[MechanismName, Folded]
    critere: Critere | None = None
    insertion: Insertion | None = None
    reserve_a: Annotated[ReservationName, Folded] | None = None
    motif_sans_clause: Key | None = None

    @property
    def mecanisme(self) -> str:
        """The mechanism key, whatever name (alias) the spec used."""
        return reference.mechanism_aliases()[self.dispositif]


# Lot fields no cross-field rule (spec/rules.py) reads for its value, only for its presence:
# load_spec replaces a wrong value there by this one, so that the lot's rules still run.
NEUTRAL_LOT_VALUES: dict[str, object] = {
    "nature": "travaux", "montant_estime_ht": 1, "taux_insertion": "0.05", "part_main_oeuvre": "0.5", "heures": 1, "duree_mois": 1,
}


class Spec(_Block):
    consultation: Consultation
    parametres: Parametres = Parametres()
    publics: Publics | None = None
    suivi: Suivi = Suivi()
    lots: Annotated[list[Lot], Field(min_length=1)]

    @property
    def allotie(self) -> bool:
        """False for a single lot without a number: documents say "le marché"."""
        return not (len(self.lots) == 1 and self.lots[0].numero is None)
