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

#: the start and end of a CoW spell (state-system membership, major-power status) as published
_SPELL_DATES = (
    Column("styear", "int", bounds=YEAR),
    Column("stmonth", "int", bounds=(1, 12)),
    Column("stday", "int", bounds=(1, 31)),
    Column("endyear", "int", bounds=YEAR),
    Column("endmonth", "int", bounds=(1, 12)),
    Column("endday", "int", bounds=(1, 31)),
)

STATES = TableSpec(
    "cow-states",
    "CoW state system membership (states2016.csv)",
    (
        Column("stateabb", "str", description="three-letter CoW abbreviation"),
        Column("ccode", "int", bounds=CCODE, description="CoW state code"),
        Column("statenme", "str"),
        *_SPELL_DATES,
        Column("version", "int", required=False, nullable=True),
    ),
)


def _dates(years: pd.Series, months: pd.Series, days: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"year": years, "month": months, "day": days})
    return pd.to_datetime(frame, errors="coerce")


def _with_spell_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the ``start`` and ``end`` dates of CoW spells written as year, month and day columns."""
    frame["start"] = _dates(frame["styear"], frame["stmonth"], frame["stday"])
    frame["end"] = _dates(frame["endyear"], frame["endmonth"], frame["endday"])
    return frame


def load_states(path: str | Path) -> pd.DataFrame:
    """CoW State System Membership (``states2016.csv``): one row per membership spell.

    Columns: ``stateabb``, ``ccode``, ``statenme``, ``styear``/``stmonth``/``stday``,
    ``endyear``/``endmonth``/``endday``, ``version`` (if present), plus ``start`` and ``end`` as dates.
    """
    return _with_spell_dates(read_table(path, STATES))


MAJORS = TableSpec(
    "cow-majors",
    "CoW major powers (majors2016.csv)",
    (
        Column("ccode", "int", bounds=CCODE),
        *_SPELL_DATES,
        Column("stateabb", "str", required=False, nullable=True),
        Column("version", "int", required=False, nullable=True),
    ),
)


def load_majors(path: str | Path) -> pd.DataFrame:
    """CoW major powers (``majors2016.csv``): one row per major-power spell, with ``start``/``end`` dates."""
    return _with_spell_dates(read_table(path, MAJORS))


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


NMC = TableSpec(
    "cow-nmc",
    "CoW National Material Capabilities (NMC-60-abridged.csv)",
    (
        Column("ccode", "int", bounds=CCODE),
        Column("year", "int", bounds=YEAR),
        Column("milex", "float", nullable=True, missing=(-9,), description="military expenditure, thousands"),
        Column("milper", "float", nullable=True, missing=(-9,), description="military personnel, thousands"),
        Column("irst", "float", nullable=True, missing=(-9,), description="iron and steel production, tons"),
        Column("pec", "float", nullable=True, missing=(-9,), description="primary energy consumption"),
        Column("tpop", "float", nullable=True, missing=(-9,), description="total population, thousands"),
        Column("upop", "float", nullable=True, missing=(-9,), description="urban population, thousands"),
        Column("cinc", "float", nullable=True, missing=(-9,), bounds=(0, 1), description="CINC score"),
        Column("stateabb", "str", required=False, nullable=True),
        Column("version", "float", required=False, nullable=True),
    ),
    hint="NMC files have one row per state-year with ccode, year and the six components.",
)


def load_nmc(path: str | Path) -> pd.DataFrame:
    """CoW National Material Capabilities (v7.0 ``NMC-60-abridged.csv`` or a copy with the same columns).

    One row per state-year: ``ccode``, ``year``, ``milex`` (military expenditure, thousands of current US
    dollars; before 1914 thousands of current UK pounds), ``milper`` (military personnel, thousands),
    ``irst`` (iron and steel production, thousands of tons), ``pec`` (primary energy consumption, thousands
    of coal-ton equivalents), ``tpop`` and ``upop`` (total and urban population, thousands), ``cinc``
    (Composite Index of National Capability, the mean of the state's shares of the six system totals).
    Missing values (published as -9) are NaN.
    """
    return read_table(path, NMC)


CONTIGUITY_MASTER = TableSpec(
    "cow-contiguity",
    "CoW Direct Contiguity master records (contdir.csv)",
    (
        Column("ccode1", "int", bounds=CCODE, aliases=("statelno",)),
        Column("ccode2", "int", bounds=CCODE, aliases=("statehno",)),
        Column("conttype", "int", bounds=(0, 5), description="1 land/river, 2-5 water ≤12/24/150/400 miles"),
        Column("stdate", "date", required=False),
        Column("enddate", "date", required=False),
        Column("begin", "int", required=False, bounds=(140001, 210012), description="start as YYYYMM"),
        Column("end", "int", required=False, bounds=(140001, 210012), description="end as YYYYMM"),
    ),
    hint="Give the master records: the published contdir.csv (statelno, statehno, conttype, begin, end) "
    "or a copy with ccode1, ccode2, conttype, stdate, enddate.",
)


def _yyyymm_to_date(values: pd.Series, path: Path, column: str) -> pd.Series:
    months = values % 100
    if ((months < 1) | (months > 12)).any():
        from secarch.errors import InputError

        bad = values[(months < 1) | (months > 12)].iloc[0]
        raise InputError.single(
            f"CoW Direct Contiguity: {column} {bad} is not a YYYYMM month", file=path, field=column
        )
    return pd.to_datetime({"year": values // 100, "month": months, "day": 1})


def load_contiguity(path: str | Path) -> pd.DataFrame:
    """CoW Direct Contiguity v3.2 master records: one row per contiguity spell.

    Accepts the published layout (``statelno``, ``statehno``, ``conttype``, ``begin``, ``end`` with
    ``YYYYMM`` months) and the peacesciencer layout (``ccode1``, ``ccode2``, ``conttype``, ``stdate``,
    ``enddate``). Returns ``ccode1``, ``ccode2``, ``conttype`` (1 land or river border; 2, 3, 4, 5
    separated by at most 12, 24, 150, 400 miles of water; 0 in peacesciencer's copy marks a period
    without contiguity), ``start`` and ``end`` (first day of the month; CoW records months only).
    """
    path = Path(path)
    frame = read_table(path, CONTIGUITY_MASTER)
    if "stdate" in frame and "enddate" in frame:
        start, end = frame["stdate"], frame["enddate"]
    elif "begin" in frame and "end" in frame:
        start = _yyyymm_to_date(frame["begin"], path, "begin")
        end = _yyyymm_to_date(frame["end"], path, "end")
    else:
        from secarch.errors import InputError

        raise InputError.single(
            "CoW Direct Contiguity: no spell dates",
            file=path,
            line=1,
            field="begin",
            expected="columns begin and end (YYYYMM) or stdate and enddate (YYYY-MM-DD)",
        )
    return pd.DataFrame(
        {
            "ccode1": frame["ccode1"],
            "ccode2": frame["ccode2"],
            "conttype": frame["conttype"],
            "start": start,
            "end": end,
        }
    )


MINDIST = TableSpec(
    "peacesciencer",
    "minimum distances between states (cow_mindist)",
    (
        Column("ccode1", "int", bounds=CCODE),
        Column("ccode2", "int", bounds=CCODE),
        Column("year", "int", bounds=YEAR),
        Column("mindist", "float", nullable=True, bounds=(0, 25000), description="kilometres"),
    ),
)


def load_mindist(path: str | Path) -> pd.DataFrame:
    """Minimum distance in kilometres between the borders of two states in a year (peacesciencer's
    ``cow_mindist``, computed from CShapes 2.0): ``ccode1``, ``ccode2``, ``year``, ``mindist``."""
    return read_table(path, MINDIST)


_MID_CODES = (-9,)

MID_DISPUTES = TableSpec(
    "cow-mid",
    "MID dispute-level data (MIDA / gml-midb disputes)",
    (
        Column("dispnum", "int", aliases=("dispnum3",), bounds=(0, 99999)),
        Column("styear", "int", bounds=YEAR),
        # not bounded to 1-12: GML 2.2.1 dispute 1272 has stmon 13 (its participants start 1918-11-13)
        Column("stmon", "int", nullable=True, missing=_MID_CODES),
        Column("stday", "int", required=False, nullable=True, missing=_MID_CODES, bounds=(1, 31)),
        Column("endyear", "int", required=False, nullable=True, missing=_MID_CODES, bounds=YEAR),
        Column("endmon", "int", required=False, nullable=True, missing=_MID_CODES, bounds=(1, 12)),
        Column("endday", "int", required=False, nullable=True, missing=_MID_CODES, bounds=(1, 31)),
        Column("outcome", "int", nullable=True, missing=_MID_CODES, bounds=(0, 10)),
        Column("settle", "int", nullable=True, missing=_MID_CODES, bounds=(0, 9)),
        Column("fatality", "int", nullable=True, missing=_MID_CODES, bounds=(0, 6)),
        Column("fatalpre", "int", required=False, nullable=True, missing=_MID_CODES),
        Column("mindur", "int", nullable=True, missing=_MID_CODES),
        Column("maxdur", "int", nullable=True, missing=_MID_CODES),
        Column("hiact", "int", nullable=True, missing=_MID_CODES, bounds=(0, 23)),
        Column("hostlev", "int", nullable=True, missing=_MID_CODES, bounds=(1, 5)),
        Column("recip", "int", nullable=True, missing=_MID_CODES, bounds=(0, 1)),
        Column("numa", "int", required=False, nullable=True, missing=_MID_CODES),
        Column("numb", "int", required=False, nullable=True, missing=_MID_CODES),
        Column("version", "float", required=False, nullable=True),
    ),
    hint="MID dispute files have one row per dispute (dispnum, styear, hostlev …).",
)


def load_mid_disputes(path: str | Path) -> pd.DataFrame:
    """MID dispute-level data: CoW MID 5.0 ``MIDA 5.0.csv`` or GML 2.2.1 ``gml-mida``; one row per dispute.

    ``dispnum``, start/end dates (``styear``, ``stmon`` …), ``outcome``, ``settle``, ``fatality`` (0 none …
    6 >999 deaths), ``mindur``/``maxdur`` (days), ``hiact`` (highest action, 0-23), ``hostlev`` (1 no
    militarised action … 5 war), ``recip``. Missing codes -9 become ``<NA>``.
    """
    return read_table(path, MID_DISPUTES)


MID_PARTICIPANTS = TableSpec(
    "cow-mid",
    "MID participant-level data (MIDB / gml-midb)",
    (
        Column("dispnum", "int", aliases=("dispnum3",), bounds=(0, 99999)),
        Column("ccode", "int", bounds=CCODE),
        Column("stabb", "str", required=False, nullable=True),
        Column("styear", "int", bounds=YEAR),
        Column("stmon", "int", nullable=True, missing=_MID_CODES, bounds=(1, 12)),
        Column("stday", "int", required=False, nullable=True, missing=_MID_CODES, bounds=(1, 31)),
        Column("endyear", "int", nullable=True, missing=_MID_CODES, bounds=YEAR),
        Column("endmon", "int", nullable=True, missing=_MID_CODES, bounds=(1, 12)),
        Column("endday", "int", required=False, nullable=True, missing=_MID_CODES, bounds=(1, 31)),
        Column("sidea", "int", bounds=(0, 1)),
        Column("revstate", "int", required=False, nullable=True, missing=_MID_CODES, bounds=(0, 1)),
        Column("revtype1", "int", required=False, nullable=True, missing=_MID_CODES, bounds=(0, 4)),
        Column("revtype2", "int", required=False, nullable=True, missing=_MID_CODES, bounds=(0, 4)),
        Column("fatality", "int", required=False, nullable=True, missing=_MID_CODES),
        Column("fatalpre", "int", required=False, nullable=True, missing=_MID_CODES),
        Column("hiact", "int", nullable=True, missing=_MID_CODES, bounds=(0, 23)),
        Column("hostlev", "int", required=False, nullable=True, missing=_MID_CODES, bounds=(1, 5)),
        Column("orig", "int", nullable=True, missing=_MID_CODES, bounds=(0, 1)),
        Column("version", "float", required=False, nullable=True),
    ),
    hint="MID participant files have one row per state and dispute (dispnum, ccode, sidea, orig …).",
)


def load_mid_participants(path: str | Path) -> pd.DataFrame:
    """MID participant-level data: CoW MID 5.0 ``MIDB 5.0.csv`` or GML 2.2.1 ``gml-midb``/``gml_part``.

    One row per state's participation spell: ``dispnum``, ``ccode``, start/end, ``sidea`` (1 side A),
    ``hiact``, ``hostlev``, ``orig`` (1 an originator), revision types where present. -9 becomes ``<NA>``.
    """
    return read_table(path, MID_PARTICIPANTS)


MID_DYAD_YEARS = TableSpec(
    "cow-mid",
    "MID dyad-year data (directed or non-directed)",
    (
        Column("dispnum", "int", bounds=(0, 99999)),
        Column("ccode1", "int", bounds=CCODE),
        Column("ccode2", "int", bounds=CCODE),
        Column("year", "int", bounds=YEAR),
        Column(
            "onset", "int", aliases=("cowmidonset", "gmlmidonset", "disponset", "midonset"), bounds=(0, 1)
        ),
        Column(
            "ongoing",
            "int",
            aliases=("cowmidongoing", "gmlmidongoing", "dispongoing", "midongoing"),
            bounds=(0, 1),
        ),
        *(
            Column(name, "int", required=False, nullable=True, missing=_MID_CODES)
            for name in (
                "sidea1",
                "sidea2",
                "fatality1",
                "fatality2",
                "fatalpre1",
                "fatalpre2",
                "hiact1",
                "hiact2",
                "hostlev1",
                "hostlev2",
                "orig1",
                "orig2",
                "fatality",
                "hostlev",
                "mindur",
                "maxdur",
                "recip",
                "stmon",
            )
        ),
    ),
    hint="MID dyad-year files have one row per dyad, dispute and year (dispnum, ccode1, ccode2, year, "
    "an onset and an ongoing indicator).",
)


def load_mid_dyad_years(path: str | Path) -> pd.DataFrame:
    """MID dispute dyad-years (CoW MID 5.0 or GML 2.2.1, directed or non-directed, as in peacesciencer's
    ``cow_mid_dirdisps``, ``cow_mid_ddydisps``, ``gml_mid_ddydisps``).

    Returns ``dispnum``, ``ccode1``, ``ccode2``, ``year``, ``onset`` (1 in the dispute's first year for the
    dyad), ``ongoing`` (1 every year the dyad is in the dispute) — found under ``cowmidonset``,
    ``gmlmidonset``, ``disponset`` … — and the side, fatality, action and hostility columns present.
    """
    return read_table(path, MID_DYAD_YEARS)


WAR_INTER = TableSpec(
    "cow-war",
    "CoW Inter-State War dyad-years",
    (
        Column("warnum", "int", bounds=(0, 9999)),
        Column("ccode1", "int", bounds=CCODE),
        Column("ccode2", "int", bounds=CCODE),
        Column("year", "int", bounds=YEAR),
        Column("cowinterongoing", "int", aliases=("ongoing",), bounds=(0, 1)),
        Column("cowinteronset", "int", aliases=("onset",), bounds=(0, 1)),
        *(
            Column(name, "int", required=False, nullable=True, missing=(-9, -8))
            for name in ("sidea1", "sidea2", "initiator1", "initiator2", "outcome1", "outcome2", "resume")
        ),
        Column("batdeath1", "float", required=False, nullable=True, missing=(-9, -8)),
        Column("batdeath2", "float", required=False, nullable=True, missing=(-9, -8)),
    ),
)


def load_war_inter(path: str | Path) -> pd.DataFrame:
    """CoW Inter-State War v4.0 as directed dyad-years (peacesciencer's ``cow_war_inter``): ``warnum``,
    ``ccode1``, ``ccode2``, ``year``, ``cowinterongoing``, ``cowinteronset``, sides, initiators, outcomes
    and battle deaths (missing codes -9 and -8 become missing)."""
    return read_table(path, WAR_INTER)


IGO_LONG = TableSpec(
    "cow-igo",
    "CoW IGO membership, long layout (organisation × state × year)",
    (
        Column("ionum", "int", bounds=(0, 99999)),
        Column("ioname", "str"),
        Column("year", "int", bounds=YEAR),
        Column("state", "str", description="CoW-IGO state name, e.g. 'russia'"),
        Column("status", "int", nullable=True, missing=(-9,), bounds=(-1, 3)),
    ),
    hint="status: 0 not a member, 1 full member, 2 associate, 3 observer, -1 not a state then, -9 missing.",
)


def load_igo_membership(path: str | Path) -> pd.DataFrame:
    """CoW IGO v3.0 membership in long layout: ``ionum``, ``ioname``, ``year``, ``state`` (the CoW-IGO state
    name; map it with :func:`load_igo_states`), ``status`` (0 not a member, 1 full member, 2 associate
    member, 3 observer, -1 state not in the system; -9 missing becomes ``<NA>``)."""
    return read_table(path, IGO_LONG)


#: columns of the published igo_year_formatv3.csv that are not states
IGO_META_COLUMNS = frozenset(
    {
        "ioname",
        "orgname",
        "longorgname",
        "ionum",
        "year",
        "sdate",
        "deaddate",
        "dead",
        "integrated",
        "igocode",
        "version",
        "accuracyofpre1965membershipdates",
        "sourcesandnotes",
        "imputed",
        "political",
        "social",
        "economic",
    }
)

IGO_WIDE = TableSpec(
    "cow-igo",
    "CoW IGO membership, published wide layout (igo_year_formatv3.csv)",
    (
        Column("ioname", "str"),
        Column("year", "int", bounds=YEAR),
        Column("ionum", "int", required=False, bounds=(0, 99999)),
    ),
)


def load_igo_membership_wide(path: str | Path) -> pd.DataFrame:
    """CoW IGO v3.0 in its published wide layout (``igo_year_formatv3.csv``: one row per organisation-year,
    one column per state), reshaped to the long layout of :func:`load_igo_membership` (rows with status 0,
    not a member, are dropped; -9 becomes ``<NA>`` and is kept)."""
    from secarch.data.external._reader import _convert, _read_raw

    path = Path(path)
    frame = read_table(path, IGO_WIDE, keep_extra=True)
    raw, encoding = _read_raw(path, IGO_WIDE)
    state_columns = [
        c for c in frame.columns if c not in {"ioname", "year", "ionum"} and c.lower() not in IGO_META_COLUMNS
    ]
    if not state_columns:
        from secarch.errors import InputError

        raise InputError.single(
            "CoW IGO wide layout: no state columns", file=path, line=1, expected="one column per state"
        )
    status_spec = Column("status", "int", nullable=True, missing=(-9,), bounds=(-1, 3))
    parts = []
    for name in state_columns:
        column = Column(name, "int", nullable=True, missing=(-9,), bounds=(-1, 3))
        values = _convert(raw[name], path, encoding, IGO_WIDE, column)
        parts.append(
            pd.DataFrame(
                {
                    "ionum": frame["ionum"]
                    if "ionum" in frame
                    else pd.array([pd.NA] * len(frame), dtype="Int64"),
                    "ioname": frame["ioname"],
                    "year": frame["year"],
                    "state": pd.array([name] * len(frame), dtype="string"),
                    status_spec.name: values,
                }
            )
        )
    long = pd.concat(parts, ignore_index=True)
    long = long[long["status"].fillna(-9) != 0]
    return long.sort_values(["ioname", "year", "state"], kind="stable").reset_index(drop=True)


IGO_ORGS = TableSpec(
    "cow-igo",
    "CoW IGO organisations (igo_organizations / IGO list)",
    (
        Column("ionum", "int", bounds=(0, 99999)),
        Column("ioname", "str"),
        Column("orgname", "str", nullable=True),
        Column("longorgname", "str", required=False, nullable=True),
        Column("sdate", "int", nullable=True, missing=(-9,), bounds=YEAR, description="founding year"),
        Column("deaddate", "int", nullable=True, missing=(-9,), bounds=YEAR, description="year of death"),
        Column("dead", "int", required=False, nullable=True, bounds=(0, 1)),
        Column("integrated", "int", required=False, nullable=True, bounds=(0, 1)),
        Column("igocode", "int", required=False, nullable=True),
        Column("political", "int", required=False, nullable=True, bounds=(0, 1)),
        Column("social", "int", required=False, nullable=True, bounds=(0, 1)),
        Column("economic", "int", required=False, nullable=True, bounds=(0, 1)),
        Column("sourcesandnotes", "str", required=False, nullable=True),
    ),
)


def load_igo_organizations(path: str | Path) -> pd.DataFrame:
    """CoW IGO v3.0 organisations: ``ionum``, ``ioname`` (acronym), ``orgname``, ``longorgname``, ``sdate``
    (founding year), ``deaddate`` (year the organisation ended, missing while alive), ``dead``,
    ``integrated`` (1 merged into another), and the political/social/economic flags where present."""
    return read_table(path, IGO_ORGS)


IGO_STATES = TableSpec(
    "cow-igo",
    "CoW IGO state-name mapping (states2016 with a 'state' column)",
    (
        Column("ccode", "int", bounds=CCODE),
        Column("stateabb", "str"),
        Column("statenme", "str"),
        Column("state", "str", description="the CoW-IGO state name used in the membership files"),
        Column("styear", "int", required=False, bounds=YEAR),
        Column("endyear", "int", required=False, bounds=YEAR),
    ),
)


def load_igo_states(path: str | Path) -> pd.DataFrame:
    """The mapping of CoW-IGO state names (``state``, e.g. ``'russia'``) to CoW codes (``ccode``), one row per
    system-membership spell (``states2016.csv`` with an added ``state`` column)."""
    return read_table(path, IGO_STATES)
