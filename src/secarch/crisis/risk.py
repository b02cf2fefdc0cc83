"""Dispute-onset risk of every pair of an architecture's participants in a year.

The architecture overrides the historical record where it speaks: its collective-defence and
mutual-assistance agreements replace ATOP's defence pacts (a pair has a pact if either guarantees the
other, whatever the credibility — the model was fitted on binary pacts), and its militarized disputes
(intensity above ``latent``) add onsets to the dispute history in the year they start. Contiguity,
capitals, capabilities, democracy and major-power status come from the bundled state tables of that year
(:mod:`secarch.crisis.inputs`, the same inputs as the crisis simulation's first year) or, given a
:class:`~secarch.crisis.fit.HistoricalWorld`, from the original datasets (carried forward past each
dataset's coverage; docs/hazard.md).

Inputs past their coverage are carried forward, never observed: the ranked table says which in
``attrs["notes"]`` (:func:`coverage_notes`), and which inputs it used in ``attrs["inputs"]``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from secarch.crisis import hazard, inputs
from secarch.crisis.dyads import dyad_covariates
from secarch.errors import InputError

if TYPE_CHECKING:
    from secarch.crisis.fit import HistoricalWorld
    from secarch.model.architecture import Architecture

BUNDLED_INPUTS = "bundled state tables"
ORIGINAL_INPUTS = "original datasets"

ARCHITECTURE_INPUTS = ("contiguity", "nmc", "polity2", "polyarchy", "majors", "onsets")
"""The historical inputs of :func:`architecture_risk` (the architecture supplies the pairs and the pacts)."""

HISTORICAL_INPUTS = ("states", "contiguity", "nmc", "polity2", "polyarchy", "atop", "majors", "onsets")
"""The inputs of :func:`risk_table`: the historical system with its recorded pacts."""

_CARRIED = {
    "states": "system membership for {year} repeats CoW State System Membership's {end} list (carried "
    "forward, not observed)",
    "contiguity": "contiguity for {year} carries CoW Direct Contiguity's {end} borders forward (not "
    "observed)",
    "nmc": "capabilities (CINC) for {year} repeat {end}, the last year of CoW NMC v7.0 (carried forward, not "
    "observed)",
    "polity2": "polity2 (Polity5) ends in {end}: for {year} each state's last score is carried forward, not "
    "observed (only the baseline specification uses it; the shipped model's joint democracy uses V-Dem "
    "polyarchy)",
    "polyarchy": "V-Dem polyarchy ends in {end}: for {year} each state's last score is carried forward, not "
    "observed",
    "atop": "ATOP defence pacts for {year} repeat those of {end} (carried forward, not observed)",
    "majors": "major-power status for {year} repeats the CoW list of {end} (carried forward, not observed)",
}


@lru_cache(maxsize=1)
def bundled_coverage() -> dict[str, int]:
    """The last observed year of each hazard input in the bundled state tables; later years carry it
    forward. Read from the tables (polity2 and polyarchy: the last year in which at least half as many
    states have an observed, not carried-forward, score as in the best-covered year)."""
    from secarch.data import tables_api
    from secarch.data._paths import table_path
    from secarch.data.matrices import CONTIGUITY_LAST_YEAR

    democracy = pd.read_csv(table_path("democracy.csv"))
    majors = pd.read_csv(table_path("major_powers.csv"))
    coverage = {
        "contiguity": CONTIGUITY_LAST_YEAR,
        "nmc": tables_api.LAST_OBSERVED_CAPABILITY_YEAR,
        "majors": int(majors.loc[~majors["carried_forward"].astype(bool), "year"].max()),
        "onsets": int(inputs.recorded_onsets()["year"].max()),
    }
    for name, column, flag in (
        ("polity2", "polity2", "polity2_carried_forward"),
        ("polyarchy", "v2x_polyarchy", "polyarchy_carried_forward"),
    ):
        observed = democracy[democracy[column].notna() & ~democracy[flag].astype(bool)]
        counts = observed.groupby("year").size()
        coverage[name] = int(counts.index[counts >= 0.5 * counts.max()].max())
    return coverage


def coverage_notes(
    year: int,
    coverage: Mapping[str, int],
    used: Sequence[str] = ARCHITECTURE_INPUTS,
    *,
    bundled: bool = False,
    architecture: bool = True,
) -> list[str]:
    """One note for each input of ``year`` that is carried forward, not observed: the inputs ``used``
    whose last observed year (``coverage``, e.g. :func:`bundled_coverage` or ``HistoricalWorld.coverage``)
    is before ``year``; the dispute history when onsets after the last recorded year would enter it; and,
    for the ``bundled`` tables, a year outside their span.

    >>> coverage_notes(2020, {"nmc": 2022, "majors": 2016, "onsets": 2014}, ["nmc", "majors", "onsets"])[0]
    'major-power status for 2020 repeats the CoW list of 2016 (carried forward, not observed)'
    """
    notes = []
    first, last = inputs.DATA_YEARS
    if bundled and not first <= year <= last:
        edge = last if year > last else first
        notes.append(
            f"the bundled state tables cover {first}–{last}: {year} takes their {edge} values (not observed "
            f"for {year})"
        )
    for name in used:
        end = coverage.get(name)
        if end is None or name == "onsets" or year <= end:
            continue
        notes.append(_CARRIED[name].format(year=year, end=end))
    end = coverage.get("onsets")
    # The history at the start of a year counts onsets up to the year before.
    if "onsets" in used and end is not None and year - 1 > end:
        since = f"{end + 1}" if year - 1 == end + 1 else f"{end + 1}–{year - 1}"
        notes.append(
            f"no dispute onsets are recorded after {end} (the end of CoW MID v5.0): the dispute history of "
            f"{year} misses any in {since}, which understates the risk of pairs that fought then"
            + (" (the architecture's own militarized disputes do enter)" if architecture else "")
        )
    return notes


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
    frame.attrs["inputs"] = BUNDLED_INPUTS if world is None else ORIGINAL_INPUTS
    frame.attrs["notes"] = coverage_notes(
        year, bundled_coverage() if world is None else world.coverage, bundled=world is None
    )
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
    frame = ranked_pairs(names, codes, cov, model.predict(cov, year))
    frame.attrs["inputs"] = ORIGINAL_INPUTS
    frame.attrs["notes"] = coverage_notes(year, world.coverage, HISTORICAL_INPUTS, architecture=False)
    return frame


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
