"""Section "Network": the states, the structures they belong to, the agreements and guarantees that bind
them and the disputes that divide them, drawn as a graph, with the network metrics of
:func:`secarch.metrics.snapshot.snapshot_metrics`.

The layout is computed here in NumPy by stress majorization (:mod:`secarch.report.layout`) on the ties that
bind (membership and agreements), so states that share structures sit together; disputes and rivalries are
drawn over it. A comparison lays out the union of all architectures' ties once, so that every drawing puts
each state in the same place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from secarch.report.htmlkit import CATEGORICAL, by_arch, changed_classes, esc, fmt, md_table, table
from secarch.report.registry import Result, Section
from secarch.report.subject import Subject

METRIC_LABELS: dict[str, str] = {
    "states": "states",
    "organisations": "organisations",
    "agreements": "agreements in force",
    "density": "density of shared-membership ties",
    "degree_centralisation": "degree centralisation (Freeman)",
    "betweenness_centralisation": "betweenness centralisation (Freeman)",
    "average_path_length": "average path length",
    "polarisation": "polarisation (modularity, Newman)",
    "blocs": "blocs (leading-eigenvector partition)",
    "organisation_overlap": "overlap of organisations (weighted Jaccard)",
    "guarantee_density": "density of guarantees",
    "guarantee_path_length": "links on the shortest chain of guarantees (mean over linked pairs)",
    "guarantee_reachability": "share of state pairs linked by a chain of guarantees",
    "krackhardt_connectedness": "Krackhardt connectedness",
    "krackhardt_hierarchy": "Krackhardt hierarchy",
    "krackhardt_efficiency": "Krackhardt efficiency",
    "krackhardt_lub": "Krackhardt least upper boundedness",
    "tau_b": "alliance-portfolio similarity, tau-b (mean)",
    "s_unweighted": "alliance-portfolio similarity, S (mean)",
    "s_weighted": "S weighted by capability (mean)",
    "s_regional": "S, regional (mean)",
    "s_weighted_regional": "S, weighted and regional (mean)",
    "concentration": "capability concentration (SBS)",
    "effective_poles": "effective number of poles",
    "poles": "poles (share ≥ 10%)",
}
"""Readable names of the metric columns (definitions in docs/metrics.md)."""

KIND_COLOURS = {
    "collective_defence": CATEGORICAL[0],
    "security_cooperation": CATEGORICAL[2],
    "economic_integration": CATEGORICAL[1],
    "political_union": CATEGORICAL[3],
    "dialogue_forum": CATEGORICAL[5],
    "universal": CATEGORICAL[7],
}
BINDING_EDGES = ("membership", "party", "agreement")


MAX_MINOR_AGREEMENTS = 40
"""Above this many non-guarantee agreements outside organisations (non-aggression, neutrality, consultation
…), they are counted, not drawn: large architectures derived from ATOP have hundreds of dyadic pacts."""


def compute(subject: Subject, earlier: Mapping[str, Result]) -> Result:
    from secarch.metrics.snapshot import snapshot_metrics, state_regions
    from secarch.model import GUARANTEE_TYPES, MEMBERSHIP_STATUSES

    snap = subject.snapshot
    states = snap.states
    in_region = np.asarray(snap.in_region, dtype=bool)
    # What is drawn: organisations other than universal ones (the UN would tie every state to every other),
    # the region's states, and states outside it that are members of a drawn organisation with members in
    # the region or that give or receive a guarantee involving a region state.
    drawn_orgs = [
        m
        for m, kind in enumerate(snap.organisation_kinds)
        if kind != "universal" and np.any(in_region & (snap.membership[:, m] > 0))
    ]
    drawn = in_region.copy()
    for m in drawn_orgs:
        drawn |= snap.membership[:, m] > 0
    outside = [k for k, org in enumerate(snap.agreement_organisations) if org is None]
    minor = [k for k in outside if snap.agreement_types[k] not in GUARANTEE_TYPES]
    shown = [
        k
        for k in outside
        if (snap.agreement_types[k] in GUARANTEE_TYPES or len(minor) <= MAX_MINOR_AGREEMENTS)
        and np.any((snap.parties[k] | snap.beneficiaries[k]) & in_region)
    ]
    for k in shown:
        drawn |= snap.parties[k] | snap.beneficiaries[k]
    nodes: list[dict[str, Any]] = [
        {"id": f"s:{code}", "label": code, "kind": "state", "in_region": bool(in_region[i])}
        for i, code in enumerate(states)
        if drawn[i]
    ]
    edges: list[dict[str, Any]] = []
    org_guarantee: dict[str, float] = {}
    for k, org in enumerate(snap.agreement_organisations):
        if org is not None and snap.agreement_types[k] in GUARANTEE_TYPES:
            org_guarantee[org] = max(org_guarantee.get(org, 0.0), float(snap.credibility[k]))
    for m in drawn_orgs:
        org = snap.organisations[m]
        nodes.append(
            {
                "id": f"o:{org}",
                "label": org,
                "kind": "organisation",
                "org_kind": snap.organisation_kinds[m],
                "guarantee": org_guarantee.get(org),
            }
        )
        for i in np.flatnonzero(snap.membership[:, m]):
            status = MEMBERSHIP_STATUSES[int(snap.membership[i, m]) - 1]
            edges.append(
                {"source": f"s:{states[i]}", "target": f"o:{org}", "kind": "membership", "status": status}
            )
    for k in shown:
        agreement = snap.agreements[k]
        parties = [states[i] for i in np.flatnonzero(snap.parties[k] | snap.beneficiaries[k])]
        kind, credibility = snap.agreement_types[k], round(float(snap.credibility[k]), 4)
        guarantee = kind in GUARANTEE_TYPES
        if len(parties) == 2:
            edges.append(
                {
                    "source": f"s:{parties[0]}",
                    "target": f"s:{parties[1]}",
                    "kind": "agreement",
                    "id": agreement,
                    "type": kind,
                    "credibility": credibility,
                    "guarantee": guarantee,
                }
            )
        else:
            nodes.append(
                {
                    "id": f"a:{agreement}",
                    "label": agreement,
                    "kind": "agreement",
                    "type": kind,
                    "guarantee": credibility if guarantee else None,
                }
            )
            edges += [
                {"source": f"s:{p}", "target": f"a:{agreement}", "kind": "party", "type": kind}
                for p in parties
            ]
    for k, dispute in enumerate(snap.disputes):
        side_a = [states[i] for i in np.flatnonzero((snap.dispute_sides[k] > 0) & drawn)]
        side_b = [states[i] for i in np.flatnonzero((snap.dispute_sides[k] < 0) & drawn)]
        edges += [
            {
                "source": f"s:{a}",
                "target": f"s:{b}",
                "kind": "dispute",
                "id": dispute,
                "intensity": snap.dispute_intensities[k],
            }
            for a in side_a
            for b in side_b
        ]
    rival_i, rival_j = np.nonzero(np.triu(snap.rivalry & drawn[:, None] & drawn[None, :], k=1))
    edges += [
        {"source": f"s:{states[i]}", "target": f"s:{states[j]}", "kind": "rivalry"}
        for i, j in zip(rival_i, rival_j, strict=True)
    ]
    positions = layout_positions([n["id"] for n in nodes], edges)
    for node in nodes:
        node["x"], node["y"] = positions[node["id"]]
    metrics = snapshot_metrics(snap, subject.capabilities, state_regions(snap.states))
    not_drawn = {
        "states": int((~drawn).sum()),
        "organisations": [
            snap.organisations[m] for m in range(len(snap.organisations)) if m not in drawn_orgs
        ],
        "agreements": len(outside) - len(shown),
    }
    return {
        "nodes": nodes,
        "edges": edges,
        "not_drawn": not_drawn,
        "metrics": {k: _clean(k, v) for k, v in metrics.items()},
        "capabilities_used": subject.capabilities is not None,
    }


COUNT_METRICS = frozenset({"states", "organisations", "agreements", "blocs", "poles"})


def _clean(key: str, value: float) -> float | int | None:
    value = float(value)
    if np.isnan(value):
        return None
    return int(value) if key in COUNT_METRICS else round(value, 4)


def layout_positions(
    node_ids: Sequence[str], edges: Sequence[Mapping[str, Any]]
) -> dict[str, tuple[float, float]]:
    """Stress-majorization positions (unit square, 4 decimals) of ``node_ids`` from the binding edges.

    Edge lengths: a membership tie is √(members of the organisation) long (×1.5 for observers, partners and
    frozen memberships), so that small, tight structures pull their members together and large forums do
    not collapse everything into one ball; a party's tie to a plurilateral agreement √(parties); a bilateral
    agreement 1.5. Nodes with no binding tie are set in a row below the drawing.
    """
    from secarch.report.layout import graph_distances, stress_layout

    binding = [e for e in edges if e["kind"] in BINDING_EDGES]
    tied = {e["source"] for e in binding} | {e["target"] for e in binding}
    placed = [node for node in node_ids if node in tied]
    loose = [node for node in node_ids if node not in tied]
    index = {node: k for k, node in enumerate(placed)}
    size: dict[str, int] = {}
    for edge in binding:
        if edge["kind"] in ("membership", "party"):
            size[edge["target"]] = size.get(edge["target"], 0) + 1
    adjacency = np.zeros((len(placed), len(placed)))
    length = np.zeros_like(adjacency)
    for edge in binding:
        if edge["source"] not in index or edge["target"] not in index:
            continue
        a, b = index[edge["source"]], index[edge["target"]]
        if edge["kind"] == "agreement":
            value = 1.5
        else:
            value = float(np.sqrt(max(size[edge["target"]], 1)))
            if edge.get("status", "member") != "member":
                value *= 1.5
        adjacency[a, b] = adjacency[b, a] = 1.0
        length[a, b] = length[b, a] = max(value, 1.0)
    positions = (
        stress_layout(graph_distances(adjacency, weight=length)).positions if placed else np.zeros((0, 2))
    )
    found = {
        node: (round(float(x), 4), round(float(y), 4)) for node, (x, y) in zip(placed, positions, strict=True)
    }
    bottom = (max((y for _, y in found.values()), default=0.0)) + 0.08
    for k, node in enumerate(loose):
        found[node] = (round((k + 0.5) / len(loose), 4), round(bottom, 4))
    return {node: found[node] for node in node_ids}


def _edge_key(edge: Mapping[str, Any]) -> tuple[str, str, str, str]:
    a, b = sorted((edge["source"], edge["target"]))
    return (edge["kind"], a, b, str(edge.get("status", edge.get("id", ""))))


def compare(names: Sequence[str], results: Sequence[Result]) -> Result:
    """A shared layout of the union of all networks, and every metric against the baseline."""
    node_ids = list(dict.fromkeys(n["id"] for r in results for n in r["nodes"]))
    union_edges = list({_edge_key(e): e for r in results for e in r["edges"]}.values())
    positions = layout_positions(node_ids, union_edges)
    base_metrics = results[0]["metrics"]
    metric_rows = []
    for key in base_metrics:
        values = [r["metrics"].get(key) for r in results]
        changed = any(v != values[0] for v in values[1:])
        metric_rows.append(
            {"metric": key, "values": dict(zip(names, values, strict=True)), "changed": changed}
        )
    base_edges = {_edge_key(e) for e in results[0]["edges"]}
    edge_changes = {
        name: {
            "added": sum(1 for e in r["edges"] if _edge_key(e) not in base_edges),
            "removed": len(base_edges - {_edge_key(e) for e in r["edges"]}),
        }
        for name, r in zip(names[1:], results[1:], strict=True)
    }
    return {
        "baseline": names[0],
        "shared_layout": {node: list(xy) for node, xy in positions.items()},
        "metrics": metric_rows,
        "edge_changes": edge_changes,
    }


# --- rendering -------------------------------------------------------------------------------------------

WIDTH, HEIGHT, PAD = 900.0, 560.0, 40.0


def _svg(
    name: str,
    result: Mapping[str, Any],
    layout: Mapping[str, Sequence[float]] | None,
    baseline: Mapping[str, Any] | None,
) -> str:
    where = {n["id"]: (n["x"], n["y"]) for n in result["nodes"]}
    if layout is not None:
        where = {k: (float(v[0]), float(v[1])) for k, v in layout.items()}
    xs = [p[0] for p in where.values()] or [0.0]
    ys = [p[1] for p in where.values()] or [0.0]
    span_x, span_y = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    # Larger networks get a larger canvas (the page scales it to the screen): node and label sizes stay.
    width = WIDTH * max(1.0, min(2.0, float(np.sqrt(len(where) / 40.0))))
    scale = (width - 2 * PAD) / span_x
    height = min(max(span_y * scale + 2 * PAD, 300.0), 1.6 * width)
    scale = min(scale, (height - 2 * PAD) / span_y)

    def at(node: str) -> tuple[float, float]:
        x, y = where[node]
        return PAD + (x - min(xs)) * scale, PAD + (y - min(ys)) * scale

    out = [
        f'<figure class="network" id="network-{esc(name)}"><figcaption>{esc(name)}</figcaption>',
        f'<svg viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="network of {esc(name)}">',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    guarantees = {n["id"]: n.get("guarantee") for n in result["nodes"]}
    own_edges = {_edge_key(e) for e in result["edges"]}
    base_edges = {_edge_key(e): e for e in baseline["edges"]} if baseline is not None else {}
    for key, edge in base_edges.items():
        if key not in own_edges and edge["source"] in where and edge["target"] in where:
            (x1, y1), (x2, y2) = at(edge["source"]), at(edge["target"])
            out.append(
                f'<line class="e-removed" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" '
                f'y2="{y2:.1f}"><title>removed against the baseline</title></line>'
            )
    for edge in result["edges"]:
        (x1, y1), (x2, y2) = at(edge["source"]), at(edge["target"])
        cls, width, tip = _edge_style(edge, guarantees)
        if baseline is not None and _edge_key(edge) not in base_edges:
            cls += " e-added"
            tip += " (added against the baseline)"
        out.append(
            f'<line class="{cls}" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{width:.2f}">'
            f"<title>{esc(tip)}</title></line>"
        )
    for node in result["nodes"]:
        x, y = at(node["id"])
        out.append(_node_svg(node, x, y))
    out.append("</svg></figure>")
    return "".join(out)


def _edge_style(edge: Mapping[str, Any], guarantees: Mapping[str, Any]) -> tuple[str, float, str]:
    source, target = edge["source"][2:], edge["target"][2:]
    kind = edge["kind"]
    if kind == "membership":
        credibility = guarantees.get(edge["target"])
        status = edge["status"]
        if credibility and status == "member":
            return (
                "e-guarantee",
                1.0 + 5.0 * credibility,
                f"{source} in {target} (guarantee, credibility {credibility:.2f}, estimate)",
            )
        return ("e-member" if status == "member" else "e-other"), 1.0, f"{source} in {target} ({status})"
    if kind == "party":
        return "e-member", 1.0, f"{source} party to {target}"
    if kind == "agreement":
        if edge.get("guarantee"):
            return (
                "e-guarantee",
                1.0 + 5.0 * edge["credibility"],
                f"{edge['id']}: {edge['type']} {source}–{target}, credibility "
                f"{edge['credibility']:.2f} (estimate)",
            )
        return "e-agreement", 1.5, f"{edge['id']}: {edge['type']} {source}–{target}"
    if kind == "dispute":
        return "e-dispute", 2.0, f"{edge['id']}: dispute {source}–{target} ({edge['intensity']})"
    return "e-rivalry", 1.5, f"rivalry {source}–{target}"


def _node_svg(node: Mapping[str, Any], x: float, y: float) -> str:
    label = esc(node["label"])
    if node["kind"] == "state":
        fill = "#333333" if node["in_region"] else "#ffffff"
        tip = f"{node['label']} ({'in the region' if node['in_region'] else 'outside the region'})"
        return (
            f'<g class="n-state"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{fill}" stroke="#333"/>'
            f'<text x="{x + 8:.1f}" y="{y + 4:.1f}">{label}</text><title>{esc(tip)}</title></g>'
        )
    if node["kind"] == "organisation":
        colour = KIND_COLOURS.get(node["org_kind"], "#7F7F7F")
        stroke = ' stroke="#000" stroke-width="2.5"' if node.get("guarantee") else ""
        tip = f"{node['label']}: {node['org_kind'].replace('_', ' ')}"
        if node.get("guarantee"):
            tip += f"; guarantee among members, credibility {node['guarantee']:.2f} (estimate)"
        return (
            f'<g class="n-org"><rect x="{x - 9:.1f}" y="{y - 9:.1f}" width="18" height="18" rx="3" '
            f'fill="{colour}"{stroke}/>'
            f'<text x="{x + 12:.1f}" y="{y + 5:.1f}" '
            f'font-weight="bold">{label}</text><title>{esc(tip)}</title></g>'
        )
    return (
        f'<g class="n-agreement"><path d="M{x:.1f},{y - 8:.1f} L{x + 8:.1f},{y:.1f} '
        f'L{x:.1f},{y + 8:.1f} L{x - 8:.1f},{y:.1f}Z" '
        f'fill="#F0E442" stroke="#333"/><text x="{x + 10:.1f}" y="{y + 4:.1f}">{label}</text>'
        f"<title>{esc(node['label'])}: {esc(node['type'])}</title></g>"
    )


LEGEND = (
    '<div class="legend"><span class="dot dark"></span>state in the region <span '
    'class="dot"></span>state outside '
    '<span class="sq" style="background:#0072B2"></span>collective defence '
    '<span class="sq" style="background:#009E73"></span>security cooperation '
    '<span class="sq" style="background:#E69F00"></span>economic integration '
    '<span class="sq" style="background:#CC79A7"></span>political union '
    '<span class="sq" style="background:#56B4E9"></span>dialogue forum '
    '<span class="ln guarantee"></span>guarantee (width: credibility, an estimate) '
    '<span class="ln member"></span>membership <span class="ln other"></span>observer/partner/frozen '
    '<span class="ln dispute"></span>dispute <span class="ln rivalry"></span>rivalry</div>'
)


def html(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    results = by_arch(entry)
    names = list(results)
    diff = entry.get("differences")
    layout = diff["shared_layout"] if diff else None
    baseline = results[names[0]] if diff else None
    parts = [LEGEND, '<div class="network-grid">']
    for name, result in results.items():
        parts.append(_svg(name, result, layout, baseline if name != names[0] else None))
    parts.append("</div>")
    if diff:
        parts.append(
            '<div class="legend"><span class="ln added"></span>tie added against the baseline '
            '<span class="ln removed"></span>tie removed</div>'
        )
        rows = [
            [METRIC_LABELS.get(m["metric"], m["metric"]), *[fmt(m["values"][n]) for n in names]]
            for m in diff["metrics"]
        ]
        parts.append("<h3>Network metrics</h3>")
        parts.append(
            table(
                ["metric", *names],
                rows,
                row_classes=changed_classes(diff["metrics"]),
            )
        )
    else:
        (result,) = results.values()
        rows = [[METRIC_LABELS.get(k, k), fmt(v)] for k, v in result["metrics"].items()]
        parts.append("<h3>Network metrics</h3>" + table(["metric", "value"], rows))
    if not all(r["capabilities_used"] for r in results.values()):
        parts.append(
            '<p class="note">No capability table is installed: capability-based metrics are not '
            "computed (—).</p>"
        )
    for name, result in results.items():
        hidden = result["not_drawn"]
        if hidden["states"] or hidden["organisations"] or hidden["agreements"]:
            parts.append(
                f'<p class="note">{esc(name)}: not drawn (the metrics count them): {hidden["states"]} states '
                "outside the region with no drawn tie to it; organisations "
                f"{esc(', '.join(hidden['organisations']) or 'none')}; {hidden['agreements']} "
                "agreements outside "
                "organisations that are not guarantees or involve no state of the region.</p>"
            )
    parts.append(
        '<p class="note">Definitions and references: docs/metrics.md. Layout: stress majorization '
        "on membership and agreement ties.</p>"
    )
    return "".join(parts)


def markdown(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    results = by_arch(entry)
    names = list(results)
    rows = [
        [METRIC_LABELS.get(k, k), *[results[n]["metrics"].get(k) for n in names]]
        for k in next(iter(results.values()))["metrics"]
    ]
    text = "The network drawing is in the HTML report.\n\n" + md_table(["metric", *names], rows)
    diff = entry.get("differences")
    if diff:
        changes = "; ".join(
            f"{n}: +{c['added']} / −{c['removed']} ties" for n, c in diff["edge_changes"].items()
        )
        text += f"\n\nTies against {diff['baseline']}: {changes}."
    return text


SECTION = Section(
    id="network",
    title="Network of states, structures and guarantees",
    engine="secarch.metrics.snapshot.snapshot_metrics",
    compute=compute,
    compare=compare,
    html=html,
    markdown=markdown,
)
