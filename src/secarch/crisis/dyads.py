"""Vectorised dyad-year covariates for the dispute-onset hazard model.

Everything here is a pure function of NumPy arrays aligned on a list of ``n`` states: state-level vectors
(capital coordinates, capability shares, democracy scores, major-power status) and ``n × n`` matrices
(contiguity type, defence pacts, dispute history). The simulation passes its own arrays (an architecture's
agreements and memberships override the historical ones); :mod:`secarch.crisis.fit` builds the same arrays
from the original datasets for every year 1816–2010 to fit the model.

Dyads are non-directed: the pairs ``i < j`` of the upper triangle (:func:`pair_index`), in row-major order.

Peace-years and the discounted dispute history follow the conventions of Beck, Katz & Tucker (1998),
"Taking time seriously", *AJPS* 42(4), and Carter & Signorino (2010), "Back to the future", *Political
Analysis* 18(3): the spell of a dyad restarts the year after each onset and is left-censored at the year
the dyad (both states) first appears in the system.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from secarch.data.geo import great_circle_km

DISCOUNT_HALF_LIFE_TAU = 10.0
"""Time constant (years) of the exponentially discounted dispute history; chosen on the 1990–1999
development split among 5, 10 and 20 (docs/hazard.md)."""


def pair_index(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices ``(i, j)`` of the ``n (n - 1) / 2`` non-directed pairs ``i < j``, row-major.

    >>> pair_index(3)
    (array([0, 0, 1]), array([1, 2, 2]))
    """
    i, j = np.triu_indices(n, 1)
    return i.astype(np.int64), j.astype(np.int64)


@dataclass(frozen=True)
class StateArrays:
    """State-level inputs of one year, aligned on ``codes`` (length ``n``).

    ``cinc`` is the CoW composite index of national capability (a share, > 0); ``polity2`` (−10…10) and
    ``polyarchy`` (V-Dem electoral democracy index, 0…1) may be NaN where unknown (then the state counts as
    not democratic); ``major`` is CoW major-power status.
    """

    codes: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    cinc: np.ndarray
    polity2: np.ndarray
    polyarchy: np.ndarray
    major: np.ndarray

    def __post_init__(self) -> None:
        n = len(self.codes)
        for name in ("lat", "lon", "cinc", "polity2", "polyarchy", "major"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"StateArrays.{name} has {len(getattr(self, name))} entries, codes has {n}")


@dataclass(frozen=True)
class HistoryArrays:
    """Dispute history of every pair at the start of a year, as ``n × n`` symmetric matrices.

    ``peace_years``: years since the last onset (0 the year after an onset) or, for a pair with no earlier
    onset, since the pair first appeared in the system; ``discounted``: Σ exp(−(year − t)/τ) over earlier
    onset years t; ``prior``: whether the pair had any earlier onset.
    """

    peace_years: np.ndarray
    discounted: np.ndarray
    prior: np.ndarray


def dispute_history(
    onsets: pd.DataFrame,
    codes: np.ndarray,
    year: int,
    dyad_start: np.ndarray,
    tau: float = DISCOUNT_HALF_LIFE_TAU,
) -> HistoryArrays:
    """Dispute history at the start of ``year`` for the states ``codes``.

    ``onsets`` has one row per non-directed onset dyad-year (columns ``ccode1``, ``ccode2``, ``year``; the
    order of the two codes does not matter); only rows with ``year < year`` are used. ``dyad_start`` is the
    ``n × n`` matrix of the first year each pair was in the system together (:func:`dyad_start_years`).

    peace_years = year − max(last onset + 1, dyad start); discounted = Σ_{t < year} exp(−(year − t)/τ).

    >>> h = dispute_history(pd.DataFrame({"ccode1": [2], "ccode2": [20], "year": [1990]}),
    ...     np.array([2, 20]), 2000, np.full((2, 2), 1920))
    >>> int(h.peace_years[0, 1]), round(float(h.discounted[0, 1]), 3), bool(h.prior[0, 1])
    (9, 0.368, True)
    """
    n = len(codes)
    position = pd.Series(np.arange(n), index=pd.Index(np.asarray(codes, dtype=np.int64)))
    past = onsets[onsets["year"] < year]
    a = position.reindex(past["ccode1"].to_numpy(np.int64)).to_numpy()
    b = position.reindex(past["ccode2"].to_numpy(np.int64)).to_numpy()
    keep = ~(np.isnan(a) | np.isnan(b))
    a = a[keep].astype(np.int64)
    b = b[keep].astype(np.int64)
    t = past["year"].to_numpy(np.int64)[keep]
    discounted = np.zeros((n, n))
    np.add.at(discounted, (a, b), np.exp(-(year - t) / tau))
    last = np.full((n, n), -1, dtype=np.int64)
    np.maximum.at(last, (a, b), t)
    discounted = discounted + discounted.T
    last = np.maximum(last, last.T)
    prior = last >= 0
    start = np.where(prior, np.maximum(last + 1, dyad_start), dyad_start)
    peace = np.maximum(year - start, 0)
    return HistoryArrays(peace_years=peace, discounted=discounted, prior=prior)


def dyad_start_years(member_years: dict[int, np.ndarray], codes: np.ndarray, default: int) -> np.ndarray:
    """``n × n`` matrix of the first year both states of each pair were system members.

    ``member_years`` maps a code to the sorted array of its membership years; pairs that never overlapped
    (or codes not in the map, e.g. a state an architecture adds) get ``default``.

    >>> dyad_start_years({2: np.arange(1816, 2011), 20: np.arange(1920, 2011)}, np.array([2, 20]), 2000)[0, 1]
    np.int64(1920)
    """
    n = len(codes)
    out = np.full((n, n), default, dtype=np.int64)
    if n == 0:
        return out
    lo = min((int(v[0]) for v in member_years.values() if len(v)), default=default)
    hi = max((int(v[-1]) for v in member_years.values() if len(v)), default=default)
    span = max(hi - lo + 1, 1)
    grid = np.zeros((n, span), dtype=bool)
    for k, code in enumerate(codes):
        years = member_years.get(int(code))
        if years is not None and len(years):
            grid[k, np.asarray(years, dtype=np.int64) - lo] = True
    # First shared year of each pair: the first column where both rows are True.
    both = grid[:, None, :] & grid[None, :, :]
    has = both.any(axis=2)
    out[has] = lo + both.argmax(axis=2)[has]
    return out


def dyad_covariates(
    states: StateArrays,
    contiguity: np.ndarray,
    defence: np.ndarray,
    history: HistoryArrays,
) -> dict[str, np.ndarray]:
    """The covariates of every non-directed pair ``i < j`` of one year.

    ``contiguity`` is the ``n × n`` CoW direct-contiguity type (0 none, 1 land/river, 2 ≤12 mi of water,
    3 ≤24, 4 ≤150, 5 ≤400; Stinnett et al. 2002); ``defence`` the ``n × n`` defence-pact indicator (ATOP
    ``defense``, either direction; Leeds et al. 2002). An architecture passes its own matrices here.

    Returns arrays over pairs: ``i``, ``j``, ``conttype``, ``capdist_km`` (great-circle km between the
    capitals, :func:`secarch.data.geo.great_circle_km`), ``log_capdist`` = ln(1 + km),
    ``log_capratio`` = ln(max(cinc)/min(cinc)), ``joint_dem_polity`` (both polity2 ≥ 6),
    ``joint_dem_vdem`` (both polyarchy ≥ 0.5), ``defence``, ``major`` (either is a major power),
    ``peace_years``, ``log_discounted`` = ln(1 + discounted history), ``no_prior`` (no earlier onset).

    >>> s = StateArrays(np.array([2, 20]), np.array([38.9, 45.4]), np.array([-77.0, -75.7]),
    ...     np.array([0.14, 0.01]), np.array([10.0, 10.0]), np.array([0.9, 0.9]), np.array([True, False]))
    >>> h = HistoryArrays(np.zeros((2, 2), int), np.zeros((2, 2)), np.zeros((2, 2), bool))
    >>> c = dyad_covariates(s, np.array([[0, 1], [1, 0]]), np.zeros((2, 2), bool), h)
    >>> int(c["conttype"][0]), round(float(c["log_capratio"][0]), 3), float(c["joint_dem_polity"][0])
    (1, 2.639, 1.0)
    """
    n = len(states.codes)
    for name, matrix in (("contiguity", contiguity), ("defence", defence)):
        if np.shape(matrix) != (n, n):
            raise ValueError(f"{name} must be {n} × {n}, got {np.shape(matrix)}")
    i, j = pair_index(n)
    km = great_circle_km(states.lat[i], states.lon[i], states.lat[j], states.lon[j])
    cinc = np.clip(np.asarray(states.cinc, dtype=float), 1e-9, None)
    hi = np.maximum(cinc[i], cinc[j])
    lo = np.minimum(cinc[i], cinc[j])
    polity = np.nan_to_num(np.asarray(states.polity2, dtype=float), nan=-99.0)
    poly = np.nan_to_num(np.asarray(states.polyarchy, dtype=float), nan=-1.0)
    major = np.asarray(states.major, dtype=bool)
    return {
        "i": i,
        "j": j,
        "conttype": np.asarray(contiguity)[i, j].astype(np.int64),
        "capdist_km": km,
        "log_capdist": np.log1p(km),
        "log_capratio": np.log(hi / lo),
        "joint_dem_polity": ((polity[i] >= 6) & (polity[j] >= 6)).astype(float),
        "joint_dem_vdem": ((poly[i] >= 0.5) & (poly[j] >= 0.5)).astype(float),
        "defence": np.asarray(defence, dtype=bool)[i, j].astype(float),
        "major": (major[i] | major[j]).astype(float),
        "peace_years": np.asarray(history.peace_years)[i, j].astype(float),
        "log_discounted": np.log1p(np.asarray(history.discounted)[i, j]),
        "no_prior": (~np.asarray(history.prior, dtype=bool)[i, j]).astype(float),
    }
