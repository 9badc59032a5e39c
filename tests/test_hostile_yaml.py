"""Issue 11, points 6, 7, 8, 12 and 13: YAML attacks, loader errors, bounds, Windows names, messages.

Each bad spec gets one exact French line naming its line, a non-zero exit, no
traceback and nothing written.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli.commands import main
from generator.errors import SpecError
from generator.publish import generate
from generator.review.run import check_spec
from generator.spec.load import load_spec
from tests.hostile import BASE, alias_bomb, dump, files_under, spec_dict, write


def problems(path) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{path} : spécification invalide"
    return [line.removeprefix("  - ") for line in lines[1:]]


def cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


TEXT = dump(BASE)
LOADER_ERRORS = [
    # point 6: ReaderError, impossible dates, huge integers, deep nesting
    (TEXT.replace("Réfection", "Réf\x01ection"),
     "ligne 3, colonne 13 : caractère de contrôle U+0001 interdit dans un fichier YAML ; retirez-le (il vient souvent d'un copier-coller)"),
    (TEXT.replace("2026-12-15", "2026-02-30"),
     "ligne 6, colonne 19 : date impossible « 2026-02-30 » (une date AAAA-MM-JJ qui existe est attendue)"),
    (TEXT.replace("2026-12-15", "2026-13-01"),
     "ligne 6, colonne 19 : date impossible « 2026-13-01 » (une date AAAA-MM-JJ qui existe est attendue)"),
    (TEXT.replace("1000000", "9" * 4400),
     "ligne 18, colonne 22 : nombre « " + "9" * 60 + "… » beaucoup trop long"),
    ("consultation: " + "[" * 10_000 + "]" * 10_000 + "\n",
     "ligne 1, colonne 34 : imbrication trop profonde (au plus 20 niveaux de listes ou de blocs)"),
    # point 7: alias bombs and a self-referencing alias
    (alias_bomb(9), "ligne 6, colonne 5 : les alias * démultiplient le contenu au-delà de 100\u202f000 éléments ; écrivez les valeurs sans alias"),
    ("a: &a [*a]\n", "ligne 1, colonne 4 : un alias * renvoie à un bloc qui le contient (structure sans fin)"),
    # point 13: no English fragment
    (TEXT + "---\nautre: 1\n",
     "ligne 22, colonne 1 : syntaxe YAML incorrecte : un seul document est attendu ; retirez la ligne « --- » ou « ... » et ce qui la suit"),
    (TEXT + "? [a, b]\n: c\n", "ligne 22, colonne 3 : une clé doit être un simple texte, pas une liste ni un bloc"),
]


@pytest.mark.parametrize(("text", "message"), LOADER_ERRORS)
def test_loader_errors_are_one_french_line_and_nothing_is_written(tmp_path, text, message):
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    assert problems(spec) == [message]
    result = cli("generer", str(spec), "-o", str(tmp_path / "out"))
    assert result.exit_code == 3 and result.stderr.splitlines()[1] == f"  - {message}"
    assert files_under(tmp_path / "out") == []


def test_an_alias_bomb_is_refused_before_anything_expands_it(tmp_path):
    """Twelve levels would be 9^12 nodes; the budget is measured on the composed nodes, each once."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(alias_bomb(12), encoding="utf-8")
    assert len(spec.read_bytes()) < 1000
    assert problems(spec) == [
        "ligne 6, colonne 5 : les alias * démultiplient le contenu au-delà de 100\u202f000 éléments ; écrivez les valeurs sans alias"
    ]


def test_a_legal_merge_key_is_not_a_duplicate_key(tmp_path):
    text = TEXT.replace("- numero: 1\n", "- &lot1\n  numero: 1\n") + "- <<: *lot1\n  numero: 2\n  intitule: Trottoirs\n"
    spec = tmp_path / "spec.yaml"
    spec.write_text(text, encoding="utf-8")
    lots = load_spec(spec).lots
    assert [(lot.numero, lot.intitule, lot.montant_estime_ht) for lot in lots] == [(1, "Voirie", 1000000), (2, "Trottoirs", 1000000)]


def test_a_key_written_twice_is_still_refused_with_its_line(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(TEXT.replace("  objet: Réfection de la voirie\n", "  objet: A\n  objet: B\n"), encoding="utf-8")
    assert problems(spec) == ["ligne 4 : la clé « objet » est écrite deux fois ; gardez-en une seule"]


BOUNDS = [
    # point 8: the range is in the message
    ({"lots.0.montant_estime_ht": 1e308},
     "ligne 18, champ lots[1].montant_estime_ht : doit être compris entre 0,01 et 100\u202f000\u202f000\u202f000, pas « 1e+308 »"),
    ({"parametres.cout_horaire": 1e-30}, "ligne 14, champ parametres.cout_horaire : doit être compris entre 1 et 1\u202f000, pas « 1e-30 »"),
    ({"lots.0.heures": 1e30}, "ligne 22, champ lots[1].heures : doit être compris entre 1 et 10\u202f000\u202f000, pas « 1e+30 »"),
    ({"lots.0.duree_mois": 10_000}, "ligne 20, champ lots[1].duree_mois : doit être compris entre 1 et 240, pas « 10000 »"),
    ({"parametres.arrondi": 0}, "ligne 14, champ parametres.arrondi : doit être compris entre 1 et 10\u202f000, pas « 0 »"),
    ({"parametres.heures_par_etp": 1e-9}, "ligne 14, champ parametres.heures_par_etp : doit être compris entre 100 et 3\u202f000, pas « 1e-09 »"),
    ({"consultation.date_lancement": "0823-09-30"},
     "ligne 6, champ consultation.date_lancement : date « 0823-09-30 » hors de la période plausible (01/01/2000 à 31/12/2100)"),
    # point 12: a lot number Excel cannot name a sheet after
    ({"lots.0.numero": 10**29},
     "ligne 15, champ lots[1].numero : doit être compris entre 1 et 999, pas « 100000000000000000000000000000 »"),
    # point 13: no Python repr, long values shortened
    ({"consultation.objet": None}, "ligne 3, champ consultation.objet : un texte est attendu, pas « vide »"),
    ({"lots.0.nature": "x" * 1_000_000},
     "ligne 17, champ lots[1].nature : valeur « " + "x" * 60 + "… » inconnue ; valeurs acceptées : travaux, services, fournitures"),
]


@pytest.mark.parametrize(("changes", "message"), BOUNDS)
def test_numbers_are_bounded_and_values_shown_briefly(tmp_path, changes, message):
    assert problems(write(tmp_path, spec_dict(**changes))) == [message]


@pytest.mark.parametrize("reference", ["CON", "nul", "COM1", "lpt9.txt", "a."])
def test_references_windows_cannot_name_are_refused(tmp_path, reference):
    device = reference.split(".")[0].upper()
    expected = (
        "ligne 2, champ consultation.reference : la référence ne peut pas finir par un point : Windows ne sait pas nommer ce dossier"
        if reference == "a." else
        f"ligne 2, champ consultation.reference : « {reference} » est un nom réservé par Windows ({device}) ; "
        "le dossier produit ne pourrait pas y être créé : choisissez une autre référence"
    )
    assert problems(write(tmp_path, spec_dict(**{"consultation.reference": reference}))) == [expected]


@pytest.mark.parametrize("amount", [0.01, 10, 1000])
def test_the_smallest_amounts_accepted_are_checked_and_generated_without_error(tmp_path, amount):
    """montant_estime_ht: 10 once divided by zero in CS203: every formula is total over the accepted range."""
    spec = write(tmp_path, spec_dict(**{"lots.0.montant_estime_ht": amount, "parametres.cout_horaire": 1000}))
    assert "CS202" in [finding.code for finding in check_spec(spec)]
    assert {path.name for path in generate(spec, tmp_path / "out")} >= {"RC-clause-insertion.docx", "CCAP-clause-insertion.docx"}


def test_the_largest_figures_accepted_are_checked_and_generated_without_error(tmp_path):
    spec = write(tmp_path, spec_dict(**{
        "lots.0.montant_estime_ht": 10**11, "lots.0.part_main_oeuvre": 1, "lots.0.duree_mois": 1,
        "parametres.cout_horaire": 1, "parametres.heures_par_etp": 100, "parametres.taux_insertion": 1,
    }))
    assert [finding.code for finding in check_spec(spec)] == ["CS203"]
    assert len(generate(spec, tmp_path / "out")) == 3
