"""The crisis sweep adapter against the crisis Monte Carlo run directly (oracle: the engine's own per-run
tallies for the same world, parameters and root seed), and across backends."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from secarch.crisis.engine import prepare
from secarch.crisis.inputs import build_worlds
from secarch.crisis.params import CrisisParams
from secarch.crisis.simulate import simulate_world
from secarch.experiments import Experiment, open_store, run_sweep
from secarch.experiments.engines import get_engine
from secarch.spec import load_architecture

PARAMS = {"reliability": 0.6, "offence_dominance": 0.3, "years": 5}


@pytest.fixture(scope="module")
def engine():
    return get_engine("crisis")


def test_batches_are_runs_of_one_simulation(engine):
    """Oracle: runs 0–159 computed by the adapter in batches of 64, 64 and 32 are runs 0–159 of the crisis
    engine's own simulation of 160 runs with the point's root seed."""
    case = engine.load_case("example", None)
    prepared = engine.prepare(case, {})
    root = np.random.SeedSequence(5, spawn_key=(1, 3))
    parts = [engine.run(prepared, PARAMS, root, a, b) for a, b in ((0, 64), (64, 128), (128, 160))]
    world = build_worlds([load_architecture("example")], horizon=5)["example"]
    params = CrisisParams(reliability=0.6, offence_dominance=0.3)
    result = simulate_world(world, params, runs=160, seed=root)
    tally = result.tally
    assert np.array_equal(np.concatenate([p["disputes"] for p in parts]), tally.disputes)
    assert np.array_equal(np.concatenate([p["wars"] for p in parts]), tally.wars)
    at_war = tally.state_any_matrix()
    for k, state in enumerate(world.states):
        assert np.array_equal(np.concatenate([p[f"at_war.{state}"] for p in parts]), at_war[:, k])
    # the means of the per-run outputs are the engine's estimates
    any_war = np.concatenate([p["any_war"] for p in parts])
    assert any_war.mean() == pytest.approx(result.p_any_war().value)
    assert tally.disputes.sum() > 0


def test_parameter_space(engine):
    """Property: every CrisisParams field with its default, and the horizon and start year."""
    case = engine.load_case("example", None)
    infos = engine.parameters(case)
    defaults = CrisisParams()
    for name in ("escalation_intercept", "deterrence", "reliability", "offence_dominance", "max_waves"):
        assert infos[name].default == getattr(defaults, name)
    assert infos["reliability"].high == 1.0 and infos["max_waves"].kind == "int"
    assert infos["years"].default == 10 and infos["start"].optional


def test_architectures_share_states_and_streams(engine, tmp_path):
    """Property (common random numbers): with two architectures, both are simulated on the union of their
    participants, and an architecture's rows equal those of the crisis engine on the world built together
    with the other."""
    experiment = Experiment.model_validate(
        {
            "name": "crn",
            "engine": "crisis",
            "architectures": ["example", "eurasian-proposal"],
            "fixed": {"years": 3},
            "parameters": [{"name": "reliability", "values": [0.3, 0.9]}],
            "design": {"kind": "grid"},
            "replications": 64,
            "seed": 8,
            "outputs": ["wars", "disputes"],
        }
    )
    run_sweep(experiment, tmp_path / "s", backend="serial")
    frame = open_store(tmp_path / "s").read_frame()
    assert len(frame) == 2 * 2 * 64
    archs = [load_architecture("example"), load_architecture("eurasian-proposal")]
    worlds = build_worlds(archs, horizon=3)
    assert worlds["example"].states == worlds["eurasian-proposal"].states
    params = CrisisParams(reliability=0.9)
    root = np.random.SeedSequence(8, spawn_key=(1, 1))  # point 1: reliability 0.9
    expected = simulate_world(worlds["eurasian-proposal"], params, runs=64, seed=root).tally.wars
    rows = frame[(frame["architecture"] == "eurasian-proposal") & (frame["point"] == 1)]
    assert np.array_equal(rows["wars"].to_numpy(), expected)


def test_crisis_sweep_is_identical_on_a_process_pool(tmp_path):
    """Property: the crisis sweep stores the same rows serially and on a pool of 2 processes, with tasks of
    64 or 128 runs."""
    base = {
        "name": "pool",
        "engine": "crisis",
        "architectures": ["example"],
        "fixed": {"years": 4},
        "parameters": [{"name": "offence_dominance", "range": [0.0, 0.6]}],
        "design": {"kind": "lhs", "samples": 3},
        "replications": 256,
        "seed": 2,
        "outputs": ["wars", "any_war", "states_at_war"],
    }
    run_sweep(
        Experiment.model_validate({**base, "task": {"replications": 64}}), tmp_path / "a", backend="serial"
    )
    run_sweep(
        Experiment.model_validate({**base, "task": {"replications": 128}}),
        tmp_path / "b",
        backend="process",
        workers=2,
    )
    pd.testing.assert_frame_equal(
        open_store(tmp_path / "a").read_frame(), open_store(tmp_path / "b").read_frame()
    )


def test_task_size_must_be_whole_blocks(tmp_path):
    """Property: a task size that is not a multiple of the engine's 32-run blocks is refused."""
    from secarch.errors import InputError
    from secarch.experiments import make_plan

    experiment = Experiment.model_validate(
        {
            "name": "bad",
            "engine": "crisis",
            "architectures": ["example"],
            "replications": 100,
            "task": {"replications": 50},
        }
    )
    with pytest.raises(InputError, match="seed block"):
        make_plan(experiment)


def test_world_inputs_are_reused_for_the_same_parameters(engine):
    """Property: the engine inputs are rebuilt only when the parameters change (a cache, not a result)."""
    case = engine.load_case("example", None)
    prepared = engine.prepare(case, {})
    root = np.random.SeedSequence(1)
    engine.run(prepared, PARAMS, root, 0, 32)
    first = prepared.inputs
    engine.run(prepared, PARAMS, root, 32, 64)
    assert prepared.inputs is first
    engine.run(prepared, {**PARAMS, "reliability": 0.2}, root, 0, 32)
    assert prepared.inputs is not first
    expected = prepare(prepared.world(5, None), CrisisParams(reliability=0.2, offence_dominance=0.3))
    assert np.array_equal(prepared.inputs.defend, expected.defend)
