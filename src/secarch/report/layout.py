"""Network layout by stress majorization, in NumPy.

Positions minimise the weighted stress ``σ(X) = Σ_{i<j} w_ij (‖x_i − x_j‖ − d_ij)²`` with ``d_ij`` the
shortest-path distance and ``w_ij = d_ij^−2`` (Kamada & Kawai 1989's energy), by the SMACOF iteration
``X ← L_w⁺ L_X X`` whose stress never increases (de Leeuw 1977; Gansner, Koren & North 2004, "Graph drawing by
stress majorization", *Graph Drawing*, LNCS 3383). The start is classical multidimensional scaling
(Torgerson 1952), so the layout is deterministic: no random seed is involved.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["Layout", "graph_distances", "stress", "stress_layout"]

FloatArray = NDArray[np.float64]


def graph_distances(adjacency: ArrayLike, *, weight: ArrayLike | None = None) -> FloatArray:
    """Shortest-path distances of an undirected graph; pairs in different components get one more than the
    largest finite distance, so that components sit side by side instead of at infinity.

    >>> graph_distances([[0, 1, 0], [1, 0, 0], [0, 0, 0]]).tolist()
    [[0.0, 1.0, 2.0], [1.0, 0.0, 2.0], [2.0, 2.0, 0.0]]
    """
    from scipy.sparse.csgraph import shortest_path

    adjacency = np.asarray(adjacency, dtype=float)
    lengths = adjacency if weight is None else np.where(adjacency > 0, np.asarray(weight, dtype=float), 0.0)
    lengths = np.maximum(lengths, lengths.T)
    distance = shortest_path(lengths, method="D", directed=False, unweighted=weight is None)
    finite = distance[np.isfinite(distance)]
    gap = (finite.max() if finite.size else 0.0) + 1.0
    distance[~np.isfinite(distance)] = gap
    return np.asarray(distance, dtype=float)


def stress(positions: ArrayLike, distance: ArrayLike) -> float:
    """Weighted stress ``Σ_{i<j} d_ij^−2 (‖x_i − x_j‖ − d_ij)²`` of ``positions`` against ``distance``.

    >>> stress([[0.0, 0.0], [1.0, 0.0]], [[0.0, 1.0], [1.0, 0.0]])
    0.0
    """
    x = np.asarray(positions, dtype=float)
    return _stress(_spans(x), np.asarray(distance, dtype=float))


def _spans(x: FloatArray) -> FloatArray:
    """Euclidean distances between all rows of ``x``."""
    squared = (x * x).sum(axis=1)
    gram = squared[:, None] + squared[None, :] - 2.0 * (x @ x.T)
    return np.asarray(np.sqrt(np.maximum(gram, 0.0)), dtype=float)


def _stress(span: FloatArray, distance: FloatArray) -> float:
    off = ~np.eye(len(distance), dtype=bool)
    return float(np.sum((span[off] - distance[off]) ** 2 / distance[off] ** 2) / 2.0)


def classical_mds(distance: FloatArray, dimensions: int = 2) -> FloatArray:
    """Torgerson's classical scaling: the top eigenvectors of ``B = −½ J D⁽²⁾ J`` scaled by √λ, with each
    axis's sign fixed so that its largest coordinate is positive (a deterministic orientation)."""
    n = len(distance)
    centring = np.eye(n) - 1.0 / n
    b = -0.5 * centring @ (distance**2) @ centring
    values, vectors = np.linalg.eigh(b)
    order = np.argsort(values)[::-1][:dimensions]
    coords = vectors[:, order] * np.sqrt(np.maximum(values[order], 1e-12))
    signs = np.sign(coords[np.argmax(np.abs(coords), axis=0), np.arange(dimensions)])
    return np.asarray(coords * np.where(signs == 0, 1.0, signs), dtype=float)


@dataclass(frozen=True)
class Layout:
    positions: FloatArray
    """(n, 2) positions scaled into the unit square (aspect kept), principal axis horizontal."""
    stress_history: tuple[float, ...]
    """Stress (in graph-distance units) at the start and after each iteration: never increasing."""


def stress_layout(distance: ArrayLike, *, iterations: int = 300, tolerance: float = 1e-5) -> Layout:
    """Stress-majorization layout of a graph given its distance matrix (see the module docstring).

    Stops when the relative decrease of stress falls below ``tolerance`` or after ``iterations`` steps.

    >>> lay = stress_layout(graph_distances([[0, 1, 0], [1, 0, 1], [0, 1, 0]]))  # a path: a straight line
    >>> round(lay.stress_history[-1], 6)
    0.0
    """
    d = np.asarray(distance, dtype=float)
    n = len(d)
    if n == 0:
        return Layout(np.zeros((0, 2)), (0.0,))
    if n == 1:
        return Layout(np.array([[0.5, 0.5]]), (0.0,))
    off = ~np.eye(n, dtype=bool)
    weights = np.zeros_like(d)
    weights[off] = 1.0 / d[off] ** 2
    laplacian = -weights
    np.fill_diagonal(laplacian, weights.sum(axis=1))
    inverse = np.linalg.pinv(laplacian)
    x = classical_mds(d)
    # Degenerate starts (e.g. a star, where MDS may put leaves on one point) get a tiny deterministic spread.
    x = x + 1e-3 * np.stack([np.cos(np.arange(n)), np.sin(np.arange(n))], axis=1)
    span = _spans(x)
    history = [_stress(span, d)]
    for _ in range(iterations):
        ratio = np.zeros_like(d)
        np.divide(weights * d, span, out=ratio, where=off & (span > 1e-12))
        lz = -ratio
        np.fill_diagonal(lz, ratio.sum(axis=1))
        x = inverse @ (lz @ x)
        span = _spans(x)
        history.append(_stress(span, d))
        if history[-2] - history[-1] <= tolerance * max(history[-2], 1e-12):
            break
    return Layout(_normalise(x), tuple(history))


def _normalise(x: FloatArray) -> FloatArray:
    """Rotate to principal axes (widest horizontal), fix signs, and scale into the unit square."""
    centred = x - x.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    rotated = centred @ axes.T
    signs = np.sign(rotated[np.argmax(np.abs(rotated), axis=0), np.arange(2)])
    rotated = rotated * np.where(signs == 0, 1.0, signs)
    low, high = rotated.min(axis=0), rotated.max(axis=0)
    extent = float(max((high - low).max(), 1e-12))
    return np.asarray((rotated - low) / extent, dtype=float)
