"""Adapters from a job to an engine's public API. Each runs inside a worker process, calls the engine
exactly as the CLI does, and returns a JSON-ready result:

``{"title": str, "summary": [[label, value], …], "tables": [{"id", "title", "columns", "rows"}, …],
"notes": [str, …], "data": <the engine's own JSON output>}``

``data`` is what ``secarch <verb> --json`` prints for the same job; ``tables`` are what the result page
shows and the CSV downloads contain.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secarch.model import Architecture
    from secarch.web.jobs.kinds import (
        CheckParams,
        MetricsParams,
        NegotiateParams,
        ReportParams,
        ScoreParams,
        SimulateParams,
        WhatIfParams,
    )

Progress = Callable[[float, str], None]
"""``progress(fraction_done, message)``."""


def table(table_id: str, title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> dict[str, Any]:
    return {"id": table_id, "title": title, "columns": list(columns), "rows": [list(r) for r in rows]}


def _capabilities(arch: Architecture, year: int | None) -> Any:
    from secarch.metrics.snapshot import default_capabilities

    lookup = default_capabilities()
    if lookup is None:
        return None
    date = arch.resolve_date(year)
    return lookup(tuple(arch.at(date).states), date.year)


def run_check(archs: Sequence[Architecture], params: CheckParams, progress: Progress) -> dict[str, Any]:
    """``secarch check ARCH --year Y --forum F --model M --json``."""
    from secarch.principles import forum_negotiation, run_checks

    arch = archs[0]
    progress(0.1, "loading capabilities")
    capabilities = _capabilities(arch, params.year)
    progress(0.3, "running the principle checks")
    report = run_checks(
        arch,
        params.year,
        capabilities=capabilities,
        negotiation=forum_negotiation(params.forum, params.model),
    )
    data = report.as_dict()
    findings = data["findings"]
    worst = report.worst()
    rows = [
        [f["severity"], f["principle"], f["title"], ", ".join(f["elements"]), _evidence(f["evidence"])]
        for f in findings
    ]
    notes = [f"{name}: {note}" for name, items in data["notes"].items() for note in items]
    return {
        "title": f"Principle checks of {arch.name} on {data['date']}",
        "summary": [
            ["architecture", arch.name],
            ["date", data["date"]],
            ["principles checked", len(data["principles"])],
            ["findings", len(findings)],
            ["most severe", str(worst) if worst is not None else "none"],
        ],
        "tables": [
            table("findings", "Findings", ["severity", "principle", "finding", "elements", "evidence"], rows),
            table(
                "readings",
                "How to read each finding",
                ["principle", "finding", "reading"],
                [[f["principle"], f["title"], f["reading"]] for f in findings],
            ),
        ],
        "notes": notes,
        "data": data,
    }


def _evidence(evidence: dict[str, Any]) -> str:
    import json

    return "; ".join(f"{key}: {json.dumps(value, default=str)}" for key, value in evidence.items())


def run_negotiate(
    archs: Sequence[Architecture], params: NegotiateParams, progress: Progress
) -> dict[str, Any]:
    """The bundled forum among the actors present in the architecture on the date (as the
    mutual-consideration check runs it), with ``secarch negotiate``'s JSON output as ``data``."""
    from secarch.errors import InputError
    from secarch.negotiation import negotiate
    from secarch.negotiation.forum import forum_for_snapshot, forum_to_spec, load_forum

    arch = archs[0]
    snapshot = arch.at(params.year)
    forum = load_forum(params.forum)
    present = forum_for_snapshot(forum, snapshot)
    if len(present.actors) < 2:
        raise InputError.single(
            f"fewer than two actors of forum {forum.name!r} take part in {arch.name!r} on {snapshot.date}",
            field="params.forum",
            hint="choose another year or an architecture whose participants include the forum's actors",
        )
    progress(0.2, f"{params.model.upper()}: {len(present.actors)} actors, {len(present.issues)} issues")
    result = negotiate(forum_to_spec(present), params.model)
    data = result.as_dict()
    spec = result.spec
    consideration = data["consideration"]
    return {
        "title": f"{forum.name} in {arch.name} on {snapshot.date.isoformat()} ({params.model.upper()})",
        "summary": [
            ["architecture", arch.name],
            ["date", snapshot.date.isoformat()],
            ["forum", forum.name],
            ["model", params.model],
            ["actors present", f"{len(present.actors)} of {len(forum.actors)}"],
            ["steps", data["steps"]],
            ["converged", data["converged"]],
            ["farthest actor", consideration["farthest_actor"]],
            ["max distance from ideal", round(consideration["max_distance"], 4)],
            ["mean distance from ideal", round(consideration["mean_distance"], 4)],
        ],
        "tables": [
            table(
                "outcome",
                "Predicted outcome per issue",
                ["issue", "outcome", "lowest position", "highest position"],
                [
                    [
                        issue,
                        round(float(result.outcome[k]), 3),
                        float(spec.position[:, k].min()),
                        float(spec.position[:, k].max()),
                    ]
                    for k, issue in enumerate(spec.issues)
                ],
            ),
            table(
                "actors",
                "Actors: distance of the outcome from each ideal (0 = at the ideal, 1 = farthest)",
                ["actor", "capability", "distance", "moved"],
                [
                    [
                        actor,
                        round(float(spec.capability[i]), 6),
                        round(float(result.distance[i]), 4),
                        round(float(result.moved[i]), 4),
                    ]
                    for i, actor in enumerate(spec.actors)
                ],
            ),
        ],
        "notes": [
            "Positions and saliences are those of the bundled forum file, each with its rationale; "
            "actors that are not participants of the architecture on the date are left out."
        ],
        "data": data,
    }


def run_metrics(archs: Sequence[Architecture], params: MetricsParams, progress: Progress) -> dict[str, Any]:
    """``secarch check ARCH --years FIRST:LAST --json``, one year at a time for progress."""
    import pandas as pd

    from secarch.metrics.snapshot import default_capabilities, metrics_over_years
    from secarch.web.jobs.kinds import metrics_years

    arch = archs[0]
    first, last = metrics_years(arch, params)
    lookup = default_capabilities()
    frames = []
    years = range(first, last + 1)
    for done, year in enumerate(years):
        progress(done / len(years), f"year {year}")
        frames.append(metrics_over_years(arch, [year], capabilities=lookup))
    frame = pd.concat(frames, ignore_index=True)
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    columns = list(frame.columns)
    return {
        "title": f"Network metrics of {arch.name}, {first}–{last}",
        "summary": [["architecture", arch.name], ["years", f"{first}–{last}"], ["metrics", len(columns) - 2]],
        "tables": [
            table(
                "metrics",
                "Metrics by year",
                columns,
                [[_round(r[c]) for c in columns] for r in records],
            )
        ],
        "notes": ["Columns are documented in docs/metrics.md; empty cells could not be computed that year."],
        "data": {"architecture": arch.name, "rows": records},
    }


def _round(value: Any) -> Any:
    return round(value, 6) if isinstance(value, float) else value


def run_report(archs: Sequence[Architecture], params: ReportParams, progress: Progress) -> dict[str, Any]:
    """``secarch assess`` (one architecture) or ``secarch compare`` (several): the report's JSON as
    ``data``; its HTML rendering is the job's HTML download."""
    from secarch.report import DEFAULT_SEED, ReportOptions, build_report
    from secarch.report.registry import sections  # not secarch.report.sections: also a subpackage's name

    options = ReportOptions(
        year=str(params.year) if params.year is not None else None,
        seed=params.seed if params.seed is not None else DEFAULT_SEED,
    )
    steps = max(1, len(sections()) * len(archs))
    done = 0

    def step(message: str) -> None:
        nonlocal done
        progress(done / steps, message)
        done += 1

    report = build_report(list(archs), options, progress=step)
    names = [a["name"] for a in report["architectures"]]
    summary = next((s for s in report["sections"] if s["id"] == "summary"), None)
    tables: list[dict[str, Any]] = []
    notes: list[str] = []
    if summary is not None:
        per_arch = summary["by_architecture"]
        keys = list(dict.fromkeys(k for name in names for k in per_arch[name].get("numbers", {})))
        tables.append(
            table(
                "numbers",
                "Key numbers" + (f" (baseline: {names[0]})" if len(names) > 1 else ""),
                ["measure", *names],
                [[key, *(per_arch[name].get("numbers", {}).get(key) for name in names)] for key in keys],
            )
        )
        notes = [sentence for name in names for sentence in per_arch[name].get("sentences", [])]
    return {
        "title": report["title"],
        "summary": [
            ["kind", report["kind"]],
            ["architectures", ", ".join(f"{a['name']} on {a['date']}" for a in report["architectures"])],
            ["sections", ", ".join(s["title"] for s in report["sections"])],
            ["seed", report["seed"]],
        ],
        "tables": tables,
        "notes": notes,
        "data": report,
        "report": True,
    }


def run_score(archs: Sequence[Architecture], params: ScoreParams, progress: Progress) -> dict[str, Any]:
    """``secarch score ARCH --year Y [--elements --threshold T] --json``."""
    from secarch.security.adapter import build_case
    from secarch.security.params import SecurityParams

    progress(0.1, "building the security model")
    case = build_case(archs[0], params.year, SecurityParams())
    scores = case.scores()
    data: dict[str, Any] = {"architecture": case.architecture, "date": case.date, "notes": list(case.notes)}
    data.update(scores.as_dict())
    frame = scores.to_frame()
    tables = [
        table(
            "scores",
            "Security of each state: (own + support) / (own + support + threat)",
            list(frame.columns),
            frame.round(6).astype(object).where(frame.notna(), None).values.tolist(),
        )
    ]
    if params.elements:
        progress(0.5, "leave-one-out effect of every element")
        classification = case.classify(params.threshold)
        data["elements"] = classification.as_dict()["elements"]
        data["threshold"] = params.threshold
        tables.append(
            table(
                "elements",
                "Elements by their leave-one-out effect",
                ["element", "kind", "class", "gainers", "losers", "largest losses"],
                [
                    [
                        e.element,
                        e.kind,
                        e.effect_class,
                        len(e.gainers),
                        len(e.losers),
                        "; ".join(f"{s} {v:+.4f}" for s, v in e.losers[:5]),
                    ]
                    for e in classification.effects
                ],
            )
        )
    security = frame["security"]
    return {
        "title": f"Security scores of {case.architecture} on {case.date}",
        "summary": [
            ["architecture", case.architecture],
            ["date", str(case.date)],
            ["states", len(frame)],
            ["mean security", round(float(security.mean()), 4)],
            ["least secure", str(frame.loc[security.idxmin(), "state"])],
            ["most secure", str(frame.loc[security.idxmax(), "state"])],
        ],
        "tables": tables,
        "notes": [*case.notes, "Model and parameters: docs/security.md; credibility values are estimates."],
        "data": data,
    }


def run_whatif(archs: Sequence[Architecture], params: WhatIfParams, progress: Progress) -> dict[str, Any]:
    """``secarch whatif ARCH --remove ID … --year Y --json``."""
    from secarch.security.adapter import what_if
    from secarch.security.params import SecurityParams

    progress(0.1, "building the security model")
    result = what_if(archs[0], list(params.remove), None, params.year, SecurityParams())
    frame = result.to_frame()
    change = frame["change"]
    return {
        "title": f"What-if on {archs[0].name} ({result.year}): {result.change}",
        "summary": [
            ["architecture", archs[0].name],
            ["year", result.year],
            ["removed", ", ".join(result.removed)],
            ["states better off", int((change > 0).sum())],
            ["states worse off", int((change < 0).sum())],
            ["largest loss", f"{frame.loc[change.idxmin(), 'state']} {change.min():+.4f}"],
            ["largest gain", f"{frame.loc[change.idxmax(), 'state']} {change.max():+.4f}"],
        ],
        "tables": [
            table(
                "changes",
                "Security before and after, by state",
                list(frame.columns),
                frame.round(6).astype(object).where(frame.notna(), None).values.tolist(),
            )
        ],
        "notes": [
            "An element that raises its parties' security on average while lowering that of some state "
            "outside it is zero-sum (docs/security.md, Classification)."
        ],
        "data": {"architecture": archs[0].name, **result.as_dict()},
    }


def run_simulate(archs: Sequence[Architecture], params: SimulateParams, progress: Progress) -> dict[str, Any]:
    """``secarch simulate ARCH --years N --runs R [--seed S] [--start Y] --json``."""
    from secarch.crisis.simulate import simulate

    done = 0

    def advance(runs: int) -> None:  # the engine reports the runs of each finished chunk
        nonlocal done
        done += runs
        progress(done / params.runs, f"{done:,} of {params.runs:,} runs")

    progress(0.0, "building the simulated world")
    result = simulate(
        archs[0], years=params.years, runs=params.runs, seed=params.seed, start=params.start, progress=advance
    )
    data = result.as_dict()
    tables = [
        table(
            "summary",
            "Headline estimates with 95% intervals",
            ["measure", "value", "low", "high"],
            [[k, v["value"], v["low"], v["high"]] for k, v in data["summary"].items()],
        )
    ]
    for key, title in (
        ("state_risk", "Risk by state"),
        ("dyad_risk", "Riskiest pairs of states"),
        ("war_sizes", "War sizes"),
        ("pulls", "Who pulls whom into wars"),
        ("paths", "Most frequent escalation paths"),
    ):
        rows = data.get(key) or []
        if rows:
            columns = list(rows[0])
            tables.append(table(key, title, columns, [[r.get(c) for c in columns] for r in rows]))
    estimate = data["summary"].get("p_any_war", {})
    return {
        "title": f"Crisis simulation of {data['architecture']}, {data['years'][0]}–{data['years'][-1]}"
        if data["years"]
        else f"Crisis simulation of {data['architecture']}",
        "summary": [
            ["architecture", data["architecture"]],
            ["years", "–".join(map(str, data["years"]))],
            ["runs", data["runs"]],
            ["seed (pass it back to reproduce)", data["seed"].get("entropy")],
            ["dyad-years simulated", data["dyad_years"]],
            [
                "probability of at least one war",
                f"{estimate.get('value')} (95% interval {estimate.get('low')} – {estimate.get('high')})",
            ],
        ],
        "tables": tables,
        "notes": ["Model, parameters and their sources: docs/crisis.md."],
        "data": data,
    }
