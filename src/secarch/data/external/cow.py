"""Loaders for the Correlates of War datasets in their published CSV layouts.

Each function reads the user's own copy (``.csv`` or ``.csv.gz``) and returns a pandas DataFrame with
integer codes; a file that is not what it should be raises :class:`secarch.errors.InputError` naming the
file, the line and the column. CoW marks missing values with -9 (and, in some fields, -8 or -1); the
loaders turn the documented missing codes into missing values (NaN / ``pd.NA``), never into zeros.

References: Correlates of War Project, State System Membership v2016; National Material Capabilities
v7.0 (Singer, Bremer & Stuckey 1972); Direct Contiguity v3.2 (Stinnett et al. 2002); MID 5.0 (Palmer et
al. 2022); Inter-State War v4.0 (Sarkees & Wayman 2010); IGO v3.0 (Pevehouse et al. 2020).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from secarch.data.external._reader import Column, TableSpec, read_table

CCODE = (2, 999)
YEAR = (1400, 2100)

STATES = TableSpec(
    "cow-states",
    "CoW state system membership (states2016.csv)",
    (
        Column("stateabb", "str", description="three-letter CoW abbreviation"),
        Column("ccode", "int", bounds=CCODE, description="CoW state code"),
        Column("statenme", "str"),
        Column("styear", "int", bounds=YEAR),
        Column("stmonth", "int", bounds=(1, 12)),
        Column("stday", "int", bounds=(1, 31)),
        Column("endyear", "int", bounds=YEAR),
        Column("endmonth", "int", bounds=(1, 12)),
        Column("endday", "int", bounds=(1, 31)),
        Column("version", "int", required=False, nullable=True),
    ),
)


def _dates(years: pd.Series, months: pd.Series, days: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"year": years, "month": months, "day": days})
    return pd.to_datetime(frame, errors="coerce")


def load_states(path: str | Path) -> pd.DataFrame:
    """CoW State System Membership (``states2016.csv``): one row per membership spell.

    Columns: ``stateabb``, ``ccode``, ``statenme``, ``styear``/``stmonth``/``stday``,
    ``endyear``/``endmonth``/``endday``, ``version`` (if present), plus ``start`` and ``end`` as dates.
    """
    frame = read_table(path, STATES)
    frame["start"] = _dates(frame["styear"], frame["stmonth"], frame["stday"])
    frame["end"] = _dates(frame["endyear"], frame["endmonth"], frame["endday"])
    return frame


MAJORS = TableSpec(
    "cow-majors",
    "CoW major powers (majors2016.csv)",
    (
        Column("ccode", "int", bounds=CCODE),
        Column("styear", "int", bounds=YEAR),
        Column("stmonth", "int", bounds=(1, 12)),
        Column("stday", "int", bounds=(1, 31)),
        Column("endyear", "int", bounds=YEAR),
        Column("endmonth", "int", bounds=(1, 12)),
        Column("endday", "int", bounds=(1, 31)),
        Column("stateabb", "str", required=False, nullable=True),
        Column("version", "int", required=False, nullable=True),
    ),
)


def load_majors(path: str | Path) -> pd.DataFrame:
    """CoW major powers (``majors2016.csv``): one row per major-power spell, with ``start``/``end`` dates."""
    frame = read_table(path, MAJORS)
    frame["start"] = _dates(frame["styear"], frame["stmonth"], frame["stday"])
    frame["end"] = _dates(frame["endyear"], frame["endmonth"], frame["endday"])
    return frame


CAPITALS = TableSpec(
    "peacesciencer",
    "CoW state capitals (peacesciencer cow_capitals)",
    (
        Column("ccode", "int", bounds=CCODE),
        Column("statenme", "str", required=False, nullable=True),
        Column("capital", "str"),
        Column("stdate", "date"),
        Column("enddate", "date"),
        Column("lat", "float", bounds=(-90, 90)),
        Column("lng", "float", aliases=("lon", "long"), bounds=(-180, 180)),
    ),
)


def load_capitals(path: str | Path) -> pd.DataFrame:
    """State capitals with validity dates and coordinates in decimal degrees (peacesciencer's
    ``cow_capitals``): ``ccode``, ``statenme``, ``capital``, ``stdate``, ``enddate``, ``lat``, ``lng``."""
    return read_table(path, CAPITALS)
