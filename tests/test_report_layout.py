"""The network layout by stress majorization."""

from __future__ import annotations

import doctest
import itertools

import numpy as np
import pytest

from secarch.report import layout


def _path(n: int) -> np.ndarray:
    a = np.zeros((n, n))
    idx = np.arange(n - 1)
    a[idx, idx + 1] = a[idx + 1, idx] = 1
    return a


def test_path_graph_is_drawn_straight():
    """Analytic solution: a path's graph distances embed exactly on a line, so the minimum stress is 0."""
    result = layout.stress_layout(layout.graph_distances(_path(7)))
    assert result.stress_history[-1] == pytest.approx(0.0, abs=1e-8)
    x = result.positions
    spacing = np.linalg.norm(np.diff(x, axis=0), axis=1)
    assert np.allclose(spacing, spacing[0], atol=1e-6)


def test_triangle_is_equilateral():
    """Analytic solution: K3's distances (all 1) embed exactly as an equilateral triangle."""
    distance = layout.graph_distances(np.ones((3, 3)) - np.eye(3))
    x = layout.stress_layout(distance).positions
    sides = [np.linalg.norm(x[i] - x[j]) for i, j in ((0, 1), (1, 2), (0, 2))]
    assert np.allclose(sides, sides[0], rtol=1e-6)


def test_stress_never_increases():
    """Property of majorization (de Leeuw 1977): each SMACOF step does not increase the stress."""
    rng = np.random.default_rng(3)
    a = (rng.random((30, 30)) < 0.12).astype(float)
    a = np.triu(a, 1)
    a = a + a.T
    history = layout.stress_layout(layout.graph_distances(a)).stress_history
    assert all(later <= earlier + 1e-9 for earlier, later in itertools.pairwise(history))
    assert history[-1] < history[0]


def test_disconnected_components_get_finite_distance():
    """Property: pairs in different components are one step beyond the largest finite distance."""
    a = np.zeros((4, 4))
    a[0, 1] = a[1, 0] = a[2, 3] = a[3, 2] = 1
    d = layout.graph_distances(a)
    assert d[0, 2] == 2.0 and d[0, 1] == 1.0


def test_layout_is_deterministic_and_in_unit_square():
    """Property: no randomness (classical-MDS start), positions scaled into the unit square."""
    a = _path(5)
    a[0, 4] = a[4, 0] = 1
    first = layout.stress_layout(layout.graph_distances(a)).positions
    second = layout.stress_layout(layout.graph_distances(a)).positions
    assert np.array_equal(first, second)
    assert first.min() >= 0 and first.max() <= 1 + 1e-12


def test_docstring_examples():
    result = doctest.testmod(layout)
    assert result.attempted >= 3 and result.failed == 0
