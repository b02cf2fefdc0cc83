"""Krackhardt's four graph-theoretical dimensions of hierarchy.

Krackhardt, D. (1994), "Graph theoretical dimensions of informal organizations", in K. Carley & M. Prietula
(eds), *Computational Organization Theory*, Hillsdale NJ: Lawrence Erlbaum, 89–111; discussed in Everett,
M. & Krackhardt, D. (2012), "A second look at Krackhardt's graph theoretical dimensions of informal
organizations", *Social Networks* 34(2): 159–163.

A digraph is an *out-tree* (a pure hierarchy: one root, everyone else with exactly one superior) if and only
if it is connected, hierarchic, efficient and least-upper-bounded. Each measure is 1 − (violations of its
axiom) / (largest possible number of violations), so all four are 1 for an out-tree.

Direction convention: an edge i → j (``G[i, j] > 0``) means i stands above j. For the guarantee matrix,
``G[i, j]`` is the credibility with which i guarantees j, so a guarantor stands above the guaranteed state
and a single patron guaranteeing every other state is a perfect hierarchy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from secarch.metrics._arrays import binary_adjacency

__all__ = [
    "KrackhardtScores",
    "krackhardt",
    "krackhardt_connectedness",
    "krackhardt_efficiency",
    "krackhardt_hierarchy",
    "krackhardt_lub",
    "reachability",
]

# Memory cap (entries) for the blocks of the least-upper-bound computation.
_BLOCK_ENTRIES = 4_000_000


def reachability(adjacency: ArrayLike, *, reflexive: bool = False) -> NDArray[np.bool_]:
    """Transitive closure: ``R[i, j]`` is True when a directed path leads from i to j.

    Computed by repeated squaring, :math:`R \\leftarrow R \\lor (R R > 0)`, which needs
    :math:`\\lceil \\log_2 n \\rceil` products at most. With ``reflexive`` every node reaches itself.

    Examples
    --------
    >>> reachability([[0, 1, 0], [0, 0, 1], [0, 0, 0]]).astype(int).tolist()
    [[0, 1, 1], [0, 0, 1], [0, 0, 0]]
    """
    closure = binary_adjacency(adjacency, "adjacency")
    step = closure.astype(np.float32)
    while True:
        extended = closure | ((step @ step) > 0)
        if np.array_equal(extended, closure):
            break
        closure = extended
        step = closure.astype(np.float32)
    if reflexive:
        closure = closure | np.eye(closure.shape[0], dtype=bool)
    return closure


def _weak_components(adjacency: NDArray[np.bool_]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Weak-component label of every node, and the size of each component."""
    _, labels = connected_components(csr_matrix(adjacency), directed=True, connection="weak")
    return labels, np.bincount(labels)


def krackhardt_connectedness(adjacency: ArrayLike) -> float:
    """Share of pairs of nodes joined by a path in the underlying undirected graph.

    .. math:: \\mathrm{Connectedness} = 1 - \\frac{V}{N(N-1)/2}

    with *V* the number of unordered pairs in different weak components (Krackhardt 1994). NaN for N < 2.

    Examples
    --------
    >>> krackhardt_connectedness([[0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]])
    0.3333333333333333
    """
    a = binary_adjacency(adjacency, "adjacency")
    return _connectedness(_weak_components(a)[1])


def _connectedness(sizes: NDArray[np.intp]) -> float:
    n = int(sizes.sum())
    if n < 2:
        return float("nan")
    joined = float((sizes * (sizes - 1)).sum() / 2)
    return float(joined / (n * (n - 1) / 2))


def krackhardt_hierarchy(adjacency: ArrayLike) -> float:
    """Share of reachable pairs that are reachable in one direction only.

    .. math:: \\mathrm{Hierarchy} = 1 - \\frac{V}{\\max V}

    with *V* the unordered pairs {i, j} where i reaches j and j reaches i, and max *V* the pairs where at
    least one reaches the other (Krackhardt 1994). 1 for an out-tree, 0 for a cycle. NaN if no node reaches
    another.

    Examples
    --------
    >>> krackhardt_hierarchy([[0, 1, 0], [0, 0, 1], [1, 0, 0]])
    0.0
    """
    return _hierarchy(reachability(adjacency))


def _hierarchy(r: NDArray[np.bool_]) -> float:
    mutual = np.triu(r & r.T, 1).sum()
    either = np.triu(r | r.T, 1).sum()
    return float("nan") if either == 0 else float(1 - mutual / either)


def krackhardt_efficiency(adjacency: ArrayLike) -> float:
    """How few links the graph has beyond those needed to keep its components connected.

    .. math:: \\mathrm{Efficiency} = 1 - \\frac{\\sum_c \\left(E_c - (N_c - 1)\\right)}
              {\\sum_c (N_c - 1)(N_c - 2)/2}

    over the weak components *c*, with :math:`E_c` the links (unordered pairs joined in either direction)
    and :math:`N_c` the nodes of component *c* (Krackhardt 1994, summed over components as in Everett &
    Krackhardt 2012). Note that R's ``sna::efficiency`` counts directed edges against a larger maximum, so
    its values differ for graphs with reciprocated or redundant edges. NaN when no component has three
    nodes.

    Examples
    --------
    >>> round(krackhardt_efficiency([[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0]]), 4)
    0.6667
    """
    a = binary_adjacency(adjacency, "adjacency")
    return _efficiency(a, *_weak_components(a))


def _efficiency(a: NDArray[np.bool_], labels: NDArray[np.intp], sizes: NDArray[np.intp]) -> float:
    links = np.triu(a | a.T, 1)
    edges_per_component = np.bincount(labels[np.nonzero(links)[0]], minlength=sizes.size)
    excess = (edges_per_component - (sizes - 1)).sum()
    maximum = ((sizes - 1) * (sizes - 2) / 2).sum()
    return float("nan") if maximum == 0 else float(1 - excess / maximum)


def krackhardt_lub(adjacency: ArrayLike) -> float:
    """Least-upper-boundedness: share of pairs that have a least common superior.

    An *upper bound* of i and j is a node k that reaches both (every node reaches itself); it is *least*
    if every other upper bound reaches k. With *V* the unordered pairs without a least upper bound,

    .. math:: \\mathrm{LUB} = 1 - \\frac{V}{\\sum_c (N_c - 1)(N_c - 2)/2}

    over weak components of at least three nodes (Krackhardt 1994). The work is done on the condensation
    (strong components collapsed, since their members are interchangeable as bounds), with one block of
    matrix products per group of condensed nodes: for a pair (a, b), the number of upper bounds that fail to
    reach a candidate k is :math:`\\sum_m R_{ma} R_{mb} (1 - R_{mk})`. NaN when no component has three nodes.

    Examples
    --------
    >>> in_star = [[0, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]]
    >>> krackhardt_lub(in_star)
    0.0
    """
    a = binary_adjacency(adjacency, "adjacency")
    return _lub(a, *_weak_components(a), None)


def _lub(
    a: NDArray[np.bool_],
    labels: NDArray[np.intp],
    sizes: NDArray[np.intp],
    closure: NDArray[np.bool_] | None,
) -> float:
    """LUB from the adjacency, its weak components and (if already computed) its reachability."""
    maximum = ((sizes - 1) * (sizes - 2) / 2)[sizes >= 3].sum()
    if maximum == 0:
        return float("nan")
    # Only components of three or more nodes count; dropping the rest (often most states) first is exact,
    # and as paths stay inside weak components, so is restricting the reachability to them.
    keep = sizes[labels] >= 3
    a = a[np.ix_(keep, keep)]
    labels = labels[keep]
    sub_closure = reachability(a) if closure is None else closure[np.ix_(keep, keep)]
    sub_closure = sub_closure | np.eye(a.shape[0], dtype=bool)
    n_strong, strong = connected_components(csr_matrix(a), directed=True, connection="strong")
    representative = np.zeros(n_strong, dtype=np.intp)
    representative[strong] = np.arange(a.shape[0])
    weight = np.bincount(strong, minlength=n_strong).astype(float)
    reach = sub_closure[np.ix_(representative, representative)].astype(np.float32)
    component = labels[representative]
    counted = (sizes[component] >= 3)[:, None] & (component[:, None] == component[None, :])
    not_reach = 1.0 - reach
    c = n_strong
    has_lub = np.zeros((c, c), dtype=bool)
    block = max(1, _BLOCK_ENTRIES // max(1, c * c))
    for start in range(0, c, block):
        rows = slice(start, min(c, start + block))
        # bounds[m, a, b]: m reaches both a and b.
        bounds = reach[:, rows, None] * reach[:, None, :]
        size = bounds.shape[1]
        failing = (bounds.reshape(c, size * c).T @ not_reach).reshape(size, c, c)
        is_bound = bounds.transpose(1, 2, 0) > 0  # [a, b, k]: k reaches a and b
        has_lub[rows] = np.any(is_bound & (failing == 0), axis=2)
    pair_weight = np.triu(np.outer(weight, weight), 1)
    violations = float((pair_weight * (counted & ~has_lub)).sum())
    return 1.0 - violations / float(maximum)


@dataclass(frozen=True)
class KrackhardtScores:
    """Krackhardt's four measures of one digraph (each in [0, 1]; NaN where undefined)."""

    connectedness: float
    hierarchy: float
    efficiency: float
    lub: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def krackhardt(adjacency: ArrayLike) -> KrackhardtScores:
    """All four Krackhardt measures of a digraph (edge i → j: i above j).

    Examples
    --------
    >>> out_star = [[0, 1, 1, 1], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]
    >>> krackhardt(out_star)
    KrackhardtScores(connectedness=1.0, hierarchy=1.0, efficiency=1.0, lub=1.0)
    """
    # The weak components and the reachability are computed once and shared by the four measures.
    a = binary_adjacency(adjacency, "adjacency")
    labels, sizes = _weak_components(a)
    closure = reachability(a)
    return KrackhardtScores(
        connectedness=_connectedness(sizes),
        hierarchy=_hierarchy(closure),
        efficiency=_efficiency(a, labels, sizes),
        lub=_lub(a, labels, sizes, closure),
    )
