"""The ATOP-derived obligations (secarch.data.build_orgs).

Oracles: a rebuild from ATOP 5.1 in ../shared/data must reproduce the bundled table exactly; treaty texts
for known obligations (the 1960 US-Japan treaty obliges only the United States to act outside Japan's
territory, so ATOP codes it one-sided; the 1953 US-ROK and 1961 China-DPRK treaties are mutual); and the
derivation's defining property (no uncovered dyad-year of two members of an organisation whose clause of
the same type is in force).
"""

from __future__ import annotations

import pytest

from secarch.data.build_orgs import COVERS, build_atop_obligations, org_coverage, runs
from secarch.data.orgs import table_rows


@pytest.fixture(scope="module")
def rebuilt(shared_data):
    """The table's rows and runs derived from ATOP 5.1, as ``secarch data build`` derives them."""
    return build_atop_obligations(shared_data)


def test_rebuild_reproduces_the_bundled_table(rebuilt):
    """Rebuilding from ATOP 5.1 gives the bundled atop_obligations.csv row for row."""
    rows, offense = rebuilt
    assert rows == table_rows("atop_obligations")
    assert offense == []


def test_known_obligations(rebuilt):
    """Treaty texts: US-Japan one-sided defence, US-ROK and China-DPRK mutual, all in force in 2018."""
    ids = {row["id"]: row for row in rebuilt[0]}
    assert ids["atop-USA-to-JPN-mutual_assistance-1951"]["end"] == ""
    assert "atop-JPN-to-USA-mutual_assistance-1951" not in ids
    assert ids["atop-KOR-USA-mutual_assistance-1953"]["guarantors"] == ""
    assert ids["atop-CHN-PRK-mutual_assistance-1961"]["end"] == ""


def test_override_ends_the_russia_ukraine_treaty(rebuilt):
    """The 1997 treaty expired on 1 Apr 2019 (hand/atop_overrides.csv)."""
    row = next(r for r in rebuilt[0] if r["id"] == "atop-RUS-UKR-consultation-1997")
    assert (row["end"], row["end_precision"]) == ("2019-04-01", "day")


def test_no_covered_dyad_year_remains(rebuilt):
    """Property: no bundled ATOP year of a pair is covered by an organisation's clause of the same type."""
    covered = org_coverage(table_rows("memberships"), table_rows("agreements"))
    column_of = {
        "mutual_assistance": "atop_defense",
        "consultation": "atop_consul",
        "non_aggression": "atop_nonagg",
    }
    checked = 0
    for row in rebuilt[0]:
        column = column_of.get(row["type"])
        if column is None:
            continue
        a, b = sorted(row["parties"].split(";"))
        first, last = (int(y) for y in row["atop_years"].split("-"))
        for year in range(max(first, 1990), last + 1):
            assert f"{a}|{b}" not in covered.get((column, year), set()), (row["id"], year)
            checked += 1
    assert checked > 10_000
    assert set(COVERS.values()) == set(column_of.values())


def test_nato_pairs_are_absorbed(rebuilt):
    """Two NATO allies have no ATOP defence obligation of their own after both joined (coverage works)."""
    for row in rebuilt[0]:
        if row["type"] == "mutual_assistance":
            assert set(row["parties"].split(";")) != {"POL", "USA"}, row


def test_runs():
    """Runs of consecutive years (documented example)."""
    assert runs([2001, 1999, 2000, 2005]) == [(1999, 2001), (2005, 2005)]
    assert runs([]) == []


def test_rivalries_rebuild(shared_data):
    """Rebuilding rivalries from Thompson & Dreyer reproduces the bundled table; India-Pakistan and
    China-India continue, Croatia-Serbia ended in 2002 (T&D)."""
    from secarch.data.build_orgs import build_rivalries

    rows = build_rivalries(shared_data)
    assert rows == table_rows("rivalries")
    ids = {row["id"]: row for row in rows}
    assert ids["td-IND-PAK-1947"]["end"] == "" and ids["td-CHN-IND-1948"]["end"] == ""
    assert ids["td-HRV-SRB-1991"]["end"] == "2003-01-01"
