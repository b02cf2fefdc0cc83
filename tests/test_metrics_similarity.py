"""Alliance-portfolio similarity: Kendall's tau-b and Signorino–Ritter S for all dyads."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from secarch.errors import InputError
from secarch.metrics import (
    alliance_levels,
    kendall_tau_b,
    regional_relevance,
    signorino_ritter_s,
    signorino_ritter_s_variants,
)


def _scipy_tau_b(x: np.ndarray) -> np.ndarray:
    n = x.shape[0]
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            out[i, j] = scipy.stats.kendalltau(x[i], x[j], variant="b").statistic
    return out


def _loop_s(x, w, delta, relevant=None):
    """S straight from Signorino & Ritter's formula, one dyad at a time (the reference implementation)."""
    n, k = x.shape
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            mask = np.ones(k, bool) if relevant is None else (relevant[i] | relevant[j])
            total = (w * mask).sum()
            out[i, j] = 1 - 2 * (w * mask * np.abs(x[i] - x[j]) / delta).sum() / total if total else np.nan
    return out


@pytest.mark.parametrize("levels, states, columns", [(4, 25, 60), (3, 10, 200), (2, 8, 9)])
def test_tau_b_equals_scipy_on_random_ordinal_portfolios(levels, states, columns):
    """Oracle: scipy.stats.kendalltau(variant='b') dyad by dyad, on random ordinal portfolios."""
    rng = np.random.default_rng(levels * 100 + states)
    x = rng.integers(0, levels, (states, columns)).astype(float)
    np.testing.assert_allclose(kendall_tau_b(x), _scipy_tau_b(x), atol=1e-12)


def test_tau_b_equals_scipy_on_continuous_portfolios():
    """Oracle: scipy.stats.kendalltau on continuous rows (the sign-vector path, many distinct values)."""
    x = np.random.default_rng(7).normal(size=(12, 30))
    x[3, 5] = x[3, 6]  # a tie inside one row
    np.testing.assert_allclose(kendall_tau_b(x), _scipy_tau_b(x), atol=1e-12)


def test_tau_b_is_nan_for_a_constant_portfolio_as_in_scipy():
    """Oracle: scipy returns NaN when one of the two rows is constant."""
    x = np.array([[1.0, 1.0, 1.0, 1.0], [0.0, 1.0, 2.0, 3.0], [3.0, 2.0, 2.0, 0.0]])
    tau = kendall_tau_b(x)
    ref = _scipy_tau_b(x)
    assert np.isnan(tau[0]).all() and np.isnan(ref[0]).all()
    np.testing.assert_allclose(tau[1:, 1:], ref[1:, 1:])


@settings(max_examples=60, deadline=None)
@given(arrays(np.int8, st.tuples(st.integers(2, 6), st.integers(2, 12)), elements=st.integers(0, 3)))
def test_tau_b_matches_scipy_on_any_small_portfolio(x):
    """Oracle: scipy.stats.kendalltau on hypothesis-generated portfolios, including degenerate ones."""
    x = x.astype(float)
    np.testing.assert_allclose(kendall_tau_b(x), _scipy_tau_b(x), atol=1e-12, equal_nan=True)


def test_s_reproduces_signorino_ritter_worked_example():
    """Oracle: Signorino & Ritter's example computed by hand. Portfolios 3 3 2 2 and 2 2 3 3, weights
    .5 .3 .1 .1, maximum distance 3: every column differs by 1, so the weighted distance is
    .5 + .3 + .1 + .1 = 1, over Δ = 3 and Σw = 1 that is 1/3, and S = 1 − 2/3 = 1/3. Unweighted, the mean
    distance is also 1/3 of Δ, so S is again 1/3."""
    x = [[3, 3, 2, 2], [2, 2, 3, 3]]
    weighted = signorino_ritter_s(x, [0.5, 0.3, 0.1, 0.1], 3)
    assert weighted[0, 1] == pytest.approx(1 / 3)
    assert weighted[1, 0] == pytest.approx(1 / 3)
    assert np.diag(weighted).tolist() == [1.0, 1.0]
    assert signorino_ritter_s(x, None, 3)[0, 1] == pytest.approx(1 / 3)


def test_s_with_unequal_distances_by_hand():
    """Oracle: hand calculation. 3 0 1 vs 0 0 3, weights .5 .25 .25, Δ 3: distance .5·3 + 0 + .25·2 = 2,
    2/3 of Δ, so S = 1 − 4/3 = −1/3; unweighted (3 + 0 + 2)/3 columns = 5/3, over Δ 5/9, S = −1/9."""
    x = [[3, 0, 1], [0, 0, 3]]
    assert signorino_ritter_s(x, [0.5, 0.25, 0.25], 3)[0, 1] == pytest.approx(-1 / 3)
    assert signorino_ritter_s(x, None, 3)[0, 1] == pytest.approx(-1 / 9)


def test_s_is_minus_one_at_opposite_ends_of_the_scale():
    """Property: portfolios at opposite extremes on every column have S = −1 (Signorino & Ritter 1999)."""
    s = signorino_ritter_s([[0, 3, 0], [3, 0, 3]], [0.2, 0.3, 0.5], 3)
    assert s[0, 1] == pytest.approx(-1.0)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("regional", [False, True])
def test_s_equals_the_dyad_by_dyad_formula(weighted, regional):
    """Oracle: the formula evaluated dyad by dyad in plain Python, for every weighting and scope."""
    rng = np.random.default_rng(11)
    n, k = 23, 31
    x = rng.integers(0, 4, (n, k)).astype(float)
    w = rng.random(k) if weighted else np.ones(k)
    row_region, column_region = rng.integers(0, 4, n), rng.integers(0, 4, k)
    relevant = (
        regional_relevance(row_region, column_region, global_rows=rng.random(n) < 0.1) if regional else None
    )
    s = signorino_ritter_s(x, w if weighted else None, 3, relevant=relevant)
    np.testing.assert_allclose(s, _loop_s(x, w, 3.0, relevant), atol=1e-12)


def test_s_with_any_relevance_mask_equals_the_dyad_by_dyad_formula():
    """Oracle: the formula dyad by dyad, for ordinal values (threshold path) and a random relevance mask
    that follows no regions, with uneven gaps between the values and some zero weights."""
    rng = np.random.default_rng(17)
    n, k = 19, 27
    x = rng.choice([0.0, 1.0, 2.5, 4.0], (n, k))
    w = rng.random(k) * (rng.random(k) < 0.8)
    relevant = rng.random((n, k)) < 0.3
    np.testing.assert_allclose(
        signorino_ritter_s(x, w, 4.0, relevant=relevant), _loop_s(x, w, 4.0, relevant), atol=1e-12
    )


@pytest.mark.parametrize("values", [[0.0, 1.0, 2.0, 3.0], list(np.linspace(0, 1, 40))])
def test_s_variants_equal_the_dyad_by_dyad_formula(values):
    """Oracle: the formula dyad by dyad for each of the four variants computed together (ordinal values
    take the threshold path, 40 distinct values the broadcast path)."""
    rng = np.random.default_rng(23)
    n, k = 17, 21
    x = rng.choice(values, (n, k))
    w = rng.random(k)
    relevant = regional_relevance(
        rng.integers(0, 3, n), rng.integers(0, 3, k), global_rows=rng.random(n) < 0.2
    )
    delta = max(values)
    got = signorino_ritter_s_variants(x, w, delta, relevant=relevant)
    assert list(got) == ["unweighted", "weighted", "regional", "weighted_regional"]
    want = {
        "unweighted": _loop_s(x, np.ones(k), delta),
        "weighted": _loop_s(x, w, delta),
        "regional": _loop_s(x, np.ones(k), delta, relevant),
        "weighted_regional": _loop_s(x, w, delta, relevant),
    }
    for name, value in want.items():
        np.testing.assert_allclose(got[name], value, atol=1e-12, err_msg=name)
    assert list(signorino_ritter_s_variants(x, None, delta)) == ["unweighted"]


def test_s_continuous_values_take_the_broadcast_path_and_agree():
    """Oracle: the dyad-by-dyad formula on continuous values (more than 32 distinct values)."""
    rng = np.random.default_rng(5)
    x = rng.random((9, 50))
    w = rng.random(50)
    relevant = rng.random((9, 50)) < 0.5
    np.testing.assert_allclose(
        signorino_ritter_s(x, w, 1.0, relevant=relevant), _loop_s(x, w, 1.0, relevant), atol=1e-12
    )


def test_s_is_nan_where_no_relevant_column_has_weight():
    """Property: S is undefined (NaN) when the relevant columns of a dyad all weigh 0."""
    relevant = np.array([[True, False], [True, False], [False, True]])
    s = signorino_ritter_s([[1, 0], [0, 1], [1, 1]], [1.0, 0.0], 1, relevant=relevant)
    assert np.isnan(s[2, 2])
    assert not np.isnan(s[0, 2])


def test_alliance_levels_take_the_strongest_shared_agreement():
    """Oracle: the definition evaluated by a loop over agreements and pairs."""
    rng = np.random.default_rng(3)
    parties = rng.random((12, 9)) < 0.3
    level = rng.integers(1, 4, 12)
    got = alliance_levels(parties, level)
    want = np.zeros((9, 9))
    for a in range(12):
        for i in range(9):
            for j in range(9):
                if parties[a, i] and parties[a, j]:
                    want[i, j] = max(want[i, j], level[a])
    np.fill_diagonal(want, level.max())
    np.testing.assert_array_equal(got, want)


def test_bad_shapes_raise_input_error():
    """Bad input gets an InputError naming the argument."""
    with pytest.raises(InputError, match="weights"):
        signorino_ritter_s([[0, 1], [1, 0]], [1.0, 1.0, 1.0], 1)
    with pytest.raises(InputError, match="max_distance"):
        signorino_ritter_s([[0, 3], [3, 0]], None, 1)
    with pytest.raises(InputError, match="portfolio"):
        kendall_tau_b([1, 2, 3])
    with pytest.raises(InputError, match="relevant"):
        signorino_ritter_s([[0, 1], [1, 0]], None, 1, relevant=[[True]])
