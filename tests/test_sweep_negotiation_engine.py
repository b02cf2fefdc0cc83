"""The negotiation sweep adapter against the negotiation engines called directly (oracle: the engines'
own results for the same, hand-modified forum)."""

from __future__ import annotations

import numpy as np
import pytest

from secarch.experiments.engines import block_seed, get_engine
from secarch.negotiation import negotiate
from secarch.negotiation.forum import load_negotiation
from secarch.negotiation.spec import NegotiationSpec


@pytest.fixture(scope="module")
def engine():
    return get_engine("negotiation")


@pytest.fixture(scope="module")
def case(engine):
    return engine.load_case("rules-of-coexistence", None)


def _run(engine, case, values, start=0, stop=3, seed=7):
    root = np.random.SeedSequence(seed, spawn_key=(1, 0))
    return engine.run(engine.prepare(case, {}), values, root, start, stop)


@pytest.mark.parametrize("model", ["nbs", "bdm"])
def test_defaults_reproduce_the_engine(engine, case, model):
    """Oracle: without changes or noise, every replication is the engine's own result on the forum."""
    spec = load_negotiation("rules-of-coexistence")
    result = negotiate(spec, model)
    out = _run(engine, case, {"model": model})
    for k, issue in enumerate(spec.issues):
        assert np.all(out[f"outcome.{issue}"] == result.outcome[k])
    for i, actor in enumerate(spec.actors):
        assert np.all(out[f"distance.{actor}"] == result.distance[i])
    assert np.all(out["steps"] == result.steps)
    assert np.all(out["mean_distance"] == pytest.approx(result.distance.mean()))


def test_targeted_changes_match_a_modified_forum(engine, case):
    """Oracle: capability.X multiplies X's capability, position.X.I and salience.X.I set the value; the
    engine run on a forum changed by hand gives the same outcome."""
    spec = load_negotiation("rules-of-coexistence")
    capability = spec.capability.copy()
    position = spec.position.copy()
    salience = spec.salience.copy()
    i, k = spec.actors.index("CHN"), spec.issues.index("sanctions")
    capability[i] *= 3.0
    position[i, k] = 80.0
    salience[i, k] = 0.2
    changed = NegotiationSpec.from_arrays(
        spec.actors, spec.issues, capability, position, salience, spec.scale
    )
    expected = negotiate(changed, "bdm", {"q": 0.8})
    out = _run(
        engine,
        case,
        {
            "model": "bdm",
            "bdm.q": 0.8,
            "capability.CHN": 3.0,
            "position.CHN.sanctions": 80.0,
            "salience.CHN.sanctions": 0.2,
        },
        stop=1,
    )
    assert out["outcome.sanctions"][0] == expected.outcome[k]


def test_noise_follows_the_replication_stream(engine, case):
    """Oracle: replication r's capability noise is exp(σ z) with z the first n normals of
    SeedSequence(seed, spawn_key=(1, point, r)); the NBS weighted mean of the perturbed forum is the
    outcome."""
    spec = load_negotiation("rules-of-coexistence")
    out = _run(engine, case, {"model": "nbs", "capability_noise": 0.5}, start=2, stop=4)
    for j, r in enumerate((2, 3)):
        rng = np.random.default_rng(block_seed(np.random.SeedSequence(7, spawn_key=(1, 0)), r))
        z = rng.standard_normal(spec.n_actors)
        perturbed = NegotiationSpec.from_arrays(
            spec.actors,
            spec.issues,
            spec.capability * np.exp(0.5 * z),
            spec.position,
            spec.salience,
            spec.scale,
        )
        expected = negotiate(perturbed, "nbs").outcome
        assert out["outcome.sanctions"][j] == expected[spec.issues.index("sanctions")]


def test_replications_do_not_depend_on_the_batch(engine, case):
    """Property: replications 0–5 computed as one batch equal those computed in batches of 2."""
    values = {"model": "nbs", "position_noise": 0.1, "salience_noise": 0.2}
    whole = _run(engine, case, values, 0, 6)
    parts = [_run(engine, case, values, a, a + 2) for a in (0, 2, 4)]
    for name, column in whole.items():
        assert np.array_equal(column, np.concatenate([p[name] for p in parts]))


def test_noisy_positions_stay_on_the_scale(engine, case):
    """Property: large position noise is clipped to the 0–100 scale, so outcomes stay on it."""
    out = _run(engine, case, {"model": "nbs", "position_noise": 2.0}, 0, 20)
    for name, column in out.items():
        if name.startswith("outcome."):
            assert ((column >= 0) & (column <= 100)).all()


def test_stochastic_smp_replications_differ(engine, case):
    """Property: the SMP with stochastic transitions draws them from the replication's stream, so two
    replications differ and the same replication repeats exactly."""
    values = {"model": "smp", "smp.state_transition": "stochastic", "smp.max_turns": 3}
    first = _run(engine, case, values, 0, 2)
    again = _run(engine, case, values, 1, 2)
    assert first["mean_distance"][1] == again["mean_distance"][0]
    outcomes = np.column_stack([first[k] for k in first if k.startswith("outcome.")])
    assert not np.array_equal(outcomes[0], outcomes[1])


def test_parameter_space_and_outputs(engine, case):
    """Property: the space lists the model, every option, noise, and per-actor/issue changes with the
    forum's values as defaults; the outputs list every issue and actor."""
    spec = load_negotiation("rules-of-coexistence")
    infos = engine.parameters(case)
    assert infos["model"].choices == ("smp", "bdm", "nbs")
    assert infos["bdm.q"].low == 0.0 and infos["bdm.q"].high == 1.0
    assert infos["smp.risk_range"].kind == "choice"
    assert "smp.seed" not in infos
    assert (
        infos["position.RUS.sanctions"].default
        == spec.position[spec.actors.index("RUS"), spec.issues.index("sanctions")]
    )
    outputs = engine.outputs(case)
    assert len(outputs) == spec.n_issues + spec.n_actors + 5
