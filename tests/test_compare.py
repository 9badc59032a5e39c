"""clauses comparer: spec field changes and the clause text, in the terminal and in Word."""

from __future__ import annotations

import docx
from click.testing import CliRunner

from generator.cli.commands import main
from generator.compare.comparison import compare, report_lines
from generator.compare.marked_docx import GREEN, RED
from tests.conftest import FULL_EXAMPLE, edited, plain, spec_data

ORIGINAL = FULL_EXAMPLE.read_text(encoding="utf-8")
# One lot's hours (lot 1 given 1 800 hours instead of the formula's 1 542) and one
# sub-criterion weight (lot 2 tutorat 30 -> 40, professionnalisation 20 -> 10 to keep 100).
REVISED = edited({
    "lots.0.heures": 1800,
    "lots.1.critere.sous_criteres.tutorat": 40,
    "lots.1.critere.sous_criteres.professionnalisation": 10,
}, FULL_EXAMPLE)
TUTORAT = "Tutorat | identité et fonction du tuteur ou du référent, sa formation au tutorat, le temps consacré à l'accueil et au suivi des personnes"
EXAMPLE = "Exemple : un candidat noté 4, 3, 2 et 1 sur 5 aux sous-critères, dans l'ordre du tableau, obtient"
PRO = "Professionnalisation | perspectives de parcours à l'issue du marché, types de contrats proposés (CDI, contrat de professionnalisation, apprentissage)"


def versions(write_spec, revised: str = REVISED):
    return write_spec(ORIGINAL, "ancienne.yaml"), write_spec(revised, "nouvelle.yaml")


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, plain(result.stdout).splitlines()


def test_comparer_shows_the_changed_fields_and_paragraphs(write_spec):
    old, new = versions(write_spec)
    code, lines = run("comparer", str(old), str(new))
    assert code == 0
    assert lines == [
        f"Comparaison de {old} et {new}",
        "",
        "Spécification",
        "  Lot 1 — heures d'insertion : 1 542 heures → 1 800 heures",
        "  Lot 2 — sous-critère Tutorat : 30 % → 40 %",
        "  Lot 2 — sous-critère Professionnalisation : 20 % → 10 %",
        "",
        "Texte des clauses",
        "  RC-clause-insertion.docx : 5 paragraphes supprimés, 5 paragraphes ajoutés",
        "    - 1 | Gros œuvre | Clause d'insertion, condition d'exécution | 1 542 heures | 0,8 ETP | 0,6",
        "    + 1 | Gros œuvre | Clause d'insertion, condition d'exécution | 1 800 heures | 1 ETP | 0,7",
        "    - Total |  |  | 11 562 heures | 6,3 ETP | —",
        "    + Total |  |  | 11 820 heures | 6,5 ETP | —",
        f"    - {TUTORAT} | 30 %",
        f"    + {TUTORAT} | 40 %",
        f"    - {PRO} | 20 %",
        f"    + {PRO} | 10 %",
        # The worked example follows the weights: the method announced is the one applied.
        f"    - {EXAMPLE} 10 × (30 × 4 + 20 × 3 + 30 × 2 + 20 × 1) ÷ (5 × 100) = 5,20 sur 10 points.",
        f"    + {EXAMPLE} 10 × (40 × 4 + 20 × 3 + 30 × 2 + 10 × 1) ÷ (5 × 100) = 5,80 sur 10 points.",
        "  CCAP-clause-insertion.docx : 1 paragraphe supprimé, 1 paragraphe ajouté",
        "    - 1 | Gros œuvre | 1 542 heures | 0,8 ETP | 0,6",
        "    + 1 | Gros œuvre | 1 800 heures | 1 ETP | 0,7",
        "  CCTP-marche-insertion.docx : inchangé",
    ]


def test_identical_versions(write_spec):
    old, new = versions(write_spec, ORIGINAL)
    _, lines = run("comparer", str(old), str(new))
    assert lines[2:5] == ["Spécification", "  Aucun changement.", ""]
    assert lines[-3:] == ["  RC-clause-insertion.docx : inchangé", "  CCAP-clause-insertion.docx : inchangé", "  CCTP-marche-insertion.docx : inchangé"]


def test_lots_added_and_removed_and_other_fields(write_spec):
    lots = spec_data(FULL_EXAMPLE)["lots"]
    assert lots[4]["numero"] == 5
    lot_6 = {"numero": 6, "intitule": "Peinture", "nature": "travaux", "montant_estime_ht": 120000, "metier": "peinture",
             "dispositif": "clause_execution"}
    revised = edited({"consultation.objet": "Groupe scolaire Ouest", "lots": [*lots[:4], lot_6]}, FULL_EXAMPLE)
    old, new = versions(write_spec, revised)
    changes = [change.line.replace("\u202f", " ").replace("\u00a0", " ") for change in compare(old, new).champs]
    assert changes == [
        "objet : « Construction du groupe scolaire Ouest » → « Groupe scolaire Ouest »",
        "Lot 6 — lot ajouté : (absent) → « Peinture » (Clause d'insertion, condition d'exécution, 140 heures)",
        "Lot 5 — lot supprimé : « Fourniture de mobilier » (Sans clause d'insertion) → (absent)",
    ]


def test_terminal_colors_deletions_in_red_and_insertions_in_green(write_spec):
    old, new = versions(write_spec)
    result = CliRunner().invoke(main, ["comparer", str(old), str(new)], color=True)
    assert "\x1b[31m    - 1 | Gros œuvre" in result.stdout
    assert "\x1b[32m    + 1 | Gros œuvre" in result.stdout
    kinds = {kind for kind, _ in report_lines(compare(old, new))}
    assert kinds == {"titre", "texte", "delete", "insert"}


def test_comparer_docx_marks_deletions_and_insertions(write_spec, tmp_path):
    old, new = versions(write_spec)
    target = tmp_path / "modifications.docx"
    code, lines = run("comparer", str(old), str(new), "--docx", str(target))
    assert code == 0 and lines[-1] == f"écrit : {target}"
    document = docx.Document(str(target))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    struck = [r.text for r in runs if r.font.strike and r.font.color.rgb == RED]
    underlined = [r.text for r in runs if r.font.underline and r.font.color.rgb == GREEN]
    # The spec changes, then the RC table row word by word: 1 542 -> 1 800 heures, 0,8 -> 1 ETP.
    assert struck[:6] == ["texte supprimé", "1\u202f542\u00a0heures", "30\u00a0%", "20\u00a0%", "542", "0,8"]
    assert underlined[:6] == ["texte ajouté", "1\u202f800\u00a0heures", "40\u00a0%", "10\u00a0%", "800", "1"]
    texts = [p.text for p in document.paragraphs]
    assert "Version précédente : ancienne.yaml — nouvelle version : nouvelle.yaml." in texts
    assert "CCTP-marche-insertion.docx" in texts and "Texte inchangé." in texts


def test_comparer_docx_is_deterministic(write_spec, tmp_path):
    old, new = versions(write_spec)
    run("comparer", str(old), str(new), "--docx", str(tmp_path / "a.docx"))
    run("comparer", str(old), str(new), "--docx", str(tmp_path / "b.docx"))
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_comparer_with_an_invalid_spec(write_spec, tmp_path):
    old, _ = versions(write_spec)
    result = CliRunner().invoke(main, ["comparer", str(old), str(tmp_path / "absente.yaml")])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[:2] == [f"{tmp_path / 'absente.yaml'} : spécification invalide", "  - fichier introuvable"]


def test_libreoffice_opens_the_comparison_docx(write_spec, tmp_path):
    from tests.test_libreoffice import convert

    old, new = versions(write_spec)
    target = tmp_path / "modifications.docx"
    run("comparer", str(old), str(new), "--docx", str(target))
    pdf_dir = tmp_path / "pdf"
    pdf_dir.mkdir()
    convert([target], pdf_dir)
    assert (pdf_dir / "modifications.pdf").read_bytes().startswith(b"%PDF")


def test_amounts_costs_and_rates_are_printed_with_their_unit(write_spec):
    revised = edited({"lots.0.montant_estime_ht": 2000000, "lots.0.taux_insertion": 0.075, "parametres.cout_horaire": 32,
                      "parametres.taux_insertion": 0.06, "parametres.penalite_par_heure": 60}, FULL_EXAMPLE)
    old, new = versions(write_spec, revised)
    changes = [change.line for change in compare(old, new).champs if "heures" not in change.line]
    assert changes == [
        "coût horaire : 30\u00a0€/h → 32\u00a0€/h",
        "taux d'insertion : 5\u00a0% → 6\u00a0%",
        "pénalité par heure : 50\u00a0€/h → 60\u00a0€/h",
        "Lot 1 — montant estimé HT : 1\u202f850\u202f000\u00a0€\u00a0HT → 2\u202f000\u202f000\u00a0€\u00a0HT",
        "Lot 1 — taux d'insertion du lot : (absent) → 7,5\u00a0%",
    ]
