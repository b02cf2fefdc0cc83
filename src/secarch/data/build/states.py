"""Build ``states.csv`` and ``capitals.csv`` from CoW State System Membership v2016, the capitals of
peacesciencer (``cow_capitals``) and the hand-written crosswalk in ``hand/``.

The crosswalk (``hand/state_crosswalk.csv``) gives, for every CoW state, its ISO 3166-1 alpha-3 code (or
former ISO 3166-3 code, or user-assigned X-code), Gleditsch–Ward code, English short name, aliases and UN
M49 region. ``hand/capital_corrections.csv`` replaces five published capital points that lie far from the
city (checked against GeoNames); ``hand/extra_entities.csv`` adds the entities outside the CoW system that
organisations need (Palestine, the Holy See).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from secarch.data._paths import hand_path
from secarch.data.build._io import read_hand_rows, read_hand_table
from secarch.data.external.cow import load_capitals, load_states
from secarch.data.external.folder import dataset_path
from secarch.errors import InputError

#: peacesciencer marks capitals that are still current with this end date; secarch leaves them open.
CURRENT_CAPITAL_END = pd.Timestamp("2024-12-31")

STATE_COLUMNS = [
    "iso3",
    "ccode",
    "cow_abb",
    "gwcode",
    "name",
    "cow_name",
    "aliases",
    "iso3_former",
    "kind",
    "region",
    "subregion",
    "intermediate_region",
    "capital",
    "lat",
    "lon",
    "cow_start",
    "cow_end",
    "cow_spells",
    "code_note",
    "source",
]


def _check_crosswalk(crosswalk: pd.DataFrame, cow: pd.DataFrame) -> None:
    path = hand_path("state_crosswalk.csv")
    cow_abb = cow.groupby("ccode")["stateabb"].first()
    codes = crosswalk["ccode"].astype(int)
    missing = sorted(set(cow_abb.index) - set(codes))
    extra = sorted(set(codes) - set(cow_abb.index))
    if missing or extra:
        raise InputError.single(
            f"the crosswalk does not match the CoW state list: missing {missing}, not in CoW {extra}",
            file=path,
        )
    for line, (ccode, abb) in enumerate(zip(codes, crosswalk["cow_abb"], strict=True), start=2):
        if cow_abb[ccode] != abb:
            raise InputError.single(
                f"CoW {ccode} is {cow_abb[ccode]!r} in the CoW list, {abb!r} in the crosswalk",
                file=path,
                line=line,
                field="cow_abb",
            )
    duplicated = crosswalk["iso3"][crosswalk["iso3"].duplicated()].tolist()
    if duplicated:
        raise InputError.single(
            f"iso3 codes used twice in the crosswalk: {duplicated}", file=path, field="iso3"
        )


def build_capitals(src: Path) -> pd.DataFrame:
    """Capital spells (one row per capital and period) with coordinates in decimal degrees.

    ``end`` is empty for capitals that are current. Five published points that lie 30–830 km from the city
    are replaced by GeoNames coordinates (``hand/capital_corrections.csv``); their ``source`` says so.
    """
    caps = load_capitals(dataset_path(src, "cow-capitals"))
    crosswalk = read_hand_table(hand_path("state_crosswalk.csv"))
    iso_of = dict(zip(crosswalk["ccode"].astype(int), crosswalk["iso3"], strict=True))
    unknown = sorted(set(caps["ccode"]) - set(iso_of))
    if unknown:
        raise InputError.single(f"capitals for CoW codes not in the crosswalk: {unknown}", file=src)
    out = pd.DataFrame(
        {
            "iso3": caps["ccode"].map(iso_of),
            "ccode": caps["ccode"].astype("Int64"),
            "capital": caps["capital"].astype(str),
            "start": caps["stdate"],
            "end": caps["enddate"].where(caps["enddate"] != CURRENT_CAPITAL_END),
            "lat": caps["lat"],
            "lon": caps["lng"],
            "source": "peacesciencer",
            "note": "",
        }
    )
    fixes_path = hand_path("capital_corrections.csv")
    for line, fix in enumerate(read_hand_rows(fixes_path), start=2):
        hit = (out["ccode"] == int(fix["ccode"])) & (out["start"] == pd.Timestamp(fix["valid_from"]))
        if int(hit.sum()) != 1:
            raise InputError.single(
                f"capital correction for CoW {fix['ccode']} from {fix['valid_from']} "
                f"matches {int(hit.sum())} rows",
                file=fixes_path,
                line=line,
            )
        row = out.index[hit][0]
        published = (float(out.at[row, "lat"]), float(out.at[row, "lon"]))  # type: ignore[arg-type]
        if not np.allclose(published, (float(fix["published_lat"]), float(fix["published_lon"]))):
            raise InputError.single(
                f"the published point of {fix['capital']} has changed; review the correction",
                file=fixes_path,
                line=line,
            )
        out.at[row, "lat"] = float(fix["lat"])
        out.at[row, "lon"] = float(fix["lon"])
        out.at[row, "source"] = "peacesciencer;geonames"
        out.at[row, "note"] = (
            f"coordinates from GeoNames {fix['geonames_id']}: the published point "
            f"({fix['published_lat']}, {fix['published_lon']}) is {fix['offset_km']} km away "
            f"({fix['reason']})"
        )
    extra = read_hand_table(hand_path("extra_entities.csv"))
    extra_rows = pd.DataFrame(
        {
            "iso3": extra["iso3"],
            "ccode": pd.array([pd.NA] * len(extra), dtype="Int64"),
            "capital": extra["capital"],
            "start": pd.NaT,
            "end": pd.NaT,
            "lat": extra["lat"].astype(float),
            "lon": extra["lon"].astype(float),
            "source": "geonames",
            "note": extra["capital_note"],
        }
    )
    out = pd.concat([out, extra_rows], ignore_index=True)
    return out.sort_values(["ccode", "start", "iso3"], na_position="last", kind="stable").reset_index(
        drop=True
    )


def _spells(group: pd.DataFrame) -> str:
    return ";".join(f"{s:%Y-%m-%d}/{e:%Y-%m-%d}" for s, e in zip(group["start"], group["end"], strict=True))


def build_states(src: Path, capitals: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per CoW state (217) plus the entities outside the CoW system; see STATE_COLUMNS.

    ``cow_end`` 2016-12-31 means "a member at the end of the v2016 list"; secarch treats these states as
    members up to today (no state has entered or left the system since 2011).
    """
    cow = load_states(dataset_path(src, "cow-states")).sort_values(["ccode", "start"])
    crosswalk = read_hand_table(hand_path("state_crosswalk.csv"))
    _check_crosswalk(crosswalk, cow)
    if capitals is None:
        capitals = build_capitals(src)
    # the capital of a state is its latest one (current, or the last before the state left the system)
    latest = (
        capitals.sort_values(["iso3", "start"], na_position="first").groupby("iso3").tail(1).set_index("iso3")
    )
    spells = cow.groupby("ccode")[["start", "end"]].apply(_spells)
    names = cow.groupby("ccode")["statenme"].first()
    codes = crosswalk["ccode"].astype(int)
    rows = pd.DataFrame(
        {
            "iso3": crosswalk["iso3"],
            "ccode": codes.astype("Int64"),
            "cow_abb": crosswalk["cow_abb"],
            "gwcode": crosswalk["gwcode"].replace("", None).astype(float).astype("Int64"),
            "name": crosswalk["name"],
            "cow_name": codes.map(names),
            "aliases": crosswalk["aliases"],
            "iso3_former": crosswalk["iso3_former"],
            "kind": "cow_state",
            "region": crosswalk["region"],
            "subregion": crosswalk["subregion"],
            "intermediate_region": crosswalk["intermediate_region"],
            "cow_start": codes.map(cow.groupby("ccode")["start"].min()),
            "cow_end": codes.map(cow.groupby("ccode")["end"].max()),
            "cow_spells": codes.map(spells),
            "code_note": crosswalk["code_note"],
        }
    )
    extra = read_hand_table(hand_path("extra_entities.csv"))
    extra_rows = pd.DataFrame(
        {
            "iso3": extra["iso3"],
            "ccode": pd.array([pd.NA] * len(extra), dtype="Int64"),
            "cow_abb": "",
            "gwcode": pd.array([pd.NA] * len(extra), dtype="Int64"),
            "name": extra["name"],
            "cow_name": "",
            "aliases": extra["aliases"],
            "iso3_former": "",
            "kind": "other_entity",
            "region": extra["region"],
            "subregion": extra["subregion"],
            "intermediate_region": extra["intermediate_region"],
            "cow_start": pd.NaT,
            "cow_end": pd.NaT,
            "cow_spells": "",
            "code_note": extra["code_note"],
        }
    )
    rows = pd.concat([rows, extra_rows], ignore_index=True)
    rows["capital"] = rows["iso3"].map(latest["capital"])
    rows["lat"] = rows["iso3"].map(latest["lat"])
    rows["lon"] = rows["iso3"].map(latest["lon"])
    capital_source = rows["iso3"].map(latest["source"])
    cow_source = "cow-states;secarch-crosswalk;iso-3166;gw-states;un-m49"
    rows["source"] = np.where(
        rows["kind"] == "cow_state",
        cow_source + ";" + capital_source,
        rows["iso3"].map(dict(zip(extra["iso3"], extra["source"], strict=True))),
    )
    return rows[STATE_COLUMNS]
