"""State projection, density, overlap of organisations and shortest alliance paths."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from secarch.errors import InputError
from secarch.metrics import (
    average_path_length,
    density,
    mean_overlap,
    most_credible_chain,
    organisation_overlap,
    path_lengths,
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
