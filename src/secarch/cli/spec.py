"""``secarch validate``, ``secarch show`` and ``secarch schema``: architecture files."""

from __future__ import annotations

from pathlib import Path

import typer

from secarch.cli._common import ARCHITECTURE_HELP, EXIT_BAD_INPUT, YEAR_HELP, Exit, print_json


def register(app: typer.Typer) -> None:
    app.command("validate", help="Check architecture files; print every problem with its location.")(validate)
    app.command("show", help="Show what an architecture has in force on a date.")(show)
    app.command("schema", help="Print the JSON Schema of architecture files (for editors).")(schema)


def validate(
    files: list[str] = typer.Argument(..., help=ARCHITECTURE_HELP),
    json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Exit 0 when every file is valid, 2 when any is not."""
    from secarch.errors import InputError
    from secarch.spec import load_architecture

    results = []
    for file in files:
        try:
            arch = load_architecture(file)
        except InputError as error:
            results.append({"file": file, "valid": False, "problems": [p.as_dict() for p in error.problems]})
            if not json:
                typer.echo(f"invalid: {file}", err=True)
                typer.echo(error.format(), err=True)
            continue
        sizes = {s: len(arch.elements(s)) for s in ("organisations", "memberships", "agreements", "disputes")}
        results.append({"file": file, "valid": True, "name": arch.name, "counts": sizes, "problems": []})
        if not json:
            counts = ", ".join(f"{n} {s}" for s, n in sizes.items())
            typer.echo(f"ok: {file} ({arch.name}: {len(arch.participants)} states, {counts})")
    if json:
        print_json(results)
    if not all(r["valid"] for r in results):
        raise Exit(EXIT_BAD_INPUT)


def show(
    file: str = typer.Argument(None, help=ARCHITECTURE_HELP, show_default=False),
    year: str = typer.Option(None, "--year", "--date", "-y", help=YEAR_HELP),
    json: bool = typer.Option(False, "--json", help="Machine-readable output (documented in docs/cli.md)."),
    list_bundled: bool = typer.Option(False, "--list", help="List the bundled architectures."),
) -> None:
    from secarch.spec import bundled_names

    if list_bundled or file is None:
        names = bundled_names()
        if json:
            print_json(names)
        else:
            typer.echo("\n".join(names))
        return
    from secarch.model.summary import describe
    from secarch.spec import load_architecture

    summary = describe(load_architecture(file), year)
    if json:
        print_json(summary)
        return
    _print_summary(summary)


def _print_summary(summary: dict[str, object]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(f"[bold]{summary['title']}[/bold] ({summary['architecture']}) on {summary['date']}")
    states = summary["states"]
    assert isinstance(states, list)
    console.print(f"{len(states)} states: {', '.join(states)}")
    not_states = summary["not_states"]
    assert isinstance(not_states, list)
    if not_states:
        console.print(
            f"participants that are not states on this date (CoW state system): {', '.join(not_states)}"
        )
    orgs = Table(
        "organisation", "kind", "members", "other statuses", title="Organisations", title_justify="left"
    )
    for org in summary["organisations"]:  # type: ignore[attr-defined]
        others = "; ".join(f"{k}: {', '.join(v)}" for k, v in org["other_statuses"].items())
        orgs.add_row(org["id"], org["kind"], f"{len(org['members'])}: {', '.join(org['members'])}", others)
    console.print(orgs)
    agreements = Table(
        "agreement", "type", "parties", "credibility", title="Agreements in force", title_justify="left"
    )
    for agr in summary["agreements"]:  # type: ignore[attr-defined]
        agreements.add_row(agr["id"], agr["type"], ", ".join(agr["parties"]), f"{agr['credibility']:.2f}")
    console.print(agreements)
    disputes = Table("dispute", "sides", "issue", "intensity", title="Active disputes", title_justify="left")
    for d in summary["disputes"]:  # type: ignore[attr-defined]
        sides = f"{', '.join(d['side_a'])} vs {', '.join(d['side_b'])}"
        disputes.add_row(
            d["id"], sides, d["issue"] + (f" ({d['territory']})" if d["territory"] else ""), d["intensity"]
        )
    console.print(disputes)


def schema(
    out: Path = typer.Option(None, "--out", "-o", help="Write to this file instead of standard output."),
) -> None:
    import json as json_module

    from secarch.spec import architecture_file_schema
    from secarch.spec.yamlio import atomic_write

    text = json_module.dumps(architecture_file_schema(), indent=2) + "\n"
    if out is None:
        typer.echo(text, nl=False)
    else:
        atomic_write(out, text)
        typer.echo(f"wrote {out}", err=True)
