"""Experiment files: valid files load, bad ones give located errors (file, line, field, expectation), and
no input makes the loader fail with anything but an InputError (hypothesis fuzz)."""

from __future__ import annotations

import contextlib
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from secarch.errors import InputError
from secarch.experiments import make_plan
from secarch.experiments.designs import TAIL, grid_unit, unit_to_values
from secarch.experiments.engines import ParameterInfo
from secarch.experiments.spec import Parameter, load_experiment_file

GOOD = """\
name: ok
engine: negotiation
architectures: [rules-of-coexistence]
fixed: {model: nbs}
parameters:
  - name: capability.RUS
    range: [0.5, 2]
  - name: position_noise
    distribution: {kind: truncnormal, mean: 0.05, sd: 0.05, low: 0, high: 0.2}
design: {kind: lhs, samples: 5}
replications: 3
seed: 1
"""


def _problem(text, tmp_path):
    path = tmp_path / "experiment.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        make_plan(path)
    return caught.value.problems[0], path


def test_a_good_file_plans(tmp_path):
    """Property: the plan has the design's points, the tasks cover every run once, the seed is recorded."""
    path = tmp_path / "experiment.yaml"
    path.write_text(GOOD)
    plan = make_plan(path)
    assert plan.n_points == 5 and plan.seed == 1
    runs = sorted(
        (p, r)
        for task in plan.tasks()
        for p in range(task.point_start, task.point_stop)
        for r in range(task.rep_start, task.rep_stop)
    )
    assert runs == [(p, r) for p in range(5) for r in range(3)]
    assert plan.n_tasks == len(list(plan.tasks()))
    assert plan.description()["seed"]["entropy"] == 1


def test_unknown_parameter_is_located_with_a_suggestion(tmp_path):
    """Oracle: the misspelt name is on line 6, column 11 of the file."""
    problem, path = _problem(GOOD.replace("capability.RUS", "capability.RUSS"), tmp_path)
    assert problem.location.file == str(path)
    assert (problem.location.line, problem.location.column) == (6, 11)
    assert problem.location.field == "parameters[0].name"
    assert "capability.RUS" in (problem.hint or "")


def test_value_out_of_the_engines_range_is_located(tmp_path):
    """Oracle: a BDM q of 1.5 is outside [0, 1], written on line 4."""
    problem, _ = _problem(GOOD.replace("fixed: {model: nbs}", "fixed: {model: bdm, bdm.q: 1.5}"), tmp_path)
    assert problem.location.line == 4
    assert "from 0 to 1" in (problem.expected or "")


def test_range_beyond_the_valid_values_is_an_error(tmp_path):
    """Property: a position range beyond the issue's 0–100 scale is refused before anything runs."""
    text = GOOD.replace("capability.RUS\n    range: [0.5, 2]", "position.RUS.sanctions\n    range: [50, 150]")
    problem, _ = _problem(text, tmp_path)
    assert problem.location.field.startswith("parameters[0]")
    assert "0 to 100" in (problem.expected or "")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("samples: 5", "samples: 5, levels: 3"), None),  # levels is allowed for lhs (ignored)
        (("kind: lhs, samples: 5", "kind: sobol, samples: 6"), "power of two"),
        (("kind: lhs, samples: 5", "kind: morris, samples: 4, levels: 3"), "even number"),
        (("kind: truncnormal, mean: 0.05, sd: 0.05, low: 0, high: 0.2", "kind: normal, mean: 0.05"), "sd"),
        (("range: [0.5, 2]", "range: [2, 0.5]"), "low < high"),
        (("replications: 3", "replications: 0"), "greater than or equal to 1"),
        (("engine: negotiation", "engine: nonesuch"), "unknown engine"),
    ],
)
def test_bad_files(tmp_path, change, message):
    """Property: each mistake is reported as an InputError naming the problem."""
    text = GOOD.replace(*change)
    assert text != GOOD
    if message is None:
        path = tmp_path / "e.yaml"
        path.write_text(text)
        make_plan(path)
        return
    problem, _ = _problem(text, tmp_path)
    assert message in problem.format()


def test_morris_refuses_unbounded_distributions(tmp_path):
    """Property: Morris levels 0 and 1 would map a normal distribution to ±infinity."""
    text = GOOD.replace("kind: lhs, samples: 5", "kind: morris, samples: 4").replace(
        "kind: truncnormal, mean: 0.05, sd: 0.05, low: 0, high: 0.2", "kind: normal, mean: 0.05, sd: 0.01"
    )
    problem, _ = _problem(text, tmp_path)
    assert "bounded" in problem.message


def test_missing_architecture_is_located(tmp_path):
    """Property: an architecture that is neither a file nor a bundled forum is reported at its entry."""
    problem, _ = _problem(GOOD.replace("[rules-of-coexistence]", "[no-such-forum.yaml]"), tmp_path)
    assert problem.location.file is not None


def test_parameter_both_fixed_and_varied(tmp_path):
    problem, _ = _problem(GOOD.replace("{model: nbs}", "{model: nbs, capability.RUS: 2}"), tmp_path)
    assert "both varied and fixed" in problem.message
    assert problem.location.line == 6


def test_quantile_maps_follow_scipy():
    """Oracle: scipy.stats' inverse CDFs (the unbounded normal cut at TAIL)."""
    u = np.array([0.0, 0.1, 0.5, 0.9, 1.0])
    info = ParameterInfo("x", "float", 0.0)
    normal = Parameter(name="x", distribution={"kind": "normal", "mean": 2, "sd": 3})
    assert np.allclose(unit_to_values(normal, info, u), stats.norm(2, 3).ppf(np.clip(u, TAIL, 1 - TAIL)))
    tri = Parameter(name="x", distribution={"kind": "triangular", "low": 0, "mode": 1, "high": 4})
    assert np.allclose(unit_to_values(tri, info, u), stats.triang(0.25, loc=0, scale=4).ppf(u))
    logu = Parameter(name="x", distribution={"kind": "loguniform", "low": 1, "high": 100})
    assert np.allclose(unit_to_values(logu, info, [0, 0.5, 1]), [1, 10, 100])
    ints = Parameter(name="n", range=(1, 3))
    assert unit_to_values(ints, ParameterInfo("n", "int", 1), [0, 0.33, 0.34, 0.7, 1.0]).tolist() == [
        1,
        1,
        2,
        3,
        3,
    ]


def test_latin_hypercube_is_stratified(tmp_path):
    """Property (McKay et al. 1979): each of the n equal strata of every parameter holds exactly one point."""
    path = tmp_path / "e.yaml"
    path.write_text(GOOD.replace("samples: 5", "samples: 40"))
    unit = make_plan(path).design.unit
    for column in unit.T:
        assert sorted((column * 40).astype(int).tolist()) == list(range(40))


def test_sobol_and_morris_design_sizes(tmp_path):
    """Oracle: Saltelli's scheme has N (k + 2) points, N (2k + 2) with second order; Morris r (k + 1), and
    consecutive points of a trajectory differ in one coordinate by Δ = levels / (2 (levels − 1))."""
    path = tmp_path / "e.yaml"
    path.write_text(GOOD.replace("kind: lhs, samples: 5", "kind: sobol, samples: 16"))
    assert make_plan(path).n_points == 16 * 4
    path.write_text(GOOD.replace("kind: lhs, samples: 5", "kind: sobol, samples: 16, second_order: true"))
    assert make_plan(path).n_points == 16 * 6
    path.write_text(GOOD.replace("kind: lhs, samples: 5", "kind: morris, samples: 7, levels: 4"))
    unit = make_plan(path).design.unit
    assert unit.shape == (7 * 3, 2)
    for t in range(7):
        steps = np.diff(unit[3 * t : 3 * t + 3], axis=0)
        assert ((np.abs(steps) > 1e-12).sum(axis=1) == 1).all()
        assert np.allclose(np.abs(steps).sum(axis=1), 4 / (2 * 3))


def test_grid_is_the_full_product():
    """Oracle: 2 values × 3 levels = 6 points, the last parameter fastest."""
    a, b = Parameter(name="a", values=[1, 2]), Parameter(name="b", range=(0, 1), levels=3)
    assert grid_unit([a, b], 4).shape == (6, 2)
    assert grid_unit([], 4).shape == (1, 0)


keys = st.sampled_from(
    [
        "name",
        "engine",
        "architectures",
        "parameters",
        "design",
        "replications",
        "seed",
        "fixed",
        "outputs",
        "x",
    ]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(keys, values, max_size=8))
def test_fuzz_experiment_files(data, tmp_path):
    """Property: whatever the file holds, loading it either works or raises an InputError."""
    import json

    text = json.dumps(data, default=str)  # JSON is YAML
    with contextlib.suppress(InputError):
        load_experiment_file("fuzz.yaml", text=text)


@settings(max_examples=60, deadline=None)
@given(
    low=st.floats(-1e6, 1e6, allow_nan=False),
    width=st.floats(1e-3, 1e6, allow_nan=False),
    u=st.lists(st.floats(0, 1), min_size=1, max_size=20),
)
def test_range_maps_into_the_range(low, width, u):
    """Property: a uniform range maps [0, 1] into [low, high], monotonically."""
    p = Parameter(name="x", range=(low, low + width))
    values = unit_to_values(p, ParameterInfo("x", "float", 0.0), sorted(u))
    assert (values >= low - 1e-9 * max(1, abs(low))).all()
    assert (values <= low + width + 1e-9 * max(1, abs(low + width))).all()
    assert (np.diff(values) >= -1e-9 * max(1.0, math.fabs(low) + width)).all()


parameter_entries = st.fixed_dictionaries(
    {
        "name": st.sampled_from(
            ["model", "bdm.q", "capability.RUS", "position.USA.sanctions", "bdm.rounds", "nope"]
        )
    },
    optional={
        "range": st.lists(st.floats(-3, 300) | st.integers(-3, 300), min_size=0, max_size=3),
        "values": st.lists(scalars, max_size=3),
        "distribution": st.dictionaries(
            st.sampled_from(["kind", "low", "high", "mean", "sd", "mode", "mu", "sigma"]),
            st.sampled_from(["normal", "triangular", "lognormal", "uniform"]) | st.floats(-2, 2) | st.none(),
            max_size=4,
        ),
        "levels": st.integers(0, 4),
    },
)


@settings(max_examples=80, deadline=None)
@given(
    parameters=st.lists(parameter_entries, max_size=3),
    kind=st.sampled_from(["grid", "lhs", "sobol", "morris"]),
    samples=st.integers(1, 8),
)
def test_fuzz_plans(parameters, kind, samples):
    """Property: any parameter list and design either plans or raises an InputError (never another error)."""
    import json

    data = {
        "name": "fuzz",
        "engine": "negotiation",
        "architectures": ["rules-of-coexistence"],
        "parameters": parameters,
        "design": {"kind": kind, "samples": samples, "levels": 2},
        "seed": 0,
    }
    try:
        experiment = load_experiment_file("fuzz.yaml", text=json.dumps(data))
        make_plan(experiment)
    except InputError:
        pass
