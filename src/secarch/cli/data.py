"""``secarch data``: list, show, cite and rebuild the bundled tables; check a dataset file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from secarch.cli._common import EXIT_FINDINGS, Exit, print_json
from secarch.cli._orgdata import ORG_TABLES, show_org_table

data_app = typer.Typer(
    help="Bundled state data (codes, capitals, capabilities, geography) and the original datasets.",
    no_args_is_help=True,
)

#: table name → (file, description); `show` accepts these names
TABLES: dict[str, tuple[str, str]] = {
    "states": ("states.csv", "every CoW state (1816-2016) and entities outside the CoW system, with codes"),
    "capitals": ("capitals.csv", "capital spells with coordinates"),
    "capabilities": (
        "capabilities.csv",
        "NMC v7.0 components and CINC, 1991-2022; 2023-2025 carried forward",
    ),
    "contiguity": ("contiguity.csv", "CoW Direct Contiguity v3.2 spells (types 1-5)"),
    "min-distance": ("min_distance.csv", "minimum distances between states (km), 1946-2019, as spells"),
    "capital-distances": ("capital_distances.csv", "great-circle distances between capitals (km, miles)"),
    "nuclear": ("nuclear_weapons.csv", "nuclear-weapon status spells (hand table with sources)"),
    "sources": ("sources_states.csv", "the datasets the tables draw on"),
}

#: columns printed by `show` without --json (everything is in --json)
SHORT_COLUMNS: dict[str, list[str]] = {
    "states": ["iso3", "ccode", "gwcode", "name", "subregion", "capital"],
    "capitals": ["iso3", "capital", "start", "end", "lat", "lon"],
    "capabilities": ["iso3", "year", "cinc", "milex", "milper", "tpop", "carried_forward"],
    "contiguity": ["iso3_1", "iso3_2", "conttype", "start", "end"],
    "min-distance": ["iso3_1", "iso3_2", "start_year", "end_year", "mindist_km"],
    "capital-distances": ["iso3_1", "iso3_2", "km", "miles"],
    "nuclear": ["iso3", "status", "start_year", "end_year", "first_test", "basis"],
    "sources": ["key", "title", "version", "coverage", "licence"],
}


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")


@data_app.command("list")
def list_tables(json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the bundled tables with their size and content."""
    import csv

    from secarch.data._paths import table_path

    rows = []
    for name, (file, description) in TABLES.items():
        with table_path(file).open(newline="", encoding="utf-8") as handle:
            count = sum(1 for _ in csv.reader(handle)) - 1
        rows.append({"table": name, "file": file, "rows": count, "content": description})
    if json_output:
        print_json(rows)
        return
    _print_rows(rows, ["table", "rows", "content"], title="bundled tables (secarch data show TABLE)")


#: first and last year of tables that cover a bounded span (None: unbounded on that side), for notes
COVERAGE: dict[str, tuple[int | None, int | None]] = {
    "states": (1816, None),
    "capabilities": (1991, 2025),
    "contiguity": (1816, None),
    "min-distance": (1946, None),
    "nuclear": (None, 2025),
}


def _frame_for(table: str, year: int | None) -> Any:
    import secarch.data as data
    from secarch.data import tables_api

    if table == "states":
        return data.states(year)
    if table == "capabilities":
        return data.capabilities(year)
    if table == "sources":
        return data.sources()
    frame = tables_api._read(TABLES[table][0], keep_default_na=False, na_values=[""])
    if year is None:
        return frame
    if table == "capitals":
        caps = data.capitals()
        day_first, day_last = f"{year}-01-01", f"{year}-12-31"
        keep = (caps["start"].isna() | (caps["start"] <= day_last)) & (
            caps["end"].isna() | (caps["end"] >= day_first)
        )
        return caps[keep]
    if table == "contiguity":
        starts = frame["start"].str[:4].astype(int)
        ends = frame["end"].str[:4].astype(int)
        # CoW v3.2 ends in 2016: spells in force then are carried forward
        ends = ends.where(frame["ongoing_at_end"] == 0, 9999)
        return frame[(starts <= year) & (ends >= year)]
    if table == "min-distance":
        lookup = min(year, 2019)
        return frame[(frame["start_year"] <= lookup) & (frame["end_year"] >= lookup)]
    if table == "nuclear":
        if year > tables_api.NUCLEAR_LAST_YEAR:  # outside the table's coverage: missing, not "no weapons"
            return frame.iloc[0:0]
        ends = frame["end_year"].fillna(9999)
        return frame[(frame["start_year"] <= year) & (ends >= year)]
    return frame


def _year_of(table: str, text: str | None) -> int | None:
    """The year given to ``--year`` for a yearly table; a day or anything else is an input error."""
    import re

    from secarch.errors import InputError

    if text is None:
        return None
    if not re.fullmatch(r"[0-9]{1,4}", text.strip()):
        raise InputError.single(
            f"{text!r} is not a year",
            field="--year",
            expected=f"a year such as 2020 (the {table} table is by year)",
            hint="a day (--date YYYY-MM-DD) applies to " + ", ".join(ORG_TABLES),
        )
    return int(text)


def _notes(table: str, year: int) -> list[str]:
    """What the rows of ``table`` for ``year`` are: carried forward, or outside the table's coverage."""
    notes = []
    first, last = COVERAGE.get(table, (None, None))
    if (first is not None and year < first) or (last is not None and year > last):
        span = f"{first}-{last}" if first and last else (f"from {first}" if first else f"to {last}")
        notes.append(
            f"note: {year} is outside the {table} table's coverage ({span}): no data (missing, not zero)"
        )
    elif table == "capabilities" and year > 2022:
        notes.append(f"note: {year} repeats the 2022 values of NMC v7.0 (carried forward, not observed)")
    elif table == "contiguity" and year > 2016:
        notes.append(f"note: CoW contiguity ends in 2016; spells in force then are carried forward to {year}")
    elif table == "min-distance" and year > 2019:
        notes.append(f"note: minimum distances end in 2019; the 2019 values are carried forward to {year}")
    if table == "states":
        notes.append(
            "note: PSE and VAT are outside the CoW state system and have no dates in the table: they are "
            "listed for every year"
        )
    return notes


@data_app.command("show")
def show(
    table: Annotated[str, typer.Argument(help="Table: " + ", ".join((*TABLES, *ORG_TABLES)) + ".")],
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            "--date",
            "-y",
            help="Only rows in force then: a year; for " + ", ".join(ORG_TABLES) + " a year (its 1 July) "
            "or a day (YYYY-MM-DD).",
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print every column as JSON.")] = False,
    limit: Annotated[
        int, typer.Option("--limit", help="Rows printed as text (0: all); --json prints all.")
    ] = 250,
) -> None:
    """Show a bundled table (``states --year 2024`` lists the states in the system in 2024;
    ``organisations --date 2009-08-18`` the organisations and their members on that day)."""
    from secarch.errors import InputError

    if table in ORG_TABLES:  # organisations, memberships, agreements, disputes (docs/data.md)
        show_org_table(table, year, json_output, limit)
        return
    if table not in TABLES:
        raise InputError.single(
            f"unknown table {table!r}", field="table", expected="one of " + ", ".join((*TABLES, *ORG_TABLES))
        )
    when = _year_of(table, year)
    frame = _frame_for(table, when)
    records = _records(frame)
    if json_output:
        print_json(records)
        return
    title = f"{table}" + (f" in {when}" if when is not None else "") + f": {len(records)} rows"
    shown = records if limit <= 0 else records[:limit]
    _print_rows(shown, SHORT_COLUMNS[table], title=title)
    if len(shown) < len(records):
        typer.echo(f"… {len(records) - len(shown)} more rows (--limit 0 or --json for all)")
    for note in _notes(table, when) if when is not None else []:
        typer.echo(note)


@data_app.command("sources")
def sources(json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Every dataset the bundled tables and loaders use: version, coverage, citation and licence."""
    import secarch.data as data

    records = _records(data.sources())
    if json_output:
        print_json(records)
        return
    for row in records:
        typer.echo(f"{row['key']}: {row['title']} (version {row['version']}; coverage {row['coverage']})")
        typer.echo(f"  cite: {row['citation']}")
        typer.echo(f"  licence: {row['licence']}")
        typer.echo(f"  used for: {row['used_for']}")


@data_app.command("build")
def build(
    source: Annotated[
        Path, typer.Option("--from", help="Folder with the original datasets (cow/, atop/ …).")
    ],
    out: Annotated[
        Path | None, typer.Option("--out", help="Where to write the tables (default ./secarch-tables).")
    ] = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Overwrite the package's bundled tables (for developers).")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Rebuild in a temporary folder and compare with the bundled tables."),
    ] = False,
) -> None:
    """Rebuild the derived tables from the original datasets.

    By default the tables are written to ./secarch-tables (or --out), never over the bundled ones;
    --in-place overwrites the bundled tables; --check only compares (exit 1 if any table differs).
    """
    import tempfile

    from secarch.data._paths import TABLES_DIR
    from secarch.data.build import build_all
    from secarch.errors import InputError

    if sum([in_place, check, out is not None]) > 1:
        raise InputError.single(
            "choose one of --out, --in-place and --check", field="--out", hint="see secarch data build --help"
        )
    if not source.is_dir():
        raise InputError.single(
            "the dataset folder does not exist",
            file=source,
            field="--from",
            hint="e.g. --from ../shared/data",
        )
    if check:
        with tempfile.TemporaryDirectory() as tmp:
            written = build_all(source, tmp)
            differ = [
                name
                for name, path in written.items()
                if path.read_bytes() != (TABLES_DIR / name).read_bytes()
            ]
        for name in written:
            typer.echo(f"{'DIFFERS' if name in differ else 'same   '} {name}")
        if differ:
            raise Exit(EXIT_FINDINGS)
        return
    target = TABLES_DIR if in_place else (out if out is not None else Path("secarch-tables"))
    written = build_all(source, target)
    for path in written.values():
        typer.echo(f"wrote {path}")
    if not in_place:
        typer.echo("the bundled tables are unchanged (use --in-place to overwrite them)")


@data_app.command("check")
def check_file(
    kind: Annotated[str, typer.Argument(help="Dataset layout, e.g. nmc, atop, ucdp-acd (see --help).")],
    file: Annotated[Path, typer.Argument(help="The .csv or .csv.gz file to check.")],
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check that a copy of an original dataset has the published layout; print its size and columns.

    Layouts: cow-states, cow-majors, cow-capitals, nmc, contiguity, mindist, mid-disputes,
    mid-participants, mid-dyad-years, war-inter, igo-membership, igo-membership-wide, igo-organizations,
    igo-states, atop, ucdp-acd, ucdp-onsets, td-rivalries, tss-rivalries, arms-races, maoz-powers,
    democracy, cow-system.
    """
    from secarch.data.external import LOADERS
    from secarch.errors import InputError

    if kind not in LOADERS:
        raise InputError.single(
            f"unknown layout {kind!r}", field="kind", expected="one of " + ", ".join(LOADERS)
        )
    frame = LOADERS[kind](file)
    summary = {
        "file": str(file),
        "layout": kind,
        "rows": len(frame),
        "columns": {name: str(dtype) for name, dtype in frame.dtypes.items()},
    }
    if json_output:
        print_json(summary)
        return
    typer.echo(f"{file}: a valid {kind} file with {len(frame)} rows")
    for name, dtype in summary["columns"].items():  # type: ignore[attr-defined]
        typer.echo(f"  {name}: {dtype}")


def _records(frame: Any) -> list[dict[str, Any]]:
    """JSON-ready rows: NaN/NaT become None, timestamps become ISO dates."""
    import pandas as pd

    out = []
    for row in frame.to_dict(orient="records"):
        clean: dict[str, Any] = {}
        for key, value in row.items():
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                clean[key] = None
            elif isinstance(value, pd.Timestamp):
                clean[key] = value.date().isoformat()
            elif hasattr(value, "item"):
                clean[key] = value.item()
            else:
                clean[key] = value
        out.append(clean)
    return out


def _print_rows(rows: list[dict[str, Any]], columns: list[str], *, title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    Console(width=160).print(table)
