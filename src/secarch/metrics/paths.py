"""Shortest alliance paths: how many links, and how credible the best chain, between two states.

Path lengths use breadth-first search (unit edge lengths) from all sources at once, one matrix product per
level. The most credible chain maximises the product of the credibilities along it, i.e. minimises
:math:`\\sum -\\log c` (Dijkstra, E. W. (1959), "A note on two problems in connexion with graphs",
*Numerische Mathematik* 1: 269–271), in SciPy's compiled ``csgraph`` routine for all sources at once.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import shortest_path

from secarch.errors import InputError
from secarch.metrics._arrays import as_matrix, binary_adjacency, nonnegative

__all__ = ["average_path_length", "most_credible_chain", "path_lengths"]


def path_lengths(adjacency: ArrayLike, *, directed: bool = False) -> NDArray[np.float64]:
    """Number of links on the shortest path from every node to every other (inf when unreachable).

    .. math:: d_{ij} = \\min \\{\\ell : (A^\\ell)_{ij} > 0\\}

    Examples
    --------
    >>> path_lengths([[0, 1, 0], [1, 0, 1], [0, 1, 0]]).tolist()
    [[0.0, 1.0, 2.0], [1.0, 0.0, 1.0], [2.0, 1.0, 0.0]]
    """
    a = binary_adjacency(adjacency, "adjacency")
    if not directed:
        a = a | a.T
    # Breadth-first search from every source at once: the frontier advances by one product per level.
    step = a.astype(np.float32)
    distance = np.where(np.eye(a.shape[0], dtype=bool), 0.0, np.inf)
    frontier = np.eye(a.shape[0], dtype=np.float32)
    level = 0
    while frontier.any():
        level += 1
        reached = ((frontier @ step) > 0) & np.isinf(distance)
        distance[reached] = level
        frontier = reached.astype(np.float32)
    return distance


def average_path_length(adjacency: ArrayLike, *, directed: bool = False) -> float:
    """Mean shortest-path length over the ordered pairs that are connected (NaN if none are).

    .. math:: \\bar d = \\frac{1}{|P|} \\sum_{(i,j) \\in P} d_{ij},
              \\quad P = \\{(i, j): i \\ne j, d_{ij} < \\infty\\}

    Examples
    --------
    >>> round(average_path_length([[0, 1, 0], [1, 0, 1], [0, 1, 0]]), 4)
    1.3333
    """
    d = path_lengths(adjacency, directed=directed)
    off_diagonal = ~np.eye(d.shape[0], dtype=bool)
    finite = np.isfinite(d) & off_diagonal
    return float(d[finite].mean()) if finite.any() else float("nan")


def most_credible_chain(credibility: ArrayLike) -> NDArray[np.float64]:
    """Credibility of the most credible chain of guarantees from every state to every other.

    .. math:: c^*_{ij} = \\max_{\\text{paths } i \\to j} \\prod_{(u,v) \\in \\text{path}} c_{uv}

    for a credibility matrix with entries in [0, 1] (``C[i, j]`` = credibility with which i guarantees j).
    The diagonal is 1; unreachable pairs are 0.

    Examples
    --------
    >>> most_credible_chain([[0, 0.5, 0.1], [0, 0, 0.5], [0, 0, 0]]).tolist()
    [[1.0, 0.5, 0.25], [0.0, 1.0, 0.5], [0.0, 0.0, 1.0]]
    """
    c = nonnegative(as_matrix(credibility, "credibility", square=True), "credibility")
    if c.size and c.max() > 1:
        raise InputError.single(
            f"credibility has entries above 1 (largest {float(c.max()):g})",
            field="credibility",
            expected="credibilities in [0, 1]",
        )
    c = c.copy()
    np.fill_diagonal(c, 0.0)
    # −log c ≥ 0; a credibility of exactly 1 becomes a zero-length edge, which csgraph would drop as
    # "no edge", so it gets the smallest positive length instead.
    with np.errstate(divide="ignore"):
        length = np.where(c > 0, np.maximum(-np.log(np.where(c > 0, c, 1.0)), np.finfo(float).tiny), 0.0)
    distance = shortest_path(csr_matrix(length), method="D", directed=True)
    result: NDArray[np.float64] = np.where(np.isfinite(distance), np.exp(-distance), 0.0)
    np.fill_diagonal(result, 1.0)
    return result
