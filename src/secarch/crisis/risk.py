"""Dispute-onset risk of every pair of an architecture's participants in a year.

The architecture overrides the historical record where it speaks: its collective-defence and
mutual-assistance agreements replace ATOP's defence pacts (a pair has a pact if either guarantees the
other, whatever the credibility — the model was fitted on binary pacts), and its militarized disputes
(intensity above ``latent``) add onsets to the dispute history in the year they start. Contiguity,
capitals, capabilities, democracy and major-power status come from the bundled state tables of that year
(:mod:`secarch.crisis.inputs`, the same inputs as the crisis simulation's first year) or, given a
:class:`~secarch.crisis.fit.HistoricalWorld`, from the original datasets (carried forward past each
dataset's coverage; docs/hazard.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from secarch.crisis import hazard, inputs
from secarch.crisis.dyads import dyad_covariates
from secarch.errors import InputError

if TYPE_CHECKING:
    from secarch.crisis.fit import HistoricalWorld
    from secarch.model.architecture import Architecture


def architecture_risk(
    arch: Architecture,
    year: int,
    world: HistoricalWorld | None = None,
    model: hazard.HazardModel | None = None,
) -> pd.DataFrame:
    """Onset probability in ``year`` of every pair of the architecture's participants, riskiest first.

    Without ``world`` the state inputs are the bundled tables (nothing is read from the original datasets);
    with it, the historical arrays of the original datasets. The two differ only where the bundled tables
    correct the originals (Beijing's capital point; docs/data.md). Participants without a CoW code (outside
    the CoW state system) cannot be scored and are left out; the result's ``attrs["unscored"]`` lists them.
    """
    from secarch.data import iso3_to_ccode

    model = model if model is not None else hazard.load_model("hazard")
    snap = arch.at(year)
    table = iso3_to_ccode()
    scored = [k for k, s in enumerate(snap.states) if s in table]
    if len(scored) < 2:
        raise InputError.single(
            f"{arch.name}: fewer than two participants have a Correlates of War code",
            field="participants",
            hint="the hazard model scores pairs of CoW system members",
        )
    states = [snap.states[k] for k in scored]
    codes = np.array([table[s] for s in states], dtype=np.int64)
    guarantee = snap.guarantee[np.ix_(scored, scored)]
    defence = (guarantee > 0) | (guarantee.T > 0)
    if world is None:
        data_year = inputs.data_year(year)
        cov = dyad_covariates(
            inputs.state_arrays(states, codes, data_year),
            inputs.contiguity(states, data_year),
            defence,
            inputs.dispute_history(arch, codes, table, year),
        )
    else:
        onsets = pd.concat(
            [world.sources.onsets[["ccode1", "ccode2", "year"]], inputs.architecture_onsets(arch, table)],
            ignore_index=True,
        )
        history = world.history(year, codes, onsets)
        cov = dyad_covariates(
            world.state_arrays(year, codes), world.contiguity(year, codes), defence, history
        )
    frame = ranked_pairs(np.array(states), codes, cov, model.predict(cov, year))
    frame.attrs["unscored"] = [s for s in snap.states if s not in table]
    frame.attrs["date"] = snap.date.isoformat()
    return frame


def risk_table(
    world: HistoricalWorld, year: int, model: hazard.HazardModel, codes: np.ndarray | None = None
) -> pd.DataFrame:
    """Every pair's predicted onset probability in ``year``, riskiest first, with the historical arrays
    (default: all system members). States are named by their secarch ids (``secarch.data``)."""
    from secarch.data import ccode_to_iso3

    codes = world.members(year) if codes is None else np.asarray(codes, dtype=np.int64)
    cov = world.covariates(year, codes)
    ids = ccode_to_iso3()
    names = np.array([ids.get(int(c), str(c)) for c in codes])
    return ranked_pairs(names, codes, cov, model.predict(cov, year))


def ranked_pairs(
    names: np.ndarray, codes: np.ndarray, cov: dict[str, np.ndarray], probability: np.ndarray
) -> pd.DataFrame:
    """One row per pair of :func:`secarch.crisis.dyads.dyad_covariates` with its onset ``probability`` and
    the covariates a reader checks first, riskiest first."""
    i, j = cov["i"], cov["j"]
    frame = pd.DataFrame(
        {
            "state1": names[i],
            "state2": names[j],
            "ccode1": codes[i],
            "ccode2": codes[j],
            "probability": probability,
            "conttype": cov["conttype"],
            "capdist_km": np.round(cov["capdist_km"]),
            "peace_years": cov["peace_years"].astype(int),
            "prior_dispute": cov["no_prior"] == 0,
            "defence_pact": cov["defence"] > 0,
        }
    )
    return frame.sort_values("probability", ascending=False, ignore_index=True)
