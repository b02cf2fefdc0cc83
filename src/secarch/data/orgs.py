"""Bundled, sourced tables of the security architecture of Eurasia, 1 Jan 1991 to 30 Jun 2025.

Organisations (with their former names), membership spells, mandates, agreements (the organisations'
clauses, hand-added treaties and the bilateral obligations derived from ATOP 5.1), credibility defaults and
documented cases, disputes and recognitions. Every row has a ``source``; docs/data.md describes each table,
the conventions and the disagreements between sources.

Conventions shared by every table:

- states are secarch ids (ISO 3166-1 alpha-3, see :func:`secarch.data.state_codes`);
- a spell is in force on the half-open interval ``[start, end)`` (``end`` is the first day it no longer
  holds; empty while it holds on 30 Jun 2025), the convention of :class:`secarch.model.types.Dated`;
- ``start_precision`` / ``end_precision`` say how exact a date is: ``day``, ``month`` (the date is the
  first of the month unless the day is known to be later) or ``year`` (1 January of the year).

Dates are kept as ISO strings: they sort and compare correctly as text, and they print as written.

>>> members("NATO", "1999-01-01").__len__(), members("NATO", "2025-01-01").__len__()
(16, 32)
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from secarch.data._paths import hand_path, table_path

if TYPE_CHECKING:
    import pandas as pd

#: first and last day described by the bundled organisation data
PERIOD_START = "1991-01-01"
PERIOD_END = "2025-06-30"

#: the hand-written tables and the derived one, with their required columns (``source`` in all of them)
ORG_TABLES: dict[str, tuple[str, ...]] = {
    "organisations": (
        "id",
        "acronym",
        "name",
        "kind",
        "founded",
        "dissolved",
        "predecessor",
        "cow_igo",
        "accession",
        "source",
    ),
    "organisation_names": ("organisation", "acronym", "name", "start", "end", "source"),
    "memberships": (
        "organisation",
        "state",
        "status",
        "start",
        "start_precision",
        "end",
        "end_precision",
        "detail",
        "source",
    ),
    "mandates": (
        "organisation",
        "element",
        "item",
        "binding",
        "start",
        "start_precision",
        "end",
        "provision",
        "source",
    ),
    "agreements": (
        "id",
        "name",
        "type",
        "organisation",
        "parties",
        "guarantors",
        "beneficiaries",
        "targets",
        "scope",
        "start",
        "start_precision",
        "end",
        "end_precision",
        "credibility",
        "credibility_basis",
        "atop_id",
        "source",
    ),
    "atop_obligations": (
        "id",
        "name",
        "type",
        "parties",
        "guarantors",
        "beneficiaries",
        "start",
        "start_precision",
        "end",
        "end_precision",
        "atop_years",
        "credibility",
        "credibility_basis",
        "source",
    ),
    "credibility_defaults": ("type", "default", "low", "high", "rationale", "source"),
    "credibility_cases": (
        "id",
        "agreement",
        "date",
        "date_precision",
        "requester",
        "addressed_to",
        "request",
        "response",
        "outcome",
        "source",
    ),
    "disputes": (
        "id",
        "dispute",
        "name",
        "side_a",
        "side_b",
        "non_state_parties",
        "issue",
        "territory",
        "intensity",
        "start",
        "start_precision",
        "end",
        "end_precision",
        "ucdp_conflict_id",
        "mid_dispnums",
        "source",
    ),
    "recognitions": ("id", "by", "entity", "territory", "start", "start_precision", "end", "source"),
    "rivalries": ("id", "states", "kind", "start", "start_precision", "end", "end_precision", "source"),
}

PRECISIONS = ("day", "month", "year")
CASE_OUTCOMES = ("honoured", "partly_honoured", "not_honoured", "consultation_held", "not_invoked")
MANDATE_ELEMENTS = ("defence_clause", "consultation", "conflict_settlement", "confidence_building", "threat")


def table_rows(name: str) -> list[dict[str, str]]:
    """The rows of bundled organisation table ``name`` as dicts of strings (standard library only).

    >>> table_rows("organisations")[0]["id"]
    'UN'
    """
    return [dict(row) for row in _rows(name)]


@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    if name not in ORG_TABLES:
        raise KeyError(f"unknown organisation table {name!r}; known: {', '.join(ORG_TABLES)}")
    path = table_path(f"{name}.csv")
    with path.open(newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def hand_rows(name: str) -> list[dict[str, str]]:
    """Rows of a hand-written build input in ``data/hand/`` (e.g. ``atop_overrides``)."""
    with hand_path(f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def _iso(on: dt.date | str) -> str:
    return on.isoformat() if isinstance(on, dt.date) else dt.date.fromisoformat(on).isoformat()


def in_force(row: dict[str, str], on: dt.date | str) -> bool:
    """Whether a row with ``start``/``end`` holds on date ``on`` (half-open ``[start, end)``).

    >>> in_force({"start": "2009-04-01", "end": ""}, "2009-04-01"), in_force({"start": "1993-12-01",
    ...     "end": "2009-08-18"}, "2009-08-18")
    (True, False)
    """
    day = _iso(on)
    return row["start"] <= day and (not row["end"] or day < row["end"])


def members(organisation: str, on: dt.date | str, status: str | Iterable[str] = "member") -> list[str]:
    """The states with ``status`` (one status or several) in ``organisation`` on date ``on``, sorted.

    >>> members("CSTO", "2024-06-01", "frozen")
    ['ARM']
    """
    wanted = {status} if isinstance(status, str) else set(status)
    return sorted(
        row["state"]
        for row in _rows("memberships")
        if row["organisation"] == organisation and row["status"] in wanted and in_force(row, on)
    )


def status_of(organisation: str, state: str, on: dt.date | str) -> str | None:
    """The status of ``state`` in ``organisation`` on ``on``, or None when it has none.

    >>> status_of("CIS", "GEO", "2009-08-18") is None, status_of("COE", "RUS", "2022-03-01")
    (True, 'suspended')
    """
    for row in _rows("memberships"):
        if row["organisation"] == organisation and row["state"] == state and in_force(row, on):
            return row["status"]
    return None


def name_on(organisation: str, on: dt.date | str) -> str:
    """The acronym an organisation had on ``on`` (e.g. ``CSCE`` before 1995), else its current acronym.

    >>> name_on("OSCE", "1994-12-31"), name_on("SCO", "1999-01-01"), name_on("NATO", "1999-01-01")
    ('CSCE', 'Shanghai Five', 'NATO')
    """
    for row in _rows("organisation_names"):
        if row["organisation"] == organisation and in_force(row, on):
            return row["acronym"]
    for row in _rows("organisations"):
        if row["id"] == organisation:
            return row["acronym"]
    raise KeyError(f"unknown organisation {organisation!r}")


def eurasia(on: dt.date | str = PERIOD_END) -> list[str]:
    """The region the bundled architectures cover: every state of UN M49 region Europe (150) or Asia (142)
    that is a CoW system member on ``on`` (states after the CoW list's end in 2016 continue), plus
    Palestine (``PSE``, Western Asia, outside the CoW system). Sorted ids.

    Reference: UN Statistics Division, Standard country or area codes for statistical use (M49).

    >>> {"RUS", "TUR", "CYP", "GEO", "JPN"} <= set(eurasia()), "EGY" in eurasia(), "USA" in eurasia()
    (True, False, False)
    """
    from secarch.data.codes import in_state_system, state_records

    day = _iso(on)
    states_csv = {row["iso3"]: row for row in _states_rows()}
    out = []
    for record in state_records():
        row = states_csv[record.iso3]
        if row["region"] not in ("Europe", "Asia"):
            continue
        if record.kind != "cow_state":
            if record.iso3 == "PSE":
                out.append(record.iso3)
            continue
        if in_state_system(record.iso3, dt.date.fromisoformat(day)):
            out.append(record.iso3)
    return sorted(out)


@lru_cache(maxsize=1)
def _states_rows() -> tuple[dict[str, str], ...]:
    with table_path("states.csv").open(newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


# ---------------------------------------------------------------- pandas views


def frame(name: str) -> pd.DataFrame:
    """Bundled organisation table ``name`` as a pandas DataFrame of strings (empty cells are ``""``).

    >>> frame("memberships").query("organisation == 'SCO' and status == 'member'").shape[0] >= 10
    True
    """
    import pandas as pd

    return pd.DataFrame(table_rows(name), columns=list(ORG_TABLES[name]))


def all_agreements() -> pd.DataFrame:
    """The hand-written agreements and the ATOP-derived obligations in one frame (the ATOP rows carry
    ``organisation`` empty and ``atop_id`` empty; their ``atop_years`` is dropped)."""
    import pandas as pd

    hand = frame("agreements")
    atop = frame("atop_obligations").drop(columns=["atop_years"])
    for column in hand.columns:
        if column not in atop.columns:
            atop[column] = ""
    return pd.concat([hand, atop[hand.columns]], ignore_index=True)


def slice_on(table: pd.DataFrame, on: dt.date | str) -> pd.DataFrame:
    """The rows of ``table`` (with ``start``/``end`` columns) in force on ``on``."""
    day = _iso(on)
    keep = (table["start"] <= day) & ((table["end"] == "") | (day < table["end"]))
    return table.loc[keep].reset_index(drop=True)


def slice_year(table: pd.DataFrame, year: int) -> pd.DataFrame:
    """The rows of ``table`` in force at some time during ``year``."""
    first, after = f"{year:04d}-01-01", f"{year + 1:04d}-01-01"
    keep = (table["start"] < after) & ((table["end"] == "") | (table["end"] > first))
    return table.loc[keep].reset_index(drop=True)


# ---------------------------------------------------------------- views for `secarch data show`

VIEWS = ("organisations", "memberships", "agreements", "disputes")


#: what a day argument may be, for error messages
DAY_EXPECTED = (
    f"a year from {PERIOD_START[:4]} to {PERIOD_END[:4]} (its 1 July) or a date YYYY-MM-DD from "
    f"{PERIOD_START} to {PERIOD_END}"
)
DAY_HINT = "e.g. --year 2008 (1 July 2008) or --date 2009-08-18"


def resolve_day(when: str | int | dt.date | None, *, field: str = "date") -> str:
    """The day meant by ``when``: None is 30 Jun 2025; a year is its 1 July, moved into the bundled period
    (1991-01-01 to 2025-06-30); a date (``YYYY-MM-DD`` or a :class:`datetime.date`) must lie in the period.
    Anything else is an :class:`~secarch.errors.InputError` on ``field`` (exit code 2 in the CLI).

    >>> resolve_day(2008), resolve_day("2025"), resolve_day("1999-03-12"), resolve_day(None)
    ('2008-07-01', '2025-06-30', '1999-03-12', '2025-06-30')
    >>> resolve_day("2024-02-30")
    Traceback (most recent call last):
    secarch.errors.InputError: field date: 2024-02-30 is not a valid date (day is out of range for month)
      expected: a year from 1991 to 2025 (its 1 July) or a date YYYY-MM-DD from 1991-01-01 to 2025-06-30
      hint: e.g. --year 2008 (1 July 2008) or --date 2009-08-18
    """
    import re

    from secarch.errors import InputError

    def error(message: str) -> InputError:
        return InputError.single(message, field=field, expected=DAY_EXPECTED, hint=DAY_HINT)

    if when is None:
        return PERIOD_END
    if isinstance(when, dt.date):
        day = when.isoformat()
    else:
        text = str(when).strip()
        if re.fullmatch(r"[0-9]+", text):
            if not int(PERIOD_START[:4]) <= int(text) <= int(PERIOD_END[:4]):
                raise error(f"year {text} is outside the bundled data")
            return min(max(f"{int(text):04d}-07-01", PERIOD_START), PERIOD_END)
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise error(f"{text!r} is not a year or a date")
        try:
            day = dt.date.fromisoformat(text).isoformat()
        except ValueError as problem:
            raise error(f"{text} is not a valid date ({problem})") from None
    if not PERIOD_START <= day <= PERIOD_END:
        raise error(f"{day} is outside the bundled data")
    return day


#: columns of the ``view`` rows that hold numbers (JSON numbers, not strings)
NUMERIC_COLUMNS = ("credibility",)


def view(what: str, when: str | int | dt.date | None = None) -> list[dict[str, Any]]:
    """Rows of one bundled table in force on a day (see :func:`resolve_day`), for display and ``--json``.

    ``organisations`` gives one row per organisation that exists on the day, with its name then, the number
    of members (an int) and the number of states with each other status (``{status: count}``);
    ``memberships``, ``agreements`` (hand-written and ATOP-derived, all with the same columns) and
    ``disputes`` give their table rows in force on the day, with numbers (``credibility``) as numbers and
    identifiers (``ucdp_conflict_id``, ``mid_dispnums``) as written.

    >>> [(r["members"], r["other_statuses"]) for r in view("organisations", 1998) if r["id"] == "NATO"]
    [(16, {'partner': 33})]
    """
    from secarch.errors import InputError

    if what not in VIEWS:
        raise InputError.single(
            f"unknown table {what!r}",
            field="what",
            expected=" | ".join(VIEWS),
            hint="e.g. secarch data show disputes",
        )
    day = resolve_day(when)
    if what == "organisations":
        rows: list[dict[str, Any]] = []
        defence = {m["organisation"] for m in _rows("mandates") if m["element"] == "defence_clause"}
        for org in _rows("organisations"):
            if org["founded"] > day or (org["dissolved"] and org["dissolved"] <= day):
                continue
            spells = [m for m in _rows("memberships") if m["organisation"] == org["id"] and in_force(m, day)]
            statuses: dict[str, int] = {}
            for spell in spells:
                statuses[spell["status"]] = statuses.get(spell["status"], 0) + 1
            rows.append(
                {
                    "id": org["id"],
                    "name_then": name_on(org["id"], day),
                    "kind": org["kind"],
                    "members": statuses.pop("member", 0),
                    "other_statuses": dict(sorted(statuses.items())),
                    "defence_clause": "yes" if org["id"] in defence else "no",
                    "date": day,
                    "source": org["source"],
                }
            )
        return rows
    if what == "agreements":
        columns = (*ORG_TABLES["agreements"][:-1], "atop_years", "source")
        table = [
            {column: row.get(column, "") for column in columns}
            for row in table_rows("agreements") + table_rows("atop_obligations")
        ]
    else:
        table = table_rows(what)
    return [
        {key: (float(value) if key in NUMERIC_COLUMNS and value else value) for key, value in row.items()}
        for row in table
        if in_force(row, day)
    ]
