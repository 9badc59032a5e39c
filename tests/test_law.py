import datetime as dt
from decimal import Decimal

import pytest

from generator.errors import LawError
from generator.reference import law


def cite(mechanism, day, reserve_a=None):
    return law.citation(law.articles(mechanism, day, reserve_a))


def test_code_de_la_commande_publique_before_the_2026_obligation():
    assert cite("clause_execution", dt.date(2026, 8, 21)) == "article L. 2112-2 du code de la commande publique"


def test_l2112_2_1_cited_from_22_august_2026():
    assert cite("clause_execution", dt.date(2026, 8, 22)) == "articles L. 2112-2 et L. 2112-2-1 du code de la commande publique"
    assert law.social_condition_mandatory_from() == dt.date(2026, 8, 22)


def test_older_periods_cite_their_own_texts():
    assert cite("clause_et_critere", dt.date(2010, 1, 1)) == "articles 14 et 53 du code des marchés publics"
    assert cite("marche_insertion", dt.date(2017, 6, 1)) == "article 28 du décret n° 2016-360 du 25 mars 2016 relatif aux marchés publics"
    assert cite("marche_insertion", dt.date(2019, 4, 1)) == "article R. 2123-1 (3°) du code de la commande publique"


def test_reserved_markets_by_reservation():
    day = dt.date(2026, 12, 1)
    assert cite("marche_reserve", day, "siae") == "articles L. 2113-13 et R. 2113-7 du code de la commande publique"
    assert cite("marche_reserve", day, "siae_et_handicap") == "articles L. 2113-12, L. 2113-13 et R. 2113-7 du code de la commande publique"


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
        (dt.date(2025, 6, 1), "collectivite", "services", 221000),
        (dt.date(2025, 6, 1), "etat", "fournitures", 143000),
        (dt.date(2026, 6, 1), "collectivite", "travaux", 5404000),
        (dt.date(2026, 6, 1), "entite_adjudicatrice", "services", 432000),
        (dt.date(2027, 12, 31), "etat", "services", 140000),
    ],
)
def test_eu_thresholds_by_period(day, category, nature, expected):
    assert law.eu_threshold(day, category, nature) == Decimal(expected)


def test_unknown_threshold_period():
    assert law.eu_threshold(dt.date(2028, 1, 1), "collectivite", "travaux") is None
