"""Generated documents: their text, figures, articles, and the safety of the output."""

import datetime as dt
import re
import shutil
from pathlib import Path

import docx
import pytest

from generator import generate
from generator.errors import OutputError, TemplateError
from generator.files import output_folder
from generator.templates import shipped_templates
from tests.conftest import FULL_EXAMPLE, INSERTION_EXAMPLE, MINIMAL_SPEC, SERVICES_EXAMPLE, docx_text, edited

RC, CCAP, CCTP = "RC-clause-insertion.docx", "CCAP-clause-insertion.docx", "CCTP-marche-insertion.docx"


@pytest.fixture(scope="module")
def full(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    generate(FULL_EXAMPLE, out)
    return out / "2026-NM-GS-014"


def test_full_example_writes_the_three_documents(full):
    assert {p.name for p in full.glob("*.docx")} >= {RC, CCAP, CCTP}


def test_rc_table_of_lots_hours_and_etp(full):
    text = docx_text(full / RC)
    assert "1 | Gros œuvre | Clause d'insertion, condition d'exécution | 1 542 heures | 0,8 ETP" in text
    assert "2 | Entretien des espaces verts | Clause d'insertion, condition d'exécution et critère d'attribution | 420 heures | 0,2 ETP" in text
    assert "3 | Chantier d'insertion — entretien des berges | Marché d'insertion et de qualification professionnelle | 9 600 heures | 5,3 ETP" in text
    assert "4 | Nettoyage des vestiaires | Marché réservé | — | —" in text
    assert "Total |  |  | 11 562 heures | 6,3 ETP" in text


def test_rc_cites_the_code_in_force_at_launch(full):
    text = docx_text(full / RC)
    # Works at 1 850 000 € stay under the works threshold; services (lots 2, 4, 5) reach theirs.
    assert "Lot 1 (clause d'insertion, condition d'exécution) : article L. 2112-2 du code de la commande publique." in text
    assert ("Lot 2 (clause d'insertion, condition d'exécution et critère d'attribution) : articles L. 2112-2, L. 2112-2-1, "
            "L. 2152-7 et R. 2152-7 du code de la commande publique.") in text
    assert "Lot 3 (marché d'insertion et de qualification professionnelle) : article R. 2123-1 (3°) du code de la commande publique." in text
    assert "code des marchés publics" not in text


def test_rc_states_the_criterion_weights_and_scale(full):
    text = docx_text(full / RC)
    assert "pondéré à 10 % de la note globale (fondement : articles L. 2152-7 et R. 2152-7 du code de la commande publique)" in text
    assert "Tutorat | identité et fonction du tuteur ou du référent, sa formation au tutorat, le temps consacré à l'accueil et au suivi des personnes | 30 %" in text
    assert "Accompagnement social | " in text and "| 20 %" in text
    assert "5 | Très satisfaisant" in text and "0 | Absent" in text
    assert "Lot 2 : une note méthodologique insertion répondant à chacun des sous-critères" in text


def test_rc_states_the_reservation_and_the_proof(full):
    text = docx_text(full / RC)
    assert ("Ce lot est réservé aux structures d'insertion par l'activité économique (SIAE) mentionnées à l'article L. 5132-4 "
            "du code du travail ainsi qu'aux structures équivalentes, qui emploient au moins 50 % de travailleurs "
            "défavorisés parmi leurs salariés (fondement : articles L. 2113-13 et R. 2113-7 du code de la commande "
            "publique).") in text
    assert ("Lot 4 : la copie de la convention en cours de validité conclue avec l'État au titre de l'insertion par "
            "l'activité économique ou, pour une structure équivalente, notamment établie dans un autre État membre de "
            "l'Union européenne, tout document équivalent attestant de sa mission d'insertion et de la proportion de "
            "travailleurs défavorisés qu'elle emploie.") in text


def test_rc_names_the_facilitator_with_full_contact(full):
    text = docx_text(full / RC)
    for line in ("Nantes Métropole — AMO Insertion", "Direction de l'Emploi et de l'Innovation Sociale",
                 "Adresse : 2, cours du Champ de Mars, 44923 Nantes Cedex 9", "Téléphone : 02 40 99 98 27",
                 "Courriel : amo.insertion@nantes.example", "À l'attention de : Responsable de l'AMO Insertion"):
        assert line in text.splitlines()


def test_ccap_hours_publics_follow_up_penalties_and_personal_data(full):
    text = docx_text(full / CCAP)
    assert "1 | Gros œuvre | 1 542 heures | 0,8 ETP" in text
    assert "les demandeurs d'emploi inscrits à France Travail depuis plus de douze mois en continu" in text
    assert "une réunion de lancement réunit l'acheteur, le titulaire et le facilitateur" in text
    assert "Chaque mois, le titulaire transmet au facilitateur une fiche de suivi" in text
    assert "fait chaque trimestre lors d'une réunion de chantier" in text
    assert "le titulaire encourt une pénalité de 50 € HT par heure manquante" in text
    assert "Article 5 — Données personnelles" in text.splitlines()
    assert "Pôle emploi" not in text


def test_cctp_describes_the_insertion_market(full):
    text = docx_text(full / CCTP)
    assert "Lot 3 — Chantier d'insertion — entretien des berges" in text
    assert ("Le titulaire accueille 8 salariés en insertion et leur assure au total 9 600 heures de travail "
            "sur une durée de 12 mois, soit environ 1 200 heures par poste, 5,3 ETP annuels et 5,3 postes à temps plein "
            "en moyenne sur la durée du marché.") in text
    assert "un encadrant technique pour huit salariés" in text
    assert "Le titulaire vise au moins 60 % de sorties dynamiques, dont 25 % vers l'emploi durable" in text
    assert "Emploi durable : CDI, CDD ou intérim de plus de six mois" in text


def test_every_document_is_marked_draft_until_approved(full):
    for name in (RC, CCAP, CCTP):
        text = docx_text(full / name)
        assert "PROJET — non validé par le facilitateur" in text.splitlines()
        assert text.splitlines()[-1].endswith("— PROJET — non validé par le facilitateur")


def test_non_allotted_market_never_says_lot_1(tmp_path):
    for example in (SERVICES_EXAMPLE, INSERTION_EXAMPLE):
        for path in (p for p in generate(example, tmp_path) if p.suffix == ".docx"):
            assert not re.search(r"\blot 1\b", docx_text(path), re.IGNORECASE), path.name


def test_non_allotted_services_market_with_criterion(tmp_path):
    folder = tmp_path / "2027-NM-PROP-003"
    assert sorted(p.name for p in generate(SERVICES_EXAMPLE, tmp_path)) >= sorted([CCAP, RC])
    rc = docx_text(folder / RC)
    assert "Le marché fait l'objet du dispositif d'insertion indiqué ci-dessous." in rc
    assert "Nettoyage des locaux administratifs de l'Hôtel de Métropole | Clause d'insertion, condition d'exécution et critère d'attribution | 1 195 heures | 0,7 ETP" in rc
    assert "pondéré à 15 % de la note globale" in rc
    ccap = docx_text(folder / CCAP)
    assert "les femmes isolées éloignées de l'emploi, sur proposition d'un prescripteur." in ccap
    assert "fait chaque mois lors d'une réunion de chantier" in ccap
    assert not (folder / CCTP).exists()


def test_insertion_market_alone(tmp_path):
    folder = tmp_path / "2026-NM-ESP-022"
    generate(INSERTION_EXAMPLE, tmp_path)
    rc, cctp = docx_text(folder / RC), docx_text(folder / CCTP)
    assert "Le marché a pour objet l'insertion et la qualification professionnelle" in rc
    assert "article R. 2123-1 (3°) du code de la commande publique" in rc
    assert "pondéré à 60 % de la note globale" in rc
    assert "Le titulaire accueille 5 salariés en insertion et leur assure au total 12 000 heures de travail sur une durée de 24 mois" in cctp
    assert "Lieu d'exécution : vallée de la Chézine, Nantes et Saint-Herblain." in cctp
    assert "Chaque salarié suit au moins 70 heures de formation" in cctp


def test_employment_service_named_by_date(write_spec, tmp_path):
    before = write_spec(edited({"consultation.date_lancement": dt.date(2023, 6, 1)}), "avant.yaml")
    ccap = docx_text(generate(before, tmp_path / "a")[1])
    assert "inscrits à Pôle emploi depuis plus de douze mois" in ccap and "France Travail" not in ccap
    after = write_spec(MINIMAL_SPEC, "apres.yaml")
    ccap = docx_text(generate(after, tmp_path / "b")[1])
    assert "inscrits à France Travail depuis plus de douze mois" in ccap and "Pôle emploi" not in ccap


def test_older_launch_dates_cite_the_texts_then_in_force(write_spec, tmp_path):
    rc = docx_text(generate(write_spec(edited({"consultation.date_lancement": dt.date(2017, 5, 2)})), tmp_path)[0])
    assert "article 38 de l'ordonnance n° 2015-899 du 23 juillet 2015 relative aux marchés publics" in rc
    assert "L. 2112-2" not in rc


def test_no_penalty_section_without_a_penalty(tmp_path, write_spec):
    ccap = docx_text(generate(write_spec(), tmp_path)[1])
    assert "pénalité de" not in ccap
    assert "Les documents du marché ne fixent pas de pénalité par heure manquante." in ccap
    assert "Article 3 — Données personnelles" in ccap.splitlines()


def test_special_characters_print_as_typed(write_spec, tmp_path):
    text = edited({"consultation.acheteur.nom": 'R&D <lot B> "SA"'})
    rc = docx_text(generate(write_spec(text), tmp_path)[0])
    assert "R&D <lot B> « SA » fait de la commande publique un levier" in rc


def test_generation_is_deterministic(tmp_path):
    first = generate(FULL_EXAMPLE, tmp_path / "one")
    second = generate(FULL_EXAMPLE, tmp_path / "two")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def _broken_templates(tmp_path: Path, name: str, tag: str) -> Path:
    templates = tmp_path / "modeles"
    shutil.copytree(shipped_templates(), templates, ignore=shutil.ignore_patterns("*.py", "sources", "__pycache__"))
    document = docx.Document(str(templates / name))
    document.add_paragraph(tag)
    document.save(str(templates / name))
    return templates


def test_missing_value_in_a_template_is_an_error_and_nothing_is_written(tmp_path):
    templates = _broken_templates(tmp_path, CCAP, "{{ consultation.budget }}")
    with pytest.raises(TemplateError) as caught:
        generate(FULL_EXAMPLE, tmp_path / "out", templates)
    assert str(caught.value) == (
        "Modèle CCAP-clause-insertion.docx : valeur inconnue (« budget » n'existe pas ; les données disponibles ici sont : "
        "reference, objet, procedure, date_lancement, premier_article). Le modèle demande une donnée que l'outil ne fournit pas."
    )
    assert not (tmp_path / "out").exists()


def test_a_failed_run_keeps_the_previous_dossier(tmp_path):
    out = tmp_path / "out"
    written = generate(FULL_EXAMPLE, out)
    before = {p: p.read_bytes() for p in written}
    templates = _broken_templates(tmp_path, CCTP, "{% if %}")
    with pytest.raises(TemplateError, match=r"^Modèle CCTP-marche-insertion\.docx : balise mal formée"):
        generate(FULL_EXAMPLE, out, templates)
    assert {p: p.read_bytes() for p in written} == before
    assert sorted(p.name for p in (out / "2026-NM-GS-014").iterdir() if p.name.startswith(".")) == []


def test_documents_no_longer_needed_are_removed(tmp_path, write_spec):
    out = tmp_path / "out"
    generate(FULL_EXAMPLE, out)
    assert (out / "2026-NM-GS-014" / CCTP).exists()
    generate(write_spec(edited({"consultation.reference": "2026-NM-GS-014"})), out)
    assert not (out / "2026-NM-GS-014" / CCTP).exists()
    assert (out / "2026-NM-GS-014" / CCAP).exists()


def test_output_never_leaves_its_folder(tmp_path):
    with pytest.raises(OutputError) as caught:
        output_folder(tmp_path, "..")
    assert str(caught.value) == f"Référence « .. » refusée : le dossier produit sortirait de {tmp_path.resolve()}."


def test_custom_templates_folder_is_used(tmp_path):
    templates = _broken_templates(tmp_path, RC, "Clause relue par le service juridique.")
    rc = generate(FULL_EXAMPLE, tmp_path / "out", templates)[0]
    assert "Clause relue par le service juridique." in docx_text(rc)


def test_templates_have_real_word_structure():
    document = docx.Document(str(shipped_templates() / RC))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet"} <= styles
    assert (round(document.sections[0].page_width.cm, 1), round(document.sections[0].page_height.cm, 1)) == (21.0, 29.7)
