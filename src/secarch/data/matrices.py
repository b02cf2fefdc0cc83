"""Vectorised look-ups for the engines: capability vectors and dyadic matrices over a list of states.

Every function takes ``codes``, a sequence of secarch ids (ISO alpha-3, see :func:`secarch.data.state_codes`),
and returns NumPy arrays aligned with it (rows and columns in the order given). Unknown codes raise
:class:`secarch.errors.InputError`. Missing data are NaN (or ``False`` for indicators), never zero.

Sources: CoW NMC v7.0 (Singer, Bremer & Stuckey 1972); CoW Direct Contiguity v3.2 (Stinnett et al. 2002);
peacesciencer's capitals and minimum distances (Miller 2022; CShapes 2.0, Schvitz et al. 2022); the
hand-written nuclear table (CTBTO, SIPRI Yearbook 2024). See docs/data-states.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from secarch.data import tables_api
from secarch.data.codes import former_codes, state_codes
from secarch.data.geo import great_circle_km, km_to_miles
from secarch.data.pairs import pair_matrix
from secarch.errors import InputError

#: contiguity spells that run to the end of CoW v3.2 (December 2016) are carried forward after this year
CONTIGUITY_LAST_YEAR = 2016
#: the bundled minimum distances cover 1946-2019; 2019 is carried forward after that
MIN_DISTANCE_YEARS = (1946, 2019)


def _positions(codes: Sequence[str]) -> pd.Index:
    codes = list(codes)
    known = state_codes()
    unknown = [c for c in codes if c not in known]
    if unknown:
        formers = {c: former_codes()[c] for c in unknown if c in former_codes()}
        hint = "; ".join(f"{old} is a former code: use {new}" for old, new in formers.items())
        raise InputError.single(
            f"unknown state codes: {', '.join(map(str, unknown))}",
            field="codes",
            expected="secarch state ids (ISO 3166-1 alpha-3, see `secarch data show states`)",
            hint=hint or None,
        )
    return pd.Index(codes)


def capability_vector(codes: Sequence[str], year: int, measure: str = "cinc") -> npt.NDArray[np.float64]:
    """The NMC measure (default ``cinc``) of each state in ``year``; NaN where NMC has no value (state not
    in the system, missing component, or a year outside 1991–2025). 2023–2025 repeat 2022.

    >>> v = capability_vector(["USA", "CHN", "VAT"], 2020)
    >>> bool(v[0] > 0.1 and v[1] > 0.2 and np.isnan(v[2]))
    True
    """
    index = _positions(codes)
    if measure not in {"cinc", "milex", "milper", "irst", "pec", "tpop", "upop"}:
        raise InputError.single(
            f"unknown capability measure {measure!r}",
            field="measure",
            expected="one of cinc, milex, milper, irst, pec, tpop, upop",
        )
    ids, values = _capability_year(int(year), measure)
    # Position −1 (no row in that year) reads the trailing NaN; fancy indexing returns a fresh array.
    out: npt.NDArray[np.float64] = values[ids.get_indexer(index)]
    return out


@lru_cache(maxsize=256)
def _capability_year(year: int, measure: str) -> tuple[pd.Index, npt.NDArray[np.float64]]:
    """The states with a row in ``year`` and their ``measure`` (cached: tables over years ask every year),
    with a trailing NaN so that position −1 (no row) reads NaN."""
    frame = tables_api._capabilities_table()
    rows = frame[frame["year"] == year]
    values = np.append(rows[measure].to_numpy(dtype=float), np.nan)
    values.flags.writeable = False
    return pd.Index(rows["iso3"]), values


def capability_carried_forward(year: int) -> bool:
    """True when the capabilities of ``year`` are not observed but carry 2022 forward (2023–2025)."""
    return tables_api.LAST_OBSERVED_CAPABILITY_YEAR < int(year) <= tables_api.CAPABILITY_YEARS[1]


def capitals_in_year(spells: pd.DataFrame, year: int | None, key: str = "iso3") -> pd.DataFrame:
    """The capital of each state in ``year`` from capital spells (columns ``key``, ``start``, ``end``,
    ``lat``, ``lon``; an empty ``end`` means current): the one in force on 31 December, or for a state
    without one (it left the system that year, or ``year`` is past the data) its latest capital; with
    ``year`` None, the latest capital of each state. One row per state, indexed by ``key``, sorted by it.

    >>> spells = pd.DataFrame({"iso3": ["KAZ", "KAZ"], "start": pd.to_datetime(["1991-12-16", "1997-12-10"]),
    ...     "end": pd.to_datetime(["1997-12-09", None]), "lat": [43.26, 51.18], "lon": [76.93, 71.45]})
    >>> capitals_in_year(spells, 1997)["lat"].tolist(), capitals_in_year(spells, 1995)["lat"].tolist()
    ([51.18], [43.26])
    """
    if year is not None:
        day = pd.Timestamp(int(year), 12, 31)
        valid = (spells["start"].isna() | (spells["start"] <= day)) & (
            spells["end"].isna() | (spells["end"] >= day)
        )
        chosen = spells[valid]
        # states without a capital valid at the end of the year keep their latest capital
        missing = spells[~spells[key].isin(chosen[key])]
        spells = pd.concat([chosen, missing])
    latest = spells.sort_values([key, "start"], na_position="first").groupby(key).tail(1)
    return latest.set_index(key)[["lat", "lon"]]


@lru_cache(maxsize=64)
def _capital_points(year: int | None) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """Capital coordinates by id for ``year`` (cached per year)."""
    latest = capitals_in_year(tables_api._capitals_table(), year)
    return latest.index, latest["lat"].to_numpy(dtype=float), latest["lon"].to_numpy(dtype=float)


def _capital_coordinates(index: pd.Index, year: int | None) -> tuple[np.ndarray, np.ndarray]:
    ids, lat, lon = _capital_points(None if year is None else int(year))
    pos = ids.get_indexer(index)
    return lat[pos], lon[pos]


def capital_distance_matrix(
    codes: Sequence[str], unit: Literal["km", "miles"] = "km", year: int | None = None
) -> npt.NDArray[np.float64]:
    """Great-circle distances between the capitals of ``codes`` (n × n, zero diagonal), in km or statute
    miles. With ``year``, each state's capital on 31 December of that year (Bonn for West Germany,
    Almaty for Kazakhstan before 1998 …); without, its current (or last) capital.

    Haversine on a sphere of radius 6371.0088 km (see :mod:`secarch.data.geo`).

    >>> round(float(capital_distance_matrix(["RUS", "USA"], "km")[0, 1]), -2)
    7800.0
    """
    if unit not in ("km", "miles"):
        raise InputError.single(f"unknown unit {unit!r}", field="unit", expected="km or miles")
    index = _positions(codes)
    lat, lon = _capital_coordinates(index, year)
    km = great_circle_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    np.fill_diagonal(km, 0.0)
    return km if unit == "km" else km_to_miles(km)


@lru_cache(maxsize=1)
def _contiguity_arrays() -> dict[str, np.ndarray]:
    table = tables_api._read("contiguity.csv", parse_dates=["start", "end"])
    return {
        "iso3_1": table["iso3_1"].to_numpy(dtype=object),
        "iso3_2": table["iso3_2"].to_numpy(dtype=object),
        "start_year": table["start"].dt.year.to_numpy(dtype=np.int64),
        "end_year": table["end"].dt.year.to_numpy(dtype=np.int64),
        "conttype": table["conttype"].to_numpy(dtype=np.int8),
        "ongoing": table["ongoing_at_end"].to_numpy(dtype=bool),
    }


def contiguity_type_matrix(codes: Sequence[str], year: int) -> npt.NDArray[np.int8]:
    """The closest CoW contiguity type of each pair in force at some time in ``year`` (n × n, symmetric):
    1 land or river border, 2/3/4/5 separated by at most 12/24/150/400 miles of water, 0 none.

    CoW v3.2 ends in 2016: for later years the spells still in force in December 2016 are carried forward
    (see :func:`contiguity_carried_forward`).
    """
    index = _positions(codes)
    spells = _contiguity_arrays()
    year = int(year)
    if year > CONTIGUITY_LAST_YEAR:
        active = spells["ongoing"]
    else:
        active = (spells["start_year"] <= year) & (spells["end_year"] >= year)
    return closest_type_matrix(
        index, spells["iso3_1"][active], spells["iso3_2"][active], spells["conttype"][active]
    ).astype(np.int8)


def closest_type_matrix(
    index: pd.Index, first: npt.ArrayLike, second: npt.ArrayLike, kinds: npt.ArrayLike
) -> npt.NDArray[np.int64]:
    """Symmetric matrix of the closest (lowest, non-zero) contiguity type among the given spells of each
    pair of the states in ``index``; 0 for pairs without a spell. Callers pass the spells in force in a year.

    >>> closest_type_matrix(pd.Index([2, 20]), [2, 20], [20, 2], [3, 1]).tolist()
    [[0, 1], [1, 0]]
    """
    kinds = np.asarray(kinds, dtype=np.int64)
    # several spells of one pair in a year: write the closest (lowest) type last so that it wins
    order = np.argsort(-kinds, kind="stable")
    return pair_matrix(
        index, np.asarray(first)[order], np.asarray(second)[order], kinds[order], dtype=np.int64
    )


def contiguity_matrix(codes: Sequence[str], year: int, max_type: int = 1) -> npt.NDArray[np.bool_]:
    """True where two states are contiguous in ``year`` with a CoW type ≤ ``max_type`` (default 1: land or
    river border; 5 includes every water contiguity up to 400 miles). After 2016 carried forward."""
    if not 1 <= int(max_type) <= 5:
        raise InputError.single(
            f"max_type {max_type} is not a CoW contiguity type", field="max_type", expected="1 to 5"
        )
    kinds = contiguity_type_matrix(codes, year)
    return (kinds > 0) & (kinds <= int(max_type))


def contiguity_carried_forward(year: int) -> bool:
    """True when contiguity for ``year`` is carried forward from December 2016 (not observed)."""
    return int(year) > CONTIGUITY_LAST_YEAR


@lru_cache(maxsize=1)
def _min_distance_table() -> pd.DataFrame:
    return tables_api._read("min_distance.csv")


def minimum_distance_matrix(codes: Sequence[str], year: int) -> npt.NDArray[np.float64]:
    """Minimum distance in km between the territories of each pair in ``year`` (n × n, zero diagonal;
    0 for land neighbours). NaN where the data have no value (a state not in the system, or a year before
    1946). After 2019 the 2019 distances are carried forward (:func:`min_distance_carried_forward`).
    Source: peacesciencer ``cow_mindist`` from CShapes 2.0; rounded to 0.1 km."""
    index = _positions(codes)
    year = int(year)
    lookup_year = min(year, MIN_DISTANCE_YEARS[1])
    spells = _min_distance_table()
    active = spells[(spells["start_year"] <= lookup_year) & (spells["end_year"] >= lookup_year)]
    out = pair_matrix(
        index, active["iso3_1"], active["iso3_2"], active["mindist_km"].to_numpy(dtype=float), fill=np.nan
    )
    np.fill_diagonal(out, 0.0)
    return out


def min_distance_carried_forward(year: int) -> bool:
    """True when minimum distances for ``year`` repeat 2019 (not observed)."""
    return int(year) > MIN_DISTANCE_YEARS[1]


def nuclear_status(codes: Sequence[str], year: int) -> npt.NDArray[np.bool_]:
    """True for each state that held nuclear weapons at some time in ``year`` (tested or, for Israel,
    estimated; South Africa 1979–1991). Soviet weapons left on Ukrainian, Belarusian and Kazakh territory
    in 1991–1996 do not count (they were under Russian control); see :func:`tables_api.nuclear_weapons`.

    The table covers the years to 2025 (before 1945 no state held nuclear weapons). A later year is outside
    its coverage and raises :class:`~secarch.errors.InputError`: a status is neither carried forward nor
    taken as "no weapons" (a boolean cannot say "missing"). :func:`nuclear_status_known` tells which years
    are covered.

    >>> nuclear_status(["USA", "PRK", "DEU"], 2000).tolist()
    [True, False, False]
    """
    index = _positions(codes)
    year = int(year)
    if not nuclear_status_known(year):
        raise InputError.single(
            f"no nuclear-weapon data for {year}",
            field="year",
            expected=f"a year up to {tables_api.NUCLEAR_LAST_YEAR} (the coverage of nuclear_weapons.csv)",
            hint="later years are missing, not carried forward; check nuclear_status_known(year) first",
        )
    table = tables_api._nuclear_table()
    end = table["end_year"].fillna(9999)
    active = table[(table["armed"] == 1) & (table["start_year"] <= year) & (end >= year)]
    return np.asarray(index.isin(active["iso3"]), dtype=bool)


def nuclear_status_known(year: int) -> bool:
    """True when ``year`` is inside the coverage of the nuclear-weapon table (any year up to 2025).

    >>> nuclear_status_known(2025), nuclear_status_known(2030)
    (True, False)
    """
    return int(year) <= tables_api.NUCLEAR_LAST_YEAR


@lru_cache(maxsize=1)
def _gw_base() -> dict[int, str]:
    table = tables_api._states_table()
    rows = table[table["gwcode"].notna()]
    return {int(g): str(i) for g, i in zip(rows["gwcode"], rows["iso3"], strict=True)}


#: Gleditsch–Ward codes whose holder changed while the code stayed: (code, last year of the old holder,
#: old holder, new holder). The holder of a code in a year is the state holding it on 31 December.
GW_CHANGES: tuple[tuple[int, int, str, str], ...] = (
    (260, 1989, "XGF", "DEU"),  # West Germany, then unified Germany (3 October 1990)
    (678, 1989, "XYA", "YEM"),  # North Yemen, then unified Yemen (22 May 1990)
)
#: GW codes that no row of the states table carries, mapped to the CoW state they belong to
GW_EXTRA = {255: "DEU", 345: "SRB"}


def gw_to_iso3(gwcodes: npt.ArrayLike, years: npt.ArrayLike) -> npt.NDArray[np.object_]:
    """secarch ids for Gleditsch–Ward codes in given years (arrays broadcast); ``None`` for GW states that
    CoW does not list (e.g. 711 Tibet, 751 Hyderabad).

    GW differs from CoW for Germany (GW 255 to 1945, 260 from 1949), Yemen (GW 678 for North and unified
    Yemen), Serbia/Yugoslavia (GW 340 and 345) and the Pacific microstates (GW 970 Kiribati, 971 Nauru,
    972 Tonga, 973 Tuvalu). Gleditsch & Ward (1999); UCDP uses these codes.

    >>> gw_to_iso3([260, 260, 678, 970, 345], [1985, 2000, 2010, 2010, 1995]).tolist()
    ['XGF', 'DEU', 'YEM', 'KIR', 'SRB']
    """
    codes_arr, years_arr = np.broadcast_arrays(np.asarray(gwcodes), np.asarray(years))
    mapping = {**_gw_base(), **GW_EXTRA}
    flat_codes = codes_arr.ravel()
    out = np.array([mapping.get(int(c)) if pd.notna(c) else None for c in flat_codes], dtype=object)
    flat_years = years_arr.ravel().astype(int)
    for code, last_old, old, new in GW_CHANGES:
        hit = flat_codes == code
        out[hit & (flat_years <= last_old)] = old
        out[hit & (flat_years > last_old)] = new
    return out.reshape(codes_arr.shape)
