"""The security model as hooks of the principle checks: indivisibility names the zero-sum elements and
their losers, equality reads the modelled security."""

from __future__ import annotations

import numpy as np
import pytest

from secarch.principles import Severity, run_checks
from secarch.security import adapter, hooks
from secarch.spec import load_architecture
from test_security_adapter import geography


@pytest.fixture
def example_with_hand_geography(monkeypatch):
    """The example architecture, with the geography of test_security_adapter instead of the bundled data."""
    monkeypatch.setattr(
        adapter, "geography_from_data", lambda states, year, params=None: (geography(states, year), ())
    )
    hooks._CACHE.clear()
    yield load_architecture("example")
    hooks._CACHE.clear()


def test_indivisibility_reports_the_zero_sum_classification(example_with_hand_geography):
    """Oracle: classify() of the security model; the check must report exactly its zero-sum elements."""
    arch = example_with_hand_geography
    report = run_checks(
        arch, 2021, principles=["indivisibility"], zero_sum=hooks.zero_sum, security=hooks.security
    )
    summary = next(f for f in report.findings if f.severity == Severity.INFO)
    zero_sum = [f for f in report.findings if f.severity != Severity.INFO]
    reported = {f.elements[0] for f in zero_sum}
    effects = adapter.classify(arch, 2021, geography=geography(tuple(arch.participants))).effects
    expected = {e.element for e in effects if e.effect_class == "zero-sum"}
    assert expected and reported == expected
    csto = next(f for f in zero_sum if f.elements[0] == "csto-art4")
    assert set(csto.evidence["losers"]) and all(v < 0 for v in csto.evidence["losers"].values())
    # The info finding classifies every agreement and membership, as the model does.
    classes = {e.element: e.effect_class for e in effects if e.kind in ("agreement", "membership")}
    assert {r["element"]: r["class"] for r in summary.evidence["elements"]} == classes


def test_security_hook_is_aligned_with_the_snapshot(example_with_hand_geography):
    """The hook returns the scores in the snapshot's state order (oracle: the adapter's scores by state)."""
    arch = example_with_hand_geography
    snapshot = arch.at(2021)
    values = hooks.security(arch, snapshot)
    scores = adapter.score(arch, 2021, geography=geography(tuple(arch.participants)))
    by_state = dict(zip(scores.states, scores.security, strict=True))
    np.testing.assert_allclose(values, [by_state[s] for s in snapshot.states])
    assert hooks.case_for(arch, snapshot.date) is hooks.case_for(arch, snapshot.date)
