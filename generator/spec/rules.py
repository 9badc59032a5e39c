"""Rules that span several fields of a spec, checked once its types are valid.

Each rule yields ``(location, message)`` pairs; the location is the path of the
field in the YAML, so that the message can name its line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from generator.formatting import folded, nombre_exact
from generator.reference import data as reference
from generator.reference.law import join_fr
from generator.reference.models import Mechanism
from generator.spec.model import AutrePublic, Consultation, Critere, Lot, Spec
from generator.spec.text import shortened
from generator.spec.yaml_source import PathKey

Problem = tuple[PathKey, str]


@dataclass(frozen=True)
class Parts:
    """The parts of a spec whose types are valid, with the position of each lot.

    A spec with a bad value elsewhere still has its valid parts checked, so that
    one run reports every problem.
    """

    consultation: Consultation | None
    publics: list[str | AutrePublic] | None
    lots: list[tuple[int, Lot]]
    lot_count: int

    @classmethod
    def of(cls, spec: Spec) -> Parts:
        return cls(spec.consultation, spec.publics, list(enumerate(spec.lots)), len(spec.lots))


def check(spec: Spec | Parts) -> list[Problem]:
    """Every cross-field problem of ``spec`` (or of its valid parts)."""
    parts = spec if isinstance(spec, Parts) else Parts.of(spec)
    problems = list(_reference(parts.consultation)) if parts.consultation else []
    problems += _publics(parts.publics or [])
    problems += _lot_numbers(parts)
    for index, lot in parts.lots:
        problems += _lot(lot, ("lots", index))
    return problems


def close_matches(value: str, known: list[str], labels: dict[str, str] | None = None) -> str:
    """`` ; valeurs proches : a, b`` or the full list when nothing is close.

    Besides spelling, a key is close when a word of ``value`` appears in its key
    or label (``voirie_et_reseaux`` finds ``terrassement_vrd``, "voirie et réseaux").
    """
    close = difflib.get_close_matches(value, known, n=3, cutoff=0.6)
    words = [w for w in folded(value).split("_") if len(w) >= 4]
    for key in known:
        haystack = folded(f"{key} {(labels or {}).get(key, '')}")
        if key not in close and any(word in haystack for word in words):
            close.append(key)
    if close:
        return f" ; valeurs proches : {', '.join(close)}"
    return f" ; valeurs acceptées : {', '.join(known)}"


# Names Windows reserves for devices, with or without an extension (CON, CON.txt, com1…).
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10))}


def _reference(consultation: Consultation) -> Iterator[Problem]:
    reference = consultation.reference
    if reference.startswith("."):
        yield ("consultation", "reference"), "la référence ne peut pas commencer par un point ; elle nomme le dossier produit"
    elif reference.endswith("."):
        yield ("consultation", "reference"), "la référence ne peut pas finir par un point : Windows ne sait pas nommer ce dossier"
    if reference.split(".")[0].upper() in WINDOWS_DEVICES:
        yield ("consultation", "reference"), (
            f"« {reference} » est un nom réservé par Windows ({reference.split('.')[0].upper()}) ; "
            "le dossier produit ne pourrait pas y être créé : choisissez une autre référence"
        )


def _publics(publics: list[str | AutrePublic]) -> Iterator[Problem]:
    known = reference.public_keys()
    for index, public in enumerate(publics):
        if isinstance(public, str) and public not in known:
            yield ("publics", index), f"public inconnu « {shortened(public)} »{close_matches(public, known)} (ou « autre: texte libre »)"


def _lot_numbers(parts: Parts) -> Iterator[Problem]:
    seen: set[int] = set()
    for index, lot in parts.lots:
        if lot.numero is None and parts.lot_count > 1:
            yield ("lots", index), "numero manquant : chaque lot d'une consultation allotie porte un numéro"
        elif lot.numero is not None and lot.numero in seen:
            yield ("lots", index, "numero"), f"le numéro de lot {lot.numero} est déjà utilisé"
        if lot.numero is not None:
            seen.add(lot.numero)
        if lot.intitule is None and lot.numero is not None:
            yield ("lots", index), "intitule manquant : donnez l'intitulé du lot"


def _lot(lot: Lot, at: PathKey) -> Iterator[Problem]:
    mechanism = reference.mechanism(lot.mecanisme)
    yield from _metier(lot, at)
    yield from _blocks(lot, mechanism, at)
    if mechanism.sized_by_formula and lot.heures is None and lot.metier is None and lot.part_main_oeuvre is None:
        yield at, "indiquez metier, part_main_oeuvre ou heures pour dimensionner les heures d'insertion"
    if lot.critere is not None and mechanism.may_be_scored:
        yield from _critere(lot.critere, lot.mecanisme, (*at, "critere"))
    if lot.motif_sans_clause is not None:
        yield from _motif(lot, mechanism, at)


def _metier(lot: Lot, at: PathKey) -> Iterator[Problem]:
    trades = reference.trades()
    if lot.metier is not None and lot.metier not in trades:
        labels = {key: trade.libelle for key, trade in trades.items()}
        hint = close_matches(lot.metier, list(trades), labels)
        yield (*at, "metier"), f"métier inconnu « {shortened(lot.metier)} »{hint} (ou indiquez part_main_oeuvre)"


_MISSING_BLOCK = {
    "critere": "un lot « {key} » doit décrire son critère (bloc critere avec ponderation)",
    "insertion": "un marché d'insertion doit décrire le bloc insertion (activite_support, postes, heures, encadrement)",
    "reserve_a": "un marché réservé doit indiquer reserve_a : {reserves}",
}


def _blocks(lot: Lot, mechanism: Mechanism, at: PathKey) -> Iterator[Problem]:
    """Each mechanism's own block is required, and only there (the criterion also where it is optional)."""
    block = mechanism.bloc
    if block is not None and getattr(lot, block) is None:
        reserves = " ou ".join([", ".join(reference.reservation_keys()[:-1]), reference.reservation_keys()[-1]])
        yield (*at, block), _MISSING_BLOCK[block].format(key=lot.mecanisme, reserves=reserves)
    allowed = {"critere": mechanism.may_be_scored, "insertion": block == "insertion", "reserve_a": block == "reserve_a"}
    for name, accepted in allowed.items():
        if getattr(lot, name) is not None and not accepted:
            yield (*at, name), f"sans objet pour le dispositif « {lot.dispositif} » ; retirez ce champ ou changez de dispositif"


def _critere(critere: Critere, mechanism: str, at: PathKey) -> Iterator[Problem]:
    known = list(reference.sub_criteria(mechanism))
    for key in critere.sous_criteres or {}:
        if key not in known:
            yield (*at, "sous_criteres", key), f"sous-critère inconnu « {shortened(key)} »{close_matches(key, known)}"
    total = sum((critere.sous_criteres or {}).values(), Decimal(0))
    if critere.sous_criteres and total != 100:
        yield (*at, "sous_criteres"), f"les pondérations des sous-critères totalisent {nombre_exact(total)} au lieu de 100"
    if critere.bareme is not None:
        yield from _bareme(critere.bareme, (*at, "bareme"))


def _bareme(bareme: dict[int, str], at: PathKey) -> Iterator[Problem]:
    marks = sorted(bareme)
    if marks != list(range(len(marks))) or len(marks) < 2:
        yield at, "le barème doit donner un descripteur à chaque note entière de 0 à la note maximale (au moins 0 et 1)"


def _motif(lot: Lot, mechanism: Mechanism, at: PathKey) -> Iterator[Problem]:
    reasons = list(reference.waiver_reasons())
    if lot.motif_sans_clause not in reasons:
        given = lot.motif_sans_clause or ""
        yield (*at, "motif_sans_clause"), f"motif inconnu « {shortened(given)} »{close_matches(given, reasons)}"
    if not mechanism.without_clause:
        keys = join_fr([key for key, row in reference.mechanisms().items() if row.without_clause])
        yield (*at, "motif_sans_clause"), f"un motif d'absence de clause n'a de sens que pour un lot « {keys} »"

