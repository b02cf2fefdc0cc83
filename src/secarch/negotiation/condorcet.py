"""Voting, coalitions and probabilistic Condorcet elections, as used by KTAB's models.

Reference: B. Wise, KAPSARC Toolkit for Behavioral Analysis (KTAB), ``KTAB/kmodel/libsrc/kmodel.cpp``
(``Model::vote``, ``Model::coalitions``, ``Model::vProb``, ``Model::condPCE``, ``Model::markovUniformPCE``,
``Model::markovIncentivePCE``, ``Model::scalarPCE``, ``Model::bigRfromProb``, ``Model::estNRA``), MIT licence;
and Wise, Lester & Efird (2015), *An Introduction to the KAPSARC Toolkit for Behavioral Analysis (KTAB)
using a Spatial Model of Politics*, KAPSARC discussion paper KS-1517-DP001A.

All functions are vectorised: voters and options are array axes.
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

MIN_COALITION = 1e-8  # KTAB Model::coalitions: every coalition starts with this strength (no 0/0)
BINARY_VOTE_SCALE = 1e-8  # KTAB Model::vote: utility gap at which a binary vote saturates
PROP_BIN_WEIGHT = 0.2  # KTAB Model::vote: share of the binary part in the prop-bin rule
PROP_CUBIC_WEIGHT = 0.5  # KTAB Model::vote: share of the cubic part in the prop-cubic rule
BINARY_VICTORY_THRESHOLD = 1.10  # KTAB Model::vProb: a 10 % edge in strength gives a sure win
BINARY_VICTORY_FLOOR = 1e-6
BLOCK_ELEMENTS = 1 << 22  # largest vote tensor built at once; bounds memory, never changes results


class VotingRule(StrEnum):
    """How an actor turns a utility difference into a vote (KTAB ``VotingRule``)."""

    BINARY = "binary"
    PROP_BIN = "prop-bin"
    PROPORTIONAL = "proportional"
    PROP_CUBIC = "prop-cubic"
    CUBIC = "cubic"
    ASYMMETRIC_PROSPECT = "asymmetric-prospect"


class VictoryModel(StrEnum):
    """How coalition strengths become a victory probability (KTAB ``VPModel``)."""

    LINEAR = "linear"
    SQUARE = "square"
    QUARTIC = "quartic"
    OCTIC = "octic"
    BINARY = "binary"


class PCEModel(StrEnum):
    """Probabilistic Condorcet election over many options (KTAB ``PCEModel``)."""

    CONDITIONAL = "conditional"
    MARKOV_UNIFORM = "markov-uniform"
    MARKOV_INCENTIVE = "markov-incentive"


class RiskRange(StrEnum):
    """Range of the risk attitudes inferred from election probabilities (KTAB ``BigRRange``)."""

    MIN = "min"  # [0, 1]
    MID = "mid"  # [-1/2, 1]
    MAX = "max"  # [-1, 1]


class RiskAdjust(StrEnum):
    """How actor h estimates actor i's risk attitude (KTAB ``BigRAdjust``)."""

    FULL = "full"  # r_i
    TWO_THIRDS = "two-thirds"  # (r_h + 2 r_i) / 3
    HALF = "half"  # (r_h + r_i) / 2
    ONE_THIRD = "one-third"  # (2 r_h + r_i) / 3
    NONE = "none"  # r_h


def vote(rule: VotingRule, weight: npt.ArrayLike, du: npt.ArrayLike) -> FloatArray:
    """Vote of an actor with voting weight ``w`` for option a over b, given ``du = u(a) - u(b)``.

    Proportional (KTAB's default): ``v = w·du``. Binary: ``w·clip(du/1e-8, -1, 1)``. Prop-bin:
    ``w·(0.8·du + 0.2·binary)``. Prop-cubic: ``w·(0.5·du + 0.5·du³)``. Cubic: ``w·du³``. Asymmetric
    prospect: ``w·du`` for losses, ``(2/3)·w·du`` for gains.

    >>> float(vote(VotingRule.PROPORTIONAL, 2.0, 0.25))
    0.5
    """
    w = np.asarray(weight, dtype=np.float64)
    d = np.asarray(du, dtype=np.float64)
    if rule is VotingRule.PROPORTIONAL:
        return np.asarray(w * d)
    binary = np.clip(d / BINARY_VOTE_SCALE, -1.0, 1.0)
    if rule is VotingRule.BINARY:
        return np.asarray(w * binary)
    if rule is VotingRule.PROP_BIN:
        return np.asarray(w * ((1 - PROP_BIN_WEIGHT) * d + PROP_BIN_WEIGHT * binary))
    if rule is VotingRule.PROP_CUBIC:
        return np.asarray(w * ((1 - PROP_CUBIC_WEIGHT) * d + PROP_CUBIC_WEIGHT * d * d * d))
    if rule is VotingRule.CUBIC:
        return np.asarray(w * (d * d * d))
    if rule is VotingRule.ASYMMETRIC_PROSPECT:
        return np.asarray(np.where(d < 0, w * d, np.where(d > 0, (2.0 * w * d) / 3.0, 0.0)))
    raise ValueError(f"unknown voting rule {rule!r}")


def coalitions(utility: FloatArray, weight: FloatArray, rule: VotingRule) -> FloatArray:
    """Coalition strengths ``C[a, b] = 1e-8 + Σ_k max(0, v_k(a:b))`` over options.

    ``utility[..., k, a]`` is voter k's utility for option a (leading axes are independent elections),
    ``weight[k]`` its voting weight. As in KTAB, only the votes ``v_k(a:b)`` with ``a > b`` are evaluated;
    ``C[b, a]`` collects their negative parts (this matters only for the asymmetric rule, whose votes are
    not antisymmetric). ``C[a, a] = 1e-8``.

    >>> u = np.array([[1.0, 0.0], [0.0, 0.5]])  # voter 0 prefers option 0 by 1, voter 1 option 1 by 0.5
    >>> coalitions(u, np.array([1.0, 1.0]), VotingRule.PROPORTIONAL).round(6).tolist()
    [[0.0, 1.0], [0.5, 0.0]]
    """
    k, a = utility.shape[-2:]
    if utility.ndim == 2 and k * a * a > BLOCK_ELEMENTS:
        # one big election (e.g. all actors' positions): rows of options in blocks, to bound memory
        step = max(1, BLOCK_ELEMENTS // (k * a))
        gains = np.empty((a, a))
        losses = np.empty((a, a))
        for start in range(0, a, step):
            rows = slice(start, start + step)
            du = utility[:, rows, None] - utility[:, None, :]
            votes = vote(rule, weight[:, None, None], du)
            gains[rows] = np.maximum(votes, 0.0).sum(axis=0)
            losses[rows] = np.maximum(-votes, 0.0).sum(axis=0)
    else:
        du = utility[..., :, :, None] - utility[..., :, None, :]  # du[..., k, a, b] = u_k(a) - u_k(b)
        votes = vote(rule, weight[:, None, None], du)
        gains = np.maximum(votes, 0.0).sum(axis=-3)
        # Σ max(-v, 0) = Σ max(v, 0) − Σ v, one pass less
        losses = gains - votes.sum(axis=-3)
    lower = np.tril(np.ones((a, a), dtype=bool), -1)
    strength = np.where(lower, gains, 0.0) + np.swapaxes(np.where(lower, losses, 0.0), -1, -2)
    return np.asarray(strength + MIN_COALITION)


def victory_probability(
    strength_a: npt.ArrayLike, strength_b: npt.ArrayLike, model: VictoryModel
) -> FloatArray:
    """Probability that a coalition of strength ``a`` beats one of strength ``b``.

    Linear (default): ``a / (a + b)``; square, quartic, octic: the same with ``a^m, b^m``; binary: a sure
    win with a 10 % edge, linear in between (KTAB ``Model::vProb``).

    >>> float(victory_probability(3.0, 1.0, VictoryModel.LINEAR))
    0.75
    """
    a = np.asarray(strength_a, dtype=np.float64)
    b = np.asarray(strength_b, dtype=np.float64)
    if model is VictoryModel.LINEAR:
        xa, xb = a, b
    elif model is VictoryModel.SQUARE:
        xa, xb = a * a, b * b
    elif model is VictoryModel.QUARTIC:
        xa, xb = (a * a) * (a * a), (b * b) * (b * b)
    elif model is VictoryModel.OCTIC:
        xa, xb = ((a * a) * (a * a)) ** 2, ((b * b) * (b * b)) ** 2
    elif model is VictoryModel.BINARY:
        t = BINARY_VICTORY_THRESHOLD
        ratio = a / (a + b)
        middle = (ratio * (t + 1.0) - 1.0) / (t - 1.0)
        xa = np.where(a >= t * b, 1.0, np.where(b >= t * a, BINARY_VICTORY_FLOOR, middle))
        xb = np.where(a >= t * b, BINARY_VICTORY_FLOOR, np.where(b >= t * a, 1.0, 1.0 - middle))
    else:
        raise ValueError(f"unknown victory model {model!r}")
    return np.asarray(xa / (xa + xb))


def victory_matrix(strength: FloatArray, model: VictoryModel) -> FloatArray:
    """``P[..., a, b]`` = probability that option a beats option b; ``P[..., a, a] = 1/2``."""
    probability = victory_probability(strength, np.swapaxes(strength, -1, -2), model)
    a = strength.shape[-1]
    probability[..., np.arange(a), np.arange(a)] = 0.5
    return probability


def conditional_pce(victory: FloatArray) -> FloatArray:
    """Conditional Condorcet election: ``p_a ∝ Π_b P[a > b]`` (KTAB ``Model::condPCE``, the default).

    Computed in logarithms so that long products cannot underflow; equal to KTAB's product otherwise.
    Leading axes are independent elections.

    >>> conditional_pce(np.array([[0.5, 0.75], [0.25, 0.5]])).round(3).tolist()
    [0.75, 0.25]
    """
    with np.errstate(divide="ignore"):
        log_p = np.log(victory).sum(axis=-1)
    top = np.max(log_p, axis=-1, keepdims=True)
    p = np.exp(log_p - top)
    return np.asarray(p / p.sum(axis=-1, keepdims=True))


def markov_uniform_pce(
    victory: FloatArray, tolerance: float = 1e-6, max_iterations: int = 1000
) -> FloatArray:
    """Markov Condorcet election with uniformly random challenges (KTAB ``Model::markovUniformPCE``).

    Iterates ``q_a = Σ_b P[a > b]·(p_a + p_b) / N`` and ``p ← (p + q)/2`` until ``max|q − p| ≤ 1e-6``.
    """
    n = victory.shape[0]
    p = np.full(n, 1.0 / n)
    for _ in range(max_iterations):
        q = (victory * (p[:, None] + p[None, :])).sum(axis=1) / n
        change = np.max(np.abs(q - p))
        p = np.asarray((p + q) / 2.0)
        if change <= tolerance:
            return p
    raise ArithmeticError("markov-uniform Condorcet election did not converge in 1000 iterations")


def markov_incentive_pce(
    strength: FloatArray, model: VictoryModel, tolerance: float = 1e-8, max_iterations: int = 1000
) -> FloatArray:
    """Markov Condorcet election whose challenges follow the incentive ``C[a,b]·P[a>b]``.

    KTAB ``Model::markovIncentivePCE`` ("Markov Voting with Incentives in KTAB").
    """
    n = strength.shape[0]
    victory = victory_matrix(strength, model)
    incentive = strength * victory + np.eye(n) * 1e-10
    challenge = incentive / incentive.sum(axis=0, keepdims=True)  # challenge[a, b] = P[a challenges b]
    p = np.full(n, 1.0 / n)
    for _ in range(max_iterations):
        ct = p[:, None] * challenge.T  # ct[a, b] = p_a · P[b challenges a]
        q = (victory * (ct + ct.T)).sum(axis=1)
        change = np.max(np.abs(q - p))
        p = np.asarray((p + q) / 2.0)
        if change <= tolerance:
            return p
    raise ArithmeticError("markov-incentive Condorcet election did not converge in 1000 iterations")


def condorcet_pce(strength: FloatArray, victory_model: VictoryModel, pce_model: PCEModel) -> FloatArray:
    """Probability that each option wins a probabilistic Condorcet election (KTAB ``Model::probCE2``).

    ``strength[..., a, b]``: coalition strengths; leading axes are independent elections.
    """
    if pce_model is PCEModel.CONDITIONAL:
        return conditional_pce(victory_matrix(strength, victory_model))
    if strength.ndim > 2:
        flat = strength.reshape(-1, *strength.shape[-2:])
        return np.stack([condorcet_pce(c, victory_model, pce_model) for c in flat]).reshape(
            strength.shape[:-1]
        )
    if pce_model is PCEModel.MARKOV_UNIFORM:
        return markov_uniform_pce(victory_matrix(strength, victory_model))
    if pce_model is PCEModel.MARKOV_INCENTIVE:
        return markov_incentive_pce(strength, victory_model)
    raise ValueError(f"unknown PCE model {pce_model!r}")


def scalar_pce(
    utility: FloatArray,
    weight: FloatArray,
    rule: VotingRule,
    victory_model: VictoryModel,
    pce_model: PCEModel,
) -> FloatArray:
    """Election among options by voters with scalar weights (KTAB ``Model::scalarPCE``).

    ``utility[..., k, a]``: voter k's utility for option a; returns the probability of each option.

    >>> u = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    >>> scalar_pce(u, np.ones(3), VotingRule.PROPORTIONAL, VictoryModel.LINEAR, PCEModel.CONDITIONAL).round(3)
    array([0.667, 0.333])
    """
    return condorcet_pce(coalitions(utility, weight, rule), victory_model, pce_model)


def risk_from_probability(p: FloatArray, risk_range: RiskRange) -> FloatArray:
    """Risk attitudes from election probabilities (KTAB ``Model::bigRfromProb``).

    Mid (default): ``R_i = (3 p_i − (p_max + 2 p_min)) / (2 (p_max − p_min))`` in ``[−1/2, 1]``; min:
    ``(p_i − p_min)/(p_max − p_min)`` in ``[0, 1]``; max: ``(2 p_i − p_max − p_min)/(p_max − p_min)``.
    The most likely winner is the most risk-accepting. When every probability is equal (all actors at
    one position) KTAB divides by zero; here every actor is then risk-neutral (R = 0).

    >>> risk_from_probability(np.array([0.1, 0.6, 0.3]), RiskRange.MID).round(3).tolist()
    [-0.5, 1.0, 0.1]
    """
    low, high = float(np.min(p)), float(np.max(p))
    spread = high - low
    if spread <= 0.0:
        return np.zeros_like(p)
    if risk_range is RiskRange.MIN:
        return np.asarray((p - low) / spread)
    if risk_range is RiskRange.MID:
        return np.asarray((3 * p - (high + 2 * low)) / (2 * spread))
    if risk_range is RiskRange.MAX:
        return np.asarray((2 * p - (high + low)) / spread)
    raise ValueError(f"unknown risk range {risk_range!r}")


def estimated_risk(r_h: npt.ArrayLike, r_i: npt.ArrayLike, adjust: RiskAdjust) -> FloatArray:
    """Actor h's estimate of actor i's risk attitude (KTAB ``Model::estNRA``); default one third:
    ``(2 r_h + r_i) / 3``.

    >>> float(estimated_risk(1.0, -0.5, RiskAdjust.ONE_THIRD))
    0.5
    """
    rh = np.asarray(r_h, dtype=np.float64)
    ri = np.asarray(r_i, dtype=np.float64)
    if adjust is RiskAdjust.FULL:
        return np.asarray(ri + 0.0 * rh)
    if adjust is RiskAdjust.TWO_THIRDS:
        return np.asarray((rh + 2.0 * ri) / 3.0)
    if adjust is RiskAdjust.HALF:
        return np.asarray((rh + ri) / 2)
    if adjust is RiskAdjust.ONE_THIRD:
        return np.asarray((2.0 * rh + ri) / 3.0)
    if adjust is RiskAdjust.NONE:
        return np.asarray(rh + 0.0 * ri)
    raise ValueError(f"unknown risk adjustment {adjust!r}")
