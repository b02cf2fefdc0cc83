"""The security model: the loss-of-strength gradient and the scores, checked against hand computations and
against properties the model must have whatever the data."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secarch.errors import InputError
from secarch.security.gradient import (
    GRADIENT_OFFSET,
    effective_distance,
    gradient_exponent,
    miles_per_day,
    projected_capability,
)
from secarch.security.model import (
    Geography,
    Relations,
    capability_baseline,
    capability_shares,
    portfolio_dissimilarity,
    security_scores,
)
from secarch.security.params import SecurityParams

# ---------------------------------------------------------------------------------------------- gradient


def test_miles_per_day_by_era():
    """Oracle: EUGene's eras (Bennett and Stam 2000): 250 before 1918, 375 for 1918–1945, 500 after 1945."""
    assert [miles_per_day(y) for y in (1816, 1917, 1918, 1945, 1946, 2024)] == [250, 250, 375, 375, 500, 500]


def test_gradient_matches_bueno_de_mesquita_formula():
    """Oracle: c ** log10(d / m + 10 - e) evaluated by hand with the math module (Bueno de Mesquita 1981)."""
    shares = np.array([0.1, 0.02])
    distance = np.array([[0.0, 1200.0], [1200.0, 0.0]])
    exponent = gradient_exponent(distance, 500.0)
    p = projected_capability(shares, exponent)
    by_hand = 0.1 ** math.log10(1200 / 500 + 10 - math.e)
    assert p[0, 1] == pytest.approx(by_hand, rel=1e-14)
    assert p[1, 0] == pytest.approx(0.02 ** math.log10(1200 / 500 + 10 - math.e), rel=1e-14)
    assert p[0, 0] == pytest.approx(0.1 ** math.log10(10 - math.e), rel=1e-14)
    # The exponent is exactly 1 when the journey takes e days: the raw share.
    assert gradient_exponent(500.0 * math.e, 500.0) == pytest.approx(1.0, abs=1e-15)
    assert pytest.approx(7.281718171540955) == GRADIENT_OFFSET


def test_contiguous_states_are_at_distance_zero():
    """Oracle: EUGene sets the distance of land-contiguous states to 0."""
    d = effective_distance(
        [[0, 300, 900], [300, 0, 600], [900, 600, 0]],
        np.eye(3, k=1, dtype=bool) | np.eye(3, k=-1, dtype=bool),
    )
    assert d.tolist() == [[0, 0, 900], [0, 0, 0], [900, 0, 0]]


def test_projection_decreases_with_distance():
    """Property: a share below 1 projects less far away (the exponent grows with distance)."""
    exponent = gradient_exponent(np.linspace(0, 20000, 50), 500.0)
    assert np.all(np.diff(exponent) > 0)
    values = projected_capability([0.3], exponent[None, :])[0]
    assert np.all(np.diff(values) < 0)


# ---------------------------------------------------------------------------------------------- scores


def test_two_state_example_by_hand():
    """Oracle: the formula evaluated by hand for two unallied states 1000 miles apart in 2000.

    Portfolios hold only the state itself, so (1 - S) / 2 = 2 / n = 1 and Security = own / (own + P_ji).
    """
    geo = Geography.build(["A", "B"], [1.0, 3.0], [[0, 1000], [1000, 0]], [[0, 0], [0, 0]], 2000)
    scores = security_scores(geo, Relations.empty(2))
    x0 = math.log10(10 - math.e)
    x1 = math.log10(1000 / 500 + 10 - math.e)
    own_a, own_b = 0.25**x0, 0.75**x0
    assert scores.security[0] == pytest.approx(own_a / (own_a + 0.75**x1), rel=1e-13)
    assert scores.security[1] == pytest.approx(own_b / (own_b + 0.25**x1), rel=1e-13)


def test_three_state_guarantee_by_hand():
    """Oracle: hand computation of own, support, threat for a guarantee and a rivalry among three states."""
    states = ["A", "B", "C"]
    dist = np.array([[0, 800, 2000], [800, 0, 1500], [2000, 1500, 0.0]])
    geo = Geography.build(states, [2.0, 1.0, 1.0], dist, np.zeros((3, 3), bool), 1990)
    g = np.zeros((3, 3))
    g[0, 1] = 0.6  # A guarantees B
    r = np.zeros((3, 3))
    r[1, 2] = r[2, 1] = 1.0  # B and C are rivals
    params = SecurityParams(rival_weight=5.0, dispute_weight=0.0, extended_weight=0.5, restraint_weight=0.0)
    scores = security_scores(geo, Relations.of(3, guarantee=g, rivalry=r), params)

    s = [0.5, 0.25, 0.25]

    def p(j, i):
        return s[j] ** math.log10((dist[j][i] if j != i else 0) / 500 + 10 - math.e)

    # Portfolios: A = (1, .6, 0), B = (0, 1, 0), C = (0, 0, 1); dis = L1 / 3.
    dis = {(0, 1): 1.4 / 3, (0, 2): 2.6 / 3, (1, 2): 2 / 3}
    dis.update({(b, a): v for (a, b), v in dis.items()})
    # Threat weights W[j, i]: dissimilarity + 5 * rivalry + 0.5 * (G @ H) (A guarantees B, B is hostile to C).
    w = {(j, i): dis[(j, i)] for j in range(3) for i in range(3) if i != j}
    w[(1, 2)] += 5.0
    w[(2, 1)] += 5.0
    w[(0, 2)] += 0.5 * 0.6 * 5.0
    own = [p(i, i) for i in range(3)]
    support = [0.0, 0.6 * p(0, 1), 0.0]
    threat = [sum(w[(j, i)] * p(j, i) for j in range(3) if j != i) for i in range(3)]
    for i in range(3):
        assert scores.own[i] == pytest.approx(own[i], rel=1e-13)
        assert scores.support[i] == pytest.approx(support[i], rel=1e-13)
        assert scores.threat[i] == pytest.approx(threat[i], rel=1e-13)
        expected = (own[i] + support[i]) / (own[i] + support[i] + threat[i])
        assert scores.security[i] == pytest.approx(expected, rel=1e-13)


def test_portfolio_dissimilarity_matches_signorino_ritter():
    """Oracle: S = 1 - 2 d / d_max (Signorino and Ritter 1999) computed by hand on three portfolios."""
    g = np.array([[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0.0]])
    dis = portfolio_dissimilarity(g)
    # A = (1,1,0,0), B = (1,1,0,0): identical, S = 1. A vs C = (0,0,1,1): d = 4 = d_max, S = -1.
    assert dis[0, 1] == 0.0
    assert 1 - 2 * dis[0, 2] == -1.0
    weighted = portfolio_dissimilarity(g, weights=[0.4, 0.3, 0.2, 0.1])
    assert weighted[0, 2] == pytest.approx(1.0)
    g2 = g.copy()
    g2[0, 2] = 0.5
    # A = (1,1,.5,0) vs C = (0,0,1,1), weights .4 .3 .2 .1: d = .4 + .3 + .1 + .1 = .9.
    assert portfolio_dissimilarity(g2, weights=[0.4, 0.3, 0.2, 0.1])[0, 2] == pytest.approx(0.9)


def test_bad_inputs_are_input_errors():
    """Bad input gives an InputError naming the field, never a traceback from deep inside NumPy."""
    with pytest.raises(InputError, match="capability"):
        Geography.build(["A", "B"], [1.0, -1.0], np.zeros((2, 2)), np.zeros((2, 2)), 2000)
    with pytest.raises(InputError, match="distance"):
        Geography.build(["A", "B"], [1.0, 1.0], np.zeros((3, 3)), np.zeros((2, 2)), 2000)
    with pytest.raises(InputError, match="guarantee"):
        Relations.of(2, guarantee=[[0, 2], [0, 0]])
    with pytest.raises(InputError, match="restraint_weight"):
        SecurityParams(restraint_weight=1.5)
    with pytest.raises(InputError, match="capability_total"):
        capability_shares([1.0, 2.0], total=2.0)


# ---------------------------------------------------------------------------------------------- properties


@st.composite
def systems(draw, min_n: int = 2, max_n: int = 7):
    """A random system: capabilities, symmetric distances, contiguity and relation matrices."""
    n = draw(st.integers(min_n, max_n))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    capability = rng.lognormal(0.0, 2.0, n)
    if draw(st.booleans()):
        capability[rng.integers(n)] = 0.0  # a state with no capability at all
    xy = rng.uniform(0, 6000, (n, 2))
    distance = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    contiguous = rng.random((n, n)) < 0.2
    contiguous = contiguous | contiguous.T
    dense = draw(st.floats(0.0, 1.0))

    def relation(symmetric: bool) -> np.ndarray:
        m = rng.random((n, n)) * (rng.random((n, n)) < dense)
        return np.maximum(m, m.T) if symmetric else m

    relations = Relations.of(
        n,
        guarantee=relation(False),
        dispute=relation(True),
        rivalry=relation(True),
        target=relation(False),
        restraint=relation(True),
    )
    year = draw(st.sampled_from([1900, 1930, 1995, 2024]))
    return capability, distance, contiguous, relations, year


param_sets = st.builds(
    SecurityParams,
    rival_weight=st.floats(0, 20),
    dispute_weight=st.floats(0, 20),
    extended_weight=st.floats(0, 2),
    target_weight=st.floats(0, 5),
    restraint_weight=st.floats(0, 1),
    similarity_weighting=st.sampled_from(["unweighted", "capability"]),
)


def _scores(system, params, capability=None, relations=None):
    cap, dist, cont, rel, year = system
    states = [f"S{k}" for k in range(len(cap))]
    geo = Geography.build(states, cap if capability is None else capability, dist, cont, year, params)
    return security_scores(geo, rel if relations is None else relations, params)


@settings(max_examples=150, deadline=None)
@given(systems(), param_sets, st.data())
def test_adding_a_credible_guarantee_never_lowers_security(system, params, data):
    """Property: a new guarantee to i (S recomputed from the portfolios) never lowers i's security."""
    rel = system[3]
    n = rel.guarantee.shape[0]
    i = data.draw(st.integers(0, n - 1))
    j = data.draw(st.integers(0, n - 1).filter(lambda k: k != i))
    credibility = data.draw(st.floats(0.01, 1.0))
    before = _scores(system, params).security[i]
    g = rel.guarantee.copy()
    g[j, i] = 1 - (1 - g[j, i]) * (1 - credibility)  # add it to whatever guarantee there already is
    after = _scores(system, params, relations=rel.replace(guarantee=g)).security[i]
    assert after >= before - 1e-12


@settings(max_examples=100, deadline=None)
@given(systems(), param_sets, st.data())
def test_adding_a_rivalry_never_raises_security(system, params, data):
    """Property: a new rivalry against i never raises i's security."""
    rel = system[3]
    n = rel.rivalry.shape[0]
    i = data.draw(st.integers(0, n - 1))
    j = data.draw(st.integers(0, n - 1).filter(lambda k: k != i))
    r = rel.rivalry.copy()
    r[i, j] = r[j, i] = 1.0
    before = _scores(system, params).security[i]
    after = _scores(system, params, relations=rel.replace(rivalry=r)).security[i]
    assert after <= before + 1e-12


@settings(max_examples=100, deadline=None)
@given(systems(), param_sets, st.data())
def test_order_of_states_does_not_matter(system, params, data):
    """Property: permuting the states permutes the scores and changes nothing else."""
    cap, dist, cont, rel, year = system
    n = len(cap)
    perm = np.array(data.draw(st.permutations(range(n))))
    base = _scores(system, params)
    ix = np.ix_(perm, perm)
    permuted_rel = Relations.of(
        n,
        **{
            name: getattr(rel, name)[ix]
            for name in ("guarantee", "dispute", "rivalry", "target", "restraint")
        },
    )
    permuted = _scores((cap[perm], dist[ix], cont[ix], permuted_rel, year), params)
    np.testing.assert_allclose(permuted.security, base.security[perm], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(permuted.threat, base.threat[perm], rtol=1e-12, atol=1e-15)


@settings(max_examples=100, deadline=None)
@given(systems(), param_sets, st.floats(1e-6, 1e6))
def test_scaling_all_capabilities_changes_nothing(system, params, factor):
    """Property: multiplying every capability by a constant leaves every score unchanged (shares)."""
    base = _scores(system, params)
    scaled = _scores(system, params, capability=system[0] * factor)
    np.testing.assert_allclose(scaled.security, base.security, rtol=1e-12, atol=1e-15)


@settings(max_examples=100, deadline=None)
@given(systems(), param_sets)
def test_without_relations_the_model_is_its_capability_baseline(system, params):
    """Property/oracle: with no agreements, rivalries or disputes, Security_i equals the documented baseline
    P_ii / (P_ii + w * Σ_j (w_i + w_j) / Σ w * P_ji), here evaluated with explicit loops."""
    cap, dist, cont, _, year = system
    n = len(cap)
    scores = _scores(system, params, relations=Relations.empty(n))
    geo = Geography.build([f"S{k}" for k in range(n)], cap, dist, cont, year, params)
    np.testing.assert_allclose(scores.security, capability_baseline(geo, params), rtol=1e-12)
    weights = geo.shares if params.similarity_weighting == "capability" else np.ones(n)
    p = geo.projection
    for i in range(n):
        threat = sum((weights[i] + weights[j]) / weights.sum() * p[j, i] for j in range(n) if j != i)
        expected = 1.0 if threat == 0 else p[i, i] / (p[i, i] + params.dissimilar_weight * threat)
        assert scores.security[i] == pytest.approx(expected, rel=1e-12)
    assert np.all(scores.support == 0)


@settings(max_examples=100, deadline=None)
@given(systems(min_n=3), param_sets)
def test_identical_states_with_symmetric_agreements_get_identical_scores(system, params):
    """Property: if swapping states 0 and 1 leaves every input unchanged, their scores are equal.

    Any input is made swap-invariant by averaging it with its swapped copy."""
    cap, dist, cont, rel, year = system
    n = len(cap)
    swap = np.arange(n)
    swap[[0, 1]] = [1, 0]
    ix = np.ix_(swap, swap)

    def sym(m):
        return (m + m[ix]) / 2

    cap = cap.copy()
    cap[[0, 1]] = cap[:2].mean()
    rel = Relations.of(
        n,
        **{
            name: sym(getattr(rel, name))
            for name in ("guarantee", "dispute", "rivalry", "target", "restraint")
        },
    )
    scores = _scores((cap, sym(dist), cont & cont[ix], rel, year), params)
    assert scores.security[0] == pytest.approx(scores.security[1], rel=1e-12, abs=1e-15)
    assert scores.support[0] == pytest.approx(scores.support[1], rel=1e-12, abs=1e-15)


@settings(max_examples=60, deadline=None)
@given(systems(), param_sets)
def test_scores_are_proper_fractions(system, params):
    """Property: security lies in [0, 1] and own, support and threat are non-negative."""
    scores = _scores(system, params)
    assert np.all((scores.security >= 0) & (scores.security <= 1))
    assert np.all(scores.own >= 0) and np.all(scores.support >= 0) and np.all(scores.threat >= 0)


def test_external_similarity_is_used_as_given():
    """Oracle: with S given as input, dissimilarity is (1 - S) / 2 (hand computation, two states)."""
    geo = Geography.build(["A", "B"], [1.0, 1.0], [[0, 3000], [3000, 0]], [[0, 0], [0, 0]], 2000)
    s = np.array([[1.0, 0.5], [0.5, 1.0]])
    scores = security_scores(geo, Relations.empty(2), similarity=s)
    own = 0.5 ** math.log10(10 - math.e)
    p = 0.5 ** math.log10(3000 / 500 + 10 - math.e)
    assert scores.security[0] == pytest.approx(own / (own + 0.25 * p), rel=1e-13)


@settings(max_examples=50, deadline=None)
@given(systems(), param_sets, st.integers(1, 5))
def test_system_size_counts_states_outside_the_architecture(system, params, extra):
    """Property: adding ``extra`` states with no capability and no relations to the system gives the same
    scores as declaring ``system_size = n + extra`` (they only enlarge the portfolios compared by S)."""
    cap, dist, cont, rel, year = system
    n = len(cap)
    m = n + extra
    big_dist = np.full((m, m), 9000.0)
    big_dist[:n, :n] = dist
    np.fill_diagonal(big_dist, 0.0)
    big_cont = np.zeros((m, m), bool)
    big_cont[:n, :n] = cont
    names = ("guarantee", "dispute", "rivalry", "target", "restraint")
    padded = {}
    for name in names:
        matrix = np.zeros((m, m))
        matrix[:n, :n] = getattr(rel, name)
        padded[name] = matrix
    states = [f"S{k}" for k in range(m)]
    big = Geography.build(states, np.r_[cap, np.zeros(extra)], big_dist, big_cont, year, params)
    padded_scores = security_scores(big, Relations.of(m, **padded), params)
    small = Geography.build(states[:n], cap, dist, cont, year, params, system_size=m)
    scores = security_scores(small, rel, params)
    np.testing.assert_allclose(scores.security, padded_scores.security[:n], rtol=1e-12, atol=1e-15)
