"""Every metric of one year of an architecture, as one flat row (for tables over years).

The inputs are the arrays of one time slice; :func:`secarch.metrics.snapshot.snapshot_metrics` builds them
from a domain-model snapshot. Means over dyads are over distinct pairs of states (i < j) and skip undefined
values.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from secarch.metrics.centralisation import betweenness_centralisation, degree_centralisation
from secarch.metrics.hierarchy import krackhardt
from secarch.metrics.network import density, state_projection
from secarch.metrics.overlap import mean_overlap
from secarch.metrics.paths import average_path_length, reachable_share
from secarch.metrics.polarisation import polarisation
from secarch.metrics.polarity import concentration, effective_poles, pole_count
from secarch.metrics.similarity import (
    alliance_levels,
    kendall_tau_b,
    regional_relevance,
    signorino_ritter_s_variants,
)

__all__ = ["METRIC_COLUMNS", "SliceArrays", "metric_row"]

METRIC_COLUMNS: tuple[str, ...] = (
    "states",
    "organisations",
    "agreements",
    "density",
    "degree_centralisation",
    "betweenness_centralisation",
    "average_path_length",
    "polarisation",
    "blocs",
    "organisation_overlap",
    "guarantee_density",
    "guarantee_path_length",
    "guarantee_reachability",
    "krackhardt_connectedness",
    "krackhardt_hierarchy",
    "krackhardt_efficiency",
    "krackhardt_lub",
    "tau_b",
    "s_unweighted",
    "s_weighted",
    "s_regional",
    "s_weighted_regional",
    "concentration",
    "effective_poles",
    "poles",
)
"""The columns of :func:`metric_row`, in order (documented one by one in docs/metrics.md)."""

ALLIANCE_SCALE_MAX = 3.0
"""Top of the ordinal alliance scale (3 defence, 2 neutrality/non-aggression, 1 entente/consultation)."""


@dataclass(frozen=True)
class SliceArrays:
    """The arrays of one time slice that the metrics need.

    Attributes
    ----------
    membership : (n, m) membership weights of states in organisations
    parties : (a, n) bool, the parties of each agreement in force
    alliance_level : (a,) ordinal level of each agreement on the 0–3 alliance scale
    credibility : (a,) credibility of each agreement, in [0, 1]
    guarantee : (n, n) credibility with which state i guarantees state j
    capability : (n,) capability of each state (e.g. CINC); NaN where unknown
    region : (n,) region label of each state (for regional S)
    major : (n,) bool, states whose relevant region is the whole system (for regional S)
    """

    membership: NDArray[np.float64]
    parties: NDArray[np.bool_]
    alliance_level: NDArray[np.float64]
    credibility: NDArray[np.float64]
    guarantee: NDArray[np.float64]
    capability: NDArray[np.float64]
    region: NDArray[np.str_]
    major: NDArray[np.bool_]


@lru_cache(maxsize=8)
def _upper_indices(n: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    rows, columns = np.triu_indices(n, 1)
    return rows, columns


def _mean_upper(matrix: NDArray[np.float64]) -> float:
    upper = matrix[_upper_indices(matrix.shape[0])]
    upper = upper[~np.isnan(upper)]
    return float(upper.mean()) if upper.size else float("nan")


def metric_row(arrays: SliceArrays) -> dict[str, float]:
    """All metrics of one slice, keyed by :data:`METRIC_COLUMNS`.

    Similarity is computed on the alliance portfolios built from the agreements in force
    (:func:`~secarch.metrics.similarity.alliance_levels`), over all states; the capability-weighted
    variants weight each column state by its capability share (states with unknown capability weigh 0).
    """
    n = arrays.membership.shape[0]
    row: dict[str, float] = {
        "states": float(n),
        "organisations": float(arrays.membership.shape[1]),
        "agreements": float(arrays.parties.shape[0]),
    }
    projection = state_projection(arrays.membership, arrays.parties if arrays.parties.size else None)
    tied = projection > 0
    row["density"] = density(tied)
    row["degree_centralisation"] = degree_centralisation(tied)
    row["betweenness_centralisation"] = betweenness_centralisation(tied)
    row["average_path_length"] = average_path_length(tied)
    bloc = polarisation(projection)
    row["polarisation"] = bloc.modularity
    row["blocs"] = float(bloc.blocs)
    row["organisation_overlap"] = (
        mean_overlap(arrays.membership) if arrays.membership.shape[1] > 1 else np.nan
    )
    row["guarantee_density"] = density(arrays.guarantee > 0, directed=True)
    # Shortest alliance paths run on the guarantee digraph (guarantor → guaranteed), not on the projection,
    # where universal organisations tie every state to every other.
    row["guarantee_path_length"] = average_path_length(arrays.guarantee > 0, directed=True)
    row["guarantee_reachability"] = reachable_share(arrays.guarantee > 0, directed=True)
    row.update({f"krackhardt_{k}": v for k, v in krackhardt(arrays.guarantee > 0).as_dict().items()})
    levels = alliance_levels(arrays.parties, arrays.alliance_level, self_level=ALLIANCE_SCALE_MAX)
    capability = np.nan_to_num(arrays.capability, nan=0.0)
    weights = capability if capability.sum() > 0 else None
    relevant = regional_relevance(arrays.region, arrays.region, global_rows=arrays.major)
    row["tau_b"] = _mean_upper(kendall_tau_b(levels)) if n > 1 else np.nan
    # The four variants of S share their threshold indicators and products.
    s = signorino_ritter_s_variants(levels, weights, ALLIANCE_SCALE_MAX, relevant=relevant)
    for name in ("unweighted", "regional", "weighted", "weighted_regional"):
        row[f"s_{name}"] = _mean_upper(s[name]) if name in s else np.nan
    known = arrays.capability[~np.isnan(arrays.capability)]
    row["concentration"] = float(concentration(known)) if known.size >= 2 else np.nan
    row["effective_poles"] = float(effective_poles(known)) if known.size else np.nan
    row["poles"] = float(pole_count(known)) if known.size and known.sum() > 0 else np.nan
    return row
