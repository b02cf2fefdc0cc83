"""From architectures to crisis worlds, with the bundled tables only (nothing from ../shared/data).

For every simulated year the architecture replaces the historical record where it speaks:

* **onset** — the fitted hazard model (:mod:`secarch.crisis.hazard`) with the architecture's defence
  agreements (collective defence or mutual assistance, either direction, any credibility: the model was
  fitted on binary ATOP pacts) in place of ATOP's, and its militarized disputes (intensity above latent)
  added to the recorded onsets (GML/MID, bundled to 2014) when the dispute history at the start is built.
  Contiguity, capitals, capabilities, democracy and major-power status are the bundled tables of that
  year (1991–2025; later years repeat 2025, as the bundled tables themselves carry their last observation
  forward);
* **escalation** — guarantee credibilities from the architecture (:attr:`Snapshot.guarantee`), capability
  shares (CINC) projected with the loss-of-strength gradient, and mediation = both states are members of
  a non-universal organisation whose mandate has a conflict-settlement provision;
* **joining** — the same guarantee credibilities.

Years from the architecture's reference date on use the architecture as it stands on that date (a proposal
is simulated as written); earlier years of its period use its time slice of that year. Participants
without a Correlates of War code (outside the state system, e.g. Palestine) cannot be scored by the hazard
model: they take no part (the world's ``source`` names them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
import pandas as pd

from secarch.crisis import dyads, hazard, onset
from secarch.crisis.world import CrisisWorld, WorldArrays, dyad_position, pair_index
from secarch.errors import InputError

if TYPE_CHECKING:
    from secarch.model import Architecture, Snapshot

FloatArray = npt.NDArray[np.float64]

DATA_YEARS = (1991, 2025)
"""Years covered by the bundled state tables (capabilities, democracy, major powers)."""

MILITARIZED = ("militarized", "armed_conflict", "war")
"""Dispute intensities that count as onsets in the dispute history (a latent claim is not a MID)."""

DEFAULT_HORIZON = 10

LAST_START = 2100
"""Latest first simulated year accepted."""


def _table(name: str) -> pd.DataFrame:
    from secarch.data._paths import table_path

    return pd.read_csv(table_path(name))


@lru_cache(maxsize=1)
def _democracy() -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = _table("democracy.csv")
    return (
        frame.pivot_table(index="year", columns="ccode", values="polity2"),
        frame.pivot_table(index="year", columns="ccode", values="v2x_polyarchy"),
    )


@lru_cache(maxsize=1)
def _majors() -> dict[int, frozenset[int]]:
    frame = _table("major_powers.csv")
    return {int(str(y)): frozenset(g["ccode"].astype(int)) for y, g in frame.groupby("year")}


@lru_cache(maxsize=1)
def recorded_onsets() -> pd.DataFrame:
    """The bundled dispute onsets (GML MID v2.2.1 to 2010, CoW MID 5.0 to 2014): ccode1, ccode2, year."""
    return _table("dispute_onsets.csv")[["ccode1", "ccode2", "year"]].astype(np.int64)


@lru_cache(maxsize=1)
def _member_years() -> dict[int, npt.NDArray[np.int64]]:
    from secarch.data import iso3_to_ccode, state_system_spells

    ccodes = iso3_to_ccode()
    out: dict[int, npt.NDArray[np.int64]] = {}
    for code, spells in state_system_spells().items():
        years: set[int] = set()
        for first, last in spells:
            years.update(range(first.year, (last.year if last else DATA_YEARS[1] + 200) + 1))
        out[ccodes[code]] = np.array(sorted(years), dtype=np.int64)
    return out


def data_year(year: int) -> int:
    """The bundled-data year used for a simulated year (clamped to :data:`DATA_YEARS`).

    >>> data_year(2040), data_year(2000)
    (2025, 2000)
    """
    return min(max(year, DATA_YEARS[0]), DATA_YEARS[1])


def _capitals(codes: Sequence[str], year: int) -> tuple[FloatArray, FloatArray]:
    from secarch import data

    caps = data.capitals()
    on = pd.Timestamp(year=year, month=7, day=1)
    live = caps[(caps["start"].isna() | (caps["start"] <= on)) & (caps["end"].isna() | (caps["end"] > on))]
    live = live.drop_duplicates("iso3", keep="last").set_index("iso3")
    fallback = data.states().drop_duplicates("iso3").set_index("iso3")
    lat = live["lat"].reindex(list(codes)).fillna(fallback["lat"].reindex(list(codes))).to_numpy(float)
    lon = live["lon"].reindex(list(codes)).fillna(fallback["lon"].reindex(list(codes))).to_numpy(float)
    return lat, lon


def state_arrays(codes: Sequence[str], ccodes: npt.NDArray[np.int64], year: int) -> dyads.StateArrays:
    """The hazard model's state inputs of ``codes`` in (data) ``year`` from the bundled tables."""
    from secarch import data

    lat, lon = _capitals(codes, year)
    missing = [c for c, a, b in zip(codes, lat, lon, strict=True) if not (np.isfinite(a) and np.isfinite(b))]
    if missing:
        raise InputError.single(
            f"no capital coordinates for {', '.join(missing)}",
            field="participants",
            hint="`secarch data show states` lists every state with its capital",
        )
    cinc = np.asarray(data.capability_vector(list(codes), year), dtype=float)
    polity, poly = _democracy()
    y = min(max(year, int(polity.index.min())), int(polity.index.max()))
    return dyads.StateArrays(
        codes=ccodes,
        lat=lat,
        lon=lon,
        cinc=np.where(np.isfinite(cinc) & (cinc > 0), cinc, 1e-6),
        polity2=polity.loc[y].reindex(ccodes).to_numpy(float),
        polyarchy=poly.loc[y].reindex(ccodes).to_numpy(float),
        major=np.isin(ccodes, list(_majors().get(y, frozenset()))),
    )


def projection(codes: Sequence[str], shares: FloatArray, year: int) -> FloatArray:
    """P[k, s], the capability share of k projected to s (loss-of-strength gradient, capital distances in
    miles, land neighbours at distance 0)."""
    from secarch import data
    from secarch.security.gradient import projection_matrix

    miles = np.asarray(data.capital_distance_matrix(list(codes), "miles", year), dtype=float)
    land = np.asarray(data.contiguity_matrix(list(codes), year), dtype=bool)
    return projection_matrix(shares, np.nan_to_num(miles, nan=float(np.nanmax(miles))), land, year)


def mediation_matrix(snap: Snapshot) -> npt.NDArray[np.bool_]:
    """(n, n) whether two participants are both members (status ``member``) of an organisation other than a
    universal one whose mandate has a conflict-settlement provision."""
    member = snap.member_matrix(("member",))
    settles = np.asarray(snap.has_settlement_mechanism, dtype=bool) & np.array(
        [kind != "universal" for kind in snap.organisation_kinds], dtype=bool
    )
    m = member[:, settles].astype(np.int64)
    shared = (m @ m.T) > 0
    np.fill_diagonal(shared, False)
    return np.asarray(shared)


def architecture_onsets(
    arch: Architecture, ccodes: dict[str, int], before: int | None = None
) -> pd.DataFrame:
    """Onset rows (``ccode1`` < ``ccode2``, ``year``) of the architecture's militarized disputes (that start
    before ``before``, if given): every pair on opposite sides, in the year the dispute starts.

    >>> from secarch.spec import load_architecture
    >>> from secarch.data import iso3_to_ccode
    >>> architecture_onsets(load_architecture("example"), iso3_to_ccode()).shape[1]
    3
    """
    rows = []
    for dispute in arch.disputes:
        if dispute.intensity not in MILITARIZED or (before is not None and dispute.start.year >= before):
            continue
        for a in dispute.side_a:
            for b in dispute.side_b:
                if a in ccodes and b in ccodes:
                    x, y = sorted((ccodes[a], ccodes[b]))
                    rows.append((x, y, dispute.start.year))
    return pd.DataFrame(rows, columns=["ccode1", "ccode2", "year"], dtype=np.int64)


def dispute_history(
    arch: Architecture, ccodes: npt.NDArray[np.int64], table: dict[str, int], year: int
) -> dyads.HistoryArrays:
    """Dispute history of the states ``ccodes`` at the start of ``year``: the recorded onsets (bundled) plus
    the architecture's own militarized disputes that started before ``year``."""
    onsets = pd.concat([recorded_onsets(), architecture_onsets(arch, table, year)], ignore_index=True)
    start_years = dyads.dyad_start_years(_member_years(), ccodes, default=DATA_YEARS[0])
    return dyads.dispute_history(onsets, ccodes, year, np.minimum(start_years, year))


@dataclass(frozen=True)
class _YearInputs:
    """One year's inputs of the states present that year: positions on the world's state axis (``states``)
    and pair axis (``pairs``) and the values :meth:`WorldArrays.set_year` takes."""

    states: npt.NDArray[np.int64]
    pairs: npt.NDArray[np.int64]
    base_logit: FloatArray
    guarantee: FloatArray
    projection: FloatArray
    shares: FloatArray
    mediation: npt.NDArray[np.bool_]


def _year_inputs(
    snap: Snapshot,
    codes: list[str],
    ccodes: npt.NDArray[np.int64],
    positions: npt.NDArray[np.int64],
    n: int,
    data_year: int,
    year: int,
    model: hazard.HazardModel,
) -> _YearInputs:
    """The inputs of the ``codes`` (world positions ``positions``, of ``n``) that are states in ``snap``.

    The static part of the onset logit does not depend on the year (only the no-prior trend does, and it
    is in ``no_prior_coef``), so callers compute this once per (architecture date, data year).
    """
    present = [k for k, code in enumerate(codes) if code in snap.states]
    names = [codes[k] for k in present]
    snap_pos = [snap.states.index(code) for code in names]
    where = positions[present]
    i, j = pair_index(len(present))
    g = snap.guarantee[np.ix_(snap_pos, snap_pos)]
    arrays = state_arrays(names, ccodes[present], data_year)
    empty = dyads.HistoryArrays(
        np.zeros((len(present), len(present)), int),
        np.zeros((len(present), len(present))),
        np.ones((len(present), len(present)), bool),
    )
    cov = dyads.dyad_covariates(arrays, contiguity(names, data_year), (g > 0) | (g.T > 0), empty)
    shares = np.asarray(arrays.cinc, dtype=float)
    return _YearInputs(
        states=where,
        pairs=dyad_position(where[i], where[j], n),
        base_logit=onset.static_logit(model, cov, year),
        guarantee=g,
        projection=projection(names, shares, data_year),
        shares=shares,
        mediation=mediation_matrix(snap)[np.ix_(snap_pos, snap_pos)][i, j],
    )


def contiguity(codes: Sequence[str], year: int) -> npt.NDArray[np.int64]:
    """CoW direct-contiguity types (0 none … 5 ≤400 miles of water) of ``codes`` in (data) ``year``."""
    from secarch import data

    return np.asarray(data.contiguity_type_matrix(list(codes), year), dtype=np.int64)


def union_of_participants(architectures: Sequence[Architecture]) -> tuple[str, ...]:
    """Every participant of the architectures, each once, in order of first appearance: the state axis of
    worlds built together (:func:`build_worlds`)."""
    union: dict[str, None] = {}
    for arch in architectures:
        union.update(dict.fromkeys(arch.participants))
    return tuple(union)


def _snapshot_on(arch: Architecture, year: int) -> Snapshot:
    if year >= arch.date.year:
        return arch.at(arch.date)
    return arch.at(max(year, arch.period.start.year))


def build_worlds(
    architectures: Sequence[Architecture],
    *,
    horizon: int = DEFAULT_HORIZON,
    start: int | None = None,
    model: hazard.HazardModel | None = None,
) -> dict[str, CrisisWorld]:
    """Crisis worlds of several architectures on the union of their participants (so that common random
    numbers line up run by run, year by year and dyad by dyad), first year ``start`` (default: the first
    architecture's reference year), ``horizon`` years."""
    if not architectures:
        raise ValueError("no architecture given")
    if horizon < 1 or horizon > 200:
        raise InputError.single(f"bad horizon {horizon}", field="years", expected="1 to 200 years")
    from secarch.data import iso3_to_ccode

    model = model or hazard.load_model("hazard")
    first = int(start if start is not None else architectures[0].date.year)
    if not DATA_YEARS[0] <= first <= LAST_START:
        raise InputError.single(
            f"simulation start {first} is outside {DATA_YEARS[0]}…{LAST_START}",
            field="start",
            expected=f"a year from {DATA_YEARS[0]} (the bundled data) to {LAST_START}",
            hint="the onset model's trend is fitted on 1816–2010: far beyond the data it only extrapolates",
        )
    for arch in architectures:
        if first < arch.period.start.year:
            raise InputError.single(
                f"simulation start {first} is before the period of {arch.name} ({arch.period.start})",
                field="start",
            )
    table = iso3_to_ccode()
    states = union_of_participants(architectures)
    names = [arch.name for arch in architectures]
    if len(set(names)) != len(names):
        raise InputError.single("two architectures have the same name", field="name")
    return {arch.name: _build_world(arch, states, table, first, horizon, model) for arch in architectures}


def build_world(
    arch: Architecture,
    *,
    horizon: int = DEFAULT_HORIZON,
    start: int | None = None,
    model: hazard.HazardModel | None = None,
) -> CrisisWorld:
    """The crisis world of one architecture (see the module docstring)."""
    return build_worlds([arch], horizon=horizon, start=start, model=model)[arch.name]


def _build_world(
    arch: Architecture,
    states: tuple[str, ...],
    table: dict[str, int],
    first: int,
    horizon: int,
    model: hazard.HazardModel,
) -> CrisisWorld:
    n = len(states)
    if n < 2:
        raise InputError.single(f"{arch.name} has fewer than two participants", field="participants")
    years = list(range(first, first + horizon))
    d = n * (n - 1) // 2
    taking_part = set(arch.participants)
    scored = [k for k, s in enumerate(states) if s in table and s in taking_part]
    unscored = [s for s in arch.participants if s not in table]
    if len(scored) < 2:
        raise InputError.single(
            f"{arch.name}: fewer than two participants have a Correlates of War code",
            field="participants",
            hint="the hazard model scores pairs of CoW state-system members",
        )
    idx = np.array(scored, dtype=np.int64)
    sub_codes = [states[k] for k in scored]
    ccodes = np.array([table[s] for s in sub_codes], dtype=np.int64)
    sub_i, sub_j = pair_index(len(idx))
    dyad = dyad_position(idx[sub_i], idx[sub_j], n)

    world = WorldArrays.empty(horizon, n)
    # participants that are not states in a year (before independence, after dissolution) are inactive then
    cache: dict[tuple[dt.date, int], _YearInputs] = {}
    for t, year in enumerate(years):
        snap = _snapshot_on(arch, year)
        dy = data_year(year)
        key = (snap.date, dy)
        if key not in cache:
            cache[key] = _year_inputs(snap, sub_codes, ccodes, idx, n, dy, year, model)
        year_inputs = cache[key]
        world.set_year(
            t,
            year_inputs.states,
            year_inputs.pairs,
            base_logit=year_inputs.base_logit,
            no_prior_coef=onset.no_prior_coefficient(model, year),
            guarantee=year_inputs.guarantee,
            projection=year_inputs.projection,
            shares=year_inputs.shares,
            mediation=year_inputs.mediation,
        )

    history = dispute_history(arch, ccodes, table, first)
    peace0 = np.zeros(d, dtype=np.int64)
    disc0 = np.zeros(d)
    prior0 = np.zeros(d, dtype=bool)
    py, h, pr = onset.history_arrays(history, sub_i, sub_j)
    peace0[dyad], disc0[dyad], prior0[dyad] = py, h, pr
    notes = [f"{arch.name}: hazard model {model.model} fitted {model.fit_from}-{model.fit_until}"]
    if years[-1] > DATA_YEARS[1]:
        notes.append(f"state data after {DATA_YEARS[1]} repeat {DATA_YEARS[1]}")
    if unscored:
        notes.append(f"outside the CoW state system, not simulated: {', '.join(unscored)}")
    hazard_model = onset.onset_model(model, world.base_logit, world.no_prior_coef, peace0, disc0, prior0)
    return world.finish(states, tuple(years), hazard_model, "; ".join(notes))
