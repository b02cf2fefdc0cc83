"""Overlap of organisations: how far two organisations have the same members.

Jaccard, P. (1912), "The distribution of the flora in the alpine zone", *New Phytologist* 11(2): 37–50;
for graded membership the weighted (Ružička) form, Σ min / Σ max (Ružička, M. (1958), "Anwendung
mathematisch-statistischer Methoden in der Geobotanik", *Biológia* 13: 647–661).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from secarch.metrics._arrays import as_matrix, nonnegative

__all__ = ["mean_overlap", "organisation_overlap"]


def organisation_overlap(membership: ArrayLike) -> NDArray[np.float64]:
    """Weighted Jaccard overlap of every pair of organisations (columns of a state × organisation matrix).

    .. math:: J_{ab} = \\frac{\\sum_i \\min(m_{ia}, m_{ib})}{\\sum_i \\max(m_{ia}, m_{ib})}

    which is :math:`|A \\cap B| / |A \\cup B|` for 0/1 membership. NaN for two organisations without members.

    Examples
    --------
    >>> organisation_overlap([[1, 1], [1, 0], [0, 1]]).round(3).tolist()
    [[1.0, 0.333], [0.333, 1.0]]
    """
    m = nonnegative(as_matrix(membership, "membership"), "membership")
    if np.isin(m, (0.0, 1.0)).all():
        # 0/1 membership: intersections by one product, unions by inclusion–exclusion.
        inter = m.T @ m
        size = m.sum(axis=0)
        union = size[:, None] + size[None, :] - inter
    else:
        # min(x, y) = (x + y − |x − y|)/2 and max(x, y) = (x + y + |x − y|)/2, summed over states.
        total = m.sum(axis=0)
        spread = np.abs(m.T[:, None, :] - m.T[None, :, :]).sum(axis=2)
        inter = (total[:, None] + total[None, :] - spread) / 2
        union = (total[:, None] + total[None, :] + spread) / 2
    with np.errstate(invalid="ignore", divide="ignore"):
        result: NDArray[np.float64] = np.where(union > 0, inter / np.where(union > 0, union, 1.0), np.nan)
    return result


def mean_overlap(membership: ArrayLike) -> float:
    """Mean overlap over the distinct pairs of organisations that have members (NaN if fewer than two).

    Examples
    --------
    >>> round(mean_overlap([[1, 1, 0], [1, 0, 0], [0, 1, 1]]), 4)
    0.2778
    """
    j = organisation_overlap(membership)
    upper = j[np.triu_indices(j.shape[0], 1)]
    upper = upper[~np.isnan(upper)]
    return float(upper.mean()) if upper.size else float("nan")
