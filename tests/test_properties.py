"""Issue 11, how it is proven: property-based tests over the spec loader and generator, the marks and the review file.

Whatever a user types, the tool answers with a French message naming the field
and writes nothing, or accepts the input and every document carries every text
the spec gave (no silent truncation). The budget is bounded (a few dozen
examples each, no deadline) so that the suite stays short.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.approval.store import read_review
from generator.award.report import REPORT, score_offers
from generator.errors import GridError, ReviewError, SpecError
from generator.publish import generate
from generator.review.approve import approve
from generator.review.run import check_spec
from generator.spec.load import load_spec
from generator.typography.rules import fix
from tests.conftest import SERVICES_EXAMPLE, docx_text, plain
from tests.hostile import dump, files_under, spec_dict, write

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
TEXT_FIELDS = {
    "consultation.objet": "consultation.objet",
    "consultation.acheteur.nom": "consultation.acheteur.nom",
    "consultation.facilitateur.structure": "consultation.facilitateur.structure",
    "consultation.facilitateur.adresse": "consultation.facilitateur.adresse",
    "lots.0.intitule": "lots[1].intitule",
}
any_text = st.text(st.characters(codec=None), min_size=1, max_size=40)
yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), any_text, st.dates().map(str))


def folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="clauses-prop-"))


def spaces(text: str) -> str:
    """Whitespace as a document shows it: runs collapsed (Word has no leading or double spaces to compare)."""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


@PROPERTY
@given(text=st.text(st.characters(codec=None), max_size=300))
def test_any_file_content_gives_a_spec_or_a_french_message(text):
    place = folder()
    try:
        spec = place / "spec.yaml"
        spec.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            load_spec(spec)
        except SpecError as exc:
            assert str(exc).startswith(f"{spec} : spécification invalide\n  - ")
    finally:
        shutil.rmtree(place)


@PROPERTY
@given(field=st.sampled_from(sorted(TEXT_FIELDS)), value=any_text)
def test_any_text_in_a_spec_is_refused_with_its_field_or_is_in_the_documents_in_full(field, value):
    place = folder()
    try:
        spec = write(place, spec_dict(**{field: value}))
        out = place / "out"
        try:
            written = generate(spec, out)
        except SpecError as exc:
            assert f"champ {TEXT_FIELDS[field]} : " in str(exc)
            assert files_under(out) == []
            return
        documents = " ".join(spaces(docx_text(path)) for path in written if path.suffix == ".docx")
        # Documents are set in French typography: « 0? » reads « 0 ? » (generator.typography).
        assert spaces(plain(fix(value))) in documents
        assert len(written) == 3
    finally:
        shutil.rmtree(place)


@PROPERTY
@given(numbers=st.fixed_dictionaries({}, optional={
    "lots.0.montant_estime_ht": st.one_of(st.integers(), st.floats(allow_nan=True)),
    "lots.0.part_main_oeuvre": st.floats(),
    "lots.0.duree_mois": st.integers(),
    "lots.0.numero": st.integers(),
    "parametres.cout_horaire": st.floats(),
    "parametres.heures_par_etp": st.one_of(st.integers(), st.floats()),
    "parametres.arrondi": st.integers(),
}))
def test_any_number_is_refused_with_its_range_or_every_check_and_document_is_computed(numbers):
    place = folder()
    try:
        spec = write(place, spec_dict(**numbers))
        try:
            load_spec(spec)
        except SpecError as exc:
            assert re.search(r"champ [a-z_.\[\]0-9]+ : ", str(exc))
            return
        check_spec(spec)
        assert len(generate(spec, place / "out")) == 3
    finally:
        shutil.rmtree(place)


KEYS = ("tutorat", "accompagnement_social", "qualification", "professionnalisation")
bidder = st.fixed_dictionaries({"nom": st.one_of(any_text, yaml_scalars)}, optional={
    "notes": st.dictionaries(st.sampled_from([*KEYS, "autre"]), st.fixed_dictionaries({}, optional={
        "note": yaml_scalars, "justification": st.one_of(any_text, yaml_scalars)})),
})


@PROPERTY
@given(bidders=st.lists(bidder, max_size=4))
def test_any_marks_file_is_scored_or_refused_in_french_without_a_report(bidders):
    place = folder()
    try:
        marks = place / "notes.yaml"
        marks.write_text(dump({"reference": "2027-NM-PROP-003", "lots": [{"candidats": bidders}]}), encoding="utf-8")
        try:
            award = score_offers(SERVICES_EXAMPLE, marks, place / "out")
        except GridError as exc:
            assert str(exc).startswith(f"{marks} : notation impossible, aucun rapport n'a été écrit\n  - ")
            assert not list(place.rglob(REPORT))
            return
        report = spaces(docx_text(award.report))
        assert all(spaces(entry.nom) in report for lot in award.lots for entry in lot.classement)
    finally:
        shutil.rmtree(place)


mutation = st.tuples(st.sampled_from(["par", "horodatage", "commentaire", "empreinte", "empreinte_precedente",
                                      "empreinte_specification", "inconnu"]), yaml_scalars)


@PROPERTY
@given(mutations=st.lists(mutation, min_size=1, max_size=3), target=st.sampled_from([0, 1]))
@example(mutations=[("horodatage", 0)], target=0)  # a time zone (1970 UTC) once crashed the future-date check
def test_any_edit_of_a_review_file_is_cs502_or_leaves_a_valid_history(mutations, target):
    place = folder()
    try:
        spec = write(place, spec_dict())
        approve(spec, "Marie Dupont")
        approve(spec, "Paul Martin", "Relu")
        review = spec.with_suffix(".revue.yaml")
        data = yaml.safe_load(review.read_text(encoding="utf-8"))
        for key, value in mutations:
            data["approbations"][target][key] = value
        review.write_text(dump(data), encoding="utf-8")
        try:
            approvals = read_review(spec).approvals
        except ReviewError as exc:
            assert [finding.message for finding in check_spec(spec) if finding.code == "CS502"] == [str(exc)]
            return
        assert [approval.par for approval in approvals] == ["Marie Dupont", "Paul Martin"]  # an edit that changed nothing
    finally:
        shutil.rmtree(place)
