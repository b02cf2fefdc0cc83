"""Claim extraction: sentences, numbers, dates, and each claim type from several phrasings.

Oracle: the structured reading of each test sentence, written by hand (what a careful reader takes the
sentence to assert)."""

from __future__ import annotations

import datetime as dt

import pytest

from _claims_arch import claims_architecture
from secarch.claims.extract import Claim, extract_claims
from secarch.claims.gazetteer import Gazetteer
from secarch.claims.quantities import Count, find_dates, number_words
from secarch.claims.text import split_sentences


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.build(claims_architecture())


def claims_of(gazetteer: Gazetteer, text: str) -> list[Claim]:
    return extract_claims(split_sentences(text), gazetteer.find(text, dt.date(2025, 6, 30)))


def test_sentences_keep_spans_and_abbreviations() -> None:
    text = "The U.S. joined NATO in 1949. Art. 5 applies.\n\n- Finland joined in 2023!  Next?"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The U.S. joined NATO in 1949.",
        "Art. 5 applies.",
        "- Finland joined in 2023!",
        "Next?",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_number_words_and_dates() -> None:
    assert [v for _, _, v in number_words("sixteen, thirty-two and a dozen")] == [16, 32, 12]
    dates = find_dates("On 4 April 2023, in March 1999, on May 1, 2004, in 2024 and today (2025-06-30).")
    assert [(d.precision, d.first) for d in dates] == [
        ("day", dt.date(2023, 4, 4)),
        ("month", dt.date(1999, 3, 1)),
        ("day", dt.date(2004, 5, 1)),
        ("year", dt.date(2024, 1, 1)),
        ("now", None),
        ("day", dt.date(2025, 6, 30)),
    ]
    assert find_dates("31 February 2020") == [] or find_dates("31 February 2020")[0].precision != "day"


@pytest.mark.parametrize(
    ("count", "observed", "expected"),
    [
        (Count(32), 32, True),
        (Count(32), 31, False),
        (Count(30, "more_than"), 32, True),
        (Count(30, "more_than"), 30, False),
        (Count(20, "nearly"), 19, True),
        (Count(20, "nearly"), 20, False),
        (Count(30, "about"), 32, True),
        (Count(30, "about"), 34, False),
        (Count(10, "fewer_than"), 9, True),
    ],
)
def test_count_qualifiers(count: Count, observed: int, expected: bool) -> None:
    """Oracle: the qualifier definitions in secarch.claims.quantities (about N: within max(1, 0.1 N))."""
    assert count.admits(observed) is expected


@pytest.mark.parametrize(
    "text",
    [
        "NATO now has 32 members.",
        "The 32 members of NATO met in Washington.",
        "NATO's 32 allies agreed.",
        "NATO, with its 32 member states, agreed.",
        "The membership of NATO stands at 32.",
    ],
)
def test_member_count_phrasings(gazetteer: Gazetteer, text: str) -> None:
    (claim,) = claims_of(gazetteer, text)
    assert (claim.kind, claim.organisation, claim.count, claim.when and claim.when.precision) == (
        "member_count",
        "NATO",
        Count(32),
        "now",
    )


def test_member_count_with_date_and_status(gazetteer: Gazetteer) -> None:
    (claim,) = claims_of(gazetteer, "In 2010, the SCO had four observers.")
    assert (claim.kind, claim.status, claim.count, claim.when and claim.when.first) == (
        "member_count",
        "observer",
        Count(4),
        dt.date(2010, 1, 1),
    )


def test_growth_and_rounds(gazetteer: Gazetteer) -> None:
    growth, rounds = claims_of(
        gazetteer, "NATO has doubled from 16 to 32 members in seven waves of expansion."
    )
    assert (growth.kind, growth.factor, growth.from_count, growth.to_count) == (
        "growth",
        2.0,
        Count(16),
        Count(32),
    )
    assert (rounds.kind, rounds.count, rounds.linked_to) == ("rounds", Count(7), growth.id)


def test_growth_between_dates(gazetteer: Gazetteer) -> None:
    (claim,) = claims_of(gazetteer, "NATO grew from 16 members in 1998 to 19 members in 1999.")
    assert (claim.from_when and claim.from_when.first.year, claim.to_when and claim.to_when.first.year) == (
        1998,
        1999,
    )


def test_growth_by_number_since(gazetteer: Gazetteer) -> None:
    (claim,) = claims_of(gazetteer, "Since 2015 the EAEU has grown by two members.")
    assert (claim.count, claim.since, claim.from_when and claim.from_when.first) == (
        Count(2),
        True,
        dt.date(2015, 1, 1),
    )


def test_accessions_respectively(gazetteer: Gazetteer) -> None:
    claims = claims_of(gazetteer, "Finland and Sweden joined NATO in 2023 and 2024 respectively.")
    assert [(c.states, c.when and c.when.first.year) for c in claims] == [(("FIN",), 2023), (("SWE",), 2024)]


@pytest.mark.parametrize(
    ("text", "state", "year"),
    [
        ("Belarus became a full member of the SCO in July 2024.", "BLR", 2024),
        ("The accession of Belarus to the SCO in 2024 was welcomed.", "BLR", 2024),
        ("Minsk's accession to the SCO on 4 July 2024 was welcomed.", "BLR", 2024),
        ("In 2017, India and Pakistan were admitted to the SCO.", "IND", 2017),
    ],
)
def test_accession_phrasings(gazetteer: Gazetteer, text: str, state: str, year: int) -> None:
    claim = claims_of(gazetteer, text)[0]
    assert (claim.kind, claim.states, claim.when and claim.when.first.year) == ("accession", (state,), year)


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Georgia left the CIS in 2009.", "left"),
        ("Georgia's withdrawal from the CIS in 2009 took effect.", "left"),
        ("Armenia froze its participation in the CSTO in 2024.", "frozen"),
        ("Uzbekistan suspended its membership in the CSTO in 2012.", "suspended"),
    ],
)
def test_withdrawal_phrasings(gazetteer: Gazetteer, text: str, mode: str) -> None:
    (claim,) = claims_of(gazetteer, text)
    assert (claim.kind, claim.mode) == ("withdrawal", mode)


def test_membership_phrasings(gazetteer: Gazetteer) -> None:
    negative, listed = claims_of(
        gazetteer,
        "Serbia is not a member of NATO. "
        "The EAEU comprises Russia, Belarus, Kazakhstan, Armenia and Kyrgyzstan.",
    )
    assert (negative.kind, negative.states, negative.negated) == ("membership", ("SRB",), True)
    assert (listed.states, listed.exhaustive) == (("RUS", "BLR", "KAZ", "ARM", "KGZ"), True)
    (including,) = claims_of(gazetteer, "The SCO includes India and Pakistan.")
    assert including.exhaustive is False


def test_founding_and_comparison(gazetteer: Gazetteer) -> None:
    founding, comparison = claims_of(
        gazetteer, "The SCO was founded in 2001. The SCO now has more members than the CSTO."
    )
    assert (founding.kind, founding.organisation, founding.when and founding.when.first.year) == (
        "founding",
        "SCO",
        2001,
    )
    assert (comparison.organisation, comparison.other_organisation, comparison.relation) == (
        "SCO",
        "CSTO",
        "more",
    )


def test_nothing_checkable(gazetteer: Gazetteer) -> None:
    """Texts without membership figures yield no claims (the issue's requirement)."""
    text = (
        "Security must be equal and indivisible. We reject bloc thinking and call for dialogue. "
        "Russia and Belarus reaffirmed their commitment to the principles of the UN Charter."
    )
    assert claims_of(gazetteer, text) == []


def test_participating_states_are_members(gazetteer: Gazetteer) -> None:
    """'participating States' (OSCE usage) are members; 'participating members' excludes frozen ones."""
    plain, active = claims_of(
        gazetteer, "NATO has 32 participating States. NATO has 31 participating members."
    )
    assert (plain.active_only, active.active_only) == (False, True)
