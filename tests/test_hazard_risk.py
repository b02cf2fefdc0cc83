"""An architecture's agreements and disputes override the historical ones in the hazard model."""

from __future__ import annotations

import pytest

from secarch.crisis import fit, risk
from secarch.spec import load_architecture


@pytest.fixture(scope="module")
def world(shared_data):
    return fit.HistoricalWorld(fit.load_sources(shared_data))


def _pair(frame, a, b):
    row = frame[((frame.state1 == a) & (frame.state2 == b)) | ((frame.state1 == b) & (frame.state2 == a))]
    assert len(row) == 1
    return row.iloc[0]


def test_architecture_dispute_raises_the_pair_risk(world):
    """Oracle: the model's sign — a recent dispute (positive discounted-history coefficient, peace-years
    reset) raises the pair's onset probability; removing the architecture's disputes must lower it."""
    arch = load_architecture("example")
    with_disputes = risk.architecture_risk(arch, 2025, world)
    without = risk.architecture_risk(arch.model_copy(update={"disputes": []}), 2025, world)
    assert _pair(with_disputes, "KGZ", "TJK").probability > _pair(without, "KGZ", "TJK").probability
    assert _pair(with_disputes, "KAZ", "CHN").probability == pytest.approx(
        _pair(without, "KAZ", "CHN").probability
    )


def test_architecture_guarantees_replace_historical_pacts(world):
    """Oracle: the override rule — pacts are the architecture's guarantees (CSTO Art. 4 among its members);
    with the agreements removed no pair has a pact."""
    arch = load_architecture("example")
    frame = risk.architecture_risk(arch, 2025, world)
    assert bool(_pair(frame, "KAZ", "RUS").defence_pact)
    assert not bool(_pair(frame, "RUS", "CHN").defence_pact)
    bare = risk.architecture_risk(arch.model_copy(update={"agreements": []}), 2025, world)
    assert not bare.defence_pact.any()
    assert len(frame) == 21 and frame.probability.between(0, 1, inclusive="neither").all()
