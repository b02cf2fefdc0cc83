"""Krackhardt's four dimensions of hierarchy."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from secarch.metrics import (
    krackhardt,
    krackhardt_connectedness,
    krackhardt_efficiency,
    krackhardt_hierarchy,
    krackhardt_lub,
    reachability,
)

N = 6


def _matrix(edges, n=N):
    a = np.zeros((n, n))
    for i, j in edges:
        a[i, j] = 1
    return a


OUT_STAR = _matrix([(0, j) for j in range(1, N)])
IN_STAR = _matrix([(j, 0) for j in range(1, N)])
MUTUAL_STAR = OUT_STAR + IN_STAR
CHAIN = _matrix([(i, i + 1) for i in range(N - 1)])
CYCLE = _matrix([(i, (i + 1) % N) for i in range(N)])
OUT_TREE = _matrix([(0, 1), (0, 2), (1, 3), (1, 4), (2, 5)])


@pytest.mark.parametrize(
    "graph, expected",
    [
        # An out-tree satisfies all four axioms (Krackhardt 1994): every score is 1.
        (OUT_STAR, (1, 1, 1, 1)),
        (CHAIN, (1, 1, 1, 1)),
        (OUT_TREE, (1, 1, 1, 1)),
        # A cycle: connected; every pair mutually reachable, so hierarchy 0; one link more than N − 1 out of
        # (N − 1)(N − 2)/2 possible extra links; every node is an upper bound of every pair and all reach
        # each other, so every pair has a least upper bound.
        (CYCLE, (1, 0, 1 - 1 / ((N - 1) * (N - 2) / 2), 1)),
        # An in-star: hierarchic and efficient, but no two leaves share a superior, so every one of the
        # (N − 1)(N − 2)/2 leaf pairs violates LUB: the maximum, LUB = 0.
        (IN_STAR, (1, 1, 1, 0)),
        # A star with reciprocated ties: links are counted once, so efficient; but no hierarchy at all.
        (MUTUAL_STAR, (1, 0, 1, 1)),
    ],
    ids=["out-star", "chain", "out-tree", "cycle", "in-star", "mutual-star"],
)
def test_textbook_values(graph, expected):
    """Oracle: the values Krackhardt's (1994) definitions give on stars, chains and cycles (worked out in
    the comments above)."""
    scores = krackhardt(graph)
    got = (scores.connectedness, scores.hierarchy, scores.efficiency, scores.lub)
    np.testing.assert_allclose(got, expected, atol=1e-12)


def test_connectedness_of_two_components():
    """Oracle: hand count — components of 4 and 2 nodes join 6 + 1 of 15 pairs."""
    g = _matrix([(0, 1), (1, 2), (2, 3), (4, 5)])
    assert krackhardt_connectedness(g) == pytest.approx(7 / 15)


def _brute_force(a):
    """Krackhardt's definitions evaluated pair by pair with networkx reachability (independent oracle)."""
    g = nx.DiGraph()
    n = a.shape[0]
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(*np.nonzero(a), strict=True))
    reach = {i: nx.descendants(g, i) | {i} for i in range(n)}
    comps = [c for c in nx.weakly_connected_components(g)]
    comp_of = {v: k for k, c in enumerate(comps) for v in c}
    pairs = list(itertools.combinations(range(n), 2))
    connected = sum(comp_of[i] == comp_of[j] for i, j in pairs) / len(pairs)
    mutual = sum(j in reach[i] and i in reach[j] for i, j in pairs)
    either = sum(j in reach[i] or i in reach[j] for i, j in pairs)
    hierarchy = 1 - mutual / either if either else np.nan
    und = g.to_undirected()
    excess = sum(und.subgraph(c).number_of_edges() - (len(c) - 1) for c in comps)
    max_excess = sum((len(c) - 1) * (len(c) - 2) / 2 for c in comps)
    efficiency = 1 - excess / max_excess if max_excess else np.nan
    violations = 0
    max_violations = sum((len(c) - 1) * (len(c) - 2) / 2 for c in comps if len(c) >= 3)
    for i, j in pairs:
        if comp_of[i] != comp_of[j] or len(comps[comp_of[i]]) < 3:
            continue
        bounds = [k for k in range(n) if i in reach[k] and j in reach[k]]
        least = [k for k in bounds if all(k in reach[m] for m in bounds)]
        violations += not least
    lub = 1 - violations / max_violations if max_violations else np.nan
    return connected, hierarchy, efficiency, lub


@pytest.mark.parametrize("seed", range(12))
def test_matches_pair_by_pair_definitions_on_random_digraphs(seed):
    """Oracle: the four definitions evaluated pair by pair with networkx reachability, on random sparse
    digraphs (several components, reciprocated ties, cycles)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 16))
    a = (rng.random((n, n)) < rng.uniform(0.05, 0.3)).astype(float)
    np.fill_diagonal(a, 0)
    scores = krackhardt(a)
    got = (scores.connectedness, scores.hierarchy, scores.efficiency, scores.lub)
    np.testing.assert_allclose(got, _brute_force(a), atol=1e-12, equal_nan=True)


def test_reachability_matches_networkx_transitive_closure():
    """Oracle: networkx.transitive_closure on a random digraph."""
    rng = np.random.default_rng(1)
    a = rng.random((30, 30)) < 0.06
    np.fill_diagonal(a, False)
    g = nx.transitive_closure(nx.from_numpy_array(a.astype(int), create_using=nx.DiGraph), reflexive=False)
    want = nx.to_numpy_array(g, nodelist=range(30)) > 0
    np.testing.assert_array_equal(reachability(a), want)


def test_undefined_cases_are_nan():
    """Property: with no reachable pair or no component of three nodes the measures are undefined."""
    empty = np.zeros((4, 4))
    assert np.isnan(krackhardt_hierarchy(empty))
    assert np.isnan(krackhardt_efficiency(empty))
    assert np.isnan(krackhardt_lub(empty))
    assert krackhardt_connectedness(empty) == 0.0
