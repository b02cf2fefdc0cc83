"""The crisis section (present where the crisis Monte Carlo, secarch.crisis.simulate, is installed)."""

from __future__ import annotations

import pytest

pytest.importorskip(
    "secarch.crisis.simulate", reason="the crisis Monte Carlo (secarch.crisis.simulate) is not installed"
)

from report_cases import SMALL, VARIANT

RUNS = 120


@pytest.fixture(scope="module")
def pair():
    from secarch.report import ReportOptions, build_report

    return build_report(
        [SMALL, VARIANT], ReportOptions(seed=11, parameters={"crisis": {"runs": RUNS, "years": 3}})
    )


def _crisis(report):
    return next(s for s in report["sections"] if s["id"] == "crisis")


def test_estimates_are_the_engines(pair):
    """Oracle: secarch.crisis.simulate run directly with the seed the section records (its SeedSequence)."""
    import numpy as np

    from secarch.crisis.simulate import simulate
    from secarch.spec import load_architecture

    result = _crisis(pair)["by_architecture"]["small"]
    seed = np.random.SeedSequence(result["seed"]["entropy"], spawn_key=tuple(result["seed"]["spawn_key"]))
    arch = load_architecture(SMALL)
    direct = simulate(arch, years=3, runs=RUNS, seed=seed, start=arch.date.year).summary()
    for key, estimate in direct.items():
        assert result["summary"][key]["value"] == pytest.approx(estimate.value, abs=1e-5)
        assert (
            result["summary"][key]["low"] <= result["summary"][key]["value"] <= result["summary"][key]["high"]
        )
    assert result["runs"] == RUNS and len(result["years"]) == 3


def test_same_seed_for_every_architecture_and_paired_differences(pair):
    """Property: common random numbers — both architectures record the same seed; the paired difference in
    P(any war) lies inside its interval and equals the difference of the two estimates (same runs)."""
    entry = _crisis(pair)
    a, b = (entry["by_architecture"][n] for n in ("small", "small-variant"))
    assert a["seed"] == b["seed"]
    (paired,) = entry["differences"]["paired"]
    assert paired["d_p_low"] <= paired["d_p_any_war"] <= paired["d_p_high"]
    difference = b["summary"]["p_any_war"]["value"] - a["summary"]["p_any_war"]["value"]
    assert paired["d_p_any_war"] == pytest.approx(difference, abs=1e-4)


def test_private_objects_do_not_reach_the_report(pair):
    """Property: the report stays plain JSON (the engine objects used for the comparison are removed)."""
    import json

    assert json.loads(json.dumps(pair)) == pair
    assert "_result" not in _crisis(pair)["by_architecture"]["small"]
