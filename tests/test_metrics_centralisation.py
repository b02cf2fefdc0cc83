"""Degrees, betweenness and Freeman centralisation."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from secarch.errors import InputError
from secarch.metrics import betweenness, betweenness_centralisation, degree_centralisation, degrees


def _star(n):
    a = np.zeros((n, n))
    a[0, 1:] = a[1:, 0] = 1
    return a


@pytest.mark.parametrize("n", [3, 5, 12])
def test_star_is_perfectly_centralised(n):
    """Oracle: Freeman (1978) — a star attains the maximum, so both centralisations are 1."""
    assert degree_centralisation(_star(n)) == pytest.approx(1.0)
    assert betweenness_centralisation(_star(n)) == pytest.approx(1.0)


def test_regular_graphs_are_not_centralised():
    """Oracle: Freeman (1978) — all nodes equal (cycle, complete graph) gives 0."""
    cycle = nx.to_numpy_array(nx.cycle_graph(7))
    complete = np.ones((6, 6)) - np.eye(6)
    for graph in (cycle, complete):
        assert degree_centralisation(graph) == pytest.approx(0.0)
        assert betweenness_centralisation(graph) == pytest.approx(0.0)


def test_directed_out_star_has_out_degree_centralisation_one():
    """Oracle: Freeman's directed maximum (n − 1)² is reached by an out-star on out-degree."""
    a = np.zeros((5, 5))
    a[0, 1:] = 1
    assert degree_centralisation(a, "out") == pytest.approx(1.0)
    # In-degrees 0 1 1 1 1: only the root falls short of the maximum, by 1.
    assert degree_centralisation(a, "in") == pytest.approx(1 / 16)


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_betweenness_matches_networkx(directed, seed):
    """Oracle: networkx.betweenness_centrality(normalized=False) (Brandes' algorithm) on random graphs,
    including disconnected ones."""
    rng = np.random.default_rng(seed)
    n = 25
    a = rng.random((n, n)) < rng.uniform(0.03, 0.25)
    np.fill_diagonal(a, False)
    if not directed:
        a = a | a.T
    g = nx.from_numpy_array(a.astype(int), create_using=nx.DiGraph if directed else nx.Graph)
    want = nx.betweenness_centrality(g, normalized=False)
    np.testing.assert_allclose(betweenness(a, directed=directed), [want[i] for i in range(n)], atol=1e-9)


def test_degrees_match_networkx():
    """Oracle: networkx degrees of the same random digraph."""
    rng = np.random.default_rng(2)
    a = rng.random((15, 15)) < 0.2
    np.fill_diagonal(a, False)
    g = nx.from_numpy_array(a.astype(int), create_using=nx.DiGraph)
    assert degrees(a, "out").tolist() == [g.out_degree(i) for i in range(15)]
    assert degrees(a, "in").tolist() == [g.in_degree(i) for i in range(15)]
    assert degrees(a).tolist() == [g.to_undirected().degree(i) for i in range(15)]


def test_bad_input():
    """Bad input gets an InputError naming the argument."""
    with pytest.raises(InputError, match="square"):
        degrees(np.zeros((2, 3)))
    with pytest.raises(InputError, match="mode"):
        degrees(np.zeros((2, 2)), "sideways")  # type: ignore[arg-type]
