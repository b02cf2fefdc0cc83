"""pandas views of the bundled state tables (cached, read-only copies are returned to callers)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pandas as pd

from secarch.data._paths import table_path
from secarch.data.codes import in_state_system


@lru_cache(maxsize=1)
def _states_table() -> pd.DataFrame:
    frame = pd.read_csv(
        table_path("states.csv"),
        dtype={"ccode": "Int64", "gwcode": "Int64"},
        keep_default_na=False,
        na_values={"lat": [""], "lon": [""], "ccode": [""], "gwcode": [""]},
        parse_dates=["cow_start", "cow_end"],
        encoding="utf-8",
    )
    return frame


def states(year: int | None = None, *, include_other: bool = True) -> pd.DataFrame:
    """The states table: one row per CoW state (217, historical ones included) plus, with
    ``include_other``, the entities outside the CoW system (Palestine ``PSE``, the Holy See ``VAT``).

    With ``year``, only CoW states that were system members at some time in that year (spells that end on
    2016-12-31, the end of the CoW list, are taken to continue to today; the list starts in 1816), plus,
    with ``include_other``, the entities outside the CoW system whatever the year: the table has no dates
    for them. Columns: ``iso3`` (the secarch
    id), ``ccode``, ``cow_abb``, ``gwcode``, ``name``, ``cow_name``, ``aliases`` (``|``-separated),
    ``iso3_former``, ``kind``, ``region``/``subregion``/``intermediate_region`` (UN M49), ``capital``,
    ``lat``/``lon`` (decimal degrees), ``cow_start``/``cow_end``/``cow_spells``, ``code_note``, ``source``.

    Sources: CoW State System Membership v2016; peacesciencer capitals; secarch crosswalk (ISO 3166,
    Gleditsch & Ward 1999, UN M49). Example: ``states(2024).set_index("iso3").loc["RUS", "ccode"] == 365``.
    """
    frame = _states_table()
    if year is not None:
        first, last = dt.date(int(year), 1, 1), dt.date(int(year), 12, 31)
        member = frame["iso3"].map(lambda code: in_state_system(code, first, last))
        keep = member | ((frame["kind"] != "cow_state") & include_other)
    else:
        keep = pd.Series(True, index=frame.index) if include_other else frame["kind"] == "cow_state"
    return frame.loc[keep].reset_index(drop=True).copy()


def _read(name: str, **kwargs: object) -> pd.DataFrame:
    return pd.read_csv(table_path(name), encoding="utf-8", **kwargs)  # type: ignore[call-overload, no-any-return]


@lru_cache(maxsize=1)
def _capitals_table() -> pd.DataFrame:
    return _read(
        "capitals.csv",
        dtype={"ccode": "Int64"},
        parse_dates=["start", "end"],
        keep_default_na=False,
        na_values={"ccode": [""], "start": [""], "end": [""]},
    )


def capitals() -> pd.DataFrame:
    """Capital spells: ``iso3``, ``ccode``, ``capital``, ``start``, ``end`` (empty while current),
    ``lat``/``lon`` (decimal degrees), ``source``, ``note``. Source: peacesciencer ``cow_capitals``, five
    points corrected with GeoNames (see ``note``); entities outside the CoW system from GeoNames."""
    return _capitals_table().copy()


#: first and last year of the bundled capabilities; years 2023-2025 repeat 2022 (``carried_forward``)
CAPABILITY_YEARS = (1991, 2025)
LAST_OBSERVED_CAPABILITY_YEAR = 2022


@lru_cache(maxsize=1)
def _capabilities_table() -> pd.DataFrame:
    return _read("capabilities.csv", dtype={"ccode": "int64", "year": "int64", "carried_forward": "int64"})


def capabilities(year: int | None = None) -> pd.DataFrame:
    """CoW National Material Capabilities v7.0 by state-year, 1991–2022 as published and 2023–2025 with
    the 2022 values carried forward (``carried_forward == 1``; never observations).

    Columns and units: ``milex`` military expenditure (thousands of current US dollars), ``milper``
    military personnel (thousands), ``irst`` iron and steel production (thousands of tons), ``pec``
    primary energy consumption (thousands of coal-ton equivalents), ``tpop``/``upop`` total/urban
    population (thousands), ``cinc`` the Composite Index of National Capability (share of the system,
    0–1; Singer, Bremer & Stuckey 1972). Missing values are NaN, never zero. A year outside 1991–2025 gives
    an empty frame (no data), not zeros.

    >>> float(capabilities(2022).set_index("iso3").loc["USA", "cinc"]) > 0.1
    True
    """
    frame = _capabilities_table()
    if year is not None:
        frame = frame[frame["year"] == int(year)]
    return frame.reset_index(drop=True).copy()


#: the last year the nuclear-weapon table describes (SIPRI Yearbook 2024 and events to 30 Jun 2025); later
#: years are outside its coverage: missing, neither carried forward nor "no weapons"
NUCLEAR_LAST_YEAR = 2025


@lru_cache(maxsize=1)
def _nuclear_table() -> pd.DataFrame:
    return _read("nuclear_weapons.csv", dtype={"ccode": "Int64", "start_year": "Int64", "end_year": "Int64"})


def nuclear_weapons() -> pd.DataFrame:
    """Nuclear-weapon status spells (hand table with sources): ``iso3``, ``status``
    (``npt_nuclear_weapon_state``, ``nuclear_armed_outside_npt``, ``undeclared_estimate``,
    ``former_nuclear_armed``, ``former_soviet_weapons_on_territory``), ``armed`` (1 if the state itself
    held the weapons), ``start_year``, ``end_year`` (empty while current), ``first_test``, ``basis``,
    ``note``, ``source``. Israel's row is an estimate and says so. The table covers the years to 2025
    (:data:`NUCLEAR_LAST_YEAR`); an empty ``end_year`` means the status holds in 2025, not after."""
    return _nuclear_table().copy()


@lru_cache(maxsize=1)
def _sources_table() -> pd.DataFrame:
    from secarch.data._paths import TABLES_DIR

    frames = [
        pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        for path in sorted(TABLES_DIR.glob("sources*.csv"))
    ]
    return pd.concat(frames, ignore_index=True)


def sources() -> pd.DataFrame:
    """Every dataset the bundled tables draw on: ``key`` (as used in the tables' ``source`` columns),
    ``title``, ``version``, ``coverage``, ``citation``, ``licence``, ``used_for``. Read from every
    ``tables/sources*.csv`` so that other modules can add their own."""
    return _sources_table().copy()
