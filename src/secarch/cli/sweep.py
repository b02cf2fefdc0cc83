"""``secarch sweep``: parameter sweeps and sensitivity analysis (run, status, analyse, parameters)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from secarch.cli._common import EXIT_FINDINGS, Exit, print_json

sweep_app = typer.Typer(
    name="sweep",
    help="Parameter sweeps and Sobol'/Morris sensitivity analysis, serial, on a process pool or on Dask.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)


def register(app: typer.Typer) -> None:
    app.add_typer(sweep_app, name="sweep")


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "unknown"
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@sweep_app.command("run")
def run(
    experiment: Path = typer.Argument(..., help="Experiment file (YAML); see docs/sweeps.md."),
    out: Path = typer.Option(..., "--out", "-o", help="Sweep folder (created; an existing one is resumed)."),
    backend: str = typer.Option("process", "--backend", "-b", help="serial | process | dask"),
    workers: int = typer.Option(
        None, "--workers", "-w", help="Worker processes (default: the CPUs available)."
    ),
    scheduler: str = typer.Option(
        None, "--scheduler", help="Address of a running Dask scheduler (tcp://host:port)."
    ),
    store_format: str = typer.Option("parquet", "--format", help="parquet (one file per batch) or duckdb."),
    max_tasks: int = typer.Option(None, "--max-tasks", help="Stop after this many tasks (resume later)."),
    json: bool = typer.Option(False, "--json", help="Print a JSON summary instead of the progress bar."),
) -> None:
    """Run an experiment; the progress bar shows the runs done and the time left. Exit 0 when the sweep is
    complete, 1 when tasks are left (--max-tasks), 2 on bad input."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as Bar

    from secarch.experiments.runner import run_sweep

    console = Console(stderr=True)
    if json:
        summary = run_sweep(
            experiment,
            out,
            backend=backend,
            workers=workers,
            scheduler=scheduler,
            store_format=store_format,
            max_tasks=max_tasks,
        )
    else:
        # the bar starts once the plan is ready, so that an input error is printed without an empty bar
        bar = Bar(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        handle = bar.add_task("runs", total=None)
        state: dict[str, Any] = {"first": True}

        def announce(plan: Any, store: Any, engine: Any) -> None:
            bar.console.print(
                f"[bold]{plan.experiment.name}[/bold]: {plan.n_points} point(s) × {len(plan.cases)} "
                f"architecture(s) × {plan.replications} replication(s) = {plan.total_runs} runs in "
                f"{plan.n_tasks} tasks; {engine.describe()}; seed {plan.seed}; store {store.path} "
                f"({store.format})"
            )
            bar.start()

        def progress(p: Any) -> None:
            if state["first"]:
                # work resumed from the store is shown as done but does not count toward the ETA's rate
                bar.update(handle, total=p.runs_total, completed=p.runs_done)
                bar.reset(handle, total=p.runs_total, completed=p.runs_done)
                state["first"] = False
            else:
                bar.update(handle, completed=p.runs_done)

        try:
            summary = run_sweep(
                experiment,
                out,
                backend=backend,
                workers=workers,
                scheduler=scheduler,
                store_format=store_format,
                max_tasks=max_tasks,
                progress=progress,
                on_plan=announce,
            )
        finally:
            bar.stop()
    if json:
        print_json(summary.as_dict())
    else:
        resumed = f", {summary.tasks_skipped} resumed from the store" if summary.tasks_skipped else ""
        state_text = "complete" if summary.complete else "incomplete (run again to resume)"
        console.print(
            f"{summary.tasks_run} task(s) run{resumed} in {_duration(summary.seconds)}; sweep {state_text}: "
            f"{summary.path}"
        )
    if not summary.complete:
        raise Exit(EXIT_FINDINGS)


@sweep_app.command("status")
def status(
    folder: Path = typer.Argument(..., help="Sweep folder."),
    json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """How far a sweep is (works while it runs). Exit 0 when complete, 1 when tasks are left."""
    from rich.console import Console

    from secarch.experiments.status import sweep_status

    info = sweep_status(folder)
    if json:
        print_json(info.as_dict())
    else:
        console = Console()
        share = info.runs_done / info.runs_total if info.runs_total else 1.0
        console.print(f"[bold]{info.name}[/bold] ({info.engine} engine, {info.design} design) in {info.path}")
        console.print(
            f"  {info.points} point(s) × {len(info.architectures)} architecture(s) "
            f"({', '.join(info.architectures)}) × {info.replications} replication(s); seed {info.seed}; "
            f"{info.store_format} store"
        )
        console.print(
            f"  tasks {info.tasks_done}/{info.tasks_total}, runs {info.runs_done}/{info.runs_total} "
            f"({share:.1%}); task time {_duration(info.task_seconds)}"
        )
        if info.complete:
            console.print("  complete")
        else:
            rate = f"{info.rate:.2f} tasks/s" if info.rate else "unknown rate"
            console.print(
                f"  last task finished {info.last_finished or 'never'}; {rate}; "
                f"time left at that rate {_duration(info.eta_seconds)}"
            )
    if not info.complete:
        raise Exit(EXIT_FINDINGS)


@sweep_app.command("analyse")
def analyse(
    folder: Path = typer.Argument(..., help="Sweep folder."),
    output: list[str] = typer.Option([], "--output", help="Analyse only this output (repeatable)."),
    out: Path = typer.Option(
        None, "--to", help="Folder for the tables and charts (default FOLDER/analysis)."
    ),
    plot: bool = typer.Option(True, "--plot/--no-plot", help="Bar charts (PNG; needs matplotlib)."),
    prim: str = typer.Option(None, "--prim", help="Scenario discovery: where does OUTPUT>VALUE hold? (PRIM)"),
    architecture: str = typer.Option(
        None, "--architecture", help="Architecture for --prim (default: the first)."
    ),
    conf_level: float = typer.Option(0.95, "--conf-level", help="Confidence level of the intervals."),
    resamples: int = typer.Option(100, "--resamples", help="Bootstrap resamples for the intervals."),
    json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Sobol' (sobol designs), Morris (morris designs) or rank-correlation (grid, lhs) sensitivity indices
    of every output, with confidence intervals; tables and charts go to FOLDER/analysis."""
    from secarch.experiments.sensitivity import analyse as run_analysis
    from secarch.experiments.sensitivity import discover, write_analysis

    result = run_analysis(folder, outputs=output or None, conf_level=conf_level, resamples=resamples)
    write_analysis(result, out, plot=plot)
    found = discover(folder, prim, architecture=architecture) if prim else None
    if json:
        payload = result.as_dict()
        if found is not None:
            payload["prim"] = found.as_dict()
        print_json(payload)
        return
    _print_analysis(result, found)


def _print_analysis(result: Any, found: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    layouts: dict[str, list[tuple[str, str | None]]] = {
        "sobol": [("S1", "S1_conf"), ("ST", "ST_conf")],
        "morris": [("mu_star", "mu_star_conf"), ("mu", None), ("sigma", None)],
        "rank-correlation": [("rho", None), ("rho_low", None), ("rho_high", None)],
    }
    columns = layouts.get(result.method, [])
    if not result.complete:
        console.print("[yellow]The sweep is not finished: the indices use the points done so far.[/yellow]")
    for (case, output), rows in result.indices.groupby(["architecture", "output"], sort=False):
        table = Table(
            title=f"{output} — {case} ({result.method}; noise share {rows['noise_share'].iloc[0]:.3f})"
        )
        table.add_column("parameter")
        for value, conf in columns:
            table.add_column(value + (" ± CI" if conf else ""), justify="right")
        key = columns[-1][0] if result.method == "sobol" else columns[0][0]
        order = rows.reindex(rows[key].abs().sort_values(ascending=False).index)
        for _, row in order.iterrows():
            cells = [str(row["parameter"])]
            for value, conf in columns:
                text = f"{row[value]:.3f}"
                if conf:
                    text += f" ± {row[conf]:.3f}"
                cells.append(text)
            table.add_row(*cells)
        console.print(table)
    for note in result.notes:
        console.print(f"note: {note}")
    if found is not None:
        chosen = found.trajectory[found.chosen]
        console.print(
            f"PRIM ({found.architecture}): {found.condition} holds in {chosen.density:.0%} of the points "
            f"of the box below, which covers {chosen.coverage:.0%} of all points where it holds "
            f"({chosen.mass:.0%} of the design):"
        )
        for name, limits in found.box.items():
            console.print(f"  {name}: {limits[0]} … {limits[-1]}")
    if result.files:
        console.print(f"written: {', '.join(str(f) for f in result.files)}")


@sweep_app.command("parameters")
def parameters(
    engine: str = typer.Argument(..., help="Engine: negotiation, security, crisis, or module:attribute."),
    architecture: str = typer.Argument(..., help="An architecture (or forum) the engine runs on."),
    json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """List an engine's parameters (name, kind, default, valid values) and outputs for an architecture."""
    from rich.console import Console
    from rich.table import Table

    from secarch.experiments.engines import get_engine

    adapter = get_engine(engine)
    case = adapter.load_case(architecture, Path.cwd())
    infos = adapter.parameters(case)
    outputs = adapter.outputs(case)
    if json:
        print_json({"parameters": [i.as_dict() for i in infos.values()], "outputs": list(outputs)})
        return
    table = Table(title=f"{adapter.name} parameters ({case.name})")
    for column in ("name", "kind", "default", "valid", "description"):
        table.add_column(column)
    for info in infos.values():
        table.add_row(info.name, info.kind, str(info.default), info.expected(), info.description)
    console = Console()
    console.print(table)
    console.print("outputs: " + ", ".join(outputs))
