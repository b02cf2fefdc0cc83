"""The vectorised dyad-year builder against direct (looped) computations of the same definitions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secarch.crisis import dyads


def test_pair_index_covers_every_unordered_pair_once():
    """Oracle: n (n − 1) / 2 distinct pairs i < j (combinatorics)."""
    i, j = dyads.pair_index(7)
    assert len(i) == 21
    assert len(set(zip(i.tolist(), j.tolist(), strict=True))) == 21
    assert np.all(i < j)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(1900, 2020)), max_size=25),
    st.integers(1950, 2030),
)
def test_dispute_history_matches_direct_definition(events, year):
    """Oracle: the definitions computed pair by pair with plain loops — peace-years since the later of the
    year after the last onset and the pair's first shared year; Σ exp(−(year − t)/τ) over earlier onsets."""
    codes = np.array([2, 20, 200, 365, 710])
    onsets = pd.DataFrame(
        [(codes[a], codes[b], t) for a, b, t in events if a != b], columns=["ccode1", "ccode2", "year"]
    )
    if onsets.empty:
        onsets = pd.DataFrame({"ccode1": [], "ccode2": [], "year": []}, dtype=np.int64)
    start = np.array([[max(1816 + 20 * a, 1816 + 20 * b) for b in range(5)] for a in range(5)])
    history = dyads.dispute_history(onsets, codes, year, start)
    for a in range(5):
        for b in range(a + 1, 5):
            past = [
                t
                for c1, c2, t in onsets.itertuples(index=False)
                if {c1, c2} == {codes[a], codes[b]} and t < year
            ]
            begin = max(max(past) + 1, start[a, b]) if past else start[a, b]
            assert history.peace_years[a, b] == max(year - begin, 0)
            expected = sum(np.exp(-(year - t) / dyads.DISCOUNT_HALF_LIFE_TAU) for t in past)
            assert history.discounted[a, b] == pytest.approx(expected)
            assert history.discounted[b, a] == pytest.approx(expected)
            assert history.prior[a, b] == bool(past)


def test_dyad_start_years_is_first_shared_membership_year():
    """Oracle: hand-made membership spells with a gap (a state leaving and re-entering the system)."""
    members = {1: np.r_[np.arange(1816, 1850), np.arange(1900, 2000)], 2: np.arange(1860, 2000)}
    start = dyads.dyad_start_years(members, np.array([1, 2, 3]), default=1990)
    assert start[0, 1] == start[1, 0] == 1900
    assert start[0, 2] == 1990  # code 3 has no spells: the default


def test_covariates_follow_their_definitions():
    """Oracle: the definitions in the docstring, evaluated by hand for three states."""
    states = dyads.StateArrays(
        codes=np.array([2, 20, 365]),
        lat=np.array([38.9, 45.4, 55.8]),
        lon=np.array([-77.0, -75.7, 37.6]),
        cinc=np.array([0.14, 0.01, 0.04]),
        polity2=np.array([10.0, 10.0, np.nan]),
        polyarchy=np.array([0.8, 0.9, 0.3]),
        major=np.array([True, False, True]),
    )
    contiguity = np.array([[0, 1, 4], [1, 0, 5], [4, 5, 0]])
    defence = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=bool)
    history = dyads.HistoryArrays(
        peace_years=np.array([[0, 3, 9], [3, 0, 40], [9, 40, 0]]),
        discounted=np.array([[0, 0.5, 0], [0.5, 0, 0], [0, 0, 0]]),
        prior=np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=bool),
    )
    cov = dyads.dyad_covariates(states, contiguity, defence, history)
    assert cov["conttype"].tolist() == [1, 4, 5]
    assert cov["log_capratio"][0] == pytest.approx(np.log(14))
    assert cov["joint_dem_polity"].tolist() == [1.0, 0.0, 0.0]  # missing polity2 is not democratic
    assert cov["joint_dem_vdem"].tolist() == [1.0, 0.0, 0.0]
    assert cov["defence"].tolist() == [1.0, 0.0, 0.0]
    assert cov["major"].tolist() == [1.0, 1.0, 1.0]
    assert cov["peace_years"].tolist() == [3.0, 9.0, 40.0]
    assert cov["log_discounted"][0] == pytest.approx(np.log(1.5))
    assert cov["no_prior"].tolist() == [0.0, 1.0, 1.0]
    assert cov["log_capdist"][0] == pytest.approx(np.log1p(cov["capdist_km"][0]))
    with pytest.raises(ValueError):
        dyads.dyad_covariates(states, contiguity[:2, :2], defence, history)
