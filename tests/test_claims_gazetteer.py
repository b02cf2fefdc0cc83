"""The claims gazetteer: states and organisations linked to their codes, with spans.

Oracles: the bundled states table (names, aliases, capitals, ISO3 codes) and published facts about which
capital belongs to which state; the hand rules of docs/claims.md for ambiguous forms."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from _claims_arch import claims_architecture
from secarch.claims.gazetteer import Gazetteer

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.build(claims_architecture())


def linked(gazetteer: Gazetteer, text: str, on: dt.date = AS_OF) -> list[tuple[str, str | None, str]]:
    mentions = gazetteer.find(text, on)
    for m in mentions:
        assert text[m.start : m.end] == m.text  # every span points at its text
    return [(m.text, m.code, m.via) for m in mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow", [("Moscow", "RUS", "capital")]),
        ("Minsk", [("Minsk", "BLR", "capital")]),
        ("Kiev", [("Kiev", "UKR", "capital")]),
        ("Kyiv", [("Kyiv", "UKR", "capital")]),
        ("Washington", [("Washington", "USA", "capital")]),
        ("Beijing", [("Beijing", "CHN", "capital")]),
        ("Russian", [("Russian", "RUS", "adjective")]),
        ("Belarusian", [("Belarusian", "BLR", "adjective")]),
        ("the Russian Federation", [("Russian Federation", "RUS", "alias")]),
        ("the United States of America", [("United States of America", "USA", "alias")]),
        ("Kazakh and Kyrgyz", [("Kazakh", "KAZ", "adjective"), ("Kyrgyz", "KGZ", "adjective")]),
        ("#CSTO", [("#CSTO", "CSTO", "hashtag")]),
        ("#EAEU", [("#EAEU", "EAEU", "hashtag")]),
        ("#csto", [("#csto", "CSTO", "hashtag")]),
        ("#UnionState", [("#UnionState", "USRB", "hashtag")]),
        ("ODKB", [("ODKB", "CSTO", "alias")]),
        ("Shanghai Cooperation Organization", [("Shanghai Cooperation Organization", "SCO", "alias")]),
        ("the Union State", [("Union State", "USRB", "acronym")]),
        ("Türkiye", [("Türkiye", "TUR", "name")]),
    ],
)
def test_forms_link_to_codes(gazetteer: Gazetteer, text: str, expected: list[tuple[str, str, str]]) -> None:
    """Oracle: the states table (capital of RUS is Moscow, of BLR Minsk, …) and the organisations' names."""
    assert linked(gazetteer, text) == expected


def test_spans_in_a_sentence(gazetteer: Gazetteer) -> None:
    """Oracle: character offsets counted by hand."""
    text = "Moscow and Minsk welcomed the decision of the #CSTO."
    mentions = gazetteer.find(text, AS_OF)
    assert [(m.start, m.end, m.code) for m in mentions] == [(0, 6, "RUS"), (11, 16, "BLR"), (46, 51, "CSTO")]


def test_longest_form_wins(gazetteer: Gazetteer) -> None:
    """'Union State of Russia and Belarus' is one organisation, not two states."""
    assert linked(gazetteer, "the Union State of Russia and Belarus") == [
        ("Union State of Russia and Belarus", "USRB", "name")
    ]


def test_georgia_the_state_and_the_us_state(gazetteer: Gazetteer) -> None:
    """Rule: a U.S. cue in the sentence makes 'Georgia' the U.S. state (unlinked)."""
    assert linked(gazetteer, "Georgia left the CIS.")[0] == ("Georgia", "GEO", "name")
    mention = gazetteer.find("Voters in Atlanta, Georgia went to the polls.", AS_OF)[0]
    assert mention.code is None and mention.candidates == ("GEO",) and "U.S. state" in (mention.note or "")


def test_the_us_cue_unlinks_only_the_name_georgia(gazetteer: Gazetteer) -> None:
    """Rule: the U.S. reading applies to the name "Georgia" only; Tbilisi is the capital of GEO (states
    table) whatever else the sentence names."""
    found = linked(gazetteer, "Tbilisi and Atlanta, Georgia, signed a sister-city agreement.")
    assert found[0] == ("Tbilisi", "GEO", "capital")
    assert ("Georgia", None, "name") in found


def test_the_union_refers_back(gazetteer: Gazetteer) -> None:
    """Rule: 'the Union' links to the nearest preceding organisation whose name contains 'Union'."""
    found = linked(gazetteer, "The Eurasian Economic Union met. The Union admitted no one.")
    assert found[-1] == ("The Union", "EAEU", "anaphor")
    assert linked(gazetteer, "The Union admitted no one.") == []  # nothing to refer back to


def test_the_alliance_refers_to_a_defence_organisation(gazetteer: Gazetteer) -> None:
    found = linked(gazetteer, "The SCO and NATO met; the Alliance said little.")
    assert found[-1] == ("the Alliance", "NATO", "anaphor")


def test_blocked_forms_are_not_mentions(gazetteer: Gazetteer) -> None:
    """'Latin American', 'post-Soviet' and 'the Minsk agreements' name no state."""
    assert linked(gazetteer, "Latin American states and the post-Soviet space; the Minsk agreements.") == []


def test_ambiguous_forms_keep_their_candidates(gazetteer: Gazetteer) -> None:
    mentions = gazetteer.find("Brussels and Korea", AS_OF)
    assert [(m.code, m.candidates) for m in mentions] == [
        (None, ("BEL", "EU", "NATO")),
        (None, ("PRK", "KOR")),
    ]


def test_shared_capital_resolved_by_date(gazetteer: Gazetteer) -> None:
    """Prague was the capital of Czechoslovakia (to 31 Dec 1992) and is that of Czechia: in 1992 the form is
    Czechoslovakia, in 2000 it is Czechia (oracle: the CoW state system spells in the states table)."""
    assert gazetteer.find("Prague", dt.date(1992, 6, 1))[0].code == "CSK"
    assert gazetteer.find("Prague", dt.date(2000, 1, 1))[0].code == "CZE"


def test_every_adjective_is_a_known_state() -> None:
    import csv

    from secarch.data import state_codes

    with (REPO / "src/secarch/claims/tables/adjectives.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["iso3"] in state_codes() and r["source"] for r in rows)


def test_gazetteer_rows_have_sources() -> None:
    import csv

    with (REPO / "src/secarch/claims/tables/gazetteer_extra.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["source"] and r["kind"] for r in rows)


@pytest.mark.skipif(importlib.util.find_spec("countryinfo") is None, reason="countryinfo is not installed")
def test_adjectives_table_rebuilds() -> None:
    """The adjectives table is what the build script derives from countryinfo and the hand rows."""
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/build_claims_adjectives.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
