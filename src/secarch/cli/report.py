"""``secarch assess`` and ``secarch compare``: the assessment report of one architecture, and several side
by side (docs/report.md)."""

from __future__ import annotations

from typing import Any

import typer

from secarch.cli._common import ARCHITECTURE_HELP, grouped_settings, print_json

DEFAULT_COMPARISON = ("today", "eurasian-proposal", "helsinki-plus")
"""What ``secarch compare`` compares when given no architecture (bundled architectures)."""

SET_HELP = (
    "A section parameter SECTION.NAME=VALUE (repeatable): crisis.runs=2000, crisis.years=5, "
    "negotiation.model=bdm, negotiation.forum=FILE, findings.CHECK.NAME=VALUE."
)


def register(app: typer.Typer) -> None:
    app.command("assess", help="Assess an architecture: HTML report (offline), JSON and Markdown.")(assess)
    app.command(
        "compare",
        help="Compare architectures side by side (default: today, eurasian-proposal, helsinki-plus).",
    )(compare)


def _year_option() -> Any:
    return typer.Option(
        None, "--year", "--date", "-y", help="Year (its 1 July) or ISO date; default: each reference date."
    )


def assess(
    file: str = typer.Argument(..., help=ARCHITECTURE_HELP),
    year: str = _year_option(),
    out: str = typer.Option("out", "--out", "-o", help="Folder for report.html, report.json and report.md."),
    seed: int = typer.Option(
        None, "--seed", help="Root seed of the stochastic sections (recorded in the report)."
    ),
    section: list[str] = typer.Option(
        None, "--section", "-s", help="Include only this section (repeatable)."
    ),
    parameter: list[str] = typer.Option(None, "--set", help=SET_HELP),
    json: bool = typer.Option(False, "--json", help="Print the JSON report instead of writing files."),
) -> None:
    """Every section of the report for one architecture; writes OUT/report.html, .json and .md."""
    _run([file], year, out, seed, section, parameter, json)


def compare(
    files: list[str] = typer.Argument(
        None, help="Architectures (files or bundled names); the first is the baseline."
    ),
    year: str = _year_option(),
    out: str = typer.Option("out", "--out", "-o", help="Folder for report.html, report.json and report.md."),
    seed: int = typer.Option(
        None, "--seed", help="Root seed of the stochastic sections (recorded in the report)."
    ),
    section: list[str] = typer.Option(
        None, "--section", "-s", help="Include only this section (repeatable)."
    ),
    parameter: list[str] = typer.Option(None, "--set", help=SET_HELP),
    json: bool = typer.Option(False, "--json", help="Print the JSON report instead of writing files."),
) -> None:
    """The same sections for each architecture side by side, with differences against the first."""
    from secarch.errors import InputError

    names = list(files or [])
    if not names:
        from secarch.spec.bundled import bundled_names

        available = set(bundled_names())
        missing = [n for n in DEFAULT_COMPARISON if n not in available]
        if missing:
            raise InputError.single(
                f"the bundled architectures {', '.join(missing)} are not in this installation",
                field="ARCHITECTURES",
                expected="two or more architecture files or bundled names",
                hint="name the architectures to compare, e.g. `secarch compare a.yaml b.yaml`",
            )
        names = list(DEFAULT_COMPARISON)
    if len(names) < 2:
        raise InputError.single(
            "compare needs at least two architectures",
            field="ARCHITECTURES",
            expected="two or more architecture files or bundled names",
            hint=f"use `secarch assess {names[0]}` for one architecture",
        )
    _run(names, year, out, seed, section, parameter, json)


def _run(
    files: list[str],
    year: str | None,
    out: str,
    seed: int | None,
    section: list[str] | None,
    parameter: list[str] | None,
    as_json: bool,
) -> None:
    import time

    from rich.console import Console

    from secarch.report import DEFAULT_SEED, ReportOptions, build_report, write_report

    options = ReportOptions(
        year=year,
        seed=DEFAULT_SEED if seed is None else seed,
        sections=tuple(section) if section else None,
        parameters=grouped_settings(parameter or [], expected=SET_HELP, numbers=True),
    )
    console = Console(stderr=True)
    started = time.perf_counter()
    with console.status("building the report…") as status:
        report = build_report(files, options, progress=lambda step: status.update(step))
    if as_json:
        print_json(report)
        return
    paths = write_report(report, out)
    elapsed = time.perf_counter() - started
    console.print(f"wrote {paths['html']} (and .json, .md) in {elapsed:.1f} s")
