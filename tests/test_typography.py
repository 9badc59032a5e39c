"""French typography (generator.typography), article numbering and page layout of the documents."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn

from generator.award.report import score_offers
from generator.cli.commands import main
from generator.drafting.columns import text_width
from generator.drafting.numbering import renumber
from generator.drafting.views import Buyer
from generator.publish import generate
from generator.templates import shipped_names, shipped_templates
from generator.typography.rules import fix, fix_pieces, fix_template_text, problems
from generator.typography.wordml import check, rewrite_parts
from tests.conftest import FULL_EXAMPLE, INSERTION_EXAMPLE, SPECS, docx_text, edited, spec_data
from tests.test_scoring import filled_example

NBSP, NNBSP, HYPHEN = "\u00a0", "\u202f", "\u2011"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Objet : l'insertion ; voir « Lot 2 » !", f"Objet{NBSP}: l’insertion{NNBSP}; voir «{NBSP}Lot 2{NBSP}»{NNBSP}!"),
        ("«Lot»", f"«{NBSP}Lot{NBSP}»"),
        ('le marché "Espaces verts"', f"le marché «{NBSP}Espaces verts{NBSP}»"),
        ("Lot:  2?", f"Lot{NBSP}:  2{NNBSP}?"),
        (
            "articles L. 2112-2-1 et R. 2123-1 (3°), art. L.5132-15-1",
            f"articles{NBSP}L.{NBSP}2112{HYPHEN}2{HYPHEN}1 et R.{NBSP}2123{HYPHEN}1{NBSP}(3°), art.{NBSP}L.{NBSP}5132{HYPHEN}15{HYPHEN}1",
        ),
        ("loi n° 78-17 ; article 14", f"loi n°{NBSP}78{HYPHEN}17{NNBSP}; article{NBSP}14"),
        ("10 % de 1 850 € sur 24 mois", f"10{NBSP}% de 1 850{NBSP}€ sur 24{NBSP}mois"),
        ("Attendez...", "Attendez…"),
        # Not French punctuation: addresses, times, URLs and e-mails stay as typed.
        ("https://clauses.example/?lot=2 à 10:30, amo@nantes.example", "https://clauses.example/?lot=2 à 10:30, amo@nantes.example"),
    ],
)
def test_fix_sets_french_typography(text, expected):
    assert fix(text) == expected
    assert fix(expected) == expected
    assert problems(expected) == []


def test_problems_name_each_break_of_the_rules():
    found = problems("Objet : l'accès ; «Lot» article L. 2112-2 et 10 %")
    assert [problem.message for problem in found] == [
        "espace insécable manquante avant « : »",
        "apostrophe droite au lieu de « ’ »",
        "espace fine insécable manquante avant « ; », « ! » ou « ? »",
        "espace insécable manquante après « « »",
        "espace insécable manquante avant « » »",
        "espace sécable après « L. », « R. » ou « D. » : la ligne peut finir sur « L. »",
        "espace sécable entre un nombre et son unité",
    ]
    assert [problem.message for problem in problems(f"L.{NBSP}2112-2")] == ["trait d’union sécable dans un numéro d’article"]


def test_fix_keeps_each_character_in_its_run():
    assert fix_pieces(["Acheteur", " :", " l'", "État"]) == ["Acheteur", f"{NBSP}:", " l’", "État"]
    assert fix_pieces(["voir «", "Lot", "» ;", ""]) == [f"voir «{NBSP}", "Lot", f"{NBSP}»{NNBSP};", ""]


def test_template_tags_are_left_as_written():
    assert fix_template_text("{{ lot.heures|heures }} : l'{{ x }} ; « {{ c }} »") == (
        f"{{{{ lot.heures|heures }}}}{NBSP}: l’{{{{ x }}}}{NNBSP}; «{NBSP}{{{{ c }}}}{NBSP}»"
    )
    assert fix_template_text("{%p if a %}") == "{%p if a %}"
    assert fix_template_text("**Lot :** {{ a }}") == f"**Lot{NBSP}:** {{{{ a }}}}"


@pytest.mark.parametrize("name", shipped_names())
def test_shipped_templates_are_in_french_typography(name):
    assert [problem.line() for problem in check((shipped_templates() / name).read_bytes())] == []


@pytest.fixture(scope="module")
def example_documents(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("exemples")
    report = score_offers(FULL_EXAMPLE, filled_example(tmp_path_factory.mktemp("notes")), out).report
    return [path for spec in sorted(SPECS.glob("*.yaml")) for path in generate(spec, out) if path.suffix == ".docx"] + [report]


def test_every_example_document_passes_the_typography_check(example_documents):
    assert len(example_documents) == 15
    assert {path.name: [p.line() for p in check(path.read_bytes())] for path in example_documents} == {
        path.name: [] for path in example_documents
    }


def paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    return docx.Document(str(path)).paragraphs


def test_values_from_the_spec_and_headers_are_set_too(tmp_path, write_spec):
    spec = write_spec(edited({
        "consultation.objet": "Voirie : rue de l'Île", "consultation.facilitateur.structure": "Maison de l'emploi",
        "consultation.acheteur.nom": "Ville d'Orléans",
    }))
    generate(spec, tmp_path)
    rc = tmp_path / "TEST-001" / "RC-clause-insertion.docx"
    texts = [p.text for p in paragraphs(rc)]
    assert f"Consultation{NBSP}: Voirie{NBSP}: rue de l’Île (référence TEST-001)" in texts
    assert "Maison de l’emploi" in texts
    header = docx.Document(str(rc)).sections[0].header.paragraphs[0].text
    assert header == "Ville d’Orléans — consultation TEST-001 — Règlement de la consultation — PROJET — non validé par le facilitateur"
    assert check(rc.read_bytes()) == []


def test_the_last_item_of_a_list_ends_with_a_full_stop(tmp_path, write_spec):
    generate(write_spec(edited({"publics": ["beneficiaires_rsa", "travailleurs_handicapes"]})), tmp_path)
    ccap = paragraphs(tmp_path / "TEST-001" / "CCAP-clause-insertion.docx")
    items = [p.text for p in ccap if p.style.name == "List Bullet"][:2]
    assert items[0].endswith(f"{NNBSP};")
    assert items[1].endswith(".") and not items[1].endswith(";.")


@pytest.mark.parametrize(
    ("article", "nom", "le", "capital", "du", "au"),
    [
        ("la", "Ville de Rezé", "la Ville de Rezé", "La Ville de Rezé", "de la Ville de Rezé", "à la Ville de Rezé"),
        ("le", "Centre hospitalier de Nantes", "le Centre hospitalier de Nantes", "Le Centre hospitalier de Nantes",
         "du Centre hospitalier de Nantes", "au Centre hospitalier de Nantes"),
        ("l'", "État", "l’État", "L’État", "de l’État", "à l’État"),
        ("les", "Hospices civils", "les Hospices civils", "Les Hospices civils", "des Hospices civils", "aux Hospices civils"),
        (None, "Nantes Métropole", "Nantes Métropole", "Nantes Métropole", "de Nantes Métropole", "à Nantes Métropole"),
        (None, "Orléans Métropole", "Orléans Métropole", "Orléans Métropole", "d’Orléans Métropole", "à Orléans Métropole"),
    ],
)
def test_the_buyer_reads_with_its_article(article, nom, le, capital, du, au):
    buyer = Buyer(nom, "collectivite", article)
    assert (buyer.le, buyer.Le, buyer.du, buyer.au) == (le, capital, du, au)


@pytest.mark.parametrize(("article", "nom", "sentence"), [("La", "Ville de Rezé", "La Ville de Rezé"), ("l’", "État", "L’État")])
def test_the_rc_names_the_buyer_with_its_article(tmp_path, write_spec, article, nom, sentence):
    spec = write_spec(edited({"consultation.acheteur.nom": nom, "consultation.acheteur.article": article}))
    generate(spec, tmp_path)
    rc = [p.text for p in paragraphs(tmp_path / "TEST-001" / "RC-clause-insertion.docx")]
    assert any(text.startswith(f"{sentence} fait de la commande publique un levier") for text in rc)


def headings(path: Path) -> list[str]:
    return [p.text.replace(NBSP, " ") for p in paragraphs(path) if p.style.name.startswith("Heading")]


def test_articles_are_numbered_from_the_buyers_first_article(tmp_path, write_spec):
    generate(write_spec(edited({"consultation.premier_article": {"rc": 7, "ccap": 12}})), tmp_path)
    folder = tmp_path / "TEST-001"
    assert headings(folder / "CCAP-clause-insertion.docx") == [
        "Article 12 — Condition d’exécution à caractère social",
        "12.1 Objet et fondement",
        "12.2 Volume d’heures d’insertion",
        "12.3 Publics éligibles",
        "12.4 Modalités de réalisation et décompte des heures",
        "12.5 Sous-traitance et groupement",
        "12.6 Adaptation du volume d’heures",
        "12.7 Plan d’action, suivi et bilan à mi-parcours",
        "12.8 Pièces justificatives",
        "12.9 Manquements et pénalités",
        "Article 13 — Facilitateur de la clause d’insertion",
        "Article 14 — Données personnelles",
    ]
    assert headings(folder / "RC-clause-insertion.docx") == [
        "Article 7 — Insertion professionnelle : dispositif retenu",
        "7.1 Objectif",
        "7.2 Fondement juridique",
        "7.3 Condition d’exécution à caractère social",
        "Article 8 — Pièces à fournir au titre de l’insertion",
        "Article 9 — Renseignements sur l’insertion",
    ]


def test_one_first_article_for_all_documents_and_one_by_default(tmp_path):
    generate(INSERTION_EXAMPLE, tmp_path / "un")
    assert headings(tmp_path / "un" / "2026-NM-ESP-022" / "CCAP-clause-insertion.docx")[:2] == [
        "Article 1 — Marché d’insertion et de qualification professionnelle", "1.1 Objet et fondement",
    ]
    spec = tmp_path / "spec.yaml"
    spec.write_text(edited({"consultation.premier_article": 5}, spec_data(INSERTION_EXAMPLE)), encoding="utf-8")
    generate(spec, tmp_path / "cinq")
    folder = tmp_path / "cinq" / "2026-NM-ESP-022"
    assert headings(folder / "CCTP-marche-insertion.docx")[:3] == [
        "Article 5 — Chantier d’insertion — entretien des espaces naturels de la vallée de la Chézine",
        "5.1 Objet de la prestation", "5.2 Activité support",
    ]
    assert headings(folder / "CCAP-clause-insertion.docx")[0].startswith("Article 5 — ")
    assert headings(folder / "RC-clause-insertion.docx")[0].startswith("Article 5 — ")


def test_numbered_headings_of_an_older_template_are_renumbered_with_their_references():
    document = docx.Document()
    document.add_heading("Article 1 — Condition d'exécution", level=1)
    document.add_heading("1.1 Objet", level=2)
    document.add_heading("1.3 Publics éligibles", level=2)  # 1.2 left out by a condition
    document.add_paragraph("Les publics définis à l'article 1.3 ; l'article 14 du code et l'article 1 du décret restent.")
    buffer = io.BytesIO()
    document.save(buffer)
    numbered = docx.Document(io.BytesIO(rewrite_parts(buffer.getvalue(), lambda root: renumber(root, 12))))
    assert [p.text for p in numbered.paragraphs] == [
        "Article 12 — Condition d'exécution",
        "12.1 Objet",
        "12.2 Publics éligibles",
        "Les publics définis à l'article 12.2 ; l'article 14 du code et l'article 1 du décret restent.",
    ]


def row_properties(path: Path) -> list[list[str]]:
    document = docx.Document(str(path))
    return [[child.tag.split("}")[1] for child in row._tr.trPr] for table in document.tables for row in table.rows]


def test_rows_never_split_and_small_tables_stay_on_one_page(example_documents):
    for path in example_documents:
        assert all("cantSplit" in properties for properties in row_properties(path)), path.name
    ccap = next(p for p in example_documents if p.name == "CCAP-clause-insertion.docx" and "GS-014" in str(p))
    table = docx.Document(str(ccap)).tables[0]
    keep = [[cell.paragraphs[0].paragraph_format.keep_with_next for cell in row.cells] for row in table.rows]
    assert len(keep) >= 3 and all(all(row) for row in keep[:-1])
    intro = next(p for p in paragraphs(ccap) if p.text.startswith("Le titulaire réalise au minimum"))
    assert intro.paragraph_format.keep_with_next is True


def test_the_facilitator_contact_block_stays_together(example_documents):
    rc = next(p for p in example_documents if p.name == "RC-clause-insertion.docx" and "GS-014" in str(p))
    texts = paragraphs(rc)
    start = next(i for i, p in enumerate(texts) if p.text == "Nantes Métropole — AMO Insertion")
    block = texts[start:start + 6]
    assert block[-1].text.startswith("Courriel")
    assert [p.paragraph_format.keep_with_next for p in block] == [True] * 5 + [None]
    assert all(p.paragraph_format.keep_together for p in block)


def test_grid_rows_leave_room_to_write_and_columns_fit_their_longest_word(example_documents):
    grid = next(p for p in example_documents if p.name == "grille-analyse-insertion.docx" and "GS-014" in str(p))
    table = docx.Document(str(grid)).tables[0]
    heights = [row.height for row in table.rows]
    assert heights[1:5] == [docx.shared.Cm(3).twips * 635] * 4  # EMU: 635 per twip
    widths = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[0] >= text_width("Professionnalisation") + 216 > 2000
    assert sum(widths) == pytest.approx(2049 * 7, abs=7)
    assert len(set(widths[2:])) == 1  # the bidders' columns stay equal


def test_the_review_note_shows_labels_not_spec_keys(example_documents):
    note = next(p for p in example_documents if p.name == "note-revue.docx" and "GS-014" in str(p))
    text = docx_text(note)
    assert "Lot 1 : 1 850 000 € × 50 % (gros œuvre, maçonnerie) × 5 % ÷ 30 €/h = 1 541,67 h → 1 542 h (arrondi à 1 h)." in text
    assert "gros_oeuvre" not in text and "espaces_verts" not in text


def test_one_word_for_the_contract_holder(example_documents):
    for path in example_documents:
        if path.name.startswith(("RC", "CCAP", "CCTP")):
            text = docx_text(path).lower()
            assert "prestataire" not in text and "attributaire" not in text, path.name


def test_bad_article_and_first_article_are_refused(tmp_path, write_spec):
    spec = write_spec(edited({"consultation.acheteur.article": "du", "consultation.premier_article": 0}))
    result = CliRunner().invoke(main, ["verifier", str(spec)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-2:] == [
        "  - ligne 6, champ consultation.acheteur.article : valeur « du » inconnue ; valeurs acceptées : le, la, l', les",
        "  - ligne 13, champ consultation.premier_article : doit être compris entre 1 et 999, pas « 0 »",
    ]


def test_rendering_is_deterministic(tmp_path):
    first = generate(FULL_EXAMPLE, tmp_path / "a")
    second = generate(FULL_EXAMPLE, tmp_path / "b")
    for one, two in zip(sorted(first), sorted(second), strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name
    with zipfile.ZipFile(io.BytesIO(sorted(first)[0].read_bytes())) as archive:
        assert re.match(rb"<\?xml version='1.0' encoding='UTF-8' standalone='yes'\?>", archive.read("word/document.xml"))


def test_the_widths_a_template_chose_give_way_only_to_a_word_that_does_not_fit(example_documents):
    rc = next(p for p in example_documents if p.name == "RC-clause-insertion.docx" and "GS-014" in str(p))
    table = docx.Document(str(rc)).tables[0]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert [cell.width.twips for cell in table.rows[1].cells] == grid
    # The source asks for 6 | 26 | 28 | 14 | 13 | 13 %: « Total » needs more than 6 %,
    # and « 11 562 heures », joined by no-break spaces, more than 14 %; the two text
    # columns give that width back, the table keeps its width (16,6 cm).
    assert [round(width * 100 / sum(grid)) for width in grid] == [8, 23, 26, 18, 13, 13]
    assert sum(grid) == pytest.approx(docx.shared.Cm(16.6).twips, abs=5)
