"""Section "Crisis risk": the Monte Carlo crisis simulation over the years after the assessed date — the
probability of at least one war, expected wars and disputes, with 95% intervals; the states most at risk;
the main escalation paths and the allies pulled in. Engine: :func:`secarch.crisis.simulate.simulate`; a
comparison adds the paired differences of :class:`secarch.crisis.results.Comparison` (every architecture
simulated on the same seed: common random numbers).

Parameters (``ReportOptions.parameters["crisis"]``): ``runs`` (default 1000) and ``years`` (default 10).
The probabilities are model estimates on estimated inputs (hazard model, credibility of guarantees); the
intervals are Monte Carlo intervals, not the model's whole uncertainty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from secarch.report.htmlkit import by_arch, compared_html, esc, fmt, md_table, table
from secarch.report.parameters import Parameter
from secarch.report.registry import Result, Section
from secarch.report.subject import Subject

DEFAULT_RUNS = 1000
DEFAULT_YEARS = 10
PARAMETERS = (
    Parameter("runs", int, DEFAULT_RUNS, "Monte Carlo runs", low=1, high=10_000_000),
    Parameter("years", int, DEFAULT_YEARS, "years simulated", low=1, high=200),
)
"""The section's parameters, with the bounds of ``secarch simulate --runs/--years``."""
TOP = 12
HEADLINES = {
    "p_any_war": "probability of at least one war",
    "expected_wars": "expected number of wars",
    "expected_disputes": "expected number of militarized disputes",
    "escalation_share": "share of disputes that escalate to war",
    "mean_war_size": "mean number of states in a war",
}


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 5)
    if isinstance(value, dict):
        return {k: _round(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_round(v) for v in value]
    return value


def compute(subject: Subject, earlier: Mapping[str, Result]) -> Result:
    from secarch.crisis.simulate import simulate

    runs = int(subject.options.param("crisis", "runs", DEFAULT_RUNS))
    years = int(subject.options.param("crisis", "years", DEFAULT_YEARS))
    result = simulate(
        subject.architecture, years=years, runs=runs, seed=subject.seed_for("crisis"), start=subject.date.year
    )
    data = result.as_dict(top=TOP)
    region = set(subject.architecture.region.states)
    summary = {
        key: {"value": _round(est.value), "low": _round(est.low), "high": _round(est.high)}
        for key, est in result.summary().items()
    }
    state_risk = [row for row in data["state_risk"] if row["state"] in region][:TOP]
    return {
        "runs": runs,
        "years": [int(y) for y in result.years],
        "seed": data["seed"],
        "params": _round(data["params"]) if isinstance(data["params"], dict) else data["params"],
        "summary": summary,
        "state_risk": _round(state_risk),
        "dyad_risk": _round(data["dyad_risk"][:TOP]),
        "paths": _round(data["paths"][:TOP]),
        "pulls": _round(data["pulls"][:TOP]),
        "_result": result,
    }


def compare(names: Sequence[str], results: Sequence[Result]) -> Result:
    """Estimates side by side and, where the runs share seed, states and years, the paired differences of
    each architecture against the baseline with their 95% intervals."""
    rows = [
        {"key": key, "values": {n: r["summary"].get(key) for n, r in zip(names, results, strict=True)}}
        for key in HEADLINES
    ]
    paired: list[dict[str, Any]] = []
    note = None
    objects = [r["_result"] for r in results if r.get("_result") is not None]
    if len(objects) == len(results):
        from secarch.crisis.results import Comparison

        try:
            comparison = Comparison(tuple(objects))
        except ValueError as error:
            note = f"no paired differences: {error}"
        else:
            paired = _round(comparison.differences().to_dict(orient="records"))
    return {"baseline": names[0], "estimates": rows, "paired": paired, "note": note}


def _estimate(est: Mapping[str, Any] | None, digits: int = 3) -> str:
    if not est:
        return "—"
    return (
        f"{fmt(est['value'], digits)} <small>[{fmt(est['low'], digits)}, {fmt(est['high'], digits)}]</small>"
    )


def _one(result: Mapping[str, Any]) -> str:
    years = result["years"]
    parts = [
        f"<p>{result['runs']:,} simulated runs of {len(years)} years ({years[0]}–{years[-1]}); 95% intervals "
        f"in brackets; seed {esc(result['seed'].get('entropy'))}.</p>"
    ]
    parts.append(
        table(
            ["estimate", "value [95% interval]"],
            [[esc(label), _estimate(result["summary"].get(key))] for key, label in HEADLINES.items()],
            raw=True,
        )
    )
    if result["state_risk"]:
        parts.append("<h3>States of the region most at risk of being at war</h3>")
        parts.append(
            table(
                ["state", "probability of war [95%]", "expected wars"],
                [
                    [
                        esc(r["state"]),
                        _estimate({"value": r["p_war"], "low": r["p_low"], "high": r["p_high"]}),
                        fmt(r["expected_wars"], 2),
                    ]
                    for r in result["state_risk"]
                ],
                raw=True,
            )
        )
    if result["paths"]:
        parts.append("<h3>Main escalation paths (who fights whom, with allies joining)</h3>")
        parts.append(
            table(
                ["path", "probability [95%]", "share of all wars"],
                [
                    [
                        esc(p["path"]),
                        _estimate({"value": p["p"], "low": p["p_low"], "high": p["p_high"]}),
                        fmt(p["share_of_wars"], 3),
                    ]
                    for p in result["paths"]
                ],
                raw=True,
            )
        )
    if result["pulls"]:
        keys = [k for k in result["pulls"][0] if not k.endswith(("low", "high"))]
        parts.append("<h3>Allies pulled into wars</h3>")
        parts.append(table(keys, [[r[k] for k in keys] for r in result["pulls"]]))
    return "".join(parts)


NOTE = (
    "Crisis risk is simulated: disputes arise from the dispute-onset hazard model, escalate or are mediated, "
    "and allies join by the credibility of their guarantees (docs/crisis.md). The numbers are "
    "model estimates "
    "on estimated inputs; the intervals show Monte Carlo precision only."
)


def html(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    return compared_html(entry, NOTE, _one, _comparison)


def _comparison(diff: Mapping[str, Any], names: list[str]) -> list[str]:
    rows = [
        [esc(HEADLINES[r["key"]]), *[_estimate(r["values"][n]) for n in names]] for r in diff["estimates"]
    ]
    parts = [table(["estimate [95% interval]", *names], rows, raw=True)]
    if diff["paired"]:
        rows = [
            [
                esc(p["architecture"]),
                _estimate({"value": p["d_p_any_war"], "low": p["d_p_low"], "high": p["d_p_high"]}),
                _estimate({"value": p["d_expected_wars"], "low": p["d_wars_low"], "high": p["d_wars_high"]}),
            ]
            for p in diff["paired"]
        ]
        parts.append(f"<h3>Paired differences against {esc(diff['baseline'])} (same seeds)</h3>")
        parts.append(table(["architecture", "Δ probability of a war", "Δ expected wars"], rows, raw=True))
    if diff["note"]:
        parts.append(f'<p class="note">{esc(diff["note"])}</p>')
    return parts


def markdown(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    out = [f"_{NOTE}_"]
    for name, result in by_arch(entry).items():
        out.append(f"### {name} ({result['runs']} runs, {len(result['years'])} years)")
        out.append(
            md_table(
                ["estimate", "value", "95% low", "95% high"],
                [
                    [label, *(result["summary"][key][k] for k in ("value", "low", "high"))]
                    for key, label in HEADLINES.items()
                    if key in result["summary"]
                ],
            )
        )
        if result["paths"]:
            out.append(
                md_table(["escalation path", "probability"], [[p["path"], p["p"]] for p in result["paths"]])
            )
    return "\n\n".join(out)


SECTION = Section(
    id="crisis",
    title="Crisis risk: wars, escalation paths and allies pulled in",
    engine="secarch.crisis.simulate.simulate",
    compute=compute,
    compare=compare,
    html=html,
    markdown=markdown,
    requires="secarch.crisis.simulate",
    parameters=lambda: PARAMETERS,
)
