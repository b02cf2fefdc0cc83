"""Compare the bundled membership spells with CoW Intergovernmental Organizations v3.0 (Pevehouse et al.
2020, 'Tracking organizations in the world: The Correlates of War IGO Version 3.0 datasets', Journal of
Peace Research 57(3): 492-503), year by year, 1991-2014.

CoW codes one status per organisation, state and year (1 full member, 2 associate, 3 observer; rows with
no membership are absent). The bundled data has daily spells, so a CoW code is *consistent* with the
bundled data when the bundled spells give that status (or no status, for CoW's absence) at some time in
that year. Only state-years in which the state is a member of the CoW state system are compared, and only
the statuses CoW knows: bundled ``partner``, ``dialogue_partner``, ``suspended`` and ``frozen`` count as
"no CoW status". Every inconsistency that remains must be listed, with its reason, in docs/data.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: bundled organisation id -> (CoW IGO ``ioname``, first year, last year) pieces that CoW covers
COW_ORGS: dict[str, tuple[tuple[str, int, int], ...]] = {
    "UN": (("UN", 1991, 2014),),
    "OSCE": (("OSCE", 1991, 2014),),
    "NATO": (("NATO", 1991, 2014),),
    "EU": (("EEC", 1991, 1992), ("EU", 1993, 2014)),
    "WEU": (("WEU", 1991, 2011),),
    "COE": (("COE", 1991, 2014),),
    "CSTO": (("CSTO", 1991, 2014),),
    "CIS": (("CIS", 1991, 2014),),
    "SCO": (("SCO", 1991, 2014),),
    "EURASEC": (("EAEC", 1991, 2014),),
    "CICA": (("CICA", 1991, 2014),),
    "ASEAN": (("ASEAN", 1991, 2014),),
    "GCC": (("GCC", 1991, 2014),),
}
COW_STATUS = {"member": 1, "associate": 2, "observer": 3}
STATUS_NAME = {0: "none", 1: "member", 2: "associate", 3: "observer"}


@dataclass(frozen=True, order=True)
class Disagreement:
    """A state-year in which CoW IGO's status is not among the statuses of the bundled spells."""

    organisation: str
    state: str
    year: int
    bundled: tuple[str, ...]
    cow: str


def bundled_codes(spells: Sequence[dict[str, str]], year: int) -> set[int]:
    """The CoW status codes (0 for none) that the bundled ``spells`` of one state give during ``year``.

    >>> sorted(bundled_codes([{"status": "member", "start": "2009-04-01", "end": ""}], 2009))
    [0, 1]
    >>> sorted(bundled_codes([{"status": "partner", "start": "1994-02-02", "end": "1999-03-12"},
    ...     {"status": "member", "start": "1999-03-12", "end": ""}], 1999))
    [0, 1]
    """
    first, after = f"{year:04d}-01-01", f"{year + 1:04d}-01-01"
    codes: set[int] = set()
    covered: list[tuple[str, str]] = []
    for spell in spells:
        start, end = spell["start"], spell["end"] or "9999-12-31"
        if start < after and end > first:
            code = COW_STATUS.get(spell["status"])
            if code is not None:
                codes.add(code)
                covered.append((max(start, first), min(end, after)))
    if not _covers(covered, first, after):
        codes.add(0)
    return codes


def _covers(intervals: list[tuple[str, str]], first: str, after: str) -> bool:
    reached = first
    for start, end in sorted(intervals):
        if start > reached:
            return False
        reached = max(reached, end)
    return reached >= after


def system_years(
    igo_states: pd.DataFrame, iso: dict[int, str], first: int, last: int
) -> set[tuple[str, int]]:
    """(state id, year) pairs in which the state is a CoW system member, from ``states2016.csv`` spells."""
    out: set[tuple[str, int]] = set()
    codes: list[int] = igo_states["ccode"].astype(int).tolist()
    starts: list[int] = igo_states["styear"].astype(int).tolist()
    ends: list[int] = igo_states["endyear"].astype(int).tolist()
    for ccode, start, end in zip(codes, starts, ends, strict=True):
        state = iso.get(ccode)
        if state is None:
            continue
        for year in range(max(start, first), min(end, last) + 1):
            out.add((state, year))
    return out


def cow_igo_disagreements(
    igo_long: pd.DataFrame,
    igo_states: pd.DataFrame,
    iso: dict[int, str],
    memberships: Iterable[dict[str, str]],
    organisations: dict[str, tuple[tuple[str, int, int], ...]] | None = None,
) -> list[Disagreement]:
    """Every state-year, 1991-2014, where CoW IGO v3's status is inconsistent with the bundled spells.

    ``igo_long`` is ``igo_membership_long`` (``ioname``, ``year``, ``state``, ``status``); ``igo_states`` maps
    CoW-IGO state names to CoW codes with system spells (``states2016.csv``); ``iso`` maps CoW codes to
    secarch ids.
    """
    pieces = COW_ORGS if organisations is None else organisations
    names: list[str] = igo_states["state"].astype(str).tolist()
    ccodes: list[int] = igo_states["ccode"].astype(int).tolist()
    name_to_iso = {name: iso[code] for name, code in zip(names, ccodes, strict=True) if code in iso}
    years_in_system = system_years(igo_states, iso, 1991, 2014)
    spells: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in memberships:
        spells[(row["organisation"], row["state"])].append(row)
    out: list[Disagreement] = []
    for org, parts in pieces.items():
        for ioname, first, last in parts:
            rows = igo_long[(igo_long["ioname"] == ioname) & igo_long["year"].between(first, last)]
            cow: dict[tuple[str, int], int] = {}
            statuses: list[int] = rows["status"].fillna(0).astype(int).tolist()
            row_states: list[str] = rows["state"].astype(str).tolist()
            row_years: list[int] = rows["year"].astype(int).tolist()
            for status, name, year in zip(statuses, row_states, row_years, strict=True):
                state = name_to_iso.get(name)
                if state is not None and status in (1, 2, 3):
                    cow[(state, year)] = status
            states = {s for (o, s) in spells if o == org} | {s for (s, _) in cow}
            for state in sorted(states):
                own = spells.get((org, state), [])
                for year in range(first, last + 1):
                    if (state, year) not in years_in_system:
                        continue
                    codes = bundled_codes(own, year)
                    theirs = cow.get((state, year), 0)
                    if theirs not in codes:
                        out.append(
                            Disagreement(
                                org,
                                state,
                                year,
                                tuple(STATUS_NAME[c] for c in sorted(codes)),
                                STATUS_NAME[theirs],
                            )
                        )
    return sorted(out)


def listed_disagreements(markdown: str) -> list[tuple[str, str, int, int, str]]:
    """Parse the table of docs/data.md under the heading 'Disagreements with CoW IGO v3' into
    (organisation, state, first year, last year, reason) rows, one per state (a cell may list several
    states separated by spaces). Years are ``1993`` or ``1993-1994``.

    >>> text = "## Disagreements with CoW IGO v3\\n\\n| org | state | years | bundled | CoW | reason |\\n"
    >>> text += "|---|---|---|---|---|---|\\n| CIS | GEO | 1993-1994 | member | none | joined Dec 1993 |\\n"
    >>> listed_disagreements(text)
    [('CIS', 'GEO', 1993, 1994, 'joined Dec 1993')]
    """
    rows: list[tuple[str, str, int, int, str]] = []
    inside = False
    for line in markdown.splitlines():
        if line.startswith("## "):
            inside = line.strip() == "## Disagreements with CoW IGO v3"
            continue
        if not inside or not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 6 or cells[0] in ("org", "") or set(cells[0]) <= {"-", ":"}:
            continue
        years = cells[2].replace("–", "-").split("-")
        for state in cells[1].split():
            rows.append((cells[0], state, int(years[0]), int(years[-1]), cells[5]))
    return rows
