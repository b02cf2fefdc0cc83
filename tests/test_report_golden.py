"""Golden tests: the JSON report of the small hand-made architecture, and of its comparison with a variant,
equal the reviewed files in tests/data/report/ (numbers to 1e-6 relative; software versions left out).

When an engine changes on purpose, regenerate with ``make golden`` (the same as ``SECARCH_UPDATE_GOLDEN=1
.venv/bin/pytest tests/test_report_golden.py``), read the diff of the golden files, and commit them with the
change. The crisis section is seeded (the report's seed, one child per section), so it is the same on every
run; it has no timing field, and software versions are left out (provenance).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pytest

from report_cases import GOLDEN_SECTIONS, comparison_report, small_report

HERE = Path(__file__).resolve().parent / "data" / "report"
CASES = {"golden-small.json": small_report, "golden-small-comparison.json": comparison_report}


def _normalise(report: dict[str, Any]) -> dict[str, Any]:
    """The report without what depends on the installation rather than on the architecture: software
    versions, the list of bundled datasets (it grows as data tables are added; test_report_build checks it),
    and the absolute paths given."""
    data = json.loads(json.dumps(report))
    for entry in data["sections"]:
        if entry["id"] == "provenance":
            for result in entry["by_architecture"].values():
                result.pop("versions", None)
                result.pop("bundled_sources", None)
    for arch in data["architectures"]:
        arch["source"] = Path(arch["source"]).name
    return data


def _differences(expected: Any, actual: Any, path: str = "$") -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        found = []
        if list(expected) != list(actual):
            found.append(f"{path}: keys {list(expected)} != {list(actual)}")
        for key in expected:
            if key in actual:
                found += _differences(expected[key], actual[key], f"{path}.{key}")
        return found
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{path}: length {len(expected)} != {len(actual)}"]
        return [
            d
            for k, (e, a) in enumerate(zip(expected, actual, strict=True))
            for d in _differences(e, a, f"{path}[{k}]")
        ]
    numbers = (int, float)
    if isinstance(expected, numbers) and isinstance(actual, numbers) and not isinstance(expected, bool):
        if math.isclose(expected, actual, rel_tol=1e-6, abs_tol=1e-9):
            return []
        return [f"{path}: {expected} != {actual}"]
    return [] if expected == actual else [f"{path}: {expected!r} != {actual!r}"]


def _require_golden_sections() -> None:
    from secarch.report import available_sections

    missing = [s for s in GOLDEN_SECTIONS if s not in available_sections()]
    if missing:
        pytest.skip(f"sections {', '.join(missing)} are not in this installation (their engines are missing)")


@pytest.mark.parametrize("golden", sorted(CASES))
def test_report_matches_golden(golden):
    """Oracle: the reviewed golden JSON (each section's content was checked by hand against the fixture
    files when the golden file was written; see test_report_build.py for the hand-derived facts, and
    test_report_security.py / test_report_crisis.py for the security and crisis sections against direct
    engine calls)."""
    _require_golden_sections()
    actual = _normalise(CASES[golden](GOLDEN_SECTIONS))
    path = HERE / golden
    if os.environ.get("SECARCH_UPDATE_GOLDEN") == "1":
        path.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    problems = _differences(expected, actual)
    assert not problems, "report differs from the golden file:\n" + "\n".join(problems[:20])


def test_difference_finder_detects_changes():
    """Property: the comparison finds a changed number, a changed string and a missing key."""
    assert _differences({"a": 1.0, "b": "x"}, {"a": 1.0 + 1e-9, "b": "x"}) == []
    assert _differences({"a": 1.0}, {"a": 1.1})
    assert _differences({"a": [1, 2]}, {"a": [1, 3]})
    assert _differences({"a": 1, "b": 2}, {"a": 1})


def test_crisis_section_is_the_same_on_every_run():
    """Property: with the same seed the crisis section (estimates, intervals, paths, allies pulled in) is
    identical from one build to the next, so the golden file can pin it exactly."""
    from report_cases import SMALL
    from secarch.report import ReportOptions, available_sections, build_report

    if "crisis" not in available_sections():
        pytest.skip("the crisis Monte Carlo is not in this installation")
    options = ReportOptions(sections=("crisis",), seed=11, parameters={"crisis": {"runs": 200, "years": 3}})
    first, second = (build_report([SMALL], options)["sections"] for _ in range(2))
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
