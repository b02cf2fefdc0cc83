"""Assessment and comparison reports (``secarch assess``, ``secarch compare``): a JSON report built from
independent sections, each calling one engine's public API, rendered as a self-contained offline HTML page
and as Markdown. See docs/report.md.

>>> from secarch.report import ReportOptions, build_report, render_html
>>> report = build_report(["example"], ReportOptions(sections=("structures",)))
>>> render_html(report).startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

from secarch.report.build import FORMAT, FORMAT_VERSION, build_report
from secarch.report.options import DEFAULT_SEED, ReportOptions
from secarch.report.registry import Section
from secarch.report.registry import sections as available_sections
from secarch.report.render import render_html, render_markdown, write_report

__all__ = [
    "DEFAULT_SEED",
    "FORMAT",
    "FORMAT_VERSION",
    "ReportOptions",
    "Section",
    "available_sections",
    "build_report",
    "render_html",
    "render_markdown",
    "write_report",
]
