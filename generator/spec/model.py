"""The market spec: pydantic models of the YAML a procurement officer writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from generator.reference import data as reference
from generator.reference.models import Category

Amount = Annotated[Decimal, Field(gt=0)]
Rate = Annotated[Decimal, Field(gt=0, le=1)]
Weight = Annotated[Decimal, Field(gt=0, le=100)]
Count = Annotated[int, Field(gt=0)]



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


class _Block(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Acheteur(_Block):
    nom: str
    categorie: Category = "collectivite"  # the buyer categories of the EU thresholds (data/seuils.yaml)


class Facilitateur(_Block):
    structure: str
    service: str | None = None
    adresse: str
    telephone: str | None = None
    courriel: str | None = None
    referent: str | None = None


class Consultation(_Block):
    reference: Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]+$", max_length=120)]
    objet: str
    acheteur: Acheteur
    procedure: Literal[
        "appel_offres_ouvert", "appel_offres_restreint", "procedure_adaptee",
        "procedure_avec_negociation", "dialogue_competitif",
    ] = "appel_offres_ouvert"
    date_lancement: dt.date = Field(default_factory=dt.date.today)
    facilitateur: Facilitateur


class Parametres(_Block):
    cout_horaire: Amount | None = None
    taux_insertion: Rate | None = None
    heures_par_etp: Amount | None = None
    arrondi: Count | None = None
    penalite_par_heure: Amount | None = None


class AutrePublic(_Block):
    """A group the buyer names in free text, beside the known keys."""

    autre: str


class Suivi(_Block):
    reunion_lancement: bool = True
    fiche_mensuelle: bool = True
    reunions_chantier: Literal["mensuelles", "trimestrielles", "aucune"] = "trimestrielles"


class Critere(_Block):
    ponderation: Weight
    sous_criteres: dict[str, Weight] | None = None
    bareme: dict[int, str] | None = None


class Insertion(_Block):
    activite_support: str
    lieu: str | None = None
    postes: Count
    heures: Amount
    encadrement: str
    accompagnement: str | None = None
    formation: str | None = None
    objectif_sorties_dynamiques: Rate | None = None
    objectif_emploi_durable: Rate | None = None


class Lot(_Block):
    numero: Count | None = None
    intitule: str | None = None
    nature: Literal["travaux", "services", "fournitures"]
    montant_estime_ht: Amount
    metier: str | None = None
    part_main_oeuvre: Rate | None = None
    taux_insertion: Rate | None = None
    heures: Amount | None = None
    duree_mois: Count | None = None
    dispositif: MechanismName
    critere: Critere | None = None
    insertion: Insertion | None = None
    reserve_a: ReservationName | None = None
    motif_sans_clause: str | None = None

    @property
    def mecanisme(self) -> str:
        """The mechanism key, whatever name (alias) the spec used."""
        return reference.mechanism_aliases()[self.dispositif]


class Spec(_Block):
    consultation: Consultation
    parametres: Parametres = Parametres()
    publics: list[str | AutrePublic] | None = None
    suivi: Suivi = Suivi()
    lots: Annotated[list[Lot], Field(min_length=1)]

    @property
    def allotie(self) -> bool:
        """False for a single lot without a number: documents say "le marché"."""
        return not (len(self.lots) == 1 and self.lots[0].numero is None)
