"""Alliance-portfolio similarity of every pair of states at once.

A state's *alliance portfolio* is the row of its alliance commitments with every state of the system,
coded ordinally (the usual coding: 3 defence pact, 2 neutrality or non-aggression pact, 1 entente or
consultation pact, 0 none; a state is coded as allied with itself at the top level). Two states whose
portfolios look alike are read as having similar foreign-policy positions.

- Kendall's tau-b (Bueno de Mesquita 1975, "Measuring systemic polarity", *Journal of Conflict
  Resolution* 19(2): 187–216; Kendall 1945, "The treatment of ties in ranking problems", *Biometrika*
  33(3): 239–251).
- Signorino and Ritter's S (Signorino & Ritter 1999, "Tau-b or not tau-b: measuring the similarity of
  foreign policy positions", *International Studies Quarterly* 43(1): 115–144), unweighted or weighted
  (capability-weighted when the weights are the capability shares of the column states), global or
  regional.

Both are computed for all dyads with a few matrix products; no Python loop runs over dyads.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from secarch.errors import InputError
from secarch.metrics._arrays import as_matrix, as_vector, nonnegative

__all__ = [
    "alliance_levels",
    "kendall_tau_b",
    "regional_relevance",
    "signorino_ritter_s",
]

# Above this many distinct values, the level-based algorithms below cost more than the generic ones.
_MAX_LEVELS_FOR_THRESHOLDS = 32


def alliance_levels(parties: ArrayLike, level: ArrayLike, *, self_level: float | None = None) -> NDArray[Any]:
    """The state × state matrix of the strongest alliance tie between each pair of states.

    .. math:: L_{ij} = \\max\\{\\ell_a : i \\text{ and } j \\text{ are both parties to agreement } a\\}

    and 0 where no agreement joins them. The diagonal is ``self_level`` (default: the largest level
    present), because a state is coded as allied with itself at the top level (Bueno de Mesquita 1975).

    Parameters
    ----------
    parties : (a, n) array
        Agreement × state; entry > 0 when the state is a party to the agreement.
    level : (a,) array
        The ordinal level of each agreement (e.g. 3 defence, 2 neutrality/non-aggression, 1 entente).
    self_level : float, optional
        The level on the diagonal.

    Returns
    -------
    (n, n) array of float

    Examples
    --------
    >>> alliance_levels([[1, 1, 0], [0, 1, 1]], [3, 1]).tolist()
    [[3.0, 3.0, 0.0], [3.0, 3.0, 1.0], [0.0, 1.0, 3.0]]
    """
    membership = as_matrix(parties, "parties") > 0
    levels = as_vector(level, "level", membership.shape[0])
    n = membership.shape[1]
    result = np.zeros((n, n))
    # One co-membership product per distinct level (few), taking the maximum level that joins each pair.
    for value in np.unique(levels):
        if value <= 0:
            continue
        rows = membership[levels == value].astype(float)
        joined = (rows.T @ rows) > 0
        result = np.where(joined, np.maximum(result, value), result)
    top = (float(levels.max()) if levels.size else 0.0) if self_level is None else float(self_level)
    np.fill_diagonal(result, top)
    return result


def kendall_tau_b(portfolio: ArrayLike) -> NDArray[np.float64]:
    """Kendall's tau-b between the portfolios (rows) of every pair of states.

    For rows *x* and *y* over the same *k* columns,

    .. math:: \\tau_b = \\frac{P - Q}{\\sqrt{(n_0 - n_1)(n_0 - n_2)}}

    where *P* and *Q* count the concordant and discordant pairs of columns, :math:`n_0 = k(k-1)/2`, and
    :math:`n_1`, :math:`n_2` count the pairs of columns tied in *x* and in *y* (Kendall 1945). Bueno de
    Mesquita (1975) applied it to alliance portfolios.

    With few distinct values (ordinal portfolios), *P* and *Q* are read off the contingency table of every
    pair of rows, built for all pairs with one matrix product; otherwise from the sign vectors of the
    rows, whose inner product is *P − Q*.

    Parameters
    ----------
    portfolio : (n, k) array
        One row per state.

    Returns
    -------
    (n, n) array
        Symmetric; NaN where a row is constant (tau-b is undefined there, as in ``scipy.stats.kendalltau``).

    Examples
    --------
    >>> kendall_tau_b([[3, 3, 2, 2], [2, 2, 3, 3], [3, 2, 1, 0]]).round(3).tolist()
    [[1.0, -1.0, 0.816], [-1.0, 1.0, -0.816], [0.816, -0.816, 1.0]]
    """
    x = as_matrix(portfolio, "portfolio")
    k = x.shape[1]
    if k < 2:
        raise InputError.single(
            f"portfolio has {k} column(s)", field="portfolio", expected="at least 2 columns to rank"
        )
    values, codes = _distinct_levels(x)
    levels = values.size
    if 2 * levels * levels <= k and levels <= _MAX_LEVELS_FOR_THRESHOLDS:
        score = _concordance_from_contingency(codes, levels)
    else:
        score = _concordance_from_signs(x)
    # Pairs of columns not tied in each row: n0 - n1.
    counts = np.stack([(codes == level).sum(axis=1) for level in range(levels)], axis=1)
    untied = k * (k - 1) / 2 - (counts * (counts - 1) / 2).sum(axis=1)
    denominator = np.sqrt(np.outer(untied, untied))
    with np.errstate(invalid="ignore", divide="ignore"):
        tau = np.where(denominator > 0, score / np.where(denominator > 0, denominator, 1.0), np.nan)
    # Rounding in the products can push |tau| a hair above 1.
    return np.clip(tau, -1.0, 1.0)


def _distinct_levels(x: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Sorted distinct values of ``x`` and each entry's index among them (``np.unique`` with
    ``return_inverse``), without sorting the whole array when the values are small integers, as ordinal
    portfolios are."""
    if x.size and np.all(x == np.round(x)):
        low, high = float(x.min()), float(x.max())
        if high - low <= 4096:
            offset = (x - low).astype(np.intp)
            present = np.bincount(offset.ravel(), minlength=int(high - low) + 1) > 0
            position = np.cumsum(present) - 1
            distinct: NDArray[np.float64] = (np.flatnonzero(present) + low).astype(float)
            index: NDArray[np.intp] = position[offset]
            return distinct, index
    values, codes = np.unique(x, return_inverse=True)
    return values, codes.reshape(x.shape)


def _concordance_from_contingency(codes: NDArray[np.intp], levels: int) -> NDArray[np.float64]:
    """P − Q for every pair of rows of an integer-coded matrix with ``levels`` distinct codes.

    With :math:`T_{ab}[i, j]` the number of columns where row i has code a and row j code b, and
    :math:`W_{ab}[i, j] = \\sum_q [x_{iq} > a]\\,\\mathrm{sign}(x_{jq} - b)` (columns above in both rows minus
    columns above in i and below in j), :math:`P - Q = \\sum_{a,b} T_{ab} \\odot W_{ab}`: two products.
    """
    n, k = codes.shape
    # Counts up to k² are exact in float32 while k² < 2²⁴; float32 halves the cost of the products.
    dtype = np.float32 if k < 4096 else np.float64
    level = np.arange(levels)[:, None, None]
    onehot = (codes[None] == level).astype(dtype).reshape(levels * n, k)
    above = (codes[None] > level).astype(dtype).reshape(levels * n, k)
    direction = np.sign(codes[None] - level).astype(dtype).reshape(levels * n, k)
    table = onehot @ onehot.T
    balance = above @ direction.T
    result: NDArray[np.float64] = (
        (table * balance).reshape(levels, n, levels, n).sum(axis=(0, 2), dtype=np.float64)
    )
    return result


def _concordance_from_signs(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """P − Q for every pair of rows as the inner product of the rows' pairwise sign vectors."""
    k = x.shape[1]
    first, second = np.triu_indices(k, 1)
    signs = np.sign(x[:, first] - x[:, second])
    result: NDArray[np.float64] = signs @ signs.T
    return result


def regional_relevance(
    row_region: ArrayLike, column_region: ArrayLike, *, global_rows: ArrayLike | None = None
) -> NDArray[np.bool_]:
    """Which columns are relevant to each row for *regional* similarity.

    .. math:: R_{ik} = [\\mathrm{region}(k) = \\mathrm{region}(i)] \\lor g_i

    where :math:`g_i` marks states whose relevant region is the whole system (e.g. major powers, as in
    the EUGene convention for regional S). Pass ``R`` as ``relevant`` to :func:`signorino_ritter_s`: a dyad
    (i, j) then counts the columns relevant to i or to j.

    Examples
    --------
    >>> regional_relevance([0, 1], [0, 0, 1]).tolist()
    [[True, True, False], [False, False, True]]
    """
    rows = np.asarray(row_region)
    columns = np.asarray(column_region)
    if rows.ndim != 1 or columns.ndim != 1:
        raise InputError.single(
            "row_region and column_region must be 1-D", field="row_region", expected="one label per state"
        )
    relevant: NDArray[np.bool_] = rows[:, None] == columns[None, :]
    if global_rows is not None:
        everywhere = np.asarray(global_rows, dtype=bool)
        if everywhere.shape != rows.shape:
            raise InputError.single(
                f"global_rows has shape {everywhere.shape}", field="global_rows", expected=f"{rows.shape}"
            )
        relevant |= everywhere[:, None]
    return relevant


def signorino_ritter_s(
    portfolio: ArrayLike,
    weights: ArrayLike | None = None,
    max_distance: float | ArrayLike | None = None,
    *,
    relevant: ArrayLike | None = None,
) -> NDArray[np.float64]:
    """Signorino and Ritter's S between the portfolios (rows) of every pair of states.

    .. math:: S_{ij} = 1 - 2\\,\\frac{\\sum_k w_k\\,|x_{ik} - x_{jk}| / \\Delta_k}{\\sum_k w_k}

    with :math:`\\Delta_k` the largest possible distance on column *k* (3 for the 0–3 alliance scale) and
    :math:`w_k` the weight of column *k* (Signorino & Ritter 1999). S is 1 for identical portfolios and −1
    for portfolios at opposite ends of the scale on every column. Weighting by the capability shares of
    the column states gives the capability-weighted S.

    *Regional* S (``relevant`` given) sums, for dyad (i, j), only over the columns *k* with
    ``relevant[i, k] or relevant[j, k]`` (see :func:`regional_relevance`).

    The distances are computed exactly with one threshold indicator per distinct value,
    :math:`|x - y| = \\sum_t (v_{t+1} - v_t)\\,|[x > v_t] - [y > v_t]|`, so each threshold costs a few
    (n × k) · (k × n) products instead of an (n × n × k) array.

    Parameters
    ----------
    portfolio : (n, k) array
        One row per state.
    weights : (k,) array, optional
        Non-negative column weights; equal weights when omitted.
    max_distance : float or (k,) array, optional
        :math:`\\Delta`; by default the range of the values in ``portfolio`` (pass the scale's range, e.g.
        3, when not every level occurs).
    relevant : (n, k) bool array, optional
        Regional S, as above.

    Returns
    -------
    (n, n) array
        Symmetric with ones on the diagonal; NaN for a dyad whose relevant columns all have weight 0.

    Examples
    --------
    Signorino and Ritter's worked example: portfolios 3 3 2 2 and 2 2 3 3, weights .5 .3 .1 .1, Δ = 3:
    the weighted distance is 1, divided by Δ gives 1/3, so S = 1 − 2/3.

    >>> s = signorino_ritter_s([[3, 3, 2, 2], [2, 2, 3, 3]], [0.5, 0.3, 0.1, 0.1], 3)
    >>> round(float(s[0, 1]), 6)
    0.333333
    """
    x = as_matrix(portfolio, "portfolio")
    n, k = x.shape
    w = np.ones(k) if weights is None else nonnegative(as_vector(weights, "weights", k), "weights")
    delta = _max_distance(x, max_distance, k)
    scaled = w / delta  # per-column weight of one unit of distance
    region = None if relevant is None else as_matrix(relevant, "relevant", dtype=bool)
    if region is not None and region.shape != (n, k):
        raise InputError.single(
            f"relevant has shape {region.shape}", field="relevant", expected=f"{(n, k)} (like portfolio)"
        )
    values, _ = _distinct_levels(x)
    if values.size - 1 <= _MAX_LEVELS_FOR_THRESHOLDS:
        distance = _weighted_l1_by_thresholds(x, values, scaled, region)
    else:
        distance = _weighted_l1_by_broadcast(x, scaled, region)
    if region is None:
        total = np.full((n, n), w.sum())
    else:
        r = region.astype(float)
        rw = r @ w
        total = rw[:, None] + rw[None, :] - (r * w) @ r.T
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.where(total > 0, 1.0 - 2.0 * distance / np.where(total > 0, total, 1.0), np.nan)
    np.fill_diagonal(s, np.where(np.diag(total) > 0, 1.0, np.nan))
    return np.clip(s, -1.0, 1.0)


def _max_distance(x: NDArray[np.float64], max_distance: float | ArrayLike | None, k: int) -> NDArray[Any]:
    if max_distance is None:
        span = float(x.max() - x.min()) if x.size else 0.0
        delta = np.full(k, span if span > 0 else 1.0)
    else:
        given = np.asarray(max_distance, dtype=float)
        delta = np.full(k, float(given)) if given.ndim == 0 else as_vector(given, "max_distance", k)
    if np.any(delta <= 0):
        raise InputError.single(
            "max_distance must be positive", field="max_distance", expected="Δ > 0 (e.g. 3 for a 0–3 scale)"
        )
    observed = np.ptp(x, axis=0) if x.size else np.zeros(k)
    if np.any(observed > delta * (1 + 1e-12)):
        raise InputError.single(
            f"portfolio values differ by up to {float(observed.max()):g}, more than max_distance",
            field="max_distance",
            expected="the largest possible distance on the scale",
        )
    return delta


def _weighted_l1_by_thresholds(
    x: NDArray[np.float64],
    values: NDArray[np.float64],
    scaled: NDArray[np.float64],
    region: NDArray[np.bool_] | None,
) -> NDArray[np.float64]:
    """Σ_k m_ijk s_k |x_ik − x_jk| for all pairs via threshold indicators (m = dyad mask, s = scaled).

    The row-i and row-j factors of every threshold are laid side by side, so the whole sum is one product.
    """
    n = x.shape[0]
    gaps = np.diff(values)
    if gaps.size == 0:
        return np.zeros((n, n))
    u = (x[None, :, :] > values[:-1, None, None]).astype(float)  # (t, n, k)
    weight = gaps[:, None, None] * scaled[None, None, :]
    if region is None:
        # |u_i − u_j| = u_i + u_j − 2 u_i u_j.
        linear = (u * weight).sum(axis=(0, 2))
        left = (u * weight).transpose(1, 0, 2).reshape(n, -1)
        right = u.transpose(1, 0, 2).reshape(n, -1)
        distance = linear[:, None] + linear[None, :] - 2.0 * (left @ right.T)
    else:
        # Mask (r_i ∨ r_j) = r_i + r_j − r_i r_j times |u_i − u_j| = u_i + u_j − 2 u_i u_j, expanded into
        # products of a row-i factor and a row-j factor (the algebra is in docs/metrics.md).
        r = region.astype(float)[None, :, :]
        ru = r * u
        left = np.concatenate([ru * weight, np.broadcast_to(r * weight, u.shape), u * weight], axis=2)
        right = np.concatenate([(1 - r) * (1 - 2 * u), u * (1 - r), r * (1 - 2 * u)], axis=2)
        product = left.transpose(1, 0, 2).reshape(n, -1) @ right.transpose(1, 0, 2).reshape(n, -1).T
        distance = product + (ru * weight).sum(axis=(0, 2))[None, :]
    # The expansion is exact but not term-wise symmetric; average away rounding asymmetry.
    result: NDArray[np.float64] = (distance + distance.T) / 2.0
    return result


def _weighted_l1_by_broadcast(
    x: NDArray[np.float64], scaled: NDArray[np.float64], region: NDArray[np.bool_] | None
) -> NDArray[np.float64]:
    """The same sum for continuous values, in row blocks so memory stays near 4 million entries."""
    n, k = x.shape
    distance = np.zeros((n, n))
    block = max(1, 4_000_000 // max(1, n * k))
    for start in range(0, n, block):
        rows = slice(start, min(n, start + block))
        diff = np.abs(x[rows, None, :] - x[None, :, :]) * scaled
        if region is not None:
            diff = diff * (region[rows, None, :] | region[None, :, :])
        distance[rows] = diff.sum(axis=2)
    return distance
