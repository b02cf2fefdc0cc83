"""The small report cases shared by the report tests, built once per test session (reports are plain data;
callers get deep copies so that no test can change another's input)."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "data" / "report"
SMALL, VARIANT = HERE / "small.yaml", HERE / "small-variant.yaml"


@cache
def _built(paths: tuple[Path, ...]) -> dict[str, Any]:
    from secarch.report import ReportOptions, build_report

    return build_report(list(paths), ReportOptions())


def small_report() -> dict[str, Any]:
    """The assessment of the small hand-made architecture."""
    return copy.deepcopy(_built((SMALL,)))


def comparison_report() -> dict[str, Any]:
    """The comparison of the small architecture (baseline) with its variant."""
    return copy.deepcopy(_built((SMALL, VARIANT)))
