"""Section "Security": every state's modelled security (own capability and guarantors' support against
projected threat), and the agreements and memberships whose effect is zero-sum (their parties gain on
average, some non-party loses) or negative-sum, with who loses. Engine:
:func:`secarch.security.hooks.case_for` (``SecurityCase.scores`` and ``SecurityCase.classify``), the same
case the equality and indivisibility checks use. See docs/security.md.

Scores are model outputs on estimated inputs (credibility of guarantees, capabilities, threat weights).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from secarch.report.htmlkit import by_arch, compared_html, esc, fmt, md_table, sequential_colour, table
from secarch.report.registry import Result, Section
from secarch.report.subject import Subject

SHOWN_ELEMENTS = 30
"""Zero- and negative-sum elements kept per architecture (largest total loss first)."""
SHOWN_LOSERS = 10


def compute(subject: Subject, earlier: Mapping[str, Result]) -> Result:
    from secarch.metrics.inequality import gini
    from secarch.security.hooks import case_for

    case = case_for(subject.architecture, subject.date)
    scores = case.scores().as_dict()
    classification = case.classify()
    region = set(subject.architecture.region.states)
    unknown = set(case.without_capability)
    rows = [
        {
            "state": row["state"],
            "in_region": row["state"] in region,
            "capability_known": row["state"] not in unknown,
            "security": round(row["security"], 4),
            "own": round(row["own"], 6),
            "support": round(row["support"], 6),
            "threat": round(row["threat"], 6),
        }
        for row in scores["states"]
    ]
    rows.sort(key=lambda r: (r["security"], r["state"]))
    # States without capability data score 0 by construction; they stay in the table, flagged, but not
    # in the region's summary, which would otherwise report them as the least secure.
    inside = [r for r in rows if r["in_region"] and r["capability_known"]]
    values = np.array([r["security"] for r in inside])
    summary: dict[str, Any] = {}
    if values.size:
        summary = {
            "mean": round(float(values.mean()), 4),
            "min": inside[0]["security"],
            "min_state": inside[0]["state"],
            "max": inside[-1]["security"],
            "max_state": inside[-1]["state"],
            "gini": round(float(gini(values)), 4),
            "not_estimated": sorted(s for s in unknown if s in region),
        }
    counts: dict[str, int] = {}
    for effect in classification.effects:
        counts[effect.effect_class] = counts.get(effect.effect_class, 0) + 1

    def element_row(effect: Any) -> dict[str, Any]:
        losers = sorted(effect.losers, key=lambda pair: pair[1])
        return {
            "element": effect.element,
            "kind": effect.kind,
            "label": effect.label,
            "class": effect.effect_class,
            "parties": len(effect.parties),
            "gainers": len(effect.gainers),
            "gain_total": round(float(sum(v for _, v in effect.gainers)), 6),
            "losers": [[s, round(float(v), 6)] for s, v in losers[:SHOWN_LOSERS]],
            "loser_count": len(effect.losers),
            "loss_total": round(float(sum(v for _, v in effect.losers)), 6),
            "net": round(float(effect.net), 6),
        }

    flagged = [e for e in classification.effects if e.effect_class in ("zero-sum", "negative-sum")]
    flagged.sort(key=lambda e: sum(v for _, v in e.losers))
    return {
        "year": scores["year"],
        "params": scores["params"],
        "notes": list(case.notes),
        "scores": rows,
        "region": summary,
        "element_counts": dict(sorted(counts.items())),
        "threshold": classification.threshold,
        "flagged": [element_row(e) for e in flagged[:SHOWN_ELEMENTS]],
        "flagged_total": len(flagged),
    }


def compare(names: Sequence[str], results: Sequence[Result]) -> Result:
    """Every region state's security against the baseline, the region summary, and the counts of classes."""
    base = {r["state"]: r["security"] for r in results[0]["scores"]}
    states = [r["state"] for r in results[0]["scores"] if r["in_region"]]
    rows = []
    for state in states:
        values = {
            n: next((r["security"] for r in res["scores"] if r["state"] == state), None)
            for n, res in zip(names, results, strict=True)
        }
        deltas = {n: None if v is None else round(v - base[state], 4) for n, v in values.items()}
        rows.append({"state": state, "values": values, "deltas": deltas})
    rows.sort(key=lambda r: -max(abs(d or 0.0) for d in r["deltas"].values()))
    return {
        "baseline": names[0],
        "states": rows,
        "region": {n: r["region"] for n, r in zip(names, results, strict=True)},
        "element_counts": {n: r["element_counts"] for n, r in zip(names, results, strict=True)},
    }


def _bars(result: Mapping[str, Any]) -> str:
    """Horizontal bars of the region's states, least secure first (viridis colour of the score)."""
    rows = [r for r in result["scores"] if r["in_region"]]
    height, left, width = 14.0, 46.0, 520.0
    total = len(rows) * height + 20
    out = [
        f'<svg class="bars" viewBox="0 0 {left + width + 50:g} {total:g}" role="img" aria-label="security">'
    ]
    for k, r in enumerate(rows):
        y = 10 + k * height
        w = width * r["security"]
        out.append(
            f'<text x="{left - 4}" y="{y + 10:.0f}" font-size="10" text-anchor="end">{esc(r["state"])}</text>'
            f'<rect x="{left}" y="{y:.0f}" width="{w:.1f}" height="{height - 3:g}" '
            f'fill="{sequential_colour(r["security"])}"><title>{esc(r["state"])}: '
            f"{r['security']:.3f}</title></rect>"
            f'<text x="{left + w + 3:.1f}" y="{y + 10:.0f}" font-size="9">{r["security"]:.2f}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _flagged_table(result: Mapping[str, Any]) -> str:
    if not result["flagged"]:
        return "<p>No element is zero-sum or negative-sum at this threshold.</p>"
    rows = [
        [
            f"<b>{esc(e['element'])}</b><br><small>{esc(e['label'])}</small>",
            esc(e["class"]),
            f"{e['gainers']} (+{e['gain_total']:.4f})",
            f"{e['loser_count']} ({e['loss_total']:.4f})",
            esc(", ".join(f"{s} {v:+.4f}" for s, v in e["losers"])),
        ]
        for e in result["flagged"]
    ]
    return table(
        ["element", "class", "states gaining (total)", "states losing (total)", "who loses most"],
        rows,
        raw=True,
    )


NOTE = (
    "Security is a model output: (own + guarantors' support) / (own + support + projected threat), each "
    "projected over distance (docs/security.md); capabilities, credibility of guarantees and threat weights "
    "are estimates. An element is zero-sum when it raises its parties' security on average while some state "
    "outside it loses (leave-one-out: security with the element minus without it) — the model's "
    "counterpart of “security at the expense of others”; negative-sum when some state loses and the "
    "changes sum to zero or less."
)


def _one(result: Mapping[str, Any]) -> str:
    parts = []
    region = result["region"]
    if region:
        parts.append(
            f"<p>In the region: mean {fmt(region['mean'], 2)}; lowest {esc(region['min_state'])} "
            f"({fmt(region['min'], 2)}), highest {esc(region['max_state'])} ({fmt(region['max'], 2)}); "
            f"Gini {fmt(region['gini'], 2)}.</p>"
        )
        if region.get("not_estimated"):
            parts.append(
                f'<p class="note">Not estimated (no capability data; their scores are 0 by construction '
                f"and left out of these figures): {esc(', '.join(region['not_estimated']))}.</p>"
            )
    counts = ", ".join(f"{n} {k}" for k, n in result["element_counts"].items())
    parts.append(f"<p>Elements by their effect (threshold {result['threshold']:g}): {esc(counts)}.</p>")
    parts.append(
        f"<details><summary>Security of every state of the region</summary>{_bars(result)}</details>"
    )
    parts.append(
        f"<h3>Zero- and negative-sum elements ({result['flagged_total']}), largest losses first</h3>"
    )
    parts.append(_flagged_table(result))
    parts += [f'<p class="note">{esc(n)}</p>' for n in result["notes"]]
    return "".join(parts)


def html(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    return compared_html(entry, NOTE, _one, _comparison)


def _comparison(diff: Mapping[str, Any], names: list[str]) -> list[str]:
    rows = [
        ["region mean", *[fmt(diff["region"][n].get("mean"), 3) for n in names]],
        [
            "lowest",
            *[
                f"{diff['region'][n].get('min_state', '—')} {fmt(diff['region'][n].get('min'), 2)}"
                for n in names
            ],
        ],
        ["Gini", *[fmt(diff["region"][n].get("gini"), 3) for n in names]],
        [
            "zero-sum / negative-sum elements",
            *[
                f"{diff['element_counts'][n].get('zero-sum', 0)} / "
                f"{diff['element_counts'][n].get('negative-sum', 0)}"
                for n in names
            ],
        ],
    ]
    parts = [table(["", *names], rows)]
    moved = [r for r in diff["states"] if any(abs(d or 0) >= 0.005 for d in r["deltas"].values())][:25]
    if moved:
        rows = [
            [
                r["state"],
                *[
                    fmt(r["values"][n], 3) + (f" ({r['deltas'][n]:+.3f})" if r["deltas"][n] else "")
                    for n in names
                ],
            ]
            for r in moved
        ]
        parts.append("<h3>States whose security changes most against the baseline</h3>")
        parts.append(table(["state", *names], rows, row_classes=["changed"] * len(rows)))
    return parts


def markdown(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    out = [f"_{NOTE}_"]
    for name, result in by_arch(entry).items():
        out.append(f"### {name}")
        region = result["region"]
        if region:
            out.append(
                f"Region: mean {region['mean']:.3f}, lowest {region['min_state']} ({region['min']:.3f}), "
                f"Gini {region['gini']:.3f}."
            )
        out.append(
            md_table(
                ["state", "security", "own", "support", "threat"],
                [
                    [r["state"], r["security"], r["own"], r["support"], r["threat"]]
                    for r in result["scores"]
                    if r["in_region"]
                ],
            )
        )
        if result["flagged"]:
            out.append("Zero- and negative-sum elements (who loses most):")
            out.append(
                md_table(
                    ["element", "class", "losers", "who loses most"],
                    [
                        [
                            e["element"],
                            e["class"],
                            e["loser_count"],
                            ", ".join(f"{s} {v:+.4f}" for s, v in e["losers"][:5]),
                        ]
                        for e in result["flagged"]
                    ],
                )
            )
    return "\n\n".join(out)


SECTION = Section(
    id="security",
    title="Security scores and zero-sum agreements",
    engine="secarch.security (SecurityCase.scores, SecurityCase.classify)",
    compute=compute,
    compare=compare,
    html=html,
    markdown=markdown,
    requires="secarch.security.hooks",
)
