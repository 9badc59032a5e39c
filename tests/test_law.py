import datetime as dt
from decimal import Decimal

import pytest

from generator.errors import LawError
from generator.reference import law


def cite(mechanism, day, reserve_a=None):
    return law.citation(law.articles(mechanism, day, reserve_a))


def test_code_de_la_commande_publique_before_the_2026_obligation():
    assert cite("clause_execution", dt.date(2026, 8, 21)) == "article L. 2112-2 du code de la commande publique"


def test_l2112_2_1_cited_only_where_the_obligation_applies():
    on = dt.date(2026, 8, 22)
    assert law.citation(law.articles("clause_execution", on, obligation=True)) == "articles L. 2112-2 et L. 2112-2-1 du code de la commande publique"
    assert cite("clause_execution", on) == "article L. 2112-2 du code de la commande publique"
    # Before 22 August 2026 the article is not in force, whatever the amount.
    before = law.articles("clause_execution", dt.date(2026, 8, 21), obligation=True)
    assert law.citation(before) == "article L. 2112-2 du code de la commande publique"
    assert law.social_condition_mandatory_from() == dt.date(2026, 8, 22)


def test_older_periods_cite_their_own_texts():
    assert cite("clause_et_critere", dt.date(2010, 1, 1)) == "articles 14 et 53 du code des marchés publics"
    assert cite("marche_insertion", dt.date(2017, 6, 1)) == "article 28 du décret n° 2016-360 du 25 mars 2016 relatif aux marchés publics"
    assert cite("marche_insertion", dt.date(2019, 4, 1)) == "article R. 2123-1 (3°) du code de la commande publique"


def test_reserved_markets_by_reservation():
    day = dt.date(2026, 12, 1)
    assert cite("marche_reserve", day, "siae") == "articles L. 2113-13 et R. 2113-7 du code de la commande publique"
    assert cite("marche_reserve", day, "siae_et_handicap") == "articles L. 2113-12, L. 2113-13, L. 2113-14 et R. 2113-7 du code de la commande publique"


def test_a_mechanism_unknown_to_the_period_is_an_error():
    with pytest.raises(LawError) as caught:
        law.articles("marche_reserve", dt.date(2010, 12, 1), "siae")
    assert str(caught.value) == "Le dispositif « marche_reserve » (réservé à siae) n'existe pas dans le code des marchés publics (2006) en vigueur le 01/12/2010."


def test_no_text_before_2006():
    with pytest.raises(LawError) as caught:
        law.period_at(dt.date(2005, 1, 1))
    assert str(caught.value) == "Aucun texte connu avant le 01/09/2006 : vérifiez date_lancement (01/01/2005)."


@pytest.mark.parametrize(
    ("day", "category", "nature", "expected"),
    [
        (dt.date(2025, 6, 1), "collectivite", "fournitures_services", 221000),
        (dt.date(2025, 6, 1), "etat", "fournitures_services", 143000),
        (dt.date(2026, 6, 1), "collectivite", "travaux", 5404000),
        (dt.date(2026, 6, 1), "etat", "travaux", 5404000),
        (dt.date(2026, 6, 1), "entite_adjudicatrice", "fournitures_services", 432000),
        (dt.date(2027, 12, 31), "etat", "fournitures_services", 140000),
        (dt.date(2026, 6, 1), "collectivite", "services_sociaux", 750000),
        (dt.date(2026, 6, 1), "etat", "services_sociaux", 750000),
        (dt.date(2026, 6, 1), "entite_adjudicatrice", "services_sociaux", 1000000),
        (dt.date(2028, 6, 1), "autre", "services_sociaux", 750000),
    ],
)
def test_eu_thresholds_by_period_buyer_and_nature(day, category, nature, expected):
    assert law.eu_threshold(day, category, nature) == Decimal(expected)


def test_unknown_threshold_period():
    assert law.eu_threshold(dt.date(2028, 1, 1), "collectivite", "travaux") is None


@pytest.mark.parametrize(
    ("nature", "mechanism", "expected"),
    [
        ("travaux", "clause_execution", "travaux"),
        ("services", "clause_et_critere", "fournitures_services"),
        ("fournitures", "aucun", "fournitures_services"),
        ("services", "marche_insertion", "services_sociaux"),
        ("travaux", "marche_insertion", "services_sociaux"),
    ],
)
def test_purchase_nature_of_a_lot(nature, mechanism, expected):
    assert law.purchase_nature(nature, mechanism) == expected


def test_nature_values_status_by_date_and_amount():
    day = dt.date(2026, 9, 1)
    found = law.nature_values(day, "collectivite", {"travaux": Decimal(3950000), "services_sociaux": Decimal(750000)})
    assert [(v.nature, v.montant, v.seuil, v.statut, v.obligation) for v in found] == [
        ("travaux", Decimal(3950000), Decimal(5404000), "sous_seuil", False),
        ("services_sociaux", Decimal(750000), Decimal(750000), "applicable", True),
    ]
    assert found[1].obligation_libelle == "oui, le montant atteint le seuil"
    early = law.nature_values(dt.date(2026, 8, 21), "etat", {"fournitures_services": Decimal(10**7)})
    assert [(v.statut, v.obligation_libelle) for v in early] == [
        ("avant_entree_en_vigueur", "non, consultation lancée avant le 22 août 2026")
    ]
    late = law.nature_values(dt.date(2028, 3, 1), "etat", {"travaux": Decimal(10**7)})
    assert [(v.seuil, v.statut) for v in late] == [(None, "seuil_inconnu")]


def test_partial_citation_names_the_lots_it_applies_to():
    base = "article L. 2112-2 du code de la commande publique"
    assert law.partial_citation(base, [2, 4]) == (
        "article L. 2112-2 du code de la commande publique ; pour les lots 2 et 4, article L. 2112-2-1 du code de "
        "la commande publique (montant estimé au moins égal au seuil européen)"
    )


def test_a_spec_nature_is_not_a_purchase_nature():
    with pytest.raises(LawError) as caught:
        law.eu_threshold(dt.date(2026, 6, 1), "etat", "services")
    assert str(caught.value) == "Nature d'achat inconnue de data/seuils.yaml : « services »."
