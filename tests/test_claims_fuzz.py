"""Fuzzing the claims reader: arbitrary text never raises anything but the project's InputError, and every
span in the ledger points at its text.

Oracle: properties that must hold for any input (no exception other than InputError; spans inside the
text and equal to the reported text)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secarch.claims import read_statement
from secarch.errors import InputError

# Words that make the parser work: entities, numbers, dates, claim verbs, proposal cues.
VOCABULARY = [
    "NATO", "the CSTO", "SCO", "CIS", "#EAEU", "Union State", "the Union", "the Alliance", "Russia", "Minsk",
    "Kyiv", "Georgia", "Atlanta", "Russian", "has", "had", "now", "members", "member", "joined", "left",
    "froze its participation in", "doubled", "from", "to", "in", "since", "waves of expansion", "16", "32",
    "thirty-two", "seven", "1999", "March 2024", "4 July 2024", "2025-06-30", "comprises",
    "is not a member of",
    "was founded in", "more members than", "should join", "we propose to establish a forum", ",", ".", "and",
    "respectively", "\n\n", "U.S.", "Art.", "(", ")", "’s", "'s", "—",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(VOCABULARY), max_size=40).map(" ".join))
def test_structured_noise(text: str) -> None:
    check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    check(text)


def check(text: str) -> None:
    try:
        ledger = read_statement(text, "example")
    except InputError:
        return
    for mention in ledger.entities:
        assert text[mention.start : mention.end] == mention.text
    for principle in ledger.principles:
        assert text[principle.start : principle.end] == principle.text
    for result in ledger.claims:
        assert 0 <= result.claim.start <= result.claim.end <= len(text)
        assert text[result.claim.start : result.claim.end] == result.claim.text
        evaluation = result.evaluation
        assert evaluation.needed if evaluation.verdict == "not_checkable" else evaluation.evidence
    ledger.as_dict()
    ledger.to_markdown()
    ledger.to_text()


def test_non_text_input_is_an_input_error() -> None:
    import pytest

    with pytest.raises(InputError):
        read_statement(b"bytes are not text", "example")  # type: ignore[arg-type]
