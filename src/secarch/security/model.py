"""Security scores: own capability and guarantors' support against projected threats.

Per state i (all sums over the other states j, everything an n×n array operation)::

    own_i     = P[i, i]
    support_i = support_weight * Σ_j G[j, i] * P[j, i]
    threat_i  = Σ_j W[j, i] * P[j, i]
    Security_i = (own_i + support_i) / (own_i + support_i + threat_i)

P[j, i] is j's capability share projected to i with Bueno de Mesquita's (1981) loss-of-strength gradient
(:mod:`secarch.security.gradient`), G[j, i] the credibility with which j guarantees i, and W[j, i] the weight
of j as a threat to i: dissimilar alliance portfolios (1 - S) / 2 with Signorino and Ritter's (1999) S,
strategic rivalry R, dispute opposition D, hostility passed on to an adversary's guarantors (G @ H),
agreements naming i as a target T, all damped by non-aggression or neutrality commitments N (see
:class:`~secarch.security.params.SecurityParams`).

Capabilities enter as *shares* of a total: the gradient raises a number below 1 to a power, which only makes
sense for shares, and it makes the scores independent of the unit of capability by construction.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from secarch.errors import InputError
from secarch.security.gradient import (
    effective_distance,
    gradient_exponent,
    miles_per_day,
    projected_capability,
)
from secarch.security.params import SecurityParams

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

RELATION_NAMES = ("guarantee", "dispute", "rivalry", "target", "restraint")


def _bad(field_name: str, message: str, expected: str, hint: str | None = None) -> InputError:
    return InputError.single(message, field=field_name, expected=expected, hint=hint)


def _square(name: str, value: npt.ArrayLike, n: int, *, unit_interval: bool = False) -> FloatArray:
    array = np.asarray(value, dtype=float)
    if array.shape != (n, n):
        raise _bad(
            name, f"{name} has shape {array.shape}", f"an {n}×{n} matrix (one row and column per state)"
        )
    if not np.all(np.isfinite(array)):
        raise _bad(name, f"{name} has missing or infinite entries", "finite numbers")
    if unit_interval and (array.min(initial=0.0) < 0.0 or array.max(initial=0.0) > 1.0):
        raise _bad(name, f"{name} has entries outside [0, 1]", "numbers between 0 and 1")
    return array


def capability_shares(capability: npt.ArrayLike, total: float | None = None) -> FloatArray:
    """Capabilities as shares of ``total`` (default: their sum).

    Pass ``total`` when the states are a subset of a larger system (e.g. the world's total capability), and
    scale it together with the capabilities: shares, and so scores, then do not change.

    >>> capability_shares([1.0, 3.0]).tolist()
    [0.25, 0.75]
    >>> capability_shares([1.0, 3.0], total=8.0).tolist()
    [0.125, 0.375]
    """
    c = np.asarray(capability, dtype=float)
    if c.ndim != 1 or not np.all(np.isfinite(c)) or np.any(c < 0):
        raise _bad(
            "capability", "capabilities must be a vector of finite numbers >= 0", "one number >= 0 per state"
        )
    denominator = float(c.sum()) if total is None else float(total)
    if not denominator > 0 or denominator < float(c.sum()) * (1 - 1e-12):
        raise _bad(
            "capability_total",
            f"the capability total {denominator} is not positive or is below the states' own sum {c.sum()}",
            "a positive total at least as large as the sum of the states' capabilities",
        )
    return np.minimum(c / denominator, 1.0)


@dataclass(frozen=True)
class Geography:
    """Who can bring how much capability where: states, capability shares and the projection matrix.

    ``projection[j, i]`` is j's capability share projected to i (the diagonal is each state at home).
    Nothing here depends on agreements or disputes, so the what-if engine computes it once.
    """

    states: tuple[str, ...]
    year: int
    shares: FloatArray
    projection: FloatArray
    miles_per_day: float
    #: Number of states in the system the portfolios are compared over (the denominator of unweighted S).
    system_size: int = 0

    @classmethod
    def build(
        cls,
        states: tuple[str, ...] | list[str],
        capability: npt.ArrayLike,
        distance_miles: npt.ArrayLike,
        contiguous: npt.ArrayLike,
        year: int,
        params: SecurityParams | None = None,
        capability_total: float | None = None,
        system_size: int | None = None,
    ) -> Geography:
        """Shares, effective distances (0 between land neighbours) and the projection matrix.

        ``capability_total`` and ``system_size`` describe the whole state system when the states are only
        part of it (e.g. an architecture of Eurasia in a world of 193 states): capabilities become shares of
        the world's total, and Signorino–Ritter S compares portfolios over all ``system_size`` states, the
        ones outside the architecture having no recorded commitments. Both default to the states given.

        >>> geo = Geography.build(["A", "B"], [1.0, 1.0], [[0, 1000], [1000, 0]], [[0, 0], [0, 0]], 2000)
        >>> [round(float(x), 4) for x in geo.projection[0]]
        [0.5501, 0.5113]
        """
        params = params or SecurityParams()
        states = tuple(states)
        n = len(states)
        if len(set(states)) != n:
            raise _bad("states", "the list of states has duplicates", "each state once")
        shares = capability_shares(capability, capability_total)
        if shares.shape != (n,):
            raise _bad(
                "capability", f"{shares.shape[0]} capabilities for {n} states", "one capability per state"
            )
        distance = _square("distance", distance_miles, n)
        if np.any(distance < 0):
            raise _bad("distance", "distances must be >= 0", "miles between capitals")
        contiguity = np.asarray(contiguous, dtype=bool)
        if contiguity.shape != (n, n):
            raise _bad("contiguous", f"contiguity has shape {contiguity.shape}", f"an {n}×{n} boolean matrix")
        mpd = params.miles_per_day if params.miles_per_day is not None else miles_per_day(year)
        exponent = gradient_exponent(effective_distance(distance, contiguity), mpd)
        size = n if system_size is None else int(system_size)
        if size < n:
            raise _bad(
                "system_size", f"system size {size} is below the number of states {n}", f"at least {n}"
            )
        return cls(states, int(year), shares, projected_capability(shares, exponent), float(mpd), size)

    @property
    def n(self) -> int:
        return len(self.states)

    @property
    def own(self) -> FloatArray:
        """Each state's capability share projected at home, P[i, i]."""
        return np.diagonal(self.projection).copy()


@dataclass(frozen=True)
class Relations:
    """The relations between states, each an n×n matrix in [0, 1] with rows the actor j, columns the object i.

    - ``guarantee[j, i]``: credibility with which j guarantees i's security;
    - ``dispute[j, i]``: j and i are on opposite sides of a dispute (symmetric), with its intensity;
    - ``rivalry[j, i]``: j and i are strategic rivals (symmetric);
    - ``target[j, i]``: j is party to an agreement directed against i (credibility);
    - ``restraint[j, i]``: j has committed not to use force against i (non-aggression, neutrality).

    Diagonals are ignored.
    """

    guarantee: FloatArray
    dispute: FloatArray
    rivalry: FloatArray
    target: FloatArray
    restraint: FloatArray

    @classmethod
    def empty(cls, n: int) -> Relations:
        return cls(*(np.zeros((n, n)) for _ in RELATION_NAMES))

    @classmethod
    def of(cls, n: int, **matrices: npt.ArrayLike | None) -> Relations:
        """Relations from the given matrices (missing ones are zero), checked for shape and range."""
        unknown = set(matrices) - set(RELATION_NAMES)
        if unknown:
            raise _bad(
                sorted(unknown)[0], f"unknown relation {sorted(unknown)[0]!r}", ", ".join(RELATION_NAMES)
            )
        arrays = []
        for name in RELATION_NAMES:
            value = matrices.get(name)
            array = np.zeros((n, n)) if value is None else _square(name, value, n, unit_interval=True).copy()
            np.fill_diagonal(array, 0.0)
            arrays.append(array)
        return cls(*arrays)

    def replace(self, **changes: FloatArray) -> Relations:
        return dataclasses.replace(self, **changes)


def portfolio_dissimilarity(
    guarantee: npt.ArrayLike, weights: npt.ArrayLike | None = None, total: float | None = None
) -> FloatArray:
    """(1 - S) / 2 for every pair of states, with Signorino and Ritter's S over guarantee portfolios.

    A state's portfolio is its row of the guarantee matrix (whom it has committed to defend, with what
    credibility) with a 1 for itself. Signorino and Ritter (1999, "Tau-b or not tau-b", *International
    Studies Quarterly* 43) define S = 1 - 2 d / d_max with d the (weighted) L1 distance between two
    portfolios and d_max its largest possible value; with entries in [0, 1], (1 - S) / 2 = d / Σ_m w_m::

        dis[i, j] = Σ_m w_m |A[i, m] - A[j, m]| / total,   A = guarantee with a unit diagonal

    ``weights`` (default all 1) weight the states of the portfolio, e.g. by capability share; ``total`` is
    Σ_m w_m over the whole system (default: over the states given). States outside the matrix have no
    commitments in it, so they add nothing to d but count in ``total``.

    >>> portfolio_dissimilarity([[0, 0], [0, 0]]).tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    >>> portfolio_dissimilarity([[0, 0], [0, 0]], total=4).tolist()
    [[0.0, 0.5], [0.5, 0.0]]
    >>> portfolio_dissimilarity([[0, 1], [1, 0]]).tolist()
    [[0.0, 0.0], [0.0, 0.0]]
    """
    from secarch.metrics.similarity import signorino_ritter_s

    portfolio = np.array(guarantee, dtype=float)
    n = portfolio.shape[0]
    np.fill_diagonal(portfolio, 1.0)
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    denominator = float(w.sum()) if total is None else float(total)
    if not denominator > 0 or not float(w.sum()) > 0:
        return np.zeros((n, n))
    # secarch.metrics computes S over the given columns (d_max = Σ w, entries in [0, 1]); states outside the
    # matrix add nothing to the distance but enlarge d_max, hence the rescaling to ``total``.
    s = signorino_ritter_s(portfolio, w, 1.0)
    dis = (1.0 - s) / 2.0 * (float(w.sum()) / denominator)
    np.fill_diagonal(dis, 0.0)
    return np.asarray(dis, dtype=float)


def dissimilarity_from_s(similarity: npt.ArrayLike) -> FloatArray:
    """(1 - S) / 2, clipped to [0, 1], with a zero diagonal, for an S computed elsewhere.

    >>> dissimilarity_from_s([[1.0, -1.0], [-1.0, 1.0]]).tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    s = np.asarray(similarity, dtype=float)
    dis = np.clip((1.0 - s) / 2.0, 0.0, 1.0)
    np.fill_diagonal(dis, 0.0)
    return dis


def similarity_weights(geography: Geography, params: SecurityParams) -> tuple[FloatArray, float]:
    """The per-state weights of S and their total over the whole system.

    Unweighted: 1 per state, total = the system's size. By capability: the capability shares, total 1
    (the shares of all the system's states sum to 1).
    """
    if params.similarity_weighting == "capability":
        return geography.shares, 1.0
    return np.ones(geography.n), float(max(geography.system_size, geography.n))


def hostility(relations: Relations, params: SecurityParams) -> FloatArray:
    """H = rival_weight * R + dispute_weight * D: direct hostility between states."""
    return params.rival_weight * relations.rivalry + params.dispute_weight * relations.dispute


def times_sparse(left: FloatArray, right: Any) -> FloatArray:
    """left @ right for a mostly-zero ``right`` (hostility: a few rivalries and disputes among many pairs).

    ``right`` is a dense array or a scipy sparse array (pass one to reuse its conversion). A sparse
    product costs O(rows(left) · nnz(right)) and, unlike a small dense BLAS call, does not spin up threads
    (which makes small products slow on a busy machine).
    """
    from scipy import sparse

    if not sparse.issparse(right):
        right = sparse.csc_array(np.asarray(right))
    product = right.T @ np.asarray(left).T
    return np.ascontiguousarray(np.asarray(product).T)


def threat_weights(relations: Relations, dissimilarity: FloatArray, params: SecurityParams) -> FloatArray:
    """W[j, i], the weight of j as a threat to i.

    W = (dissimilar_weight * dis + H + extended_weight * G @ H + target_weight * T)
        * (1 - restraint_weight * N)
    with a zero diagonal. (G @ H)[j, i] = Σ_x G[j, x] H[x, i]: j guarantees x, x is hostile to i, so j's
    capability is a threat to i (extended deterrence seen from i).
    """
    h = hostility(relations, params)
    w = params.dissimilar_weight * dissimilarity + h + params.target_weight * relations.target
    if params.extended_weight:
        w = w + params.extended_weight * times_sparse(relations.guarantee, h)
    w = w * (1.0 - params.restraint_weight * relations.restraint)
    np.fill_diagonal(w, 0.0)
    return w


def security_ratio(own: FloatArray, support: FloatArray, threat: FloatArray) -> FloatArray:
    """(own + support) / (own + support + threat); 1 where nothing threatens (threat = 0)."""
    strength = own + support
    total = strength + threat
    out = np.ones_like(total)
    np.divide(strength, total, out=out, where=threat > 0)
    return out


@dataclass(frozen=True)
class SecurityScores:
    """Security of every state: own capability, support and threat (all in projected capability shares)."""

    states: tuple[str, ...]
    year: int
    own: FloatArray
    support: FloatArray
    threat: FloatArray
    security: FloatArray
    params: SecurityParams = field(default_factory=SecurityParams)

    def to_frame(self) -> Any:
        """A pandas DataFrame with one row per state, most secure first."""
        import pandas as pd

        frame = pd.DataFrame(
            {
                "state": list(self.states),
                "security": self.security,
                "own": self.own,
                "support": self.support,
                "threat": self.threat,
            }
        )
        return frame.sort_values(["security", "state"], ascending=[False, True]).reset_index(drop=True)

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "params": self.params.as_dict(),
            "states": [
                {
                    "state": s,
                    "security": float(self.security[k]),
                    "own": float(self.own[k]),
                    "support": float(self.support[k]),
                    "threat": float(self.threat[k]),
                }
                for k, s in enumerate(self.states)
            ],
        }


def security_scores(
    geography: Geography,
    relations: Relations,
    params: SecurityParams | None = None,
    similarity: npt.ArrayLike | None = None,
) -> SecurityScores:
    """Security of every state (formula in the module docstring).

    ``similarity`` is a Signorino–Ritter S matrix computed elsewhere (e.g. by ``secarch.metrics``); by default
    S is computed from the guarantee portfolios (:func:`portfolio_dissimilarity`).

    >>> geo = Geography.build(["A", "B"], [1.0, 1.0], [[0, 1000], [1000, 0]], [[0, 0], [0, 0]], 2000)
    >>> scores = security_scores(geo, Relations.empty(2))
    >>> [round(float(x), 4) for x in scores.security]
    [0.5183, 0.5183]
    """
    params = params or SecurityParams()
    n = geography.n
    if relations.guarantee.shape != (n, n):
        raise _bad(
            "relations", f"relations are {relations.guarantee.shape[0]}×… for {n} states", "n×n matrices"
        )
    if similarity is None:
        dis = portfolio_dissimilarity(relations.guarantee, *similarity_weights(geography, params))
    else:
        dis = dissimilarity_from_s(_square("similarity", similarity, n))
    p = geography.projection
    own = geography.own
    guarantee = relations.guarantee.copy()
    np.fill_diagonal(guarantee, 0.0)
    support = params.support_weight * np.einsum("ji,ji->i", guarantee, p)
    threat = np.einsum("ji,ji->i", threat_weights(relations, dis, params), p)
    return SecurityScores(
        geography.states, geography.year, own, support, threat, security_ratio(own, support, threat), params
    )


def capability_baseline(geography: Geography, params: SecurityParams | None = None) -> FloatArray:
    """Security with no agreements, rivalries or disputes: the model's capability baseline.

    Every portfolio then holds only the state itself, so two states' portfolios differ in exactly their own
    two entries and (1 - S_ij) / 2 = (w_i + w_j) / Σ_m w_m (= 2 / N unweighted, N the system's size).
    Security reduces to the state's own projected capability against everyone else's, each discounted by
    that dissimilarity::

        Security_i = P[i, i] / (P[i, i] + dissimilar_weight * Σ_{j≠i} (w_i + w_j) / Σ w * P[j, i])

    >>> geo = Geography.build(["A", "B"], [1.0, 1.0], [[0, 1000], [1000, 0]], [[0, 0], [0, 0]], 2000)
    >>> [round(float(x), 4) for x in capability_baseline(geo)]
    [0.5183, 0.5183]
    """
    params = params or SecurityParams()
    n = geography.n
    weights, total = similarity_weights(geography, params)
    dis = (weights[:, None] + weights[None, :]) / total if total > 0 else np.zeros((n, n))
    np.fill_diagonal(dis, 0.0)
    own = geography.own
    threat = params.dissimilar_weight * np.einsum("ji,ji->i", dis, geography.projection)
    return security_ratio(own, np.zeros(n), threat)
