"""Build the geographic tables: direct contiguity spells, minimum-distance spells and capital distances.

- ``contiguity.csv``: CoW Direct Contiguity v3.2 (Stinnett et al. 2002), one row per non-directed dyad and
  spell with its type (1 land or river; 2, 3, 4, 5 water ≤ 12, 24, 150, 400 miles). Spells that run to the
  end of the data (December 2016) have ``ongoing_at_end = 1``; the API carries them forward after 2016.
- ``min_distance.csv``: minimum border-to-border distance in km (peacesciencer ``cow_mindist`` from CShapes
  2.0) from 1946 to 2019, stored as dyad spells: consecutive years with the same distance (rounded to
  0.1 km) become one row. The API carries 2019 forward to later years and flags it.
- ``capital_distances.csv``: great-circle distance between the current capitals of every pair of states
  in the system since 1991 (and the entities outside the CoW system), in km and statute miles.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from secarch.data._paths import hand_path
from secarch.data.build._io import read_hand_rows
from secarch.data.codes import ccode_to_iso3
from secarch.data.external.cow import load_contiguity, load_mindist
from secarch.data.external.folder import dataset_path
from secarch.data.geo import great_circle_km, km_to_miles
from secarch.data.pairs import nondirected
from secarch.errors import InputError

CONTIGUITY_DATA_END = pd.Timestamp("2016-12-01")
#: the bundled minimum distances start here (the original file, readable with load_mindist, from 1886)
MIN_DISTANCE_FIRST_YEAR = 1946


def _iso(codes: pd.Series, path: Path) -> pd.Series:
    iso = ccode_to_iso3()
    unknown = sorted(set(codes) - set(iso))
    if unknown:
        raise InputError.single(f"CoW codes not in the states table: {unknown}", file=path)
    return codes.map(iso)


def build_contiguity(src: Path) -> pd.DataFrame:
    """Non-directed contiguity spells (``ccode1 < ccode2``) of types 1–5.

    peacesciencer's copy is directed (each spell twice) and adds type-0 spells for periods without
    contiguity; the build checks that every spell has its mirror, keeps one direction and drops type 0
    (absence of a row means "not contiguous").
    """
    path = dataset_path(src, "contiguity")
    raw = load_contiguity(path)
    keys = ["ccode1", "ccode2", "conttype", "start", "end"]
    lower = raw[raw["ccode1"] < raw["ccode2"]][keys]
    upper = raw[raw["ccode1"] > raw["ccode2"]].rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})[keys]
    if not raw[raw["ccode1"] == raw["ccode2"]].empty or len(lower) != len(upper):
        raise InputError.single("contiguity records are not a symmetric directed list", file=path)
    mirrored = lower.merge(upper, how="outer", indicator=True)
    if (mirrored["_merge"] != "both").any():
        raise InputError.single("some contiguity spells have no mirror record", file=path)
    spells = lower[lower["conttype"] > 0].copy()
    spells["source"] = "cow-contiguity;peacesciencer"
    _apply_contiguity_corrections(spells)
    spells["ongoing_at_end"] = (spells["end"] >= CONTIGUITY_DATA_END).astype(int)
    spells["iso3_1"] = _iso(spells["ccode1"], path)
    spells["iso3_2"] = _iso(spells["ccode2"], path)
    columns = ["iso3_1", "iso3_2", "ccode1", "ccode2", "conttype", "start", "end", "ongoing_at_end", "source"]
    return spells.sort_values(["ccode1", "ccode2", "start"], kind="stable").reset_index(drop=True)[columns]


def _apply_contiguity_corrections(spells: pd.DataFrame) -> None:
    """Shorten the spells listed in ``hand/contiguity_corrections.csv`` (each with its reason)."""
    path = hand_path("contiguity_corrections.csv")
    for line, fix in enumerate(read_hand_rows(path), start=2):
        hit = (
            (spells["ccode1"] == int(fix["ccode1"]))
            & (spells["ccode2"] == int(fix["ccode2"]))
            & (spells["conttype"] == int(fix["conttype"]))
            & (spells["start"] == pd.Timestamp(fix["start"]))
            & (spells["end"] == pd.Timestamp(fix["published_end"]))
        )
        if int(hit.sum()) != 1:
            raise InputError.single(
                f"contiguity correction for {fix['ccode1']}-{fix['ccode2']} matches {int(hit.sum())} spells",
                file=path,
                line=line,
            )
        spells.loc[hit, "end"] = pd.Timestamp(fix["corrected_end"])
        spells.loc[hit, "source"] = f"cow-contiguity;peacesciencer;{fix['source']}"


def build_min_distance(src: Path) -> pd.DataFrame:
    """Minimum distances (km) from 1946 as spells ``[start_year, end_year]`` of constant distance per dyad."""
    path = dataset_path(src, "mindist")
    raw = load_mindist(path)
    raw = nondirected(raw[raw["year"] >= MIN_DISTANCE_FIRST_YEAR])
    frame = pd.DataFrame(
        {
            "ccode1": raw["ccode1"],
            "ccode2": raw["ccode2"],
            "year": raw["year"],
            "mindist_km": raw["mindist"].round(1),
        }
    ).sort_values(["ccode1", "ccode2", "year"], kind="stable")
    if frame.duplicated(["ccode1", "ccode2", "year"]).any():
        raise InputError.single("minimum distances list a dyad-year twice", file=path)
    same_dyad = (frame["ccode1"].eq(frame["ccode1"].shift())) & (frame["ccode2"].eq(frame["ccode2"].shift()))
    continues = same_dyad & frame["year"].eq(frame["year"].shift() + 1)
    same_value = frame["mindist_km"].eq(frame["mindist_km"].shift()) | (
        frame["mindist_km"].isna() & frame["mindist_km"].shift().isna()
    )
    spell_id = (~(continues & same_value)).cumsum()
    spells = frame.groupby(spell_id, sort=False).agg(
        ccode1=("ccode1", "first"),
        ccode2=("ccode2", "first"),
        start_year=("year", "first"),
        end_year=("year", "last"),
        mindist_km=("mindist_km", "first"),
    )
    spells["iso3_1"] = _iso(spells["ccode1"], path)
    spells["iso3_2"] = _iso(spells["ccode2"], path)
    spells["source"] = "peacesciencer;cshapes"
    columns = ["iso3_1", "iso3_2", "ccode1", "ccode2", "start_year", "end_year", "mindist_km", "source"]
    return spells.reset_index(drop=True)[columns]


def build_capital_distances(src: Path) -> pd.DataFrame:
    """Great-circle distances between current capitals for every pair of states in the CoW system at some
    time since 1991 and the entities outside it (``i < j`` by id), in km and miles, rounded to 0.1."""
    from secarch.data.build.states import build_states

    states = build_states(src)
    recent = states[(states["kind"] != "cow_state") | (states["cow_end"] >= pd.Timestamp("1991-01-01"))]
    recent = recent.sort_values("iso3").reset_index(drop=True)
    lat = recent["lat"].to_numpy(dtype=float)
    lon = recent["lon"].to_numpy(dtype=float)
    i, j = np.triu_indices(len(recent), k=1)
    km = great_circle_km(lat[i], lon[i], lat[j], lon[j])
    iso = recent["iso3"].to_numpy()
    return pd.DataFrame(
        {
            "iso3_1": iso[i],
            "iso3_2": iso[j],
            "km": np.round(km, 1),
            "miles": np.round(km_to_miles(km), 1),
            "source": "capitals",
        }
    )
