"""Cheap look-ups of state codes, using only the standard library.

The domain model validates every state id against :func:`state_codes`, so this module must stay fast and
must not import pandas or numpy: it reads ``tables/states.csv`` once with the :mod:`csv` module and caches
the result.

The id used everywhere in secarch is the ISO 3166-1 alpha-3 code (``iso3``). States of the Correlates of
War (CoW) system that no longer exist carry their former ISO 3166-3 code where one existed and was not
passed on (``DDR``, ``CSK``, ``YMD``), else a user-assigned ``X..`` code; Kosovo is ``XKX``. Former codes
of states that continue under a new code (``SUN`` for CoW 365, ``YUG`` and ``SCG`` for CoW 345, ``ZAR``,
``BUR`` …) are listed in ``iso3_former`` and resolved by :func:`resolve_code`. See docs/data-states.md.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from secarch.data._paths import table_path


@dataclass(frozen=True)
class StateCode:
    """The identifying codes and names of one state or entity (one row of ``states.csv``)."""

    iso3: str
    ccode: int | None
    cow_abb: str | None
    gwcode: int | None
    name: str
    cow_name: str | None
    aliases: tuple[str, ...]
    iso3_former: tuple[str, ...]
    kind: str


def _int_or_none(text: str) -> int | None:
    return int(text) if text.strip() else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split("|") if part)


@lru_cache(maxsize=1)
def state_records() -> tuple[StateCode, ...]:
    """Every state and entity of ``states.csv`` as :class:`StateCode`, in table order (by CoW code)."""
    with table_path("states.csv").open(newline="", encoding="utf-8") as handle:
        return tuple(
            StateCode(
                iso3=row["iso3"],
                ccode=_int_or_none(row["ccode"]),
                cow_abb=row["cow_abb"] or None,
                gwcode=_int_or_none(row["gwcode"]),
                name=row["name"],
                cow_name=row["cow_name"] or None,
                aliases=_split(row["aliases"]),
                iso3_former=_split(row["iso3_former"]),
                kind=row["kind"],
            )
            for row in csv.DictReader(handle)
        )


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """The ISO alpha-3 ids of every state secarch knows (CoW states, historical ones included, plus the
    entities outside the CoW system that organisations need, e.g. ``PSE`` and ``VAT``).

    >>> "RUS" in state_codes() and "XKX" in state_codes() and "SUN" not in state_codes()
    True
    """
    return frozenset(record.iso3 for record in state_records())


@lru_cache(maxsize=1)
def former_codes() -> dict[str, str]:
    """Map each former ISO alpha-3 code to the id secarch uses for the same CoW state.

    >>> former_codes()["SUN"], former_codes()["YUG"]
    ('RUS', 'SRB')
    """
    return {old: record.iso3 for record in state_records() for old in record.iso3_former}


@lru_cache(maxsize=1)
def ccode_to_iso3() -> dict[int, str]:
    """Map CoW state codes to secarch ids. ``ccode_to_iso3()[365] == 'RUS'``."""
    return {record.ccode: record.iso3 for record in state_records() if record.ccode is not None}


@lru_cache(maxsize=1)
def iso3_to_ccode() -> dict[str, int]:
    """Map secarch ids to CoW state codes (entities outside the CoW system are absent)."""
    return {record.iso3: record.ccode for record in state_records() if record.ccode is not None}


def resolve_code(code: str) -> str | None:
    """The secarch id for ``code``: itself if it is one, the current id if it is a former ISO code
    (``'SUN'`` → ``'RUS'``), else ``None``. Case-insensitive."""
    upper = code.strip().upper()
    if upper in state_codes():
        return upper
    return former_codes().get(upper)


COW_LIST_END = dt.date(2016, 12, 31)
"""Last day of the CoW state-system list (v2016): a spell that reaches it is taken to continue to today."""

Spell = tuple[dt.date, dt.date | None]


@lru_cache(maxsize=1)
def state_system_spells() -> dict[str, tuple[Spell, ...]]:
    """Each CoW state's state-system spells, ``iso3 → ((first day, last day or None while it continues),
    …)``; a spell that reaches the end of the CoW list (31 Dec 2016) continues. Entities outside the CoW
    system (``PSE``, ``VAT``) have no entry. Source: CoW State System Membership v2016 (``states.csv``).

    >>> state_system_spells()["CSK"][-1]
    (datetime.date(1945, 5, 10), datetime.date(1992, 12, 31))
    """
    with table_path("states.csv").open(newline="", encoding="utf-8") as handle:
        spells: dict[str, tuple[Spell, ...]] = {}
        for row in csv.DictReader(handle):
            if row["kind"] != "cow_state":
                continue
            parsed = []
            for part in filter(None, row["cow_spells"].split(";")):
                first, last = (dt.date.fromisoformat(day) for day in part.split("/"))
                parsed.append((first, None if last == COW_LIST_END else last))
            spells[row["iso3"]] = tuple(parsed)
        return spells


def in_state_system(code: str, first: dt.date, last: dt.date | None = None) -> bool:
    """Whether CoW state ``code`` is a system member on some day of ``[first, last]`` (one day without
    ``last``). Codes without CoW spells answer False.

    >>> in_state_system("UKR", dt.date(1991, 1, 1), dt.date(1991, 12, 31))
    True
    >>> in_state_system("UKR", dt.date(1991, 7, 1))
    False
    """
    last = first if last is None else last
    return any(
        start <= last and (end is None or first <= end) for start, end in state_system_spells().get(code, ())
    )


def not_states_on(codes: Iterable[str], on: dt.date) -> frozenset[str]:
    """Those of ``codes`` that are CoW states but not members of the state system on ``on``: not yet
    states (Ukraine before its CoW entry on 26 Dec 1991, Czechia before 1993) or no longer states
    (Czechoslovakia after 1992). Entities outside the CoW system (``PSE``, ``VAT``) and codes secarch does
    not know are never in the result.

    >>> sorted(not_states_on(["CSK", "CZE", "PSE", "RUS"], dt.date(1991, 7, 1)))
    ['CZE']
    >>> sorted(not_states_on(["CSK", "CZE"], dt.date(2030, 1, 1)))
    ['CSK']
    """
    spells = state_system_spells()
    return frozenset(code for code in codes if code in spells and not in_state_system(code, on))
