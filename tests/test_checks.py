"""Each review rule both ways: a spec that triggers it (exact code and message) and one that does not."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.review.rules import RULES
from generator.review.run import check_spec
from tests.conftest import DELETE, MINIMAL_SPEC, edited

# The minimal spec with a penalty: it triggers no rule at all.
BASE = edited({"parametres": {"penalite_par_heure": 50}})

SERVICES = edited({"lots": [
    {"numero": 1, "intitule": "Propreté", "nature": "services", "montant_estime_ht": 300000, "part_main_oeuvre": 0.8,
     "duree_mois": 24, "dispositif": "clause_execution"},
    {"numero": 2, "intitule": "Mobilier", "nature": "fournitures", "montant_estime_ht": 50000, "dispositif": "aucun"},
]}, BASE)
WITH_REASON = edited({"lots.1.motif_sans_clause": "lien_objet_insuffisant"}, SERVICES)


def launched(on: dt.date, source: str = BASE) -> str:
    return edited({"consultation.date_lancement": on}, source)


def plain(text: str | None) -> str | None:
    return text.replace("\u202f", " ").replace("\u00a0", " ") if text else text


def found(path, code: str) -> list[tuple[str | None, str, str]]:
    """(lot, message, action) of every finding with ``code``, spaces normalised."""
    return [(f.lot, plain(f.message), plain(f.action)) for f in check_spec(path) if f.code == code]  # type: ignore[misc]


def messages(path, code: str) -> list[str]:
    return [message for _, message, _ in found(path, code)]


def test_the_base_spec_has_no_finding(write_spec):
    assert check_spec(write_spec(BASE)) == []


def test_every_rule_has_a_unique_code_a_severity_a_title_and_a_description():
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes)) >= 17
    for rule in RULES:
        assert rule.gravite in ("erreur", "avertissement", "info")
        assert rule.titre and len(rule.description) > 40, rule.code


# --- CS101 / CS102: the mandatory social condition ------------------------------------


def test_cs101_lot_without_clause_above_threshold_after_august_2026(write_spec):
    assert found(write_spec(SERVICES), "CS101") == [(
        "Lot 2",
        "La consultation est lancée le 15 décembre 2026 et le montant estimé de ses fournitures et services "
        "(350 000 € HT, lots de même nature additionnés) atteint le seuil européen de 216 000 € HT : une condition "
        "d'exécution à caractère social est obligatoire (article L. 2112-2-1 du code de la commande publique), et ce "
        "lot n'en comporte pas.",
        "Ajoutez une clause d'insertion (clause_execution ou clause_et_critere) ou indiquez dans motif_sans_clause "
        "l'un des motifs admis : lien_objet_insuffisant, restriction_concurrence, difficulte_execution, solution_immediate.",
    )]


@pytest.mark.parametrize("change", [
    {"consultation.date_lancement": dt.date(2026, 8, 21)},  # launched before L2112-2-1 applies
    {"lots.0.montant_estime_ht": 100000},  # total 150 000 € under the 216 000 € threshold
])
def test_cs101_not_raised_before_the_date_or_under_the_threshold(write_spec, change):
    assert found(write_spec(edited(change, SERVICES)), "CS101") == []


def test_cs101_is_an_error_of_verifier(write_spec):
    assert [f.gravite for f in check_spec(write_spec(SERVICES)) if f.code == "CS101"] == ["erreur"]


def test_cs102_a_recorded_reason_is_an_info_recalling_to_record_it(write_spec):
    spec = write_spec(WITH_REASON)
    assert found(spec, "CS101") == []
    assert found(spec, "CS102") == [(
        "Lot 2",
        "Ce lot n'a pas de condition sociale pour le motif suivant : absence de lien suffisant avec l'objet du marché.",
        "Consignez les raisons précises de ce choix dans le rapport de présentation de la procédure.",
    )]


def test_cs102_not_raised_when_the_condition_is_not_mandatory(write_spec):
    assert found(write_spec(launched(dt.date(2026, 6, 1), WITH_REASON)), "CS102") == []


# --- CS103 to CS106: the law in force -------------------------------------------------


def test_cs103_a_date_before_any_known_text_is_an_error_not_a_crash(write_spec):
    spec = write_spec(launched(dt.date(2005, 1, 1)))
    assert found(spec, "CS103") == [(
        None,
        "Aucun texte connu avant le 01/09/2006 : vérifiez date_lancement (01/01/2005).",
        "Corrigez date_lancement ou le dispositif, ou complétez data/droit.yaml avec les textes de cette période.",
    )]
    assert [f.code for f in check_spec(spec)] == ["CS103"]


def test_cs103_not_raised_for_a_supported_older_period(write_spec):
    assert found(write_spec(launched(dt.date(2010, 5, 1))), "CS103") == []


def test_cs104_a_date_before_april_2019_states_the_texts_cited(write_spec):
    assert found(write_spec(launched(dt.date(2018, 3, 1))), "CS104") == [(
        None,
        "La date de lancement (1er mars 2018) relève de la période « ordonnance n° 2015-899 et décret n° 2016-360 », "
        "en vigueur jusqu'au 31 mars 2019 : les documents citeront ces textes, abrogés depuis.",
        "Vérifiez date_lancement : pour une consultation nouvelle, les documents doivent citer le code de la commande publique.",
    )]


def test_cs104_not_raised_from_april_2019(write_spec):
    assert found(write_spec(launched(dt.date(2019, 4, 1))), "CS104") == []


def test_cs105_legacy_article_name_says_what_the_documents_cite(write_spec):
    assert found(write_spec(edited({"lots.0.dispositif": "art14"}, BASE)), "CS105") == [(
        "Lot 1",
        "Le dispositif est désigné par son ancien nom « art14 » (article 14 du code des marchés publics de 2006) ; "
        "les documents citent à la place : article L. 2112-2 du code de la commande publique.",
        "Aucune obligation ; écrivez « clause_execution » pour que la spécification parle comme les documents.",
    )]


def test_cs105_not_raised_for_the_current_name(write_spec):
    assert found(write_spec(BASE), "CS105") == []


def test_cs106_unknown_threshold_after_the_obligation(write_spec):
    assert messages(write_spec(launched(dt.date(2028, 3, 1))), "CS106") == [
        "Aucun seuil européen n'est connu pour les travaux au 1er mars 2028 : l'obligation de condition sociale n'a pas "
        "pu être vérifiée."
    ]


def test_cs106_not_raised_when_the_threshold_is_known(write_spec):
    assert found(write_spec(launched(dt.date(2027, 12, 31))), "CS106") == []


# --- CS2xx: hours ---------------------------------------------------------------------


def with_hours(hours: int) -> str:
    return edited({"lots.0.heures": hours}, BASE)


def test_cs201_explicit_hours_far_from_the_formula(write_spec):
    assert found(write_spec(with_hours(2000)), "CS201") == [(
        "Lot 1",
        "2 000 heures sont fixées par la spécification, alors que la formule donne 833 heures (écart de 140,1 %).",
        "Vérifiez le volume avec l'acheteur et gardez la justification de l'écart au dossier.",
    )]


def test_cs201_not_raised_within_50_percent(write_spec):
    assert found(write_spec(with_hours(1200)), "CS201") == []


def test_cs202_under_a_week_of_work(write_spec):
    assert messages(write_spec(with_hours(30)), "CS202") == ["30 heures d'insertion, moins d'une semaine de travail (35 heures)."]


def test_cs202_not_raised_at_35_hours(write_spec):
    assert found(write_spec(edited({"lots.0.part_main_oeuvre": 0.021}, BASE)), "CS202") == []


def test_cs203_more_hours_than_the_workforce_can_perform_in_the_duration(write_spec):
    assert found(write_spec(with_hours(9000)), "CS203") == [(
        "Lot 1",
        "9 000 heures d'insertion en 12 mois, soit 4,9 postes à temps plein en moyenne, pour une main-d'œuvre estimée "
        "à 16 667 heures (9,1 postes) : l'insertion en représenterait 54 %, au-delà de 50 %.",
        "Réduisez les heures, allongez la durée ou vérifiez le montant et la part de main-d'œuvre du lot.",
    )]


def test_cs203_not_raised_for_a_plausible_share(write_spec):
    assert found(write_spec(with_hours(8000)), "CS203") == []


def test_cs204_estimated_labour_share(write_spec):
    spec = write_spec(edited({"lots.0.part_main_oeuvre": DELETE, "lots.0.metier": "espaces_verts"}, BASE))
    assert found(spec, "CS204") == [(
        "Lot 1",
        "La part de main-d'œuvre de 60 % (Espaces verts, paysage) est une valeur indicative, non sourcée.",
        "Confirmez-la avec le maître d'œuvre ou indiquez part_main_oeuvre pour ce lot.",
    )]


@pytest.mark.parametrize("share", [{"lots.0.part_main_oeuvre": DELETE, "lots.0.metier": "gros_oeuvre"}, {"lots.0.part_main_oeuvre": 0.5}])
def test_cs204_not_raised_for_a_sourced_or_given_share(write_spec, share):
    assert found(write_spec(edited(share, BASE)), "CS204") == []


def insertion_spec(postes: int) -> str:
    lot = {
        "numero": 1, "intitule": "Chantier d'insertion", "nature": "services", "montant_estime_ht": 180000, "duree_mois": 12,
        "dispositif": "marche_insertion",
        "insertion": {"activite_support": "Entretien des berges", "postes": postes, "heures": 9600,
                      "encadrement": "un encadrant pour huit salariés"},
    }
    return edited({"lots": [lot]}, BASE)


def test_cs205_hours_per_position_beyond_full_time(write_spec):
    assert found(write_spec(insertion_spec(2)), "CS205") == [(
        "Lot 1",
        "9 600 heures pour 2 postes, soit 4 800 heures par poste en 12 mois, au-delà d'un temps plein sur la période (1 826 heures).",
        "Augmentez le nombre de postes ou la durée, ou réduisez les heures achetées.",
    )]


def test_cs205_not_raised_within_full_time(write_spec):
    assert found(write_spec(insertion_spec(8)), "CS205") == []


# --- CS3xx: criterion and penalties ---------------------------------------------------


def with_criterion(weight: int) -> str:
    return edited({"lots.0.dispositif": "clause_et_critere", "lots.0.critere": {"ponderation": weight}}, BASE)


def test_cs301_criterion_weight_out_of_bounds(write_spec):
    assert found(write_spec(with_criterion(40)), "CS301") == [(
        "Lot 1",
        "Le critère d'insertion pèse 40 % de la note globale, hors de la fourchette habituelle de 5 % à 30 %.",
        "Ajustez la pondération ou motivez-la : trop faible, le critère est sans effet ; trop forte, il peut être jugé disproportionné.",
    )]
    assert messages(write_spec(with_criterion(4)), "CS301") == [
        "Le critère d'insertion pèse 4 % de la note globale, hors de la fourchette habituelle de 5 % à 30 %."
    ]


@pytest.mark.parametrize("weight", [5, 15, 30])
def test_cs301_not_raised_within_bounds(write_spec, weight):
    assert found(write_spec(with_criterion(weight)), "CS301") == []


def test_cs301_not_raised_for_an_insertion_market(write_spec):
    text = edited({"lots.0.critere": {"ponderation": 60}}, insertion_spec(8))
    assert found(write_spec(text), "CS301") == []


def test_cs302_no_penalty_while_hours_are_due(write_spec):
    assert found(write_spec(MINIMAL_SPEC), "CS302") == [(
        None,
        "Aucune pénalité n'est fixée pour les heures d'insertion non réalisées, alors que 833 heures sont à réaliser.",
        "Indiquez parametres.penalite_par_heure, le montant en euros dû par heure d'insertion non réalisée.",
    )]


def test_cs302_not_raised_without_hours_to_perform(write_spec):
    text = edited({"lots.0.dispositif": "marche_reserve", "lots.0.reserve_a": "siae"})
    assert found(write_spec(text), "CS302") == []


# --- CS4xx: contacts and wording ------------------------------------------------------


def test_cs401_facilitator_without_email(write_spec):
    spec = write_spec(edited({"consultation.facilitateur.courriel": DELETE}, BASE))
    assert found(spec, "CS401") == [(
        None,
        "Les coordonnées du facilitateur sont incomplètes : courriel manquant.",
        "Renseignez consultation.facilitateur.courriel.",
    )]


def test_cs401_facilitator_without_email_nor_telephone(write_spec):
    spec = write_spec(edited({"consultation.facilitateur.courriel": DELETE, "consultation.facilitateur.telephone": DELETE}, BASE))
    assert found(spec, "CS401") == [(
        None,
        "Les coordonnées du facilitateur sont incomplètes : courriel et téléphone manquants.",
        "Renseignez consultation.facilitateur.courriel et consultation.facilitateur.telephone.",
    )]


def test_cs401_not_raised_with_both(write_spec):
    assert found(write_spec(BASE), "CS401") == []


def test_cs402_former_name_of_the_employment_service(write_spec):
    spec = write_spec(edited({"lots.0.intitule": "Voirie avec le pole Emploi de Nantes"}, BASE))
    assert found(spec, "CS402") == [(
        "Lot 1",
        "Le champ « lots.0.intitule » mentionne « Pôle emploi », qui s'appelle France Travail depuis le 1er janvier 2024.",
        "Remplacez « Pôle emploi » par « France Travail ».",
    )]


def test_cs403_values_left_to_fill_by_nouveau(write_spec):
    spec = write_spec(edited({"consultation.acheteur.nom": "Nom de l'acheteur (à compléter)",
                              "consultation.facilitateur.courriel": "facilitateur@a-completer.fr"}, BASE))
    assert found(spec, "CS403") == [(
        None,
        "Valeur d'exemple encore présente, qui paraîtrait telle quelle dans les documents : consultation.acheteur.nom, "
        "consultation.facilitateur.courriel.",
        "Remplacez chaque valeur « (à compléter) » par celle de la consultation, puis vérifiez de nouveau.",
    )]
    assert [f.gravite for f in check_spec(spec) if f.code == "CS403"] == ["erreur"]


@pytest.mark.parametrize(("field", "value"), [("consultation.objet", "Objet de la consultation (à compléter)"),
                                              ("consultation.facilitateur.courriel", "Facilitateur@A-Completer.fr")])
def test_cs403_finds_a_single_value_left_to_fill(write_spec, field, value):
    assert [hit[1] for hit in found(write_spec(edited({field: value}, BASE)), "CS403")] == [
        f"Valeur d'exemple encore présente, qui paraîtrait telle quelle dans les documents : {field}."]


def test_cs403_not_raised_once_the_values_are_written(write_spec):
    assert found(write_spec(BASE), "CS403") == []


def test_cs402_not_raised_before_2024(write_spec):
    spec = write_spec(edited({"lots.0.intitule": "Voirie avec Pôle emploi", "consultation.date_lancement": dt.date(2023, 6, 1)}, BASE))
    assert found(spec, "CS402") == []


def test_actions_say_marche_in_a_non_allotted_market(write_spec):
    """A market without lots is never called « ce lot », in the checks' actions either."""
    single = edited({"lots.0.numero": DELETE}, BASE)
    estimated = write_spec(edited({"lots.0.part_main_oeuvre": DELETE, "lots.0.metier": "espaces_verts"}, single))
    assert found(estimated, "CS204")[0][2] == "Confirmez-la avec le maître d'œuvre ou indiquez part_main_oeuvre pour ce marché."
    assert found(write_spec(edited({"lots.0.heures": 30}, single)), "CS202")[0][2] == (
        "Augmentez le volume ou renoncez à la clause sur ce marché.")
    assert found(write_spec(edited({"lots.0.heures": 9000}, single)), "CS203")[0][2] == (
        "Réduisez les heures, allongez la durée ou vérifiez le montant et la part de main-d'œuvre du marché.")


def test_cs204_services_lot_is_not_sent_to_a_project_manager(write_spec):
    spec = write_spec(BASE.replace("part_main_oeuvre: 0.5", "metier: espaces_verts").replace("nature: travaux", "nature: services"))
    assert found(spec, "CS204")[0][2] == "Confirmez-la avec le service qui définit le besoin ou indiquez part_main_oeuvre pour ce lot."
