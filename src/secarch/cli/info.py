"""``secarch version``: what is installed."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command("version", help="Print the version of secarch.")(version)


def version() -> None:
    from secarch import __version__

    typer.echo(__version__)
