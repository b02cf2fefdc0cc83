"""Unit tests of the hazard model's numerics: logit fitting, spline, metrics, rare-event bias, predictions."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secarch.crisis import dyads, fit, hazard, risk
from secarch.errors import InputError


@pytest.mark.parametrize("module", [hazard, dyads, fit, risk])
def test_docstring_examples(module):
    """Oracle: the worked examples in the docstrings (each checked by hand, e.g. ln 2 for a 2:1 odds)."""
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_fit_logit_recovers_simulated_coefficients():
    """Oracle: the data-generating coefficients of a simulated rare-event logit (within 4 standard errors)."""
    rng = np.random.default_rng(7)
    n = 200_000
    X = np.column_stack([np.ones(n), rng.normal(size=n), rng.integers(0, 2, n)])
    beta = np.array([-5.0, 0.8, 1.5])
    y = (rng.random(n) < 1 / (1 + np.exp(-(X @ beta)))).astype(float)
    result = hazard.fit_logit(X, y)
    assert result.converged
    assert np.all(np.abs(result.coef - beta) < 4 * result.std_error)


def test_fit_logit_matches_closed_form_two_by_two():
    """Oracle: with one binary regressor the MLE is the log odds of each group (analytic)."""
    x = np.r_[np.zeros(300), np.ones(200)]
    y = np.r_[np.ones(30), np.zeros(270), np.ones(50), np.zeros(150)]
    result = hazard.fit_logit(np.column_stack([np.ones(500), x]), y)
    assert result.coef[0] == pytest.approx(np.log(30 / 270), abs=1e-8)
    assert result.coef[1] == pytest.approx(np.log(50 / 150) - np.log(30 / 270), abs=1e-8)
    # standard error of a log odds ratio: sqrt(1/a + 1/b + 1/c + 1/d) (Woolf 1955)
    assert result.std_error[1] == pytest.approx(np.sqrt(1 / 30 + 1 / 270 + 1 / 50 + 1 / 150), rel=1e-6)


def test_king_zeng_bias_intercept_only_is_analytic():
    """Oracle: for an intercept-only logit, King & Zeng's bias is (2π − 1) / (2 n π (1 − π)) (eq. 11–12)."""
    n, pi = 5_000, 0.01
    X = np.ones((n, 1))
    bias = hazard.king_zeng_bias(X, np.array([np.log(pi / (1 - pi))]))
    assert bias[0] == pytest.approx((2 * pi - 1) / (2 * n * pi * (1 - pi)), rel=1e-9)


def test_spline_is_linear_beyond_the_last_knot_and_smooth():
    """Oracle: a restricted cubic spline is linear past the outer knots (zero second differences) and has a
    continuous first derivative at every knot (property of the basis)."""
    knots = (0.0, 1.0, 2.0, 4.0)
    x = np.linspace(4.5, 20, 50)
    basis = hazard.restricted_cubic_spline(x, knots)
    assert np.allclose(np.diff(basis, n=2, axis=0), 0, atol=1e-9)
    h = 1e-6
    for k in knots:
        left = (
            hazard.restricted_cubic_spline(np.array([k]), knots)
            - hazard.restricted_cubic_spline(np.array([k - h]), knots)
        ) / h
        right = (
            hazard.restricted_cubic_spline(np.array([k + h]), knots)
            - hazard.restricted_cubic_spline(np.array([k]), knots)
        ) / h
        assert np.allclose(left, right, atol=1e-4)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=2, max_size=40))
def test_auc_equals_pairwise_definition(pairs):
    """Oracle: AUC = P(score of a random event > score of a random non-event) + ½ P(tie), by brute force."""
    p = np.array([a for a, _ in pairs])
    y = np.array([b for _, b in pairs])
    if y.all() or not y.any():
        with pytest.raises(ValueError):
            hazard.roc_auc(p, y)
        return
    pos, neg = p[y], p[~y]
    brute = np.mean((pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :]))
    assert hazard.roc_auc(p, y) == pytest.approx(brute)


def test_brier_and_calibration_table_add_up():
    """Oracle: the Brier score of constant p is p² (1 − rate) + (1 − p)² rate; calibration bins partition
    the rows (counts and sums add up to the totals)."""
    y = np.r_[np.ones(10), np.zeros(90)]
    assert hazard.brier_score(np.full(100, 0.2), y) == pytest.approx(0.04 * 0.9 + 0.64 * 0.1)
    rng = np.random.default_rng(1)
    p = rng.random(1000) ** 4
    yy = (rng.random(1000) < p).astype(int)
    table = hazard.calibration_table(p, yy)
    assert table["dyad_years"].sum() == 1000
    assert table["observed"].sum() == yy.sum()
    assert table["predicted"].sum() == pytest.approx(p.sum())
    assert (table["rate_low"] <= table["observed_rate"]).all()
    assert (table["observed_rate"] <= table["rate_high"]).all()


def _covariates(**changes):
    base = {
        "conttype": np.array([0]),
        "log_capdist": np.array([np.log1p(2000.0)]),
        "log_capratio": np.array([1.0]),
        "joint_dem_polity": np.array([0.0]),
        "joint_dem_vdem": np.array([0.0]),
        "defence": np.array([0.0]),
        "major": np.array([0.0]),
        "peace_years": np.array([10.0]),
        "log_discounted": np.array([0.0]),
        "no_prior": np.array([1.0]),
    }
    base.update({k: np.array([v]) for k, v in changes.items()})
    return base


@pytest.mark.parametrize(("model", "until"), [("baseline", 1999), ("hazard", 1999), ("hazard", 2010)])
def test_contiguity_raises_and_distance_lowers_risk(model, until):
    """Oracle: the documented signs (Bremer 1992; every MID study since): land contiguity raises the onset
    probability, capital distance lowers it, in every bundled fit, with all else equal."""
    m = hazard.load_model(model, until)
    base = m.predict(_covariates(), 2005)[0]
    assert m.predict(_covariates(conttype=1), 2005)[0] > base
    assert m.predict(_covariates(log_capdist=np.log1p(8000.0)), 2005)[0] < base
    coef = dict(zip(m.terms, m.coef, strict=True))
    assert coef["cont1"] > 0 and coef["log_capdist"] < 0


@settings(max_examples=100, deadline=None)
@given(
    conttype=st.integers(0, 5),
    km=st.floats(0, 20_000),
    ratio=st.floats(0, 20),
    peace=st.integers(0, 400),
    disc=st.floats(0, 10),
    flags=st.tuples(*(st.booleans() for _ in range(5))),
    year=st.integers(1816, 2200),
)
def test_probabilities_strictly_inside_unit_interval(conttype, km, ratio, peace, disc, flags, year):
    """Oracle: a probability model must give 0 < p < 1 for any covariates, however extreme (property)."""
    cov = _covariates(
        conttype=conttype,
        log_capdist=np.log1p(km),
        log_capratio=ratio,
        peace_years=float(peace),
        log_discounted=np.log1p(disc),
        joint_dem_polity=float(flags[0]),
        joint_dem_vdem=float(flags[1]),
        defence=float(flags[2]),
        major=float(flags[3]),
        no_prior=float(flags[4]),
    )
    for model in ("baseline", "hazard"):
        p = hazard.load_model(model).predict(cov, year)
        assert np.all((p > 0) & (p < 1))


def test_trend_is_held_beyond_its_cap():
    """Oracle: the design's definition — the no-prior trend uses min(year, trend_cap)."""
    m = hazard.load_model("hazard", 2010)
    assert m.trend_cap == 2021
    assert m.predict(_covariates(), 2030)[0] == m.predict(_covariates(), 2021)[0]
    assert m.predict(_covariates(), 2021)[0] < m.predict(_covariates(), 2015)[0]


def test_bad_coefficient_table_is_a_located_input_error(tmp_path):
    """Oracle: the project's error contract — bad input names the file and what was expected."""
    path = tmp_path / "coef.csv"
    path.write_text("model,term\nhazard,const\n")
    with pytest.raises(InputError) as info:
        hazard.load_coefficients(path)
    assert str(path) in str(info.value) and "expected" in str(info.value)
    with pytest.raises(InputError):
        hazard.load_coefficients(tmp_path / "missing.csv")
    with pytest.raises(InputError):
        hazard.load_model("hazard", until=1950)
