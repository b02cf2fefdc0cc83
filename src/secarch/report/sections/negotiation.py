"""Section "Negotiation": the predicted outcome of the bundled forum "rules of coexistence in Eurasia" (or
the forum chosen with ``parameters["negotiation"]["forum"]``) among the actors present in the architecture,
and each party's distance from its ideal. Engine: :func:`secarch.negotiation.negotiate` through
:func:`secarch.principles.forum_negotiation` (KTAB's Spatial Model of Politics by default).

Positions, saliences and capabilities of the bundled forum are estimates recorded with their rationale;
the outcome is a model prediction on those estimates, not a forecast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from secarch.report.htmlkit import by_arch, changed_classes, compared_html, esc, fmt, md_table, table
from secarch.report.parameters import Parameter
from secarch.report.registry import Result, Section
from secarch.report.subject import Subject

MODEL_NAMES = {
    "smp": "KTAB's Spatial Model of Politics",
    "bdm": "Bueno de Mesquita's expected-utility model (Scholz et al. 2011)",
    "nbs": "Nash-bargaining baseline (capability × salience weighted mean)",
}


def compute(subject: Subject, earlier: Mapping[str, Result]) -> Result:
    from secarch.errors import InputError
    from secarch.negotiation.forum import load_forum

    forum = load_forum(subject.negotiation_forum)
    base = {
        "forum": forum.name,
        "forum_reference": subject.negotiation_forum,
        "as_of": forum.as_of,
        "model": subject.negotiation_model,
        "issues": [{"id": i.id, "name": i.name, "low": i.low, "high": i.high} for i in forum.issues],
    }
    try:
        result = subject.negotiation()
    except InputError as error:
        return {**base, "evaluated": False, "note": error.problems[0].message}
    data = result.as_dict()
    present = set(result.spec.actors)
    absent = [a.id for a in forum.actors if a.id not in present]
    cycle = data["details"].get("cycle")
    actors = [
        {
            "actor": a["actor"],
            "name": a["name"],
            "capability": round(a["capability"], 6),
            "ideal": {k: round(v, 2) for k, v in a["ideal"].items()},
            "final": {k: round(v, 2) for k, v in a["final"].items()},
            "distance": round(a["distance"], 4),
            "moved": round(a["moved"], 4),
        }
        for a in data["actors"]
    ]
    return {
        **base,
        "evaluated": True,
        "converged": bool(data["converged"]),
        "steps": int(data["steps"]),
        "cycle": cycle if cycle else None,
        "outcome": {k: round(v, 2) for k, v in data["outcome"].items()},
        "actors": sorted(actors, key=lambda a: -a["distance"]),
        "absent": absent,
        "consideration": {
            k: (round(v, 4) if isinstance(v, float) else v) for k, v in data["consideration"].items()
        },
    }


def compare(names: Sequence[str], results: Sequence[Result]) -> Result:
    """The outcome on every issue and each actor's distance from its ideal, against the baseline."""
    evaluated = [(n, r) for n, r in zip(names, results, strict=True) if r["evaluated"]]
    if not evaluated:
        return {"baseline": names[0], "outcome": [], "distance": []}
    base = results[0] if results[0]["evaluated"] else None
    issues = [i["id"] for i in evaluated[0][1]["issues"]]
    outcome = []
    for issue in issues:
        values = {
            n: (r["outcome"].get(issue) if r["evaluated"] else None)
            for n, r in zip(names, results, strict=True)
        }
        ref = base["outcome"].get(issue) if base else None
        deltas = {n: (None if v is None or ref is None else round(v - ref, 2)) for n, v in values.items()}
        outcome.append(
            {
                "issue": issue,
                "values": values,
                "deltas": deltas,
                "changed": any(abs(d or 0) >= 0.5 for d in deltas.values()),
            }
        )
    actors = list(dict.fromkeys(a["actor"] for _, r in evaluated for a in r["actors"]))
    distance = []
    for actor in actors:
        values = {
            n: next((a["distance"] for a in r.get("actors", []) if a["actor"] == actor), None)
            for n, r in zip(names, results, strict=True)
        }
        present = [v for v in values.values() if v is not None]
        distance.append(
            {
                "actor": actor,
                "values": values,
                "changed": len(present) != len(values) or (max(present) - min(present) >= 0.02),
            }
        )
    return {"baseline": names[0], "outcome": outcome, "distance": distance}


# --- rendering -------------------------------------------------------------------------------------------


def _strip(issue: Mapping[str, Any], result: Mapping[str, Any]) -> str:
    """One issue as a 0–100 line: each actor's ideal as a dot, the predicted outcome as a red bar."""
    width, height, left, right = 640.0, 54.0, 10.0, 10.0
    span = width - left - right

    def x(v: float) -> float:
        return left + span * v / 100.0

    parts = [
        f'<svg class="strip" viewBox="0 0 {width:g} {height:g}" role="img" '
        f'aria-label="{esc(issue["name"])}">',
        f'<line x1="{left}" y1="30" x2="{width - right}" y2="30" stroke="#999"/>',
        f'<text x="{left}" y="50" font-size="10" fill="#555">0</text>',
        f'<text x="{width - right - 14}" y="50" font-size="10" fill="#555">100</text>',
    ]
    for k, actor in enumerate(sorted(result["actors"], key=lambda a: a["ideal"][issue["id"]])):
        value = actor["ideal"][issue["id"]]
        y = 22 - 8 * (k % 3)
        parts.append(
            f'<g><circle cx="{x(value):.1f}" cy="30" r="4" fill="#0072B2" fill-opacity="0.7"/>'
            f'<text x="{x(value):.1f}" y="{y}" font-size="9" '
            f'text-anchor="middle">{esc(actor["actor"])}</text>'
            f"<title>{esc(actor['name'])}: ideal {value:g}</title></g>"
        )
    outcome = result["outcome"][issue["id"]]
    parts.append(
        f'<rect x="{x(outcome) - 2:.1f}" y="24" width="4" height="14" fill="#D55E00">'
        f"<title>predicted outcome {outcome:g}</title></rect></svg>"
    )
    return "".join(parts)


def _one(result: Mapping[str, Any]) -> str:
    if not result["evaluated"]:
        return f'<p class="note">Not evaluated: {esc(result["note"])}</p>'
    status = "converged" if result["converged"] else "did not converge"
    if result["cycle"]:
        start, period = result["cycle"]
        status += f"; from step {start} the positions repeat every {period} steps (a limit cycle)"
    parts = [
        f"<p>Forum <b>{esc(result['forum'])}</b> ({esc(result['as_of'])}), model: "
        f"{esc(MODEL_NAMES.get(result['model'], result['model']))}; "
        f"{result['steps']} steps, {status}. Actors of the forum not present in this architecture: "
        f"{esc(', '.join(result['absent']) or 'none')}.</p>"
    ]
    rows = []
    for issue in result["issues"]:
        rows.append(
            [
                f"<b>{esc(issue['name'])}</b><br><small>0: {esc(issue['low'])}<br>100: "
                f"{esc(issue['high'])}</small>",
                f"<b>{fmt(result['outcome'][issue['id']], 1)}</b>",
                _strip(issue, result),
            ]
        )
    parts.append(
        table(
            ["issue (0 / 100)", "predicted outcome", "stated positions (dots, estimates) and outcome (bar)"],
            rows,
            raw=True,
        )
    )
    c = result["consideration"]
    parts.append(
        "<p>Distance from ideal (salience-weighted, 0 = the outcome is the actor's ideal, 1 = the "
        "opposite end of "
        f"every issue it cares about): mean {fmt(c['mean_distance'], 2)}, largest "
        f"{fmt(c['max_distance'], 2)} "
        f"({esc(c['farthest_actor'])}); rank correlation of capability and distance "
        f"{fmt(c['capability_distance_rank_correlation'], 2)} (negative: the outcome lies nearer "
        "the stronger).</p>"
    )
    parts.append(
        table(
            ["actor", "capability (estimate)", "distance from ideal", "moved"],
            [
                [
                    f"{a['name']} ({a['actor']})",
                    fmt(a["capability"], 4),
                    fmt(a["distance"], 2),
                    fmt(a["moved"], 2),
                ]
                for a in result["actors"]
            ],
        )
    )
    return "".join(parts)


NOTE = (
    "Positions, saliences and capabilities are estimates recorded in the forum file with the statement each "
    "follows; the outcome is what the bargaining model predicts from them, not a forecast "
    "(docs/negotiation.md)."
)


def html(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    return compared_html(entry, NOTE, _one, _comparison)


def _comparison(diff: Mapping[str, Any], names: list[str]) -> list[str]:
    if not diff["outcome"]:
        return []
    outcome = [
        [o["issue"], *[_with_delta(o["values"][n], o["deltas"][n]) for n in names]] for o in diff["outcome"]
    ]
    distance = [[d["actor"], *[fmt(d["values"][n], 2) for n in names]] for d in diff["distance"]]
    return [
        "<h3>Predicted outcome by issue (0–100)</h3>",
        table(["issue", *names], outcome, raw=True, row_classes=changed_classes(diff["outcome"])),
        "<h3>Distance of each party from its ideal</h3>",
        table(["actor", *names], distance, row_classes=changed_classes(diff["distance"])),
    ]


def _with_delta(value: float | None, delta: float | None) -> str:
    text = esc(fmt(value, 1))
    if delta:
        text += f' <span class="delta neutral">({delta:+.1f})</span>'
    return text


def markdown(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    out = [f"_{NOTE}_"]
    for name, result in by_arch(entry).items():
        out.append(f"### {name}")
        if not result["evaluated"]:
            out.append(f"Not evaluated: {result['note']}")
            continue
        out.append(
            f"Forum {result['forum']} ({result['as_of']}), model {result['model']}, {result['steps']} steps, "
            f"{'converged' if result['converged'] else 'not converged'}."
        )
        out.append(
            md_table(
                ["issue", "predicted outcome (0–100)"],
                [[i["name"], result["outcome"][i["id"]]] for i in result["issues"]],
            )
        )
        out.append(
            md_table(
                ["actor", "distance from ideal", "capability (estimate)"],
                [[a["actor"], a["distance"], a["capability"]] for a in result["actors"]],
            )
        )
    return "\n\n".join(out)


def parameters() -> tuple[Parameter, ...]:
    """``negotiation.model`` (smp, bdm or nbs) and ``negotiation.forum`` (a forum file or bundled name,
    loaded up front so that a bad file is reported before anything runs)."""
    from pathlib import Path

    from secarch.errors import InputError
    from secarch.negotiation.engines import MODELS
    from secarch.negotiation.forum import BUNDLED_FORUMS, bundled_forum_path, load_forum

    def loads(reference: str) -> None:
        if not Path(reference).is_file() and bundled_forum_path(reference) is None:
            raise InputError.single(
                f"negotiation.forum {reference!r} is neither a file nor a bundled forum",
                field="--set negotiation.forum",
                expected="a forum file (YAML) or one of " + ", ".join(sorted(BUNDLED_FORUMS)),
                hint="check the path",
            )
        load_forum(reference)  # raises InputError, located in the file, when the forum file is not valid

    return (
        Parameter("model", str, "smp", "the bargaining model", choices=tuple(MODELS)),
        Parameter(
            "forum",
            str,
            "rules-of-coexistence",
            "a forum file or the name of a bundled forum",
            check=loads,
        ),
    )


SECTION = Section(
    id="negotiation",
    title="Negotiation: predicted outcome and distance from ideals",
    engine="secarch.negotiation.negotiate",
    compute=compute,
    compare=compare,
    html=html,
    markdown=markdown,
    parameters=parameters,
)
