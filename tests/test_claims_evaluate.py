"""Evaluation of claims against membership data: a true and a false version of every claim type, the
claims that the data cannot check, and the rule that no verdict comes without evidence.

Oracle: the published membership facts of the test architecture (tests/_claims_arch.py: NATO accession
dates from nato.int, the CSTO, CIS, SCO, EAEU and Union State dates from the organisations' documents)."""

from __future__ import annotations

import pytest

from _claims_arch import claims_architecture
from secarch.claims import Ledger, read_statement
from secarch.spec import bundled_path


def ledger(text: str, as_of: str | None = None) -> Ledger:
    return read_statement(text, claims_architecture(), as_of=as_of)


def verdicts(text: str, as_of: str | None = None) -> list[tuple[str, str]]:
    return [(r.claim.kind, r.evaluation.verdict) for r in ledger(text, as_of).claims]


TRUE_AND_FALSE = [
    # (claim type, true version, false version)
    ("member_count", "NATO now has 32 members.", "NATO now has 30 members."),
    ("member_count", "In 2016 the EAEU had five members.", "In 2016 the EAEU had six members."),
    ("member_count", "NATO had 19 members in 2000.", "NATO had 26 members in 2000."),
    ("growth", "NATO has doubled from 16 to 32 members.", "NATO has tripled from 16 to 32 members."),
    ("growth", "NATO grew from 16 members in 1998 to 19 members in 2000.",
     "NATO grew from 16 members in 1998 to 26 members in 2000."),
    ("growth", "Since 2016 the SCO has grown by four members.",
     "Since 2016 the SCO has grown by six members."),
    ("rounds", "The SCO has expanded in four rounds since 2001.",
     "The SCO has expanded in six rounds since 2001."),
    ("accession", "Finland joined NATO in 2023.", "Finland joined NATO in 2022."),
    ("accession", "Belarus became a member of the SCO on 4 July 2024.",
     "Belarus became a member of the SCO in 2022."),
    ("withdrawal", "Georgia left the CIS in 2009.", "Georgia left the CIS in 2006."),
    ("withdrawal", "Armenia froze its participation in the CSTO in 2024.",
     "Armenia froze its participation in the CSTO in 2019."),
    ("membership", "Armenia is a member of the EAEU.", "Armenia is not a member of the EAEU."),
    ("membership", "The EAEU comprises Russia, Belarus, Kazakhstan, Armenia and Kyrgyzstan.",
     "The EAEU comprises Russia, Belarus and Kazakhstan."),
    ("membership", "Serbia is not a member of NATO.", "Turkey is not a member of NATO."),
    ("founding", "The EAEU was founded in 2015.", "The EAEU was founded in 2012."),
    ("comparison", "NATO has more members than the SCO.", "NATO has fewer members than the SCO."),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "true", "false"), TRUE_AND_FALSE)
def test_true_and_false_versions(kind: str, true: str, false: str) -> None:
    assert verdicts(true) == [(kind, "supported")], true
    assert verdicts(false) == [(kind, "contradicted")], false


def test_doubling_in_seven_waves() -> None:
    """NATO: 16 members on 1 Jan 1991, 32 since 7 Mar 2024, after the rounds of 1999, 2004, 2009, 2017, 2020,
    2023 and 2024 (nato.int)."""
    result = ledger("NATO has doubled from 16 to 32 members in seven waves of expansion.")
    assert [r.evaluation.verdict for r in result.claims] == ["supported", "supported"]
    rounds = result.claims[1].evaluation
    assert [e.statement.split(":")[0] for e in rounds.evidence] == [
        "Round 1999-03-12", "Round 2004-03-29", "Round 2009-04-01", "Round 2017-06-05", "Round 2020-03-27",
        "Round 2023-04-04", "Round 2024-03-07",
    ]  # fmt: skip
    assert verdicts("NATO has doubled from 16 to 32 members in five waves of expansion.")[1] == (
        "rounds",
        "contradicted",
    )


def test_contradiction_gives_the_data_value() -> None:
    evaluation = ledger("NATO now has 30 members.").claims[0].evaluation
    assert "32 members of NATO on 2025-06-30" in evaluation.data_says


def test_as_of_reads_present_tense_on_the_statements_date() -> None:
    """A 2020 statement saying NATO has 30 members is right on its own date (North Macedonia joined 27 Mar
    2020; Finland on 4 Apr 2023)."""
    assert verdicts("NATO now has 30 members.", as_of="2021-01-01") == [("member_count", "supported")]


@pytest.mark.parametrize(
    ("text", "needed"),
    [
        ("NATO had 12 members in 1949.", "1949"),
        ("NATO has grown from 12 to 32 members.", "before 1991-01-01"),
        ("NATO has enlarged ten times.", "before 1991-01-01"),
        ("The CSTO had six members.", "date"),
        ("Spain joined NATO in 1975.", "1975"),
    ],
)
def test_not_checkable_says_what_is_needed(text: str, needed: str) -> None:
    """Dates before the data's period, counts without a date and organisations outside the data are not
    checkable: the ledger says so and names the data that would be needed, never guesses."""
    (result,) = ledger(text).claims
    assert result.evaluation.verdict == "not_checkable"
    assert result.evaluation.needed and needed in result.evaluation.needed


def test_accession_before_the_period_is_checked_against_continuing_spells() -> None:
    """Spain's NATO spell starts 30 May 1982 and continues into the data: an accession in 1982 is supported,
    one in 1985 contradicted (Spain was a member throughout 1985)."""
    assert verdicts("Spain joined NATO in 1982.") == [("accession", "supported")]
    assert verdicts("Spain joined NATO in 1985.") == [("accession", "contradicted")]


def test_suspension_is_not_a_withdrawal() -> None:
    """The data codes Uzbekistan's CSTO membership as suspended from 28 Jun 2012 (formal membership kept);
    its membership of the Collective Security Treaty ended on 20 Apr 1999."""
    assert verdicts("Uzbekistan left the CSTO in 1999.") == [("withdrawal", "supported")]
    assert verdicts("Uzbekistan suspended its membership in the CSTO in 2012.") == [
        ("withdrawal", "supported")
    ]
    result = ledger("Uzbekistan left the CSTO in 2012.").claims[0].evaluation
    assert result.verdict == "contradicted" and "suspended" in result.data_says


def test_every_verdict_has_evidence_and_every_unchecked_claim_a_need() -> None:
    text = " ".join(t for _, a, b in TRUE_AND_FALSE for t in (a, b)) + " NATO had 12 members in 1949."
    for result in ledger(text).claims:
        evaluation = result.evaluation
        if evaluation.verdict == "not_checkable":
            assert evaluation.needed
        else:
            assert evaluation.evidence and evaluation.data_says
            assert all(e.statement for e in evaluation.evidence)


def test_claims_point_at_their_text() -> None:
    text = "As everyone knows, NATO now has 32 members. Finland joined NATO in 2023."
    for result in ledger(text).claims:
        assert text[result.claim.start : result.claim.end] == result.claim.text


def test_organisation_outside_the_data_is_not_checkable() -> None:
    """A claim about an organisation the architecture does not contain is not checkable with it."""
    import datetime as dt

    from secarch.claims.data_view import MembershipData
    from secarch.claims.evaluate import evaluate_claims
    from secarch.claims.extract import extract_claims
    from secarch.claims.gazetteer import Gazetteer
    from secarch.claims.text import split_sentences
    from secarch.spec import load_architecture

    text = "NATO now has 32 members."
    mentions = Gazetteer.build(claims_architecture()).find(text, dt.date(2025, 6, 30))
    (claim,) = extract_claims(split_sentences(text), mentions)
    example = load_architecture("example")
    evaluation = evaluate_claims([claim], MembershipData(example), example.date)[claim.id]
    assert evaluation.verdict == "not_checkable" and "NATO" in (evaluation.needed or "")


NOW = "NATO has 32 members on the statement's date (read as 2025-06-30)."
COMPARED_COUNTS = [
    (
        "NATO now has 32 members, compared with 16 in 1998.",
        [("NATO now has 32 members", NOW, "supported"),
         ("compared with 16 in 1998", "NATO had 16 members in 1998.", "supported")],
    ),
    (
        "NATO now has 32 members, up from 16 in 1998.",
        [("NATO now has 32 members", NOW, "supported"),
         ("up from 16 in 1998", "NATO had 16 members in 1998.", "supported")],
    ),
    (
        "NATO now has 32 members, up from 12 in 1949.",
        [("NATO now has 32 members", NOW, "supported"),
         ("up from 12 in 1949", "NATO had 12 members in 1949.", "not_checkable")],
    ),
    (
        "NATO now has 32 members, up from 16 in 1998 and 12 in 1949.",
        [("NATO now has 32 members", NOW, "supported"),
         ("up from 16 in 1998", "NATO had 16 members in 1998.", "supported"),
         ("12 in 1949", "NATO had 12 members in 1949.", "not_checkable")],
    ),
    (
        "NATO now has 32 members, compared with 19 in 1998.",
        [("NATO now has 32 members", NOW, "supported"),
         ("compared with 19 in 1998", "NATO had 19 members in 1998.", "contradicted")],
    ),
    (
        "NATO has 32 members today; it went from 16 in 1998 to 30 in 2021.",
        [("NATO has 32 members", NOW, "supported"),
         ("from 16 in 1998", "NATO had 16 members in 1998.", "supported"),
         ("30 in 2021", "NATO had 30 members in 2021.", "supported")],
    ),
    (
        "NATO had 16 members in 1998 and 26 in 2004.",
        [("NATO had 16 members", "NATO had 16 members in 1998.", "supported"),
         ("26 in 2004", "NATO had 26 members in 2004.", "supported")],
    ),
    (
        "In 2010 the SCO had six members, compared with ten today.",
        [("the SCO had six members", "SCO had 6 members in 2010.", "supported"),
         ("compared with ten today", "SCO has 10 members on the statement's date (read as 2025-06-30).",
          "supported")],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), COMPARED_COUNTS)
def test_a_date_belongs_to_the_count_it_modifies(text: str, expected: list[tuple[str, str, str]]) -> None:
    """A trailing "compared with / up from N in YEAR" is a count of its own, read on its own year; the
    present-tense count is read on the statement's date. Oracle: nato.int (16 members from 30 May 1982 to
    11 Mar 1999, 26 from 29 Mar 2004, 30 from 27 Mar 2020 to 3 Apr 2023, 32 since 7 Mar 2024); the SCO had
    six members from 2001 to 2017 and ten since 4 Jul 2024; the test data start on 1 Jan 1991, so 1949 is
    outside them."""
    result = ledger(text)
    assert [(r.claim.text, r.asserts, r.evaluation.verdict) for r in result.claims] == expected
    for r in result.claims:
        assert text[r.claim.start : r.claim.end] == r.claim.text
    before = [r.evaluation for r in result.claims if "1949" in r.claim.text]
    for evaluation in before:  # the reason: the year is outside the data, and which data would be needed
        assert "1949" in evaluation.data_says and "1991-01-01" in evaluation.data_says
        assert evaluation.needed and "NATO" in evaluation.needed


def test_a_from_to_growth_checks_each_count_on_its_own_year() -> None:
    """Oracle: nato.int, as above; 32 members from 7 Mar 2024 (so some day of 2024)."""
    (result,) = ledger("NATO grew from 16 members in 1998 to 32 in 2024.").claims
    assert result.claim.kind == "growth" and result.evaluation.verdict == "supported"
    assert "16 members of NATO in 1998" in result.evaluation.data_says


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The EAEU, founded in 2015 after years of negotiations, now has five members.", ("EAEU", 5)),
        ("The SCO (founded in 2001 on the basis of the Shanghai Five) now has ten members.", ("SCO", 10)),
        ("The CSTO — a military alliance since 2002 — had seven members in 2010.", ("CSTO", 7)),
    ],
)
def test_a_clause_between_subject_and_verb_keeps_the_count(text: str, expected: tuple[str, int]) -> None:
    """An appositive or parenthetical clause between the organisation and its verb neither hides the count
    nor lends it its date. Oracle: EAEU members on 30 Jun 2025 (BLR, KAZ, RUS, ARM, KGZ); SCO members on
    30 Jun 2025 (ten, Belarus since 4 Jul 2024); CSTO members in 2010 (ARM, BLR, KAZ, KGZ, RUS, TJK, UZB)."""
    counts = [r for r in ledger(text).claims if r.claim.kind == "member_count"]
    assert [(r.claim.organisation, r.claim.count.value if r.claim.count else None) for r in counts] == [
        expected
    ]
    assert counts[0].evaluation.verdict == "supported"


def test_a_principle_enshrined_in_organisations_is_a_claim_per_organisation() -> None:
    """The issue's own example: one `principle` claim per organisation, never dropped; the data records
    mandates (defence clause, conflict settlement, threat agenda), not stated principles, so each is not
    checkable and says which texts would be needed. Oracle: the organisations' sources in the test data and
    a hand reading of the sentence."""
    text = "The principle of indivisible security is enshrined in the CSTO, the CIS and the SCO."
    result = ledger(text)
    assert [p.principle for p in result.principles] == ["indivisible_security"]
    assert [(r.claim.kind, r.claim.organisation, r.claim.principle) for r in result.claims] == [
        ("principle", "CSTO", "indivisible_security"),
        ("principle", "CIS", "indivisible_security"),
        ("principle", "SCO", "indivisible_security"),
    ]
    csto = result.claims[0]
    assert csto.claim.text == text.rstrip(".")
    assert csto.asserts == "The founding documents of CSTO state the principle of indivisible security."
    assert csto.evaluation.verdict == "not_checkable"
    needed = csto.evaluation.needed or ""
    assert "CSTO Charter" in needed and "not stated principles" in needed
    assert all(r.evaluation.verdict == "not_checkable" and r.evaluation.needed for r in result.claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The charters of the CSTO and the SCO enshrine the principle of equal security.",
         [("CSTO", "equal_security"), ("SCO", "equal_security")]),
        ("The right to choose alliances is enshrined in the SCO.", [("SCO", None)]),
        ("Russia is included in the CSTO.", []),
        ("The figures are stated in the CSTO report.", []),
    ],
)  # fmt: skip
def test_principle_claim_phrasings(text: str, expected: list[tuple[str, str | None]]) -> None:
    """Active and passive phrasings; words that name no principle make no principle claim. Oracle: a hand
    reading of each sentence."""
    found = [
        (r.claim.organisation, r.claim.principle) for r in ledger(text).claims if r.claim.kind == "principle"
    ]
    assert found == expected


@pytest.mark.skipif(bundled_path("history") is None, reason="the bundled history architecture is not there")
@pytest.mark.parametrize(
    ("text", "verdicts", "says"),
    [
        ("Collective security guarantees are enshrined in the CSTO and the SCO.",
         ["supported", "contradicted"], ["CST Art. 4", "no defence clause for SCO"]),
        ("The charters of the CSTO and the CIS enshrine the peaceful settlement of disputes.",
         ["supported", "supported"], ["Peacekeeping", "Charter Section IV"]),
        ("The fight against terrorism is enshrined in the SCO Charter.", ["supported"], ["terrorism"]),
    ],
)  # fmt: skip
def test_principles_the_mandates_record_are_checked(text: str, verdicts: list[str], says: list[str]) -> None:
    """Security guarantees, conflict settlement and the threat agenda are in the organisations' mandates in
    the data. Oracle: the bundled mandates table as documented in docs/data.md (CST Art. 4 is the CSTO's
    defence clause; the SCO has no defence clause; CSTO peacekeeping agreement of 2007 and CIS Charter
    Section IV; the Shanghai Convention puts terrorism on the SCO's agenda)."""
    result = read_statement(text, "history")
    claims = [r for r in result.claims if r.claim.kind == "principle"]
    assert [r.evaluation.verdict for r in claims] == verdicts
    for r, word in zip(claims, says, strict=True):
        assert word in r.evaluation.data_says and r.evaluation.evidence
        assert all(e.sources for e in r.evaluation.evidence)
