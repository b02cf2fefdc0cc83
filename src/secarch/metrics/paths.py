"""Shortest alliance paths: how many links, and how credible the best chain, between two states.

Path lengths use breadth-first search (unit edge lengths) from all sources at once, one matrix product per
level. The most credible chain maximises the product of the credibilities along it, i.e. minimises
:math:`\\sum -\\log c` (Dijkstra, E. W. (1959), "A note on two problems in connexion with graphs",
*Numerische Mathematik* 1: 269–271), in SciPy's compiled ``csgraph`` routine for all sources at once.
Reachability and mean path length over reachable pairs follow Wasserman & Faust (1994), *Social Network
Analysis*, §4.3 (geodesics, distance, reachability).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import shortest_path

from secarch.errors import InputError
from secarch.metrics._arrays import as_matrix, binary_adjacency, nonnegative

__all__ = [
    "Chain",
    "average_path_length",
    "credible_chain",
    "most_credible_chain",
    "path_lengths",
    "reachable_share",
]

# Below this density, breadth-first search on the sparse graph is faster than the level-wise products.
_SPARSE_DENSITY = 0.05


def path_lengths(adjacency: ArrayLike, *, directed: bool = False) -> NDArray[np.float64]:
    """Number of links on the shortest path from every node to every other (inf when unreachable).

    .. math:: d_{ij} = \\min \\{\\ell : (A^\\ell)_{ij} > 0\\}

    Breadth-first search from every node: one matrix product per level for dense graphs, SciPy's
    ``csgraph`` search for sparse ones (density at most 5 %); both give the same integers.

    Examples
    --------
    >>> path_lengths([[0, 1, 0], [1, 0, 1], [0, 1, 0]]).tolist()
    [[0.0, 1.0, 2.0], [1.0, 0.0, 1.0], [2.0, 1.0, 0.0]]
    """
    a = binary_adjacency(adjacency, "adjacency")
    if not directed:
        a = a | a.T
    n = a.shape[0]
    if a.sum() <= _SPARSE_DENSITY * n * n:
        # Few links (guarantee digraphs): SciPy's compiled breadth-first search, O(n (n + links)).
        sparse: NDArray[np.float64] = shortest_path(csr_matrix(a), directed=True, unweighted=True)
        return sparse
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


def reachable_share(adjacency: ArrayLike, *, directed: bool = False) -> float:
    """Share of the ordered pairs of distinct nodes that a path joins (NaN for fewer than two nodes).

    .. math:: R = \\frac{|\\{(i, j): i \\ne j, d_{ij} < \\infty\\}|}{n(n-1)}

    On the guarantee digraph: the share of (guarantor, guaranteed) pairs that some chain of guarantees
    links.

    Examples
    --------
    A directed chain 0 → 1 → 2 reaches 3 of the 6 ordered pairs:

    >>> reachable_share([[0, 1, 0], [0, 0, 1], [0, 0, 0]], directed=True)
    0.5
    """
    d = path_lengths(adjacency, directed=directed)
    n = d.shape[0]
    if n < 2:
        return float("nan")
    return float((np.isfinite(d).sum() - n) / (n * (n - 1)))


def _credibility_lengths(credibility: ArrayLike) -> NDArray[np.float64]:
    """Edge lengths −log c of a credibility matrix (checked to lie in [0, 1]); 0 means no edge."""
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
        length: NDArray[np.float64] = np.where(
            c > 0, np.maximum(-np.log(np.where(c > 0, c, 1.0)), np.finfo(float).tiny), 0.0
        )
    return length


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
    distance = shortest_path(csr_matrix(_credibility_lengths(credibility)), method="D", directed=True)
    result: NDArray[np.float64] = np.where(np.isfinite(distance), np.exp(-distance), 0.0)
    np.fill_diagonal(result, 1.0)
    return result


@dataclass(frozen=True)
class Chain:
    """The most credible chain of guarantees from one state to another.

    Attributes
    ----------
    path : the node indices along the chain, source first and target last; empty when no chain exists
    credibility : the product of the credibilities along the chain (1 from a node to itself, 0 without a
        chain)
    fewest_links : the number of links on the shortest path (fewest links, which may be a different and
        less credible chain); None without a chain
    """

    path: tuple[int, ...]
    credibility: float
    fewest_links: int | None

    @property
    def links(self) -> int | None:
        """Number of links on the most credible chain (None without a chain)."""
        return len(self.path) - 1 if self.path else None


def credible_chain(credibility: ArrayLike, source: int, target: int) -> Chain:
    """The most credible chain of guarantees from ``source`` to ``target`` and the fewest links between
    them, on a credibility matrix (``C[i, j]`` = credibility with which i guarantees j, in [0, 1]).

    .. math:: c^*_{st} = \\max_{\\text{paths } s \\to t} \\prod_{(u,v) \\in \\text{path}} c_{uv},
              \\qquad d_{st} = \\min \\{\\ell : (A^\\ell)_{st} > 0\\},\\ A = [C > 0]

    found by Dijkstra's (1959) algorithm on the lengths :math:`-\\log c` from the source, with the
    predecessors that give the chain itself (ties between equally credible chains are broken by SciPy's
    search order).

    Examples
    --------
    A direct but weak guarantee 0 → 2 (0.1) and a stronger two-link chain 0 → 1 → 2 (0.5 · 0.5):

    >>> chain = credible_chain([[0, 0.5, 0.1], [0, 0, 0.5], [0, 0, 0]], 0, 2)
    >>> chain.path, chain.credibility, chain.links, chain.fewest_links
    ((0, 1, 2), 0.25, 2, 1)
    >>> credible_chain([[0, 0.5, 0.1], [0, 0, 0.5], [0, 0, 0]], 2, 0)
    Chain(path=(), credibility=0.0, fewest_links=None)
    """
    length = _credibility_lengths(credibility)
    n = length.shape[0]
    for name, node in (("source", source), ("target", target)):
        if not 0 <= int(node) < n:
            raise InputError.single(
                f"{name} {node} is not a node", field=name, expected=f"an index from 0 to {n - 1}"
            )
    source, target = int(source), int(target)
    distance, predecessor = shortest_path(
        csr_matrix(length), method="D", directed=True, indices=source, return_predecessors=True
    )
    if not np.isfinite(distance[target]):
        return Chain(path=(), credibility=0.0, fewest_links=None)
    path = [target]
    while path[-1] != source:
        path.append(int(predecessor[path[-1]]))
    hops = shortest_path(csr_matrix(length > 0), directed=True, unweighted=True, indices=source)[target]
    return Chain(
        path=tuple(reversed(path)),
        credibility=float(np.exp(-distance[target])),
        fewest_links=int(hops),
    )
