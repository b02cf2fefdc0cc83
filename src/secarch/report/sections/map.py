"""Section "Map": the region's states coloured by the structures they belong to (and, when the security
section is in the report, by their modelled security). Engine: :meth:`secarch.model.Architecture.at` (the
snapshot's membership and guarantee arrays) and the bundled states table for names and capitals.

The map is inline SVG drawn from Natural Earth 1:50m shapes vendored from the npm package ``world-atlas``
(see ``secarch/report/geodata/PROVENANCE.md``); nothing is fetched at run time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from secarch.report.htmlkit import CATEGORICAL, by_arch, esc, md_table, sequential_colour, table
from secarch.report.registry import Result, Section
from secarch.report.subject import Subject

NOT_MODELLED = "#f1f1ee"
TERRITORY = "#f1f1ee"
NO_STRUCTURE = "#b7b7b7"
OTHER = "#7a5c3e"
OTHER_LABEL = "other combinations"
SEA = "#e4eef7"


def compute(subject: Subject, earlier: Mapping[str, Result]) -> Result:
    from secarch.data import states as states_table
    from secarch.model import GUARANTEE_TYPES, MEMBERSHIP_STATUSES

    snap = subject.snapshot
    table = states_table().set_index("iso3")
    # Structures whose members guarantee each other: organisations with a guarantee agreement in force.
    # Guarantees outside organisations (often many dyadic pacts) show in the strongest-guarantee layer.
    covered: dict[str, np.ndarray] = {}
    member = snap.member_matrix()
    for org, kind in zip(snap.agreement_organisations, snap.agreement_types, strict=True):
        if org is not None and kind in GUARANTEE_TYPES:
            covered[org] = member[:, snap.organisations.index(org)]
    defence_orgs = sorted(covered)
    guaranteed = snap.guarantee.max(axis=0) if snap.n_states else np.zeros(0)
    guarantors = (snap.guarantee > 0).sum(axis=0) if snap.n_states else np.zeros(0, dtype=int)
    rows = []
    for i, code in enumerate(snap.states):
        record = table.loc[code] if code in table.index else None
        memberships = {
            org: MEMBERSHIP_STATUSES[int(status) - 1]
            for org, status in zip(snap.organisations, snap.membership[i], strict=True)
            if status
        }
        rows.append(
            {
                "code": code,
                "name": str(record["name"]) if record is not None else code,
                "in_region": bool(snap.in_region[i]),
                "lat": _coordinate(record, "lat"),
                "lon": _coordinate(record, "lon"),
                "memberships": memberships,
                "defence": [name for name in defence_orgs if covered[name][i]],
                "max_guarantee": round(float(guaranteed[i]), 4),
                "guarantors": int(guarantors[i]),
            }
        )
    return {
        "focus": list(subject.architecture.region.states),
        "organisations": [
            {"id": org, "kind": kind, "defence": org in covered}
            for org, kind in zip(snap.organisations, snap.organisation_kinds, strict=True)
        ],
        "states": rows,
    }


def _coordinate(record: Any, column: str) -> float | None:
    if record is None:
        return None
    value = record[column]
    return None if value != value else round(float(value), 4)  # NaN check without numpy


def _defence_label(row: Mapping[str, Any]) -> str:
    return " + ".join(row["defence"]) if row["defence"] else "no defence organisation"


def compare(names: Sequence[str], results: Sequence[Result]) -> Result:
    """States whose collective-defence structures differ from the baseline's."""
    base = {row["code"]: _defence_label(row) for row in results[0]["states"]}
    changed: dict[str, dict[str, str]] = {}
    for name, result in zip(names[1:], results[1:], strict=True):
        for row in result["states"]:
            label = _defence_label(row)
            if base.get(row["code"], "not modelled") != label:
                changed.setdefault(row["code"], {names[0]: base.get(row["code"], "not modelled")})[name] = (
                    label
                )
    return {"baseline": names[0], "defence_changes": changed}


# --- rendering -------------------------------------------------------------------------------------------


def _layers(result: Mapping[str, Any], report: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
    """The colourings of one architecture's map: key, label, colour of each state, legend."""
    rows = result["states"]
    labels = [_defence_label(r) for r in rows]
    palette = _category_colours(report)
    layers = [
        {
            "key": "defence",
            "label": "Defence organisations (members with a mutual guarantee)",
            "fill": {
                r["code"]: palette.get(lab, OTHER if r["defence"] else NO_STRUCTURE)
                for r, lab in zip(rows, labels, strict=True)
            },
            "value": {r["code"]: lab for r, lab in zip(rows, labels, strict=True)},
            "legend": _category_legend(labels, palette),
        },
        {
            "key": "guarantee",
            "label": "Strongest guarantee received (credibility, an estimate)",
            "fill": {r["code"]: _guarantee_colour(r["max_guarantee"]) for r in rows},
            "value": {
                r["code"]: f"{r['max_guarantee']:.2f} from {r['guarantors']} guarantor(s)"
                if r["guarantors"]
                else "no guarantee"
                for r in rows
            },
            "compare": {r["code"]: f"{r['max_guarantee']:.2f}" for r in rows},
            "legend": [(NO_STRUCTURE, "none")]
            + [(sequential_colour(v), f"{v:.1f}") for v in (0.2, 0.4, 0.6, 0.8, 1.0)],
        },
    ]
    security = _security_scores(report, name)
    if security is not None:
        layers.append(
            {
                "key": "security",
                "label": "Modelled security (estimate, 0–1)",
                "fill": {code: sequential_colour(v) for code, v in security.items()},
                "value": {code: f"{v:.2f}" for code, v in security.items()},
                "legend": [(sequential_colour(v), f"{v:g}") for v in (0.0, 0.25, 0.5, 0.75, 1.0)],
            }
        )
    status_colour = {"member": "#0072B2", "frozen": "#CC79A7", "suspended": "#CC79A7"}
    for org in _all_orgs(report):
        status = {r["code"]: r["memberships"].get(org) for r in rows}
        fill = {code: status_colour.get(s, "#56B4E9") if s else NO_STRUCTURE for code, s in status.items()}
        present = sorted({s for s in status.values() if s})
        layers.append(
            {
                "key": f"org-{org}",
                "label": f"Membership: {org}",
                "fill": fill,
                "value": {code: s or "not a member" for code, s in status.items()},
                "legend": [(status_colour.get(s, "#56B4E9"), s) for s in present]
                + [(NO_STRUCTURE, "not a member")],
            }
        )
    return layers


def _legend_key(label: str) -> tuple[int, str]:
    return (2 if label.startswith("no ") else 1 if label == OTHER_LABEL else 0, label)


def _guarantee_colour(value: float) -> str:
    return NO_STRUCTURE if value <= 0 else sequential_colour(value)


def _category_legend(labels: Sequence[str], palette: Mapping[str, str]) -> list[tuple[str, str]]:
    present = set(labels)
    legend = [(palette[lab], lab) for lab in sorted(present, key=_legend_key) if lab in palette]
    if any(lab not in palette and not lab.startswith("no ") for lab in present):
        legend.append((OTHER, OTHER_LABEL))
    if any(lab.startswith("no ") for lab in present):
        legend.append((NO_STRUCTURE, _defence_label({"defence": []})))
    return legend


def _category_colours(report: Mapping[str, Any]) -> dict[str, str]:
    """One colour per combination of defence organisations, the same in every map of the report: the most
    frequent combinations get the palette's colours, the rest share the colour of "other combinations"."""
    entry = next(s for s in report["sections"] if s["id"] == "map")
    counts: dict[str, int] = {}
    for res in by_arch(entry).values():
        for r in res["states"]:
            if r["defence"]:
                label = _defence_label(r)
                counts[label] = counts.get(label, 0) + 1
    ranked = sorted(counts, key=lambda label: (-counts[label], label))[: len(CATEGORICAL) - 1]
    return {label: CATEGORICAL[k] for k, label in enumerate(sorted(ranked))}


def _all_orgs(report: Mapping[str, Any]) -> list[str]:
    entry = next(s for s in report["sections"] if s["id"] == "map")
    return list(dict.fromkeys(o["id"] for res in by_arch(entry).values() for o in res["organisations"]))


def _security_scores(report: Mapping[str, Any], name: str) -> dict[str, float] | None:
    entry = next((s for s in report["sections"] if s["id"] == "security"), None)
    if entry is None:
        return None
    result = by_arch(entry).get(name)
    if not result:
        return None
    return {row["state"]: float(row["security"]) for row in result.get("scores", [])}


def _shapes(report: Mapping[str, Any]) -> Any:
    from secarch.report.geo import map_shapes

    entry = next(s for s in report["sections"] if s["id"] == "map")
    focus: list[str] = []
    capitals: dict[str, tuple[float, float]] = {}
    for result in by_arch(entry).values():
        focus += [c for c in result["focus"] if c not in focus]
        for row in result["states"]:
            if row["lat"] is not None and row["lon"] is not None:
                capitals[row["code"]] = (row["lat"], row["lon"])
    return map_shapes(tuple(focus), capitals)


def html(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    shapes = _shapes(report)
    results = by_arch(entry)
    names = list(results)
    defs = "".join(f'<path id="geo-{_key_id(k)}" d="{d}"/>' for k, d in shapes.paths.items())
    parts = [f'<svg class="defs" width="0" height="0" aria-hidden="true"><defs>{defs}</defs></svg>']
    layer_sets = {name: _layers(result, report, name) for name, result in results.items()}
    keys = [(layer["key"], layer["label"]) for layer in layer_sets[names[0]]]
    options = "".join(f'<option value="{esc(k)}">{esc(label)}</option>' for k, label in keys)
    parts.append(
        f'<p class="controls"><label>Colour by <select class="map-layer" data-target="map-grid">{options}'
        "</select></label></p>"
    )
    parts.append('<div class="map-grid" id="map-grid">')
    baseline = layer_sets[names[0]]
    for name, result in results.items():
        parts.append(_one_map(name, result, layer_sets[name], baseline if name != names[0] else None, shapes))
    parts.append("</div>")
    parts.append(
        '<p class="note">Boundaries: Natural Earth 1:50m (v4.1.0, public domain) via the npm package '
        "world-atlas 2.0.2; they place states on the map and imply no position on any disputed territory. "
        "Darker grey: modelled states outside every structure of the chosen colouring; faded: modelled "
        "states outside the architecture's region; pale: states not modelled in the architecture and "
        "territories that are not states.</p>"
    )
    diff = entry.get("differences")
    if diff and diff["defence_changes"]:
        rows = [
            [code, *[changes.get(n, "unchanged") for n in names]]
            for code, changes in diff["defence_changes"].items()
        ]
        parts.append(f"<h3>Collective-defence structure changes against {esc(diff['baseline'])}</h3>")
        parts.append(table(["state", *names], rows, row_classes=["changed"] * len(rows)))
    return "".join(parts)


def _key_id(key: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in key)


def _one_map(
    name: str,
    result: Mapping[str, Any],
    layers: list[dict[str, Any]],
    baseline: list[dict[str, Any]] | None,
    shapes: Any,
) -> str:
    names_by_code = {r["code"]: r["name"] for r in result["states"]}
    region = set(result["focus"])
    width, height = shapes.width, shapes.height
    out = [
        f'<figure class="map" id="map-{esc(name)}"><figcaption>{esc(name)}</figcaption>',
        f'<svg viewBox="0 0 {width:g} {height:g}" role="img" aria-label="map of {esc(name)}">',
        f'<rect width="{width:g}" height="{height:g}" fill="{SEA}"/>',
    ]
    base_layers = {layer["key"]: layer for layer in baseline} if baseline else {}
    for k, layer in enumerate(layers):
        hidden = "" if k == 0 else ' style="display:none"'
        out.append(f'<g class="layer" data-layer="{esc(layer["key"])}"{hidden}>')
        base = base_layers.get(layer["key"])
        outlines = []
        for key, kind in shapes.kinds.items():
            cls = ""
            if kind == "state" and key in layer["fill"]:
                fill = layer["fill"][key]
                tip = f"{names_by_code.get(key, key)} ({key}): {layer['value'].get(key, '')}"
                if key not in region:
                    cls, tip = ' class="outside"', tip + " (outside the region)"
                compared = layer.get("compare", layer["value"])
                if base is not None and base.get("compare", base["value"]).get(key) != compared.get(key):
                    outlines.append(key)
            else:
                fill = NOT_MODELLED if kind == "state" else TERRITORY
                tip = f"{shapes.names[key]}: not modelled"
            out.append(f'<use href="#geo-{_key_id(key)}" fill="{fill}"{cls}><title>{esc(tip)}</title></use>')
        for code, (x, y) in shapes.points.items():
            if code in layer["fill"]:
                tip = f"{names_by_code.get(code, code)} ({code}): {layer['value'].get(code, '')}"
                out.append(
                    f'<circle cx="{x:g}" cy="{y:g}" r="4" fill="{layer["fill"][code]}" stroke="#333" '
                    f'stroke-width="0.6"><title>{esc(tip)}</title></circle>'
                )
        for key in outlines:
            out.append(f'<use href="#geo-{_key_id(key)}" class="diff-outline"/>')
        out.append("</g>")
    out.append("</svg>")
    for k, layer in enumerate(layers):
        hidden = "" if k == 0 else ' style="display:none"'
        items = "".join(
            f'<span class="swatch" style="background:{colour}"></span>{esc(label)} '
            for colour, label in layer["legend"]
        )
        out.append(f'<div class="legend" data-layer="{esc(layer["key"])}"{hidden}>{items}</div>')
    if baseline is not None:
        out.append('<div class="legend"><span class="swatch diff"></span>differs from the baseline</div>')
    out.append("</figure>")
    return "".join(out)


def markdown(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    out = ["The map is in the HTML report. Collective-defence structures by state:"]
    for name, result in by_arch(entry).items():
        groups: dict[str, list[str]] = {}
        for row in result["states"]:
            groups.setdefault(_defence_label(row), []).append(row["code"])
        out.append(f"**{name}**")
        out.append(
            md_table(
                ["structure", "states"],
                [[k, ", ".join(v)] for k, v in sorted(groups.items(), key=lambda kv: _legend_key(kv[0]))],
            )
        )
    diff = entry.get("differences")
    if diff and diff["defence_changes"]:
        names = list(by_arch(entry))
        out.append(f"Changes against {diff['baseline']}:")
        out.append(
            md_table(
                ["state", *names],
                [[c, *[v.get(n, "unchanged") for n in names]] for c, v in diff["defence_changes"].items()],
            )
        )
    return "\n\n".join(out)


SECTION = Section(
    id="map",
    title="Map of the region",
    engine="secarch.model.Architecture.at",
    compute=compute,
    compare=compare,
    html=html,
    markdown=markdown,
)
