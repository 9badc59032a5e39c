import datetime as dt
from decimal import Decimal

from generator import formatting as f


def test_amounts_use_french_grouping_and_euro_sign():
    assert f.euros(1850000) == "1\u202f850\u202f000\u00a0€"
    assert f.euros(Decimal("12.5")) == "12,50\u00a0€"


def test_hours_and_full_time_equivalents():
    assert f.heures(3000) == "3\u202f000\u00a0heures"
    assert f.heures(1) == "1\u00a0heure"
    assert f.etp(Decimal(933160) / 1826) == "511\u00a0ETP"
    assert f.etp(Decimal(833) / 1826) == "0,5\u00a0ETP"


def test_rates_weights_and_marks():
    assert f.pourcent(Decimal("0.05")) == "5\u00a0%"
    assert f.pourcent(Decimal("0.075")) == "7,5\u00a0%"
    assert f.points(10) == "10\u00a0%"
    assert f.decimal_fixe(Decimal("7.5")) == "7,50"
    assert f.decimal_fixe(Decimal("2.345")) == "2,35"


def test_dates_in_words_with_first_of_month():
    assert f.date_longue(dt.date(2026, 12, 15)) == "15 décembre 2026"
    assert f.date_longue(dt.date(2019, 4, 1)) == "1er avril 2019"
    assert f.date_courte(dt.date(2026, 8, 22)) == "22/08/2026"


def test_exact_numbers_keep_every_decimal_a_message_reports():
    assert f.nombre_exact(Decimal("97.55")) == "97,55"
    assert f.nombre_exact(Decimal("90.00")) == "90"
    assert f.nombre_exact(3.5) == "3,5"
    assert f.nombre_exact(1850000) == "1\u202f850\u202f000"
    assert f.nombre_exact(Decimal("0.0001")) == "0,0001"


def test_folded_text_matches_words_whatever_their_accents_and_case():
    assert f.folded("Pôle Emploi") == "pole emploi"
    assert f.folded("Voirie et RÉSEAUX") == "voirie et reseaux"
