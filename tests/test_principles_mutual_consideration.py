"""The mutual-consideration check on a hand-made forum whose outcome is known in closed form."""

from __future__ import annotations

from _principles_arch import clean
from secarch.model.forum import Forum
from secarch.negotiation import negotiate
from secarch.negotiation.forum import forum_in_architecture, forum_to_spec
from secarch.principles import Severity, forum_negotiation, run_checks

FORUM = Forum.model_validate(
    {
        "name": "two parties",
        "issues": [{"id": "x", "name": "X", "low": "none", "high": "all"}],
        "actors": [{"id": code, "name": code, "kind": "state"} for code in ("AAA", "BBB", "ZZZ")],
        "positions": [
            {
                "actor": a,
                "issue": "x",
                "position": p,
                "salience": 1,
                "rationale": "a position stated for the test",
                "source": "test statement",
            }
            for a, p in (("AAA", 0), ("BBB", 100), ("ZZZ", 50))
        ],
    }
)
CAPABILITY = {"AAA": 3.0, "BBB": 1.0, "ZZZ": 100.0}


def provider(architecture, snapshot):
    present = forum_in_architecture(FORUM, snapshot.states, snapshot.organisations)
    return negotiate(forum_to_spec(present, CAPABILITY), "nbs")


def test_far_party_and_power_tilt():
    """Oracle: the weighted-mean (NBS) outcome is (3·0 + 1·100)/4 = 25; distances are .25 (AAA) and .75
    (BBB) → BBB beyond .6 → high; with two actors the rank correlation of capability and distance is −1 →
    medium. ZZZ is not a participant of the architecture and leaves the table (else the mean would be 49)."""
    report = run_checks(clean(), principles=["mutual_consideration"], negotiation=provider)
    far, tilt = report.findings
    assert far.severity == Severity.HIGH and far.elements == ("BBB",)
    assert far.evidence["distances"] == {"BBB": 0.75}
    assert tilt.severity == Severity.MEDIUM
    assert tilt.evidence["capability_distance_rank_correlation"] == -1.0


def test_nothing_to_find_and_not_evaluated():
    """Oracle: with the thresholds raised above .75 and −1 nothing is found; without a hook the check says it
    was not evaluated instead of passing silently."""
    relaxed = {"mutual_consideration": {"max_distance": 0.8, "power_correlation": -1.5}}
    report = run_checks(
        clean(), principles=["mutual_consideration"], negotiation=provider, parameters=relaxed
    )
    assert report.findings == ()
    silent = run_checks(clean(), principles=["mutual_consideration"])
    assert silent.findings == () and "not evaluated" in silent.notes["mutual_consideration"][0]


def test_bundled_forum_hook_runs_in_an_architecture():
    """Property: the bundled forum restricted to the example's participants only has actors present there."""
    from secarch.spec import load_architecture

    arch = load_architecture("example")
    result = forum_negotiation("rules-of-coexistence", "nbs")(arch, arch.at(2025))
    assert set(result.spec.actors) <= set(arch.participants) | {"CSTO", "SCO", "CIS"}
