"""Network, similarity and polarity metrics: pure functions over NumPy arrays.

- :mod:`~secarch.metrics.network` — the state projection of the state–organisation–agreement network, density
- :mod:`~secarch.metrics.centralisation` — degrees, betweenness, Freeman centralisation
- :mod:`~secarch.metrics.hierarchy` — Krackhardt's connectedness, hierarchy, efficiency, LUB
- :mod:`~secarch.metrics.polarisation` — modularity, leading-eigenvector blocs, polarisation
- :mod:`~secarch.metrics.overlap` — Jaccard overlap of organisations
- :mod:`~secarch.metrics.paths` — shortest alliance paths, most credible chains of guarantees
- :mod:`~secarch.metrics.similarity` — alliance portfolios, Kendall's tau-b, Signorino–Ritter S
- :mod:`~secarch.metrics.polarity` — concentration CON, effective number of poles, count of poles
"""

from __future__ import annotations

from secarch.metrics.centralisation import (
    betweenness,
    betweenness_centralisation,
    degree_centralisation,
    degrees,
)
from secarch.metrics.hierarchy import (
    KrackhardtScores,
    krackhardt,
    krackhardt_connectedness,
    krackhardt_efficiency,
    krackhardt_hierarchy,
    krackhardt_lub,
    reachability,
)
from secarch.metrics.network import DEFAULT_STATUS_WEIGHTS, density, state_projection, status_weight_matrix
from secarch.metrics.overlap import mean_overlap, organisation_overlap
from secarch.metrics.paths import (
    Chain,
    average_path_length,
    credible_chain,
    most_credible_chain,
    path_lengths,
    reachable_share,
)
from secarch.metrics.polarisation import Polarisation, leading_eigenvector_partition, modularity, polarisation
from secarch.metrics.polarity import (
    DEFAULT_POLE_THRESHOLD,
    capability_shares,
    concentration,
    effective_poles,
    pole_count,
)
from secarch.metrics.similarity import (
    alliance_levels,
    kendall_tau_b,
    regional_relevance,
    signorino_ritter_s,
    signorino_ritter_s_variants,
)

__all__ = [
    "DEFAULT_POLE_THRESHOLD",
    "DEFAULT_STATUS_WEIGHTS",
    "Chain",
    "KrackhardtScores",
    "Polarisation",
    "alliance_levels",
    "average_path_length",
    "betweenness",
    "betweenness_centralisation",
    "capability_shares",
    "concentration",
    "credible_chain",
    "degree_centralisation",
    "degrees",
    "density",
    "effective_poles",
    "kendall_tau_b",
    "krackhardt",
    "krackhardt_connectedness",
    "krackhardt_efficiency",
    "krackhardt_hierarchy",
    "krackhardt_lub",
    "leading_eigenvector_partition",
    "mean_overlap",
    "modularity",
    "most_credible_chain",
    "organisation_overlap",
    "path_lengths",
    "polarisation",
    "pole_count",
    "reachability",
    "reachable_share",
    "regional_relevance",
    "signorino_ritter_s",
    "signorino_ritter_s_variants",
    "state_projection",
    "status_weight_matrix",
]
