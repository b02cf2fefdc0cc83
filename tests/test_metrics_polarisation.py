"""Modularity, leading-eigenvector blocs and polarisation."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from networkx.algorithms import community

from secarch.errors import InputError
from secarch.metrics import leading_eigenvector_partition, modularity, polarisation


def test_karate_club_reproduces_newman_2006():
    """Oracle: Newman (2006, PNAS 103: 8577, table 1) reports Q = 0.419 for the leading-eigenvector method
    on Zachary's karate club."""
    w = nx.to_numpy_array(nx.karate_club_graph(), weight=None)
    result = polarisation(w)
    assert result.modularity == pytest.approx(0.419, abs=5e-4)
    assert result.blocs == 4


@pytest.mark.parametrize("seed", range(5))
def test_modularity_matches_networkx(seed):
    """Oracle: networkx.community.modularity on a random weighted graph and a random partition."""
    rng = np.random.default_rng(seed)
    n = 20
    w = np.triu(rng.random((n, n)) * (rng.random((n, n)) < 0.3), 1)
    w = w + w.T
    labels = rng.integers(0, 3, n)
    g = nx.from_numpy_array(w)
    parts = [set(np.flatnonzero(labels == c).tolist()) for c in np.unique(labels)]
    assert modularity(w, labels) == pytest.approx(community.modularity(g, parts, weight="weight"))


def test_two_cliques_with_a_bridge_are_two_blocs():
    """Oracle: analytic — two 5-cliques joined by one edge: m = 21, each bloc has 10 internal edges and
    degree sum 21, so Q = 20/21 − 1/2."""
    g = nx.barbell_graph(5, 0)
    w = nx.to_numpy_array(g)
    labels = leading_eigenvector_partition(w)
    assert labels.tolist() == [0] * 5 + [1] * 5
    assert polarisation(w).modularity == pytest.approx(20 / 21 - 0.5)


def test_complete_graph_has_no_blocs():
    """Property: a complete graph is indivisible (no split raises Q), so Q = 0 and one bloc."""
    w = np.ones((8, 8)) - np.eye(8)
    result = polarisation(w)
    assert result.blocs == 1
    assert result.modularity == pytest.approx(0.0)


def test_isolated_states_form_no_bloc():
    """Property: states without ties do not count as blocs."""
    w = np.zeros((5, 5))
    w[0, 1] = w[1, 0] = 1
    assert polarisation(w).blocs == 1
    assert polarisation(np.zeros((3, 3))).blocs == 0


def test_asymmetric_weights_are_refused():
    """Bad input gets an InputError with a hint."""
    with pytest.raises(InputError, match="symmetric"):
        modularity([[0, 1], [0, 0]], [0, 1])
