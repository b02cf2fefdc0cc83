"""The map and the network of an architecture in one year, for the year slider: drawn by the report's own
sections (:mod:`secarch.report`, sections ``map`` and ``network``: inline SVG, the vendored Natural Earth
shapes, the stress-majorization layout), so that the page and the downloadable report show the same
figures. Empty where the report module is not installed."""

from __future__ import annotations

import functools
import importlib.util
import re
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secarch.model import Architecture

FIGURE_SECTIONS = ("map", "network")
_CACHE_SIZE = 64
_cache: OrderedDict[tuple[str, str, int], dict[str, str]] = OrderedDict()
_lock = threading.Lock()


def report_available() -> bool:
    return importlib.util.find_spec("secarch.report") is not None


def year_figures(arch: Architecture, digest: str, year: int) -> dict[str, str]:
    """``{"map": html, "network": html}`` of ``arch`` in ``year`` (cached by name, text digest and year)."""
    if not report_available():
        return {}
    key = (arch.name, digest, year)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    from secarch.report import ReportOptions, build_report
    from secarch.report.registry import sections  # not secarch.report.sections: also a subpackage's name

    report = build_report([arch], ReportOptions(year=str(year), sections=FIGURE_SECTIONS))
    registry = sections()
    figures = {entry["id"]: registry[entry["id"]].html(entry, report) for entry in report["sections"]}
    with _lock:
        _cache[key] = figures
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return figures


_FIGURE_SELECTOR = re.compile(
    r"figure|svg|\.legend|\.swatch|\.sq\b|\.dot\b|\.ln\b|line\.|g\.n-|\.map-grid|\.network-grid|\.controls"
)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


@functools.cache
def figures_css() -> str:
    """The report style sheet's rules for its figures (maps, networks, legends), scoped to
    ``.report-figures`` so that they style only the figures inside the application's pages. Derived at run
    time from ``secarch/report/assets/report.css``: one style sheet, two uses."""
    from secarch.report.render import ASSETS

    rules = []
    for selectors, body in _RULE.findall((ASSETS / "report.css").read_text(encoding="utf-8")):
        names = [s.strip() for s in selectors.split(",") if s.strip()]
        if names == [":root"]:
            rules.append(f".report-figures {{{body}}}")
        elif names and not names[0].startswith("@") and any(_FIGURE_SELECTOR.search(n) for n in names):
            rules.append(", ".join(f".report-figures {n}" for n in names) + f" {{{body}}}")
    return "\n".join(rules) + "\n"


def figures_script() -> str:
    """The report's script (the map's layer switch), as the report ships it."""
    from secarch.report.render import ASSETS

    script: str = (ASSETS / "report.js").read_text(encoding="utf-8")
    return script
