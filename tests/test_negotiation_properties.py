"""Properties every negotiation engine must have, and internal consistency checks of the SMP."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secarch.negotiation import MODELS, NegotiationSpec, SMPOptions, condorcet, negotiate, smp
from secarch.negotiation.bdm import BDMOptions
from secarch.negotiation.nbs import NBSOptions, nash_product_solution

OPTIONS = {"smp": SMPOptions(max_turns=30), "bdm": BDMOptions(rounds=6), "nbs": NBSOptions()}


@st.composite
def specs(draw: st.DrawFn, max_actors: int = 7, max_issues: int = 3) -> NegotiationSpec:
    n = draw(st.integers(2, max_actors))
    d = draw(st.integers(1, max_issues))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    position = rng.uniform(0, 100, (n, d)).round(2)
    salience = rng.uniform(0.05, 1.0, (n, d))
    salience /= np.maximum(1.0, salience.sum(axis=1, keepdims=True))
    capability = rng.uniform(1, 200, n).round(3)
    return NegotiationSpec.from_arrays(
        [f"A{i}" for i in range(n)], [f"x{k}" for k in range(d)], capability, position, salience
    )


@pytest.mark.parametrize("model", MODELS)
@settings(max_examples=25, deadline=None)
@given(spec=specs())
def test_outcome_within_the_range_of_positions(model, spec):
    """Property: no engine predicts an outcome outside the range of the actors' positions on an issue
    (SMP bargains interpolate, BDM moves to or between positions, the mean is a convex combination)."""
    result = negotiate(spec, model, OPTIONS[model])
    low, high = spec.position.min(axis=0), spec.position.max(axis=0)
    assert np.all(result.outcome >= low - 1e-9) and np.all(result.outcome <= high + 1e-9)
    assert np.all(result.trajectory >= low - 1e-9) and np.all(result.trajectory <= high + 1e-9)
    assert np.all((result.distance >= 0) & (result.distance <= 1))


@pytest.mark.parametrize("model", MODELS)
@settings(max_examples=15, deadline=None)
@given(spec=specs(), seed=st.integers(0, 1000))
def test_permuting_actors_does_not_change_the_outcome(model, spec, seed):
    """Property: the order in which actors are listed carries no meaning.

    One exception is KTAB's own: the SMP groups final positions closer than its tolerance (0.1 on a 0–100
    scale) around the first actor of each group in list order, so when distinct final positions lie within
    twice the tolerance of each other the grouping, and with it the most likely position, can depend on
    the order. The trajectories must agree in every case; the outcome whenever the grouping is unambiguous.
    """
    order = np.random.default_rng(seed).permutation(spec.n_actors)
    first = negotiate(spec, model, OPTIONS[model])
    second = negotiate(spec.subset(order), model, OPTIONS[model])
    np.testing.assert_allclose(second.trajectory[-1], first.trajectory[-1][order], atol=1e-6)
    assert second.steps == first.steps
    if model == "smp":
        low, high = spec.scale[:, 0], spec.scale[:, 1]
        final = (first.trajectory[-1] - low) / (high - low)
        gaps = np.sqrt(((final[:, None, :] - final[None, :, :]) ** 2).sum(axis=2))
        if np.any((gaps > 1e-9) & (gaps < 2 * OPTIONS["smp"].position_tolerance)):
            assert any(np.allclose(second.outcome, row) for row in first.trajectory[-1])
            return
    np.testing.assert_allclose(second.outcome, first.outcome, atol=1e-6)


@pytest.mark.parametrize("model", MODELS)
@settings(max_examples=10, deadline=None)
@given(spec=specs())
def test_unanimous_positions_stay_put(model, spec):
    """Property: when every actor already holds the same position, nobody moves and that is the outcome."""
    common = spec.position[0]
    same = NegotiationSpec.from_arrays(
        spec.actors, spec.issues, spec.capability, np.tile(common, (spec.n_actors, 1)), spec.salience
    )
    result = negotiate(same, model, OPTIONS[model])
    np.testing.assert_allclose(result.trajectory, np.broadcast_to(common, result.trajectory.shape))
    np.testing.assert_allclose(result.outcome, common)
    assert np.allclose(result.distance, 0.0, atol=1e-12) and result.moves() == []


@pytest.mark.parametrize("model", MODELS)
def test_result_is_frozen_and_exports(model):
    """Property: results are immutable and export to a DataFrame and to JSON."""
    spec = NegotiationSpec.from_arrays(
        ["A", "B", "C"],
        ["x", "y"],
        [10, 20, 30],
        [[0, 50], [50, 100], [100, 0]],
        [[0.5, 0.5], [0.9, 0.1], [0.3, 0.6]],
    )
    result = negotiate(spec, model)
    with pytest.raises(ValueError):
        result.trajectory[0, 0, 0] = 1.0
    with pytest.raises(AttributeError):
        result.model = "other"  # type: ignore[misc]
    frame = result.to_frame()
    assert list(frame.actor) == ["A", "B", "C"] and "distance" in frame
    assert len(result.trajectory_frame()) == result.trajectory.size
    payload = json.loads(json.dumps(result.as_dict()))
    assert payload["model"] == model and set(payload["outcome"]) == {"x", "y"}


def test_weighted_mean_is_the_capability_salience_mean():
    """Oracle: the closed form Σ c s x / Σ c s per issue."""
    spec = NegotiationSpec.from_arrays(["A", "B"], ["x"], [1, 3], [[0], [100]], [[1.0], [0.5]])
    assert negotiate(spec, "nbs").outcome.tolist() == pytest.approx([60.0])


@settings(max_examples=30, deadline=None)
@given(a=st.floats(0.0, 0.45), b=st.floats(0.55, 1.0), wa=st.floats(0.5, 2.0), wb=st.floats(0.5, 2.0))
def test_nash_product_one_issue_two_actors(a, b, wa, wb):
    """Oracle (analytic): with u = 1 − |x − ideal|, argmax wa log u_a + wb log u_b is
    (wb (1 + a) − wa (1 − b)) / (wa + wb), clipped to [a, b]."""
    x = nash_product_solution(np.array([[a], [b]]), np.ones((2, 1)), np.array([wa, wb]))[0]
    expected = min(max((wb * (1 + a) - wa * (1 - b)) / (wa + wb), a), b)
    assert x == pytest.approx(expected, abs=1e-5)


# -- SMP internals --------------------------------------------------------------------------------------


def _random_state(seed: int, n: int = 9, d: int = 2):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, (n, d)).round(4)
    sal = rng.uniform(0.05, 1, (n, d))
    sal /= sal.sum(axis=1, keepdims=True) * rng.uniform(1.0, 1.5, (n, 1))
    cap = rng.uniform(5, 100, n)
    return x, sal, cap


@pytest.mark.parametrize("commit", list(smp.ThirdPartyCommit))
@pytest.mark.parametrize("rule", list(condorcet.VotingRule))
def test_fast_challenge_search_equals_general_form(rule, commit):
    """Consistency: the blocked, vectorised search equals KTAB's per-challenge formula (general form with
    explicit (h, k, i, j) indices) for every voting rule and commitment rule, and does not depend on the
    block size."""
    x, sal, cap = _random_state(7)
    opts = SMPOptions(voting_rule=rule, third_party_commit=commit)
    n = x.shape[0]
    assessment = smp._assess(x, sal, cap, opts)
    weight, total = sal.sum(axis=1) * cap, sal.sum(axis=1)
    target, p_best, gain_best = smp._best_challenges(assessment, weight, total, opts)
    i, j = np.nonzero(~np.eye(n, dtype=bool))
    p, gain = smp.challenge_estimates(i, i, i, j, assessment, weight, total, opts)
    gains = np.full((n, n), -np.inf)
    gains[i, j] = gain
    probs = np.zeros((n, n))
    probs[i, j] = p
    expected = np.where(gains.max(axis=1) > opts.min_gain, gains.argmax(axis=1), -1)
    np.testing.assert_array_equal(target, expected)
    chosen = target >= 0
    np.testing.assert_allclose(p_best[chosen], probs[chosen.nonzero()[0], target[chosen]], rtol=1e-12)
    np.testing.assert_allclose(
        gain_best[chosen], gains[chosen.nonzero()[0], target[chosen]], rtol=1e-9, atol=1e-12
    )
    old = smp.BLOCK_ELEMENTS
    try:
        smp.BLOCK_ELEMENTS = n * n  # one challenger per block
        again = smp._best_challenges(assessment, weight, total, opts)
    finally:
        smp.BLOCK_ELEMENTS = old
    np.testing.assert_array_equal(again[0], target)
    np.testing.assert_array_equal(again[1], p_best)


@pytest.mark.parametrize(
    "change",
    [{"victory_model": v} for v in condorcet.VictoryModel]
    + [{"pce_model": p} for p in condorcet.PCEModel]
    + [{"risk_range": r} for r in condorcet.RiskRange]
    + [{"risk_adjust": r} for r in condorcet.RiskAdjust]
    + [{"bargain_interpolation": b} for b in smp.BargainInterpolation]
    + [{"bargain_model": b} for b in smp.BargainModel]
    + [{"voting_rule": v} for v in condorcet.VotingRule],
)
def test_every_ktab_option_runs_and_stays_on_the_scale(change):
    """Property: every KTAB option gives a run that stops, keeps positions within the range of the
    initial ones, and has probabilities that sum to 1 over distinct positions."""
    x, sal, cap = _random_state(11, n=8, d=2)
    sal = sal / np.maximum(1.0, sal.sum(axis=1, keepdims=True))
    run = smp.run_smp(x, sal, cap, SMPOptions(max_turns=40, **change))
    assert 1 <= run.steps <= 40
    assert np.all(run.positions >= x.min(axis=0) - 1e-9) and np.all(run.positions <= x.max(axis=0) + 1e-9)
    for t in range(run.positions.shape[0]):
        unique, _ = smp.unique_positions(run.positions[t], 1e-3)
        assert run.win_probability[t, unique].sum() == pytest.approx(1.0, abs=1e-9)


def test_stochastic_transitions_are_reproducible_with_a_seed():
    """Property: a stochastic run records its seed and repeats exactly with it."""
    x, sal, cap = _random_state(5, n=10, d=2)
    sal = sal / np.maximum(1.0, sal.sum(axis=1, keepdims=True))
    opts = SMPOptions(state_transition="stochastic", seed=1234, max_turns=15)
    first, second = smp.run_smp(x, sal, cap, opts), smp.run_smp(x, sal, cap, opts)
    assert first.seed == 1234
    np.testing.assert_array_equal(first.positions, second.positions)


def test_coalitions_in_blocks_equal_coalitions_at_once():
    """Consistency: the memory-bounded blocked coalition sums equal the one-shot sums."""
    rng = np.random.default_rng(2)
    u, w = rng.random((30, 200)), rng.random(30)
    for rule in condorcet.VotingRule:
        whole = condorcet.coalitions(u, w, rule)
        old = condorcet.BLOCK_ELEMENTS
        try:
            condorcet.BLOCK_ELEMENTS = 5000
            blocked = condorcet.coalitions(u, w, rule)
        finally:
            condorcet.BLOCK_ELEMENTS = old
        np.testing.assert_allclose(blocked, whole, rtol=1e-12, atol=1e-12)
