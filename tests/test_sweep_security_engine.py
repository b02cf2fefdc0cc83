"""The security sweep adapter against the security model called directly (oracle: secarch.security.score
with the same parameters)."""

from __future__ import annotations

import numpy as np
import pytest

from secarch.experiments import Experiment, open_store, run_sweep
from secarch.experiments.engines import get_engine
from secarch.security import SecurityParams, score


@pytest.fixture(scope="module")
def engine():
    return get_engine("security")


def test_scores_match_the_model(engine):
    """Oracle: the adapter's outputs are the model's scores for the same parameters and year."""
    case = engine.load_case("eurasian-proposal", None)
    prepared = engine.prepare(case, {})
    values = {"rival_weight": 3.0, "extended_weight": 0.2}
    out = engine.run(prepared, values, np.random.SeedSequence(0), 0, 2)
    expected = score("eurasian-proposal", None, SecurityParams(rival_weight=3.0, extended_weight=0.2))
    for state, value in zip(expected.states, expected.security, strict=True):
        assert np.all(out[f"security.{state}"] == value)
    assert out["mean_security"][0] == pytest.approx(float(np.mean(expected.security)))
    assert out["security_spread"][0] == pytest.approx(float(np.ptp(expected.security)))


def test_parameter_space(engine):
    """Property: every SecurityParams field is a parameter with its default and bounds."""
    case = engine.load_case("example", None)
    infos = engine.parameters(case)
    defaults = SecurityParams()
    for name in ("rival_weight", "dispute_weight", "extended_weight", "latent_dispute_value"):
        assert infos[name].default == getattr(defaults, name)
    assert infos["latent_dispute_value"].high == 1.0
    assert infos["similarity_weighting"].choices == ("unweighted", "capability")
    assert infos["miles_per_day"].optional


def test_security_sweep_over_two_architectures(tmp_path):
    """Property: a grid over two architectures stores one row per point and architecture, each equal to the
    model's score; a higher rival weight never raises a state's security (more threat, same support)."""
    experiment = Experiment.model_validate(
        {
            "name": "sec",
            "engine": "security",
            "architectures": ["example", "eurasian-proposal"],
            "parameters": [{"name": "rival_weight", "values": [1.0, 2.3, 4.0]}],
            "design": {"kind": "grid"},
            "outputs": ["mean_security", "min_security"],
            "seed": 1,
        }
    )
    run_sweep(experiment, tmp_path / "s", backend="serial")
    frame = open_store(tmp_path / "s").read_frame()
    assert len(frame) == 6
    for case in ("example", "eurasian-proposal"):
        rows = frame[frame["architecture"] == case].sort_values("rival_weight")
        assert (np.diff(rows["mean_security"].to_numpy()) <= 1e-12).all()
        last = score(case, None, SecurityParams(rival_weight=4.0))
        assert rows["min_security"].iloc[-1] == pytest.approx(float(last.security.min()))


def test_year_parameter_scores_that_year(engine):
    """Oracle: with ``year``, the adapter scores the architecture on that year's 1 July, as the model does."""
    case = engine.load_case("example", None)
    out = engine.run(engine.prepare(case, {}), {"year": 2021}, np.random.SeedSequence(0), 0, 1)
    expected = score("example", 2021, SecurityParams())
    assert out["mean_security"][0] == pytest.approx(float(np.mean(expected.security)))
