"""The baseline: a Nash-bargaining / weighted-mean solution per issue.

Weighted mean (default): ``x*_k = Σ_i c_i s_ik x_ik / Σ_i c_i s_ik`` — the position that maximises the
capability × salience weighted sum of quadratic utilities ``−(x − x_i)²``, the classic "compromise model"
baseline of the EU decision-making literature (Achen 2006, in Thomson et al. (eds.), *The European Union
Decides*, Cambridge UP).

Nash product (option): the asymmetric Nash bargaining solution (Nash 1950; Kalai 1977) with KTAB's
risk-neutral utilities ``u_i(x) = 1 − d_i(x)`` (salience-weighted distance on the unit scale) and the
disagreement utility 0: ``x* = argmax Σ_i c_i log u_i(x)`` over the issue space.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from secarch.negotiation.result import NegotiationResult
from secarch.negotiation.spec import NegotiationSpec

FloatArray = npt.NDArray[np.float64]


class NBSMethod(StrEnum):
    WEIGHTED_MEAN = "weighted-mean"
    NASH_PRODUCT = "nash-product"


@dataclass(frozen=True)
class NBSOptions:
    """``method``: ``weighted-mean`` (default) or ``nash-product``."""

    method: NBSMethod = NBSMethod.WEIGHTED_MEAN

    def __post_init__(self) -> None:
        if not isinstance(self.method, NBSMethod):
            object.__setattr__(self, "method", NBSMethod(self.method))

    def as_dict(self) -> dict[str, Any]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self)}


def weighted_mean_solution(position: FloatArray, salience: FloatArray, capability: FloatArray) -> FloatArray:
    """``x*_k = Σ_i c_i s_ik x_ik / Σ_i c_i s_ik`` for every issue k; an issue nobody cares about keeps the
    capability-weighted mean.

    >>> weighted_mean_solution(np.array([[0.0], [10.0]]), np.array([[1.0], [0.5]]), np.array([1.0, 2.0]))
    array([5.])
    """
    w = capability[:, None] * salience
    total = w.sum(axis=0)
    plain = (capability[:, None] * position).sum(axis=0) / capability.sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (w * position).sum(axis=0) / total
    return np.asarray(np.where(total > 0, mean, plain))


def nash_product_solution(
    unit_position: FloatArray, salience: FloatArray, capability: FloatArray
) -> FloatArray:
    """``argmax_x Σ_i c_i log(1 − d_i(x))`` on the unit cube, from the weighted mean (scipy L-BFGS-B).

    One issue, two actors at a < b with weights w_a, w_b: ``x* = (w_b (1 + a) − w_a (1 − b)) / (w_a + w_b)``
    when that lies between a and b.

    >>> x = nash_product_solution(np.array([[0.2], [0.8]]), np.ones((2, 1)), np.array([1.0, 1.2]))
    >>> round(float(x[0]), 4), round((1.2 * 1.2 - 1.0 * 0.2) / 2.2, 4)
    (0.5636, 0.5636)
    """
    from scipy.optimize import minimize

    s2 = salience * salience
    norm = s2.sum(axis=1)

    def objective(x: FloatArray) -> float:
        d = np.sqrt((s2 * (unit_position - x) ** 2).sum(axis=1) / norm)
        u = np.maximum(1.0 - d, 1e-12)
        return float(-(capability * np.log(u)).sum())

    start = weighted_mean_solution(unit_position, salience, capability)
    best = minimize(objective, start, method="L-BFGS-B", bounds=[(0.0, 1.0)] * start.size, tol=1e-12)
    # the objective has kinks at actors' ideals: polish from the best ideal too and keep the better point
    ideals = [
        minimize(objective, p, method="L-BFGS-B", bounds=[(0.0, 1.0)] * start.size, tol=1e-12)
        for p in unit_position
    ]
    candidates = [best, *ideals]
    winner = min(candidates, key=lambda r: float(r.fun))
    return np.asarray(np.clip(winner.x, 0.0, 1.0))


def solve_nbs(spec: NegotiationSpec, options: NBSOptions | None = None) -> NegotiationResult:
    """The baseline solution of a negotiation as a :class:`NegotiationResult` (no trajectory: one step 0)."""
    opts = options or NBSOptions()
    if opts.method is NBSMethod.WEIGHTED_MEAN:
        outcome = weighted_mean_solution(spec.position, spec.salience, spec.capability)
    else:
        outcome = spec.from_unit(nash_product_solution(spec.unit_position(), spec.salience, spec.capability))
    n, d = spec.n_actors, spec.n_issues
    return NegotiationResult(
        model="nbs",
        spec=spec,
        trajectory=np.array(spec.position)[None, :, :],
        outcome=np.asarray(outcome, dtype=np.float64),
        toward=np.empty((0, n, d), dtype=np.int64),
        converged=True,
        options=opts.as_dict(),
    )
