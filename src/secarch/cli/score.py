"""``secarch score`` and ``secarch whatif``: the security model (docs/security.md)."""

from __future__ import annotations

from typing import Any

import typer

from secarch.cli._common import ARCHITECTURE_HELP, YEAR_HELP, print_json

PARAM_HELP = "Change a model parameter, NAME=VALUE (e.g. restraint_weight=0.5); repeatable. docs/security.md."


def register(app: typer.Typer) -> None:
    app.command("score", help="Security of every state of an architecture (own, support, threat).")(score)
    app.command("whatif", help="Every state's change in security when elements are removed or added.")(whatif)


def score(
    file: str = typer.Argument(..., help=ARCHITECTURE_HELP),
    year: str = typer.Option(None, "--year", "--date", "-y", help=YEAR_HELP),
    json: bool = typer.Option(False, "--json", help="Machine-readable output (see docs/security.md)."),
    csv: bool = typer.Option(
        False,
        "--csv",
        help="CSV on standard output: state,security,own,support,threat; with --elements one row per "
        "element instead (element,kind,class,parties,parties_mean_change,…).",
    ),
    elements: bool = typer.Option(
        False, "--elements", help="Also classify every element by its leave-one-out effect."
    ),
    threshold: float = typer.Option(
        0.001, "--threshold", help="Smallest change counted as a gain or loss (finite, between 0 and 1)."
    ),
    param: list[str] = typer.Option(None, "--param", "-p", help=PARAM_HELP),
) -> None:
    """Security_i = (own + support) / (own + support + threat); see docs/security.md."""
    from secarch.security.adapter import build_case
    from secarch.security.classify import check_threshold
    from secarch.security.params import SecurityParams

    _check_exclusive(json, csv)
    # Checked before the model is built, so that a bad value fails at once.
    threshold = check_threshold(threshold, field="--threshold")
    case = build_case(file, year, SecurityParams().with_settings(param or []))
    scores = case.scores()
    classification = case.classify(threshold) if elements else None
    if json:
        payload: dict[str, Any] = {
            "architecture": case.architecture,
            "date": case.date,
            "notes": list(case.notes),
        }
        payload.update(scores.as_dict())
        if classification is not None:
            payload["elements"] = classification.as_dict()["elements"]
            payload["threshold"] = threshold
        print_json(payload)
        return
    if csv:
        frame = scores.to_frame() if classification is None else classification.to_frame()
        typer.echo(frame.to_csv(index=False, float_format="%.6g"), nl=False)
        return
    _print_notes(case.notes)
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(
        "state", "security", "own", "support", "threat", title=f"{case.architecture} on {case.date}"
    )
    for row in scores.to_frame().itertuples():
        table.add_row(
            row.state, f"{row.security:.3f}", f"{row.own:.4f}", f"{row.support:.4f}", f"{row.threat:.4f}"
        )
    console.print(table)
    if classification is not None:
        effects = Table("element", "kind", "class", "gainers", "losers (largest first)", title="Elements")
        for e in classification.effects:
            losers = ", ".join(f"{s} {v:+.3f}" for s, v in e.losers[:4]) + (" …" if len(e.losers) > 4 else "")
            effects.add_row(e.element, e.kind, e.effect_class, str(len(e.gainers)), losers)
        console.print(effects)


def whatif(
    file: str = typer.Argument(..., help=ARCHITECTURE_HELP),
    remove: list[str] = typer.Option(
        None,
        "--remove",
        "-r",
        help="Element to remove: agreement, dispute or rivalry id, membership ORG:STATE, or an organisation "
        "id (its memberships and agreements). Repeat the option or separate ids with commas.",
    ),
    add: str = typer.Option(
        None,
        "--add",
        "-a",
        help="Patch file with add:, remove: and modify: sections (as in an architecture file).",
    ),
    year: str = typer.Option(None, "--year", "--date", "-y", help=YEAR_HELP),
    json: bool = typer.Option(False, "--json", help="Machine-readable output (see docs/security.md)."),
    plot: str = typer.Option(None, "--plot", help="Write a bar chart of the changes (.png, .svg or .pdf)."),
    param: list[str] = typer.Option(None, "--param", "-p", help=PARAM_HELP),
) -> None:
    """Remove and add elements in one batch and report every state's security before and after."""
    from secarch.errors import InputError
    from secarch.security.adapter import what_if
    from secarch.security.params import SecurityParams

    ids = [part.strip() for item in (remove or []) for part in item.split(",") if part.strip()]
    if not ids and add is None:
        raise InputError.single(
            "nothing to change", field="--remove/--add", expected="--remove ID and/or --add PATCH.yaml"
        )
    result = what_if(file, ids, add, year, SecurityParams().with_settings(param or []))
    if plot is not None:
        from secarch.security.plot import plot_changes

        written = plot_changes(result, plot)
        typer.echo(f"wrote {written}", err=True)
    if json:
        print_json({"architecture": file, **result.as_dict()})
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("state", "before", "after", "change", title=f"{result.change} ({result.year})")
    for row in result.to_frame().itertuples():
        table.add_row(row.state, f"{row.before:.3f}", f"{row.after:.3f}", f"{row.change:+.4f}")
    Console().print(table)


def _check_exclusive(json: bool, csv: bool) -> None:
    if json and csv:
        from secarch.errors import InputError

        raise InputError.single(
            "--json and --csv exclude each other", field="--json/--csv", expected="one of them"
        )


def _print_notes(notes: tuple[str, ...]) -> None:
    for note in notes:
        typer.echo(f"note: {note}", err=True)
