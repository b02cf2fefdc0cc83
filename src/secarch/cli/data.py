"""``secarch data show``: the bundled, sourced data tables.

The organisation tables are printed by :mod:`secarch.cli._orgdata`; `states` by :func:`secarch.data.states`.
"""

from __future__ import annotations

import typer

from secarch.cli._common import print_json
from secarch.cli._orgdata import ORG_TABLES, show_org_table

data_app = typer.Typer(help="The bundled data tables (each row with its source).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
    data_app.command("show", help="Show a bundled table on a date; --json for every column.")(show)


def show(
    what: str = typer.Argument(..., help=" | ".join((*ORG_TABLES, "states"))),
    year: str = typer.Option(
        None, "--year", "--date", "-y", help="Year (its 1 July) or ISO date, 1991 to 2025-06-30."
    ),
    json: bool = typer.Option(False, "--json", help="Machine-readable output: every column of every row."),
    limit: int = typer.Option(250, "--limit", help="Rows printed as text (0: all); --json prints all."),
) -> None:
    """Rows in force on the date (default 30 Jun 2025; organisations: members and other statuses then)."""
    if what != "states":
        show_org_table(what, year, json, limit)
        return
    from secarch.data import states

    frame = states(int(year) if year else None)
    columns = ["iso3", "ccode", "name", "region", "subregion", "capital"]
    if json:
        print_json(frame[[*columns, "source"]].to_dict("records"))
        return
    for record in frame[columns].astype(str).to_dict("records"):
        typer.echo("  ".join(record[c] for c in columns))
