"""The principle lexicon: every principle of the issue is recognised, with spans, and is tied to the
checks of the principle registry.

Oracles: the registry (`secarch.principles.checks()`), and hand-written phrases from the 2024 statements'
vocabulary and their critics'."""

from __future__ import annotations

import pytest

from secarch.claims.lexicon import PRINCIPLES, find_principles
from secarch.principles import checks

EXAMPLES = {
    "equal_security": "a new architecture of equal and indivisible security",
    "indivisible_security": "no state may strengthen its security at the expense of others",
    "zero_sum": "we reject zero-sum games",
    "multipolarity": "the emerging multipolar world order",
    "bloc_enlargement": "NATO's eastward expansion continued",
    "off_region_influence": "the destructive influence of off-region players",
    "inclusiveness": "a process open to all states of the continent",
    "network_architecture": "a network of partnerships, not a hierarchy",
    "conflict_settlement": "the peaceful settlement of conflicts",
    "security_guarantees": "a system of mutual and collective security guarantees",
    "sanctions": "unilateral sanctions must be lifted",
    "threat_agenda": "countering terrorism and drug trafficking",
    "territorial_integrity": "respect for sovereignty and territorial integrity",
    "mutual_consideration": "taking into account the legitimate security interests of all parties",
}


def test_the_issues_principles_are_all_there() -> None:
    ids = {p.id for p in PRINCIPLES}
    assert set(EXAMPLES) == ids


@pytest.mark.parametrize(("principle", "text"), sorted(EXAMPLES.items()))
def test_each_principle_is_found_with_its_span(principle: str, text: str) -> None:
    found = [m for m in find_principles(text) if m.principle == principle]
    assert found, text
    for mention in found:
        assert text[mention.start : mention.end] == mention.text


def test_principles_point_at_registry_checks() -> None:
    """Every check a principle names exists in the registry, and every registry check is reachable from
    the lexicon."""
    registry = set(checks())
    named = {check for p in PRINCIPLES for check in p.checks}
    assert named <= registry
    assert registry == named


def test_neutral_text_invokes_nothing() -> None:
    assert find_principles("The delegation arrived in Minsk on Tuesday and left on Wednesday.") == []


def test_overlapping_matches_of_one_principle_are_merged() -> None:
    found = find_principles("equal and indivisible security")
    assert sorted((m.principle, m.text) for m in found) == [
        ("equal_security", "equal and indivisible security"),
        ("indivisible_security", "indivisible security"),
    ]
