"""Calibration of escalation and joining on the historical record, from the original datasets.

Two jobs, both run by ``scripts/calibrate_crisis.py`` and checked by tests (they need ``../shared/data``):

1. **Escalation fit** (:func:`dispute_sample`, :func:`fit_escalation`). One row per dispute of Gibler,
   Miller & Little's MID data v2.2.1 (2,174 disputes 1816–2010; war = hostility level 5, 95 disputes). The
   challenger is the side-A originator with the largest CINC, the target the side-B originator with the
   largest CINC. Covariates in the start year, computed exactly as the engine computes them
   (:mod:`secarch.crisis.escalation`): the deterrence ratio with ATOP v5.1 defence obligations (directed)
   at the era's published fulfilment rate (:func:`secarch.crisis.params.reliability_for_year`) and
   capabilities projected with the loss-of-strength gradient (CoW NMC v7.0 CINC, CoW capitals, land
   contiguity from CoW Direct Contiguity v3.2); capability parity; and joint membership (CoW IGO v3.0) in
   a regional organisation with a conflict-settlement mechanism (``data/hand/settlement_mechanisms.csv``).
   The logit is fitted by maximum likelihood (:func:`secarch.crisis.hazard.fit_logit`).
2. **Simulation of the historical system** (:func:`historical_world`): every CoW state-system member, year
   by year, with the fitted hazard model's onset probabilities (its own peace-years and dispute history
   evolving inside each run, starting empty in the first simulated year), ATOP defence obligations as
   guarantees with the era's fulfilment rate as credibility, and the same projection and mediation arrays.
   The simulated share of disputes that become wars is compared with GML's 95 / 2,174 = 4.4%, and the
   share of two-state wars with the CoW inter-state war data v4.0 (:func:`observed_war_sizes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from secarch.crisis import hazard, onset
from secarch.crisis.dyads import HistoryArrays, dyad_covariates
from secarch.crisis.escalation import defence_probability, deterrence_ratio, parity_distance
from secarch.crisis.params import CrisisParams, reliability_for_year
from secarch.crisis.world import CrisisWorld, WorldArrays, dyad_position, pair_index
from secarch.data.external.folder import load_dataset
from secarch.security.gradient import projection_matrix

FloatArray = npt.NDArray[np.float64]

KM_PER_MILE = 1.609344
SETTLEMENT_TABLE = Path(__file__).resolve().parents[1] / "data" / "hand" / "settlement_mechanisms.csv"
UNIVERSAL_EXCLUDED = ("UN", "LoN", "PCA")
"""Universal bodies whose settlement procedures apply to (almost) every pair; not counted as mediation."""

OBSERVED_DISPUTES = 2174
OBSERVED_WAR_DISPUTES = 95
"""GML MID v2.2.1, 1816–2010: disputes and disputes reaching hostility level 5 (war)."""


def observed_war_sizes(root: str | Path) -> pd.DataFrame:
    """Number of states in each CoW inter-state war (v4.0, 1823–2003): ``warnum``, ``size``.

    A war's states are all states that appear in its dyad-years (columns ``ccode1``, ``ccode2``).
    """
    wars = load_dataset(root, "war-inter")
    long = pd.concat(
        [
            wars[["warnum", "ccode1"]].rename(columns={"ccode1": "ccode"}),
            wars[["warnum", "ccode2"]].rename(columns={"ccode2": "ccode"}),
        ]
    ).drop_duplicates()
    return long.groupby("warnum").size().rename("size").reset_index()


def settlement_table(path: str | Path = SETTLEMENT_TABLE) -> pd.DataFrame:
    """Regional organisations with a conflict-settlement mechanism, with CoW IGO names and years."""
    table = pd.read_csv(path, dtype={"cow_igo": str})
    table["last_year"] = table["last_year"].fillna(9999).astype(int)
    return table


@dataclass
class HistoricalSystem:
    """The original datasets, loaded once, with year-by-year arrays for the crisis model."""

    root: Path
    world: object = field(init=False)  # secarch.crisis.fit.HistoricalWorld (kept untyped: optional module)

    def __post_init__(self) -> None:
        from secarch.crisis import fit

        self.root = Path(self.root)
        self.world = fit.HistoricalWorld(fit.load_sources(self.root))

    @cached_property
    def atop(self) -> pd.DataFrame:
        """Directed ATOP defence obligations: ``ccode1`` is committed to defend ``ccode2`` in ``year``."""
        frame = load_dataset(self.root, "atop")[["ccode1", "ccode2", "year", "atop_defense"]]
        frame = frame[frame["atop_defense"] > 0].astype({"ccode1": int, "ccode2": int, "year": int})
        return frame[["ccode1", "ccode2", "year"]]

    @cached_property
    def _atop_by_year(self) -> dict[int, pd.DataFrame]:
        return {int(str(y)): g for y, g in self.atop.groupby("year")}

    @cached_property
    def settlement_members(self) -> pd.DataFrame:
        """(``ccode``, ``year``, ``organisation``): full members of the coded organisations while their
        settlement mechanism exists."""
        table = settlement_table()
        igo = load_dataset(self.root, "igo-membership")
        igo = igo[(igo["status"] == 1) & igo["ioname"].isin(table["cow_igo"])]
        names = load_dataset(self.root, "igo-states")[["state", "ccode"]].drop_duplicates("state")
        igo = igo.merge(names, on="state", how="inner")
        rows = igo.merge(
            table[["cow_igo", "organisation", "first_year", "last_year"]],
            left_on="ioname",
            right_on="cow_igo",
        )
        rows = rows[(rows["year"] >= rows["first_year"]) & (rows["year"] <= rows["last_year"])]
        return rows[["ccode", "year", "organisation"]].astype({"ccode": int, "year": int}).drop_duplicates()

    @cached_property
    def _settlement_by_year(self) -> dict[int, pd.DataFrame]:
        return {int(str(y)): g for y, g in self.settlement_members.groupby("year")}

    def members(self, year: int) -> np.ndarray:
        return np.asarray(self.world.members(year), dtype=np.int64)  # type: ignore[attr-defined]

    def guarantee(self, year: int, codes: np.ndarray) -> FloatArray:
        """(n, n) ATOP defence obligations of ``year`` with the era's fulfilment rate as credibility."""
        n = len(codes)
        out = np.zeros((n, n))
        pairs = self._atop_by_year.get(min(year, int(self.atop["year"].max())))
        if pairs is None:
            return out
        position = pd.Series(np.arange(n), index=codes)
        a = position.reindex(pairs["ccode1"].to_numpy()).to_numpy()
        b = position.reindex(pairs["ccode2"].to_numpy()).to_numpy()
        ok = ~(np.isnan(a) | np.isnan(b))
        out[a[ok].astype(int), b[ok].astype(int)] = reliability_for_year(year)
        np.fill_diagonal(out, 0.0)
        return out

    def mediation(self, year: int, codes: np.ndarray) -> npt.NDArray[np.bool_]:
        """(n, n) whether two states are both full members of a coded settlement organisation."""
        n = len(codes)
        rows = self._settlement_by_year.get(min(year, int(self.settlement_members["year"].max())))
        if rows is None or rows.empty:
            return np.zeros((n, n), dtype=bool)
        orgs = sorted(rows["organisation"].unique())
        position = pd.Series(np.arange(n), index=codes)
        member = np.zeros((n, len(orgs)), dtype=bool)
        idx = position.reindex(rows["ccode"].to_numpy()).to_numpy()
        col = pd.Series(np.arange(len(orgs)), index=orgs).reindex(rows["organisation"].to_numpy()).to_numpy()
        ok = ~np.isnan(idx)
        member[idx[ok].astype(int), col[ok].astype(int)] = True
        shared = (member.astype(np.int64) @ member.T.astype(np.int64)) > 0
        np.fill_diagonal(shared, False)
        return np.asarray(shared)

    def geography(self, year: int, codes: np.ndarray) -> tuple[FloatArray, FloatArray]:
        """CINC shares (floored at 1e-6) and the projection matrix P[k, s] of ``codes`` in ``year``."""
        states = self.world.state_arrays(year, codes)  # type: ignore[attr-defined]
        shares = np.maximum(np.nan_to_num(np.asarray(states.cinc, dtype=float), nan=1e-6), 1e-6)
        lat = np.asarray(states.lat, dtype=float)
        lon = np.asarray(states.lon, dtype=float)
        miles = _great_circle_km(lat, lon) / KM_PER_MILE
        miles = np.nan_to_num(miles, nan=np.nanmax(miles) if np.isfinite(miles).any() else 0.0)
        land = self.world.contiguity(year, codes) == 1  # type: ignore[attr-defined]
        return shares, projection_matrix(shares, miles, land, year)


def _great_circle_km(lat: FloatArray, lon: FloatArray) -> FloatArray:
    phi, lam = np.radians(lat), np.radians(lon)
    h = (
        np.sin((phi[:, None] - phi[None, :]) / 2) ** 2
        + np.cos(phi)[:, None] * np.cos(phi)[None, :] * np.sin((lam[:, None] - lam[None, :]) / 2) ** 2
    )
    return np.asarray(2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


ESCALATION_TERMS = ("escalation_intercept", "deterrence", "parity", "mediation")


def dispute_sample(system: HistoricalSystem) -> pd.DataFrame:
    """One row per GML dispute 1816–2010 with its primary pair, war outcome and escalation covariates.

    Columns: ``dispnum``, ``year``, ``challenger``, ``target`` (CoW codes), ``war`` (hostility level 5),
    ``deterrence`` (D_ct), ``log_deterrence`` = ln(1 + D_ct), ``parity`` = |ln(s_c / s_t)|, ``mediation``.
    Disputes whose primary states are not system members with a capital that year are dropped
    (``attrs["dropped"]`` counts them).
    """
    root = system.root
    disputes = load_dataset(root, "gml-mid-disputes")[["dispnum", "styear", "hostlev"]]
    part = load_dataset(root, "gml-mid-participants")[["dispnum", "ccode", "sidea", "orig", "styear"]]
    part = part.dropna().astype({"dispnum": int, "ccode": int, "sidea": int, "orig": int, "styear": int})
    disputes = disputes.dropna().astype({"dispnum": int, "styear": int})
    rows = []
    dropped = 0
    for year, group in disputes.groupby("styear"):
        year = int(str(year))
        codes = system.members(year)
        position = {int(c): k for k, c in enumerate(codes)}
        shares, projection = system.geography(year, codes)
        q = defence_probability(system.guarantee(year, codes), 1.0, np.ones(len(codes), bool))
        ratio = deterrence_ratio(q, projection)
        parity = parity_distance(shares)
        mediated = system.mediation(year, codes)
        people = part[part["dispnum"].isin(group["dispnum"])]
        for dispnum, hostlev in group[["dispnum", "hostlev"]].itertuples(index=False):
            who = people[people["dispnum"] == dispnum]
            pair = []
            for side in (1, 0):
                on_side = who[(who["sidea"] == side) & who["ccode"].isin(list(position))]
                origin = on_side[on_side["orig"] == 1]
                pool = origin if len(origin) else on_side
                if pool.empty:
                    break
                best = max(pool["ccode"], key=lambda c: shares[position[int(c)]])
                pair.append(position[int(best)])
            if len(pair) < 2 or pair[0] == pair[1]:
                dropped += 1
                continue
            c, t = pair
            rows.append(
                {
                    "dispnum": int(dispnum),
                    "year": year,
                    "challenger": int(codes[c]),
                    "target": int(codes[t]),
                    "war": int(hostlev == 5),
                    "deterrence": float(ratio[c, t]),
                    "log_deterrence": float(np.log1p(ratio[c, t])),
                    "parity": float(parity[c, t]),
                    "mediation": int(mediated[c, t]),
                }
            )
    sample = pd.DataFrame(rows)
    sample.attrs["dropped"] = dropped
    return sample


@dataclass(frozen=True)
class EscalationFit:
    """Maximum-likelihood escalation logit: coefficients, standard errors, sample size."""

    coef: dict[str, float]
    std_error: dict[str, float]
    disputes: int
    wars: int
    log_likelihood: float

    def params(self, base: CrisisParams | None = None) -> CrisisParams:
        return (base or CrisisParams()).replace(**self.coef)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "term": list(self.coef),
                "estimate": list(self.coef.values()),
                "std_error": [self.std_error[k] for k in self.coef],
                "disputes": self.disputes,
                "wars": self.wars,
                "log_likelihood": self.log_likelihood,
            }
        )


def fit_escalation(sample: pd.DataFrame) -> EscalationFit:
    """Fit P(war) = expit(β₀ + β_D ln(1 + D) + β_P parity + β_M mediation) on :func:`dispute_sample`."""
    X = np.column_stack(
        [np.ones(len(sample)), sample["log_deterrence"], sample["parity"], sample["mediation"]]
    ).astype(float)
    y = sample["war"].to_numpy(float)
    result = hazard.fit_logit(X, y)
    if not result.converged:
        raise RuntimeError("the escalation logit did not converge")
    return EscalationFit(
        coef={k: float(v) for k, v in zip(ESCALATION_TERMS, result.coef, strict=True)},
        std_error={k: float(v) for k, v in zip(ESCALATION_TERMS, result.std_error, strict=True)},
        disputes=len(sample),
        wars=int(y.sum()),
        log_likelihood=float(result.log_likelihood),
    )


def historical_world(
    system: HistoricalSystem,
    first: int,
    last: int,
    model: hazard.HazardModel | None = None,
) -> CrisisWorld:
    """The CoW state system ``first``…``last`` as a :class:`CrisisWorld` (every state ever a member in the
    window on the state axes, inactive outside its membership years; dispute history empty at the start)."""
    model = model or hazard.load_model("hazard")
    years = list(range(first, last + 1))
    members = {y: system.members(y) for y in years}
    codes = np.array(sorted(set().union(*[set(m.tolist()) for m in members.values()])), dtype=np.int64)
    n, t = len(codes), len(years)
    d = n * (n - 1) // 2
    pos = pd.Series(np.arange(n), index=codes)
    i_all, j_all = pair_index(n)
    world = WorldArrays.empty(t, n)
    start = system.world.dyad_start(codes)  # type: ignore[attr-defined]
    for k, year in enumerate(years):
        m = members[year]
        idx = pos.reindex(m).to_numpy().astype(int)
        empty = HistoryArrays(
            np.zeros((len(m), len(m)), int), np.zeros((len(m), len(m))), np.ones((len(m), len(m)), bool)
        )
        cov = dyad_covariates(
            system.world.state_arrays(year, m),  # type: ignore[attr-defined]
            system.world.contiguity(year, m),  # type: ignore[attr-defined]
            system.world.defence(year, m),  # type: ignore[attr-defined]
            empty,
        )
        shares, projection = system.geography(year, m)
        world.set_year(
            k,
            idx,
            dyad_position(idx[cov["i"]], idx[cov["j"]], n),
            base_logit=onset.static_logit(model, cov, year),
            no_prior_coef=onset.no_prior_coefficient(model, year),
            guarantee=system.guarantee(year, m),
            projection=projection,
            shares=shares,
            mediation=system.mediation(year, m)[cov["i"], cov["j"]],
        )
    # peace-years count from the first year both states were in the system (left-censored at `first`)
    first_shared = np.maximum(start[i_all, j_all], first)
    peace0 = first - first_shared  # negative until the pair exists; it reaches 0 in its first year
    hazard_model = onset.onset_model(
        model, world.base_logit, world.no_prior_coef, peace0.astype(np.int64), np.zeros(d), np.zeros(d, bool)
    )
    source = f"CoW state system {first}-{last}: GML-fitted hazard, ATOP v5.1 defence, NMC v7.0, CoW IGO v3.0"
    return world.finish(tuple(str(c) for c in codes), tuple(years), hazard_model, source)


def simulated_two_state_share(
    world: CrisisWorld, params: CrisisParams, runs: int, seed: int, chunk_runs: int | None = None
) -> tuple[float, float, float]:
    """(two-state share, escalation share, mean war size) of ``world`` simulated with ``params``."""
    from secarch.crisis.simulate import simulate_world

    result = simulate_world(world, params, runs=runs, seed=seed, chunk_runs=chunk_runs)
    return (
        result.two_state_share().value,
        result.escalation_share().value,
        result.mean_war_size().value,
    )


def calibrate_offence_dominance(
    world: CrisisWorld,
    params: CrisisParams,
    target: float,
    *,
    runs: int = 64,
    seed: int = 2010,
    low: float = 0.0,
    high: float = 1.0,
    tolerance: float = 0.005,
) -> float:
    """The offence-dominance ω at which the simulated share of two-state wars equals ``target``.

    Bisection on ω with the same seed at every step (common random numbers make the simulated share a
    smooth, decreasing function of ω). ω is reported to ``tolerance``.
    """
    share_low = simulated_two_state_share(world, params.replace(offence_dominance=low), runs, seed)[0]
    share_high = simulated_two_state_share(world, params.replace(offence_dominance=high), runs, seed)[0]
    if not share_high <= target <= share_low:
        raise ValueError(f"target {target} outside the simulated range [{share_high:.3f}, {share_low:.3f}]")
    while high - low > tolerance:
        mid = (low + high) / 2
        share = simulated_two_state_share(world, params.replace(offence_dominance=mid), runs, seed)[0]
        if share > target:
            low = mid
        else:
            high = mid
    return round((low + high) / 2, 3)
