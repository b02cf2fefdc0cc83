"""``secarch check``: run the principle checks on an architecture, tabulate every metric over years, or
find the most credible chain of guarantees between two states."""

from __future__ import annotations

from typing import Any

import typer

from secarch.cli._common import ARCHITECTURE_HELP, EXIT_FINDINGS, Exit, grouped_settings, print_json


def register(app: typer.Typer) -> None:
    app.command(
        "check",
        help="Check an architecture against its principles; or, with --years, every metric per year; or, "
        "with --path, the most credible chain of guarantees between two states.",
    )(check)


def check(
    file: str = typer.Argument(None, help=ARCHITECTURE_HELP, show_default=False),
    year: str = typer.Option(
        None, "--year", "--date", "-y", help="Year or ISO date (default: reference date)."
    ),
    principle: list[str] = typer.Option(None, "--principle", "-p", help="Run only this check (repeatable)."),
    json: bool = typer.Option(False, "--json", help="Machine-readable output."),
    md: bool = typer.Option(False, "--md", help="Markdown output."),
    csv: bool = typer.Option(False, "--csv", help="With --years: CSV output (the default)."),
    fail_on: str = typer.Option(
        None, "--fail-on", help="Exit 1 when a finding is at least this severe (info, low, medium, high)."
    ),
    years: str = typer.Option(None, "--years", help="FIRST:LAST — every metric for each year, as a table."),
    path: tuple[str, str] | None = typer.Option(
        None,
        "--path",
        metavar="SOURCE TARGET",
        help="The most credible chain of guarantees from SOURCE to TARGET (ISO3 ids) on --year.",
        show_default=False,
    ),
    parameter: list[str] = typer.Option(
        None, "--set", help="Override a check parameter: CHECK.NAME=VALUE (repeatable)."
    ),
    list_checks: bool = typer.Option(False, "--list", help="List the principle checks and their parameters."),
    forum: str = typer.Option(
        "rules-of-coexistence",
        "--forum",
        help="Negotiation forum (file or bundled name) for mutual consideration.",
    ),
    model: str = typer.Option("smp", "--model", help="Bargaining model for the forum: smp, bdm or nbs."),
    structural: bool = typer.Option(
        False,
        "--structural-only",
        help="Skip the security model and the negotiation (faster; fewer findings).",
    ),
) -> None:
    """Findings per principle, with severity and evidence; exit 1 with --fail-on when one is reached."""
    from secarch.errors import InputError

    if list_checks:
        _list(json)
        return
    if file is None:
        raise InputError.single("no architecture given", field="FILE", expected=ARCHITECTURE_HELP)
    if json + md + csv > 1:
        raise InputError.single(
            "choose one output format", field="--json/--md/--csv", expected="at most one of them"
        )
    from secarch.spec import load_architecture

    arch = load_architecture(file)
    if path is not None:
        if years is not None or md or csv:
            raise InputError.single(
                "--path finds one chain of guarantees",
                field="--path",
                hint="drop --years, --md and --csv with --path",
            )
        _chain(arch, year, path, json)
        return
    if years is not None:
        if year is not None or md:
            raise InputError.single(
                "--years makes a table of metrics", field="--years", hint="drop --year and --md with --years"
            )
        _metrics_table(arch, _year_range(years), json)
        return
    from secarch.principles import Severity, forum_negotiation, run_checks
    from secarch.security import hooks

    threshold = Severity.parse(fail_on) if fail_on else None
    report = run_checks(
        arch,
        year,
        principles=principle or None,
        capabilities=_capabilities(arch, year),
        negotiation=None if structural else forum_negotiation(forum, model),
        zero_sum=None if structural else hooks.zero_sum,
        security=None if structural else hooks.security,
        parameters=grouped_settings(
            parameter or [], expected="CHECK.NAME=VALUE, e.g. guarantee_credibility.threshold=0.4"
        ),
    )
    if json:
        print_json(report.as_dict())
    elif md:
        typer.echo(_markdown(report))
    else:
        _print_report(report)
    if threshold is not None and report.reaches(threshold):
        raise Exit(EXIT_FINDINGS)


def _year_range(text: str) -> range:
    from secarch.errors import InputError

    first, _, last = text.partition(":")
    try:
        start, end = int(first), int(last or first)
    except ValueError:
        raise InputError.single(
            f"--years {text!r} is not a range of years",
            field="--years",
            expected="FIRST:LAST, e.g. 1991:2025",
        ) from None
    if end < start:
        raise InputError.single(
            f"--years {text!r} ends before it starts", field="--years", expected="FIRST ≤ LAST"
        )
    return range(start, end + 1)


def _capabilities(arch: Any, year: str | None) -> Any:
    from secarch.metrics.snapshot import default_capabilities

    lookup = default_capabilities()
    if lookup is None:
        return None
    date = arch.resolve_date(year)
    return lookup(tuple(arch.at(date).states), date.year)


def _metrics_table(arch: Any, years: range, as_json: bool) -> None:
    import sys

    from secarch.metrics.snapshot import default_capabilities, metrics_over_years

    frame = metrics_over_years(arch, years, capabilities=default_capabilities())
    if as_json:
        print_json(
            {
                "architecture": arch.name,
                "rows": frame.astype(object).where(frame.notna(), None).to_dict("records"),
            }
        )
    else:
        frame.to_csv(sys.stdout, index=False, float_format="%.6g")


def _chain(arch: Any, year: str | None, path: tuple[str, str], as_json: bool) -> None:
    from secarch.metrics.snapshot import guarantee_chain

    chain = guarantee_chain(arch.at(year), *path)
    if as_json:
        print_json(chain.as_dict())
        return
    head = f"{chain.architecture} on {chain.date.isoformat()}: "
    if not chain.states:
        typer.echo(head + f"no chain of guarantees runs from {chain.source} to {chain.target}.")
        return
    typer.echo(head + f"most credible chain of guarantees from {chain.source} to {chain.target}")
    typer.echo(
        f"  {' → '.join(chain.states)}: credibility {chain.credibility:.3f}, {_links(chain.links)} "
        f"(the shortest chain between them has {_links(chain.fewest_links)})"
    )


def _links(count: int | None) -> str:
    return f"{count} link" + ("" if count == 1 else "s")


def _list(as_json: bool) -> None:
    from secarch.principles import checks

    registry = checks()
    if as_json:
        print_json(
            [
                {"name": c.name, "title": c.title, "statement": c.statement, "parameters": dict(c.parameters)}
                for c in registry.values()
            ]
        )
        return
    for c in registry.values():
        params = ", ".join(f"{k}={_setting_text(v)}" for k, v in c.parameters.items())
        typer.echo(f"{c.name:24} {c.title}" + (f"  [{params}]" if params else ""))


def _setting_text(value: Any) -> str:
    """A default as it is written after --set (a list as comma-separated items)."""
    return ",".join(map(str, value)) if isinstance(value, list | tuple) else str(value)


def _markdown(report: Any) -> str:
    from secarch.principles.findings import split_evidence

    lines = [f"# Principle checks: {report.architecture} on {report.date.isoformat()}", ""]
    if not report.findings:
        lines.append("No findings.")
    for f in report.findings:
        plain, tables = split_evidence(f.evidence)
        lines.append(f"- **{f.severity}** · {f.principle} · {f.title}")
        lines.append(f"  - elements: {', '.join(f.elements) or '—'}")
        evidence = "; ".join(f"{k}: {v}" for k, v in plain.items())
        below = f" (tables below: {', '.join(tables)})" if tables else ""
        lines.append(f"  - evidence: {evidence}{below}")
        lines.append(f"  - reading: {f.reading}")
        for name, rows in tables.items():
            lines += ["", f"**{f.principle} · {name}** ({len(rows)} rows)", "", *_markdown_table(rows), ""]
    notes = [(name, note) for name, items in report.notes.items() for note in items]
    if notes:
        lines += ["", "## Not evaluated", ""]
        lines += [f"- {name}: {note}" for name, note in notes]
    return "\n".join(lines)


def _markdown_table(rows: list[Any]) -> list[str]:
    """Rows (mappings) as a Markdown table; the columns are the keys of all rows, in order of appearance."""
    from secarch.principles.findings import evidence_cell

    columns = list(dict.fromkeys(key for row in rows for key in row))

    def cell(value: Any) -> str:
        return evidence_cell(value).replace("|", "\\|")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(row.get(c)) for c in columns) + " |" for row in rows]
    return lines


def _print_report(report: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(
        f"[bold]{report.architecture}[/bold] on {report.date.isoformat()}: {len(report.findings)} finding(s)"
    )
    if report.findings:
        table = Table("severity", "principle", "finding", "elements")
        for f in report.findings:
            table.add_row(str(f.severity), f.principle, f.title, ", ".join(f.elements))
        console.print(table)
    from secarch.principles.findings import split_evidence

    for principle in dict.fromkeys(f.principle for f in report.findings if split_evidence(f.evidence)[1]):
        console.print(
            f"[dim]{principle}: the tables behind its findings are in the --json and --md output.[/dim]"
        )
    for name, items in report.notes.items():
        for note in items:
            console.print(f"[dim]{name}: {note}[/dim]")
