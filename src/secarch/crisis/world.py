"""The arrays the crisis engine runs on: a dyad-year onset hazard and the per-year crisis ingredients.

States are the rows/columns of every matrix; dyads are the non-directed pairs ``i < j`` in row-major order
(:func:`pair_index`), the same order as :mod:`secarch.crisis.dyads`. Nothing here depends on the runs: the
engine broadcasts these arrays over runs.

Two layers:

* :class:`OnsetModel` — the dispute-onset hazard as a logit that is linear in the run-dependent dispute
  history (peace-years, discounted onsets, no earlier onset), so the engine can update the history of each
  run and dyad as it simulates;
* :class:`CrisisWorld` — the onset model plus the per-year ingredients of escalation and joining
  (guarantee credibilities, projected capabilities, capability shares, mediation), from an architecture
  (:mod:`secarch.crisis.inputs`) or from the historical system (:mod:`secarch.crisis.calibration`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def pair_index(n: int) -> tuple[IntArray, IntArray]:
    """Indices ``(i, j)`` of the ``n (n − 1) / 2`` non-directed pairs ``i < j``, row-major.

    >>> pair_index(3)
    (array([0, 0, 1]), array([1, 2, 2]))
    """
    i, j = np.triu_indices(n, 1)
    return i.astype(np.int64), j.astype(np.int64)


def dyad_position(i: npt.ArrayLike, j: npt.ArrayLike, n: int) -> IntArray:
    """Position of the pair {i, j} (i ≠ j) in the row-major list of pairs a < b of :func:`pair_index`:
    a (2n − a − 1) / 2 + (b − a − 1) with a = min(i, j), b = max(i, j).

    >>> dyad_position(np.array([0, 2, 1]), np.array([1, 1, 2]), 3).tolist()
    [0, 2, 2]
    """
    a = np.minimum(i, j)
    b = np.maximum(i, j)
    return np.asarray(a * (2 * n - a - 1) // 2 + (b - a - 1), dtype=np.int64)


def logit(p: npt.ArrayLike) -> FloatArray:
    """ln(p / (1 − p)), with p = 0 → −inf and p = 1 → +inf.

    >>> logit([0.0, 0.5]).tolist()
    [-inf, 0.0]
    """
    q = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore"):
        return np.asarray(np.log(q) - np.log1p(-q))


@dataclass(frozen=True, eq=False)
class OnsetModel:
    """Dyad-year onset probabilities whose history terms the engine updates run by run.

    P(onset in dyad d, year t) = expit(η), η = ``base_logit[t, d]`` + ``peace_effect[min(py, K)]``
    + ``discount_coef`` · ln(1 + h) + ``no_prior_coef[t]`` · [no earlier onset], where py are the years since
    the dyad's last onset (0 the year after an onset), h = Σ_{earlier onsets s} exp(−(t − s)/τ) and K + 1 the
    length of ``peace_effect``. This is the form of the fitted hazard model (:mod:`secarch.crisis.hazard`):
    its peace-years spline is tabulated by whole years. After a year with an onset the engine sets py = 0 and
    h ← δ (h + 1), otherwise py ← py + 1 and h ← δ h, with δ = ``discount_factor`` = exp(−1/τ).

    ``peace_years0``, ``discounted0`` and ``prior0`` are every dyad's history at the start of the first year.
    A dyad that does not exist in a year (a state outside the system) has ``base_logit`` = −inf there.

    >>> m = OnsetModel.fixed(np.full((2, 3), 0.1))
    >>> m.n_years, m.n_dyads, round(float(m.probability(0, np.zeros(3, int), np.zeros(3),
    ...     np.zeros(3, bool))[0]), 6)
    (2, 3, 0.1)
    """

    base_logit: FloatArray
    peace_effect: FloatArray
    discount_coef: float
    no_prior_coef: FloatArray
    discount_factor: float
    peace_years0: IntArray
    discounted0: FloatArray
    prior0: BoolArray

    def __post_init__(self) -> None:
        base = np.asarray(self.base_logit, dtype=float)
        if base.ndim != 2:
            raise ValueError(f"base_logit must be years × dyads, got shape {base.shape}")
        t, d = base.shape
        if np.isnan(base).any():
            raise ValueError("base_logit has NaN entries")
        if np.asarray(self.peace_effect).ndim != 1 or len(self.peace_effect) < 1:
            raise ValueError("peace_effect must be a non-empty vector")
        if not np.all(np.isfinite(self.peace_effect)):
            raise ValueError("peace_effect must be finite")
        if np.shape(self.no_prior_coef) != (t,):
            raise ValueError(f"no_prior_coef must have one entry per year ({t})")
        for name in ("peace_years0", "discounted0", "prior0"):
            if np.shape(getattr(self, name)) != (d,):
                raise ValueError(f"{name} must have one entry per dyad ({d})")
        if not (0.0 < self.discount_factor <= 1.0) or not math.isfinite(self.discount_coef):
            raise ValueError("discount_factor must be in (0, 1] and discount_coef finite")

    @property
    def n_years(self) -> int:
        return int(self.base_logit.shape[0])

    @property
    def n_dyads(self) -> int:
        return int(self.base_logit.shape[1])

    def probability(
        self, year: int, peace_years: IntArray, discounted: FloatArray, prior: BoolArray
    ) -> FloatArray:
        """Onset probability of every dyad in year index ``year`` given a history (any leading axes)."""
        k = len(self.peace_effect) - 1
        eta = (
            self.base_logit[year]
            + self.peace_effect[np.clip(peace_years, 0, k)]
            + self.discount_coef * np.log1p(discounted)
            + self.no_prior_coef[year] * ~np.asarray(prior, dtype=bool)
        )
        return np.asarray(1.0 / (1.0 + np.exp(-eta)))

    @classmethod
    def fixed(cls, probability: npt.ArrayLike) -> OnsetModel:
        """A history-free model with given probabilities (years × dyads), e.g. for tests and what-ifs.

        >>> OnsetModel.fixed([[0.0, 1.0]]).base_logit.tolist()
        [[-inf, inf]]
        """
        p = np.asarray(probability, dtype=float)
        if p.ndim != 2 or np.any((p < 0) | (p > 1)) or np.isnan(p).any():
            raise ValueError("probability must be a years × dyads array of numbers in [0, 1]")
        t, d = p.shape
        return cls(
            base_logit=logit(p),
            peace_effect=np.zeros(1),
            discount_coef=0.0,
            no_prior_coef=np.zeros(t),
            discount_factor=1.0,
            peace_years0=np.zeros(d, dtype=np.int64),
            discounted0=np.zeros(d),
            prior0=np.ones(d, dtype=bool),
        )


@dataclass(frozen=True, eq=False)
class CrisisWorld:
    """Everything the engine needs about the simulated states, year by year (T years, n states, D dyads).

    Attributes
    ----------
    states : the state codes (ISO3), the order of every state axis.
    years : the simulated calendar years.
    onset : the dyad-year onset hazard (:class:`OnsetModel`).
    guarantee : (T, n, n) ``guarantee[t, k, s]`` credibility with which k is committed to defend s.
    projection : (T, n, n) ``projection[t, k, s]`` capability of k projected to s (loss-of-strength gradient).
    shares : (T, n) capability shares (CINC), > 0.
    mediation : (T, D) whether both states of a pair belong to an organisation with a conflict-settlement
        mechanism.
    active : (T, n) whether the state exists in the year (inactive states neither fight nor join).
    source : where the arrays come from (recorded in results).
    """

    states: tuple[str, ...]
    years: tuple[int, ...]
    onset: OnsetModel
    guarantee: FloatArray
    projection: FloatArray
    shares: FloatArray
    mediation: BoolArray
    active: BoolArray
    source: str = ""

    def __post_init__(self) -> None:
        n, t = len(self.states), len(self.years)
        d = n * (n - 1) // 2
        if n < 2:
            raise ValueError("a crisis world needs at least two states")
        expected = {
            "guarantee": (t, n, n),
            "projection": (t, n, n),
            "shares": (t, n),
            "mediation": (t, d),
            "active": (t, n),
        }
        for name, shape in expected.items():
            if np.shape(getattr(self, name)) != shape:
                raise ValueError(f"{name} has shape {np.shape(getattr(self, name))}, expected {shape}")
        if (self.onset.n_years, self.onset.n_dyads) != (t, d):
            raise ValueError(
                f"the onset model covers {self.onset.n_years} years × {self.onset.n_dyads} dyads"
            )
        g = np.asarray(self.guarantee)
        if np.any((g < 0) | (g > 1)) or np.isnan(g).any():
            raise ValueError("guarantee credibilities must be in [0, 1]")
        if np.any(np.asarray(self.shares) <= 0) or not np.all(np.isfinite(self.shares)):
            raise ValueError("capability shares must be positive")

    @property
    def n_states(self) -> int:
        return len(self.states)

    @property
    def n_years(self) -> int:
        return len(self.years)

    @property
    def n_dyads(self) -> int:
        return self.onset.n_dyads


@dataclass(eq=False)
class WorldArrays:
    """The per-year arrays of a :class:`CrisisWorld` being built (T years, n states, D pairs), filled one year
    at a time by :meth:`set_year`. Until a year sets them, a state is inactive and a pair has no onset hazard
    (logit −inf); an absent state keeps a negligible capability (share 1e-6, projection 1e-12), so that
    capability ratios stay finite."""

    base_logit: FloatArray
    no_prior_coef: FloatArray
    guarantee: FloatArray
    projection: FloatArray
    shares: FloatArray
    mediation: BoolArray
    active: BoolArray

    @classmethod
    def empty(cls, n_years: int, n_states: int) -> WorldArrays:
        t, n = n_years, n_states
        d = n * (n - 1) // 2
        return cls(
            base_logit=np.full((t, d), -np.inf),
            no_prior_coef=np.zeros(t),
            guarantee=np.zeros((t, n, n)),
            projection=np.full((t, n, n), 1e-12),
            shares=np.full((t, n), 1e-6),
            mediation=np.zeros((t, d), dtype=bool),
            active=np.zeros((t, n), dtype=bool),
        )

    def set_year(
        self,
        t: int,
        states: IntArray,
        pairs: IntArray,
        *,
        base_logit: FloatArray,
        no_prior_coef: float,
        guarantee: FloatArray,
        projection: FloatArray,
        shares: FloatArray,
        mediation: npt.ArrayLike,
    ) -> None:
        """Year ``t`` of the states at positions ``states`` (active that year): their matrices, and the values
        of their pairs, which are at positions ``pairs`` (:func:`dyad_position`)."""
        grid = np.ix_(states, states)
        self.base_logit[t, pairs] = base_logit
        self.no_prior_coef[t] = no_prior_coef
        self.guarantee[t][grid] = guarantee
        self.projection[t][grid] = projection
        self.shares[t, states] = shares
        self.mediation[t, pairs] = mediation
        self.active[t, states] = True

    def finish(
        self, states: tuple[str, ...], years: tuple[int, ...], onset: OnsetModel, source: str
    ) -> CrisisWorld:
        """The finished world, with ``onset`` built on :attr:`base_logit` and :attr:`no_prior_coef`."""
        return CrisisWorld(
            states,
            years,
            onset,
            self.guarantee,
            self.projection,
            self.shares,
            self.mediation,
            self.active,
            source,
        )


def subset_world(world: CrisisWorld, states: tuple[str, ...] | list[str]) -> CrisisWorld:
    """The same world restricted to ``states`` (in the world's order): e.g. only the states of a region.
    States outside the subset neither fight nor join.

    >>> w = CrisisWorld(("A", "B", "C"), (2030,), OnsetModel.fixed([[0.1, 0.2, 0.3]]), np.zeros((1, 3, 3)),
    ...     np.full((1, 3, 3), 0.3), np.full((1, 3), 1 / 3), np.zeros((1, 3), bool), np.ones((1, 3), bool))
    >>> subset_world(w, ["A", "C"]).onset.base_logit.round(4).tolist()
    [[-1.3863]]
    """
    wanted = set(states)
    keep = np.array([k for k, s in enumerate(world.states) if s in wanted], dtype=np.int64)
    if len(keep) < 2:
        raise ValueError("a subset needs at least two of the world's states")
    a, b = pair_index(len(keep))
    dyad = dyad_position(keep[a], keep[b], world.n_states)
    m = world.onset
    onset = OnsetModel(
        base_logit=m.base_logit[:, dyad],
        peace_effect=m.peace_effect,
        discount_coef=m.discount_coef,
        no_prior_coef=m.no_prior_coef,
        discount_factor=m.discount_factor,
        peace_years0=m.peace_years0[dyad],
        discounted0=m.discounted0[dyad],
        prior0=m.prior0[dyad],
    )
    grid = np.ix_(np.arange(world.n_years), keep, keep)
    return CrisisWorld(
        states=tuple(world.states[k] for k in keep),
        years=world.years,
        onset=onset,
        guarantee=world.guarantee[grid],
        projection=world.projection[grid],
        shares=world.shares[:, keep],
        mediation=world.mediation[:, dyad],
        active=world.active[:, keep],
        source=world.source + f"; restricted to {len(keep)} states",
    )
