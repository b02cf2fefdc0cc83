"""Freeman centralisation of a network: how much one node dominates the others.

Freeman, L. C. (1978), "Centrality in social networks: conceptual clarification", *Social Networks* 1(3):
215–239. Betweenness is computed with Brandes' accumulation (Brandes, U. (2001), "A faster algorithm for
betweenness centrality", *Journal of Mathematical Sociology* 25(2): 163–177), run for all sources at once
as a level-synchronous breadth-first search in matrix form, so the work is a few dense products per level
instead of a Python loop over sources.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from secarch.errors import InputError
from secarch.metrics._arrays import binary_adjacency

__all__ = ["betweenness", "betweenness_centralisation", "degree_centralisation", "degrees"]

DegreeMode = Literal["all", "in", "out"]


def degrees(adjacency: ArrayLike, mode: DegreeMode = "all") -> NDArray[np.int64]:
    """Number of neighbours of each node (ties > 0; self-loops ignored).

    ``mode="all"`` counts a node's neighbours in the underlying undirected graph; ``"out"``/``"in"`` count
    the edges leaving/entering it.

    Examples
    --------
    >>> degrees([[0, 1, 1], [0, 0, 0], [0, 0, 0]], "out").tolist()
    [2, 0, 0]
    >>> degrees([[0, 1, 1], [0, 0, 0], [0, 0, 0]]).tolist()
    [2, 1, 1]
    """
    a = binary_adjacency(adjacency, "adjacency")
    if mode == "all":
        counts = (a | a.T).sum(axis=1)
    elif mode == "out":
        counts = a.sum(axis=1)
    elif mode == "in":
        counts = a.sum(axis=0)
    else:
        raise InputError.single(f"mode is {mode!r}", field="mode", expected="'all', 'in' or 'out'")
    result: NDArray[np.int64] = counts.astype(np.int64)
    return result


def degree_centralisation(adjacency: ArrayLike, mode: DegreeMode = "all") -> float:
    """Freeman's degree centralisation.

    .. math:: C_D = \\frac{\\sum_i (d^* - d_i)}{\\max \\sum_i (d^* - d_i)}

    with :math:`d^*` the largest degree. The maximum is :math:`(n-1)(n-2)` for undirected degree (a star)
    and :math:`(n-1)^2` for in- or out-degree (an in- or out-star). 1 for a star, 0 for a regular graph;
    NaN for fewer than three nodes (undirected) or two nodes (directed).

    Examples
    --------
    >>> star = [[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]]
    >>> degree_centralisation(star)
    1.0
    """
    d = degrees(adjacency, mode)
    n = d.size
    maximum = (n - 1) * (n - 2) if mode == "all" else (n - 1) ** 2
    if maximum <= 0:
        return float("nan")
    return float((d.max() - d).sum() / maximum)


def betweenness(adjacency: ArrayLike, *, directed: bool = False) -> NDArray[np.float64]:
    """Shortest-path betweenness of every node (unnormalised, ties > 0, unit edge lengths).

    .. math:: b_v = \\sum_{s \\ne v \\ne t} \\frac{\\sigma_{st}(v)}{\\sigma_{st}}

    over ordered pairs for a directed graph and unordered pairs for an undirected one (σ counts shortest
    paths). All sources advance together: at level *d* the path counts of the new frontier are
    ``σ_frontier @ A``; the dependencies then flow back level by level (Brandes 2001),

    .. math:: \\delta_{sv} = \\sum_{w:\\, v \\to w,\\, d(s,w) = d(s,v)+1}
              \\frac{\\sigma_{sv}}{\\sigma_{sw}} (1 + \\delta_{sw}).

    Matches ``networkx.betweenness_centrality(G, normalized=False)``.

    Examples
    --------
    >>> betweenness([[0, 1, 0], [1, 0, 1], [0, 1, 0]]).tolist()
    [0.0, 1.0, 0.0]
    """
    a = binary_adjacency(adjacency, "adjacency")
    if not directed:
        a = a | a.T
    n = a.shape[0]
    adjacency_f = a.astype(float)
    sigma = np.eye(n)
    distance = np.where(np.eye(n, dtype=bool), 0, -1)
    frontier = np.eye(n, dtype=bool)
    level = 0
    while frontier.any():
        level += 1
        paths = (sigma * frontier) @ adjacency_f
        new = (paths > 0) & (distance < 0)
        sigma = np.where(new, paths, sigma)
        distance = np.where(new, level, distance)
        frontier = new
    delta = np.zeros((n, n))
    for depth in range(level - 1, 0, -1):
        at_depth = distance == depth
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(at_depth, (1.0 + delta) / sigma, 0.0)
        # Predecessors v of w have an edge v → w: Σ_w A[v, w] share[s, w] = (share @ Aᵀ)[s, v].
        delta += np.where(distance == depth - 1, sigma * (share @ adjacency_f.T), 0.0)
    np.fill_diagonal(delta, 0.0)
    scores = delta.sum(axis=0)
    result: NDArray[np.float64] = scores if directed else scores / 2.0
    return result


def betweenness_centralisation(adjacency: ArrayLike, *, directed: bool = False) -> float:
    """Freeman's betweenness centralisation.

    .. math:: C_B = \\frac{\\sum_i (b^* - b_i)}{(n-1)^2 (n-2) / 2}

    for an undirected graph (the star's value; twice that for a directed graph, whose pairs are ordered).
    1 for a star, 0 when every node has the same betweenness; NaN for fewer than three nodes.

    Examples
    --------
    >>> star = [[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]]
    >>> betweenness_centralisation(star)
    1.0
    """
    b = betweenness(adjacency, directed=directed)
    n = b.size
    maximum = (n - 1) ** 2 * (n - 2) / (1.0 if directed else 2.0)
    if maximum <= 0:
        return float("nan")
    return float((b.max() - b).sum() / maximum)
