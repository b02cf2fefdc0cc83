"""Estimating the threat weights from who targeted whom in militarized disputes, 1946–1991.

The threat term of the security model says how much of j's projected capability counts against i::

    W[j, i] = (dis + w_R R + w_D D + w_E (w_R G@R + w_D G@D)) * (1 - w_N N)

with dis = (1 - S) / 2 for the directed ATOP defence portfolios. If threat is what it claims to be, the rate
at which j starts a militarized dispute against i should be proportional to j's threat to i. We fit::

    onsets[j, i, t+1] ~ Poisson(kappa * P[j, i, t] * W[j, i, t])

by maximum likelihood over every directed dyad of the state system, t = 1946…1991 (onsets: MID 5.0, j an
originator on side A and i an originator on side B of a dispute that starts in t+1). The dissimilarity
weight is fixed at 1 (it sets the unit of threat; kappa absorbs the scale), so the fit gives the rivalry,
dispute, extended-deterrence and restraint weights relative to a fully dissimilar portfolio. The years after
1991 are kept out of the fit: they are the validation sample (``secarch.security.validation``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from secarch.security.history import (
    HISTORICAL_CREDIBILITY,
    HistoryTables,
    recent_disputes,
    system_year,
    targeted_onsets,
)
from secarch.security.model import portfolio_dissimilarity, similarity_weights, times_sparse
from secarch.security.params import SecurityParams, SimilarityWeighting

FloatArray = npt.NDArray[np.float64]

PARAMETER_NAMES = (
    "rival_weight",
    "dispute_weight",
    "extended_weight",
    "restraint_weight",
    "recent_dispute_weight",
)


@dataclass(frozen=True)
class DyadPanel:
    """Directed dyad-years (j, i, t), j != i, as flat arrays."""

    projection: FloatArray
    dissimilarity: FloatArray
    rivalry: FloatArray
    dispute: FloatArray
    guarantor_rivalry: FloatArray  # (G @ R)[j, i]
    guarantor_dispute: FloatArray  # (G @ D)[j, i]
    restraint: FloatArray
    recent_dispute: FloatArray  # a MID in t-10 … t-1 between the two, none in t
    guarantor_recent: FloatArray  # (G @ recent)[j, i]
    onset: FloatArray
    year: npt.NDArray[np.int64]

    @property
    def size(self) -> int:
        return int(self.onset.shape[0])


def dyad_panel(
    tables: HistoryTables,
    years: Iterable[int],
    similarity_weighting: SimilarityWeighting = "unweighted",
    credibility: float = HISTORICAL_CREDIBILITY,
) -> DyadPanel:
    """The directed dyad-years of ``years`` with onsets in the following year."""
    onsets = targeted_onsets(tables)
    params = SecurityParams(similarity_weighting=similarity_weighting)
    parts: dict[str, list[Any]] = {name: [] for name in DyadPanel.__dataclass_fields__}
    for year in years:
        sy = system_year(tables, year, params, credibility)
        n = len(sy.ccodes)
        position = {int(c): k for k, c in enumerate(sy.ccodes)}
        rel = sy.relations
        dis = portfolio_dissimilarity(rel.guarantee, *similarity_weights(sy.geography, params))
        events = onsets[onsets["year"] == year + 1]
        ongoing = (rel.dispute >= 1.0).astype(float)
        recent = recent_disputes(tables, year, position) * (1.0 - ongoing)
        onset = np.zeros((n, n))
        a = events["ccode1"].map(position)
        b = events["ccode2"].map(position)
        keep = a.notna() & b.notna()
        onset[a[keep].astype(int).to_numpy(), b[keep].astype(int).to_numpy()] = 1.0
        off = ~np.eye(n, dtype=bool)
        for name, matrix in (
            ("projection", sy.geography.projection),
            ("dissimilarity", dis),
            ("rivalry", rel.rivalry),
            ("dispute", ongoing),
            ("guarantor_rivalry", times_sparse(rel.guarantee, rel.rivalry)),
            ("guarantor_dispute", times_sparse(rel.guarantee, ongoing)),
            ("guarantor_recent", times_sparse(rel.guarantee, recent)),
            ("restraint", rel.restraint),
            ("recent_dispute", recent),
            ("onset", onset),
        ):
            parts[name].append(matrix[off])
        parts["year"].append(np.full(n * (n - 1), year, dtype=np.int64))
    arrays = {name: np.concatenate(values) for name, values in parts.items()}
    return DyadPanel(**arrays)


def _rate(theta: FloatArray, panel: DyadPanel) -> tuple[FloatArray, FloatArray]:
    """The Poisson mean and its gradient (rows: log kappa, w_R, w_D, w_E, w_N, w_L)."""
    log_kappa, w_r, w_d, w_e, w_n, w_l = theta
    hostile = panel.dissimilarity + w_r * panel.rivalry + w_d * panel.dispute + w_l * panel.recent_dispute
    extended = w_r * panel.guarantor_rivalry + w_d * panel.guarantor_dispute + w_l * panel.guarantor_recent
    damp = 1.0 - w_n * panel.restraint
    weight = (hostile + w_e * extended) * damp
    base = np.exp(log_kappa) * panel.projection
    mu = base * weight
    grad = np.empty((6, mu.shape[0]))
    grad[0] = mu
    grad[1] = base * damp * (panel.rivalry + w_e * panel.guarantor_rivalry)
    grad[2] = base * damp * (panel.dispute + w_e * panel.guarantor_dispute)
    grad[3] = base * damp * extended
    grad[4] = -base * (hostile + w_e * extended) * panel.restraint
    grad[5] = base * damp * (panel.recent_dispute + w_e * panel.guarantor_recent)
    return mu, grad


def _negative_loglik(theta: FloatArray, panel: DyadPanel) -> tuple[float, FloatArray]:
    mu, grad = _rate(theta, panel)
    mu = np.maximum(mu, 1e-300)
    y = panel.onset
    loglik = float(np.sum(y * np.log(mu) - mu))
    score = grad @ (y / mu - 1.0)
    return -loglik, -score


@dataclass(frozen=True)
class ThreatFit:
    """Maximum-likelihood threat weights (relative to dissimilar_weight = 1) with standard errors."""

    rival_weight: float
    dispute_weight: float
    extended_weight: float
    restraint_weight: float
    recent_dispute_weight: float
    rate: float
    std_errors: dict[str, float]
    loglik: float
    null_loglik: float
    dyad_years: int
    onsets: int
    first_year: int
    last_year: int
    similarity_weighting: str
    credibility: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def params(self, base: SecurityParams | None = None) -> SecurityParams:
        """SecurityParams with the fitted weights (rounded to 2 significant digits)."""
        base = base or SecurityParams()
        return base.replace(
            rival_weight=float(f"{self.rival_weight:.2g}"),
            dispute_weight=float(f"{self.dispute_weight:.2g}"),
            extended_weight=float(f"{self.extended_weight:.2g}"),
            restraint_weight=float(f"{self.restraint_weight:.2g}"),
            similarity_weighting="capability" if self.similarity_weighting == "capability" else "unweighted",
        )


def fit_threat_weights(
    panel: DyadPanel, similarity_weighting: str = "unweighted", credibility: float = 0.0
) -> ThreatFit:
    """Fit log kappa, w_R, w_D, w_E >= 0 and 0 <= w_N <= 1 by L-BFGS-B on the Poisson likelihood.

    Standard errors come from the inverse of the numerical Hessian of the log-likelihood (finite
    differences of the analytic score); a weight on its bound gets no standard error (NaN).
    """
    from scipy.optimize import minimize

    y = panel.onset
    # Start at the null model's rate (only dissimilarity), then the weights at 1.
    kappa0 = y.sum() / max(float((panel.projection * panel.dissimilarity).sum()), 1e-300)
    start = np.array([np.log(kappa0), 1.0, 1.0, 0.5, 0.5, 0.5])
    bounds = [(None, None), (0.0, None), (0.0, None), (0.0, None), (0.0, 1.0), (0.0, None)]
    result = minimize(
        _negative_loglik,
        start,
        args=(panel,),
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"maxiter": 2000, "ftol": 1e-14, "gtol": 1e-9},
    )
    theta = result.x
    null = _negative_loglik(np.array([np.log(kappa0), 0.0, 0.0, 0.0, 0.0, 0.0]), panel)[0]

    k_params = len(theta)
    hessian = np.empty((k_params, k_params))
    for k in range(k_params):
        step = 1e-5 * max(1.0, abs(theta[k]))
        up, down = theta.copy(), theta.copy()
        up[k] += step
        down[k] -= step
        hessian[:, k] = (_negative_loglik(up, panel)[1] - _negative_loglik(down, panel)[1]) / (2 * step)
    hessian = (hessian + hessian.T) / 2
    interior = [k for k in range(1, k_params) if theta[k] > 1e-6]
    interior = [0, *[k for k in interior if not (k == 4 and theta[k] > 1 - 1e-6)]]
    errors = {name: float("nan") for name in PARAMETER_NAMES}
    try:
        covariance = np.linalg.inv(hessian[np.ix_(interior, interior)])
        for row, k in enumerate(interior):
            if k > 0:
                errors[PARAMETER_NAMES[k - 1]] = float(np.sqrt(max(covariance[row, row], 0.0)))
    except np.linalg.LinAlgError:
        pass
    return ThreatFit(
        rival_weight=float(theta[1]),
        dispute_weight=float(theta[2]),
        extended_weight=float(theta[3]),
        restraint_weight=float(theta[4]),
        recent_dispute_weight=float(theta[5]),
        rate=float(np.exp(theta[0])),
        std_errors=errors,
        loglik=-float(result.fun),
        null_loglik=-float(null),
        dyad_years=panel.size,
        onsets=int(y.sum()),
        first_year=int(panel.year.min()),
        last_year=int(panel.year.max()),
        similarity_weighting=similarity_weighting,
        credibility=credibility,
    )
