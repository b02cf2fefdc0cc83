"""Section "Findings by principle": each stated principle as a check, with its findings and their evidence.
Engine: :func:`secarch.principles.run_checks` (with the bundled capabilities where installed, and the
security model's hooks where the security section has run)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from secarch.report.htmlkit import badge, by_arch, changed_classes, details, esc, md_table, table
from secarch.report.parameters import Parameter
from secarch.report.registry import Result, Section
from secarch.report.subject import Subject

SEVERITIES = ("high", "medium", "low", "info")
MAX_SHOWN = 25
"""Findings shown per principle in the HTML page (most severe first); the JSON and Markdown have all."""
MAX_TABLE_ROWS = 100
"""Rows of an evidence table (e.g. the indivisibility check's classification) shown in the HTML page."""


def compute(subject: Subject, earlier: Mapping[str, Result]) -> Result:
    from secarch.errors import InputError
    from secarch.principles import checks, run_checks

    hooks: dict[str, Any] = {}
    if "security" in subject.sections:
        # The security model's hooks for the equality and indivisibility checks: the same cached case as the
        # security section, so findings and scores agree.
        from secarch.security import hooks as security_hooks

        hooks.update(zero_sum=security_hooks.zero_sum, security=security_hooks.security)
    try:
        subject.negotiation()
    except InputError:
        pass  # the mutual-consideration check then notes that it was not evaluated
    else:
        hooks["negotiation"] = lambda architecture, snapshot: subject.negotiation()
    report = run_checks(
        subject.architecture,
        subject.date,
        parameters=_check_parameters(subject.options.parameters.get("findings", {})),
        capabilities=subject.capabilities,
        **hooks,
    )
    registry = checks()
    findings = [f.as_dict() for f in report.findings]
    principles = []
    for name in report.principles:
        check = registry[name]
        own = [f for f in findings if f["principle"] == name]
        principles.append(
            {
                "name": name,
                "title": check.title,
                "statement": check.statement,
                "parameters": dict(check.parameters),
                "findings": own,
                "notes": list(report.notes.get(name, ())),
                "worst": _worst(own),
            }
        )
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITIES}
    return {"principles": principles, "counts": counts, "hooks": sorted(hooks)}


def _check_parameters(flat: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"guarantee_credibility.threshold": 0.4}`` → ``{"guarantee_credibility": {"threshold": 0.4}}``."""
    from secarch.errors import InputError

    nested: dict[str, dict[str, Any]] = {}
    for key, value in flat.items():
        check, dot, name = key.partition(".")
        if not dot:
            raise InputError.single(
                f"findings parameter {key!r}",
                field="--set",
                expected="findings.CHECK.NAME=VALUE, e.g. findings.guarantee_credibility.threshold=0.4",
            )
        nested.setdefault(check, {})[name] = value
    return nested


def _worst(findings: Sequence[Mapping[str, Any]]) -> str | None:
    present = {f["severity"] for f in findings}
    return next((s for s in SEVERITIES if s in present), None)


def compare(names: Sequence[str], results: Sequence[Result]) -> Result:
    """Per principle: the number of findings and the worst severity in each architecture; and the findings
    (by principle and title) that only some architectures have."""
    principles = list(dict.fromkeys(p["name"] for r in results for p in r["principles"]))
    rows = []
    for name in principles:
        cells = {}
        for arch, result in zip(names, results, strict=True):
            match = next((p for p in result["principles"] if p["name"] == name), None)
            cells[arch] = {"findings": len(match["findings"]), "worst": match["worst"]} if match else None
        values = [((c or {}).get("worst"), (c or {}).get("findings")) for c in cells.values()]
        rows.append({"principle": name, "by_architecture": cells, "changed": len(set(values)) > 1})
    keys = {
        arch: {(f["principle"], f["title"]) for p in r["principles"] for f in p["findings"]}
        for arch, r in zip(names, results, strict=True)
    }
    every = set.intersection(*keys.values()) if keys else set()
    only = {
        arch: [{"principle": p, "title": t} for p, t in sorted(k - every)]
        for arch, k in keys.items()
        if k - every
    }
    return {"baseline": names[0], "principles": rows, "only_in": only}


def _evidence(evidence: Mapping[str, Any]) -> str:
    from secarch.principles.findings import split_evidence

    plain, tables = split_evidence(evidence)
    items = []
    for key, value in plain.items():
        if isinstance(value, float):
            text = f"{value:.4g}"
        elif isinstance(value, list | tuple) and len(value) > 12:
            text = ", ".join(map(str, value[:12])) + f" … ({len(value)} in all)"
        elif isinstance(value, list | tuple):
            text = ", ".join(map(str, value))
        elif isinstance(value, dict) and len(value) > 12:
            text = "; ".join(f"{k}: {v}" for k, v in list(value.items())[:12]) + f" … ({len(value)} in all)"
        elif isinstance(value, dict):
            text = "; ".join(
                f"{k}: {v if not isinstance(v, float) else f'{v:.4g}'}" for k, v in value.items()
            )
        else:
            text = str(value)
        items.append(f"<li><b>{esc(key)}</b>: {esc(text)}</li>")
    for key, rows in tables.items():
        items.append(f"<li><b>{esc(key)}</b>: {_evidence_table(rows)}</li>")
    return f"<ul class='evidence'>{''.join(items)}</ul>" if items else ""


def _columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    return list(dict.fromkeys(key for row in rows for key in row))


def _evidence_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """The first MAX_TABLE_ROWS rows of an evidence table, collapsed; the JSON and Markdown have them all."""
    from secarch.principles.findings import evidence_cell

    columns = _columns(rows)
    shown = rows[:MAX_TABLE_ROWS]
    body = table(columns, [[esc(evidence_cell(row.get(c))) for c in columns] for row in shown], raw=True)
    more = (
        f'<p class="note">{len(rows) - len(shown)} more rows are in the JSON and Markdown reports.</p>'
        if len(rows) > len(shown)
        else ""
    )
    return f"<details><summary>{len(rows)} row(s)</summary>{body}{more}</details>"


def _principles_html(result: Mapping[str, Any]) -> str:
    parts = []
    for p in result["principles"]:
        worst = badge(p["worst"]) if p["worst"] else '<span class="sev sev-none">no findings</span>'
        parts.append(
            f'<details class="principle" open><summary><b>{esc(p["title"])}</b> {worst} '
            f"<small>({len(p['findings'])} finding(s))</small></summary>"
        )
        parts.append(f'<p class="statement">{esc(p["statement"])}</p>')
        ordered = sorted(p["findings"], key=lambda f: SEVERITIES.index(f["severity"]))
        shown = ordered[:MAX_SHOWN]
        for f in shown:
            elements = ", ".join(f["elements"]) or "—"
            parts.append(
                f'<div class="finding">{badge(f["severity"])} <b>{esc(f["title"])}</b>'
                f'<div class="elements">elements: {esc(elements)}</div>{_evidence(f["evidence"])}'
                f'<div class="reading">{esc(f["reading"])}</div></div>'
            )
        if len(p["findings"]) > len(shown):
            parts.append(
                f'<p class="note">{len(p["findings"]) - len(shown)} more findings of this '
                "principle are in the "
                "JSON and Markdown reports.</p>"
            )
        for note in p["notes"]:
            parts.append(f'<p class="note">Not evaluated: {esc(note)}</p>')
        parts.append("</details>")
    return "".join(parts)


def html(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    results = by_arch(entry)
    names = list(results)
    parts = [
        '<p class="note">Severity says how far a finding departs from the principle as its proponents state '
        "it; it is not a judgement of any side. Each finding lists the elements and numbers behind it.</p>"
    ]
    diff = entry.get("differences")
    if diff:
        rows = []
        for row in diff["principles"]:
            cells = [esc(row["principle"].replace("_", " "))]
            for n in names:
                c = row["by_architecture"][n]
                cells.append(
                    "—"
                    if c is None
                    else (badge(c["worst"]) if c["worst"] else "none") + f" <small>{c['findings']}</small>"
                )
            rows.append(cells)
        parts.append("<h3>Worst severity and number of findings by principle</h3>")
        parts.append(
            table(
                ["principle", *names],
                rows,
                raw=True,
                row_classes=changed_classes(diff["principles"]),
            )
        )
        for arch, items in diff["only_in"].items():
            lis = "".join(f"<li>{esc(i['principle'])}: {esc(i['title'])}</li>" for i in items)
            parts.append(
                f"<details><summary>Findings only in {esc(arch)} "
                f"({len(items)})</summary><ul>{lis}</ul></details>"
            )
        parts.append(details(results, _principles_html, "All findings"))
        return "".join(parts)
    (result,) = results.values()
    counts = ", ".join(f"{result['counts'][s]} {s}" for s in SEVERITIES)
    parts.append(f"<p>Findings: {esc(counts)}.</p>")
    parts.append(_principles_html(result))
    return "".join(parts)


def markdown(entry: Mapping[str, Any], report: Mapping[str, Any]) -> str:
    from secarch.principles.findings import evidence_cell, split_evidence

    out = []
    for name, result in by_arch(entry).items():
        out.append(f"### {name}")
        for p in result["principles"]:
            out.append(f"**{p['title']}** — worst: {p['worst'] or 'no findings'}")
            for f in p["findings"]:
                plain, tables = split_evidence(f["evidence"])
                evidence = "; ".join(f"{k}: {v}" for k, v in plain.items())
                out.append(
                    f"- **{f['severity']}** {f['title']} (elements: {', '.join(f['elements']) or '—'}). "
                    f"Evidence: {evidence}. {f['reading']}"
                )
                for key, records in tables.items():
                    columns = _columns(records)
                    cells = [[evidence_cell(record.get(c)) for c in columns] for record in records]
                    out.append(f"{key} ({len(records)} rows):\n\n{md_table(columns, cells)}")
            out += [f"- not evaluated: {n}" for n in p["notes"]]
    diff = entry.get("differences")
    if diff:
        names = list(by_arch(entry))
        rows = [
            [
                r["principle"],
                *[(c or {}).get("worst") or "none" for c in (r["by_architecture"][n] for n in names)],
            ]
            for r in diff["principles"]
        ]
        out.insert(0, md_table(["principle (worst severity)", *names], rows))
    return "\n\n".join(out)


def parameters() -> tuple[Parameter, ...]:
    """``findings.CHECK.NAME`` for every parameter of every registered principle check."""
    from secarch.principles import checks

    found = []
    for check in checks().values():
        for name, default in check.parameters.items():
            low, high = check.bounds.get(name, (None, None))
            kind: type = float
            if isinstance(default, bool) or not isinstance(default, int | float):
                kind = str
            elif isinstance(default, int):
                kind = int
            found.append(
                Parameter(
                    f"{check.name}.{name}",
                    kind,
                    default,
                    f"check {check.name}",
                    low=low,
                    high=high,
                    # the check's own validation (ranges, list items), as for `secarch check --set`
                    converter=functools.partial(check.setting, name),
                )
            )
    return tuple(found)


SECTION = Section(
    id="findings",
    title="Findings by principle",
    engine="secarch.principles.run_checks",
    compute=compute,
    compare=compare,
    html=html,
    markdown=markdown,
    parameters=parameters,
)
