"""Bueno de Mesquita's expected-utility model of group decisions, in the variant specified by Scholz,
Calbert & Smith (2011).

References: B. Bueno de Mesquita (1994), "Political forecasting: an expected utility method", in Bueno de
Mesquita & Stokman (eds.), *European Community Decision Making*, Yale UP, 71–104; J. B. Scholz, G. J.
Calbert & G. A. Smith (2011), "Unravelling Bueno De Mesquita's group decision model", *Journal of
Theoretical Politics* 23(4), 510–531.

One issue at a time. Positions ``x`` on a range of width Δ, capabilities ``c``, saliences ``s`` in [0, 1].

- vote of k for ``x_j`` over ``x_m``: ``v_k(j, m) = c_k s_k (|x_k − x_m| − |x_k − x_j|) / Δ``;
- median voter position: the actor position that beats every other in pairwise ``Σ_k v_k`` (the weighted
  median); weighted mean ``μ = Σ c s x / Σ c s``;
- probability that i prevails over j: ``P_ij = Σ_k max(0, v_k(i, j)) / Σ_k |v_k(i, j)|``;
- utilities with risk exponent r: ``U_s = 2 − 4 (½ − ½|x_i − x_j|/Δ)^r``,
  ``U_f = 2 − 4 (½ + ½|x_i − x_j|/Δ)^r``,
  ``U_b``, ``U_w`` the same with ``¼(|x_i − μ| + |x_i − x_j|)``, ``U_sq = 2 − 4·½^r``;
- expected utility of i challenging j:
  ``E_i(U_ij) = s_j [P_ij U_s + (1 − P_ij) U_f] + (1 − s_j) U_s − Q U_sq − (1 − Q)[T U_b + (1 − T) U_w]``;
- risk: with r = 1, ``S_i = Σ_{j≠i} E_j(U_ji)``, ``R_i = (2 S_i − S_max − S_min)/(S_max − S_min)``,
  ``r_i = (1 − R_i/3)/(1 + R_i/3)`` in [½, 2];
- offers, seen by the receiver i of j's challenge (both expected utilities from i's point of view, with
  ``r_i``): confrontation when ``E_j > E_i > 0`` (i moves to ``x_j``); compromise when ``E_j > 0 > E_i``
  and ``E_j > |E_i|`` (i moves by ``(x_j − x_i)|E_i/E_j|``); capitulation when ``E_j > 0 > E_i`` and
  ``|E_i| > E_j`` (i moves to ``x_j``). Each actor takes its best offer (confrontation, then compromise,
  then capitulation; the nearest among equals); all move at once.

Published descriptions and open replications differ; every disputed choice is a field of
:class:`BDMOptions`, and :meth:`BDMOptions.open_replication` sets the choices of the open Python
replication of Scholz et al. (see ``docs/negotiation.md``).
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
IntArray = npt.NDArray[np.int64]


class ProbabilityDenominator(StrEnum):
    """Denominator of ``P_ij``."""

    PAIR = "pair"  # Σ_k |v_k(i, j)|: P_ij + P_ji = 1 (the intended form)
    ALL_PAIRS = "all-pairs"  # Σ_k Σ_a Σ_b |v_k(a, b)| over all actors' positions (the replication's code)


class CompromiseChoice(StrEnum):
    """Which of several compromise offers an actor takes."""

    NEAREST = "nearest"  # the one that moves it least (Scholz et al.'s text, Bueno de Mesquita)
    LOWEST_WEIGHTED_POSITION = "lowest-weighted-position"  # min (|E_i| x_i + |E_j| x_j)/(|E_i| + |E_j|)


class Offer(StrEnum):
    NONE = "none"
    CONFRONTATION = "confrontation"
    COMPROMISE = "compromise"
    CAPITULATION = "capitulation"


OFFER_CODES = (Offer.NONE, Offer.CONFRONTATION, Offer.COMPROMISE, Offer.CAPITULATION)


@dataclass(frozen=True)
class BDMOptions:
    """The model's choices; the defaults are the intended forms of ``models/bdm.md`` (Scholz et al. 2011).

    Attributes:
        rounds: number of rounds (10, as in Scholz et al.'s EC example).
        q: probability of the status quo in E (Q = 1: the status quo persists unless challenged).
        t: probability that things get better under the status quo (T = 1; used only when Q < 1).
        denominator: ``pair`` (intended) or ``all-pairs`` (the replication's larger denominator).
        capitulation: whether the capitulation branch can be taken (the replication's test can never hold).
        compromise_choice: ``nearest`` (intended) or the replication's ``lowest-weighted-position``.
        votes_use_risk: whether votes raise distances to the voter's risk exponent (the replication's code
            does in the offer phase; the intended vote is linear).
        fixed_range: use the initial positions' range as Δ in every round (True: the replication; the
            range of the issue's scale is used when all positions coincide).
    """

    rounds: int = 10
    q: float = 1.0
    t: float = 1.0
    denominator: ProbabilityDenominator = ProbabilityDenominator.PAIR
    capitulation: bool = True
    compromise_choice: CompromiseChoice = CompromiseChoice.NEAREST
    votes_use_risk: bool = False
    fixed_range: bool = True

    def __post_init__(self) -> None:
        kinds = {"denominator": ProbabilityDenominator, "compromise_choice": CompromiseChoice}
        for name, kind in kinds.items():
            value = getattr(self, name)
            if not isinstance(value, kind):
                object.__setattr__(self, name, kind(value))
        if self.rounds < 0:
            raise ValueError("rounds must be >= 0")
        if not (0.0 <= self.q <= 1.0 and 0.0 <= self.t <= 1.0):
            raise ValueError("q and t are probabilities")

    @classmethod
    def open_replication(cls, **changes: Any) -> BDMOptions:
        """The choices of the open Python replication of Scholz et al. (2011) that reports the EC case."""
        base: dict[str, Any] = {
            "denominator": ProbabilityDenominator.ALL_PAIRS,
            "capitulation": False,
            "compromise_choice": CompromiseChoice.LOWEST_WEIGHTED_POSITION,
            "votes_use_risk": True,
        }
        base.update(changes)
        return cls(**base)

    def as_dict(self) -> dict[str, Any]:
        return {
            f.name: (str(v) if isinstance(v := getattr(self, f.name), StrEnum) else v) for f in fields(self)
        }


@dataclass(frozen=True, eq=False)
class BDMRun:
    """The record of one issue's rounds.

    Attributes:
        positions: ``(rounds+1, n)`` positions after each round (row 0: the start).
        risk_exponent: ``(rounds, n)`` the ``r_i`` used in each round.
        median, mean: ``(rounds+1,)`` median voter position and weighted mean after each round.
        offer: ``(rounds, n)`` the kind of offer each actor took (index into :data:`OFFER_CODES`).
        proposer: ``(rounds, n)`` who made that offer (−1: none).
    """

    positions: FloatArray
    risk_exponent: FloatArray
    median: FloatArray
    mean: FloatArray
    offer: IntArray
    proposer: IntArray
    options: BDMOptions


def weighted_mean(x: FloatArray, c: FloatArray, s: FloatArray) -> float:
    """``μ = Σ c s x / Σ c s``.

    >>> weighted_mean(np.array([0.0, 10.0]), np.array([1.0, 1.0]), np.array([1.0, 3.0]))
    7.5
    """
    w = c * s
    return float((w * x).sum() / w.sum())


def median_voter(x: FloatArray, c: FloatArray, s: FloatArray) -> float:
    """The actor position that beats every other in pairwise votes ``Σ_k c_k s_k (|x_k − y| − |x_k − z|)``.

    On one dimension that is the actor position minimising ``Σ_k c_k s_k |x_k − y|``, a weighted median
    (ties: the lowest such position).

    >>> median_voter(np.array([4.0, 7.0, 10.0]), np.array([1.0, 1.0, 1.0]), np.array([1.0, 0.5, 1.0]))
    7.0
    """
    w = c * s
    candidates = np.unique(x)
    loss = (w[None, :] * np.abs(x[None, :] - candidates[:, None])).sum(axis=1)
    return float(candidates[int(np.argmin(loss))])


def _votes(x: FloatArray, c: FloatArray, s: FloatArray, width: float, exponent: FloatArray) -> FloatArray:
    """``V[k, a, b] = c_k s_k ((|x_k − x_b|/Δ)^e_k − (|x_k − x_a|/Δ)^e_k)``: k's vote for a over b."""
    dist = (np.abs(x[:, None] - x[None, :]) / width) ** exponent[:, None]  # dist[k, a]
    return np.asarray((c * s)[:, None, None] * (dist[:, None, :] - dist[:, :, None]))


def prevail_probability(
    x: FloatArray,
    c: FloatArray,
    s: FloatArray,
    width: float,
    exponent: FloatArray,
    denominator: ProbabilityDenominator,
) -> FloatArray:
    """``P[i, j]``: probability that i prevails over j; 0 where the positions coincide.

    >>> p = prevail_probability(np.array([0.0, 1.0, 0.2]), np.ones(3), np.ones(3), 1.0, np.ones(3),
    ...                         ProbabilityDenominator.PAIR)
    >>> p.round(3).tolist()  # P[0, 1] = (1 + 0.6) / (1 + 1 + 0.6): votes of k = 0, 1, 2 are 1, -1, 0.6
    [[0.0, 0.615, 0.333], [0.385, 0.0, 0.333], [0.667, 0.667, 0.0]]
    """
    votes = _votes(x, c, s, width, exponent)
    support = np.maximum(votes, 0.0).sum(axis=0)
    if denominator is ProbabilityDenominator.PAIR:
        total = np.abs(votes).sum(axis=0)
    else:
        total = np.full_like(support, np.abs(votes).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(total > 0, support / np.where(total > 0, total, 1.0), 0.0)
    return np.asarray(np.where(x[:, None] == x[None, :], 0.0, p))


def _utility(distance: FloatArray, r: FloatArray, sign: float, share: float) -> FloatArray:
    """``2 − 4 (½ + sign·share·distance)^r`` (U_s: sign −1, share ½; U_f: +1, ½; U_b, U_w: ¼ of a sum)."""
    return np.asarray(2.0 - 4.0 * (0.5 + sign * share * distance) ** r)


def expected_utility(
    x: FloatArray,
    s: FloatArray,
    width: float,
    mean: float,
    p: FloatArray,
    challenger: IntArray,
    target: IntArray,
    r: FloatArray,
    opts: BDMOptions,
) -> FloatArray:
    """``E(U_ij)`` for arrays of challengers i and targets j, with risk exponents ``r`` (one per pair).

    ``E = s_j [P_ij U_s + (1 − P_ij) U_f] + (1 − s_j) U_s − Q U_sq − (1 − Q)[T U_b + (1 − T) U_w]``.
    """
    i, j = challenger, target
    gap = np.abs(x[i] - x[j]) / width
    u_s = _utility(gap, r, -1.0, 0.5)
    u_f = _utility(gap, r, +1.0, 0.5)
    u_sq = 2.0 - 4.0 * 0.5**r
    eu = s[j] * (p[i, j] * u_s + (1.0 - p[i, j]) * u_f) + (1.0 - s[j]) * u_s - opts.q * u_sq
    if opts.q < 1.0:
        wide = (np.abs(x[i] - mean) + np.abs(x[i] - x[j])) / width
        u_b = _utility(wide, r, -1.0, 0.25)
        u_w = _utility(wide, r, +1.0, 0.25)
        eu = eu - (1.0 - opts.q) * (opts.t * u_b + (1.0 - opts.t) * u_w)
    return np.asarray(eu)


def risk_exponents(x: FloatArray, c: FloatArray, s: FloatArray, width: float, opts: BDMOptions) -> FloatArray:
    """Risk exponents ``r_i`` in ``[½, 2]`` from each actor's exposure to challenges (computed with r = 1).

    ``S_i = Σ_{j≠i} E_j(U_ji)``, ``R_i = (2 S_i − S_max − S_min)/(S_max − S_min)``,
    ``r_i = (1 − R_i/3)/(1 + R_i/3)``: the most exposed actor is the most risk-averse (r = ½). All actors are
    risk-neutral (r = 1) when every S is equal.
    """
    n = x.size
    ones = np.ones(n)
    p = prevail_probability(x, c, s, width, ones, opts.denominator)
    jj, ii = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")  # E[j, i]: j challenges i
    eu = expected_utility(x, s, width, weighted_mean(x, c, s), p, jj, ii, np.ones((n, n)), opts)
    np.fill_diagonal(eu, 0.0)
    exposure = eu.sum(axis=0)
    low, high = exposure.min(), exposure.max()
    if high - low <= 0.0:
        return ones
    big_r = (2.0 * exposure - high - low) / (high - low)
    return np.asarray((1.0 - big_r / 3.0) / (1.0 + big_r / 3.0))


def bdm_round(
    x: FloatArray, c: FloatArray, s: FloatArray, width: float, opts: BDMOptions
) -> tuple[FloatArray, FloatArray, IntArray, IntArray]:
    """One round: risk exponents, every receiver's offers, and simultaneous moves.

    Returns the new positions, the risk exponents, each actor's offer kind (index into
    :data:`OFFER_CODES`) and its proposer (−1: none).
    """
    n = x.size
    r = risk_exponents(x, c, s, width, opts)
    exponent = r if opts.votes_use_risk else np.ones(n)
    p = prevail_probability(x, c, s, width, exponent, opts.denominator)
    mean = weighted_mean(x, c, s)
    ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")  # receiver i, proposer j
    r_view = np.broadcast_to(r[:, None], (n, n))  # both utilities from the receiver's point of view
    e_i = expected_utility(x, s, width, mean, p, ii, jj, r_view, opts)  # E_i(U_ij)
    e_j = expected_utility(x, s, width, mean, p, jj, ii, r_view, opts)  # E_j(U_ji) as i sees it
    valid = x[:, None] != x[None, :]
    confront = valid & (e_j > e_i) & (e_i > 0)
    lose = valid & (e_j > 0) & (e_i < 0)
    compromise = lose & (e_j > np.abs(e_i))
    capitulate = lose & (np.abs(e_i) > e_j) if opts.capitulation else np.zeros_like(lose)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.abs(np.where(e_j != 0, e_i / np.where(e_j != 0, e_j, 1.0), 0.0))
    target = np.where(compromise, x[:, None] + (x[None, :] - x[:, None]) * ratio, x[None, :])
    move = np.abs(target - x[:, None])
    if opts.compromise_choice is CompromiseChoice.NEAREST:
        compromise_key = move
    else:
        weight_i, weight_j = np.abs(e_i), np.abs(e_j)
        with np.errstate(invalid="ignore", divide="ignore"):
            compromise_key = (weight_i * x[:, None] + weight_j * x[None, :]) / (weight_i + weight_j)
    new_x = x.copy()
    kind = np.zeros(n, dtype=np.int64)
    proposer = np.full(n, -1, dtype=np.int64)
    for code, mask, key in ((1, confront, move), (2, compromise, compromise_key), (3, capitulate, move)):
        open_ = (kind == 0) & mask.any(axis=1)
        best = np.argmin(np.where(mask, key, np.inf), axis=1)
        rows = np.flatnonzero(open_)
        new_x[rows] = target[rows, best[rows]]
        kind[rows] = code
        proposer[rows] = best[rows]
    return new_x, r, kind, proposer


def run_bdm(
    position: npt.ArrayLike,
    capability: npt.ArrayLike,
    salience: npt.ArrayLike,
    options: BDMOptions | None = None,
    *,
    scale_width: float | None = None,
) -> BDMRun:
    """Run the model on one issue for ``options.rounds`` rounds.

    ``scale_width`` is the width of the issue's scale, used as Δ only when all positions coincide.

    Example (EC car-emission case, start): median 7.0, weighted mean 7.39.
        >>> x = [4, 7, 4, 4, 10, 10, 10, 7, 4, 7]
        >>> c = [.08, .08, .03, .16, .16, .16, .16, .05, .05, .08]
        >>> s = [.8, .4, .2, .8, .6, .6, .9, .1, 1.0, .7]
        >>> run = run_bdm(x, c, s, BDMOptions(rounds=0))
        >>> float(run.median[0]), round(float(run.mean[0]), 3)
        (7.0, 7.39)
    """
    opts = options or BDMOptions()
    x = np.array(position, dtype=np.float64)
    c = np.asarray(capability, dtype=np.float64)
    s = np.asarray(salience, dtype=np.float64)
    if x.ndim != 1 or c.shape != x.shape or s.shape != x.shape:
        raise ValueError("position, capability and salience must be 1-D of the same length")
    width = float(x.max() - x.min())
    if width <= 0.0:
        width = float(scale_width) if scale_width else 1.0
    positions = [x]
    risks: list[FloatArray] = []
    kinds: list[IntArray] = []
    proposers: list[IntArray] = []
    medians = [median_voter(x, c, s)]
    means = [weighted_mean(x, c, s)]
    for _ in range(opts.rounds):
        round_width = width if opts.fixed_range else max(float(x.max() - x.min()), 1e-12)
        x, r, kind, proposer = bdm_round(x, c, s, round_width, opts)
        positions.append(x)
        risks.append(r)
        kinds.append(kind)
        proposers.append(proposer)
        medians.append(median_voter(x, c, s))
        means.append(weighted_mean(x, c, s))
    n = x.size
    return BDMRun(
        positions=np.stack(positions),
        risk_exponent=np.stack(risks) if risks else np.empty((0, n)),
        median=np.asarray(medians),
        mean=np.asarray(means),
        offer=np.stack(kinds) if kinds else np.empty((0, n), dtype=np.int64),
        proposer=np.stack(proposers) if proposers else np.empty((0, n), dtype=np.int64),
        options=opts,
    )


def solve_bdm(spec: NegotiationSpec, options: BDMOptions | None = None) -> NegotiationResult:
    """Run the model issue by issue and return the common :class:`NegotiationResult`.

    The predicted outcome on each issue is the median voter position after the last round (Bueno de
    Mesquita's forecast). Saliences are used per issue as given.
    """
    opts = options or BDMOptions()
    runs = [
        run_bdm(
            spec.position[:, k],
            spec.capability,
            spec.salience[:, k],
            opts,
            scale_width=float(spec.scale[k, 1] - spec.scale[k, 0]),
        )
        for k in range(spec.n_issues)
    ]
    names = np.asarray([str(code) for code in OFFER_CODES], dtype=object)
    return NegotiationResult(
        model="bdm",
        spec=spec,
        trajectory=np.stack([r.positions for r in runs], axis=2),
        outcome=np.asarray([r.median[-1] for r in runs]),
        toward=np.stack([r.proposer for r in runs], axis=2),
        converged=True,
        options=opts.as_dict(),
        details={
            "median": np.stack([r.median for r in runs], axis=1),
            "mean": np.stack([r.mean for r in runs], axis=1),
            "risk_exponent": np.stack([r.risk_exponent for r in runs], axis=2),
            "offer": names[np.stack([r.offer for r in runs], axis=2)],
        },
    )
