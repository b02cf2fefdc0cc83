"""Render a JSON report (see :func:`secarch.report.build_report`) as one self-contained HTML page or as
Markdown, and write the three files.

The HTML page has its style sheet and script inline, draws the map and the network as inline SVG, and
forbids every external request with a Content-Security-Policy (``default-src 'none'``): it opens offline,
from a file, in any browser.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from secarch.report.htmlkit import esc, md_table

__all__ = ["render_html", "render_markdown", "write_report"]

ASSETS = Path(__file__).resolve().parent / "assets"
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _renderer(section_id: str) -> Any:
    from secarch.report.registry import sections

    return sections().get(section_id)


def render_html(report: Mapping[str, Any]) -> str:
    """The report as one HTML page (a string); it needs only the JSON report and the vendored shapes."""
    css = (ASSETS / "report.css").read_text(encoding="utf-8")
    script = (ASSETS / "report.js").read_text(encoding="utf-8")
    archs = report["architectures"]
    subtitle = " · ".join(f"{a['name']} on {a['date']}" for a in archs)
    nav = "".join(f'<a href="#sec-{esc(s["id"])}">{esc(s["title"])}</a>' for s in report["sections"])
    body = []
    for entry in report["sections"]:
        section = _renderer(entry["id"])
        if section is not None:
            inner = section.html(entry, report)
        else:  # a section of a newer secarch: show its data rather than nothing
            inner = f"<pre>{esc(json.dumps(entry['by_architecture'], indent=1, ensure_ascii=False))}</pre>"
        body.append(
            f'<section class="report-section" id="sec-{esc(entry["id"])}"><h2>{esc(entry["title"])}</h2>'
            f'<p class="engine">computed by {esc(entry["engine"])}</p>{inner}</section>'
        )
    versions = _versions(report)
    kind_text = (
        "assessment" if report["kind"] == "assessment" else "comparison, first architecture = baseline"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(report['title'])}</title><style>{css}</style></head><body>"
        f'<header class="top"><h1>{esc(report["title"])}</h1><p>{esc(subtitle)}</p>'
        f"<p>secarch {esc(versions.get('secarch', ''))} · seed {esc(report['seed'])} · "
        f"{kind_text}</p>"
        f'</header><nav class="toc">{nav}</nav><main>{"".join(body)}</main>'
        "<footer>Made with secarch. Every number traces to an assumption listed under "
        "“Assumptions, parameters, "
        "data sources and versions”; estimates are labelled as such.</footer>"
        f"<script>{script}</script></body></html>\n"
    )


def _versions(report: Mapping[str, Any]) -> dict[str, str]:
    entry = next((s for s in report["sections"] if s["id"] == "provenance"), None)
    if entry is None:
        return {}
    first = next(iter(entry["by_architecture"].values()))
    versions: dict[str, str] = first["versions"]
    return versions


def render_markdown(report: Mapping[str, Any]) -> str:
    """The report as Markdown (GitHub flavour): every section's text and tables; the map and the network
    drawings are only in the HTML page."""
    lines = [f"# {report['title']}", ""]
    lines.append(
        md_table(
            ["architecture", "title", "date", "region"],
            [[a["name"], a["title"], a["date"], a["region"]["name"]] for a in report["architectures"]],
        )
    )
    lines += ["", f"Seed: {report['seed']}.", ""]
    for entry in report["sections"]:
        lines += [f"## {entry['title']}", ""]
        section = _renderer(entry["id"])
        if section is not None:
            lines.append(section.markdown(entry, report))
        else:
            lines += ["```json", json.dumps(entry["by_architecture"], indent=1, ensure_ascii=False), "```"]
        lines.append("")
    return "\n".join(lines)


def write_report(report: Mapping[str, Any], directory: str | Path, stem: str = "report") -> dict[str, Path]:
    """Write ``report.json``, ``report.html`` and ``report.md`` into ``directory`` (created if needed)."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = {kind: out / f"{stem}.{kind}" for kind in ("json", "html", "md")}
    paths["json"].write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    paths["html"].write_text(render_html(report), encoding="utf-8")
    paths["md"].write_text(render_markdown(report), encoding="utf-8")
    return paths
