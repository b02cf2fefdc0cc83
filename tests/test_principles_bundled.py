"""Every check and every metric runs on every bundled architecture in every year of its period."""

from __future__ import annotations

import json

import numpy as np
import pytest

from secarch.metrics.snapshot import metrics_over_years
from secarch.principles import Severity, checks, run_checks
from secarch.spec import bundled_names, load_architecture

BUNDLED = bundled_names()


def _years(arch):
    return range(arch.period.start.year, arch.period.end.year + 1)


def _known_ids(arch):
    ids = set(arch.participants)
    for section in ("organisations", "agreements", "disputes", "recognitions", "invocations"):
        ids.update(arch.element_ids(section))
    return ids


@pytest.mark.slow
@pytest.mark.parametrize("name", BUNDLED)
def test_every_check_on_every_year(name):
    """Property: on every year of every bundled architecture each check runs, every finding names a
    registered principle, a severity and only elements that exist in the architecture, and the report
    serialises to JSON."""
    arch = load_architecture(name)
    registry = checks()
    known = _known_ids(arch)
    for year in _years(arch):
        report = run_checks(arch, year, principles=list(registry))
        assert report.principles == tuple(registry)
        for finding in report.findings:
            assert finding.principle in registry
            assert isinstance(finding.severity, Severity)
            assert set(finding.elements) <= known, (year, finding.title)
            assert finding.reading
        json.dumps(report.as_dict())


@pytest.mark.slow
@pytest.mark.parametrize("name", BUNDLED)
def test_every_metric_on_every_year(name):
    """Property: every metric is defined where it should be and inside its range, every year."""
    arch = load_architecture(name)
    table = metrics_over_years(arch, _years(arch))
    assert len(table) == len(_years(arch))
    unit = [
        "density",
        "degree_centralisation",
        "betweenness_centralisation",
        "organisation_overlap",
        "guarantee_density",
        "krackhardt_connectedness",
        "krackhardt_hierarchy",
        "krackhardt_efficiency",
        "krackhardt_lub",
    ]
    for column in unit:
        values = table[column].to_numpy(dtype=float)
        values = values[~np.isnan(values)]
        assert np.all((values >= -1e-12) & (values <= 1 + 1e-12)), column
    for column in ("tau_b", "s_unweighted", "s_regional"):
        values = table[column].to_numpy(dtype=float)
        assert np.all(np.abs(values[~np.isnan(values)]) <= 1 + 1e-12), column
    assert (table["states"] == [arch.at(y).n_states for y in _years(arch)]).all()
