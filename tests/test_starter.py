"""``clauses nouveau`` (the commented starter spec) and ``clauses schema`` (completion in the editor)."""

from __future__ import annotations

import datetime as dt
import json
import re

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.cli.commands import main
from generator.spec.load import load_spec
from generator.starter.schema import schema_text, spec_schema
from tests.conftest import ROOT, SPECS
from tests.spec_builder import spec

FLAGS = ["--reference", "2027-VOI-001", "--objet", "Réfection de la voirie", "--acheteur", "Ville de Rezé",
         "--date-lancement", "15/01/2027", "--facilitateur", "Maison de l'emploi", "--adresse", "1, rue de la Paix",
         "--telephone", "02 40 00 00 00", "--courriel", "clauses@exemple.fr"]


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_nouveau_with_options_writes_a_valid_commented_spec(tmp_path):
    path = tmp_path / "voirie.yaml"
    code, out, _ = run("nouveau", str(path), *FLAGS, "--dispositif", "clause_execution", "--dispositif", "Marché réservé")
    assert code == 0
    assert out.splitlines() == [f"écrit : {path}", f"écrit : {tmp_path / 'clauses.schema.json'}",
                                f"Ouvrez {path} pour remplacer les valeurs d'exemple, puis : clauses generer {path} --pdf"]
    loaded = load_spec(path)
    assert (loaded.consultation.reference, loaded.consultation.date_lancement) == ("2027-VOI-001", dt.date(2027, 1, 15))
    assert [(lot.numero, lot.mecanisme) for lot in loaded.lots] == [(1, "clause_execution"), (2, "marche_reserve")]
    text = path.read_text(encoding="utf-8").splitlines()
    assert text[0] == "# yaml-language-server: $schema=clauses.schema.json"
    assert re.sub(r"\s+", " ", text[14]) == (
        " date_lancement: 2027-01-15 # Date de lancement (obligatoire) : elle décide des textes et des seuils cités. "
        "Écrivez 2027-01-15 ou 15/01/2027.")
    assert re.sub(r"\s+", " ", next(line for line in text if "reserve_a" in line)) == (
        " reserve_a: siae # Bénéficiaires de la réservation : siae, handicap ou siae_et_handicap.")
    assert json.loads((tmp_path / "clauses.schema.json").read_text(encoding="utf-8")) == spec_schema()


def test_nouveau_without_terminal_fills_visible_placeholders(tmp_path):
    path = tmp_path / "Nettoyage écoles.yaml"
    assert run("nouveau", str(path))[0] == 0
    loaded = load_spec(path)
    assert loaded.consultation.reference == "Nettoyage-ecoles"
    assert loaded.consultation.objet == "Objet de la consultation (à compléter)"
    assert loaded.consultation.date_lancement == dt.date.today()
    assert not loaded.allotie and loaded.lots[0].mecanisme == "clause_execution"


def test_placeholders_left_by_nouveau_are_an_error_of_verifier(tmp_path):
    path = tmp_path / "x.yaml"
    assert run("nouveau", str(path), "--reference", "X-1", "--objet", "Voirie", "--acheteur", "Ville de Rezé",
               "--facilitateur", "Maison de l'emploi", "--courriel", "clauses@exemple.fr")[0] == 0
    code, out, _ = run("verifier", str(path))
    assert code == 1
    assert ("    Valeur d'exemple encore présente, qui paraîtrait telle quelle dans les documents : "
            "consultation.facilitateur.adresse, consultation.facilitateur.telephone.") in out.splitlines()


@pytest.mark.parametrize("mechanism", ["clause_execution", "clause_et_critere", "marche_insertion", "marche_reserve", "aucun"])
def test_every_mechanism_gives_a_spec_that_generates(tmp_path, mechanism):
    path = tmp_path / "x.yaml"
    assert run("nouveau", str(path), *FLAGS, "--dispositif", mechanism)[0] == 0
    code, out, err = run("generer", str(path), "-o", str(tmp_path / "out"))
    assert code == 0 and out.startswith(f"écrit : {tmp_path / 'out' / '2027-VOI-001'} (")
    assert (tmp_path / "out" / "2027-VOI-001" / "RC-clause-insertion.docx").exists()
    assert "0 en erreur ; vérifications : 0 erreur" in err.splitlines()[-1]


def test_nouveau_asks_in_a_terminal_and_asks_again_after_a_wrong_answer(tmp_path):
    path = tmp_path / "q.yaml"
    answers = ["Réf 1", "REF-1", "Réfection de la place", "Ville de Test", "31/02/2027", "15/01/2027", "1,9", "1, 4",
               "AMO", "1 rue", "02 40 00 00 00", "amo@", "amo@exemple.fr"]
    code, out, _ = run("nouveau", str(path), "--questions", input="\n".join(answers) + "\n")
    assert code == 0
    assert "Erreur : « Réf 1 » : seuls les lettres sans accent, les chiffres et . _ - sont permis (par exemple Ref-1)" in out
    assert "Erreur : une date est attendue, pas « 31/02/2027 » : cette date n'existe pas" in out
    assert ("Erreur : dispositif inconnu « 9 » ; valeurs acceptées : 1 à 5, ou clause_execution, clause_et_critere, "
            "marche_insertion, marche_reserve, aucun") in out
    assert "Erreur : adresse électronique invalide « amo@ » ; écrivez-la sous la forme nom@domaine.fr" in out
    assert "  4 marche_reserve : Marché réservé" in out.splitlines()
    loaded = load_spec(path)
    assert (loaded.consultation.reference, loaded.consultation.facilitateur.courriel) == ("REF-1", "amo@exemple.fr")
    assert [lot.mecanisme for lot in loaded.lots] == ["clause_execution", "marche_reserve"]


def test_nouveau_never_replaces_a_file(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("à moi", encoding="utf-8")
    code, out, err = run("nouveau", str(path), "--questions", input="\n")
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"Erreur : {path} existe déjà : choisissez un autre nom de fichier ; rien n'a été écrit."]
    assert path.read_text(encoding="utf-8") == "à moi"


def test_schema_is_printed_and_shipped_beside_the_examples():
    code, out, _ = run("schema")
    assert code == 0 and out == schema_text()
    assert (SPECS / "clauses.schema.json").read_text(encoding="utf-8") == schema_text(), "run: clauses schema > market_specs/clauses.schema.json"


def test_schema_speaks_french_and_lists_the_values():
    schema = spec_schema()
    lot = schema["$defs"]["Lot"]["properties"]
    assert lot["montant_estime_ht"]["description"] == "Montant estimé hors taxes, en euros ; écrivez 1850000 ou 1 850 000."
    assert lot["dispositif"]["enum"][:3] == ["clause_execution", "art14", "clause_et_critere"]
    assert "gros_oeuvre" in lot["metier"]["anyOf"][0]["enum"]
    assert schema["properties"]["publics"]["anyOf"][0]["items"]["anyOf"][0]["enum"][0] == "beneficiaires_rsa"
    assert "tutorat" in schema["$defs"]["Critere"]["properties"]["sous_criteres"]["anyOf"][0]["propertyNames"]["enum"]


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(spec_schema())


@pytest.mark.parametrize("example", sorted(SPECS.glob("*.yaml")), ids=lambda path: path.name)
def test_examples_follow_the_schema_and_name_it(example):
    text = example.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=clauses.schema.json"
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))  # dates as the editor sees them: text
    assert list(validator().iter_errors(data)) == []


def test_schema_accepts_french_values_and_rejects_unknown_ones():
    french = json.loads(json.dumps(spec(lot__montant_estime_ht="1 200 000", consultation__date_lancement="15/01/2027",
                                        lot__part_main_oeuvre="50 %"), default=str))
    assert list(validator().iter_errors(french)) == []
    wrong = json.loads(json.dumps(spec(lot__dispositif="article14", lot__metier="voirie"), default=str))
    assert sorted(error.message for error in validator().iter_errors(wrong)) == [
        "'article14' is not one of ['clause_execution', 'art14', 'clause_et_critere', 'art14_53', '14+53', 'marche_insertion', "
        "'art30', 'marche_reserve', 'art15', 'aucun']",
        "'voirie' is not valid under any of the given schemas",
    ]


def test_files_the_readme_and_data_tell_users_to_open_exist():
    """The example specs and the data files users are told to edit point only to files of the repository."""
    texts = [path.read_text(encoding="utf-8") for path in [*SPECS.glob("*.yaml"), *(ROOT / "generator" / "data").glob("*.yaml")]]
    named = {match for text in texts for match in re.findall(r"(?:generator/data|market_specs|clause_templates)/[\w.-]+\.\w+", text)}
    assert named and sorted(name for name in named if not (ROOT / name).exists()) == []
    assert not [text for text in texts if "shared/" in text or ".md" in text.replace("README.md", "")]


def test_every_field_of_the_spec_has_a_label_and_a_help():
    """data/champs.yaml follows the model: a new key gets its help in the editor and its label in comparisons."""
    schema = spec_schema()
    nodes = [schema, *schema["$defs"].values()]
    assert [key for node in nodes for key, prop in node["properties"].items() if "description" not in prop] == []
