"""From architectures to crisis worlds with the bundled tables."""

from __future__ import annotations

import numpy as np
import pytest

from secarch.crisis import hazard
from secarch.crisis.inputs import build_world, build_worlds, mediation_matrix
from secarch.crisis.world import pair_index
from secarch.spec import load_architecture


@pytest.fixture(scope="module")
def example():
    return load_architecture("example")


def test_world_follows_the_architecture(example):
    """Oracle (property): guarantees are the snapshot's credibilities, every participant with a CoW code is
    active, and the CIS (conflict-settlement provision) mediates between its full members only."""
    world = build_world(example, horizon=3, start=2022)
    snap = example.at(2022)
    assert world.states == tuple(example.participants)
    assert world.years == (2022, 2023, 2024)
    np.testing.assert_array_equal(world.guarantee[0], snap.guarantee)
    assert world.active.all()
    i, j = pair_index(world.n_states)
    pairs = {
        (world.states[a], world.states[b]): bool(m) for a, b, m in zip(i, j, world.mediation[0], strict=True)
    }
    assert pairs[("KAZ", "KGZ")]  # both ratified the CIS Charter
    assert not pairs[("KAZ", "TKM")]  # Turkmenistan is an associate member
    assert not pairs[("KAZ", "CHN")]
    np.testing.assert_array_equal(mediation_matrix(snap), mediation_matrix(snap).T)


def test_years_after_the_reference_date_hold_the_architecture(example):
    """Oracle (property): from the reference date on, the architecture is simulated as it stands then."""
    world = build_world(example, horizon=4, start=2025)
    for t in range(1, 4):
        np.testing.assert_array_equal(world.guarantee[t], world.guarantee[0])
        np.testing.assert_array_equal(world.onset.base_logit[t], world.onset.base_logit[0])


def test_first_year_onsets_match_the_hazard_models_scoring(example, shared_data):
    """Oracle (reference implementation): the first simulated year's onset probabilities, built from the
    bundled tables, equal ``secarch.crisis.risk.architecture_risk`` built from the original datasets. The
    one input that differs is Beijing's capital point, which the bundled capitals correct (GeoNames): pairs
    with China agree to 0.5%, all others exactly."""
    from secarch.crisis import fit, risk

    year = 2020
    world = build_world(example, horizon=1, start=year)
    reference = risk.architecture_risk(example, year, fit.HistoricalWorld(fit.load_sources(shared_data)))
    model = world.onset
    p = model.probability(0, model.peace_years0, model.discounted0, model.prior0)
    i, j = pair_index(world.n_states)
    mine = {frozenset((world.states[a], world.states[b])): float(x) for a, b, x in zip(i, j, p, strict=True)}
    for row in reference.itertuples(index=False):
        tolerance = 5e-3 if "CHN" in (row.state1, row.state2) else 1e-9
        assert mine[frozenset((row.state1, row.state2))] == pytest.approx(row.probability, rel=tolerance), row


def test_bundled_risk_table_is_the_simulations_first_year(example):
    """Oracle (reference implementation): ``architecture_risk`` without original datasets scores every pair
    exactly as the crisis simulation's first year does (both are built from the bundled tables)."""
    from secarch.crisis import risk

    year = 2020
    world = build_world(example, horizon=1, start=year)
    model = world.onset
    p = model.probability(0, model.peace_years0, model.discounted0, model.prior0)
    i, j = pair_index(world.n_states)
    mine = {frozenset((world.states[a], world.states[b])): float(x) for a, b, x in zip(i, j, p, strict=True)}
    table = risk.architecture_risk(example, year)
    assert len(table) == len(mine)
    for row in table.itertuples(index=False):
        assert mine[frozenset((row.state1, row.state2))] == pytest.approx(row.probability, rel=1e-12), row


def test_union_of_participants_for_common_random_numbers(example):
    """Oracle (property): worlds built together share states and years; a state that is not a participant of
    an architecture is inactive there and has no onset risk."""
    smaller = example.model_copy(
        update={"name": "smaller", "participants": [s for s in example.participants if s != "CHN"]}
    )
    smaller = smaller.model_copy(update={"memberships": [m for m in example.memberships if m.state != "CHN"]})
    worlds = build_worlds([example, smaller], horizon=2, start=2024)
    a, b = worlds["example"], worlds["smaller"]
    assert a.states == b.states and a.years == b.years
    k = b.states.index("CHN")
    assert not b.active[:, k].any()
    i, j = pair_index(b.n_states)
    assert np.isneginf(b.onset.base_logit[:, (i == k) | (j == k)]).all()
    assert np.isfinite(a.onset.base_logit).all()


def test_hazard_model_is_the_bundled_fit(example):
    """Oracle (property): the world records which hazard fit it used."""
    world = build_world(example, horizon=1)
    model = hazard.load_model("hazard")
    assert f"{model.fit_from}-{model.fit_until}" in world.source
