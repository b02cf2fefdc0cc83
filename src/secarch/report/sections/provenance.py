"""Section "Assumptions, parameters, data and versions": what every number of the report rests on.
Engine: the architecture's own ``source`` fields, the engines' documented defaults, and the bundled
tables' source lists (``secarch/data/tables/sources_*.csv``)."""

from __future__ import annotations

import csv
import platform
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import metadata
from typing import Any

from secarch.report.htmlkit import by_arch, esc, md_table, table
from secarch.report.registry import Result, Section
from secarch.report.subject import Subject

PACKAGES = ("secarch", "numpy", "scipy", "pandas", "pydantic")

MAP_SOURCE = {
    "key": "natural-earth-world-atlas",
    "title": "Natural Earth 1:50m admin-0 countries v4.1.0, as TopoJSON in the npm package world-atlas 2.0.2",
    "citation": "Natural Earth (public domain), naturalearthdata.com; Bostock, M. world-atlas "
    "2.0.2 (ISC licence)",
    "used_for": "the map's country shapes (vendored; see secarch/report/geodata/PROVENANCE.md)",
}


def versions() -> dict[str, str]:
    """Versions of Python and of the packages the numbers depend on."""
    found = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def bundled_sources() -> list[dict[str, str]]:
    """The source lists of the bundled tables (every ``sources_*.csv``), plus the map's shapes."""
    from secarch.data._paths import TABLES_DIR

    rows: list[dict[str, str]] = []
    for path in sorted(TABLES_DIR.glob("sources_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                rows.append(
                    {
                        "key": row.get("key", ""),
                        "title": row.get("title", ""),
                        "citation": row.get("citation", ""),
                        "used_for": row.get("used_for", ""),
                    }
                )
    unique = {row["key"]: row for row in rows}
    return [*unique.values(), MAP_SOURCE]


def compute(subject: Subject, earlier: Mapping[str, Result]) -> Result:
    from secarch.metrics.network import DEFAULT_STATUS_WEIGHTS
    from secarch.metrics.polarity import DEFAULT_POLE_THRESHOLD
    from secarch.metrics.snapshot import ALLIANCE_LEVEL

    arch = subject.architecture
    snap = subject.snapshot
    counts: Counter[str] = Counter()
    for section in ("organisations", "memberships", "agreements", "disputes", "rivalries", "recognitions"):
        for element in arch.elements(section):
            counts[element.source] += 1
    # Agreements that share a credibility and its rationale (e.g. a default per type) form one row.
    in_force = set(snap.agreements)
    groups: dict[tuple[float, str], list[str]] = {}
    for a in arch.agreements:
        if a.id in in_force:
            groups.setdefault((a.credibility, a.credibility_rationale or ""), []).append(a.id)
    estimates = [
        {
            "credibility": credibility,
            "rationale": rationale or None,
            "agreements": len(ids),
            "examples": ids[:5],
        }
        for (credibility, rationale), ids in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    assumptions = [
        f"The architecture is assessed on {subject.date.isoformat()}"
        + (
            " (a year stands for its 1 July)."
            if subject.options.year and str(subject.options.year).isdigit()
            else "."
        ),
        "Credibility values of agreements are estimates; the table below gives them with their rationale "
        "as written in the architecture file (agreements sharing a value and rationale are grouped).",
        "Positions and claims in the architecture are modelled as positions, attributed to their sources; "
        "they are not treated as facts.",
        "Map boundaries are Natural Earth's and imply no position on any disputed territory.",
    ]
    if subject.capabilities is None:
        assumptions.append(
            "No capability table is installed: capability-based measures (polarity, equality of capability) "
            "are not computed."
        )
    parameters: dict[str, Any] = {
        "membership status weights (metrics)": dict(DEFAULT_STATUS_WEIGHTS),
        "alliance level by agreement type (similarity)": dict(ALLIANCE_LEVEL),
        "pole threshold (share of capabilities)": DEFAULT_POLE_THRESHOLD,
    }
    findings = earlier.get("findings")
    if findings is not None:
        for principle in findings["principles"]:
            if principle["parameters"]:
                parameters[f"check {principle['name']}"] = principle["parameters"]
    negotiation = earlier.get("negotiation")
    if negotiation is not None:
        parameters["negotiation"] = {"forum": negotiation["forum_reference"], "model": negotiation["model"]}
    security = earlier.get("security")
    if security is not None:
        parameters["security model"] = security.get("params", {})
        parameters["zero-sum threshold (security)"] = security["threshold"]
    crisis = earlier.get("crisis")
    if crisis is not None:
        parameters["crisis simulation"] = {"runs": crisis["runs"], "years": len(crisis["years"])}
        parameters["crisis seed"] = crisis["seed"]
        parameters["crisis parameters"] = crisis["params"]
    return {
        "seed": subject.options.seed,
        "date": subject.date.isoformat(),
        "assumptions": assumptions,
        "parameters": parameters,
        "estimates": estimates,
        "element_sources": [
            {"source": s, "elements": n} for s, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "bundled_sources": bundled_sources(),
        "versions": versions(),
    }


def _param_text(value: Any) -> str:
    if isinstance(value, Mapping):
        return "; ".join(f"{k} = {v}" for k, v in value.items())
    return str(value)


def _one(result: Mapping[str, Any]) -> str:
    parts = [
        "<h3>Assumptions</h3><ul>" + "".join(f"<li>{esc(a)}</li>" for a in result["assumptions"]) + "</ul>"
    ]
    parts.append("<h3>Parameters</h3>")
    parts.append(
        table(["parameter", "value"], [[k, _param_text(v)] for k, v in result["parameters"].items()])
    )
    parts.append("<h3>Estimates: credibility of the agreements in force</h3>")
    parts.append(
        table(
            ["credibility (estimate)", "agreements", "e.g.", "rationale"],
            [
                [
                    e["credibility"],
                    e["agreements"],
                    ", ".join(e["examples"]),
                    e["rationale"] or "no rationale given",
                ]
                for e in result["estimates"]
            ],
        )
    )
    sources = result["element_sources"]
    parts.append(f"<h3>Sources cited by the architecture's elements ({len(sources)})</h3>")
    rows = [[s["source"], s["elements"]] for s in sources]
    parts.append(table(["source", "elements"], rows[:20]))
    if len(rows) > 20:
        parts.append(
            f"<details><summary>{len(rows) - 20} more sources</summary>"
            f"{table(['source', 'elements'], rows[20:])}</details>"
        )
    return "".join(parts)


def html(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    results = by_arch(entry)
    first = next(iter(results.values()))
    parts = [
        f"<p><b>Seed:</b> {esc(first['seed'])} (every stochastic section spawns its own child seed from it; "
        "the same for every architecture).</p>"
    ]
    if len(results) == 1:
        parts.append(_one(first))
    else:
        for name, result in results.items():
            parts.append(f"<details><summary>{esc(name)}</summary>{_one(result)}</details>")
    parts.append("<h3>Bundled data</h3>")
    parts.append(
        table(
            ["dataset", "citation", "used for"],
            [[s["title"], s["citation"], s["used_for"]] for s in first["bundled_sources"]],
        )
    )
    parts.append("<h3>Versions</h3>")
    parts.append(table(["software", "version"], list(first["versions"].items())))
    return "".join(parts)


def markdown(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    results = by_arch(entry)
    first = next(iter(results.values()))
    out = [f"Seed: {first['seed']}."]
    for name, result in results.items():
        out.append(f"### {name}")
        out += [f"- {a}" for a in result["assumptions"]]
        out.append(
            md_table(["parameter", "value"], [[k, _param_text(v)] for k, v in result["parameters"].items()])
        )
        out.append(
            md_table(
                ["credibility (estimate)", "agreements", "rationale"],
                [[e["credibility"], e["agreements"], e["rationale"] or "—"] for e in result["estimates"]],
            )
        )
    out.append("### Bundled data")
    out.append(
        md_table(["dataset", "citation"], [[s["title"], s["citation"]] for s in first["bundled_sources"]])
    )
    out.append("### Versions")
    out.append(md_table(["software", "version"], list(first["versions"].items())))
    return "\n\n".join(out)


def compare(names: Sequence[str], results: Sequence[Result]) -> Result | None:
    return None


SECTION = Section(
    id="provenance",
    title="Assumptions, parameters, data sources and versions",
    engine="architecture sources and engine defaults",
    compute=compute,
    html=html,
    markdown=markdown,
)
