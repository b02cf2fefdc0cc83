"""The small report cases shared by the report tests, built once per test session (reports are plain data;
callers get deep copies so that no test can change another's input)."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "data" / "report"
SMALL, VARIANT = HERE / "small.yaml", HERE / "small-variant.yaml"


GOLDEN_SECTIONS = (
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
"""The sections of the golden files: a fixed set (every section of the report today), so that a section
landing later (with its own tests) does not change them. The security and crisis sections pin the scores,
the zero-sum elements with their losers and the crisis estimates with their intervals: a change to those
engines changes the golden files on purpose; regenerate them with ``make golden`` and review the diff."""


@cache
def _built(paths: tuple[Path, ...], sections: tuple[str, ...] | None) -> dict[str, Any]:
    from secarch.report import ReportOptions, build_report

    return build_report(list(paths), ReportOptions(sections=sections))


def small_report(sections: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The assessment of the small hand-made architecture (every installed section by default)."""
    return copy.deepcopy(_built((SMALL,), sections))


def comparison_report(sections: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The comparison of the small architecture (baseline) with its variant."""
    return copy.deepcopy(_built((SMALL, VARIANT), sections))
