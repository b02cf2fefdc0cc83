"""The crisis engine on synthetic worlds whose answers are known: analytic expectations and properties."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from secarch.crisis.engine import BLOCK_RUNS, EngineInputs, prepare
from secarch.crisis.params import CrisisParams
from secarch.crisis.simulate import compare_worlds, simulate_inputs, simulate_world
from secarch.crisis.world import CrisisWorld, OnsetModel, pair_index

PARAMS = CrisisParams(escalation_intercept=-1.0, deterrence=-0.3, parity=-0.2, mediation=-0.7)


def make_world(
    n: int = 12,
    years: int = 5,
    p: float = 0.02,
    onset: OnsetModel | None = None,
    guarantee: np.ndarray | None = None,
    seed: int = 0,
) -> CrisisWorld:
    rng = np.random.default_rng(seed)
    d = n * (n - 1) // 2
    if guarantee is None:
        guarantee = np.zeros((n, n))
        for a, b in rng.integers(0, n, size=(n, 2)):
            if a != b:
                guarantee[a, b] = guarantee[b, a] = rng.uniform(0.3, 0.9)
    shares = rng.dirichlet(np.ones(n))
    distance = rng.uniform(0, 3000, size=(n, n))
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0)
    projection = shares[:, None] ** np.log10(distance / 500 + 10 - math.e)
    i, j = pair_index(n)
    return CrisisWorld(
        states=tuple(f"S{k:02d}" for k in range(n)),
        years=tuple(range(2030, 2030 + years)),
        onset=onset or OnsetModel.fixed(np.full((years, d), p)),
        guarantee=np.broadcast_to(guarantee, (years, n, n)).copy(),
        projection=np.broadcast_to(projection, (years, n, n)).copy(),
        shares=np.broadcast_to(shares, (years, n)).copy(),
        mediation=np.broadcast_to((i + j) % 3 == 0, (years, d)).copy(),
        active=np.ones((years, n), dtype=bool),
        source="synthetic",
    )


def history_world(n: int = 6, years: int = 6, seed: int = 3) -> CrisisWorld:
    """A world whose onset hazard depends on each dyad's own history (peace-years, discounted onsets)."""
    rng = np.random.default_rng(seed)
    d = n * (n - 1) // 2
    onset = OnsetModel(
        base_logit=rng.uniform(-3.5, -1.5, size=(years, d)),
        peace_effect=np.array([1.5, 0.8, 0.3, 0.1, 0.0]),
        discount_coef=0.6,
        no_prior_coef=np.linspace(-0.8, -0.4, years),
        discount_factor=math.exp(-1 / 10),
        peace_years0=rng.integers(0, 6, size=d),
        discounted0=rng.uniform(0, 1.5, size=d),
        prior0=rng.random(d) < 0.5,
    )
    return make_world(n=n, years=years, onset=onset, seed=seed)


def test_zero_hazard_gives_no_disputes():
    """Oracle (property): with onset probability 0 everywhere nothing happens."""
    result = simulate_world(make_world(p=0.0), PARAMS, runs=200, seed=1)
    assert result.tally.disputes.sum() == 0
    assert result.tally.wars.sum() == 0
    assert result.p_any_war().value == 0.0


def test_reliability_zero_gives_no_joiners():
    """Oracle (property): with reliability 0 no guarantor ever joins, so every war has exactly two states."""
    params = PARAMS.replace(reliability=0.0, offence_dominance=1.0)
    result = simulate_world(make_world(p=0.05), params, runs=300, seed=2)
    assert result.tally.wars.sum() > 50
    assert set(result.war_sizes()["size"]) == {2}
    assert result.tally.pull_total.sum() == 0
    assert result.two_state_share().value == 1.0


def test_history_free_onsets_match_expectation():
    """Oracle (analytic): with fixed probabilities the number of onsets per run is a sum of independent
    Bernoulli variables: mean Σ p, variance Σ p (1 − p)."""
    rng = np.random.default_rng(5)
    n, years, runs = 10, 4, 2000
    p = rng.uniform(0, 0.05, size=(years, n * (n - 1) // 2))
    result = simulate_world(
        make_world(n=n, years=years, onset=OnsetModel.fixed(p)), PARAMS, runs=runs, seed=9
    )
    mean = p.sum()
    sd = math.sqrt((p * (1 - p)).sum() / runs)
    assert abs(result.expected_disputes().value - mean) < 4 * sd


def exact_expected_onsets(model: OnsetModel) -> float:
    """Expected onsets by enumerating every onset history of every dyad (2^T paths each)."""
    total = 0.0
    k = len(model.peace_effect) - 1
    for d in range(model.n_dyads):
        for path in itertools.product((False, True), repeat=model.n_years):
            prob, py = 1.0, int(model.peace_years0[d])
            h, prior = float(model.discounted0[d]), bool(model.prior0[d])
            for t, hit in enumerate(path):
                eta = (
                    model.base_logit[t, d]
                    + model.peace_effect[min(max(py, 0), k)]
                    + model.discount_coef * math.log1p(h)
                    + model.no_prior_coef[t] * (not prior)
                )
                p = 1 / (1 + math.exp(-eta))
                prob *= p if hit else 1 - p
                if hit:
                    py, h, prior = 0, model.discount_factor * (h + 1), True
                else:
                    py, h = py + 1, model.discount_factor * h
            total += prob * sum(path)
    return total


def test_history_dependent_onsets_match_exact_expectation():
    """Oracle (exact): the expected number of onsets of a history-dependent hazard, by enumerating all 2^T
    onset histories of each dyad, equals the simulated mean within Monte Carlo error."""
    world = history_world()
    expected = exact_expected_onsets(world.onset)
    result = simulate_world(world, PARAMS, runs=4000, seed=11)
    e = result.expected_disputes()
    half = (e.high - e.low) / 2
    assert abs(e.value - expected) < 2.2 * half, (e, expected)


def test_escalation_share_matches_expectation():
    """Oracle (analytic): with fixed onset probabilities p_d and war probabilities ½(a_d + b_d) per dispute,
    the expected share of disputes that become wars is Σ p_d (a_d + b_d)/2 / Σ p_d."""
    world = make_world(n=10, years=3, p=0.03)
    inputs = prepare(world, PARAMS)
    p = 0.03
    expected = (p * inputs.escalation.mean(axis=1)).sum() / (p * inputs.escalation.shape[2] * 3)
    result = simulate_inputs(inputs, runs=6000, seed=4, params=PARAMS)
    e = result.escalation_share()
    assert e.low - 0.2 * (e.high - e.low) < expected < e.high + 0.2 * (e.high - e.low), (e, expected)


def three_state_inputs(q_defend: np.ndarray, omega: float, war: float = 1.0) -> EngineInputs:
    """Three states, one possible dispute (0 vs 1) every year, always a war when it happens."""
    n = q_defend.shape[0]
    d = n * (n - 1) // 2
    p = np.zeros((1, d))
    p[0, 0] = 1.0  # pair (0, 1)
    escalation = np.zeros((1, 2, d))
    escalation[0, :, 0] = war
    return EngineInputs(
        states=tuple(f"S{k}" for k in range(n)),
        years=(2030,),
        onset=OnsetModel.fixed(p),
        escalation=escalation,
        defend=q_defend[None],
        follow=(q_defend * omega)[None],
    )


def test_direct_defender_joins_with_its_probability():
    """Oracle (analytic): a guarantor of the target joins with probability q = credibility × reliability;
    a guarantor of the challenger with q × offence dominance; the challenger is each state with prob. ½."""
    q = np.zeros((3, 3))
    q[2, 0] = q[2, 1] = 0.6  # state 2 guarantees both 0 and 1
    inputs = three_state_inputs(q, omega=0.0)
    result = simulate_inputs(inputs, runs=5000, seed=21, params=PARAMS)
    # whoever is attacked, state 2 defends it with 0.6 (ω = 0: no pull from the challenger)
    share3 = 1 - result.two_state_share().value
    se = math.sqrt(0.6 * 0.4 / 5000)
    assert abs(share3 - 0.6) < 4 * se


def test_cross_pressured_guarantor_abstains():
    """Oracle (analytic): a state pulled by both sides in one wave (probabilities a and b) joins A with
    a(1 − b), B with b(1 − a) and abstains with ab."""
    q = np.zeros((3, 3))
    q[2, 0] = q[2, 1] = 0.6
    inputs = three_state_inputs(q, omega=1.0)
    runs = 8000
    result = simulate_inputs(inputs, runs=runs, seed=22, params=PARAMS)
    share3 = 1 - result.two_state_share().value
    expected = 0.6 * 0.4 + 0.4 * 0.6  # joins exactly one side
    assert abs(share3 - expected) < 4 * math.sqrt(expected * (1 - expected) / runs)


def test_chain_ganging_follows_offence_dominance():
    """Oracle (analytic): target 1 is defended by 2 with q = 0.5; 2's guarantor 3 follows with 0.8 ω.
    P(4 states) = P(challenger 0) · 0.5 · 0.8 ω (challenger 1: 2 and 3 follow the challenger with ω)."""
    q = np.zeros((4, 4))
    q[2, 1] = 0.5
    q[3, 2] = 0.8
    runs = 8000
    for omega in (0.0, 0.5, 1.0):
        result = simulate_inputs(three_state_inputs(q, omega=omega), runs=runs, seed=23, params=PARAMS)
        sizes = result.war_sizes().set_index("size")["wars"]
        share4 = sizes.get(4, 0) / sizes.sum()
        # challenger 0 (prob ½): 2 defends 1 w.p. 0.5, then 3 follows 2 w.p. 0.8 ω
        # challenger 1 (prob ½): 2 follows 1 w.p. 0.5 ω, then 3 follows 2 w.p. 0.8 ω
        expected = 0.5 * 0.5 * 0.8 * omega + 0.5 * 0.5 * omega * 0.8 * omega
        assert abs(share4 - expected) < 4 * math.sqrt(max(expected * (1 - expected), 1e-4) / runs)


@pytest.mark.parametrize("chunk", [BLOCK_RUNS, 2 * BLOCK_RUNS, 3 * BLOCK_RUNS, 10_000])
def test_same_seed_same_result_for_any_chunk_size(chunk):
    """Oracle (property): every tally is identical, bit for bit, whatever the chunk size."""
    world = history_world(n=14, years=8)
    params = PARAMS.replace(escalation_intercept=0.5, offence_dominance=0.8)
    reference = simulate_world(world, params, runs=200, seed=77, chunk_runs=BLOCK_RUNS)
    other = simulate_world(world, params, runs=200, seed=77, chunk_runs=chunk)
    assert reference.tally.wars.sum() > 100
    for name in (
        "disputes",
        "wars",
        "state_any",
        "size_total",
        "size_sq",
        "size_cross",
        "state_total",
        "state_sq",
        "dyad_total",
        "dyad_runs",
        "pull_total",
        "pull_runs",
        "pull_sq",
    ):
        assert np.array_equal(getattr(reference.tally, name), getattr(other.tally, name)), name
    assert reference.tally.configurations == other.tally.configurations
    assert reference.as_dict() == other.as_dict()


def test_first_runs_do_not_depend_on_the_number_of_runs():
    """Oracle (property): run r sees the same random numbers whether 70 or 200 runs are simulated."""
    world = history_world(n=10, years=5)
    short = simulate_world(world, PARAMS, runs=70, seed=5)
    long = simulate_world(world, PARAMS, runs=200, seed=5)
    assert np.array_equal(short.tally.disputes, long.tally.disputes[:70])
    assert np.array_equal(short.tally.wars, long.tally.wars[:70])


def test_different_seeds_differ_and_seed_is_recorded():
    """Oracle (property): the seed is recorded and reproduces the result; another seed gives another."""
    world = make_world(p=0.05)
    a = simulate_world(world, PARAMS, runs=64, seed=1)
    b = simulate_world(world, PARAMS, runs=64, seed=2)
    assert a.as_dict()["seed"]["entropy"] == 1
    assert not np.array_equal(a.tally.disputes, b.tally.disputes)
    fresh = simulate_world(world, PARAMS, runs=64, seed=None)
    again = simulate_world(world, PARAMS, runs=64, seed=fresh.seed["entropy"])
    assert np.array_equal(fresh.tally.disputes, again.tally.disputes)


def test_common_random_numbers_identical_worlds_differ_by_zero():
    """Oracle (property): two identical architectures on the same seeds differ by exactly zero in every
    run; a world with every guarantee removed has the same disputes run by run (onsets do not depend on
    guarantees here), only its wars differ."""
    world = make_world(p=0.04)
    same = compare_worlds({"a": world, "b": world}, PARAMS, runs=256, seed=3)
    diff = same.differences().iloc[0]
    assert diff["d_p_any_war"] == 0 and diff["d_p_low"] == 0 and diff["d_p_high"] == 0
    bare = CrisisWorld(
        world.states,
        world.years,
        world.onset,
        np.zeros_like(world.guarantee),
        world.projection,
        world.shares,
        world.mediation,
        world.active,
    )
    other = compare_worlds({"a": world, "bare": bare}, PARAMS, runs=256, seed=3)
    assert np.array_equal(other.results[0].tally.disputes, other.results[1].tally.disputes)


def test_inactive_states_neither_fight_nor_join():
    """Oracle (property): a state marked inactive has no disputes and never joins."""
    world = make_world(n=8, p=0.2)
    active = world.active.copy()
    active[:, 3] = False
    d = world.n_dyads
    i, j = pair_index(8)
    p = np.where((i == 3) | (j == 3), 0.0, 0.2)
    w = CrisisWorld(
        world.states,
        world.years,
        OnsetModel.fixed(np.broadcast_to(p, (world.n_years, d)).copy()),
        np.ones_like(world.guarantee) - np.eye(8),
        world.projection,
        world.shares,
        world.mediation,
        active,
    )
    result = simulate_world(w, PARAMS.replace(offence_dominance=1.0), runs=200, seed=8)
    assert result.tally.wars.sum() > 0
    assert result.tally.state_total[3] == 0
