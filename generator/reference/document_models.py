"""The typed shape of the data files on documents and messages: the grid, the spec's fields, the starter, Jinja's messages."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, RootModel

from generator.reference.models import Strict

# --- grille.yaml ------------------------------------------------------------------------


class GridLabels(Strict):
    titre: str
    critere: str
    ponderation_critere: str
    note_max: str
    sous_critere: str
    poids: str
    nom_candidat: str
    note: str
    justification: str
    note_ponderee: str
    bareme: str
    appreciation: str
    attendus: str
    descripteurs: str
    saisie_nom: str
    saisie_note: str
    note_refusee: str


class GridFile(Strict):
    colonnes_vierges: Annotated[int, Field(gt=0)]
    candidat_vierge: str
    feuille_identite: str
    version: int
    libelles: GridLabels


# --- champs.yaml, demarrage.yaml, jinja_fr.yaml ---------------------------------------------


class SpecField(Strict):
    """A field of the spec: its label in messages, its help in the editor and the starter spec.

    ``unite`` says how « clauses comparer » prints a number: an amount, a cost per hour, a rate.
    """

    libelle: str
    description: str
    unite: Literal["euros_ht", "euros", "euros_par_heure", "taux"] | None = None


class FieldsFile(Strict):
    champs: dict[str, SpecField]


class StarterFile(Strict):
    """What « clauses nouveau » writes: header lines, an example lot per mechanism, optional blocks."""

    entete: list[str]
    lots: dict[str, dict[str, Any]]
    facultatif: list[str]


class JinjaMessagesFile(RootModel[dict[str, str]]):
    """Jinja's English messages (regular expressions) and their French text."""
