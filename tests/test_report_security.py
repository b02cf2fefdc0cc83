"""The security section (present where secarch.security is installed): scores, zero-sum elements and the
principle checks that use the same security case."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip(
    "secarch.security.hooks", reason="the security engine (secarch.security) is not installed"
)

from report_cases import SMALL, comparison_report, small_report


def _section(report, section_id):
    return next(s for s in report["sections"] if s["id"] == section_id)


def test_scores_are_the_security_models():
    """Oracle: secarch.security.hooks.security on the same architecture and date (the section only rounds
    and sorts); the region's mean is the mean of its states' scores."""
    from secarch.security import hooks
    from secarch.spec import load_architecture

    arch = load_architecture(SMALL)
    snap = arch.at(arch.date)
    direct = dict(zip(snap.states, hooks.security(arch, snap), strict=True))
    result = _section(small_report(), "security")["by_architecture"]["small"]
    assert {r["state"]: r["security"] for r in result["scores"]} == pytest.approx(direct, abs=1e-4)
    region = [r["security"] for r in result["scores"] if r["in_region"]]
    assert result["region"]["mean"] == pytest.approx(float(np.mean(region)), abs=1e-4)
    assert result["region"]["min"] == min(region)


def test_flagged_elements_are_zero_or_negative_sum_with_their_losers():
    """Oracle: the classification of secarch.security (case.classify); property: losers are listed with
    negative changes, most affected first, and the class counts add up to every element."""
    from secarch.security import hooks
    from secarch.spec import load_architecture

    arch = load_architecture(SMALL)
    effects = hooks.case_for(arch, arch.date).classify().effects
    result = _section(small_report(), "security")["by_architecture"]["small"]
    assert sum(result["element_counts"].values()) == len(effects)
    expected = {e.element for e in effects if e.effect_class in ("zero-sum", "negative-sum")}
    assert {e["element"] for e in result["flagged"]} == expected
    for element in result["flagged"]:
        changes = [v for _, v in element["losers"]]
        assert all(v < 0 for v in changes) and changes == sorted(changes)


def test_comparison_deltas_and_map_layer():
    """Property: each delta is the difference from the baseline; the map offers the security layer."""
    from secarch.report import render_html

    report = comparison_report()
    diff = _section(report, "security")["differences"]
    for row in diff["states"]:
        base = row["values"]["small"]
        for name, value in row["values"].items():
            assert row["deltas"][name] == pytest.approx(value - base, abs=1e-4)
    assert 'data-layer="security"' in render_html(report)


def test_findings_use_the_same_security_case():
    """Oracle: run_checks with the security hooks gives the findings the report shows."""
    from secarch.principles import run_checks
    from secarch.report import ReportOptions
    from secarch.report.subject import Subject
    from secarch.security import hooks
    from secarch.spec import load_architecture

    arch = load_architecture(SMALL)
    subject = Subject(arch, str(SMALL), arch.date, ReportOptions())
    direct = run_checks(
        arch,
        arch.date,
        capabilities=subject.capabilities,
        negotiation=lambda a, s: subject.negotiation(),
        zero_sum=hooks.zero_sum,
        security=hooks.security,
    )
    shown = [
        f
        for p in _section(small_report(), "findings")["by_architecture"]["small"]["principles"]
        for f in p["findings"]
    ]
    assert shown == [f.as_dict() for f in direct.findings]


def test_classification_table_in_markdown_and_html():
    """Oracle: the security model's classification (case.classify) of the small architecture's agreements
    and memberships: the indivisibility check's info finding becomes a table with one row per element in the
    Markdown report and a collapsed table in the HTML page, each row with the element's class."""
    from secarch.report import render_html, render_markdown
    from secarch.security import hooks
    from secarch.spec import load_architecture

    arch = load_architecture(SMALL)
    effects = [
        e for e in hooks.case_for(arch, arch.date).classify().effects if e.kind in ("agreement", "membership")
    ]
    report = small_report()
    lines = render_markdown(report).splitlines()
    for effect in effects:
        assert any(
            line.startswith(f"| {effect.element} | {effect.kind} | {effect.effect_class} |") for line in lines
        )
    html = render_html(report)
    assert f"<summary>{len(effects)} row(s)</summary>" in html
    assert all(f"<td>{e.element}</td><td>{e.kind}</td><td>{e.effect_class}</td>" in html for e in effects)
