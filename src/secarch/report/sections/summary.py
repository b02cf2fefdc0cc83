"""Section "Summary": what an adviser reads in two minutes. It computes nothing new: it reads the other
sections' results for the same architecture (so it only ever states what the report shows in detail) and
words them neutrally, labelling estimates as estimates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from secarch.report.htmlkit import by_arch, changed_classes, esc, fmt, md_table, table
from secarch.report.registry import Result, Section
from secarch.report.subject import Subject

INTENSITY_ORDER = ("latent", "militarized", "armed_conflict", "war")

NUMBER_LABELS: dict[str, str] = {
    "states": "states modelled",
    "states_in_region": "states in the region",
    "organisations": "organisations",
    "agreements": "agreements in force",
    "guarantee_structures": "guarantee agreements (defence clauses and mutual assistance)",
    "disputes": "active disputes",
    "findings_high": "high-severity findings",
    "findings_medium": "medium-severity findings",
    "blocs": "blocs in the membership network",
    "polarisation": "polarisation (modularity)",
    "security_mean": "mean modelled security in the region (estimate, 0–1)",
    "security_min": "lowest modelled security in the region (estimate)",
    "zero_sum_elements": "zero-sum elements (their parties gain, some non-party loses)",
    "p_any_war": "simulated probability of at least one war (estimate)",
    "expected_wars": "simulated expected number of wars (estimate)",
    "negotiation_mean_distance": "mean distance of negotiating parties from their ideals (estimate)",
    "negotiation_max_distance": "largest distance of a party from its ideal (estimate)",
}
"""The key numbers of the summary, in order, with their labels."""


def compute(subject: Subject, earlier: Mapping[str, Result]) -> Result:
    arch = subject.architecture
    numbers: dict[str, Any] = {}
    sentences: list[str] = []
    structures = earlier.get("structures")
    if structures is not None:
        snap = subject.snapshot
        in_region = int(snap.in_region.sum())
        guarantees = [
            a for a in structures["agreements"] if a["type"] in ("collective_defence", "mutual_assistance")
        ]
        numbers.update(
            states=snap.n_states,
            states_in_region=in_region,
            organisations=len(structures["organisations"]),
            agreements=len(structures["agreement_ids"]),
            guarantee_structures=len(guarantees),
            disputes=len(structures["disputes"]),
        )
        sentences.append(
            f"On {subject.date.isoformat()} the architecture “{arch.title}” models {snap.n_states} states "
            f"({in_region} of them in the region {arch.region.name}), {len(structures['organisations'])} "
            f"organisations and {len(structures['agreement_ids'])} agreements in force."
        )
        if guarantees:
            parts = []
            for g in sorted(guarantees, key=lambda g: -len(g["beneficiaries"]))[:4]:
                who = g["organisation"] or f"{g['name']} ({', '.join(g['parties'])})"
                parts.append(
                    f"{who} ({len(g['beneficiaries'])} states covered, credibility {g['credibility']:.2f})"
                )
            sentences.append(
                "Defence guarantees: "
                + "; ".join(parts)
                + ". Credibility values are estimates (probability that "
                "a commitment is honoured), with their rationale in the last section."
            )
        else:
            sentences.append("No collective-defence or mutual-assistance guarantee is in force.")
        if structures["disputes"]:
            worst = max(structures["disputes"], key=lambda d: INTENSITY_ORDER.index(d["intensity"]))
            sentences.append(
                f"{len(structures['disputes'])} dispute(s) are active; the most intense is “{worst['name']}” "
                f"({worst['intensity'].replace('_', ' ')})."
            )
        else:
            sentences.append("No dispute is active on this date in the architecture's data.")
    findings = earlier.get("findings")
    top: list[dict[str, Any]] = []
    if findings is not None:
        counts = findings["counts"]
        numbers.update(findings_high=counts["high"], findings_medium=counts["medium"])
        ranked = [
            {"principle": p["title"], "title": f["title"], "severity": f["severity"]}
            for p in findings["principles"]
            for f in p["findings"]
            if f["severity"] in ("high", "medium")
        ]
        top = sorted(ranked, key=lambda f: 0 if f["severity"] == "high" else 1)[:5]
        sentences.append(
            f"Checked against its stated principles, the architecture has {counts['high']} high-, "
            f"{counts['medium']} medium- and {counts['low']} low-severity findings."
        )
    network = earlier.get("network")
    if network is not None:
        metrics = network["metrics"]
        numbers.update(blocs=metrics.get("blocs"), polarisation=metrics.get("polarisation"))
        if metrics.get("blocs") is not None:
            sentences.append(
                f"Shared membership splits the states into {fmt(metrics['blocs'], 0)} bloc(s) "
                f"(modularity {fmt(metrics.get('polarisation'), 2)}; 0 means no division into blocs)."
            )
    security = earlier.get("security")
    if security is not None and security["region"]:
        region = security["region"]
        zero_sum = security["element_counts"].get("zero-sum", 0)
        numbers.update(security_mean=region["mean"], security_min=region["min"], zero_sum_elements=zero_sum)
        sentences.append(
            "The security model (an estimate: own capability and guarantors' support against "
            "projected threat) "
            f"gives the region's states a mean security of {region['mean']:.2f} on 0–1; the lowest is "
            f"{region['min_state']} ({region['min']:.2f}). {zero_sum} agreement(s) or membership(s) are "
            "zero-sum: they raise their parties' modelled security on average and lower that of some "
            "state outside them."
        )
    crisis = earlier.get("crisis")
    if crisis is not None:
        p_war, wars = crisis["summary"]["p_any_war"], crisis["summary"]["expected_wars"]
        numbers.update(p_any_war=p_war["value"], expected_wars=wars["value"])
        years = crisis["years"]
        first_path = crisis["paths"][0]["path"] if crisis["paths"] else None
        sentences.append(
            f"In {crisis['runs']:,} simulated runs of {years[0]}–{years[-1]}, the model estimates the "
            f"probability of at least one war among the participants at {p_war['value']:.2f} (95% interval "
            f"{p_war['low']:.2f}–{p_war['high']:.2f}) and {wars['value']:.1f} wars on average"
            + (f"; the most frequent escalation path is {first_path}." if first_path else ".")
        )
    negotiation = earlier.get("negotiation")
    if negotiation is not None and negotiation["evaluated"]:
        c = negotiation["consideration"]
        numbers.update(
            negotiation_mean_distance=c["mean_distance"], negotiation_max_distance=c["max_distance"]
        )
        sentences.append(
            f"In the forum “{negotiation['forum']}” ({len(negotiation['actors'])} actors present), "
            "the bargaining "
            "model predicts an outcome that leaves the parties on average "
            f"{c['mean_distance']:.2f} from their "
            f"stated ideals (0–1 scale); the farthest is {c['farthest_actor']} ({c['max_distance']:.2f}). "
            "Positions are estimates from public statements; the outcome is a model prediction."
        )
    return {
        "architecture": arch.name,
        "title": arch.title,
        "date": subject.date.isoformat(),
        "sentences": sentences,
        "numbers": {k: numbers[k] for k in NUMBER_LABELS if k in numbers},
        "top_findings": top,
    }


def compare(names: Sequence[str], results: Sequence[Result]) -> Result:
    """Key numbers side by side with their change against the baseline, and one sentence per architecture."""
    base = results[0]["numbers"]
    rows: list[dict[str, Any]] = []
    for key in NUMBER_LABELS:
        if key not in base:
            continue
        values = {n: r["numbers"].get(key) for n, r in zip(names, results, strict=True)}
        deltas = {
            n: (None if v is None or base[key] is None else round(float(v) - float(base[key]), 4))
            for n, v in values.items()
        }
        rows.append(
            {"key": key, "values": values, "deltas": deltas, "changed": any(d for d in deltas.values())}
        )
    sentences = []
    for name in names[1:]:
        changes = [
            f"{NUMBER_LABELS[r['key']]} {shown[0]} → {shown[1]}"
            for r in rows
            if r["deltas"][name] and (shown := shown_change(r["values"][names[0]], r["values"][name]))
        ]
        sentences.append(
            f"Compared with {names[0]}, {name} changes: " + "; ".join(changes) + "."
            if changes
            else f"{name} has the same key numbers as {names[0]}."
        )
    return {"baseline": names[0], "numbers": rows, "sentences": sentences}


def shown_change(before: Any, after: Any, digits: int = 2, most: int = 4) -> tuple[str, str] | None:
    """The two values as the summary shows them, with as many decimals (from ``digits`` up to ``most``) as
    it takes for them to read differently; None when they read the same even then (a change too small to
    show is not listed as a change).

    >>> shown_change(0.239, 0.238), shown_change(0.0004, 0.0003), shown_change(1.0, 1.0 - 1e-9)
    (('0.239', '0.238'), ('0.0004', '0.0003'), None)
    >>> shown_change(4, 5)
    ('4', '5')
    """
    for places in range(digits, most + 1):
        pair = (fmt(before, places), fmt(after, places))
        if pair[0] != pair[1]:
            return pair
    return None


INTRO = (
    "This summary states what the model finds for the architecture(s) as written in their files. "
    "Positions are reported as positions; numbers marked as estimates rest on the assumptions and "
    "parameters listed in the last section."
)


def html(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    results = by_arch(entry)
    names = list(results)
    parts = [f'<p class="note">{esc(INTRO)}</p>']
    diff = entry.get("differences")
    if diff:
        parts.append(
            "<ul class='headline'>" + "".join(f"<li>{esc(s)}</li>" for s in diff["sentences"]) + "</ul>"
        )
        rows = []
        for row in diff["numbers"]:
            cells = [esc(NUMBER_LABELS[row["key"]])]
            for n in names:
                delta = row["deltas"][n]
                mark = ""
                if delta:
                    # Changes are marked, not judged: whether more or less of something is better is the
                    # reader's call.
                    mark = f' <span class="delta neutral">({delta:+g})</span>'
                cells.append(esc(fmt(row["values"][n], 3)) + mark)
            rows.append(cells)
        parts.append(table(["", *names], rows, raw=True, row_classes=changed_classes(diff["numbers"])))
    for name, result in results.items():
        parts.append(
            f'<div class="summary-card"><h3>{esc(result["title"])} <small>({esc(name)}, '
            f"{esc(result['date'])})</small></h3>"
        )
        parts.append("<ul>" + "".join(f"<li>{esc(s)}</li>" for s in result["sentences"]) + "</ul>")
        if result["top_findings"]:
            items = "".join(
                f'<li><span class="sev sev-{esc(f["severity"])}">{esc(f["severity"])}</span> '
                f"{esc(f['principle'])}: {esc(f['title'])}</li>"
                for f in result["top_findings"]
            )
            parts.append(f"<p>Most severe findings:</p><ul>{items}</ul>")
        parts.append("</div>")
    return "".join(parts)


def markdown(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    results = by_arch(entry)
    names = list(results)
    out = [f"_{INTRO}_"]
    diff = entry.get("differences")
    if diff:
        out += [f"- {s}" for s in diff["sentences"]]
        out.append(
            md_table(
                ["", *names],
                [[NUMBER_LABELS[r["key"]], *[r["values"][n] for n in names]] for r in diff["numbers"]],
            )
        )
    for name, result in results.items():
        out.append(f"### {result['title']} ({name}, {result['date']})")
        out += [f"- {s}" for s in result["sentences"]]
        if result["top_findings"]:
            out.append("Most severe findings:")
            out += [f"- **{f['severity']}** {f['principle']}: {f['title']}" for f in result["top_findings"]]
    return "\n\n".join(out)


SECTION = Section(
    id="summary",
    title="Summary",
    engine="the other sections of this report",
    compute=compute,
    compare=compare,
    html=html,
    markdown=markdown,
)
