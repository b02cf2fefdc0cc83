"""The registry of report sections.

A section is a small module of :mod:`secarch.report.sections` that calls one engine's public API for one
architecture and returns a plain, JSON-ready dict; optionally says how several architectures differ; and
renders its dict as HTML and Markdown. The JSON report is the single source of both renderings.

A section is in the registry only when its engine is part of this installation (``requires`` names the
engine's module): nothing is shown for an engine that is not there.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secarch.report.parameters import Parameter
    from secarch.report.subject import Subject

__all__ = ["COMPUTE_ORDER", "DISPLAY_ORDER", "Section", "sections"]

Result = dict[str, Any]

COMPUTE_ORDER: tuple[str, ...] = (
    "structures",
    "map",
    "network",
    "security",
    "crisis",
    "negotiation",
    "findings",
    "provenance",
    "summary",
)
"""Section modules in the order they are computed (a section may read the results of earlier ones for the
same architecture: the summary reads them all)."""

DISPLAY_ORDER: tuple[str, ...] = (
    "summary",
    "map",
    "structures",
    "network",
    "findings",
    "security",
    "crisis",
    "negotiation",
    "provenance",
)
"""The order of the sections in the rendered report."""


@dataclass(frozen=True)
class Section:
    """One section of the report.

    ``compute(subject, earlier)`` returns the section's result for one architecture; ``earlier`` holds the
    results of the sections computed before it for the same architecture, by id. ``compare(names, results)``
    returns what differs between architectures (None where the section has nothing to add). Keys of a result
    that start with ``_`` are private to the section (e.g. engine objects its comparison needs) and are
    removed before the report is returned.
    ``html(entry, report)`` and ``markdown(entry, report)`` render the section's entry of the JSON report.
    """

    id: str
    title: str
    engine: str
    """The public API the section calls, e.g. ``secarch.principles.run_checks``."""
    compute: Callable[[Subject, Mapping[str, Result]], Result]
    html: Callable[[Mapping[str, Any], Mapping[str, Any]], str]
    markdown: Callable[[Mapping[str, Any], Mapping[str, Any]], str]
    compare: Callable[[Sequence[str], Sequence[Result]], Result | None] | None = None
    requires: str | None = None
    """The engine module the section needs; the section is left out where it is not installed."""
    parameters: Callable[[], Iterable[Parameter]] | None = None
    """The parameters the section accepts (``--set SECTION.NAME=VALUE``); None: it takes none. Every
    parameter given is checked against these before anything is computed
    (:func:`secarch.report.parameters.validate_parameters`)."""


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def sections() -> dict[str, Section]:
    """Every section whose engine this installation has, in compute order."""
    found: dict[str, Section] = {}
    for name in COMPUTE_ORDER:
        module = importlib.import_module(f"secarch.report.sections.{name}")
        section: Section = module.SECTION
        if section.requires is None or _installed(section.requires):
            found[section.id] = section
    return found
