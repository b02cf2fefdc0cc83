"""Loaders for ATOP, UCDP, the rivalry lists and the democracy scores, in their published CSV layouts.

References: Leeds et al. (2002), ATOP v5.1; Gleditsch et al. (2002), UCDP/PRIO Armed Conflict Dataset
v25.1; Thompson & Dreyer (2011); Thompson, Sakuwa & Suhas (2022); Gibler, Rider & Hutchison (2005);
Maoz (2010); Polity5, V-Dem and (A)EUDS as compiled by peacesciencer (Miller 2022).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from secarch.data.external._reader import Column, TableSpec, read_table
from secarch.data.external.cow import CCODE, YEAR

ATOP_DYAD_YEARS = TableSpec(
    "atop",
    "ATOP directed dyad-years (atop5_1ddyr.csv)",
    (
        Column("ccode1", "int", aliases=("stateA",), bounds=CCODE),
        Column("ccode2", "int", aliases=("stateB",), bounds=CCODE),
        Column("year", "int", bounds=YEAR),
        Column("atop_defense", "int", aliases=("defense",), bounds=(0, 1)),
        Column("atop_offense", "int", aliases=("offense",), bounds=(0, 1)),
        Column("atop_neutral", "int", aliases=("neutral",), bounds=(0, 1)),
        Column("atop_nonagg", "int", aliases=("nonagg",), bounds=(0, 1)),
        Column("atop_consul", "int", aliases=("consul",), bounds=(0, 1)),
        Column("atopally", "int", required=False, nullable=True, bounds=(0, 1)),
    ),
    hint="ATOP dyad-year files have stateA, stateB, year and the five obligation indicators.",
)


def load_atop_dyad_years(path: str | Path) -> pd.DataFrame:
    """ATOP v5.1 directed dyad-years: ``ccode1``/``ccode2`` (published ``stateA``/``stateB``), ``year`` and
    the 0/1 obligations ``atop_defense``, ``atop_offense``, ``atop_neutral``, ``atop_nonagg``,
    ``atop_consul`` (published without the ``atop_`` prefix), plus ``atopally`` where present."""
    return read_table(path, ATOP_DYAD_YEARS)


GW = (2, 999)

UCDP_INCOMPATIBILITY = {"territory": 1, "government": 2, "both": 3, "territory and government": 3}
UCDP_TYPE = {
    "extrasystemic": 1,
    "interstate": 2,
    "intrastate": 3,
    "ii": 4,
    "internationalized intrastate": 4,
    "internationalised intrastate": 4,
}

UCDP_ACD = TableSpec(
    "ucdp-acd",
    "UCDP/PRIO Armed Conflict Dataset (UcdpPrioConflict csv)",
    (
        Column("conflict_id", "int", bounds=(0, 10**6)),
        Column("year", "int", bounds=(1900, 2100)),
        Column("location", "str", required=False, nullable=True),
        Column("side_a", "str", required=False, nullable=True),
        Column("side_b", "str", required=False, nullable=True),
        Column("gwno_a", "code_list", nullable=True, description="GW codes of side A, comma-separated"),
        Column("gwno_a_2nd", "code_list", nullable=True),
        Column("gwno_b", "code_list", nullable=True),
        Column("gwno_b_2nd", "code_list", nullable=True),
        Column("gwno_loc", "code_list", required=False, nullable=True),
        Column("incompatibility", "int", labels=UCDP_INCOMPATIBILITY, bounds=(1, 3)),
        Column("territory_name", "str", required=False, nullable=True),
        Column("intensity_level", "int", bounds=(1, 2)),
        Column("cumulative_intensity", "int", required=False, nullable=True, bounds=(0, 1)),
        Column("type_of_conflict", "int", labels=UCDP_TYPE, bounds=(1, 4)),
        Column("start_date", "date", nullable=True),
        Column("start_prec", "int", nullable=True, bounds=(1, 9)),
        Column("start_date2", "date", nullable=True),
        Column("start_prec2", "int", nullable=True, bounds=(1, 9)),
        Column("ep_end", "int", nullable=True, bounds=(0, 1)),
        Column("ep_end_date", "date", nullable=True),
        Column("ep_end_prec", "int", required=False, nullable=True, bounds=(1, 9)),
        Column("region", "str", required=False, nullable=True),
        Column("version", "str", required=False, nullable=True),
    ),
    hint="UCDP conflict-year files have conflict_id, year, gwno_a … and type_of_conflict.",
)


def load_ucdp_acd(path: str | Path) -> pd.DataFrame:
    """UCDP/PRIO Armed Conflict Dataset (v25.1), one row per conflict-year.

    The ``gwno_*`` columns hold Gleditsch–Ward codes and come back as tuples of ints, since a side can
    have several governments (published as ``"2, 200"``); map them with :func:`secarch.data.gw_to_iso3`.
    ``incompatibility`` (1 territory, 2 government, 3 both) and ``type_of_conflict`` (1 extrasystemic,
    2 interstate, 3 intrastate, 4 internationalised intrastate) come back as the published integer codes,
    also when a copy spells them out as labels.
    """
    return read_table(path, UCDP_ACD)


UCDP_ONSETS = TableSpec(
    "ucdp-acd",
    "UCDP conflict onsets by country-year",
    (
        Column("gwcode", "int", aliases=("gwno",), bounds=GW),
        Column("year", "int", bounds=(1900, 2100)),
        *(
            Column(name, "int", nullable=True, bounds=(0, 100))
            for name in ("sumnewconf", "sumonset1", "sumonset2", "sumonset3", "sumonset5", "sumonset10")
        ),
    ),
)


def load_ucdp_onsets(path: str | Path) -> pd.DataFrame:
    """UCDP conflict onsets by Gleditsch–Ward country-year: ``gwcode``, ``year``, ``sumnewconf`` (new
    conflicts) and ``sumonsetN`` (onsets after N years of peace in that conflict)."""
    return read_table(path, UCDP_ONSETS)


TD_RIVALRIES = TableSpec(
    "td-rivalry",
    "Thompson-Dreyer strategic rivalries",
    (
        Column("rivalryno", "int", bounds=(0, 9999)),
        Column("rivalryname", "str"),
        Column("ccode1", "int", bounds=CCODE),
        Column("ccode2", "int", bounds=CCODE),
        Column("styear", "int", bounds=YEAR),
        Column("endyear", "int", bounds=YEAR),
        Column("region", "str", required=False, nullable=True),
        Column("type1", "str", required=False, nullable=True),
        Column("type2", "str", required=False, nullable=True),
        Column("type3", "str", required=False, nullable=True),
    ),
)


def load_td_rivalries(path: str | Path) -> pd.DataFrame:
    """Thompson & Dreyer (2011) strategic rivalries, one row per rivalry: ``rivalryno``, ``rivalryname``,
    ``ccode1``, ``ccode2``, ``styear``, ``endyear`` (2010 or later for rivalries still going), ``region``
    and up to three types (spatial, positional, ideological, interventionary)."""
    return read_table(path, TD_RIVALRIES)


TSS_RIVALRIES = TableSpec(
    "tss-rivalry",
    "Thompson-Sakuwa-Suhas strategic rivalries",
    (
        Column("tssr_id", "int", bounds=(0, 9999)),
        Column("rivalry", "str"),
        Column("ccode1", "int", bounds=CCODE),
        Column("ccode2", "int", bounds=CCODE),
        Column("start", "int", bounds=YEAR),
        Column("end", "int", nullable=True, bounds=YEAR),
        *(
            Column(name, "int", nullable=True, bounds=(0, 1))
            for name in ("positional", "spatial", "ideological", "interventionary", "principal", "aprin")
        ),
    ),
)


def load_tss_rivalries(path: str | Path) -> pd.DataFrame:
    """Thompson, Sakuwa & Suhas (2022) strategic rivalries: ``tssr_id``, ``rivalry``, ``ccode1``, ``ccode2``,
    ``start``, ``end`` (missing while ongoing) and 0/1 type flags (missing where not coded)."""
    return read_table(path, TSS_RIVALRIES)


ARMS_RACES = TableSpec(
    "grh-arms-races",
    "Gibler-Rider-Hutchison arms races",
    (
        Column("race_id", "int", bounds=(0, 9999)),
        Column("ccode1", "int", bounds=CCODE),
        Column("ccode2", "int", bounds=CCODE),
        Column("styear", "int", bounds=YEAR),
        Column("endyear", "int", bounds=YEAR),
    ),
)


def load_arms_races(path: str | Path) -> pd.DataFrame:
    """Gibler, Rider & Hutchison (2005) conventional arms races: ``race_id``, ``ccode1``, ``ccode2``,
    ``styear``, ``endyear``."""
    return read_table(path, ARMS_RACES)


MAOZ_POWERS = TableSpec(
    "maoz-powers",
    "Maoz regional and global powers",
    (
        Column("ccode", "int", bounds=CCODE),
        Column("regstdate", "date", nullable=True),
        Column("regenddate", "date", nullable=True),
        Column("globstdate", "date", nullable=True),
        Column("globenddate", "date", nullable=True),
    ),
)


def load_maoz_powers(path: str | Path) -> pd.DataFrame:
    """Maoz (2010) regional and global powers: ``ccode`` and the start/end dates of regional
    (``regstdate``, ``regenddate``) and global (``globstdate``, ``globenddate``) power status."""
    return read_table(path, MAOZ_POWERS)


DEMOCRACY = TableSpec(
    "democracy",
    "democracy scores by CoW state-year",
    (
        Column("ccode", "int", bounds=CCODE),
        Column("year", "int", bounds=YEAR),
        Column("euds", "float", required=False, nullable=True),
        Column("aeuds", "float", required=False, nullable=True),
        Column("polity2", "float", required=False, nullable=True, missing=(-66, -77, -88), bounds=(-10, 10)),
        Column("v2x_polyarchy", "float", required=False, nullable=True, bounds=(0, 1)),
    ),
)


def load_democracy(path: str | Path) -> pd.DataFrame:
    """Democracy scores by CoW state-year (peacesciencer's ``ccode_democracy``): ``ccode``, ``year`` and the
    scores present among ``polity2`` (-10…10; Polity's special codes -66/-77/-88 become NaN),
    ``v2x_polyarchy`` (V-Dem electoral democracy, 0…1), ``euds`` and ``aeuds`` (unified democracy
    scores, latent scale)."""
    frame = read_table(path, DEMOCRACY)
    if not {"euds", "aeuds", "polity2", "v2x_polyarchy"} & set(frame.columns):
        from secarch.errors import InputError

        raise InputError.single(
            "democracy scores: no score column",
            file=path,
            line=1,
            expected="at least one of polity2, v2x_polyarchy, euds, aeuds",
        )
    return frame


COW_SYSTEM = TableSpec(
    "cow-states",
    "CoW system list with abbreviations (cw_system)",
    (
        Column("ccode", "int", bounds=CCODE),
        Column("cw_abb", "str", aliases=("stateabb",)),
        Column("cw_name", "str", aliases=("statenme",)),
        Column("start", "date"),
        Column("end", "date"),
    ),
)


def load_cow_system(path: str | Path) -> pd.DataFrame:
    """The CoW system as membership spells with dates (``cw_system``): ``ccode``, ``cw_abb``, ``cw_name``,
    ``start``, ``end``."""
    return read_table(path, COW_SYSTEM)
