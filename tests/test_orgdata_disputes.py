"""The dispute table's references to UCDP and MID.

Oracles: the UCDP/PRIO Armed Conflict Dataset v25.1 and CoW MID 5.0 dyadic dispute-years in
../shared/data — every cited conflict must exist and be active (or start) during the phase; every cited MID
must be a dispute between a state of side A and a state of side B in one of the phase's years; and the MID
lookup must be complete (all such MIDs are cited).
"""

from __future__ import annotations

import pandas as pd
import pytest

from secarch.data import iso3_to_ccode
from secarch.data.orgs import table_rows

ROWS = table_rows("disputes")


@pytest.fixture(scope="module")
def mid(shared_data):
    return pd.read_csv(shared_data / "cow" / "cow_mid_ddydisps.csv")


@pytest.fixture(scope="module")
def ucdp(shared_data):
    return pd.read_csv(shared_data / "ucdp" / "ucdp_acd.csv")


def _years(row):
    first = int(row["start"][:4])
    last = int(row["end"][:4]) if row["end"] else 2025
    if row["end"] and row["end"].endswith("-01-01"):
        last -= 1
    return first, last


def _ccodes(side: str) -> set[int]:
    codes = iso3_to_ccode()
    return {codes[s] for s in side.split(";") if s and s in codes}


@pytest.mark.parametrize("row", [r for r in ROWS if r["mid_dispnums"]], ids=lambda r: r["id"])
def test_cited_mids_are_disputes_between_the_sides(row, mid):
    """Each cited MID involves a side-A and a side-B state in a year of the phase."""
    a, b = _ccodes(row["side_a"]), _ccodes(row["side_b"])
    first, last = _years(row)
    for number in (int(x) for x in row["mid_dispnums"].split(";")):
        rows = mid[mid["dispnum"] == number]
        assert len(rows) > 0, number
        pairs = rows[
            (
                (rows["ccode1"].isin(a) & rows["ccode2"].isin(b))
                | (rows["ccode1"].isin(b) & rows["ccode2"].isin(a))
            )
            & rows["year"].between(first, last)
        ]
        assert len(pairs) > 0, (row["id"], number)


@pytest.mark.parametrize(
    "row", [r for r in ROWS if r["side_b"] and r["start"] < "2015"], ids=lambda r: r["id"]
)
def test_mid_lookup_is_complete(row, mid):
    """Every MID between the sides during the phase (to 2014) is cited, unless the row says MIDs were not
    looked up (phases whose side B is a coalition or that are covered by another phase)."""
    if not row["mid_dispnums"] and "MID" not in row["source"]:
        pytest.skip("the row does not cite MID (another phase of the dispute does)")
    a, b = _ccodes(row["side_a"]), _ccodes(row["side_b"])
    first, last = _years(row)
    pairs = mid[
        ((mid["ccode1"].isin(a) & mid["ccode2"].isin(b)) | (mid["ccode1"].isin(b) & mid["ccode2"].isin(a)))
        & mid["year"].between(first, min(last, 2014))
    ]
    cited = {int(x) for x in row["mid_dispnums"].split(";") if x}
    assert {int(x) for x in pairs["dispnum"]} == cited


@pytest.mark.parametrize("row", [r for r in ROWS if r["ucdp_conflict_id"]], ids=lambda r: r["id"])
def test_cited_ucdp_conflicts_exist_in_the_phase(row, ucdp):
    """The cited UCDP conflict exists and has an active year, or its start date, within the phase (UCDP
    ends in 2024, so phases starting later are not checked for activity)."""
    rows = ucdp[ucdp["conflict_id"] == int(row["ucdp_conflict_id"])]
    assert len(rows) > 0
    first, last = _years(row)
    active = set(rows["year"].astype(int)) | {int(str(d)[:4]) for d in rows["start_date"].dropna()}
    assert any(first <= year <= last for year in active) or first > 2024, (row["id"], sorted(active))


def test_key_disputes_are_present():
    """The disputes the issue names are bundled with their phases (issue 4)."""
    ids = {row["id"] for row in ROWS}
    for required in (
        "rus-ukr-crimea",
        "rus-ukr-war",
        "arm-aze-2023-offensive",
        "arm-aze-settlement",
        "rus-geo-2008-war",
        "rus-geo-status",
        "mda-transnistria-status",
        "ind-pak-kashmir",
        "chn-ind-2020",
        "rus-jpn-kurils",
        "kgz-tjk-2022",
        "kgz-tjk-settlement",
        "srb-kosovo-status",
        "cyp-tur",
    ):
        assert required in ids, required
    settlement = next(r for r in ROWS if r["id"] == "kgz-tjk-settlement")
    assert settlement["end"] == "2025-03-13"
