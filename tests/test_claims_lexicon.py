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


@pytest.mark.parametrize(
    ("text", "invoked"),
    [
        ("He gave a zero-sum answer on football.", False),
        ("It was a win-win deal for both clubs.", False),
        ("Security is not a zero-sum game.", True),
        ("Russia sees the enlargement as a zero-sum game.", True),
        ("Moscow calls for a win-win approach.", True),
        ("We reject zero-sum games.", True),
        ("The Cold War mentality persists.", True),
    ],
)
def test_zero_sum_needs_a_security_context(text: str, invoked: bool) -> None:
    """Rule (docs/claims.md): 'zero-sum' and 'win-win' are everyday words too; they invoke the principle only
    in a sentence with a security word, a named state or organisation, or another principle; the statements'
    stock phrases ('zero-sum games', 'Cold War mentality') count on their own. Oracle: a hand reading of
    each sentence."""
    from secarch.claims import read_statement

    ledger = read_statement(text, "example")
    assert any(p.principle == "zero_sum" for p in ledger.principles) is invoked
