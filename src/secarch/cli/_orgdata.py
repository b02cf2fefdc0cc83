"""The organisation tables for ``secarch data show`` (organisations, memberships, agreements, disputes).

Kept apart from the ``data`` verb group so that the group's module only has to dispatch these names here.
"""

from __future__ import annotations

from typing import Any

import typer

from secarch.cli._common import print_json

ORG_TABLES = ("organisations", "memberships", "agreements", "disputes")

COLUMNS = {
    "organisations": ("id", "name_then", "kind", "members", "other_statuses", "defence_clause"),
    "memberships": ("organisation", "state", "status", "start", "end", "detail"),
    "agreements": ("id", "type", "organisation", "parties", "start", "end", "credibility"),
    "disputes": ("id", "side_a", "side_b", "issue", "intensity", "start", "end", "territory"),
}


def show_org_table(what: str, when: str | int | None, json: bool, limit: int = 0) -> None:
    """Print the rows of organisation table ``what`` in force on ``when``: a year (its 1 July), an ISO
    date (``YYYY-MM-DD``) or None (30 Jun 2025)."""
    from secarch.data.orgs import resolve_day, view

    day = resolve_day(when, field="--year/--date")
    rows = view(what, day)
    if json:
        print_json(rows)
        return
    from rich.console import Console
    from rich.table import Table

    columns = COLUMNS[what]
    shown = rows if limit <= 0 else rows[:limit]
    table = Table(*columns, title=f"{what} on {day}: {len(rows)} rows", title_justify="left")
    for row in shown:
        table.add_row(*(_short(_text(row.get(c, ""))) for c in columns))
    Console().print(table)
    if len(shown) < len(rows):
        typer.echo(f"… {len(rows) - len(shown)} more rows (--limit 0 or --json for all)")


def _text(value: Any) -> str:
    """A cell as text: ``{status: count}`` as ``observer 2, partner 11``."""
    if isinstance(value, dict):
        return ", ".join(f"{key} {count}" for key, count in value.items())
    return str(value)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
