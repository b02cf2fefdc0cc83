"""Calibration of the crisis simulation on the historical record (needs ../shared/data)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from secarch.crisis import calibration, dyads, hazard, onset
from secarch.crisis.params import CrisisParams
from secarch.crisis.simulate import simulate_world

TABLE = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "secarch"
    / "data"
    / "tables"
    / "escalation_coefficients.csv"
)


@pytest.fixture(scope="module")
def system(shared_data):
    return calibration.HistoricalSystem(shared_data)


@pytest.fixture(scope="module")
def sample(system):
    return calibration.dispute_sample(system)


def test_defaults_equal_the_bundled_table():
    """Oracle (reference): the CrisisParams defaults are the bundled calibration table's values."""
    table = pd.read_csv(TABLE).set_index("term")["estimate"]
    params = CrisisParams()
    for term in (*calibration.ESCALATION_TERMS, "offence_dominance"):
        assert getattr(params, term) == pytest.approx(float(table[term]), abs=1e-6), term


def test_observed_two_state_share(shared_data):
    """Oracle (published data): 57 of the 95 CoW inter-state wars 1823–2003 were fought by two states."""
    sizes = calibration.observed_war_sizes(shared_data)
    assert len(sizes) == 95
    assert int((sizes["size"] == 2).sum()) == 57


def test_dispute_sample_is_the_gml_record(sample):
    """Oracle (published data): GML MID v2.2.1 has 2,174 disputes 1816–2010, 95 of them wars; every one
    gets a primary pair."""
    assert len(sample) == calibration.OBSERVED_DISPUTES
    assert int(sample["war"].sum()) == calibration.OBSERVED_WAR_DISPUTES
    assert sample.attrs["dropped"] == 0
    assert (sample["challenger"] != sample["target"]).all()


def test_escalation_refit_reproduces_the_defaults(sample):
    """Oracle (reference computation): refitting the escalation logit on the data gives the bundled
    coefficients; the mean fitted probability equals the observed share 95/2,174 (a logit MLE with a
    constant reproduces the mean), and deterrence lowers the chance of war."""
    fit = calibration.fit_escalation(sample)
    params = CrisisParams()
    for term in calibration.ESCALATION_TERMS:
        assert fit.coef[term] == pytest.approx(getattr(params, term), abs=1e-4), term
    X = np.column_stack(
        [np.ones(len(sample)), sample["log_deterrence"], sample["parity"], sample["mediation"]]
    )
    p = 1 / (1 + np.exp(-(X @ np.array([fit.coef[t] for t in calibration.ESCALATION_TERMS]))))
    assert p.mean() == pytest.approx(95 / 2174, rel=1e-6)
    assert fit.coef["deterrence"] + 2 * fit.std_error["deterrence"] < 0


def test_onset_decomposition_matches_the_hazard_model():
    """Oracle (reference implementation): the engine's onset probability, built from the hazard model's
    parts, equals ``HazardModel.predict`` for arbitrary covariates and histories."""
    model = hazard.load_model("hazard")
    rng = np.random.default_rng(0)
    n, year = 9, 2003
    states = dyads.StateArrays(
        codes=np.arange(n) + 100,
        lat=rng.uniform(-40, 60, n),
        lon=rng.uniform(-120, 140, n),
        cinc=rng.dirichlet(np.ones(n)),
        polity2=rng.uniform(-10, 10, n),
        polyarchy=rng.uniform(0, 1, n),
        major=rng.random(n) < 0.2,
    )
    contiguity = rng.integers(0, 6, size=(n, n))
    contiguity = np.triu(contiguity, 1) + np.triu(contiguity, 1).T
    defence = rng.random((n, n)) < 0.2
    defence = defence | defence.T
    peace = rng.integers(0, 120, size=(n, n))
    history = dyads.HistoryArrays(
        np.triu(peace, 1) + np.triu(peace, 1).T,
        np.abs(rng.normal(0, 1.0, size=(n, n))) * (rng.random((n, n)) < 0.6),
        rng.random((n, n)) < 0.5,
    )
    history = dyads.HistoryArrays(
        history.peace_years,
        np.maximum(history.discounted, history.discounted.T),
        history.prior | history.prior.T,
    )
    cov = dyads.dyad_covariates(states, contiguity, defence, history)
    expected = model.predict(cov, year)
    empty = dyads.HistoryArrays(np.zeros((n, n), int), np.zeros((n, n)), np.ones((n, n), bool))
    base = onset.static_logit(model, dyads.dyad_covariates(states, contiguity, defence, empty), year)
    table = onset.peace_effect(model, 200)
    py, h, prior = onset.history_arrays(history, cov["i"], cov["j"])
    eta = (
        base
        + table[np.minimum(py, 200)]
        + onset.discount_coefficient(model) * np.log1p(h)
        + onset.no_prior_coefficient(model, year) * ~prior
    )
    np.testing.assert_allclose(1 / (1 + np.exp(-eta)), expected, rtol=1e-10)


@pytest.mark.slow
def test_calibration_targets_on_the_historical_system(system):
    """Oracle (published data, the issue's calibration targets): simulating the CoW state system 1816–2010
    with default parameters, (a) 4.4% ± 1.5 points of simulated disputes become wars (GML: 95 of 2,174),
    (b) about 60% of simulated wars are two-state wars (CoW inter-state wars: 57 of 95) — within 4 points,
    and (c) the number of simulated disputes matches the recorded dyadic onsets 1816–2010 within 8%
    (simulated histories replace the recorded ones; +5% at the time of writing)."""
    world = calibration.historical_world(system, 1816, 2010)
    result = simulate_world(world, CrisisParams(), runs=32, seed=1816)
    share = result.escalation_share()
    assert share.low >= 0.044 - 0.015 and share.high <= 0.044 + 0.015, share
    two = result.two_state_share()
    assert abs(two.value - 0.60) < 0.04, two
    recorded = pd.read_csv(Path(hazard.TABLES_DIR) / "dispute_onsets.csv")
    observed = int((recorded["year"] <= 2010).sum())
    assert abs(result.expected_disputes().value / observed - 1) < 0.08, (result.expected_disputes(), observed)
    assert math.isfinite(result.mean_war_size().value)
