"""State projection, density, overlap of organisations and shortest alliance paths."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from secarch.errors import InputError
from secarch.metrics import (
    average_path_length,
    credible_chain,
    density,
    mean_overlap,
    most_credible_chain,
    organisation_overlap,
    path_lengths,
    reachable_share,
    state_projection,
    status_weight_matrix,
)


def test_projection_counts_shared_organisations_and_agreements():
    """Oracle: Breiger's projection counted by hand — states 0 and 1 share organisation A (1·1) and one
    agreement of weight 0.5; states 1 and 2 share organisation B with 2 as an associate (1·0.5)."""
    membership = [[1, 0], [1, 1], [0, 0.5]]
    parties = [[1, 1, 0]]
    w = state_projection(membership, parties, [0.5])
    assert w.tolist() == [[0.0, 1.5, 0.0], [1.5, 0.0, 0.5], [0.0, 0.5, 0.0]]


def test_projection_matches_networkx_bipartite_projection():
    """Oracle: networkx.bipartite.weighted_projected_graph (shared-neighbour counts) on 0/1 membership."""
    rng = np.random.default_rng(4)
    m = (rng.random((12, 6)) < 0.35).astype(float)
    g = nx.Graph()
    g.add_nodes_from(range(12), bipartite=0)
    g.add_nodes_from([f"o{j}" for j in range(6)], bipartite=1)
    g.add_edges_from((i, f"o{j}") for i, j in zip(*np.nonzero(m), strict=True))
    projected = nx.bipartite.weighted_projected_graph(g, range(12))
    want = nx.to_numpy_array(projected, nodelist=range(12))
    np.testing.assert_array_equal(state_projection(m), want)


def test_status_weights_convert_codes():
    """Property: codes map to the documented weights; unknown or negative codes weigh 0."""
    w = status_weight_matrix([[0, 1, 2, -1]], ["member", "observer", "mystery"])
    assert w.tolist() == [[1.0, 0.25, 0.0, 0.0]]


def test_density_matches_networkx():
    """Oracle: networkx.density for a random undirected and directed graph."""
    rng = np.random.default_rng(8)
    a = rng.random((10, 10)) < 0.3
    np.fill_diagonal(a, False)
    assert density(a, directed=True) == pytest.approx(
        nx.density(nx.from_numpy_array(a.astype(int), create_using=nx.DiGraph))
    )
    sym = a | a.T
    assert density(sym) == pytest.approx(nx.density(nx.from_numpy_array(sym.astype(int))))


def test_overlap_is_jaccard():
    """Oracle: |A ∩ B| / |A ∪ B| with Python sets, and the weighted form Σmin/Σmax by a loop."""
    rng = np.random.default_rng(9)
    m = (rng.random((15, 5)) < 0.4).astype(float)
    j = organisation_overlap(m)
    sets = [set(np.flatnonzero(m[:, c])) for c in range(5)]
    for a in range(5):
        for b in range(5):
            union = sets[a] | sets[b]
            if union:
                assert j[a, b] == pytest.approx(len(sets[a] & sets[b]) / len(union))
    graded = m * rng.choice([0.25, 0.5, 1.0], m.shape)
    jw = organisation_overlap(graded)
    for a in range(5):
        for b in range(5):
            top = np.maximum(graded[:, a], graded[:, b]).sum()
            if top:
                assert jw[a, b] == pytest.approx(np.minimum(graded[:, a], graded[:, b]).sum() / top)
    assert 0 <= mean_overlap(m) <= 1


def test_path_lengths_match_networkx():
    """Oracle: networkx.shortest_path_length on a random graph with several components."""
    rng = np.random.default_rng(6)
    a = rng.random((18, 18)) < 0.12
    np.fill_diagonal(a, False)
    a = a | a.T
    g = nx.from_numpy_array(a.astype(int))
    d = path_lengths(a)
    lengths = dict(nx.all_pairs_shortest_path_length(g))
    for i in range(18):
        for j in range(18):
            assert d[i, j] == lengths[i].get(j, np.inf)
    finite = [v for i in lengths for j, v in lengths[i].items() if i != j]
    assert average_path_length(a) == pytest.approx(np.mean(finite))


def test_most_credible_chain_matches_brute_force():
    """Oracle: the best product of credibilities over all simple paths (networkx.all_simple_paths)."""
    rng = np.random.default_rng(12)
    c = rng.random((7, 7)) * (rng.random((7, 7)) < 0.35)
    np.fill_diagonal(c, 0)
    c[0, 1] = 1.0  # a fully credible link must not vanish
    g = nx.from_numpy_array(c, create_using=nx.DiGraph)
    got = most_credible_chain(c)
    for i in range(7):
        for j in range(7):
            if i == j:
                assert got[i, j] == 1.0
                continue
            best = 0.0
            for path in nx.all_simple_paths(g, i, j):
                best = max(best, float(np.prod([c[u, v] for u, v in itertools.pairwise(path)])))
            assert got[i, j] == pytest.approx(best)


def test_credibility_above_one_is_refused():
    """Bad input gets an InputError."""
    with pytest.raises(InputError, match="credibility"):
        most_credible_chain([[0, 2], [0, 0]])
    with pytest.raises(InputError, match="credibility"):
        credible_chain([[0, 2], [0, 0]], 0, 1)
    with pytest.raises(InputError, match="target"):
        credible_chain([[0, 1], [0, 0]], 0, 2)


def _digraph(n, edges):
    a = np.zeros((n, n), dtype=bool)
    for i, j in edges:
        a[i, j] = True
    return a


@pytest.mark.parametrize(
    "name, adjacency, directed, mean, share",
    [
        # 0→1→2→3: the 6 forward pairs of 12, at 1, 2, 3, 1, 2, 1 links.
        ("chain", _digraph(4, [(0, 1), (1, 2), (2, 3)]), True, 10 / 6, 6 / 12),
        # hub 0 → 4 leaves: 4 pairs of 20, each one link.
        ("out-star", _digraph(5, [(0, k) for k in range(1, 5)]), True, 1.0, 4 / 20),
        # the same star undirected: 8 hub–leaf pairs at 1 link, 12 leaf–leaf pairs at 2.
        ("star", _digraph(5, [(0, k) for k in range(1, 5)]), False, (8 + 24) / 20, 1.0),
        # directed 5-cycle: every pair, each source at 1, 2, 3, 4 links.
        ("cycle", _digraph(5, [(k, (k + 1) % 5) for k in range(5)]), True, 2.5, 1.0),
        # two disjoint mutual pairs: 4 of 12 pairs, one link each.
        ("two-pairs", _digraph(4, [(0, 1), (1, 0), (2, 3), (3, 2)]), True, 1.0, 4 / 12),
    ],
)
def test_shortest_paths_on_small_graphs_by_hand(name, adjacency, directed, mean, share):
    """Oracle: the mean shortest-path length over reachable ordered pairs and the share of reachable
    ordered pairs, counted by hand on a chain, stars, a cycle and two components."""
    assert average_path_length(adjacency, directed=directed) == pytest.approx(mean), name
    assert reachable_share(adjacency, directed=directed) == pytest.approx(share), name


def test_no_paths_and_tiny_graphs():
    """Property: without links nothing is reachable (mean length undefined); one node has no pairs."""
    assert reachable_share(np.zeros((3, 3))) == 0.0
    assert np.isnan(average_path_length(np.zeros((3, 3)), directed=True))
    assert np.isnan(reachable_share(np.zeros((1, 1))))


def test_directed_paths_match_networkx_on_random_digraphs():
    """Oracle: networkx.all_pairs_shortest_path_length on random digraphs of several densities."""
    rng = np.random.default_rng(21)
    for n, p in [(12, 0.08), (20, 0.1), (25, 0.3)]:
        a = rng.random((n, n)) < p
        np.fill_diagonal(a, False)
        g = nx.from_numpy_array(a.astype(int), create_using=nx.DiGraph)
        lengths = dict(nx.all_pairs_shortest_path_length(g))
        d = path_lengths(a, directed=True)
        for i in range(n):
            for j in range(n):
                assert d[i, j] == lengths[i].get(j, np.inf)
        reached = [v for i in lengths for j, v in lengths[i].items() if i != j]
        assert reachable_share(a, directed=True) == pytest.approx(len(reached) / (n * (n - 1)))
        assert average_path_length(a, directed=True) == pytest.approx(np.mean(reached))


def test_credible_chain_by_hand():
    """Oracle: worked by hand — a weak direct guarantee 0→2 (0.2) loses to the chain 0→1→2 (0.9·0.8 =
    0.72), which has two links while the shortest chain has one; nothing runs back from 2; a state's chain
    to itself is itself with credibility 1."""
    c = np.zeros((4, 4))
    c[0, 2], c[0, 1], c[1, 2], c[2, 3] = 0.2, 0.9, 0.8, 0.5
    chain = credible_chain(c, 0, 3)
    assert chain.path == (0, 1, 2, 3)
    assert chain.credibility == pytest.approx(0.9 * 0.8 * 0.5)
    assert (chain.links, chain.fewest_links) == (3, 2)
    back = credible_chain(c, 3, 0)
    assert (back.path, back.credibility, back.links, back.fewest_links) == ((), 0.0, None, None)
    itself = credible_chain(c, 1, 1)
    assert (itself.path, itself.credibility, itself.links, itself.fewest_links) == ((1,), 1.0, 0, 0)


def test_credible_chain_agrees_with_the_matrix_and_networkx():
    """Oracle: the chain's product equals most_credible_chain (itself checked by brute force above) and
    networkx.dijkstra_path_length on −log c; its fewest links equal networkx.shortest_path_length."""
    rng = np.random.default_rng(33)
    n = 15
    c = rng.uniform(0.05, 1.0, (n, n)) * (rng.random((n, n)) < 0.15)
    np.fill_diagonal(c, 0)
    best = most_credible_chain(c)
    # Credibilities below 1 give positive lengths −log c, so every guarantee is an edge of g.
    g = nx.from_numpy_array(np.where(c > 0, -np.log(np.where(c > 0, c, 1)), 0), create_using=nx.DiGraph)
    hops = dict(nx.all_pairs_shortest_path_length(g))
    for i in range(n):
        for j in range(n):
            chain = credible_chain(c, i, j)
            assert chain.credibility == pytest.approx(best[i, j])
            if j not in hops[i]:
                assert chain.path == () and chain.fewest_links is None
                continue
            product = float(np.prod([c[u, v] for u, v in itertools.pairwise(chain.path)]))
            assert product == pytest.approx(chain.credibility)
            assert chain.path[0] == i and chain.path[-1] == j
            assert chain.fewest_links == hops[i][j]
            if i != j:
                assert chain.credibility == pytest.approx(np.exp(-nx.dijkstra_path_length(g, i, j)))
