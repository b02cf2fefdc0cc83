"""Derive ``tables/atop_obligations.csv`` from ATOP 5.1 dyad-years: the defence, neutrality,
non-aggression and consultation obligations in force in Eurasia that the organisations' own clauses do not
already cover.

Method (Leeds, Ritter, Mitchell & Long 2002, *Alliance Treaty Obligations and Provisions, 1815-1944*,
International Interactions 28: 237-260; ATOP codebook v5.1, 2020):

1. ATOP's directed dyad-years say, for each year, whether state ``ccode1`` has an obligation of each type
   towards ``ccode2`` (``atop_defense`` ... ``atop_consul``), summed over every treaty in force.
2. A dyad-year is *covered* when both states are members (status ``member``) of an organisation at some
   time from that year to two years later and that organisation has a bundled clause of the matching type in
   force from that year to two years later
   (``tables/agreements.csv`` rows with an ``organisation``: collective defence or mutual assistance covers
   ``atop_defense``, consultation covers ``atop_consul``, non-aggression covers ``atop_nonagg``). Covered
   dyad-years are dropped, so NATO, CSTO, WEU, GCC, EU and CIS dyads are not counted twice.
3. The remaining years of each directed dyad and type are cut into runs of consecutive years. A run and the
   identical run in the opposite direction form one symmetric obligation; a run without its mirror is a
   one-sided obligation (``guarantors`` → ``beneficiaries``).
4. Runs in force at some time from 1991 on, with at least one party in the region
   (:func:`secarch.data.orgs.eurasia`), are kept. A run starts on 1 January of its first year; it ends on
   1 January of the year after its last (year precision), except that runs still coded in 2018, ATOP's last
   year, are taken to continue unless ``hand/atop_overrides.csv`` gives a later end with its source.
5. ATOP ``offense`` obligations are reported by :func:`derive_atop_obligations` but not bundled: the domain
   model has no offensive-alliance type (there are none in the region after 1991, see docs/data.md).

Run ``python -m secarch.data.build_orgs --from ../shared/data`` to rebuild the table; a test rebuilds it
and compares.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from secarch.data._paths import table_path
from secarch.data.orgs import ORG_TABLES, eurasia, hand_rows, table_rows

if TYPE_CHECKING:
    import pandas as pd

#: ATOP obligation columns and the agreement type each becomes
ATOP_TYPES: dict[str, str] = {
    "atop_defense": "mutual_assistance",
    "atop_neutral": "neutrality",
    "atop_nonagg": "non_aggression",
    "atop_consul": "consultation",
}
#: organisation clause types and the ATOP obligation each covers
COVERS: dict[str, str] = {
    "collective_defence": "atop_defense",
    "mutual_assistance": "atop_defense",
    "consultation": "atop_consul",
    "non_aggression": "atop_nonagg",
}
FIRST_YEAR = 1991
ATOP_LAST_YEAR = 2018
ATOP_SOURCE = "ATOP 5.1 dyad-years (Leeds et al. 2002), derived by secarch.data.build_orgs"


@dataclass(frozen=True)
class Run:
    """Consecutive years ``first``..``last`` in which ``a`` has an obligation of ``column`` towards ``b``."""

    a: str
    b: str
    column: str
    first: int
    last: int


def runs(years: Iterable[int]) -> list[tuple[int, int]]:
    """Cut a set of years into maximal runs of consecutive years.

    >>> runs([1994, 1992, 1993, 1997, 1998, 2001])
    [(1992, 1994), (1997, 1998), (2001, 2001)]
    """
    out: list[tuple[int, int]] = []
    for year in sorted(set(years)):
        if out and year == out[-1][1] + 1:
            out[-1] = (out[-1][0], year)
        else:
            out.append((year, year))
    return out


def org_coverage(
    memberships: Sequence[dict[str, str]], agreements: Sequence[dict[str, str]]
) -> dict[tuple[str, int], set[str]]:
    """For each (ATOP column, year), the set of ``"A|B"`` state pairs covered by an organisation's clause.

    ATOP dates an obligation from the signature of its treaty, the bundled clauses from entry into force;
    accession protocols and the Collective Security Treaty entered into force up to two years after
    signature. So a pair is covered in ``year`` when both states are members of the organisation at some
    time from ``year`` to two years later, and the clause is in force at some time from ``year`` to two years
    later.
    """
    by_org: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in memberships:
        if row["status"] == "member":
            by_org[row["organisation"]].append(row)
    covered: dict[tuple[str, int], set[str]] = defaultdict(set)
    for agreement in agreements:
        org, column = agreement["organisation"], COVERS.get(agreement["type"])
        if not org or column is None:
            continue
        for year in range(FIRST_YEAR - 1, ATOP_LAST_YEAR + 1):
            if not _overlaps_years(agreement, year, year + 2):
                continue
            states = sorted({m["state"] for m in by_org[org] if _overlaps_years(m, year, year + 2)})
            pairs = covered[(column, year)]
            for i, first in enumerate(states):
                for second in states[i + 1 :]:
                    pairs.add(f"{first}|{second}")
    return covered


def _overlaps_years(row: dict[str, str], first: int, last: int) -> bool:
    return row["start"] < f"{last + 1:04d}-01-01" and (not row["end"] or row["end"] > f"{first:04d}-01-01")


def directed_runs(
    atop: pd.DataFrame, iso: dict[int, str], covered: dict[tuple[str, int], set[str]]
) -> list[Run]:
    """Runs of uncovered obligation years for every directed dyad and ATOP column (offense included).

    ``atop`` has ``ccode1``, ``ccode2``, ``year`` and the 0/1 obligation columns; ``iso`` maps CoW codes to
    secarch ids. Dyads with a code that ``iso`` does not know are skipped.
    """
    years: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    columns = [*ATOP_TYPES, "atop_offense"]
    data = atop.loc[(atop[columns] == 1).any(axis=1)]
    first_codes: list[int] = data["ccode1"].astype(int).tolist()
    second_codes: list[int] = data["ccode2"].astype(int).tolist()
    all_years: list[int] = data["year"].astype(int).tolist()
    flags: dict[str, list[int]] = {column: data[column].fillna(0).astype(int).tolist() for column in columns}
    for k, (code1, code2, year) in enumerate(zip(first_codes, second_codes, all_years, strict=True)):
        a, b = iso.get(code1), iso.get(code2)
        if a is None or b is None:
            continue
        pair = f"{a}|{b}" if a < b else f"{b}|{a}"
        for column in columns:
            if flags[column][k] == 1 and pair not in covered.get((column, year), ()):
                years[(a, b, column)].add(year)
    out = [
        Run(a, b, column, first, last)
        for (a, b, column), ys in years.items()
        for first, last in runs(ys)
        if last >= FIRST_YEAR
    ]
    return sorted(out, key=lambda r: (r.column, r.a, r.b, r.first))


def derive_atop_obligations(
    atop: pd.DataFrame,
    iso: dict[int, str],
    memberships: Sequence[dict[str, str]],
    agreements: Sequence[dict[str, str]],
    region: Iterable[str],
    overrides: Sequence[dict[str, str]] = (),
) -> tuple[list[dict[str, str]], list[Run]]:
    """The rows of ``atop_obligations.csv`` and the offense runs that are not bundled.

    >>> import pandas as pd
    >>> atop = pd.DataFrame({"ccode1": [2, 740] * 2, "ccode2": [740, 2] * 2, "year": [2017, 2017, 2018, 2018],
    ...     "atop_defense": [1, 0, 1, 0], "atop_offense": 0, "atop_neutral": 0, "atop_nonagg": 0,
    ...     "atop_consul": 1})
    >>> rows, _ = derive_atop_obligations(atop, {2: "USA", 740: "JPN"}, [], [], ["JPN"])
    >>> [(r["id"], r["guarantors"], r["beneficiaries"]) for r in rows]  # doctest: +NORMALIZE_WHITESPACE
    [('atop-JPN-USA-consultation-2017', '', ''),
     ('atop-USA-to-JPN-mutual_assistance-2017', 'USA', 'JPN')]
    """
    region_set = set(region)
    defaults = {row["type"]: row["default"] for row in table_rows("credibility_defaults")}
    ends = {(o["state_a"], o["state_b"], o["type"]): o for o in overrides}
    all_runs = directed_runs(atop, iso, org_coverage(memberships, agreements))
    keyed = {(r.a, r.b, r.column, r.first, r.last) for r in all_runs}
    rows: list[dict[str, str]] = []
    offense: list[Run] = []
    for run in all_runs:
        if run.a not in region_set and run.b not in region_set:
            continue
        if run.column == "atop_offense":
            offense.append(run)
            continue
        mirrored = (run.b, run.a, run.column, run.first, run.last) in keyed
        if mirrored and run.a > run.b:
            continue  # the symmetric row is written once, from the alphabetically first state
        kind = ATOP_TYPES[run.column]
        first, second = (run.a, run.b) if not mirrored else sorted((run.a, run.b))
        end, end_precision, note = _end_of(run, kind, ends)
        years = f"{run.first}-{run.last}"
        if mirrored:
            ident = f"atop-{first}-{second}-{kind}-{run.first}"
            name = f"ATOP {run.column.removeprefix('atop_')} obligation {first}-{second}"
            guarantors = beneficiaries = ""
            what = f"{run.column} both ways {years}"
        else:
            ident = f"atop-{first}-to-{second}-{kind}-{run.first}"
            name = f"ATOP {run.column.removeprefix('atop_')} obligation {first} to {second}"
            guarantors, beneficiaries = first, second
            what = f"{run.column} {first} to {second} only, {years}"
        rows.append(
            {
                "id": ident,
                "name": name,
                "type": kind,
                "parties": f"{first};{second}",
                "guarantors": guarantors,
                "beneficiaries": beneficiaries,
                "start": f"{run.first:04d}-01-01",
                "start_precision": "year",
                "end": end,
                "end_precision": end_precision,
                "atop_years": years,
                "credibility": defaults[kind],
                "credibility_basis": f"default:{kind}",
                "source": f"{ATOP_SOURCE}: {what}{note}",
            }
        )
    rows.sort(key=lambda r: r["id"])
    return rows, offense


def _end_of(run: Run, kind: str, ends: dict[tuple[str, str, str], dict[str, str]]) -> tuple[str, str, str]:
    if run.last < ATOP_LAST_YEAR:
        return f"{run.last + 1:04d}-01-01", "year", ""
    override = ends.get((run.a, run.b, kind)) or ends.get((run.b, run.a, kind))
    if override:
        return override["end"], override["end_precision"], f"; ended per override: {override['source']}"
    return "", "", f"; coded to {ATOP_LAST_YEAR}, ATOP's last year: taken to continue"


#: last year of Thompson & Dreyer's rivalry data; rivalries coded to it are taken to continue
TD_LAST_YEAR = 2010


def derive_rivalries(td: pd.DataFrame, iso: dict[int, str], region: Iterable[str]) -> list[dict[str, str]]:
    """Strategic rivalries (Thompson & Dreyer 2011, *Handbook of International Rivalries 1494-2010*) in
    force from 1991 with a party in the region: one row per rivalry, year precision. A rivalry still coded in
    2010, the data's last year, is taken to continue (``end`` empty).

    >>> import pandas as pd
    >>> td = pd.DataFrame({"rivalryname": ["China-India"], "ccode1": [710], "ccode2": [750], "styear": [1948],
    ...     "endyear": [2010], "type1": ["positional"], "type2": ["spatial"], "type3": [None]})
    >>> rows = derive_rivalries(td, {710: "CHN", 750: "IND"}, ["IND"])
    >>> [(r["id"], r["states"], r["kind"], r["end"]) for r in rows]
    [('td-CHN-IND-1948', 'CHN;IND', 'positional;spatial', '')]
    """
    region_set = set(region)
    rows: list[dict[str, str]] = []
    for record in td.to_dict("records"):
        first_year, last_year = int(record["styear"]), int(record["endyear"])
        a, b = iso.get(int(record["ccode1"])), iso.get(int(record["ccode2"]))
        if last_year < FIRST_YEAR or a is None or b is None or not {a, b} & region_set:
            continue
        a, b = sorted((a, b))
        kinds = [
            str(record[c]) for c in ("type1", "type2", "type3") if isinstance(record[c], str) and record[c]
        ]
        ongoing = last_year >= TD_LAST_YEAR
        rows.append(
            {
                "id": f"td-{a}-{b}-{first_year}",
                "states": f"{a};{b}",
                "kind": ";".join(kinds),
                "start": f"{first_year:04d}-01-01",
                "start_precision": "year",
                "end": "" if ongoing else f"{last_year + 1:04d}-01-01",
                "end_precision": "" if ongoing else "year",
                "source": (
                    f"Thompson & Dreyer strategic rivalries ({record['rivalryname']}, "
                    f"{first_year}-{last_year}), derived by secarch.data.build_orgs"
                    + ("; coded to 2010, the data's last year, and taken to continue" if ongoing else "")
                ),
            }
        )
    rows.sort(key=lambda r: r["id"])
    return rows


def write_rows(rows: Sequence[dict[str, str]], path: Path, table: str = "atop_obligations") -> None:
    """Write ``rows`` as bundled table ``table`` (fixed column order, ``\\n`` line ends)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ORG_TABLES[table]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def build_atop_obligations(shared_data: Path) -> tuple[list[dict[str, str]], list[Run]]:
    """Read ATOP from ``shared_data/atop/atop_alliance.csv.gz`` and derive the table's rows."""
    from secarch.data import ccode_to_iso3
    from secarch.data.external import load_dataset

    atop = load_dataset(shared_data, "atop")
    return derive_atop_obligations(
        atop,
        ccode_to_iso3(),
        table_rows("memberships"),
        table_rows("agreements"),
        eurasia(),
        hand_rows("atop_overrides"),
    )


def build_rivalries(shared_data: Path) -> list[dict[str, str]]:
    """Read Thompson & Dreyer rivalries from ``shared_data/rivalry/td_rivalries.csv`` and derive the rows."""
    from secarch.data import ccode_to_iso3
    from secarch.data.external import load_dataset

    td = load_dataset(shared_data, "td-rivalries")
    return derive_rivalries(td, ccode_to_iso3(), eurasia())


def main(argv: list[str] | None = None) -> int:
    """Command line: rebuild ``tables/atop_obligations.csv`` (or write to ``--out``)."""
    parser = argparse.ArgumentParser(
        prog="python -m secarch.data.build_orgs", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--from", dest="shared", required=True, help="folder of the original datasets")
    parser.add_argument("--out", default=None, help="output file (default: the bundled table)")
    args = parser.parse_args(argv)
    rows, offense = build_atop_obligations(Path(args.shared))
    out = Path(args.out) if args.out else table_path("atop_obligations.csv")
    write_rows(rows, out)
    sys.stdout.write(f"{len(rows)} obligations written to {out}; {len(offense)} offense runs not bundled\n")
    rivalries = build_rivalries(Path(args.shared))
    out = Path(args.out).with_name("rivalries.csv") if args.out else table_path("rivalries.csv")
    write_rows(rivalries, out, "rivalries")
    sys.stdout.write(f"{len(rivalries)} rivalries written to {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def atop_obligations_frame(shared_data: Path) -> pd.DataFrame:
    """``atop_obligations.csv`` as a DataFrame of strings (the builder used by ``secarch data build``)."""
    import pandas as pd

    rows, _ = build_atop_obligations(Path(shared_data))
    return pd.DataFrame(rows, columns=list(ORG_TABLES["atop_obligations"]))


def rivalries_frame(shared_data: Path) -> pd.DataFrame:
    """``rivalries.csv`` as a DataFrame of strings (the builder used by ``secarch data build``)."""
    import pandas as pd

    return pd.DataFrame(build_rivalries(Path(shared_data)), columns=list(ORG_TABLES["rivalries"]))
