"""Section "Structures": who belongs to which organisation, which agreements are in force (with their
credibility, an estimate, and its rationale), which disputes are active. Engine:
:func:`secarch.model.summary.describe`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from secarch.model import GUARANTEE_TYPES
from secarch.report.htmlkit import by_arch, changed_classes, details, esc, fmt, md_table, table
from secarch.report.registry import Result, Section
from secarch.report.subject import Subject


def compute(subject: Subject, earlier: Mapping[str, Result]) -> Result:
    from secarch.model.summary import describe

    described = describe(subject.architecture, subject.date)
    agreements = {a.id: a for a in subject.architecture.agreements}
    for row in described["agreements"]:
        source = agreements[row["id"]]
        row["credibility_rationale"] = source.credibility_rationale
        row["source"] = source.source
    dispute_sources = {d.id: d.source for d in subject.architecture.disputes}
    for row in described["disputes"]:
        row["source"] = dispute_sources[row["id"]]
    org_sources = {o.id: o.source for o in subject.architecture.organisations}
    for row in described["organisations"]:
        row["source"] = org_sources[row["id"]]
    # Listed one by one: guarantees, organisations' agreements and agreements that name targets. The many
    # dyadic non-aggression, neutrality and consultation pacts of large architectures are counted by type
    # (and their ids kept for comparisons): the architecture file lists them in full.
    listed = [
        row
        for row in described["agreements"]
        if row["type"] in GUARANTEE_TYPES or row["organisation"] or row["targets"]
    ]
    by_type: dict[str, dict[str, Any]] = {}
    for row in described["agreements"]:
        entry = by_type.setdefault(row["type"], {"count": 0, "credibility": []})
        entry["count"] += 1
        entry["credibility"].append(row["credibility"])
    counts = {
        kind: {
            "count": v["count"],
            "credibility_min": round(min(v["credibility"]), 4),
            "credibility_max": round(max(v["credibility"]), 4),
        }
        for kind, v in sorted(by_type.items())
    }
    return {
        "date": described["date"],
        "organisations": described["organisations"],
        "agreements": listed,
        "agreement_counts": counts,
        "agreement_ids": [row["id"] for row in described["agreements"]],
        "disputes": described["disputes"],
        "rivalries": described["rivalries"],
        "recognitions": described["recognitions"],
    }


def compare(names: Sequence[str], results: Sequence[Result]) -> Result:
    """Membership, agreements and disputes of every architecture against the first (the baseline)."""
    base = results[0]
    base_members = {o["id"]: set(o["members"]) for o in base["organisations"]}
    organisations: list[dict[str, Any]] = []
    all_orgs = list(dict.fromkeys(o["id"] for r in results for o in r["organisations"]))
    for org_id in all_orgs:
        row: dict[str, Any] = {"id": org_id, "by_architecture": {}}
        for name, result in zip(names, results, strict=True):
            members = next((set(o["members"]) for o in result["organisations"] if o["id"] == org_id), None)
            before = base_members.get(org_id)
            row["by_architecture"][name] = {
                "exists": members is not None,
                "members": len(members) if members is not None else None,
                "joined": sorted((members or set()) - (before or set())),
                "left": sorted((before or set()) - (members or set())),
            }
        row["changed"] = any(
            v["exists"] != row["by_architecture"][names[0]]["exists"] or v["joined"] or v["left"]
            for v in row["by_architecture"].values()
        )
        organisations.append(row)
    agreement_names = {a["id"]: a["name"] for r in results for a in r["agreements"]}
    ids = [set(r["agreement_ids"]) for r in results]
    changed_agreements = [
        {
            "id": agreement_id,
            "name": agreement_names.get(agreement_id, agreement_id),
            "present": {n: agreement_id in s for n, s in zip(names, ids, strict=True)},
            "changed": True,
        }
        for agreement_id in dict.fromkeys(a for r in results for a in r["agreement_ids"])
        if len({agreement_id in s for s in ids}) > 1
    ]
    return {
        "baseline": names[0],
        "organisations": organisations,
        "agreements": changed_agreements,
        "agreements_unchanged": len(set.intersection(*ids)),
        "disputes": _presence(names, results, "disputes"),
    }


def _presence(names: Sequence[str], results: Sequence[Result], key: str) -> list[dict[str, Any]]:
    rows = []
    labels = {item["id"]: item.get("name", item["id"]) for r in results for item in r[key]}
    for item_id, label in labels.items():
        present = {
            name: any(i["id"] == item_id for i in r[key]) for name, r in zip(names, results, strict=True)
        }
        rows.append(
            {"id": item_id, "name": label, "present": present, "changed": len(set(present.values())) > 1}
        )
    return rows


def _join(codes: Sequence[str]) -> str:
    return ", ".join(codes) if codes else "—"


def _org_table(result: Mapping[str, Any]) -> str:
    rows = []
    for o in result["organisations"]:
        others = "; ".join(f"{status}: {_join(codes)}" for status, codes in o["other_statuses"].items())
        rows.append(
            [
                f"<b>{esc(o['id'])}</b><br><small>{esc(o['name'])}</small>",
                esc(o["kind"].replace("_", " ")),
                f"{len(o['members'])}: {esc(_join(o['members']))}",
                esc(others or "—"),
                esc(o["defence_clause"] or "—"),
                esc(o["conflict_settlement"] or "—"),
            ]
        )
    return table(
        ["organisation", "kind", "members", "other statuses", "defence clause", "conflict settlement"],
        rows,
        raw=True,
    )


def _agreement_table(result: Mapping[str, Any]) -> str:
    rows = [
        [
            f"<b>{esc(a['id'])}</b><br><small>{esc(a['name'])}</small>",
            esc(a["type"].replace("_", " ")),
            esc(a["organisation"] or _join(a["parties"])),
            esc(_join(a["targets"])),
            f"{fmt(a['credibility'], 2)} <small>(estimate)</small>",
            f"<small>{esc(a['credibility_rationale'] or 'no rationale given in the file')}</small>",
        ]
        for a in result["agreements"]
    ]
    return table(["agreement", "type", "parties", "targets", "credibility", "rationale"], rows, raw=True)


def _dispute_table(result: Mapping[str, Any]) -> str:
    rows = [
        [
            f"<b>{esc(d['id'])}</b><br><small>{esc(d['name'])}</small>",
            esc(_join(d["side_a"])),
            esc(_join(d["side_b"])),
            esc(d["issue"]),
            esc(d["intensity"].replace("_", " ")),
            f"<small>{esc(d['source'])}</small>",
        ]
        for d in result["disputes"]
    ]
    return table(["dispute", "side A", "side B", "issue", "intensity", "source"], rows, raw=True)


def _range(low: float, high: float) -> str:
    return f"{low:.2f}" if low == high else f"{low:.2f}–{high:.2f}"


def _details(result: Mapping[str, Any]) -> str:
    parts = [f"<h3>Organisations ({len(result['organisations'])})</h3>", _org_table(result)]
    total = len(result["agreement_ids"])
    parts.append(f"<h3>Agreements in force ({total})</h3>")
    parts.append(
        table(
            ["type", "agreements", "credibility (estimates)"],
            [
                [kind.replace("_", " "), v["count"], _range(v["credibility_min"], v["credibility_max"])]
                for kind, v in result["agreement_counts"].items()
            ],
        )
    )
    listed = result["agreements"]
    label = (
        f"Guarantees, organisations' agreements and agreements naming targets ({len(listed)}); the other "
        f"{total - len(listed)} are counted above and listed in the architecture file"
    )
    if len(listed) > 25:
        parts.append(f"<details><summary>{esc(label)}</summary>{_agreement_table(result)}</details>")
    else:
        parts += [f"<p>{esc(label)}:</p>", _agreement_table(result)]
    parts += [f"<h3>Active disputes ({len(result['disputes'])})</h3>"]
    parts.append(_dispute_table(result) if result["disputes"] else "<p>None in the architecture.</p>")
    if result["rivalries"]:
        pairs = ", ".join(f"{a}–{b}" for a, b in result["rivalries"])
        parts.append(f"<p><b>Strategic rivalries:</b> {esc(pairs)}</p>")
    if result["recognitions"]:
        recs = "; ".join(f"{r['by']} recognises {r['entity']}" for r in result["recognitions"])
        parts.append(f"<p><b>Recognitions of contested entities:</b> {esc(recs)}</p>")
    return "".join(parts)


def html(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    results = by_arch(entry)
    diff = entry.get("differences")
    if diff is None:
        (result,) = results.values()
        return _details(result)
    names = list(results)
    parts = [f"<p>Changes are stated against the baseline <b>{esc(diff['baseline'])}</b>.</p>"]
    rows = []
    for org in diff["organisations"]:
        cells = [f"<b>{esc(org['id'])}</b>"]
        for name in names:
            v = org["by_architecture"][name]
            if not v["exists"]:
                cells.append("<i>not in this architecture</i>")
                continue
            change = "".join(
                [f' <span class="plus">+{esc(c)}</span>' for c in v["joined"]]
                + [f' <span class="minus">−{esc(c)}</span>' for c in v["left"]]
            )
            cells.append(f"{v['members']} members{change}")
        rows.append(cells)
    parts += [
        "<h3>Membership by organisation</h3>",
        table(["organisation", *names], rows, raw=True, row_classes=changed_classes(diff["organisations"])),
    ]
    for key, label in (
        ("agreements", "Agreements in force in some architectures only"),
        ("disputes", "Active disputes"),
    ):
        items = diff[key]
        if not items:
            continue
        shown = items[:60]
        rows = [
            [f"<b>{esc(i['id'])}</b> <small>{esc(i['name'])}</small>"]
            + ["✔" if i["present"][n] else "—" for n in names]
            for i in shown
        ]
        parts.append(f"<h3>{label} ({len(items)})</h3>")
        parts.append(table(["", *names], rows, raw=True, row_classes=changed_classes(shown)))
        if len(items) > len(shown):
            parts.append(f'<p class="note">{len(items) - len(shown)} more in the JSON report.</p>')
    if diff["agreements_unchanged"]:
        parts.append(
            f'<p class="note">{diff["agreements_unchanged"]} agreements are in force in every '
            "architecture.</p>"
        )
    parts.append(details(results, _details))
    return "".join(parts)


def markdown(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    out = []
    for name, result in by_arch(entry).items():
        out.append(f"### {name}: organisations")
        out.append(
            md_table(
                ["organisation", "kind", "members", "defence clause"],
                [
                    [o["id"], o["kind"], ", ".join(o["members"]), o["defence_clause"] or "—"]
                    for o in result["organisations"]
                ],
            )
        )
        out.append(f"### {name}: agreements in force (credibility is an estimate)")
        out.append(
            md_table(
                ["type", "agreements", "credibility"],
                [
                    [k, v["count"], _range(v["credibility_min"], v["credibility_max"])]
                    for k, v in result["agreement_counts"].items()
                ],
            )
        )
        out.append("Guarantees, organisations' agreements and agreements naming targets:")
        out.append(
            md_table(
                ["agreement", "type", "parties", "credibility"],
                [
                    [a["id"], a["type"], a["organisation"] or ", ".join(a["parties"]), a["credibility"]]
                    for a in result["agreements"]
                ],
            )
        )
        if result["disputes"]:
            out.append(f"### {name}: active disputes")
            out.append(
                md_table(
                    ["dispute", "side A", "side B", "issue", "intensity"],
                    [
                        [d["id"], ", ".join(d["side_a"]), ", ".join(d["side_b"]), d["issue"], d["intensity"]]
                        for d in result["disputes"]
                    ],
                )
            )
    diff = entry.get("differences")
    if diff:
        out.append(f"### Membership changes against {diff['baseline']}")
        names = list(by_arch(entry))
        rows = []
        for org in diff["organisations"]:
            if not org["changed"]:
                continue
            cells = [org["id"]]
            for n in names:
                v = org["by_architecture"][n]
                cells.append(
                    "absent"
                    if not v["exists"]
                    else " ".join([f"+{c}" for c in v["joined"]] + [f"−{c}" for c in v["left"]]) or "same"
                )
            rows.append(cells)
        out.append(md_table(["organisation", *names], rows) if rows else "No membership changes.")
    return "\n\n".join(out)


SECTION = Section(
    id="structures",
    title="Structures, agreements and disputes",
    engine="secarch.model.summary.describe",
    compute=compute,
    compare=compare,
    html=html,
    markdown=markdown,
)
