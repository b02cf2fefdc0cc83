"""Classification of elements into positive-, zero- and negative-sum by their leave-one-out effect."""

from __future__ import annotations

import numpy as np
import pytest

from secarch.errors import InputError
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
        ([0.01, 0.0, -0.01], [0, 1], "zero-sum"),  # parties' mean +.005 > τ, non-party C loses
        ([0.0, 0.01, -0.01], [0], "negative-sum"),  # only a non-party gains; the sum is 0
        ([-0.01, -0.01, 0.0], [0, 1], "negative-sum"),
        ([0.0005, -0.0009, 0.0], [0, 1], "neutral"),
        ([0.0, 0.0, 0.0], [], "neutral"),
        # One party gains but the parties lose on average (mean −.001): not zero-sum; the sum is −.004.
        ([0.004, -0.006, -0.002], [0, 1], "negative-sum"),
        # Parties gain on average (mean +.0125) although B, a party, loses; C, not a party, loses: zero-sum.
        ([0.03, -0.005, -0.002], [0, 1], "zero-sum"),
        # Parties gain on average, only a party loses (no non-party loses): not zero-sum; sum +.008.
        ([0.01, -0.002, 0.0], [0, 1], "positive-sum"),
        # Parties gain (mean +.0015) but only by the threshold's margin, and C loses: zero-sum...
        ([0.002, 0.001, -0.003], [0, 1], "zero-sum"),
        # ...while a mean gain of .0009, below τ, is not a gain; the sum is −.0012.
        ([0.0015, 0.0003, -0.003], [0, 1], "negative-sum"),
        # Parties lose on average while a non-party gains more than everyone loses: sum +.006.
        ([0.0, -0.002, 0.008], [0, 1], "positive-sum"),
        # Five of seven parties lose a little, two gain a lot: mean +.0021 > τ; an outsider loses.
        ([0.02, 0.01, -0.003, -0.003, -0.003, -0.003, -0.003, -0.05], list(range(7)), "zero-sum"),
        # The same parties with smaller gains: mean −.0001, the parties do not gain; the sum is negative.
        ([0.01, 0.004, -0.003, -0.003, -0.003, -0.003, -0.003, -0.05], list(range(7)), "negative-sum"),
    ],
)
def test_class_definitions(change, parties, expected):
    """Oracle: the rule of the module docstring applied by hand, threshold τ = 0.001 (the comments give
    the parties' mean change and the sum of the changes where they decide)."""
    assert classify_change(np.array(change), parties) == expected


def test_threshold_scales_the_classes():
    """Oracle, by hand: with τ = .02 the changes (.01, 0, −.01) move no state by more than τ: neutral; with
    τ = .005 parties A, B do not gain on average (.005 is not more than τ): negative-sum (the sum is 0);
    with τ = .004 they do and C loses: zero-sum."""
    change = np.array([0.01, 0.0, -0.01])
    assert classify_change(change, [0, 1], threshold=0.02) == "neutral"
    assert classify_change(change, [0, 1], threshold=0.005) == "negative-sum"
    assert classify_change(change, [0, 1], threshold=0.004) == "zero-sum"


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf"), 1.5, "x", None])
def test_threshold_must_be_a_finite_number_in_the_unit_interval(bad):
    """Property: a negative, non-finite, above-1 or non-numeric threshold is an InputError naming the field
    and what is expected (never a ValueError or a silent result)."""
    pact = Element("AB", "agreement", ("A", "B"), tuple(guarantee_links("AB", "AB", "AB", 0.8)))
    with pytest.raises(InputError) as caught:
        classify_elements(three_states([pact]), threshold=bad)
    problem = caught.value.problems[0]
    assert problem.location.field == "threshold" and "between 0 and 1" in problem.expected


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
    assert effect.non_party_losers == effect.losers and effect.party_losers == ()
    # The parties' mean change is the mean of A's and B's changes (oracle: the change matrix).
    k = result.states.index
    expected_mean = (result.changes[0, k("A")] + result.changes[0, k("B")]) / 2
    assert effect.parties_mean_change == pytest.approx(expected_mean) and effect.parties_mean_change > 0.001


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
