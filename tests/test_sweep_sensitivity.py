"""Sensitivity indices against analytic answers: Sobol' indices of the Ishigami function, Morris effects and
rank correlations of a linear function, PRIM on a known box."""

from __future__ import annotations

import numpy as np
import pytest

from secarch.experiments import Experiment, run_sweep
from secarch.experiments.sensitivity import analyse, discover, prim, write_analysis
from sweep_testengines import Ishigami

PI = 3.141592653589793


def _experiment(**changes):
    base = {
        "name": "t",
        "engine": "sweep_testengines:Ishigami",
        "architectures": ["ishigami"],
        "parameters": [{"name": f"x{i}", "range": [-PI, PI]} for i in (1, 2, 3)],
        "design": {"kind": "sobol", "samples": 2048},
        "seed": 11,
        "task": {"points": 2048},
    }
    base.update(changes)
    return Experiment.model_validate(base)


@pytest.fixture(scope="module")
def ishigami_sweep(tmp_path_factory):
    out = tmp_path_factory.mktemp("ishigami") / "sweep"
    run_sweep(_experiment(), out, backend="serial")
    return out


@pytest.fixture(scope="module")
def ishigami_analysis(ishigami_sweep):
    return analyse(ishigami_sweep)


def test_sobol_indices_of_ishigami_match_the_analytic_values(ishigami_analysis):
    """Oracle: the Ishigami function's analytic first- and total-order indices (a = 7, b = 0.1):
    S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437) (Sobol' & Levitan 1999)."""
    s1, st = Ishigami.analytic()
    assert [round(v, 4) for v in s1] == [0.3139, 0.4424, 0.0]
    assert [round(v, 4) for v in st] == [0.5576, 0.4424, 0.2437]
    result = ishigami_analysis
    assert result.method == "sobol" and result.complete
    table = result.indices.set_index("parameter")
    assert np.allclose(table["S1"].to_numpy(), s1, atol=0.02)
    assert np.allclose(table["ST"].to_numpy(), st, atol=0.02)
    # the analytic values lie within the bootstrap intervals (with a little slack), which are informative
    assert (np.abs(table["ST"].to_numpy() - st) <= table["ST_conf"].to_numpy() + 0.01).all()
    assert (table["S1_conf"] < 0.1).all() and (table["ST_conf"] < 0.1).all()
    assert (table["noise_share"] == 0).all()  # a deterministic engine: no replication noise


def test_stored_values_are_salibs_ishigami(ishigami_sweep):
    """Oracle: SALib's reference implementation of the Ishigami function, evaluated at the stored design."""
    from SALib.test_functions import Ishigami as reference

    from secarch.experiments import open_store

    store = open_store(ishigami_sweep)
    design = store.design()
    frame = store.read_frame()
    assert len(frame) == len(design) == 2048 * 5
    expected = reference.evaluate(design[["x1", "x2", "x3"]].to_numpy())
    assert np.allclose(frame["y"].to_numpy(), expected, rtol=1e-12, atol=1e-12)


def test_analysis_writes_tables_and_charts(ishigami_analysis, tmp_path):
    """Property: the written table holds what the analysis returned, and a PNG per output exists."""
    import pandas as pd

    result = ishigami_analysis
    files = write_analysis(result, tmp_path)
    names = {f.name for f in files}
    assert {"indices.csv", "points.parquet", "ishigami--y.png"} <= names
    assert (tmp_path / "ishigami--y.png").read_bytes()[:4] == b"\x89PNG"
    written = pd.read_csv(tmp_path / "indices.csv")
    assert np.allclose(written["ST"], result.indices["ST"])


def test_morris_effects_of_a_linear_function_are_its_coefficients(tmp_path):
    """Oracle: for y = Σ c_i x_i on unit coordinates mapped to ranges of width w_i, every elementary effect
    of x_i equals c_i w_i exactly, so μ = c_i w_i, μ* = |c_i w_i| and σ = 0."""
    experiment = Experiment.model_validate(
        {
            "name": "m",
            "engine": "sweep_testengines:NoisyLinear",
            "architectures": ["scale=1"],
            "parameters": [
                {"name": "x0", "range": [0, 1]},
                {"name": "x1", "range": [-1, 1]},
                {"name": "x2", "range": [10, 14]},
                {"name": "x3", "range": [0, 5]},
            ],
            "design": {"kind": "morris", "samples": 20, "levels": 4},
            "replications": 1,
            "seed": 3,
        }
    )
    run_sweep(experiment, tmp_path / "s", backend="serial")
    result = analyse(tmp_path / "s", outputs=["y"])
    table = result.indices.set_index("parameter")
    expected = np.array([3.0 * 1, -2.0 * 2, 0.5 * 4, 0.0])
    assert np.allclose(table["mu"], expected)
    assert np.allclose(table["mu_star"], np.abs(expected))
    assert np.allclose(table["sigma"], 0.0, atol=1e-9)


def test_rank_correlation_of_a_monotone_output_is_one(tmp_path):
    """Oracle: an output that increases with one parameter and ignores the others has Spearman ρ = 1 with
    it (exactly, in a grid where the others vary independently ρ = 1/sqrt(levels² ...) — here the only
    varied parameter is x0, so ρ(x0) = 1)."""
    experiment = Experiment.model_validate(
        {
            "name": "r",
            "engine": "sweep_testengines:NoisyLinear",
            "architectures": ["scale=1"],
            "parameters": [{"name": "x0", "range": [0, 1]}],
            "design": {"kind": "lhs", "samples": 30},
            "seed": 5,
        }
    )
    run_sweep(experiment, tmp_path / "s", backend="serial")
    table = analyse(tmp_path / "s", outputs=["y"]).indices
    assert table["rho"].tolist() == pytest.approx([1.0])


def test_prim_finds_a_known_box():
    """Oracle: hits exactly where x > 0.6 and y < 0.3: PRIM's densest box restricts x from about 0.6 up and
    y up to about 0.3, with density 1."""
    rng = np.random.default_rng(0)
    unit = rng.random((4000, 3))
    hits = (unit[:, 0] > 0.6) & (unit[:, 1] < 0.3)
    boxes = prim(["x", "y", "z"], unit, hits, alpha=0.05, min_mass=0.02)
    best = max(boxes, key=lambda b: b.density)
    assert best.density > 0.97
    assert best.limits["x"][0] == pytest.approx(0.6, abs=0.03)
    assert best.limits["y"][1] == pytest.approx(0.3, abs=0.03)
    assert best.limits["z"] == (0.0, 1.0)
    # coverage falls and density rises along the trajectory
    assert boxes[0].coverage == 1.0 and boxes[0].mass == 1.0


def test_discover_reports_the_box_in_parameter_values(ishigami_sweep):
    """Property: x2 drives the Ishigami function's largest term (7 sin² x2); the points where y > 8 lie where
    sin² x2 is large, so the box restricts x2 and its limits are values inside [−π, π]."""
    found = discover(ishigami_sweep, "y>8")
    chosen = found.trajectory[found.chosen]
    assert chosen.coverage >= 0.5
    assert chosen.density > found.trajectory[0].density
    for low, high in found.box.values():
        assert -PI <= low <= high <= PI
