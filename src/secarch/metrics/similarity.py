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
    "signorino_ritter_s_variants",
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
        # Counts of shared agreements: exact in float32 below 2**24 agreements.
        rows = membership[levels == value].astype(np.float32 if membership.shape[0] < 2**24 else float)
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
    pair of rows, built for all pairs from one matrix product; otherwise from the sign vectors of the
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
    columns above in i and below in j), :math:`P - Q = \\sum_{a,b} T_{ab} \\odot W_{ab}`. Both come from
    one product, the Gram matrix of the threshold indicators :math:`A_s = [x > s]` (s = 0 … L − 2),
    :math:`K_{st} = A_s A_t^\\top`: with :math:`E_a = A_{a-1} - A_a` (:math:`A_{-1} = 1`,
    :math:`A_{L-1} = 0`), :math:`T_{ab} = K_{a-1,b-1} - K_{a-1,b} - K_{a,b-1} + K_{ab}`, and as
    :math:`\\mathrm{sign}(x - b) = A_b + A_{b-1} - 1` for integer codes,
    :math:`W_{ab} = K_{ab} + K_{a,b-1} - (A_a \\mathbf 1)\\mathbf 1^\\top`; :math:`W_{L-1,b} = 0`.
    """
    n, k = codes.shape
    m = levels - 1
    # Counts up to k are exact in float32 (k < 2²⁴), which halves the cost of the product.
    dtype = np.float32 if k < 2**24 else np.float64
    above: NDArray[np.floating[Any]] = (codes[None] > np.arange(m)[:, None, None]).astype(dtype)
    above = above.reshape(m * n, k)
    row_sum: NDArray[np.float64] = above.sum(axis=1, dtype=np.float64).reshape(m, n)
    gram: NDArray[np.float64] = np.asarray(above @ above.T, dtype=np.float64)

    def block(s: int, t: int) -> NDArray[np.float64] | float:
        """K_st, with the boundary cases A_{-1} = 1 and A_{L-1} = 0."""
        result: NDArray[np.float64]
        if s == m or t == m:
            return 0.0
        if s < 0 and t < 0:
            return float(k)
        if s < 0:
            result = row_sum[t][None, :]
        elif t < 0:
            result = row_sum[s][:, None]
        else:
            result = gram[s * n : (s + 1) * n, t * n : (t + 1) * n]
        return result

    score = np.zeros((n, n))
    # A loop over the (L − 1) × L pairs of levels, each step over all dyads at once.
    for a in range(m):
        for b in range(levels):
            table = block(a - 1, b - 1) - block(a - 1, b) - block(a, b - 1) + block(a, b)
            balance = block(a, b) + block(a, b - 1) - row_sum[a][:, None]
            score += table * balance
    return score


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
    variants = signorino_ritter_s_variants(portfolio, weights, max_distance, relevant=relevant, both=False)
    (only,) = variants.values()
    return only


def signorino_ritter_s_variants(
    portfolio: ArrayLike,
    weights: ArrayLike | None = None,
    max_distance: float | ArrayLike | None = None,
    *,
    relevant: ArrayLike | None = None,
    both: bool = True,
) -> dict[str, NDArray[np.float64]]:
    """Signorino and Ritter's S of every pair of states, in each variant the arguments allow, from one set
    of products: ``unweighted``; ``weighted`` (with ``weights``); ``regional`` (with ``relevant``);
    ``weighted_regional`` (with both).

    .. math:: S_{ij} = 1 - 2\\,
              \\frac{\\sum_k m_{ijk} w_k\\,|x_{ik} - x_{jk}| / \\Delta_k}{\\sum_k m_{ijk} w_k}

    with :math:`w_k = 1` (unweighted) or the given weights, and :math:`m_{ijk} = 1` (global) or
    :math:`[\\mathrm{relevant}_{ik} \\lor \\mathrm{relevant}_{jk}]` (regional); Signorino & Ritter (1999),
    "Tau-b or not tau-b: measuring the similarity of foreign policy positions", *International Studies
    Quarterly* 43(1): 115–144. Each variant equals :func:`signorino_ritter_s` with the same arguments; the
    threshold indicators and the products are shared between them (the weight vectors side by side, and
    the regional distances as the global ones less the columns relevant to neither state).

    With ``both=False`` only the most specific variant is computed (weighted if ``weights`` is given,
    regional if ``relevant`` is).

    Examples
    --------
    >>> s = signorino_ritter_s_variants([[3, 3, 2, 2], [2, 2, 3, 3]], [0.5, 0.3, 0.1, 0.1], 3)
    >>> {name: round(float(value[0, 1]), 6) for name, value in s.items()}
    {'unweighted': 0.333333, 'weighted': 0.333333}
    """
    x = as_matrix(portfolio, "portfolio")
    n, k = x.shape
    delta = _max_distance(x, max_distance, k)
    column_weights: dict[str, NDArray[np.float64]] = {}
    if weights is None or both:
        column_weights["unweighted"] = np.ones(k)
    if weights is not None:
        column_weights["weighted"] = nonnegative(as_vector(weights, "weights", k), "weights")
    names, w = list(column_weights), np.stack(list(column_weights.values()))
    region = None if relevant is None else as_matrix(relevant, "relevant", dtype=bool)
    if region is not None and region.shape != (n, k):
        raise InputError.single(
            f"relevant has shape {region.shape}", field="relevant", expected=f"{(n, k)} (like portfolio)"
        )
    scaled = w / delta  # per-column weight of one unit of distance
    values, _ = _distinct_levels(x)
    if values.size - 1 <= _MAX_LEVELS_FOR_THRESHOLDS:
        global_distance, regional_distance = _weighted_l1_by_thresholds(x, values, scaled, region)
    else:
        global_distance = _weighted_l1_by_broadcast(x, scaled, None)
        regional_distance = None if region is None else _weighted_l1_by_broadcast(x, scaled, region)
    result: dict[str, NDArray[np.float64]] = {}
    if region is None or both:
        for name, weight, distance in zip(names, w, global_distance, strict=True):
            result[name] = _s_from_distance(distance, np.full((n, n), weight.sum()))
    if region is not None and regional_distance is not None:
        # Σ_k (r_ik ∨ r_jk) w_k = Σ_k w_k − Σ_k (1 − r_ik)(1 − r_jk) w_k.
        outside = (~region).astype(float)
        total = w.sum(axis=1)[:, None, None] - ((outside[None] * w[:, None, :]) @ outside.T)
        for name, weight_total, distance in zip(names, total, regional_distance, strict=True):
            result["regional" if name == "unweighted" else "weighted_regional"] = _s_from_distance(
                distance, weight_total
            )
    return result


def _s_from_distance(distance: NDArray[np.float64], total: NDArray[np.float64]) -> NDArray[np.float64]:
    """S = 1 − 2 distance / total weight; NaN where the total weight is 0; 1 on the diagonal."""
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
) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
    """Σ_k m_ijk s_k |x_ik − x_jk| for all pairs and each row s of ``scaled`` (w, k), via threshold
    indicators: globally (m = 1) and, with ``region``, regionally (m_ijk = r_ik ∨ r_jk); each (w, n, n).

    With :math:`u_{ikt} = [x_{ik} > v_t]` and gaps :math:`g_t = v_{t+1} - v_t`,
    :math:`|x_{ik} - x_{jk}| = \\sum_t g_t |u_{ikt} - u_{jkt}|` and
    :math:`|u_i - u_j| = u_i + u_j - 2 u_i u_j`, so the global sum is
    :math:`\\ell_i + \\ell_j - 2 (L U^\\top)_{ij}` with :math:`L_{i,kt} = s_k g_t u_{ikt}`,
    :math:`U_{i,kt} = u_{ikt}` and :math:`\\ell = L \\mathbf 1`: one product for all weight vectors at
    once (stacked in L). The regional sum leaves out the columns relevant to neither state,
    :math:`m_{ijk} = 1 - o_{ik} o_{jk}` with :math:`o = 1 - r`, whose sum is :math:`A + A^\\top - 2 B` with
    :math:`A = (o \\odot \\lambda) o^\\top` (:math:`\\lambda_{ik} = \\sum_t s_k g_t u_{ikt}`) and
    :math:`B = (o \\odot L)(o \\odot U)^\\top` (o repeated over the thresholds): two more products.
    """
    n, k = x.shape
    w = scaled.shape[0]
    gaps = np.diff(values)
    if gaps.size == 0:
        return np.zeros((w, n, n)), None if region is None else np.zeros((w, n, n))
    t = gaps.size
    u = (x[:, :, None] > values[None, None, :-1]).astype(float)  # (n, k, t)
    left = u[None] * (scaled[:, :, None] * gaps[None, None, :])[:, None]  # (w, n, k, t)
    per_column = (u @ gaps)[None] * scaled[:, None, :]  # λ: (w, n, k)
    linear = per_column.sum(axis=2)  # (w, n)
    product = (left.reshape(w * n, k * t) @ u.reshape(n, k * t).T).reshape(w, n, n)
    global_distance = linear[:, :, None] + linear[:, None, :] - 2.0 * product
    # The product is exact up to rounding, which can leave a tiny asymmetry; average it away.
    global_distance = (global_distance + global_distance.transpose(0, 2, 1)) / 2.0
    if region is None:
        return global_distance, None
    outside = (~region).astype(float)
    a = ((per_column * outside[None]).reshape(w * n, k) @ outside.T).reshape(w, n, n)
    outside_left = (left * outside[None, :, :, None]).reshape(w * n, k * t)
    outside_right = (u * outside[:, :, None]).reshape(n, k * t)
    b = (outside_left @ outside_right.T).reshape(w, n, n)
    regional_distance = global_distance - (a + a.transpose(0, 2, 1)) + (b + b.transpose(0, 2, 1))
    return global_distance, regional_distance


def _weighted_l1_by_broadcast(
    x: NDArray[np.float64], scaled: NDArray[np.float64], region: NDArray[np.bool_] | None
) -> NDArray[np.float64]:
    """The same sum (global, or regional with ``region``) for continuous values, in row blocks so memory
    stays near 4 million entries per weight vector."""
    n, k = x.shape
    distance = np.zeros((scaled.shape[0], n, n))
    block = max(1, 4_000_000 // max(1, n * k))
    for start in range(0, n, block):
        rows = slice(start, min(n, start + block))
        diff = np.abs(x[rows, None, :] - x[None, :, :])
        if region is not None:
            diff = diff * (region[rows, None, :] | region[None, :, :])
        distance[:, rows] = np.tensordot(scaled, diff, axes=([1], [2]))
    return distance
