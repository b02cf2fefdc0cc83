"""``secarch simulate``: Monte Carlo crisis simulation of one architecture, or several on common random
numbers."""

from __future__ import annotations

from typing import Any

import typer

from secarch.cli._common import print_json

FILE_HELP = "Architecture file(s) or bundled name(s); with several, they are compared on the same seeds."


def register(app: typer.Typer) -> None:
    app.command("simulate", help="Simulate disputes, escalation and alliance joining (Monte Carlo).")(
        simulate
    )


def simulate(
    files: list[str] = typer.Argument(..., help=FILE_HELP, show_default=False),
    years: int = typer.Option(10, "--years", "-n", help="Horizon in years."),
    runs: int = typer.Option(1000, "--runs", "-r", help="Monte Carlo runs."),
    seed: int = typer.Option(None, "--seed", "-s", help="Seed (default: fresh entropy, printed)."),
    start: int = typer.Option(None, "--start", help="First simulated year (default: reference year)."),
    reliability: str = typer.Option(
        "as-written",
        "--reliability",
        help="Scale on guarantee credibilities: a number in [0, 1] or as-written, llm2000, bf2018, "
        "bf2018-post1945 (docs/crisis.md).",
    ),
    offence_dominance: float = typer.Option(
        None, "--offence-dominance", help="Chain-ganging factor in [0, 1]."
    ),
    chunk_runs: int = typer.Option(None, "--chunk-runs", help="Runs per chunk (memory bound)."),
    top: int = typer.Option(10, "--top", help="Rows of the dyad, pull and path tables."),
    json: bool = typer.Option(False, "--json", help="Machine-readable output (docs/crisis.md)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
) -> None:
    """Probability of war over the horizon, expected wars, war sizes, state and dyad risk and the most
    frequent escalation paths, each with a 95% interval. The seed is printed: pass it back to reproduce."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from secarch.crisis.params import CrisisParams
    from secarch.crisis.simulate import as_seed_sequence, compare
    from secarch.crisis.simulate import simulate as run_one
    from secarch.errors import InputError
    from secarch.spec import load_architecture

    if runs < 1 or runs > 10_000_000:
        raise InputError.single(f"bad --runs {runs}", field="--runs", expected="1 to 10,000,000 runs")
    if years < 1 or years > 200:
        raise InputError.single(f"bad --years {years}", field="--years", expected="1 to 200 years")
    if top < 0:
        raise InputError.single(f"bad --top {top}", field="--top", expected="a number >= 0")
    if chunk_runs is not None and chunk_runs < 1:
        raise InputError.single(
            f"bad --chunk-runs {chunk_runs}", field="--chunk-runs", expected="a number >= 1"
        )
    changes: dict[str, Any] = {}
    if offence_dominance is not None:
        changes["offence_dominance"] = offence_dominance
    params = CrisisParams.with_reliability(reliability, **changes)
    archs = [load_architecture(f) for f in files]
    seq = as_seed_sequence(seed)
    console = Console(stderr=True)
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not progress,
    )
    with bar:
        task = bar.add_task("preparing", total=runs * len(archs))
        bar.update(task, description="simulating")
        advance = lambda k: bar.advance(task, k)  # noqa: E731 - a one-line callback
        # the same horizon, runs, seed and start for one architecture or several (common random numbers)
        options: dict[str, Any] = {
            "years": years,
            "runs": runs,
            "seed": seq,
            "start": start,
            "chunk_runs": chunk_runs,
            "progress": advance,
        }
        if len(archs) == 1:
            result, comparison = run_one(archs[0], params, **options), None
        else:
            comparison = compare(archs, params, **options)
    if json:
        print_json(result.as_dict(top) if comparison is None else comparison.as_dict())
        return
    out = Console()
    results = [result] if comparison is None else list(comparison.results)
    for r in results:
        _print_result(out, r, top)
    if comparison is not None:
        _print_comparison(out, comparison)
    entropy = results[0].seed["entropy"]
    out.print(f"seed {entropy} (rerun with --seed {entropy}); {results[0].dyad_years:,} dyad-years simulated")


def _fmt(e: Any, pct: bool = False) -> str:
    if pct:
        return _percent(e.value, e.low, e.high)
    return f"{e.value:.3g} [{e.low:.3g}, {e.high:.3g}]"


def _percent(value: float, low: float, high: float) -> str:
    """'12.5% [10.1, 15.0]': a probability and its interval in percent."""
    return f"{100 * value:.1f}% [{100 * low:.1f}, {100 * high:.1f}]"


def _print_result(out: Any, result: Any, top: int) -> None:
    from rich.table import Table

    years = f"{result.years[0]}–{result.years[-1]}"
    table = Table(title=f"{result.architecture}: {years}, {result.runs:,} runs (95% intervals)")
    table.add_column("measure")
    table.add_column("estimate", justify="right")
    s = result.summary()
    table.add_row("P(at least one war)", _fmt(s["p_any_war"], pct=True))
    table.add_row("expected wars", _fmt(s["expected_wars"]))
    table.add_row("expected disputes", _fmt(s["expected_disputes"]))
    table.add_row("disputes that become wars", _fmt(s["escalation_share"], pct=True))
    table.add_row("two-state wars", _fmt(s["two_state_share"], pct=True))
    table.add_row("states per war", _fmt(s["mean_war_size"]))
    out.print(table)
    if top == 0:
        return
    states = result.state_risk().head(top)
    t = Table(title="states most at risk: P(at war at least once)")
    for c in ("state", "P(war)", "expected wars"):
        t.add_column(c, justify="right" if c != "state" else "left")
    for row in states.itertuples(index=False):
        t.add_row(
            row.state,
            _percent(row.p_war, row.p_low, row.p_high),
            f"{row.expected_wars:.3g}",
        )
    out.print(t)
    dyads = result.dyad_risk(top)
    if len(dyads):
        t = Table(title="pairs most at risk: P(fighting each other at least once)")
        t.add_column("pair")
        t.add_column("P(war)", justify="right")
        for row in dyads.itertuples(index=False):
            t.add_row(
                f"{row.state_a}–{row.state_b}",
                _percent(row.p_war, row.p_low, row.p_high),
            )
        out.print(t)
    paths = result.paths(top)
    if len(paths):
        t = Table(title="most frequent escalation paths (challenger → target; who pulled whom in)")
        t.add_column("path")
        t.add_column("P(at least once)", justify="right")
        t.add_column("share of wars", justify="right")
        for row in paths.itertuples(index=False):
            t.add_row(
                row.path,
                _percent(row.p, row.p_low, row.p_high),
                f"{100 * row.share_of_wars:.1f}%",
            )
        out.print(t)
    sizes = result.war_sizes()
    if len(sizes):
        if len(sizes) > max(top, 1):
            sizes = sizes.sort_values(["share", "size"], ascending=[False, True]).head(max(top, 1))
        t = Table(title="war sizes (states at war; the most frequent)")
        t.add_column("states", justify="right")
        t.add_column("share of wars", justify="right")
        for row in sizes.itertuples(index=False):
            t.add_row(str(row.size), _percent(row.share, row.low, row.high))
        out.print(t)
    if result.source:
        out.print(f"[dim]{result.source}[/dim]")


def _print_comparison(out: Any, comparison: Any) -> None:
    from rich.table import Table

    t = Table(title=f"differences from {comparison.baseline.architecture} (same seeds; paired 95% intervals)")
    t.add_column("architecture")
    t.add_column("Δ P(at least one war)", justify="right")
    t.add_column("Δ expected wars", justify="right")
    for row in comparison.differences().itertuples(index=False):
        t.add_row(
            row.architecture,
            f"{100 * row.d_p_any_war:+.1f} [{100 * row.d_p_low:+.1f}, {100 * row.d_p_high:+.1f}] pts",
            f"{row.d_expected_wars:+.3g} [{row.d_wars_low:+.3g}, {row.d_wars_high:+.3g}]",
        )
    out.print(t)
