"""From the fitted hazard model (:mod:`secarch.crisis.hazard`) to the engine's :class:`OnsetModel`.

The hazard model's linear predictor is additive in its history terms: x·β = (static part) + f(peace-years)
+ β_h ln(1 + discounted history) + [no earlier onset] (β_0 + β_trend · trend(year)). This module reads each
part off the model's own design matrix (:func:`secarch.crisis.hazard.design_matrix`), so it follows any
change of the specification: the static part is the predictor with an empty history (peace-years 0, no
discounted onsets, an earlier onset present), f is tabulated by whole years, and the other two are
differences of predictors. A test checks that the engine's probabilities equal the model's predictions for
arbitrary histories.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from secarch.crisis import dyads, hazard
from secarch.crisis.world import OnsetModel

FloatArray = npt.NDArray[np.float64]

DISCOUNT_FACTOR = math.exp(-1.0 / dyads.DISCOUNT_HALF_LIFE_TAU)
"""Yearly decay of the discounted dispute history, exp(−1/τ)."""


def _one_row(**values: float) -> dict[str, np.ndarray]:
    base = {
        "conttype": 0.0,
        "log_capdist": 0.0,
        "log_capratio": 0.0,
        "joint_dem_polity": 0.0,
        "joint_dem_vdem": 0.0,
        "defence": 0.0,
        "major": 0.0,
        "peace_years": 0.0,
        "log_discounted": 0.0,
        "no_prior": 0.0,
    }
    base.update(values)
    return {k: np.array([v]) for k, v in base.items()}


def static_logit(model: hazard.HazardModel, covariates: Mapping[str, np.ndarray], year: int) -> FloatArray:
    """x·β of every pair with its history emptied (peace-years 0, no discounted onsets, no_prior 0)."""
    rows = len(np.asarray(covariates["conttype"]))
    emptied = dict(covariates)
    emptied["peace_years"] = np.zeros(rows)
    emptied["log_discounted"] = np.zeros(rows)
    emptied["no_prior"] = np.zeros(rows)
    return np.asarray(model.linear_predictor(emptied, year), dtype=float)


def peace_effect(model: hazard.HazardModel, max_years: int) -> FloatArray:
    """f(k) − f(0) for k = 0 … ``max_years`` peace-years (beyond, the engine uses the last entry).

    >>> m = hazard.load_model("hazard")
    >>> table = peace_effect(m, 50)
    >>> float(table[0]), bool(table[1] < 0)      # the hazard falls in the years after a dispute
    (0.0, True)
    """
    zero = model.linear_predictor(_one_row(), 2000)[0]
    years = np.arange(max_years + 1, dtype=float)
    cov = {k: np.repeat(v, len(years)) for k, v in _one_row().items()}
    cov["peace_years"] = years
    return np.asarray(model.linear_predictor(cov, 2000) - zero, dtype=float)


def discount_coefficient(model: hazard.HazardModel) -> float:
    """β_h: the change of x·β per unit of ln(1 + discounted history)."""
    one = model.linear_predictor(_one_row(log_discounted=1.0), 2000)[0]
    zero = model.linear_predictor(_one_row(), 2000)[0]
    return float(one - zero)


def no_prior_coefficient(model: hazard.HazardModel, year: int) -> float:
    """The change of x·β in ``year`` when the pair has had no earlier onset (with its trend)."""
    one = model.linear_predictor(_one_row(no_prior=1.0), year)[0]
    zero = model.linear_predictor(_one_row(), year)[0]
    return float(one - zero)


def history_arrays(
    history: dyads.HistoryArrays, i: np.ndarray, j: np.ndarray
) -> tuple[npt.NDArray[np.int64], FloatArray, npt.NDArray[np.bool_]]:
    """Peace-years, discounted history and prior-onset flags of the pairs (i, j) from n × n matrices."""
    return (
        np.asarray(history.peace_years, dtype=np.int64)[i, j],
        np.asarray(history.discounted, dtype=float)[i, j],
        np.asarray(history.prior, dtype=bool)[i, j],
    )


def onset_model(
    model: hazard.HazardModel,
    base_logit: FloatArray,
    no_prior_coef: FloatArray,
    peace_years0: npt.NDArray[np.int64],
    discounted0: FloatArray,
    prior0: npt.NDArray[np.bool_],
) -> OnsetModel:
    """The engine's :class:`OnsetModel` of the fitted hazard ``model``: the per-year static logits and
    no-prior terms, every dyad's history at the start, and the history terms read off the model (the
    peace-years effect tabulated far enough for the longest peace any dyad can reach over the years)."""
    span = int(max(0, peace_years0.max(initial=0))) + len(base_logit) + 1
    return OnsetModel(
        base_logit=base_logit,
        peace_effect=peace_effect(model, span),
        discount_coef=discount_coefficient(model),
        no_prior_coef=no_prior_coef,
        discount_factor=DISCOUNT_FACTOR,
        peace_years0=peace_years0,
        discounted0=discounted0,
        prior0=prior0,
    )
