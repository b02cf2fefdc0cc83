"""Classification of elements into positive-, zero- and negative-sum by their leave-one-out effect."""

from __future__ import annotations

import numpy as np
import pytest

from secarch.security.classify import classify_change, classify_elements
from secarch.security.elements import Element, ElementTable, Link, guarantee_links, opposition_links
from secarch.security.model import Geography
from secarch.security.params import SecurityParams
from secarch.security.whatif import Change, WhatIfEngine


def three_states(elements, params=None):
    """A, B, C on a line, 1000 and 2000 miles apart; A twice as strong as B and C."""
    dist = np.array([[0, 1000, 3000], [1000, 0, 2000], [3000, 2000, 0.0]])
    geo = Geography.build(["A", "B", "C"], [2.0, 1.0, 1.0], dist, np.zeros((3, 3), bool), 2005)
    return WhatIfEngine(geo, ElementTable.build(geo.states, elements), params)


@pytest.mark.parametrize(
    ("change", "parties", "expected"),
    [
        ([0.01, 0.02, 0.0], [0, 1], "positive-sum"),
        ([0.01, 0.0, -0.01], [0, 1], "zero-sum"),
        ([0.0, 0.01, -0.01], [0], "negative-sum"),  # only a non-party gains
        ([-0.01, -0.01, 0.0], [0, 1], "negative-sum"),
        ([0.0005, -0.0009, 0.0], [0, 1], "neutral"),
        ([0.0, 0.0, 0.0], [], "neutral"),
    ],
)
def test_class_definitions(change, parties, expected):
    """Oracle: the definitions in the module docstring, threshold 0.001."""
    assert classify_change(np.array(change), parties) == expected


def test_defence_pact_gains_for_parties_at_the_expense_of_an_outsider():
    """A defence pact between A and B raises their security and, through the dissimilar portfolios it
    creates, lowers C's: zero-sum, with C named as the loser."""
    pact = Element("AB", "agreement", ("A", "B"), tuple(guarantee_links("AB", "AB", "AB", 0.8)))
    result = classify_elements(three_states([pact]))
    effect = result.by_id()["AB"]
    assert effect.effect_class == "zero-sum"
    assert {s for s, _ in effect.gainers} == {"A", "B"}
    assert [s for s, _ in effect.losers] == ["C"]
    assert effect.losers[0][1] < -0.001


def test_non_aggression_pact_is_positive_sum():
    """A non-aggression pact only damps the threat between its parties: they gain, no one loses.

    (With a restraint weight of 0.5; the default, estimated on 1946–1991, is 0: then it is neutral.)"""
    nap = Element(
        "NAP",
        "agreement",
        ("A", "C"),
        (Link("NAP", "restraint", "A", "C", 0.9), Link("NAP", "restraint", "C", "A", 0.9)),
    )
    rivalry = Element(
        "RIV", "rivalry", ("A", "C"), tuple(opposition_links("RIV", "rivalry", ["A"], ["C"], 1.0))
    )
    effects = classify_elements(three_states([nap, rivalry], SecurityParams(restraint_weight=0.5))).by_id()
    assert effects["NAP"].effect_class == "positive-sum"
    assert {s for s, _ in effects["NAP"].gainers} == {"A", "C"} and not effects["NAP"].losers
    # The rivalry makes both rivals less secure and no one else more secure.
    assert effects["RIV"].effect_class == "negative-sum"
    assert classify_elements(three_states([nap, rivalry])).by_id()["NAP"].effect_class == "neutral"


def test_changes_are_base_minus_leave_one_out():
    """Oracle: full recomputation of each leave-one-out variant."""
    pact = Element("AB", "agreement", ("A", "B"), tuple(guarantee_links("AB", "AB", "AB", 0.8)))
    dispute = Element(
        "D1", "dispute", ("B", "C"), tuple(opposition_links("D1", "dispute", ["B"], ["C"], 1.0))
    )
    engine = three_states([pact, dispute])
    result = classify_elements(engine)
    for k, element_id in enumerate(engine.table.ids):
        full = engine.recompute(Change((element_id,))).security
        np.testing.assert_allclose(result.changes[k], engine.base.security - full, atol=1e-12)
        effect = result.effects[k]
        assert effect.net == pytest.approx(result.changes[k].sum())
        amounts = [v for _, v in effect.losers]
        assert amounts == sorted(amounts)
    frame = result.to_frame()
    assert list(frame["element"]) == ["AB", "D1"]
    assert result.as_dict()["elements"][1]["class"] == result.effects[1].effect_class
