"""The bundled states table: complete, consistent codes, coordinates, and cheap code look-ups."""

from __future__ import annotations

import csv
import math
import re
import subprocess
import sys
import unicodedata

import pytest

import secarch.data as data
from secarch.data._paths import hand_path, table_path


def _rows() -> list[dict[str, str]]:
    with table_path("states.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _norm(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z ]", " ", ascii_text.lower())


def test_every_cow_state_once_with_both_codes_and_coordinates(shared_data):
    """Oracle: the CoW state list itself (cow_states.csv, 217 states); property: every state has both
    codes and a capital with valid coordinates."""
    with (shared_data / "cow" / "cow_states.csv").open(newline="") as handle:
        cow = {int(float(row["ccode"])): row["stateabb"] for row in csv.DictReader(handle)}
    rows = [r for r in _rows() if r["kind"] == "cow_state"]
    assert len(cow) == 217
    assert {int(r["ccode"]): r["cow_abb"] for r in rows} == cow
    for row in _rows():
        assert re.fullmatch(r"[A-Z]{3}", row["iso3"]), row
        assert row["capital"], row
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180 and math.isfinite(lat + lon), row
        assert row["source"], row
        if row["kind"] == "cow_state":
            assert row["ccode"] and row["gwcode"] and row["cow_spells"], row


def test_codes_are_unique_and_entities_outside_cow_present():
    """Property: ids and CoW codes identify one row each; the entities organisations need are there."""
    rows = _rows()
    iso = [r["iso3"] for r in rows]
    ccodes = [r["ccode"] for r in rows if r["ccode"]]
    assert len(iso) == len(set(iso)) == len(data.state_codes())
    assert len(ccodes) == len(set(ccodes))
    assert {"PSE", "VAT", "XKX", "SUN"} & data.state_codes() == {"PSE", "VAT", "XKX"}
    assert data.resolve_code("sun") == "RUS" and data.resolve_code("YUG") == "SRB"
    assert data.resolve_code("QQQ") is None
    assert data.ccode_to_iso3()[365] == "RUS" and data.iso3_to_ccode()["DEU"] == 255


def test_x_codes_are_documented():
    """Property: every user-assigned X-code carries a note saying why (docs/data-states.md lists them)."""
    for row in _rows():
        if row["iso3"].startswith("X"):
            assert "X" in row["code_note"], row


def test_names_and_aliases_are_unambiguous():
    """Property needed by the gazetteer: no name or alias points at two different states."""
    owner: dict[str, str] = {}
    for row in _rows():
        names = {row["name"], row["cow_name"], *row["aliases"].split("|")} - {""}
        for name in names:
            key = _norm(name).strip()
            assert owner.setdefault(key, row["iso3"]) == row["iso3"], (name, owner[key], row["iso3"])


def test_iso_codes_agree_with_pycountry_names():
    """Oracle: pycountry's copy of ISO 3166-1 and ISO 3166-3 (an independent source of codes and names).
    Every non-X code must exist there, and its ISO name must share a word with one of our names."""
    pycountry = pytest.importorskip("pycountry")
    stop = {"of", "the", "and", "republic", "state", "democratic", "people", "s", "federal", "kingdom"}
    for row in _rows():
        code = row["iso3"]
        if code.startswith("X"):
            continue
        entry = pycountry.countries.get(alpha_3=code)
        if entry is None:
            entry = next(c for c in pycountry.historic_countries if getattr(c, "alpha_3", "") == code)
        theirs = " ".join(_norm(getattr(entry, k, "")) for k in ("name", "official_name", "common_name"))
        ours = " ".join(_norm(n) for n in (row["name"], row["cow_name"], *row["aliases"].split("|")))
        assert (set(theirs.split()) - stop) & (set(ours.split()) - stop), (code, row["name"], theirs)
        for former in filter(None, row["iso3_former"].split("|")):
            if former == "ROM":  # Romania's alpha-3 changed ROM→ROU in 2002 without a name change
                continue
            assert any(getattr(c, "alpha_3", "") == former for c in pycountry.historic_countries), former


def test_gleditsch_ward_codes_match_ucdp_usage(shared_data):
    """Oracle: the GW codes UCDP uses in ucdp_onsets.csv for the years after 2010 (GW system)."""
    with (shared_data / "ucdp" / "ucdp_onsets.csv").open(newline="") as handle:
        recent = {int(float(r["gwcode"])) for r in csv.DictReader(handle) if float(r["year"]) >= 2010}
    current = [r for r in _rows() if r["kind"] == "cow_state" and r["cow_end"] == "2016-12-31"]
    ours = {int(r["gwcode"]) for r in current}
    # GW's main list (used by UCDP) leaves out microstates; every code it uses must be ours
    assert recent <= ours
    by_iso = {r["iso3"]: int(r["gwcode"]) for r in current}
    assert (by_iso["DEU"], by_iso["YEM"], by_iso["SRB"], by_iso["CZE"]) == (260, 678, 340, 316)


def test_state_codes_do_not_import_pandas():
    """Property: the domain model's validation calls state_codes(); it must stay cheap (stdlib only)."""
    code = "import sys, secarch.data as d; n = len(d.state_codes()); print(n, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == [str(len(_rows())), "False"]


def test_states_by_year():
    """Oracle: known system membership: 1990 has both Germanies, 2024 has 195 CoW members (the 193 UN
    members plus Kosovo and Taiwan) and the two extra entities."""
    y1990 = set(data.states(1990, include_other=False)["iso3"])
    assert {"XGF", "DDR", "DEU"} <= y1990
    now = data.states(2024)
    assert len(now[now["kind"] == "cow_state"]) == 195
    assert {"PSE", "VAT", "XKX", "TWN"} <= set(now["iso3"])
    assert "SUN" not in set(now["iso3"]) and "DDR" not in set(now["iso3"])


def test_crosswalk_file_is_the_table_source():
    """Property: the hand crosswalk has one line per CoW state and the same codes as the table."""
    with hand_path("state_crosswalk.csv").open(newline="", encoding="utf-8") as handle:
        cross = {r["ccode"]: r["iso3"] for r in csv.DictReader(handle)}
    assert cross == {r["ccode"]: r["iso3"] for r in _rows() if r["ccode"]}
