"""Refit and validate the dispute-onset hazard model from the original datasets.

The dyad-year population is every non-directed pair of CoW system members in each year (a state counts in
a year if any of its membership spells touches that year). The outcome is the start of at least one
militarized interstate dispute between the pair that year in Gibler, Miller & Little's MID data v2.2.1
(``gmlmidonset`` = 1). Years in which a dispute that began earlier is still under way stay in the risk set
(a new dispute can start then, and GML records such onsets). Peace-years count from the year after the last
onset, or from the first year both states were in the system (left-censored at 1816). See docs/hazard.md.

Functions here are used by ``secarch hazard fit/validate`` and by ``scripts/build_hazard_tables.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from secarch.crisis import hazard
from secarch.crisis.record import Sources, load_sources

__all__ = [
    "BUNDLED_FITS",
    "HistoricalWorld",
    "Sources",
    "Validation",
    "build_panel",
    "build_tables",
    "coefficient_table",
    "compare_tables",
    "fit_panel",
    "load_sources",
    "plot_calibration",
    "validate_models",
    "write_tables",
]
from secarch.crisis.dyads import (
    HistoryArrays,
    StateArrays,
    dispute_history,
    dyad_covariates,
    dyad_start_years,
)
from secarch.data.matrices import capitals_in_year, closest_type_matrix
from secarch.data.pairs import pair_matrix

FIRST_YEAR = 1816
TREND_HORIZON = 11
"""Years past the end of a fit over which the no-prior trend is extrapolated before it is held (the
horizon validated out of sample: 2000–2010 for the 1816–1999 fit)."""

TABLE_YEARS = (1991, 2025)
"""Years covered by the bundled covariate tables."""

FIT_SOURCES = {
    model: ";".join(
        (
            "secarch-hazard-fit",  # the fit itself (secarch.crisis.fit); then the data it used
            "gml-mid",  # onsets and dispute history
            "cow-states",  # dyad population
            "cow-contiguity",
            "peacesciencer",  # capitals
            "cow-nmc",
            "democracy",  # polity2 and V-Dem polyarchy by CoW state-year
            "polity5" if model == "baseline" else "vdem",  # the joint-democracy measure of each model
            "atop",
            "cow-majors",
        )
    )
    for model in ("baseline", "hazard")
}
"""The ``source`` of each model's coefficient rows: keys of the sources registry (sources_*.csv)."""


def _coverage_end(frame: pd.DataFrame, column: str, share: float = 0.5) -> int:
    """Last year in which at least ``share`` of the rows of the busiest year have ``column``."""
    counts = frame.dropna(subset=[column]).groupby("year").size()
    return int(counts.index[counts >= share * counts.max()].max())


@dataclass
class HistoricalWorld:
    """Per-year state and dyad arrays assembled from the original datasets, for any year.

    Years past a dataset's coverage reuse its last covered year (carried forward): membership and
    contiguity after 2016, capabilities after 2022, polity2 after 2018, ATOP after 2018, major powers
    after 2016. Dispute onsets after 2014 are unknown and treated as none.
    """

    sources: Sources
    member_years: dict[int, np.ndarray] = field(init=False)
    codes: np.ndarray = field(init=False)
    dyad_start_matrix: np.ndarray = field(init=False)
    coverage: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        s = self.sources
        years: dict[int, set[int]] = {}
        for code, first, last in s.states[["ccode", "styear", "endyear"]].itertuples(index=False):
            years.setdefault(int(code), set()).update(range(int(first), int(last) + 1))
        self.member_years = {c: np.array(sorted(v)) for c, v in years.items()}
        self.codes = np.array(sorted(self.member_years))
        self.dyad_start_matrix = dyad_start_years(self.member_years, self.codes, default=FIRST_YEAR)
        self._position = pd.Series(np.arange(len(self.codes)), index=self.codes)
        self.coverage = {
            "states": int(s.states["endyear"].max()),
            "contiguity": int(s.contiguity["last"].max()),
            "nmc": int(s.nmc["year"].max()),
            "polity2": _coverage_end(s.democracy, "polity2"),
            "polyarchy": _coverage_end(s.democracy, "v2x_polyarchy"),
            "atop": int(s.defence["year"].max()),
            "majors": int(s.majors["endyear"].max()),
            "onsets": int(s.onsets["year"].max()),
        }
        self._nmc = s.nmc.pivot_table(index="year", columns="ccode", values="cinc")
        self._polity = s.democracy.pivot_table(index="year", columns="ccode", values="polity2")
        self._poly = s.democracy.pivot_table(index="year", columns="ccode", values="v2x_polyarchy")
        self._defence = {y: g for y, g in s.defence.groupby("year")}

    def members(self, year: int) -> np.ndarray:
        """CoW codes of the system members in ``year`` (membership carried forward past 2016)."""
        y = min(year, self.coverage["states"])
        return np.array([c for c in self.codes if np.any(self.member_years[int(c)] == y)], dtype=np.int64)

    def _row(self, table: pd.DataFrame, year: int, end: int, codes: np.ndarray) -> np.ndarray:
        y = min(year, end)
        if y not in table.index:
            return np.full(len(codes), np.nan)
        return table.loc[y].reindex(codes).to_numpy(float)

    def state_arrays(self, year: int, codes: np.ndarray) -> StateArrays:
        s = self.sources
        caps = capitals_in_year(s.capitals, year, key="ccode").reindex(codes)
        cinc = self._row(self._nmc, year, self.coverage["nmc"], codes)
        if np.isnan(cinc).any():  # a state missing from NMC that year: its last known share
            known = self._nmc.loc[: min(year, self.coverage["nmc"])].ffill()
            fallback = known.iloc[-1].reindex(codes).to_numpy(float) if len(known) else cinc
            cinc = np.where(np.isnan(cinc), fallback, cinc)
        cinc = np.where(np.isnan(cinc), 1e-6, cinc)
        my = min(year, self.coverage["majors"])
        majors = s.majors[(s.majors["styear"] <= my) & (s.majors["endyear"] >= my)]["ccode"]
        return StateArrays(
            codes=codes,
            lat=caps["lat"].to_numpy(float),
            lon=caps["lon"].to_numpy(float),
            cinc=cinc,
            polity2=self._row(self._polity, year, self.coverage["polity2"], codes),
            polyarchy=self._row(self._poly, year, self.coverage["polyarchy"], codes),
            major=np.isin(codes, majors.to_numpy()),
        )

    def contiguity(self, year: int, codes: np.ndarray) -> np.ndarray:
        """CoW direct-contiguity type (closest type of any spell touching the year; 0 = none)."""
        y = min(year, self.coverage["contiguity"])
        c = self.sources.contiguity
        spells = c[(c["first"] <= y) & (c["last"] >= y)]
        return closest_type_matrix(pd.Index(codes), spells["ccode1"], spells["ccode2"], spells["conttype"])

    def defence(self, year: int, codes: np.ndarray) -> np.ndarray:
        """ATOP defence pact in either direction (carried forward past 2018)."""
        pairs = self._defence.get(min(year, self.coverage["atop"]))
        if pairs is None:
            return np.zeros((len(codes), len(codes)), dtype=bool)
        return pair_matrix(pd.Index(codes), pairs["ccode1"], pairs["ccode2"], True, fill=False, dtype=bool)

    def dyad_start(self, codes: np.ndarray) -> np.ndarray:
        """``n × n`` first year both states were system members (1816 for codes outside the CoW system)."""
        idx = self._position.reindex(np.asarray(codes, dtype=np.int64)).to_numpy()
        start = np.full((len(codes), len(codes)), FIRST_YEAR, dtype=np.int64)
        ok = ~np.isnan(idx)
        good = idx[ok].astype(int)
        start[np.ix_(ok, ok)] = self.dyad_start_matrix[np.ix_(good, good)]
        return start

    def history(self, year: int, codes: np.ndarray, onsets: pd.DataFrame | None = None) -> HistoryArrays:
        """Dispute history of every pair at the start of ``year`` from ``onsets`` (default: the recorded
        onsets, known to 2014)."""
        table = self.sources.onsets if onsets is None else onsets
        return dispute_history(table, codes, year, np.minimum(self.dyad_start(codes), year))

    def covariates(self, year: int, codes: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """Covariates of every pair of ``codes`` (default: the system members) in ``year``."""
        codes = self.members(year) if codes is None else np.asarray(codes, dtype=np.int64)
        return dyad_covariates(
            self.state_arrays(year, codes),
            self.contiguity(year, codes),
            self.defence(year, codes),
            self.history(year, codes),
        )


def build_panel(world: HistoricalWorld, first: int, last: int) -> pd.DataFrame:
    """Dyad-year panel for ``first``…``last``: covariates, ``onset`` and ``ongoing`` (0/1)."""
    s = world.sources
    onset_keys = set(zip(s.onsets["ccode1"], s.onsets["ccode2"], s.onsets["year"], strict=True))
    ongoing_keys = set(zip(s.ongoing["ccode1"], s.ongoing["ccode2"], s.ongoing["year"], strict=True))
    frames = []
    for year in range(first, last + 1):
        codes = world.members(year)
        cov = world.covariates(year, codes)
        a = codes[cov.pop("i")]
        b = codes[cov.pop("j")]
        frame = pd.DataFrame({"year": year, "ccode1": a, "ccode2": b, **cov})
        frames.append(frame)
    panel = pd.concat(frames, ignore_index=True)
    keys = zip(panel["ccode1"], panel["ccode2"], panel["year"], strict=True)
    flags = np.array([(k in onset_keys, k in ongoing_keys) for k in keys], dtype=bool).reshape(-1, 2)
    panel["onset"] = flags[:, 0].astype(np.int8)
    panel["ongoing"] = flags[:, 1].astype(np.int8)
    panel["systemic_war"] = panel["year"].isin(hazard.SYSTEMIC_WAR_YEARS).astype(np.int8)
    return panel


def fit_panel(panel: pd.DataFrame, model: str, until: int) -> tuple[hazard.LogitFit, pd.DataFrame]:
    """Fit ``model`` on the rows of ``panel`` up to ``until``; returns the fit and its coefficient rows."""
    rows = panel[panel["year"] <= until]
    cov = {c: rows[c].to_numpy() for c in rows.columns}
    X = hazard.design_matrix(
        cov, rows["year"].to_numpy(), model, systemic_war=rows["systemic_war"].to_numpy()
    )
    y = rows["onset"].to_numpy(float)
    result = hazard.fit_logit(X, y)
    if not result.converged:
        raise RuntimeError(f"the {model} logit did not converge in {result.iterations} iterations")
    kz = hazard.king_zeng_bias(X, result.coef)
    cap = until + TREND_HORIZON if model == "hazard" else None
    table = pd.DataFrame(
        {
            "model": model,
            "term": hazard.MODEL_TERMS[model],
            "estimate": result.coef,
            "std_error": result.std_error,
            "king_zeng_bias": kz,
            "fit_from": int(rows["year"].min()),
            "fit_until": until,
            "trend_cap": cap,
            "n_dyad_years": len(rows),
            "n_onsets": int(y.sum()),
            "log_likelihood": result.log_likelihood,
            "source": FIT_SOURCES[model],
        }
    )
    return result, table


def coefficient_table(panel: pd.DataFrame, fits: tuple[tuple[str, int], ...]) -> pd.DataFrame:
    """Coefficient rows for each (model, until) in ``fits``."""
    return pd.concat([fit_panel(panel, m, u)[1] for m, u in fits], ignore_index=True)


BUNDLED_FITS = (("baseline", 1999), ("hazard", 1999), ("hazard", 2010))
"""The fits in the bundled table: both specifications on 1816–1999 (validated on 2000–2010) and the shipped
hazard model refit on all of 1816–2010."""


@dataclass(frozen=True)
class Validation:
    """Out-of-sample quality of one fitted model on a range of years."""

    model: str
    fit_until: int
    years: tuple[int, int]
    dyad_years: int
    auc: float
    brier: float
    log_likelihood: float
    predicted: float
    observed: int
    by_year: pd.DataFrame
    calibration: pd.DataFrame
    probabilities: np.ndarray = field(repr=False)
    outcomes: np.ndarray = field(repr=False)

    def as_dict(self) -> dict[str, object]:
        return {
            "model": self.model,
            "fit_until": self.fit_until,
            "years": list(self.years),
            "dyad_years": self.dyad_years,
            "auc": round(self.auc, 4),
            "brier": round(self.brier, 6),
            "log_likelihood": round(self.log_likelihood, 1),
            "predicted_onsets": round(self.predicted, 1),
            "observed_onsets": self.observed,
            "by_year": self.by_year.to_dict(orient="records"),
        }


def validate_models(
    panel: pd.DataFrame,
    table: pd.DataFrame,
    first: int,
    last: int,
    models: tuple[str, ...] = ("baseline", "hazard"),
) -> list[Validation]:
    """Score the fits ending at ``first − 1`` of ``models`` on the panel rows ``first``…``last``."""
    rows = panel[(panel["year"] >= first) & (panel["year"] <= last)]
    cov = {c: rows[c].to_numpy() for c in rows.columns}
    y = rows["onset"].to_numpy(int)
    out = []
    for name in models:
        model = hazard.model_from_table(table, name, first - 1)
        p = model.predict(cov, rows["year"].to_numpy())
        by_year = (
            pd.DataFrame({"year": rows["year"].to_numpy(), "p": p, "y": y})
            .groupby("year")
            .agg(predicted=("p", "sum"), observed=("y", "sum"))
            .reset_index()
        )
        out.append(
            Validation(
                model=name,
                fit_until=model.fit_until,
                years=(first, last),
                dyad_years=len(rows),
                auc=hazard.roc_auc(p, y),
                brier=hazard.brier_score(p, y),
                log_likelihood=float(np.sum(np.where(y == 1, np.log(p), np.log1p(-p)))),
                predicted=float(p.sum()),
                observed=int(y.sum()),
                by_year=by_year,
                calibration=hazard.calibration_table(p, y),
                probabilities=p,
                outcomes=y,
            )
        )
    return out


def plot_calibration(results: list[Validation], path: str | Path) -> Path:
    """Write a calibration plot (observed vs predicted rate by bin of predicted risk, log–log, and onsets
    per year) to ``path`` (PNG). Needs matplotlib (``pip install secarch[plot]``)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as error:  # pragma: no cover - depends on the environment
        from secarch.errors import SecarchError

        raise SecarchError("the calibration plot needs matplotlib: pip install 'secarch[plot]'") from error
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.6), dpi=110)
    colours = {"baseline": "#8a8a8a", "hazard": "#1f5fa8"}
    for shift, r in zip((0.94, 1.06), results, strict=False):
        cal = r.calibration
        x = cal["mean_predicted"].to_numpy() * shift  # side by side so the intervals do not overlap
        rate = cal["observed_rate"].to_numpy()
        hit = rate > 0
        err = np.vstack([rate - cal["rate_low"].to_numpy(), cal["rate_high"].to_numpy() - rate])
        colour = colours.get(r.model)
        left.errorbar(x[hit], rate[hit], yerr=err[:, hit], fmt="o", color=colour, capsize=2, label=r.model)
        # bins with no onset: the upper end of the 95% interval, drawn as a downward triangle
        left.plot(x[~hit], cal["rate_high"].to_numpy()[~hit], "v", color=colour, markersize=5)
        right.plot(r.by_year["year"], r.by_year["predicted"], "o-", color=colour, label=r.model)
    first = results[0]
    right.plot(
        first.by_year["year"], first.by_year["observed"], "s--", color="#c0392b", label="observed (GML)"
    )
    left.plot([1e-5, 1], [1e-5, 1], ":", color="black", linewidth=0.8)
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlim(1e-5, 1)
    left.set_ylim(1e-5, 1)
    left.set_xlabel("mean predicted probability in bin")
    left.set_ylabel("observed onset rate (95% Poisson interval)")
    left.set_title(f"Calibration by bin of predicted risk, {first.years[0]}–{first.years[1]}")
    left.legend(loc="upper left", title="▼ = no onset: upper 95% bound", title_fontsize=8)
    right.set_xlabel("year")
    right.set_ylabel("dispute onsets (dyad-years)")
    right.set_title("Predicted vs observed onsets per year")
    right.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


# ----------------------------------------------------------------------------------------------------
# Bundled covariate tables for 1991–2025


def democracy_table(world: HistoricalWorld, years: tuple[int, int] = TABLE_YEARS) -> pd.DataFrame:
    """polity2 and V-Dem polyarchy for the system members of each year, carried forward where missing."""
    rows = []
    for year in range(years[0], years[1] + 1):
        codes = world.members(year)
        for column, end, table in (
            ("polity2", world.coverage["polity2"], world._polity),
            ("v2x_polyarchy", world.coverage["polyarchy"], world._poly),
        ):
            known = table.loc[: min(year, end)].ffill()
            values = table.loc[year].reindex(codes) if year in table.index else pd.Series(np.nan, index=codes)
            filled = known.iloc[-1].reindex(codes)
            rows.append(
                pd.DataFrame(
                    {
                        "ccode": codes,
                        "year": year,
                        "variable": column,
                        "value": np.where(values.isna(), filled, values),
                        "carried_forward": values.isna().to_numpy() & filled.notna().to_numpy(),
                    }
                )
            )
    long = pd.concat(rows, ignore_index=True)
    wide = long.pivot_table(index=["ccode", "year"], columns="variable", values=["value", "carried_forward"])
    out = pd.DataFrame(
        {
            "ccode": wide.index.get_level_values(0),
            "year": wide.index.get_level_values(1),
            "polity2": wide[("value", "polity2")].to_numpy(),
            "polity2_carried_forward": wide[("carried_forward", "polity2")].fillna(0).astype(bool).to_numpy(),
            "v2x_polyarchy": wide[("value", "v2x_polyarchy")].to_numpy(),
            "polyarchy_carried_forward": wide[("carried_forward", "v2x_polyarchy")]
            .fillna(0)
            .astype(bool)
            .to_numpy(),
        }
    )
    out["source"] = "democracy;polity5;vdem"  # the *_carried_forward flags mark values carried forward
    return out.sort_values(["year", "ccode"], ignore_index=True)


def major_powers_table(world: HistoricalWorld, years: tuple[int, int] = TABLE_YEARS) -> pd.DataFrame:
    """CoW major powers by year, carried forward past the end of the CoW list (2016)."""
    end = world.coverage["majors"]
    m = world.sources.majors
    rows = []
    for year in range(years[0], years[1] + 1):
        y = min(year, end)
        for code in sorted(m[(m["styear"] <= y) & (m["endyear"] >= y)]["ccode"].unique()):
            rows.append({"ccode": int(code), "year": year, "carried_forward": year > end})
    out = pd.DataFrame(rows)
    out["source"] = np.where(out["carried_forward"], f"cow-majors ({end} list carried forward)", "cow-majors")
    return out


def onsets_table(world: HistoricalWorld) -> pd.DataFrame:
    """Every non-directed dispute-onset dyad-year 1816–2014 (the dispute history the model needs)."""
    return world.sources.onsets[["ccode1", "ccode2", "year", "source"]].copy()


def build_tables(root: str | Path) -> dict[str, pd.DataFrame]:
    """All bundled hazard tables, rebuilt from the original datasets in ``root``."""
    world = HistoricalWorld(load_sources(root))
    panel = build_panel(world, FIRST_YEAR, 2010)
    return {
        "hazard_coefficients.csv": coefficient_table(panel, BUNDLED_FITS),
        "democracy.csv": democracy_table(world),
        "major_powers.csv": major_powers_table(world),
        "dispute_onsets.csv": onsets_table(world),
    }


def write_tables(tables: dict[str, pd.DataFrame], folder: str | Path) -> list[Path]:
    """Write ``tables`` as CSV into ``folder`` (floats with 10 significant digits, stable across runs)."""
    from secarch.data.build import write_table

    return [write_table(frame, Path(folder) / name, float_format="%.10g") for name, frame in tables.items()]


def compare_tables(
    tables: dict[str, pd.DataFrame], folder: str | Path, rtol: float = 1e-6, atol: float = 1e-9
) -> list[str]:
    """Differences between freshly built ``tables`` and the CSV files in ``folder`` (empty if equal).

    Numbers are compared with a relative tolerance (BLAS may round differently on another machine)."""
    problems = []
    for name, fresh in tables.items():
        path = Path(folder) / name
        if not path.is_file():
            problems.append(f"{name}: not bundled")
            continue
        stored = pd.read_csv(path)
        fresh = pd.read_csv(__import__("io").StringIO(fresh.to_csv(index=False, float_format="%.10g")))
        if list(stored.columns) != list(fresh.columns) or len(stored) != len(fresh):
            problems.append(f"{name}: shape or columns differ ({stored.shape} vs {fresh.shape})")
            continue
        for column in stored.columns:
            a, b = stored[column], fresh[column]
            if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
                same = np.isclose(a.to_numpy(float), b.to_numpy(float), rtol=rtol, atol=atol, equal_nan=True)
            else:
                same = (a.astype(str) == b.astype(str)).to_numpy()
            if not same.all():
                row = int(np.flatnonzero(~same)[0])
                problems.append(
                    f"{name}: column {column} differs first at row {row + 2}: {a[row]!r} vs {b[row]!r}"
                )
    return problems
