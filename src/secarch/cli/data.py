"""``secarch data show``: the bundled, sourced data tables (organisations, memberships, agreements,
disputes; and the states table)."""

from __future__ import annotations

import typer

from secarch.cli._common import print_json

data_app = typer.Typer(help="The bundled data tables (each row with its source).", no_args_is_help=True)

WHAT_HELP = "organisations | memberships | agreements | disputes | states"
YEAR_HELP = "Year (its 1 July) or ISO date, 1991 to 2025-06-30; default: 30 Jun 2025."

COLUMNS = {
    "organisations": ("id", "name_then", "kind", "members", "other_statuses", "defence_clause"),
    "memberships": ("organisation", "state", "status", "start", "end", "detail"),
    "agreements": ("id", "type", "organisation", "parties", "start", "end", "credibility"),
    "disputes": ("id", "side_a", "side_b", "issue", "intensity", "start", "end", "territory"),
}


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
    data_app.command("show", help="Show a bundled table on a date; --json for every column.")(show)


def show(
    what: str = typer.Argument(..., help=WHAT_HELP),
    year: str = typer.Option(None, "--year", "--date", "-y", help=YEAR_HELP),
    json: bool = typer.Option(False, "--json", help="Machine-readable output: every column of every row."),
) -> None:
    """Rows in force on the date (organisations: members and other statuses then)."""
    if what == "states":
        _show_states(year, json)
        return
    from secarch.data.orgs import view

    rows = view(what, year)
    if json:
        print_json(rows)
        return
    from rich.console import Console
    from rich.table import Table

    from secarch.data.orgs import resolve_day

    columns = COLUMNS[what]
    table = Table(*columns, title=f"{what} on {resolve_day(year)} ({len(rows)} rows)", title_justify="left")
    for row in rows:
        table.add_row(*(_short(row.get(c, "")) for c in columns))
    Console().print(table)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _show_states(year: str | None, json: bool) -> None:
    from secarch.data import states

    frame = states(int(year) if year else None)
    columns = ["iso3", "ccode", "name", "region", "subregion", "capital"]
    if json:
        print_json(frame[[*columns, "source"]].to_dict("records"))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, title=f"states ({len(frame)})", title_justify="left")
    for record in frame[columns].astype(str).to_dict("records"):
        table.add_row(*(record[c] for c in columns))
    Console().print(table)
