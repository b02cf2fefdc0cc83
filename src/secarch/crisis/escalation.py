"""Escalation of a dispute to war: deterrence, mediation and power parity.

A dispute in which c challenges t becomes a war with probability

    P(war | c → t) = expit(β₀ + β_D ln(1 + D_ct) + β_P |ln(s_c / s_t)| + β_M M_ct),

* D_ct = Σ_{k ≠ c, t} q_kt P_kt / P_ct: the target's credible defenders' projected capability relative to the
  challenger's (extended deterrence: Huth & Russett 1984, "What makes deterrence work?", *World Politics*
  36(4)); q_kt = credibility × reliability is the probability that k comes to t's defence and P_kt = k's
  capability projected to t with Bueno de Mesquita's (1981) loss-of-strength gradient;
* |ln(s_c / s_t)| is 0 at parity of capability shares and grows with preponderance (parity makes war more
  likely: Organski & Kugler 1980, *The War Ledger*; Bremer 1992, "Dangerous dyads", *JCR* 36(2));
* M_ct = 1 when c and t are both members of an organisation with a conflict-settlement mechanism (other
  than a universal one, whose mechanism applies to every pair and is part of the baseline).

The coefficients are maximum-likelihood estimates on the GML MID data 1816–2010
(:mod:`secarch.crisis.calibration`). Which side challenges is not known from the non-directed hazard model,
so each side is the challenger with probability ½ (:func:`escalation_probabilities`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from secarch.crisis.params import CrisisParams
from secarch.crisis.world import CrisisWorld, pair_index

FloatArray = npt.NDArray[np.float64]

TINY_CAPABILITY = 1e-12
"""Floor on projected capabilities, so that a state with a negligible share still has a finite ratio."""


def defence_probability(guarantee: npt.ArrayLike, reliability: float, active: npt.ArrayLike) -> FloatArray:
    """q[k, s] = credibility[k, s] × reliability for active k and s (zero diagonal): the probability that k
    comes to the defence of s when s is attacked.

    >>> defence_probability([[0.0, 0.5], [1.0, 0.0]], 0.4, [True, True]).tolist()
    [[0.0, 0.2], [0.4, 0.0]]
    """
    g = np.asarray(guarantee, dtype=float)
    on = np.asarray(active, dtype=bool)
    q = g * float(reliability) * (on[:, None] & on[None, :])
    np.fill_diagonal(q, 0.0)
    return np.asarray(q, dtype=float)


def deterrence_ratio(defence: npt.ArrayLike, projection: npt.ArrayLike) -> FloatArray:
    """D[c, t] = Σ_{k ≠ c, t} q[k, t] P[k, t] / P[c, t]: the target's expected defenders' capability at t
    relative to the challenger's capability at t.

    >>> q = np.array([[0, 0, 0], [0, 0, 0], [0, 0.5, 0]])      # state 2 defends state 1 with q = 0.5
    >>> P = np.array([[0.2, 0.1, 0.1], [0.1, 0.2, 0.1], [0.3, 0.4, 0.5]])
    >>> round(float(deterrence_ratio(q, P)[0, 1]), 6)           # 0.5 × 0.4 / 0.1
    2.0
    """
    q = np.asarray(defence, dtype=float)
    p = np.maximum(np.asarray(projection, dtype=float), TINY_CAPABILITY)
    support = np.sum(q * p, axis=0)  # expected defenders' capability at each potential target t
    # the challenger never defends its own target: remove its term from the sum
    return np.asarray(np.maximum(support[None, :] - q * p, 0.0) / p)


def parity_distance(shares: npt.ArrayLike) -> FloatArray:
    """|ln(s_c / s_t)|: 0 at parity, ln 3 ≈ 1.1 when one side has three times the other's capability.

    >>> round(float(parity_distance([0.3, 0.1])[0, 1]), 4)
    1.0986
    """
    log_s = np.log(np.asarray(shares, dtype=float))
    return np.asarray(np.abs(log_s[:, None] - log_s[None, :]))


def war_probability(
    params: CrisisParams, deterrence: npt.ArrayLike, parity: npt.ArrayLike, mediation: npt.ArrayLike
) -> FloatArray:
    """expit(β₀ + β_D ln(1 + D) + β_P |ln(s_c/s_t)| + β_M M), elementwise.

    >>> p = CrisisParams(escalation_intercept=0.0, deterrence=0.0, parity=0.0, mediation=0.0)
    >>> float(war_probability(p, 1.0, 0.0, False))
    0.5
    """
    eta = (
        params.escalation_intercept
        + params.deterrence * np.log1p(np.asarray(deterrence, dtype=float))
        + params.parity * np.asarray(parity, dtype=float)
        + params.mediation * np.asarray(mediation, dtype=float)
    )
    return np.asarray(1.0 / (1.0 + np.exp(-eta)))


def escalation_probabilities(world: CrisisWorld, params: CrisisParams) -> FloatArray:
    """(T, 2, D) probability of war given a dispute in dyad d = (i, j) in year t, with i the challenger
    ([t, 0, d]) or j the challenger ([t, 1, d]).

    >>> from secarch.crisis.world import OnsetModel
    >>> w = CrisisWorld(("A", "B"), (2000,), OnsetModel.fixed([[0.1]]), np.zeros((1, 2, 2)),
    ...     np.full((1, 2, 2), 0.5), np.full((1, 2), 0.5), np.zeros((1, 1), bool), np.ones((1, 2), bool))
    >>> p = CrisisParams(escalation_intercept=0.0, deterrence=-1.0, parity=-1.0, mediation=-1.0)
    >>> escalation_probabilities(w, p).tolist()
    [[[0.5], [0.5]]]
    """
    i, j = pair_index(world.n_states)
    out = np.empty((world.n_years, 2, world.n_dyads))
    for t in range(world.n_years):
        q = defence_probability(world.guarantee[t], params.reliability, world.active[t])
        ratio = deterrence_ratio(q, world.projection[t])
        parity = parity_distance(world.shares[t])[i, j]
        mediated = world.mediation[t]
        out[t, 0] = war_probability(params, ratio[i, j], parity, mediated)
        out[t, 1] = war_probability(params, ratio[j, i], parity, mediated)
    return out
