"""Historical inputs of the security model, year by year, built directly from the original datasets.

For a year t the system is every state of the Correlates of War state system on 1 July of t with a CINC
score (NMC v7.0). For those states:

- capabilities: CINC (Singer, Bremer and Stuckey 1972; NMC v7.0), as shares of the world total of that year
  (the CINC scores of all system members sum to 1);
- distances: great-circle miles between capitals (CoW capitals with coordinates, as in peacesciencer);
- contiguity: CoW Direct Contiguity v3.2, type 1 (land or river border) in force on 1 July;
- guarantees: ATOP v5.1 directed dyad-years (Leeds et al. 2002), ``atop_defense`` = 1 gives
  G[ccode1, ccode2] = ``credibility``; ``atop_nonagg`` or ``atop_neutral`` give the restraint relation;
- rivalry: Thompson and Dreyer's (2012) strategic rivalries active in t;
- disputes: the two sides of every MID (v5.0, Palmer et al. 2022) ongoing in t (value 1), and pairs that
  were on opposite sides of a MID in the ten previous years but not in t, as latent disputes (value
  ``latent_dispute_value``).

The tables are pandas DataFrames as the loaders of :mod:`secarch.data.external` return them. Nothing here
is used at run time by ``secarch score``: it exists to calibrate and validate the model
(``scripts/calibrate_security.py``, ``scripts/validate_security.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from secarch.security.model import Geography, Relations
from secarch.security.params import SecurityParams

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Mean radius of the Earth in statute miles (IUGG mean radius 6371.0088 km).
EARTH_RADIUS_MILES = 6371.0088 / 1.609344

#: Credibility given to every ATOP defence obligation: allies honoured 22% of post-1945 commitments when
#: invoked (Berkemeier and Fuhrmann 2018), the same default the bundled architectures use.
HISTORICAL_CREDIBILITY = 0.22


def great_circle_miles(lat: npt.ArrayLike, lon: npt.ArrayLike) -> FloatArray:
    """Great-circle distances in miles between every pair of points (haversine formula).

    >>> round(float(great_circle_miles([38.895, 55.756], [-77.037, 37.617])[0, 1]))
    4860
    """
    phi = np.radians(np.asarray(lat, dtype=float))
    lam = np.radians(np.asarray(lon, dtype=float))
    dphi = phi[:, None] - phi[None, :]
    dlam = lam[:, None] - lam[None, :]
    h = np.sin(dphi / 2) ** 2 + np.cos(phi)[:, None] * np.cos(phi)[None, :] * np.sin(dlam / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))), dtype=float)


@dataclass(frozen=True)
class HistoryTables:
    """The original datasets the historical inputs are built from (published column names)."""

    states: pd.DataFrame  # CoW state system: ccode, styear, stmonth, stday, endyear, endmonth, endday
    nmc: pd.DataFrame  # ccode, year, cinc
    capitals: pd.DataFrame  # ccode, stdate, enddate, lat, lng
    contiguity: pd.DataFrame  # ccode1, ccode2, conttype, start, end
    atop: pd.DataFrame  # ccode1, ccode2, year, atop_defense, atop_nonagg, atop_neutral
    rivalries: pd.DataFrame  # ccode1, ccode2, styear, endyear
    mid_dyads: pd.DataFrame  # dispnum, ccode1, ccode2, year, onset, sidea1, sidea2, orig1, orig2

    @classmethod
    def from_directory(cls, data: str | Path) -> HistoryTables:
        """Read the datasets from a copy of ``shared/data`` (its README lists the files) with the loaders
        of :mod:`secarch.data.external`, which check every file's layout."""
        from secarch.data import external

        root = Path(data)
        return cls(
            states=external.load_states(root / "cow" / "cow_states.csv"),
            nmc=external.load_nmc(root / "cow" / "cow_nmc.csv")[["ccode", "year", "cinc"]],
            capitals=external.load_capitals(root / "cow" / "cow_capitals.csv"),
            contiguity=external.load_contiguity(root / "cow" / "cow_contdir.csv"),
            atop=external.load_atop_dyad_years(root / "atop" / "atop_alliance.csv.gz"),
            rivalries=external.load_td_rivalries(root / "rivalry" / "td_rivalries.csv"),
            mid_dyads=external.load_mid_dyad_years(root / "cow" / "cow_mid_dirdisps.csv"),
        )


@dataclass(frozen=True)
class SystemYear:
    """The state system of one year as model inputs; ``ccodes`` is the order of every state axis."""

    year: int
    ccodes: IntArray
    cinc: FloatArray
    geography: Geography
    relations: Relations


def _index_pairs(frame: pd.DataFrame, position: dict[int, int]) -> tuple[IntArray, IntArray]:
    a = frame["ccode1"].astype(int).map(position)
    b = frame["ccode2"].astype(int).map(position)
    keep = a.notna() & b.notna() & (a != b)
    return np.asarray(a[keep], dtype=np.int64), np.asarray(b[keep], dtype=np.int64)


def system_members(tables: HistoryTables, year: int) -> IntArray:
    """CoW codes of the system members on 1 July ``year`` that have a CINC score that year."""
    s = tables.states
    mid_year = year * 10000 + 701
    start = s["styear"] * 10000 + s["stmonth"] * 100 + s["stday"]
    end = s["endyear"] * 10000 + s["endmonth"] * 100 + s["endday"]
    members = set(s.loc[(start <= mid_year) & (mid_year <= end), "ccode"].astype(int))
    nmc = tables.nmc[(tables.nmc["year"] == year) & tables.nmc["cinc"].notna() & (tables.nmc["cinc"] >= 0)]
    return np.array(sorted(members & set(nmc["ccode"].astype(int))), dtype=np.int64)


def system_year(
    tables: HistoryTables,
    year: int,
    params: SecurityParams | None = None,
    credibility: float = HISTORICAL_CREDIBILITY,
) -> SystemYear:
    """Geography and relations of the state system in ``year`` (see the module docstring)."""
    params = params or SecurityParams()
    ccodes = system_members(tables, year)
    n = len(ccodes)
    position = {int(c): k for k, c in enumerate(ccodes)}
    when = pd.Timestamp(year=year, month=7, day=1)

    nmc = tables.nmc[tables.nmc["year"] == year].drop_duplicates("ccode").set_index("ccode")["cinc"]
    cinc = nmc.reindex(ccodes).to_numpy(dtype=float)
    world_total = float(nmc[nmc >= 0].sum())

    caps = tables.capitals[(tables.capitals["stdate"] <= when) & (when <= tables.capitals["enddate"])]
    caps = caps.drop_duplicates("ccode").set_index("ccode")
    caps.index = caps.index.astype(int)
    missing = [int(c) for c in ccodes if int(c) not in caps.index]
    if missing:
        # A few capitals' spells start after a state's entry (e.g. a new capital): take its nearest spell.
        nearest = tables.capitals.assign(ccode=tables.capitals["ccode"].astype(int))
        nearest = nearest[nearest["ccode"].isin(missing)]
        gap = (nearest["stdate"] - when).abs()
        extra = nearest.loc[gap.groupby(nearest["ccode"]).idxmin()].set_index("ccode")
        caps = pd.concat([caps, extra])
    lat = caps.loc[ccodes, "lat"].to_numpy(dtype=float)
    lon = caps.loc[ccodes, "lng"].to_numpy(dtype=float)
    distance = great_circle_miles(lat, lon)

    cont = tables.contiguity
    cont = cont[(cont["conttype"] == 1) & (cont["start"] <= when) & (when <= cont["end"])]
    a, b = _index_pairs(cont, position)
    contiguous = np.zeros((n, n), dtype=bool)
    contiguous[a, b] = contiguous[b, a] = True

    atop = tables.atop[tables.atop["year"] == year]
    guarantee = np.zeros((n, n))
    a, b = _index_pairs(atop[atop["atop_defense"] == 1], position)
    guarantee[a, b] = credibility
    restraint = np.zeros((n, n))
    a, b = _index_pairs(atop[(atop["atop_nonagg"] == 1) | (atop["atop_neutral"] == 1)], position)
    restraint[a, b] = credibility
    restraint = np.maximum(restraint, restraint.T)

    riv = tables.rivalries
    riv = riv[(riv["styear"] <= year) & (year <= riv["endyear"])]
    a, b = _index_pairs(riv, position)
    rivalry = np.zeros((n, n))
    rivalry[a, b] = rivalry[b, a] = 1.0

    mid = tables.mid_dyads
    mid = mid[(mid["year"] == year) & (mid["sidea1"] != mid["sidea2"])]
    a, b = _index_pairs(mid, position)
    dispute = np.zeros((n, n))
    dispute[a, b] = dispute[b, a] = 1.0
    # A dispute of the previous ten years without militarized action this year stands in for a latent claim.
    dispute = np.maximum(dispute, params.latent_dispute_value * recent_disputes(tables, year, position))

    states = tuple(str(c) for c in ccodes)
    geography = Geography.build(
        states, cinc, distance, contiguous, year, params, capability_total=max(world_total, float(cinc.sum()))
    )
    relations = Relations.of(n, guarantee=guarantee, dispute=dispute, rivalry=rivalry, restraint=restraint)
    return SystemYear(year, ccodes, cinc, geography, relations)


def recent_disputes(
    tables: HistoryTables, year: int, position: dict[int, int], window: int = 10
) -> FloatArray:
    """1 where two states were on opposite sides of a MID in the ``window`` years before ``year``."""
    m = tables.mid_dyads
    m = m[(m["year"] >= year - window) & (m["year"] < year) & (m["sidea1"] != m["sidea2"])]
    a, b = _index_pairs(m, position)
    out = np.zeros((len(position), len(position)))
    out[a, b] = out[b, a] = 1.0
    return out


def targeted_onsets(tables: HistoryTables) -> pd.DataFrame:
    """Directed onsets: one row per (initiator ccode1, target ccode2, year) of a new MID in which ccode1 is an
    originator on side A and ccode2 an originator on side B (MID 5.0 directed dispute dyad-years)."""
    m = tables.mid_dyads
    keep = (m["onset"] == 1) & (m["sidea1"] == 1) & (m["sidea2"] == 0) & (m["orig1"] == 1) & (m["orig2"] == 1)
    onsets = m.loc[keep, ["dispnum", "ccode1", "ccode2", "year"]].astype(int)
    return onsets.drop_duplicates(["ccode1", "ccode2", "year"]).reset_index(drop=True)


def describe(tables: HistoryTables) -> dict[str, Any]:
    """Coverage of the tables (years), for the documentation of a run."""
    return {
        "nmc": [int(tables.nmc["year"].min()), int(tables.nmc["year"].max())],
        "atop": [int(tables.atop["year"].min()), int(tables.atop["year"].max())],
        "mid": [int(tables.mid_dyads["year"].min()), int(tables.mid_dyads["year"].max())],
        "rivalries_end": int(tables.rivalries["endyear"].max()),
        "radius_miles": round(EARTH_RADIUS_MILES, 3),
        "pi": math.pi,
    }
