"""Whole statements written for the tests, in three styles (press release, news report, critical
commentary) and one with nothing checkable: every claim, its verdict, and the principles invoked.

Oracle: the membership facts of tests/_claims_arch.py (published accession and withdrawal dates) and a
hand reading of each text (which sentences make which claims)."""

from __future__ import annotations

from pathlib import Path

import pytest

from _claims_arch import claims_architecture
from secarch.claims import Ledger, read_statement
from secarch.spec import bundled_path

TEXTS = Path(__file__).parent / "claims_texts"


def ledger_of(name: str, as_of: str | None = None, architecture: object = None) -> Ledger:
    text = (TEXTS / f"{name}.txt").read_text(encoding="utf-8")
    return read_statement(text, architecture or claims_architecture(), as_of=as_of, name=name)  # type: ignore[arg-type]


def table(ledger: Ledger) -> list[tuple[str, str, str]]:
    return [(r.claim.kind, r.claim.text, r.evaluation.verdict) for r in ledger.claims]


def test_press_release() -> None:
    """Read on its own date (7 Mar 2024, Sweden's accession): every claim agrees with nato.int."""
    ledger = ledger_of("press_release", as_of="2024-03-07")
    assert table(ledger) == [
        ("growth", "NATO has doubled from 16 to 32 members", "supported"),
        ("rounds", "seven waves of expansion", "supported"),
        ("accession", "Finland joined NATO in 2023", "supported"),
        ("accession", "Sweden joined NATO on 7 March 2024", "supported"),
    ]
    assert {p.principle for p in ledger.principles} == {"bloc_enlargement", "security_guarantees"}
    assert any(m.text == "#NATO" and m.code == "NATO" for m in ledger.entities)
    assert any(m.text == "the Alliance" and m.code == "NATO" for m in ledger.entities)
    # "The 32 Allies remain committed …" names no organisation the parser can tie the count to
    assert [u.text.split()[1] for u in ledger.unparsed] == ["32"]


def test_news_report() -> None:
    ledger = ledger_of("news_report", as_of="2024-07-05")
    assert table(ledger) == [
        ("accession", "Belarus became a member of the Shanghai Cooperation Organisation on 4 July 2024",
         "supported"),
        ("member_count", "The SCO now has ten members", "supported"),
        ("accession", "Iran joined the SCO in 2022", "contradicted"),
        ("membership", "Moscow and Minsk are members of the Union State", "supported"),
        ("founding", "the EAEU, founded in 2015", "supported"),
        ("membership",
         "the EAEU, founded in 2015, comprises Russia, Belarus, Kazakhstan, Armenia and Kyrgyzstan",
         "supported"),
        ("comparison", "the SCO has more members than the CSTO", "supported"),
    ]  # fmt: skip
    iran = ledger.claims[2].evaluation
    assert "2023-07-04" in iran.data_says  # the data's value beside the contradiction
    assert {p.principle for p in ledger.principles} == {"threat_agenda"}
    assert ("Minsk", "BLR") in {(m.text, m.code) for m in ledger.entities}


def test_critical_commentary() -> None:
    ledger = ledger_of("commentary")
    assert table(ledger) == [
        ("withdrawal", "Armenia froze its participation in the CSTO in 2023", "contradicted"),
        ("withdrawal", "Georgia left the CIS in 2008", "contradicted"),
        ("rounds", "NATO has enlarged ten times", "not_checkable"),
        ("membership", "Kyrgyzstan is not a member of the EAEU", "contradicted"),
        ("member_count", "the EAEU has seven members", "contradicted"),
    ]
    georgia = ledger.claims[1].evaluation
    assert "2009-08-18" in georgia.data_says and any("took effect" in n for n in georgia.notes)
    assert "before 1991-01-01" in (ledger.claims[2].evaluation.needed or "")
    assert {"security_guarantees", "indivisible_security", "territorial_integrity"} <= {
        p.principle for p in ledger.principles
    }


def test_nothing_checkable() -> None:
    ledger = ledger_of("nothing_checkable")
    assert ledger.claims == () and ledger.unparsed == ()
    assert "checks only the claims" in ledger.scope
    assert {p.principle for p in ledger.principles} >= {
        "equal_security", "indivisible_security", "multipolarity", "conflict_settlement", "sanctions",
        "bloc_enlargement", "inclusiveness",
    }  # fmt: skip
    assert "No checkable claim" in ledger.to_markdown()


@pytest.mark.skipif(
    bundled_path("history") is None, reason="the bundled history architecture is not there yet"
)
def test_press_release_against_history() -> None:
    """The bundled history (1991 → 2025) gives the same verdicts as the test architecture."""
    ledger = ledger_of("press_release", as_of="2024-03-07", architecture="history")
    assert [r.evaluation.verdict for r in ledger.claims] == ["supported"] * 4


@pytest.mark.skipif(
    bundled_path("history") is None, reason="the bundled history architecture is not there yet"
)
@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("NATO had 16 members on 1 January 1999.", "supported"),
        ("NATO had 32 members on 1 January 2025.", "supported"),
        ("NATO has doubled from 16 to 32 members in seven waves of expansion.", "supported"),
        ("Georgia left the CIS in 2009.", "supported"),
        ("Armenia froze its participation in the CSTO in 2024.", "supported"),
        ("Belarus joined the SCO in 2024.", "supported"),
        ("Finland joined NATO in 2022.", "contradicted"),
        ("NATO has grown from 12 to 32 members.", "not_checkable"),
        ("NATO had 12 members in 1949.", "not_checkable"),
    ],
)
def test_claims_against_history(text: str, verdict: str) -> None:
    """Oracle: NATO member countries and dates of accession (nato.int: 16 members on 1 Jan 1999, 32 since
    7 Mar 2024); CIS, CSTO and SCO dates as documented in docs/data.md."""
    ledger = read_statement(text, "history")
    assert ledger.claims and all(r.evaluation.verdict == verdict for r in ledger.claims)
