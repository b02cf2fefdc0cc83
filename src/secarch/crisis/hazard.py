"""Dyadic dispute-onset hazard model: a discrete-time logit over non-directed dyad-years.

P(onset in dyad d, year t) = 1 / (1 + exp(−x_dt · β)), fitted by maximum likelihood (Newton–Raphson with
step halving, :func:`fit_logit`). Two specifications are defined here:

* ``baseline`` — the "plain" dyadic logit of the MID literature (e.g. Bremer 1992, "Dangerous dyads",
  *JCR* 36(2); Oneal & Russett 1999): contiguity types, ln capital distance, ln capability ratio, joint
  democracy (polity2 ≥ 6), ATOP defence pact, major power, cubic peace-years (Carter & Signorino 2010).
* ``hazard`` — the shipped model: the same structural terms (joint democracy from V-Dem), a restricted
  cubic spline of peace-years (Beck, Katz & Tucker 1998; Harrell 2015, *Regression Modeling Strategies*
  §2.4.5), the exponentially discounted dispute history of the pair, a no-prior-dispute indicator and its
  post-1945 trend (the secular decline in first disputes between pairs), and a systemic-war indicator
  (1914–18, 1939–45) that is 0 in predictions.

Coefficients live in the bundled table ``data/tables/hazard_coefficients.csv`` (refit by
:mod:`secarch.crisis.fit`). Rare events: see :func:`king_zeng_bias` and docs/hazard.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from secarch.data._paths import TABLES_DIR as TABLES_DIR  # re-exported: the folder of the bundled tables
from secarch.data._paths import table_path
from secarch.errors import InputError

COEFFICIENTS_PATH = table_path("hazard_coefficients.csv")

PEACE_YEAR_KNOTS = (0.0, 2.0, 5.0, 15.0, 40.0, 100.0)
"""Knots (years) of the peace-years spline, placed on ln(1 + peace-years): dense where the hazard falls fast
after a dispute, sparse in the long tail (peace spells in 1816–2010 reach 194 years)."""

TREND_START = 1945
"""The no-prior-dispute trend counts decades after 1945: the rate of first disputes between pairs falls
steadily from the 1950s (2.6 per 1,000 dyad-years) to the 2000s (0.29), docs/hazard.md."""

SYSTEMIC_WAR_YEARS = frozenset(range(1914, 1919)) | frozenset(range(1939, 1946))

CONTIGUITY_TERMS = ("cont1", "cont2", "cont3", "cont4", "cont5")
BASELINE_TERMS = (
    "const",
    *CONTIGUITY_TERMS,
    "log_capdist",
    "log_capratio",
    "joint_dem_polity",
    "defence",
    "major",
    "py",
    "py2",
    "py3",
)
HAZARD_TERMS = (
    "const",
    *CONTIGUITY_TERMS,
    "log_capdist",
    "log_capratio",
    "joint_dem_vdem",
    "defence",
    "major",
    "py_s0",
    "py_s1",
    "py_s2",
    "py_s3",
    "py_s4",
    "log_discounted",
    "no_prior",
    "no_prior_trend",
    "systemic_war",
)
MODEL_TERMS: Mapping[str, tuple[str, ...]] = {"baseline": BASELINE_TERMS, "hazard": HAZARD_TERMS}


def restricted_cubic_spline(x: np.ndarray, knots: tuple[float, ...]) -> np.ndarray:
    """Restricted (natural) cubic spline basis of ``x``: linear beyond the outer knots.

    Columns: x, then for j = 1…K−2:
    [ (x−k_j)₊³ − (x−k_{K−1})₊³ (k_K−k_j)/(k_K−k_{K−1}) + (x−k_K)₊³ (k_{K−1}−k_j)/(k_K−k_{K−1}) ] / (k_K−k_1)²
    (Harrell 2015, *Regression Modeling Strategies*, eq. 2.25; the scaling makes the columns comparable).

    >>> restricted_cubic_spline(np.array([0.0, 1.0, 10.0]), (0.0, 1.0, 2.0)).shape
    (3, 2)
    """
    k = np.asarray(knots, dtype=float)
    if len(k) < 3 or np.any(np.diff(k) <= 0):
        raise ValueError("a restricted cubic spline needs at least three increasing knots")
    x = np.asarray(x, dtype=float)
    last, before = k[-1], k[-2]
    scale = (last - k[0]) ** 2

    def cube(z: np.ndarray) -> np.ndarray:
        return np.asarray(np.maximum(z, 0.0) ** 3)

    columns = [x]
    for kj in k[:-2]:
        term = cube(x - kj) - cube(x - before) * (last - kj) / (last - before)
        term = term + cube(x - last) * (before - kj) / (last - before)
        columns.append(term / scale)
    return np.column_stack(columns)


def design_matrix(
    covariates: Mapping[str, np.ndarray],
    year: np.ndarray | int,
    model: str,
    *,
    trend_cap: int | None = None,
    systemic_war: np.ndarray | bool = False,
) -> np.ndarray:
    """The design matrix (rows: dyad-years, columns: ``MODEL_TERMS[model]``) from :func:`dyad_covariates`.

    ``year`` is a scalar or one year per row; the no-prior trend uses min(year, ``trend_cap``) so that the
    extrapolated decline is held constant beyond the horizon it was validated on. ``systemic_war`` is the
    1914–18/1939–45 indicator (fitting) or False (predictions: "no world war under way").

    >>> cov = {"conttype": np.array([1]), "log_capdist": np.array([5.0]), "log_capratio": np.array([1.0]),
    ...        "joint_dem_polity": np.array([0.0]), "defence": np.array([0.0]), "major": np.array([0.0]),
    ...        "peace_years": np.array([20.0])}
    >>> design_matrix(cov, 1950, "baseline")[0, :7].tolist()
    [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 5.0]
    """
    if model not in MODEL_TERMS:
        raise ValueError(f"unknown model {model!r}; expected one of {sorted(MODEL_TERMS)}")
    conttype = np.asarray(covariates["conttype"])
    rows = len(conttype)
    years = np.broadcast_to(np.asarray(year, dtype=float), (rows,))
    peace = np.asarray(covariates["peace_years"], dtype=float)
    columns: dict[str, np.ndarray] = {"const": np.ones(rows)}
    for t in range(1, 6):
        columns[f"cont{t}"] = (conttype == t).astype(float)
    for name in ("log_capdist", "log_capratio", "defence", "major"):
        columns[name] = np.asarray(covariates[name], dtype=float)
    if model == "baseline":
        columns["joint_dem_polity"] = np.asarray(covariates["joint_dem_polity"], dtype=float)
        decades = peace / 10.0  # scaled so that the cubic's coefficients are of similar size
        columns.update(py=decades, py2=decades**2, py3=decades**3)
    else:
        columns["joint_dem_vdem"] = np.asarray(covariates["joint_dem_vdem"], dtype=float)
        # The spline runs on ln(1 + peace-years): the knots are then nearly evenly spaced, which keeps the
        # basis well conditioned (on the raw scale the coefficients were ±300 with s.e. ±200).
        basis = restricted_cubic_spline(np.log1p(peace), tuple(np.log1p(PEACE_YEAR_KNOTS)))
        for c in range(basis.shape[1]):
            columns[f"py_s{c}"] = basis[:, c]
        columns["log_discounted"] = np.asarray(covariates["log_discounted"], dtype=float)
        no_prior = np.asarray(covariates["no_prior"], dtype=float)
        capped = years if trend_cap is None else np.minimum(years, trend_cap)
        columns["no_prior"] = no_prior
        columns["no_prior_trend"] = no_prior * np.maximum(capped - TREND_START, 0.0) / 10.0
        columns["systemic_war"] = np.broadcast_to(np.asarray(systemic_war, dtype=float), (rows,)).copy()
    return np.column_stack([columns[t] for t in MODEL_TERMS[model]])


@dataclass(frozen=True)
class LogitFit:
    """Result of :func:`fit_logit`."""

    coef: np.ndarray
    std_error: np.ndarray
    log_likelihood: float
    iterations: int
    converged: bool


def fit_logit(X: np.ndarray, y: np.ndarray, *, max_iter: int = 100, tol: float = 1e-10) -> LogitFit:
    """Maximum-likelihood logit by Newton–Raphson (IRLS) with step halving.

    ℓ(β) = Σ y_i x_iβ − ln(1 + e^{x_iβ}); β ← β + s (XᵀWX)⁻¹ Xᵀ(y − p), W = diag(p(1 − p)), s halved until
    ℓ does not decrease. Standard errors from the inverse observed information (XᵀWX)⁻¹ at the optimum
    (McCullagh & Nelder 1989, *Generalized Linear Models*, §4.4). Starts from the intercept-only fit.

    >>> X = np.column_stack([np.ones(5), [0.0, 0.0, 1.0, 1.0, 1.0]])
    >>> fit = fit_logit(X, np.array([0.0, 1.0, 0.0, 1.0, 1.0]))
    >>> [round(float(b), 4) + 0.0 for b in fit.coef]  # log-odds ln(1/1) for x = 0, ln(2/1) − 0 for x = 1
    [0.0, 0.6931]
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, k = X.shape
    if n == 0 or y.shape != (n,):
        raise ValueError("fit_logit needs a non-empty X and one outcome per row")
    rate = float(np.clip(y.mean(), 1e-12, 1 - 1e-12))
    beta = np.zeros(k)
    if np.allclose(X[:, 0], 1.0):
        beta[0] = np.log(rate / (1 - rate))

    def loglik(b: np.ndarray) -> float:
        eta = X @ b
        return float(np.sum(y * eta - np.logaddexp(0.0, eta)))

    current = loglik(beta)
    converged = False
    iteration = 0
    for iteration in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        p = 1.0 / (1.0 + np.exp(-(X @ beta)))
        gradient = X.T @ (y - p)
        hessian = (X * (p * (1 - p))[:, None]).T @ X
        step = np.linalg.lstsq(hessian, gradient, rcond=None)[0]
        scale = 1.0
        while True:
            trial = beta + scale * step
            value = loglik(trial)
            if value >= current - 1e-12 or scale < 1e-6:
                break
            scale /= 2
        gain = value - current
        beta, current = trial, value
        if abs(gain) < tol * (1 + abs(current)) and np.max(np.abs(scale * step)) < 1e-6:
            converged = True
            break
    p = 1.0 / (1.0 + np.exp(-(X @ beta)))
    information = (X * (p * (1 - p))[:, None]).T @ X
    covariance = np.linalg.pinv(information)
    return LogitFit(beta, np.sqrt(np.clip(np.diag(covariance), 0, None)), current, iteration, converged)


def king_zeng_bias(X: np.ndarray, coef: np.ndarray) -> np.ndarray:
    """Small-sample bias of the logit MLE for rare events (King & Zeng 2001, "Logistic regression in rare
    events data", *Political Analysis* 9(2), eq. 11–12, unweighted case).

    bias(β̂) = (XᵀWX)⁻¹ XᵀW ξ, ξ_i = ½ Q_ii (2π_i − 1), Q = X (XᵀWX)⁻¹ Xᵀ, W = diag(π(1 − π)).
    The corrected estimate is β̂ − bias. We report it (docs/hazard.md) rather than apply it: with ~2,800
    events and 22 parameters it is two orders of magnitude below the standard errors.

    >>> X = np.column_stack([np.ones(200), np.r_[np.zeros(100), np.ones(100)]])
    >>> bool(abs(king_zeng_bias(X, np.array([-3.0, 1.0]))[0]) > 0)
    True
    """
    X = np.asarray(X, dtype=float)
    pi = 1.0 / (1.0 + np.exp(-(X @ coef)))
    w = pi * (1 - pi)
    inverse = np.linalg.pinv((X * w[:, None]).T @ X)
    q_diag = np.einsum("ij,jk,ik->i", X, inverse, X)
    xi = 0.5 * q_diag * (2 * pi - 1)
    return np.asarray(inverse @ (X.T @ (w * xi)))


def roc_auc(p: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve by the Mann–Whitney statistic (ties count one half).

    AUC = (Σ_{i: y=1} rank_i − n₁(n₁ + 1)/2) / (n₁ n₀) (Hanley & McNeil 1982, *Radiology* 143(1)).

    >>> roc_auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1]))
    0.75
    """
    from scipy.stats import rankdata

    y = np.asarray(y, dtype=bool)
    n1 = int(y.sum())
    n0 = len(y) - n1
    if n1 == 0 or n0 == 0:
        raise ValueError("the AUC needs both events and non-events")
    ranks = rankdata(np.asarray(p, dtype=float))
    return float((ranks[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def brier_score(p: np.ndarray, y: np.ndarray) -> float:
    """Brier score: mean squared error of the probabilities, (1/N) Σ (p_i − y_i)² (Brier 1950).

    >>> brier_score(np.array([0.0, 1.0, 0.5]), np.array([0, 1, 1]))
    0.08333333333333333
    """
    return float(np.mean((np.asarray(p, dtype=float) - np.asarray(y, dtype=float)) ** 2))


RISK_BIN_EDGES = (0.0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 1.0)
"""Default calibration bins: log-spaced in predicted probability, because risk spans four orders of
magnitude and nine tenths of the onsets fall in the riskiest percent of dyad-years."""


def calibration_table(
    p: np.ndarray, y: np.ndarray, edges: tuple[float, ...] = RISK_BIN_EDGES
) -> pd.DataFrame:
    """Observed vs predicted onsets by bin of predicted probability (``edges``, left-closed), with the
    exact 95% Poisson interval of the observed count (Garwood 1936, *Biometrika* 28(3)).

    >>> table = calibration_table(np.array([0.05, 0.2, 0.3, 0.5]), np.array([0, 0, 1, 1]), (0.0, 0.1, 1.0))
    >>> table["observed"].tolist()
    [0, 2]
    """
    from scipy.stats import chi2

    p = np.asarray(p, dtype=float)
    y = np.asarray(y, dtype=float)
    which = np.clip(np.searchsorted(np.asarray(edges), p, side="right") - 1, 0, len(edges) - 2)
    rows = []
    for b in range(len(edges) - 1):
        inside = which == b
        n = int(inside.sum())
        if n == 0:
            continue
        k = int(y[inside].sum())
        low = 0.0 if k == 0 else chi2.ppf(0.025, 2 * k) / 2
        high = chi2.ppf(0.975, 2 * k + 2) / 2
        rows.append(
            {
                "low": edges[b],
                "high": edges[b + 1],
                "dyad_years": n,
                "mean_predicted": float(p[inside].mean()),
                "observed_rate": k / n,
                "rate_low": low / n,
                "rate_high": high / n,
                "predicted": float(p[inside].sum()),
                "observed": k,
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class HazardModel:
    """A fitted specification: its terms, coefficients and the period it was fitted on.

    >>> m = load_model("hazard", until=2010)
    >>> m.terms[0], m.fit_until
    ('const', 2010)
    """

    model: str
    terms: tuple[str, ...]
    coef: np.ndarray
    std_error: np.ndarray
    fit_from: int
    fit_until: int
    trend_cap: int | None

    def linear_predictor(
        self, covariates: Mapping[str, np.ndarray], year: np.ndarray | int, systemic_war: bool = False
    ) -> np.ndarray:
        """x·β for every row of ``covariates`` (see :func:`design_matrix`)."""
        X = design_matrix(covariates, year, self.model, trend_cap=self.trend_cap, systemic_war=systemic_war)
        return np.asarray(X @ self.coef)

    def predict(
        self, covariates: Mapping[str, np.ndarray], year: np.ndarray | int, systemic_war: bool = False
    ) -> np.ndarray:
        """Onset probability of every row: 1 / (1 + exp(−x·β)), strictly inside (0, 1).

        x·β is clipped to ±30 (probabilities 1e-13 … 1 − 1e-13) so that the result never rounds to 0 or 1."""
        eta = self.linear_predictor(covariates, year, systemic_war)
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(eta, -30.0, 30.0))))

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {"term": self.terms, "estimate": self.coef, "std_error": self.std_error},
        )


def load_coefficients(path: str | Path | None = None) -> pd.DataFrame:
    """Read a coefficient table (default: the bundled ``hazard_coefficients.csv``)."""
    path = Path(path) if path is not None else COEFFICIENTS_PATH
    if not path.is_file():
        raise InputError.single(
            "coefficient table not found",
            file=path,
            hint="rebuild it with `secarch hazard fit --from ../shared/data --out FILE`",
        )
    frame = pd.read_csv(path)
    required = {"model", "term", "estimate", "std_error", "fit_from", "fit_until", "trend_cap", "source"}
    missing = required - set(frame.columns)
    if missing:
        raise InputError.single(
            f"coefficient table lacks the columns {sorted(missing)}",
            file=path,
            line=1,
            expected=", ".join(sorted(required)),
            hint="the table is written by `secarch hazard fit`",
        )
    return frame


def model_from_table(table: pd.DataFrame, model: str, until: int | None = None) -> HazardModel:
    """The fit of ``model`` ending in ``until`` (default: its latest fit) from a coefficient table."""
    rows = table[table["model"] == model]
    if until is not None:
        rows = rows[rows["fit_until"] == until]
    elif len(rows):
        rows = rows[rows["fit_until"] == rows["fit_until"].max()]
    if rows.empty:
        available = sorted(
            {(str(m), int(u)) for m, u in zip(table["model"], table["fit_until"], strict=True)}
        )
        raise InputError.single(
            f"no fit of model {model!r}" + (f" ending in {until}" if until is not None else ""),
            field="model",
            expected=f"one of {available}",
            hint="refit with `secarch hazard fit --from ../shared/data --until YEAR`",
        )
    by_term = rows.set_index("term")
    terms = MODEL_TERMS[model]
    missing = [t for t in terms if t not in by_term.index]
    if missing:
        raise InputError.single(f"model {model!r} lacks the terms {missing}", field="term")
    cap = by_term["trend_cap"].iloc[0]
    return HazardModel(
        model=model,
        terms=terms,
        coef=by_term.loc[list(terms), "estimate"].to_numpy(float),
        std_error=by_term.loc[list(terms), "std_error"].to_numpy(float),
        fit_from=int(by_term["fit_from"].iloc[0]),
        fit_until=int(by_term["fit_until"].iloc[0]),
        trend_cap=None if pd.isna(cap) else int(cap),
    )


def load_model(
    model: str = "hazard", until: int | None = None, path: str | Path | None = None
) -> HazardModel:
    """The bundled (or given) fit of ``model``: by default the shipped ``hazard`` fit on 1816–2010."""
    return model_from_table(load_coefficients(path), model, until)
