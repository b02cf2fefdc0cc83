"""``secarch negotiate``: predict the outcome of a multi-party negotiation (SMP, BDM or NBS)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from secarch.cli._common import print_json

SOURCE_HELP = "Forum file (YAML), KTAB scenario (CSV), or a bundled forum name (rules-of-coexistence)."
OPTION_HELP = (
    "Engine option KEY=VALUE, repeatable (e.g. -o max_turns=50, -o rounds=5); see docs/negotiation.md."
)


def register(app: typer.Typer) -> None:
    app.command(
        "negotiate",
        help="Predict a negotiation's outcome, each actor's distance from its ideal, who moved toward whom.",
    )(negotiate)


def _parse_options(pairs: list[str]) -> dict[str, Any]:
    from ruamel.yaml import YAML

    from secarch.errors import InputError

    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise InputError.single(
                f"bad option {pair!r}", field="--option", expected="KEY=VALUE", hint="e.g. -o max_turns=50"
            )
        # YAML scalars: numbers, booleans and strings as a person would write them
        values[key.strip()] = YAML(typ="safe").load(raw) if raw.strip() else ""
    return values


def negotiate(
    source: str = typer.Argument(..., help=SOURCE_HELP),
    model: str = typer.Option("smp", "--model", "-m", help="smp (KTAB), bdm (expected utility) or nbs."),
    json: bool = typer.Option(
        False, "--json", help="Machine-readable output (documented in docs/negotiation.md)."
    ),
    plot: Path = typer.Option(None, "--plot", help="Write the trajectories as a PNG (needs matplotlib)."),
    option: list[str] = typer.Option([], "--option", "-o", help=OPTION_HELP),
    capabilities_year: int = typer.Option(
        None,
        "--capabilities-year",
        help="Complete missing capabilities of state actors with their CINC score in this year (bundled NMC "
        "v7.0; after 2022 carried forward).",
    ),
) -> None:
    """Exit 0 on success, 2 on bad input."""
    from secarch.negotiation import make_options
    from secarch.negotiation import negotiate as run
    from secarch.negotiation.forum import load_negotiation

    options = make_options(model, _parse_options(option))
    spec = load_negotiation(source, capabilities_year=capabilities_year)
    result = run(spec, model, options)
    if plot is not None:
        from secarch.negotiation.plot import plot_trajectories

        plot_trajectories(result, plot)
    if json:
        print_json(result.as_dict())
        return
    _print_result(result, plot)


def _print_result(result: Any, plot: Path | None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    spec = result.spec
    state = "converged" if result.converged else "did not converge (last state shown)"
    console.print(f"[bold]{spec.name}[/bold] — {result.model.upper()}: {result.steps} step(s), {state}")
    cycle = list(result.details.get("cycle", []))
    if cycle:
        console.print(
            f"The run ends in a cycle: from step {cycle[0]} the positions repeat every {cycle[1]} step(s); "
            "the outcome is taken from the last step."
        )
    outcome = Table(title="Predicted outcome", title_justify="left")
    for column in ("issue", "outcome", "range of positions"):
        outcome.add_column(column)
    for k, issue in enumerate(spec.issues):
        low, high = spec.position[:, k].min(), spec.position[:, k].max()
        outcome.add_row(issue, f"{result.outcome[k]:.1f}", f"{low:g} – {high:g}")
    console.print(outcome)
    actors = Table(
        title="Actors (distance: salience-weighted, 0 = outcome at the actor's ideal, 1 = farthest)"
    )
    for column in ("actor", "capability", "distance", "moved", "last moved toward"):
        actors.add_column(column)
    last_toward: dict[str, str] = {}
    for move in result.moves():
        last_toward[move["actor"]] = move["toward"]
    for i, actor in enumerate(spec.actors):
        actors.add_row(
            actor,
            f"{spec.capability[i]:.4g}",
            f"{result.distance[i]:.3f}",
            f"{result.moved[i]:.3f}",
            last_toward.get(actor, "—"),
        )
    console.print(actors)
    summary = result.consideration()
    console.print(
        f"Mutual consideration: max distance {summary['max_distance']:.3f} ({summary['farthest_actor']}), "
        f"mean {summary['mean_distance']:.3f}, "
        f"capability-weighted {summary['capability_weighted_distance']:.3f}, "
        f"rank correlation capability–distance {summary['capability_distance_rank_correlation']:+.2f}"
    )
    if plot is not None:
        console.print(f"Trajectories written to {plot}")
