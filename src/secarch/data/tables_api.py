"""pandas views of the bundled state tables (cached, read-only copies are returned to callers)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from secarch.data._paths import table_path

#: the last date of the CoW v2016 state list; states still members then are treated as members today
COW_LIST_END = pd.Timestamp("2016-12-31")


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


def _spell_overlaps_year(spells: str, year: int) -> bool:
    for spell in filter(None, spells.split(";")):
        start, end = spell.split("/")
        last = 9999 if pd.Timestamp(end) == COW_LIST_END else int(end[:4])
        if int(start[:4]) <= year <= last:
            return True
    return False


def states(year: int | None = None, *, include_other: bool = True) -> pd.DataFrame:
    """The states table: one row per CoW state (217, historical ones included) plus, with
    ``include_other``, the entities outside the CoW system (Palestine ``PSE``, the Holy See ``VAT``).

    With ``year``, only CoW states that were system members at some time in that year (spells that end on
    2016-12-31, the end of the CoW list, are taken to continue to today). Columns: ``iso3`` (the secarch
    id), ``ccode``, ``cow_abb``, ``gwcode``, ``name``, ``cow_name``, ``aliases`` (``|``-separated),
    ``iso3_former``, ``kind``, ``region``/``subregion``/``intermediate_region`` (UN M49), ``capital``,
    ``lat``/``lon`` (decimal degrees), ``cow_start``/``cow_end``/``cow_spells``, ``code_note``, ``source``.

    Sources: CoW State System Membership v2016; peacesciencer capitals; secarch crosswalk (ISO 3166,
    Gleditsch & Ward 1999, UN M49). Example: ``states(2024).set_index("iso3").loc["RUS", "ccode"] == 365``.
    """
    frame = _states_table()
    if year is not None:
        member = frame["cow_spells"].map(lambda spells: _spell_overlaps_year(spells, int(year)))
        keep = member | ((frame["kind"] != "cow_state") & include_other)
    else:
        keep = pd.Series(True, index=frame.index) if include_other else frame["kind"] == "cow_state"
    return frame.loc[keep].reset_index(drop=True).copy()
