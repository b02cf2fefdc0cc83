"""KTAB's Spatial Model of Politics (SMP), reimplemented with NumPy.

References: B. Wise et al., KAPSARC Toolkit for Behavioral Analysis (KTAB), ``examples/smp/libsrc/smp.cpp``,
``smpbcn.cpp`` and ``KTAB/kmodel/libsrc/kmodel.cpp`` (MIT licence, 2015–2017); Wise, Lester & Efird (2015),
*An Introduction to the KAPSARC Toolkit for Behavioral Analysis (KTAB) using a Spatial Model of Politics*,
KAPSARC discussion paper KS-1517-DP001A.

One turn (``SMPState::stepBCN``), with positions ``x_i`` in ``[0, 1]^D``, saliences ``s_ik``, capabilities
``c_i``:

1. distances ``d_ij = sqrt(Σ_k s_ik² (x_ik − x_jk)² / Σ_k s_ik²)`` from i's ideal (its position) to j's;
2. risk attitudes ``R_i`` from a risk-neutral Condorcet election among the positions (``u = 1 − d``);
   ``h`` estimates i's attitude as ``(2 R_h + R_i) / 3``, so ``u^h_ij = (1 − d_ij)(1 + d_ij r^h_i)``;
3. every actor i estimates, for every j, the probability ``P_ij`` that it would win a challenge (principals
   vote with ``c·Σ_k s``, third parties join by their interest in the "little conflict", semi-committed)
   and its expected gain; it challenges the j with the largest gain above 1e-5;
4. each challenge yields a bargain interpolated per dimension with weights ``s² P²``, rounded to 4 decimals;
5. every actor's queue holds its status quo and the bargains it is party to; a Condorcet election weighted by
   capabilities over the states those bargains produce picks the one it adopts (deterministic: the most
   likely); all actors move at once and ideals follow positions;
6. stop after at least 2 turns when the step's total movement falls under 2 % of the first step's, or after
   100 turns.

Cost per turn: the challenge search is O(n³) (n² challenges × n third parties), done as array operations in
blocks of challengers; the bargain elections are O(n·q²) for queues of length q. KTAB's own O(n⁴) utility
tables for its logs are not computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt

from secarch.negotiation.condorcet import (
    PCEModel,
    RiskAdjust,
    RiskRange,
    VictoryModel,
    VotingRule,
    coalitions,
    condorcet_pce,
    estimated_risk,
    risk_from_probability,
    scalar_pce,
    vote,
)
from secarch.negotiation.result import NegotiationResult
from secarch.negotiation.spec import NegotiationSpec

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

MIN_CHALLENGE_COALITION = 1e-10  # KTAB SMPState::probEduChlg: starting strength of each side
MIN_BARGAIN_WEIGHT = 1e-6  # KTAB SMPActor::interpBrgnSnPm: keeps 0/0 away when neither side cares
BLOCK_ELEMENTS = 1 << 21  # challengers per block × n² third-party entries; bounds memory, not results


class ThirdPartyCommit(StrEnum):
    """How committed a third party is to the side it joins in a challenge (KTAB ``ThirdPartyCommit``)."""

    FULL = "full"
    SEMI = "semi"
    NONE = "none"


class BargainInterpolation(StrEnum):
    """How two positions are interpolated into a bargain (KTAB ``InterVecBrgn``)."""

    S1P1 = "s1p1"  # weights s · p
    S2P2 = "s2p2"  # weights s² · p² (default)
    S2PMAX = "s2pmax"  # move by the probability gap, weighted by s²


class BargainModel(StrEnum):
    """Whose view of the victory probability forms the bargain (KTAB ``SMPBargnModel``)."""

    INITIATOR_ONLY = "initiator-only"  # default: the challenger's estimate
    INITIATOR_AND_RECEIVER = "initiator-and-receiver"  # both estimates, two bargains
    POWER_WEIGHTED = "power-weighted"  # a capability × salience weighted mix of both


class StateTransition(StrEnum):
    """How an actor picks a bargain from the election over its queue (KTAB ``StateTransMode``)."""

    DETERMINISTIC = "deterministic"  # the most likely bargain (default)
    STOCHASTIC = "stochastic"  # drawn with the election probabilities


@dataclass(frozen=True)
class SMPOptions:
    """Every option of KTAB's SMP, with KTAB's defaults (``smp.h``, ``SMPModel::configExec``).

    Attributes:
        voting_rule: coalition voting rule (``vrCltn``; default proportional).
        victory_model: strength → victory probability (``vpm``; default linear).
        pce_model: Condorcet election over many options (``pcem``; default conditional).
        state_transition: deterministic (default) or stochastic choice of bargains.
        risk_range: range of inferred risk attitudes (``bigRRng``; default mid, [−1/2, 1]).
        risk_adjust: how others' risk attitudes are estimated (``bigRAdj``; default one third).
        third_party_commit: third-party commitment (``tpCommit``; default semi).
        bargain_interpolation: bargain interpolation (``ivBrgn``; default S2P2).
        bargain_model: bargain perspective (``brgnMod``; default initiator only).
        min_turns, max_turns: 2 and 100 (``configExec``).
        min_delta_ratio: stop when a step moves less than this share of the first step (0.02).
        min_significant_delta: added to the first step's movement to avoid 0/0 (1e-4).
        min_gain: smallest expected gain that makes a challenge worth it (1e-5, ``bestChallenge``).
        position_tolerance: positions closer than this (Euclidean, on [0, 1]) are one option when the
            winning probabilities are computed (``SMPModel::posTol`` = 1e-3, i.e. 0.1 on 0–100).
        seed: seed of the stochastic transitions (ignored when deterministic).
    """

    voting_rule: VotingRule = VotingRule.PROPORTIONAL
    victory_model: VictoryModel = VictoryModel.LINEAR
    pce_model: PCEModel = PCEModel.CONDITIONAL
    state_transition: StateTransition = StateTransition.DETERMINISTIC
    risk_range: RiskRange = RiskRange.MID
    risk_adjust: RiskAdjust = RiskAdjust.ONE_THIRD
    third_party_commit: ThirdPartyCommit = ThirdPartyCommit.SEMI
    bargain_interpolation: BargainInterpolation = BargainInterpolation.S2P2
    bargain_model: BargainModel = BargainModel.INITIATOR_ONLY
    min_turns: int = 2
    max_turns: int = 100
    min_delta_ratio: float = 0.02
    min_significant_delta: float = 1e-4
    min_gain: float = 1e-5
    position_tolerance: float = 1e-3
    seed: int | None = None

    def __post_init__(self) -> None:
        # accept plain strings (from YAML, JSON or the CLI) for the enumerated options
        for f in fields(self):
            kind = f.type if isinstance(f.type, type) else _OPTION_TYPES.get(f.name)
            value = getattr(self, f.name)
            if kind is not None and issubclass(kind, StrEnum) and not isinstance(value, kind):
                object.__setattr__(self, f.name, kind(value))
        if not 1 <= self.min_turns <= self.max_turns:
            raise ValueError("need 1 <= min_turns <= max_turns")

    def as_dict(self) -> dict[str, Any]:
        return {
            f.name: (str(v) if isinstance(v := getattr(self, f.name), StrEnum) else v) for f in fields(self)
        }


_OPTION_TYPES: dict[str, type] = {
    "voting_rule": VotingRule,
    "victory_model": VictoryModel,
    "pce_model": PCEModel,
    "state_transition": StateTransition,
    "risk_range": RiskRange,
    "risk_adjust": RiskAdjust,
    "third_party_commit": ThirdPartyCommit,
    "bargain_interpolation": BargainInterpolation,
    "bargain_model": BargainModel,
}


@dataclass(frozen=True, eq=False)
class SMPRun:
    """The raw record of an SMP run, on the unit scale.

    Attributes:
        positions: ``(T+1, n, D)`` positions in ``[0, 1]`` at every state.
        risk: ``(T+1, n)`` risk attitudes ``R_i`` inferred at every state.
        win_probability: ``(T+1, n)`` probability that each actor's position wins the capability-weighted
            Condorcet election at that state (KTAB's "winning probabilities"; equal positions share one).
        target: ``(T, n)`` whom each actor challenged in each turn (−1: nobody).
        partner: ``(T, n)`` the other party of the bargain each actor adopted (−1: kept its position).
        change_ratio: ``(T,)`` each step's movement over the first step's (the stopping statistic).
        converged: whether the stopping rule ended the run before ``max_turns``.
        seed: the seed entropy used for stochastic transitions (``None`` when deterministic).
    """

    positions: FloatArray
    risk: FloatArray
    win_probability: FloatArray
    target: IntArray
    partner: IntArray
    change_ratio: FloatArray
    converged: bool
    seed: int | None = None
    options: SMPOptions = field(default_factory=SMPOptions)

    @property
    def steps(self) -> int:
        return int(self.positions.shape[0] - 1)


# ----------------------------------------------------------------------------------------------------------
# utilities


def weighted_distance(ideal: FloatArray, position: FloatArray, salience: FloatArray) -> FloatArray:
    """``d[i, j] = sqrt(Σ_k s_ik² (ideal_ik − position_jk)² / Σ_k s_ik²)`` (KTAB ``SMPModel::bvDiff``).

    >>> weighted_distance(np.array([[0.0, 0.0]]), np.array([[1.0, 0.0]]), np.array([[1.0, 1.0]])).round(4)
    array([[0.7071]])
    """
    s2 = salience * salience
    diff = ideal[:, None, :] - position[None, :, :]
    num = ((diff * salience[:, None, :]) ** 2).sum(axis=2)
    return np.asarray(np.sqrt(num / s2.sum(axis=1)[:, None]))


def risk_utility(distance: npt.ArrayLike, risk: npt.ArrayLike) -> FloatArray:
    """``u = (1 − d)(1 + d·R)`` for ``0 ≤ d ≤ 1`` (KTAB ``SMPModel::bsUtil``; ``(1 − d)(1 + R)`` above 1).

    R > 0 is risk-accepting (utility falls slowly near the ideal), R < 0 risk-averse.

    >>> float(risk_utility(0.5, 1.0)), float(risk_utility(0.5, -0.5))
    (0.75, 0.375)
    """
    d = np.asarray(distance, dtype=np.float64)
    return np.asarray((1.0 - d) * (1.0 + np.minimum(d, 1.0) * np.asarray(risk, dtype=np.float64)))


@dataclass(frozen=True, eq=False)
class _Assessment:
    """What every actor knows at the start of a turn: distances, risk attitudes, estimated risks."""

    distance: FloatArray  # d[a, b]
    risk: FloatArray  # R[a]
    est_risk: FloatArray  # r[h, a] = h's estimate of a's risk attitude


def _assess(x: FloatArray, sal: FloatArray, cap: FloatArray, opts: SMPOptions) -> _Assessment:
    """Distances and risk attitudes (KTAB ``SMPState::setAllAUtil``)."""
    d = weighted_distance(x, x, sal)
    neutral = 1.0 - d  # risk-neutral utilities, rnUtil[k, a]
    p = condorcet_pce(coalitions(neutral, cap, opts.voting_rule), opts.victory_model, opts.pce_model)
    r = risk_from_probability(p, opts.risk_range)
    est = estimated_risk(r[:, None], r[None, :], opts.risk_adjust)
    return _Assessment(d, r, est)


def own_utility(assessment: _Assessment) -> FloatArray:
    """``U[a, b]``: actor a's utility for actor b's position, with a's own risk attitude."""
    return risk_utility(assessment.distance, np.diag(assessment.est_risk)[:, None])


# ----------------------------------------------------------------------------------------------------------
# challenges


def _third_party_votes(
    weight_n: FloatArray,
    u_ni: FloatArray,
    u_nj: FloatArray,
    u_nn: FloatArray,
    c_ij: FloatArray,
    c_ji: FloatArray,
    opts: SMPOptions,
) -> FloatArray:
    """Third party n's vote in the i:j contest (KTAB ``Actor::vProbLittle`` and ``thirdPartyVoteSU``).

    n first judges the "little conflict" of i, j and itself: ``p = (C_ij + v⁺) / (C_ij + C_ji + |v|)`` with
    ``v = vote(w_n, u_ni − u_nj)``; it then votes for the lottery it prefers between "i and n beat j" and "i
    beats j and n". Semi-committed (default): n keeps its own position when on the winning side with i
    (``2u_ni + u_nn``) or with j (``2u_nj + u_nn``), and adopts the winner's otherwise, so its vote is
    ``vote(w_n, p (u_nn − u_ni) + (1 − p)(u_nj − u_nn))``. Fully committed and uncommitted third parties
    weigh the same lottery on both sides, so their vote is exactly zero (as in KTAB).
    """
    if opts.third_party_commit is not ThirdPartyCommit.SEMI:
        return np.zeros(np.broadcast_shapes(np.shape(u_nj), np.shape(c_ij), np.shape(weight_n)))
    direct = vote(opts.voting_rule, weight_n, u_ni - u_nj)
    p_i = (c_ij + np.maximum(direct, 0.0)) / (c_ij + c_ji + np.abs(direct))
    # u(ik > j) − u(i > jk) = p (2u_nn − u_ni − u_nj) + (u_nj − u_nn), KTAB's two lotteries subtracted
    diff = p_i * ((u_nn + u_nn) - u_ni - u_nj)
    diff += u_nj
    diff -= u_nn
    return vote(opts.voting_rule, weight_n, diff)


def _principal_strengths(
    w_i: FloatArray,
    w_j: FloatArray,
    u_ii: FloatArray,
    u_ij: FloatArray,
    u_ji: FloatArray,
    u_jj: FloatArray,
    rule: VotingRule,
) -> tuple[FloatArray, FloatArray]:
    """Starting strengths of the two sides: each principal votes with ``c·Σ_k s`` (KTAB ``probEduChlg``)."""
    contrib_i = vote(rule, w_i, u_ii - u_ij)
    contrib_j = vote(rule, w_j, u_ji - u_jj)
    c_ij = MIN_CHALLENGE_COALITION + np.maximum(contrib_i, 0.0) + np.maximum(contrib_j, 0.0)
    c_ji = MIN_CHALLENGE_COALITION + np.maximum(-contrib_i, 0.0) + np.maximum(-contrib_j, 0.0)
    return c_ij, c_ji


def _expected_gain(p_ij: FloatArray, s_j: FloatArray, u_ki: FloatArray, u_kj: FloatArray) -> FloatArray:
    """Expected change in k's utility from i challenging j (KTAB ``probEduChlg``).

    ``EU = (1 − s_j)·2u_ki + s_j·[P·2u_ki + (1 − P)·2u_kj]``, minus the status quo ``u_ki + u_kj``.
    """
    victory = u_ki + u_ki
    defeat = u_kj + u_kj
    contest = p_ij * victory + (1.0 - p_ij) * defeat
    return np.asarray((1.0 - s_j) * victory + s_j * contest - (u_ki + u_kj))


def challenge_estimates(
    h: IntArray,
    k: IntArray,
    i: IntArray,
    j: IntArray,
    assessment: _Assessment,
    weight: FloatArray,
    sal_total: FloatArray,
    opts: SMPOptions,
) -> tuple[FloatArray, FloatArray]:
    """h's estimate of the probability that i beats j, and of k's expected gain from i challenging j.

    General form over arrays of ``(h, k, i, j)``; the challenge search uses the faster
    :func:`_best_challenges`, which computes the case ``h = k = i`` for all pairs at once.
    """
    d, est = assessment.distance, assessment.est_risk
    n = d.shape[0]

    def u(hh: Any, aa: Any, bb: Any) -> FloatArray:
        return risk_utility(d[aa, bb], est[hh, aa])

    c_ij, c_ji = _principal_strengths(
        weight[i], weight[j], u(h, i, i), u(h, i, j), u(h, j, i), u(h, j, j), opts.voting_rule
    )
    third = np.arange(n)[None, :]
    hh, ii, jj = h[:, None], i[:, None], j[:, None]
    votes = _third_party_votes(
        weight[None, :],
        u(hh, third, ii),
        u(hh, third, jj),
        u(hh, third, third),
        c_ij[:, None],
        c_ji[:, None],
        opts,
    )
    votes = np.where((third == ii) | (third == jj), 0.0, votes)
    s_ij = c_ij + np.maximum(votes, 0.0).sum(axis=1)
    s_ji = c_ji + np.maximum(-votes, 0.0).sum(axis=1)
    p = s_ij / (s_ij + s_ji)
    return p, _expected_gain(p, sal_total[j], u(h, k, i), u(h, k, j))


def _best_challenges(
    assessment: _Assessment, weight: FloatArray, sal_total: FloatArray, opts: SMPOptions
) -> tuple[IntArray, FloatArray, FloatArray]:
    """For every actor i, the j it challenges, ``P_ij`` as i sees it, and i's expected gain.

    Vectorised over (challenger i, target j, third party n) in blocks of challengers; returns target −1
    where no gain exceeds ``min_gain`` (KTAB ``SMPState::bestChallenge``: the first j with the largest gain).
    """
    d, est = assessment.distance, assessment.est_risk
    n = d.shape[0]
    dt = d.T  # dt[b, a] = d[a, b]
    # with h = i: u_i(a, b) = (1 - d[a, b]) (1 + d[a, b] est[i, a])
    u_ii = risk_utility(np.diag(d), np.diag(est))  # (i,)
    u_ij = risk_utility(d, np.diag(est)[:, None])  # u_i(i, j)
    u_ji = risk_utility(dt, est)  # u_i(j, i) = (1 - d[j, i])(1 + d[j, i] est[i, j])
    u_jj = risk_utility(np.diag(d)[None, :], est)  # u_i(j, j)
    u_ni = risk_utility(dt, est)  # u_i(n, i), indexed [i, n]
    u_nn = risk_utility(np.diag(d)[None, :], est)  # u_i(n, n), indexed [i, n]
    c_ij, c_ji = _principal_strengths(
        weight[:, None], weight[None, :], u_ii[:, None], u_ij, u_ji, u_jj, opts.voting_rule
    )
    s_ij = np.empty((n, n))
    s_ji = np.empty((n, n))
    block = max(1, BLOCK_ELEMENTS // (n * n))
    arange = np.arange(n)
    one_minus_d = 1.0 - dt  # [j, n] = 1 - d[n, j]
    slope = one_minus_d * np.minimum(dt, 1.0)
    for start in range(0, n, block):
        rows = arange[start : start + block]
        b = rows.size
        # u_i(n, j) = (1 - d[n, j]) (1 + d[n, j] est[i, n]), laid out [i, j, n]
        u_nj = slope[None, :, :] * est[rows][:, None, :]
        u_nj += one_minus_d[None, :, :]
        votes = _third_party_votes(
            weight[None, None, :],
            u_ni[rows][:, None, :],
            u_nj,
            u_nn[rows][:, None, :],
            c_ij[rows][:, :, None],
            c_ji[rows][:, :, None],
            opts,
        )
        votes[np.arange(b), :, rows] = 0.0  # the principals are not third parties
        votes[:, arange, arange] = 0.0
        gains = np.maximum(votes, 0.0).sum(axis=2)
        s_ij[rows] = c_ij[rows] + gains
        s_ji[rows] = c_ji[rows] + (gains - votes.sum(axis=2))
    p = s_ij / (s_ij + s_ji)
    gain = _expected_gain(p, sal_total[None, :], u_ii[:, None], u_ij)
    np.fill_diagonal(gain, -np.inf)
    target = np.argmax(gain, axis=1)
    best = gain[arange, target]
    target = np.where(best > opts.min_gain, target, -1)
    return target.astype(np.int64), p[arange, np.maximum(target, 0)], best


# ----------------------------------------------------------------------------------------------------------
# bargains


def _round4(x: FloatArray) -> FloatArray:
    """KTAB's ``round4``: ``int(0.5 + 10000 x) / 10000`` (x ≥ 0), against spurious precision and asymmetry."""
    return np.asarray(np.trunc(0.5 + x * 10000.0) / 10000.0)


def interpolate_bargain(
    x_i: FloatArray,
    s_i: FloatArray,
    p_i: FloatArray,
    x_j: FloatArray,
    s_j: FloatArray,
    method: BargainInterpolation,
) -> tuple[FloatArray, FloatArray]:
    """The positions a bargain between i and j proposes to each (KTAB ``SMPActor::interpolateBrgn``).

    Arrays are ``(m, D)`` with ``p_i`` of shape ``(m, 1)``, i's estimated victory probability. S2P2
    (default): ``w_i = s_ik² p_i²``, ``w_j = s_jk² (1 − p_i)²``,
    ``b_ik = round4(((w_i + 1e−6) x_ik + w_j x_jk) / (w_i + w_j + 1e−6))`` and
    ``b_jk = round4((w_i x_ik + (w_j + 1e−6) x_jk) / (w_i + w_j + 1e−6))``. S1P1 uses first powers.
    S2PMax moves the weaker side by the probability gap: ``d_i = max(0, p_j − p_i)``,
    ``b_ik = x_ik + d_i s_jk² / (d_i s_jk² + 1e−6 + (1 − d_i) s_ik²) · (x_jk − x_ik)``.

    >>> b_i, b_j = interpolate_bargain(np.array([[0.2]]), np.array([[1.0]]), np.array([[0.75]]),
    ...                                np.array([[0.8]]), np.array([[1.0]]), BargainInterpolation.S2P2)
    >>> float(b_i[0, 0]), float(b_j[0, 0])
    (0.26, 0.26)
    """
    p_j = 1.0 - p_i
    if method is BargainInterpolation.S2PMAX:
        d_i = np.where(p_j > p_i, p_j - p_i, 0.0)
        d_j = np.where(p_i > p_j, p_i - p_j, 0.0)
        si2, sj2 = s_i * s_i, s_j * s_j
        f_i = (d_i * sj2) / ((d_i * sj2) + MIN_BARGAIN_WEIGHT + ((1 - d_i) * si2))
        f_j = (d_j * si2) / ((d_j * si2) + MIN_BARGAIN_WEIGHT + ((1 - d_j) * sj2))
        return x_i + f_i * (x_j - x_i), x_j + f_j * (x_i - x_j)
    power = 1 if method is BargainInterpolation.S1P1 else 2
    w_i = s_i**power * p_i**power
    w_j = s_j**power * p_j**power
    total = w_i + MIN_BARGAIN_WEIGHT + w_j
    b_i = _round4(((w_i + MIN_BARGAIN_WEIGHT) * x_i + w_j * x_j) / total)
    b_j = _round4((w_i * x_i + (MIN_BARGAIN_WEIGHT + w_j) * x_j) / total)
    return b_i, b_j


@dataclass(frozen=True, eq=False)
class _Bargains:
    initiator: IntArray  # (B,)
    receiver: IntArray  # (B,)
    for_initiator: FloatArray  # (B, D)
    for_receiver: FloatArray  # (B, D)


def _form_bargains(
    x: FloatArray,
    sal: FloatArray,
    target: IntArray,
    p_ij: FloatArray,
    assessment: _Assessment,
    weight: FloatArray,
    sal_total: FloatArray,
    cap: FloatArray,
    opts: SMPOptions,
) -> _Bargains:
    """The bargains of this turn, in KTAB's queue order (by initiator; i's own view before j's)."""
    i = np.flatnonzero(target >= 0).astype(np.int64)
    j = target[i]
    b_ii, b_ij = interpolate_bargain(x[i], sal[i], p_ij[i][:, None], x[j], sal[j], opts.bargain_interpolation)
    if opts.bargain_model is BargainModel.INITIATOR_ONLY:
        return _Bargains(i, j, b_ii, b_ij)
    p_j_view, _ = challenge_estimates(j, i, i, j, assessment, weight, sal_total, opts)
    b_ji, b_jj = interpolate_bargain(
        x[i], sal[i], p_j_view[:, None], x[j], sal[j], opts.bargain_interpolation
    )
    if opts.bargain_model is BargainModel.INITIATOR_AND_RECEIVER:
        m = len(i)
        order = np.arange(2 * m).reshape(2, m).T.ravel()  # i's view, then j's, per initiator
        return _Bargains(
            np.concatenate([i, i])[order],
            np.concatenate([j, j])[order],
            np.concatenate([b_ii, b_ji])[order],
            np.concatenate([b_ij, b_jj])[order],
        )
    # KTAB weighs the receiver's view with the *initiator's* capability times the receiver's salience
    # (``scj = brgnJIJ->actInit->sCap``); kept as in the reference.
    w_i = (cap[i] * sal_total[i])[:, None]
    w_j = (cap[i] * sal_total[j])[:, None]
    return _Bargains(i, j, (w_i * b_ii + w_j * b_ji) / (w_i + w_j), (w_i * b_ij + w_j * b_jj) / (w_i + w_j))


def _resolve_bargains(
    x: FloatArray,
    sal: FloatArray,
    cap: FloatArray,
    assessment: _Assessment,
    bargains: _Bargains,
    opts: SMPOptions,
    rng: np.random.Generator | None,
) -> tuple[FloatArray, IntArray]:
    """Each actor's election over its queue (status quo + its bargains); returns new positions, partners.

    The value of a bargain to actor a is the mean of a's utilities for all positions after it (KTAB
    ``updateBestBrgnPositions``): ``(u_a(b_I) + u_a(b_R) + Σ_{m ≠ I, R} U[a, m]) / n``.
    """
    n = x.shape[0]
    own = own_utility(assessment)  # U[a, m]
    total = own.sum(axis=1)
    r = assessment.risk
    u_init = risk_utility(weighted_distance(x, bargains.for_initiator, sal), r[:, None])  # (n, B)
    u_rcvr = risk_utility(weighted_distance(x, bargains.for_receiver, sal), r[:, None])
    value = (
        u_init + u_rcvr + (total[:, None] - own[:, bargains.initiator] - own[:, bargains.receiver])
    ) / n  # (n, B)
    status_quo = total / n
    # queue of actor k: the bargains it initiates or receives, in bargain (initiator) order
    member = np.concatenate([bargains.initiator, bargains.receiver])
    index = np.concatenate([np.arange(len(bargains.initiator))] * 2)
    order = np.lexsort((index, member))
    member, index = member[order], index[order]
    length = np.bincount(member, minlength=n)
    starts = np.concatenate([[0], np.cumsum(length)[:-1]])
    probability: dict[int, FloatArray] = {}
    for q in np.unique(length[length > 0]):
        group = np.flatnonzero(length == q)  # elections with the same number of options run together
        queues = index[starts[group][:, None] + np.arange(q)[None, :]]  # (g, q)
        u = np.concatenate(
            [
                np.broadcast_to(status_quo[None, :, None], (group.size, n, 1)),
                value[:, queues].transpose(1, 0, 2),
            ],
            axis=2,
        )
        p = scalar_pce(u, cap, opts.voting_rule, opts.victory_model, opts.pce_model)
        for row, actor in enumerate(group):
            probability[int(actor)] = p[row]
    new_x = x.copy()
    partner = np.full(n, -1, dtype=np.int64)
    for k in sorted(probability):
        p = probability[k]
        if opts.state_transition is StateTransition.DETERMINISTIC or rng is None:
            choice = int(np.argmax(p))
        else:
            choice = int(rng.choice(p.size, p=p / p.sum()))
        if choice == 0:
            continue
        b = index[starts[k] + choice - 1]
        if bargains.initiator[b] == k:
            new_x[k] = bargains.for_initiator[b]
            partner[k] = bargains.receiver[b]
        else:
            new_x[k] = bargains.for_receiver[b]
            partner[k] = bargains.initiator[b]
    return new_x, partner


# ----------------------------------------------------------------------------------------------------------
# winning probabilities and the run


def unique_positions(x: FloatArray, tolerance: float) -> tuple[IntArray, IntArray]:
    """Indices of distinct positions (first of each) and, per actor, the last distinct one it is within
    ``tolerance`` of (KTAB ``ueIndices`` and ``State::posProb``)."""
    n = x.shape[0]
    gap = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=2))
    close = gap < tolerance
    unique: list[int] = []
    for a in range(n):
        if not unique or not np.any(close[a, unique]):
            unique.append(a)
    u = np.asarray(unique, dtype=np.int64)
    member = close[:, u]
    last = (u.size - 1) - np.argmax(member[:, ::-1], axis=1)
    return u, last.astype(np.int64)


def most_likely_position(positions: FloatArray, probability: FloatArray, rtol: float = 1e-9) -> int:
    """Index of the distinct position with the highest winning probability.

    Probabilities equal up to rounding (relative ``rtol``) are a tie, broken by the lowest position
    (lexicographically over issues) rather than by actor order, so that listing the actors in another order
    cannot change the predicted outcome.

    >>> most_likely_position(np.array([[0.7], [0.2]]), np.array([0.5, 0.5 - 1e-12]))
    1
    """
    best = probability.max()
    tied = np.flatnonzero(probability >= best * (1.0 - rtol))
    keys = positions[tied].T[::-1]  # np.lexsort sorts by the last key first
    return int(tied[np.lexsort(keys)[0]])


def win_probabilities(
    x: FloatArray, cap: FloatArray, assessment: _Assessment, opts: SMPOptions
) -> FloatArray:
    """Probability that each actor's position wins the capability-weighted Condorcet election
    (KTAB ``SMPState::pDist(-1)``, which always uses proportional voting); equal positions share one."""
    unique, which = unique_positions(x, opts.position_tolerance)
    u = own_utility(assessment)[:, unique]
    p = scalar_pce(u, cap, VotingRule.PROPORTIONAL, opts.victory_model, opts.pce_model)
    return np.asarray(p[which])


def _state_distance(a: FloatArray, b: FloatArray) -> float:
    """Σ_i ‖a_i − b_i‖ (KTAB ``SMPModel::stateDist``)."""
    return float(np.sqrt(((a - b) ** 2).sum(axis=1)).sum())


def smp_turn(
    x: FloatArray,
    sal: FloatArray,
    cap: FloatArray,
    assessment: _Assessment,
    opts: SMPOptions,
    rng: np.random.Generator | None = None,
) -> tuple[FloatArray, IntArray, IntArray]:
    """One turn of challenges, bargains and moves (KTAB ``SMPState::doBCN``).

    Returns the new positions, each actor's challenge target and the partner of the bargain it adopted
    (−1 for none).
    """
    sal_total = sal.sum(axis=1)
    weight = sal_total * cap
    target, p_ij, _gain = _best_challenges(assessment, weight, sal_total, opts)
    bargains = _form_bargains(x, sal, target, p_ij, assessment, weight, sal_total, cap, opts)
    new_x, partner = _resolve_bargains(x, sal, cap, assessment, bargains, opts, rng)
    return new_x, target, partner


def run_smp(
    position: npt.ArrayLike,
    salience: npt.ArrayLike,
    capability: npt.ArrayLike,
    options: SMPOptions | None = None,
) -> SMPRun:
    """Run KTAB's SMP from positions on ``[0, 1]`` (``(n, D)``), saliences in ``[0, 1]`` whose sum per actor
    is at most 1, and capabilities ``(n,)``, until the stopping rule holds.

    Stopping (KTAB ``smpStopFn``): after turn t ≥ 2, stop when
    ``Σ_i ‖x_i(t) − x_i(t−1)‖ / (Σ_i ‖x_i(1) − x_i(0)‖ + 1e−4) < 0.02``, or at turn 100.

    Example (two actors, one issue). Actor 0 wins the risk election (R = 1, actor 1: −1/2); it challenges
    1 with ``P = 90·0.36 / (90·0.36 + 12·0.48) = 0.849`` (actor 0's utilities 1 and 0.64; its estimate of
    1's, 1 and 0.52), so the S2P2 bargain ``(0.81·0.849²·0.2 + 0.09·0.151²·0.8) / (…)`` is 0.2021 for both;
    both adopt it, and nothing moves in turn 2:
        >>> run = run_smp([[0.2], [0.8]], [[0.9], [0.3]], [100.0, 40.0])
        >>> run.steps, run.positions[-1, :, 0].tolist()
        (2, [0.2021, 0.2021])
    """
    opts = options or SMPOptions()
    x = np.array(position, dtype=np.float64)
    sal = np.asarray(salience, dtype=np.float64)
    cap = np.asarray(capability, dtype=np.float64)
    if x.ndim != 2 or sal.shape != x.shape or cap.shape != (x.shape[0],):
        raise ValueError("position and salience must be (n, D), capability (n,)")
    if np.any(sal.sum(axis=1) > 1.0 + 1e-9):
        raise ValueError("KTAB's SMP needs each actor's saliences to sum to at most 1")
    rng = None
    seed = None
    if opts.state_transition is StateTransition.STOCHASTIC:
        sequence = np.random.SeedSequence(opts.seed)
        seed = int(sequence.entropy) if isinstance(sequence.entropy, int) else None
        rng = np.random.default_rng(sequence)
    assessment = _assess(x, sal, cap, opts)
    positions = [x]
    risks = [assessment.risk]
    wins = [win_probabilities(x, cap, assessment, opts)]
    targets: list[IntArray] = []
    partners: list[IntArray] = []
    ratios: list[float] = []
    first_step = 1.0
    converged = False
    for turn in range(1, opts.max_turns + 1):
        x, target, partner = smp_turn(x, sal, cap, assessment, opts, rng)
        assessment = _assess(x, sal, cap, opts)
        positions.append(x)
        risks.append(assessment.risk)
        wins.append(win_probabilities(x, cap, assessment, opts))
        targets.append(target)
        partners.append(partner)
        step = _state_distance(positions[-1], positions[-2])
        if turn == 1:
            first_step = step + opts.min_significant_delta
        ratios.append(step / first_step)
        if turn >= opts.min_turns and ratios[-1] < opts.min_delta_ratio:
            converged = True
            break
    return SMPRun(
        positions=np.stack(positions),
        risk=np.stack(risks),
        win_probability=np.stack(wins),
        target=np.stack(targets),
        partner=np.stack(partners),
        change_ratio=np.asarray(ratios),
        converged=converged,
        seed=seed,
        options=opts,
    )


# ----------------------------------------------------------------------------------------------------------
# the common calling convention


def detect_cycle(positions: FloatArray, max_period: int = 10) -> tuple[int, int] | None:
    """``(first state, period)`` when the run ends in a cycle of at most ``max_period`` states, seen twice.

    KTAB's deterministic SMP can end in a limit cycle (e.g. two actors trading places each turn), which its
    stopping rule does not detect; the run then lasts ``max_turns``.

    >>> detect_cycle(np.array([[[0.0]], [[1.0]], [[2.0]], [[1.0]], [[2.0]]]))
    (1, 2)
    """
    t = positions.shape[0]
    for period in range(1, max_period + 1):
        if t < 2 * period or not np.array_equal(positions[-1], positions[-1 - period]):
            continue
        start = t - 1 - period
        while start > 0 and np.array_equal(positions[start - 1], positions[start - 1 + period]):
            start -= 1
        if t - start >= 2 * period:  # the cycle was seen twice
            return start, period
    return None


def smp_saliences(spec: NegotiationSpec) -> tuple[FloatArray, tuple[str, ...]]:
    """Saliences for the SMP: as given when an actor's sum to at most 1 (KTAB files always do), otherwise
    divided by their sum (KTAB reads saliences as shares of an actor's attention). Returns the saliences
    and the actors whose saliences were rescaled."""
    sal = np.array(spec.salience, dtype=np.float64)
    total = sal.sum(axis=1)
    over = total > 1.0
    sal[over] /= total[over, None]
    return sal, tuple(a for a, o in zip(spec.actors, over, strict=True) if o)


def solve_smp(spec: NegotiationSpec, options: SMPOptions | None = None) -> NegotiationResult:
    """Run the SMP on a negotiation and return the common :class:`NegotiationResult`.

    The predicted outcome is the final position most likely to win the capability-weighted Condorcet
    election (KTAB's winning probabilities); ``details["expected_outcome"]`` is the probability-weighted
    mean of the distinct final positions.
    """
    opts = options or SMPOptions()
    sal, rescaled = smp_saliences(spec)
    run = run_smp(spec.unit_position(), sal, spec.capability, opts)
    final = run.positions[-1]
    win = run.win_probability[-1]
    unique, _which = unique_positions(final, opts.position_tolerance)
    expected = (win[unique, None] * final[unique]).sum(axis=0) / win[unique].sum()
    outcome = final[unique][most_likely_position(final[unique], win[unique])]
    n, d = spec.n_actors, spec.n_issues
    toward = np.broadcast_to(run.partner[:, :, None], (run.steps, n, d)).copy()
    trajectory = spec.from_unit(run.positions)
    trajectory[0] = spec.position  # exactly as given, without the round trip through [0, 1]
    cycle = None if run.converged else detect_cycle(run.positions)
    return NegotiationResult(
        model="smp",
        spec=spec,
        trajectory=trajectory,
        outcome=spec.from_unit(outcome),
        toward=toward,
        converged=run.converged,
        options={**opts.as_dict(), "salience_rescaled": list(rescaled)},
        details={
            "win_probability": run.win_probability,
            "risk": run.risk,
            "target": run.target,
            "change_ratio": run.change_ratio,
            "expected_outcome": spec.from_unit(expected),
            "cycle": [] if cycle is None else list(cycle),
        },
        seed=run.seed,
    )
