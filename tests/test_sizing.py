from decimal import Decimal

from generator.reference import data as reference
from generator.resolve.model import resolve
from generator.resolve.sizing import Inputs, etp, round_to_step, size_lot
from generator.spec.load import load_spec
from tests.conftest import FULL_EXAMPLE, edited


def _inputs(**changes):
    values = dict(
        montant=Decimal(1000000), part_main_oeuvre=Decimal("0.5"), taux_insertion=Decimal("0.05"),
        cout_horaire=Decimal(30), arrondi=1, heures_par_etp=Decimal(1826),
    )
    values.update(changes)
    return Inputs(**values)


def test_reference_example_gives_833_hours():
    sizing = size_lot(_inputs())
    assert sizing.heures_brutes == Decimal(1000000) * Decimal("0.5") * Decimal("0.05") / 30
    assert sizing.heures == 833
    assert sizing.origine == "formule"


def test_source_document_gives_511_full_time_equivalents():
    assert round(etp(Decimal(933160), Decimal(1826))) == 511


def test_rounding_step_and_halves_up():
    assert round_to_step(Decimal("833.5"), 1) == 834
    assert round_to_step(Decimal("833.33"), 10) == 830
    assert round_to_step(Decimal("835"), 10) == 840
    assert size_lot(_inputs(arrondi=5)).heures == 835


def test_explicit_hours_win_but_formula_is_kept_for_the_reviewer():
    sizing = size_lot(_inputs(heures_explicites=Decimal(1500)))
    assert (sizing.origine, sizing.heures, sizing.heures_formule) == ("explicite", 1500, 833)
    assert sizing.ecart_formule == Decimal(667) / Decimal(833)


def test_resolved_example_hours_per_lot_and_total():
    resolved = resolve(load_spec(FULL_EXAMPLE), FULL_EXAMPLE)
    hours = {lot.numero: lot.heures for lot in resolved.lots}
    assert hours == {1: 1542, 2: 420, 3: 9600, 4: 0, 5: 0}
    assert resolved.total_heures == 11562
    assert resolved.lots[0].metier == reference.trades()["gros_oeuvre"]


def test_lot_rate_and_labour_share_override_parameters(write_spec):
    text = edited({"lots.0.metier": "peinture", "lots.0.part_main_oeuvre": 0.4, "lots.0.taux_insertion": 0.1})
    resolved = resolve(load_spec(write_spec(text)), "spec.yaml")
    assert resolved.lots[0].heures == 1333  # 1 000 000 × 40 % × 10 % ÷ 30
    assert resolved.lots[0].sizing.inputs.metier is None


def test_defaults_come_from_the_data_file(write_spec):
    resolved = resolve(load_spec(write_spec()), "spec.yaml")
    params = resolved.parametres
    assert (params.cout_horaire, params.taux_insertion, params.heures_par_etp, params.arrondi) == (30, Decimal("0.05"), 1826, 1)
    assert params.penalite_par_heure is None
