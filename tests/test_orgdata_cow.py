"""The bundled membership spells against CoW Intergovernmental Organizations v3.0, 1991-2014.

Oracle: CoW IGO v3 (igo_membership_long, states2016 mapping) in ../shared/data/igo. Every disagreement
must be listed with its reason in docs/data.md, and every listed disagreement must still exist.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from secarch.data import ccode_to_iso3
from secarch.data.orgs import table_rows
from secarch.data.orgs_cow import (
    COW_ORGS,
    bundled_codes,
    cow_igo_disagreements,
    listed_disagreements,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "data.md"


@pytest.fixture(scope="module")
def igo(shared_data):
    long = pd.read_csv(shared_data / "igo" / "igo_membership_long.csv.gz")
    states = pd.read_csv(shared_data / "igo" / "states2016.csv")
    return long, states


@pytest.fixture(scope="module")
def disagreements(igo):
    long, states = igo
    return cow_igo_disagreements(long, states, ccode_to_iso3(), table_rows("memberships"))


def test_every_disagreement_is_listed_with_a_reason(disagreements):
    """No state-year may disagree with CoW IGO unless docs/data.md lists it with a reason."""
    listed = listed_disagreements(DOCS.read_text(encoding="utf-8"))
    assert listed, "docs/data.md has no table of disagreements"
    assert all(len(reason) > 15 for *_, reason in listed)
    covered = {(org, state, year) for org, state, first, last, _ in listed for year in range(first, last + 1)}
    unlisted = [d for d in disagreements if (d.organisation, d.state, d.year) not in covered]
    assert not unlisted, "\n".join(
        f"{d.organisation} {d.state} {d.year}: bundled {d.bundled}, CoW {d.cow}" for d in unlisted
    )


def test_no_stale_rows_in_the_list(disagreements):
    """Every state-year listed in docs/data.md still disagrees (the list says what is true today)."""
    actual = {(d.organisation, d.state, d.year) for d in disagreements}
    listed = listed_disagreements(DOCS.read_text(encoding="utf-8"))
    stale = [
        (org, state, year)
        for org, state, first, last, _ in listed
        for year in range(first, last + 1)
        if (org, state, year) not in actual
    ]
    assert not stale, stale


def _rows_behind(org: str, state: str, first: int, last: int) -> list[dict[str, str]]:
    """The membership rows of (org, state) that a listed disagreement in years first..last is about: the
    rows in force in those years or, when none is (CoW codes a status the bundled data gives later or
    earlier), the row nearest in time."""
    rows = [r for r in table_rows("memberships") if r["organisation"] == org and r["state"] == state]
    after, since = f"{last + 1:04d}-01-01", f"{first:04d}-01-01"
    overlapping = [r for r in rows if r["start"] < after and (not r["end"] or r["end"] > since)]
    if overlapping or not rows:
        return overlapping

    def gap(row: dict[str, str]) -> int:
        return int(row["start"][:4]) - last if row["start"] >= after else first - int(row["end"][:4])

    nearest = min(gap(r) for r in rows)
    return [r for r in rows if gap(r) == nearest]


def test_every_listed_disagreement_is_explained_in_the_source_cells():
    """Property (docs/data.md: 'these choices are also written in the rows' source cells'): for every
    (organisation, state, years) of the table of disagreements with CoW IGO v3, the membership rows behind
    it say in their source cell how CoW IGO v3 codes it and why the bundled date differs. Needs no copy of
    CoW: it reads the list in docs/data.md and the bundled table."""
    listed = listed_disagreements(DOCS.read_text(encoding="utf-8"))
    assert len({(org, state) for org, state, *_ in listed}) >= 37
    unexplained = []
    for org, state, first, last, _ in listed:
        rows = _rows_behind(org, state, first, last)
        assert rows, f"{org} {state}: no membership row"
        unexplained += [
            f"{org} {state} {r['status']} from {r['start']}" for r in rows if "CoW IGO v3" not in r["source"]
        ]
    assert not unexplained, "source cells without the CoW IGO v3 disagreement:\n" + "\n".join(unexplained)


def test_comparison_covers_the_organisations_cow_codes(igo):
    """Each compared CoW organisation has rows in 1991-2014, so the comparison is not vacuous."""
    long, _ = igo
    for pieces in COW_ORGS.values():
        for ioname, first, last in pieces:
            rows = long[(long["ioname"] == ioname) & long["year"].between(first, last)]
            assert len(rows) > 0, ioname


def test_the_comparison_detects_an_injected_error(igo):
    """Shifting NATO's 1999 enlargement to 2000 must produce disagreements (the test can fail)."""
    long, states = igo
    rows = [dict(r) for r in table_rows("memberships")]
    for row in rows:
        if row["organisation"] == "NATO" and row["start"] == "1999-03-12" and row["status"] == "member":
            row["start"] = "2000-03-12"
    found = cow_igo_disagreements(long, states, ccode_to_iso3(), rows, {"NATO": COW_ORGS["NATO"]})
    assert {(d.state, d.year) for d in found} == {("CZE", 1999), ("HUN", 1999), ("POL", 1999)}


def test_un_admission_years_match_cow_history(igo):
    """The year of every UN admission equals CoW IGO's first year of UN membership, for states that were
    in the CoW system when admitted (CoW codes from system entry; known exceptions: DOM, which CoW codes
    only from 1965, and TLS 2002/2003 and UZB
    1992/1991, listed in docs/data.md)."""
    long, states = igo
    iso = ccode_to_iso3()
    names = {str(r.state): iso[int(r.ccode)] for r in states.itertuples() if int(r.ccode) in iso}
    first = (
        long[(long["ioname"] == "UN") & (long["status"] == 1)]
        .assign(iso=lambda f: f["state"].map(names))
        .groupby("iso")["year"]
        .min()
    )
    entry = {iso[int(r.ccode)]: int(r.styear) for r in states.itertuples() if int(r.ccode) in iso}
    admitted = {}
    for row in table_rows("memberships"):
        if row["organisation"] == "UN" and row["status"] == "member":
            admitted.setdefault(row["state"], int(row["start"][:4]))
    checked = 0
    for state, year in admitted.items():
        if state not in first.index or entry.get(state, 9999) > year or state in ("TLS", "UZB", "DOM"):
            continue
        assert int(first[state]) == year, (state, year, int(first[state]))
        checked += 1
    assert checked > 150


def test_bundled_codes_partial_years():
    """A spell that starts during a year gives both 'none' and its status for that year."""
    spell = [{"status": "observer", "start": "2005-07-05", "end": "2017-06-09"}]
    assert bundled_codes(spell, 2005) == {0, 3}
    assert bundled_codes(spell, 2010) == {3}
    assert bundled_codes(spell, 2017) == {0, 3}
