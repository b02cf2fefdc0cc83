"""Does modelled security tell which states get targeted in militarized disputes? (MID 5.0, 1992–2014)

For every state-year t of the state system (inputs from :mod:`secarch.security.history`) we compute the
security score with the model's default parameters, which were estimated on 1946–1991 only
(:mod:`secarch.security.calibration`), and count the new militarized disputes in which the state is an
originator on side B (the side against which the first militarized action was taken) in years t+1 … t+h.
The out-of-sample test is the rank correlation (Spearman's rho) between security and that count, pooled over
state-years and year by year, and the area under the ROC curve for "targeted at least once" (the probability
that a state that will be targeted has lower security than one that will not).

The same statistics are computed for simpler scores, so that the number means something: the capability
share alone, the model's capability baseline (no relations), and a count of the state's rivals and dispute
opponents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from secarch.security.history import HISTORICAL_CREDIBILITY, HistoryTables, system_year, targeted_onsets
from secarch.security.model import capability_baseline, security_scores
from secarch.security.params import SecurityParams

FloatArray = npt.NDArray[np.float64]


def state_panel(
    tables: HistoryTables,
    years: Iterable[int],
    horizon: int = 3,
    params: SecurityParams | None = None,
    credibility: float = HISTORICAL_CREDIBILITY,
    last_outcome_year: int = 2014,
) -> pd.DataFrame:
    """One row per state-year: security and its parts, comparison scores, and disputes targeted in
    t+1 … t+horizon (years whose window runs past ``last_outcome_year`` are left out)."""
    params = params or SecurityParams()
    onsets = targeted_onsets(tables)
    per_target = onsets.groupby(["ccode2", "year"])["dispnum"].nunique()
    rows = []
    for year in years:
        if year + horizon > last_outcome_year:
            continue
        sy = system_year(tables, year, params, credibility)
        scores = security_scores(sy.geography, sy.relations, params)
        baseline = capability_baseline(sy.geography, params)
        hostile = (sy.relations.rivalry > 0) | (sy.relations.dispute >= 1.0)
        for k, ccode in enumerate(sy.ccodes):
            targeted = sum(
                int(per_target.get((int(ccode), y), 0)) for y in range(year + 1, year + horizon + 1)
            )
            rows.append(
                {
                    "year": year,
                    "ccode": int(ccode),
                    "security": scores.security[k],
                    "own": scores.own[k],
                    "support": scores.support[k],
                    "threat": scores.threat[k],
                    "baseline": baseline[k],
                    "cinc_share": sy.geography.shares[k],
                    "adversaries": int(hostile[:, k].sum()),
                    "targeted": targeted,
                }
            )
    return pd.DataFrame(rows)


def architecture_panel(
    architecture: Any,
    tables: HistoryTables,
    years: Iterable[int],
    horizon: int = 3,
    params: SecurityParams | None = None,
    last_outcome_year: int = 2014,
) -> pd.DataFrame:
    """Like :func:`state_panel`, with the inputs taken from an architecture (e.g. the bundled ``history``)
    and the bundled data instead of the raw datasets: one row per participant with a CoW code and a CINC
    score in the year."""
    from secarch.data import iso3_to_ccode
    from secarch.security.adapter import build_case
    from secarch.spec import as_architecture

    arch = as_architecture(architecture)
    ccodes = iso3_to_ccode()
    onsets = targeted_onsets(tables)
    per_target = onsets.groupby(["ccode2", "year"])["dispnum"].nunique()
    rows = []
    for year in years:
        if year + horizon > last_outcome_year:
            continue
        case = build_case(arch, year, params)
        scores = case.scores()
        rel = case.table.relations()
        hostile = (rel.rivalry > 0) | (rel.dispute >= 1.0)
        for k, state in enumerate(scores.states):
            ccode = ccodes.get(state)
            # Participants without a CINC score that year are not (yet, or any more) in the state system.
            if ccode is None or not case.geography.shares[k] > 0:
                continue
            targeted = sum(
                int(per_target.get((int(ccode), y), 0)) for y in range(year + 1, year + horizon + 1)
            )
            rows.append(
                {
                    "year": year,
                    "ccode": int(ccode),
                    "state": state,
                    "security": scores.security[k],
                    "own": scores.own[k],
                    "support": scores.support[k],
                    "threat": scores.threat[k],
                    "cinc_share": case.geography.shares[k],
                    "adversaries": int(hostile[:, k].sum()),
                    "targeted": targeted,
                }
            )
    return pd.DataFrame(rows)


def auc_lower_is_riskier(score: npt.ArrayLike, event: npt.ArrayLike) -> float:
    """P(score of a state with the event < score of one without), ties counting one half (Mann–Whitney).

    >>> auc_lower_is_riskier([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])
    1.0
    """
    from scipy.stats import rankdata

    s = np.asarray(score, dtype=float)
    e = np.asarray(event, dtype=bool)
    n1, n0 = int(e.sum()), int((~e).sum())
    if n1 == 0 or n0 == 0:
        return float("nan")
    ranks = rankdata(-s)  # high rank = low score
    return float((ranks[e].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


@dataclass(frozen=True)
class ScoreValidation:
    """Validation statistics of one score (lower = predicted more at risk for security-like scores)."""

    score: str
    spearman_pooled: float
    spearman_p_value: float
    spearman_by_year_mean: float
    spearman_by_year_min: float
    spearman_by_year_max: float
    auc: float
    state_years: int
    targeted_state_years: int


def validate_scores(panel: pd.DataFrame, scores: dict[str, tuple[str, int]]) -> list[ScoreValidation]:
    """Statistics for each score: ``scores`` maps a label to (column, sign), sign -1 when *higher* values
    mean more risk (so that every row reads like security: negative rho = the score works)."""
    from scipy.stats import spearmanr

    out = []
    for label, (column, sign) in scores.items():
        values = sign * panel[column].to_numpy(dtype=float)
        rho, p_value = spearmanr(values, panel["targeted"].to_numpy())
        by_year = [
            spearmanr(sign * g[column].to_numpy(dtype=float), g["targeted"].to_numpy())[0]
            for _, g in panel.groupby("year")
            if g["targeted"].nunique() > 1
        ]
        out.append(
            ScoreValidation(
                score=label,
                spearman_pooled=float(rho),
                spearman_p_value=float(p_value),
                spearman_by_year_mean=float(np.mean(by_year)),
                spearman_by_year_min=float(np.min(by_year)),
                spearman_by_year_max=float(np.max(by_year)),
                auc=auc_lower_is_riskier(values, panel["targeted"].to_numpy() > 0),
                state_years=len(panel),
                targeted_state_years=int((panel["targeted"] > 0).sum()),
            )
        )
    return out


#: The scores compared in docs/validation.md ("Security model"): (column, sign); -1 for "higher = riskier".
COMPARED_SCORES: dict[str, tuple[str, int]] = {
    "security (model)": ("security", 1),
    "capability baseline (no relations)": ("baseline", 1),
    "capability share": ("cinc_share", 1),
    "number of rivals and dispute opponents": ("adversaries", -1),
    "threat (model)": ("threat", -1),
}
