"""Sensitivity analysis of a finished sweep: Sobol' indices, Morris elementary effects, rank correlations.

Every index is computed on the mean over replications of each design point (for deterministic engines,
the value itself), per architecture and output, from the stored batches read one at a time.

- **Sobol'** (``sobol`` designs): first-order ``S1_i = V[E(Y|X_i)] / V(Y)`` and total-order
  ``ST_i = E[V(Y|X_~i)] / V(Y)`` indices with Saltelli et al.'s (2010) and Jansen's (1999) estimators, and
  bootstrap confidence intervals (SALib; Sobol' 2001, "Global sensitivity indices for nonlinear
  mathematical models and their Monte Carlo estimates", *Math. Comput. Simul.* 55).
- **Morris** (``morris`` designs): μ, μ* (mean absolute elementary effect, with a bootstrap confidence
  interval) and σ per parameter, on unit coordinates: an effect is the change of the output when the
  parameter moves over a share Δ = levels / (2 (levels − 1)) of its range (Morris 1991; Campolongo,
  Cariboni & Saltelli 2007).
- **Rank correlation** (``grid`` and ``lhs`` designs): Spearman's ρ between each parameter's unit coordinate
  and the output, with a Fisher-z confidence interval (a screening measure; for a list of unordered values
  it depends on the order they are listed in).

Replication noise: ``noise_share`` = mean squared standard error of the point means / variance of the
point means, the part of the variance the indices see that is Monte Carlo noise rather than the parameters
(near 0: negligible; large: add replications).

Scenario discovery: :func:`prim` finds a box of the parameter space where an output condition holds often
(Friedman & Fisher 1999, "Bump hunting in high-dimensional data", *Statistics and Computing* 9(2); Bryant &
Lempert 2010, "Thinking inside the box", *Technological Forecasting & Social Change* 77(1)).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from secarch.errors import InputError
from secarch.experiments.designs import salib_problem
from secarch.experiments.plan import ANALYSIS_KEY
from secarch.experiments.store import ResultStore, open_store

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class PointStatistics:
    """Per architecture, point and output: the number of replications, their mean and standard deviation.

    ``count[c, p]``; ``mean[o][c, p]`` and ``sd[o][c, p]`` (NaN where nothing is stored).
    """

    cases: tuple[str, ...]
    outputs: tuple[str, ...]
    count: npt.NDArray[np.int64]
    mean: dict[str, FloatArray]
    sd: dict[str, FloatArray]

    def frame(self) -> pd.DataFrame:
        """Long table: architecture, point, output, n, mean, sd, se."""
        n_points = self.count.shape[1]
        rows = []
        for output in self.outputs:
            for c, case in enumerate(self.cases):
                n = self.count[c]
                with np.errstate(invalid="ignore", divide="ignore"):
                    se = self.sd[output][c] / np.sqrt(n)
                rows.append(
                    pd.DataFrame(
                        {
                            "architecture": case,
                            "point": np.arange(n_points),
                            "output": output,
                            "n": n,
                            "mean": self.mean[output][c],
                            "sd": self.sd[output][c],
                            "se": se,
                        }
                    )
                )
        return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()


def point_statistics(store: ResultStore, outputs: Sequence[str] | None = None) -> PointStatistics:
    """Stream the stored rows once and accumulate, per architecture and point, count, sum and sum of
    squares of every output (only one batch is in memory at a time)."""
    cases = tuple(store.case_names)
    names = tuple(outputs or store.outputs)
    n_points = int(store.manifest["plan"]["design"]["points"])
    size = len(cases) * n_points
    count = np.zeros(size, dtype=np.int64)
    total = {o: np.zeros(size) for o in names}
    # sums of squared deviations from a per-point shift (the first value seen) keep the variance exact for
    # outputs with a large mean and a small spread
    shift = {o: np.full(size, np.nan) for o in names}
    square = {o: np.zeros(size) for o in names}
    index_of = {name: i for i, name in enumerate(cases)}
    for table in store.iter_tables(["architecture", "point", *names]):
        frame = table.to_pandas()
        key = (
            frame["architecture"].map(index_of).to_numpy(dtype=np.int64) * n_points
            + frame["point"].to_numpy()
        )
        count += np.bincount(key, minlength=size)
        for o in names:
            y = frame[o].to_numpy(dtype=np.float64)
            unset = np.isnan(shift[o][key])
            if unset.any():
                first = pd.Series(y[unset]).groupby(key[unset]).first()
                shift[o][first.index.to_numpy()] = first.to_numpy()
            z = y - shift[o][key]
            total[o] += np.bincount(key, weights=z, minlength=size)
            square[o] += np.bincount(key, weights=z * z, minlength=size)
    shape = (len(cases), n_points)
    mean, sd = {}, {}
    with np.errstate(invalid="ignore", divide="ignore"):
        for o in names:
            m = total[o] / count
            var = np.maximum(square[o] / count - m * m, 0.0) * count / np.maximum(count - 1, 1)
            var[count < 2] = 0.0
            mean[o] = (m + np.nan_to_num(shift[o])).reshape(shape)
            mean[o][count.reshape(shape) == 0] = np.nan
            sd[o] = np.sqrt(var).reshape(shape)
    return PointStatistics(cases, names, count.reshape(shape), mean, sd)


def noise_share(mean: FloatArray, sd: FloatArray, count: npt.NDArray[np.int64]) -> float:
    """Mean squared standard error of the point means over their variance (0 for deterministic runs).

    >>> noise_share(np.array([0.0, 2.0]), np.array([0.0, 0.0]), np.array([5, 5]))
    0.0
    """
    variance = float(np.var(mean, ddof=1)) if len(mean) > 1 else 0.0
    if variance <= 0:
        return 0.0 if not np.any(sd > 0) else math.inf
    return float(np.mean(sd * sd / count) / variance)


def sobol_indices(
    names: Sequence[str],
    y: FloatArray,
    *,
    second_order: bool = False,
    conf_level: float = 0.95,
    resamples: int = 100,
    seed: np.random.Generator | int | None = None,
) -> pd.DataFrame:
    """First- and total-order Sobol' indices of ``y`` (in the order of SALib's Saltelli sample).

    Returns one row per parameter: S1, S1_conf, ST, ST_conf (half-widths of the ``conf_level`` bootstrap
    intervals). An output that does not vary has all indices 0.
    """
    from SALib.analyze import sobol

    y = np.asarray(y, dtype=np.float64)
    if np.ptp(y) == 0:
        zeros = np.zeros(len(names))
        return pd.DataFrame(
            {"parameter": list(names), "S1": zeros, "S1_conf": zeros, "ST": zeros, "ST_conf": zeros}
        )
    result = sobol.analyze(
        salib_problem(names),
        y,
        calc_second_order=second_order,
        num_resamples=resamples,
        conf_level=conf_level,
        seed=seed,
    )
    return pd.DataFrame(
        {
            "parameter": list(names),
            "S1": result["S1"],
            "S1_conf": result["S1_conf"],
            "ST": result["ST"],
            "ST_conf": result["ST_conf"],
        }
    )


def morris_indices(
    names: Sequence[str],
    unit: FloatArray,
    y: FloatArray,
    *,
    levels: int,
    conf_level: float = 0.95,
    resamples: int = 100,
    seed: np.random.Generator | int | None = None,
) -> pd.DataFrame:
    """Morris μ, μ*, μ*'s confidence half-width and σ of ``y`` on the trajectories ``unit``."""
    from SALib.analyze import morris

    result = morris.analyze(
        salib_problem(names),
        np.asarray(unit, dtype=np.float64),
        np.asarray(y, dtype=np.float64),
        num_resamples=resamples,
        conf_level=conf_level,
        num_levels=levels,
        seed=seed,
    )
    return pd.DataFrame(
        {
            "parameter": list(names),
            "mu": result["mu"],
            "mu_star": result["mu_star"],
            "mu_star_conf": result["mu_star_conf"],
            "sigma": result["sigma"],
        }
    )


def rank_correlations(
    names: Sequence[str], unit: FloatArray, y: FloatArray, conf_level: float = 0.95
) -> pd.DataFrame:
    """Spearman's ρ of ``y`` with each column of ``unit``, with a Fisher-z interval (half-width of z mapped
    back: ``tanh(atanh ρ ± z_α / sqrt(n − 3))``).

    >>> unit = np.array([[0.1], [0.2], [0.3], [0.4], [0.5]])
    >>> rank_correlations(["a"], unit, np.array([1, 2, 3, 5, 4.0]))["rho"].round(2).tolist()
    [0.9]
    """
    from scipy import stats

    n = len(y)
    rows = []
    z_alpha = float(stats.norm.ppf(0.5 + conf_level / 2))
    for index, name in enumerate(names):
        x = unit[:, index]
        if np.ptp(x) == 0 or np.ptp(y) == 0:
            rows.append({"parameter": name, "rho": 0.0, "rho_low": math.nan, "rho_high": math.nan})
            continue
        rho = float(stats.spearmanr(x, y).statistic)
        if n > 3 and abs(rho) < 1:
            half = z_alpha / math.sqrt(n - 3)
            low, high = math.tanh(math.atanh(rho) - half), math.tanh(math.atanh(rho) + half)
        else:
            low = high = rho
        rows.append({"parameter": name, "rho": rho, "rho_low": low, "rho_high": high})
    return pd.DataFrame(rows)


@dataclass(frozen=True, eq=False)
class Analysis:
    """Sensitivity indices of a sweep: ``indices`` has one row per architecture, output and parameter."""

    path: Path
    method: str
    indices: pd.DataFrame
    points: pd.DataFrame
    complete: bool
    notes: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "method": self.method,
            "complete": self.complete,
            "notes": list(self.notes),
            "indices": self.indices.replace({np.nan: None}).to_dict(orient="records"),
            "files": [str(f) for f in self.files],
        }


def analyse(
    path: str | Path | ResultStore,
    *,
    outputs: Sequence[str] | None = None,
    conf_level: float = 0.95,
    resamples: int = 100,
) -> Analysis:
    """Sensitivity indices of every (or the given) output of the sweep in ``path``.

    ``resamples`` bootstrap resamples give the confidence intervals (100, SALib's default).
    The method follows the design: Sobol' for ``sobol``, Morris for ``morris``, rank correlations for
    ``grid`` and ``lhs``. Sobol' and Morris need every point: an unfinished sweep is an error (resume it).
    """
    if not 0 < conf_level < 1:
        raise InputError.single(
            f"bad confidence level {conf_level}",
            field="--conf-level",
            expected="a number strictly between 0 and 1, e.g. 0.95",
        )
    if resamples < 2:
        raise InputError.single(
            f"bad number of resamples {resamples}",
            field="--resamples",
            expected="at least 2 bootstrap resamples (100 is SALib's default)",
        )
    store = path if isinstance(path, ResultStore) else open_store(path)
    plan = store.manifest["plan"]
    chosen = list(outputs) if outputs else store.outputs
    for name in chosen:
        if name not in store.outputs:
            raise InputError.single(
                f"the sweep has no output {name!r}",
                field="--output",
                expected="one of " + ", ".join(store.outputs),
            )
    design_kind = plan["design"]["kind"]
    names = store.parameter_names
    stats = point_statistics(store, chosen)
    complete = len(store.done()) == store.n_tasks
    notes: list[str] = []
    method = {"sobol": "sobol", "morris": "morris"}.get(design_kind, "rank-correlation")
    if not names:
        method = "none"
        notes.append("the experiment varies no parameter: only the point summaries are given")
    if method in ("sobol", "morris") and not complete:
        raise InputError.single(
            f"the sweep in {store.path} is not finished ({len(store.done())} of {store.n_tasks} tasks)",
            file=store.path,
            hint="run `secarch sweep run` with the same experiment and --out to finish it",
        )
    design = store.design()
    unit = design[[f"u:{name}" for name in names]].to_numpy(dtype=np.float64)
    design_spec = plan["experiment"]["design"]
    rng = np.random.default_rng(
        np.random.SeedSequence(int(plan["seed"]["entropy"]), spawn_key=(ANALYSIS_KEY,))
    )
    frames = []
    for output in chosen:
        for c, case in enumerate(stats.cases):
            y = stats.mean[output][c]
            present = ~np.isnan(y)
            if method == "none" or not present.any():
                continue
            if method == "sobol":
                table = sobol_indices(
                    names,
                    y,
                    second_order=bool(design_spec.get("second_order")),
                    conf_level=conf_level,
                    resamples=resamples,
                    seed=rng,
                )
            elif method == "morris":
                table = morris_indices(
                    names,
                    unit,
                    y,
                    levels=int(design_spec["levels"]),
                    conf_level=conf_level,
                    resamples=resamples,
                    seed=rng,
                )
            else:
                table = rank_correlations(names, unit[present], y[present], conf_level)
            table.insert(0, "output", output)
            table.insert(0, "architecture", case)
            table["noise_share"] = noise_share(
                y[present], stats.sd[output][c][present], stats.count[c][present]
            )
            frames.append(table)
    indices = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if not indices.empty and (indices["noise_share"] > 0.1).any():
        noisy = sorted(set(indices.loc[indices["noise_share"] > 0.1, "output"]))
        notes.append(
            "replication noise is more than 10% of the variance of the point means for "
            + ", ".join(noisy[:5])
            + (" …" if len(noisy) > 5 else "")
            + ": add replications for firmer indices"
        )
    points = stats.frame()
    values = design.drop(columns=[f"u:{name}" for name in names])
    points = points.merge(values, on="point", how="left") if not points.empty else points
    return Analysis(Path(store.path), method, indices, points, complete, notes)


def write_analysis(analysis: Analysis, folder: str | Path | None = None, *, plot: bool = True) -> list[Path]:
    """Write ``indices.csv``, ``points.parquet`` and, with ``plot``, one bar chart per architecture and
    output (``<architecture>--<output>.png``) into ``folder`` (default: ``<sweep>/analysis``)."""
    target = Path(folder) if folder is not None else analysis.path / "analysis"
    target.mkdir(parents=True, exist_ok=True)
    files = []
    if not analysis.indices.empty:
        analysis.indices.to_csv(target / "indices.csv", index=False)
        files.append(target / "indices.csv")
    if not analysis.points.empty:
        analysis.points.to_parquet(target / "points.parquet", index=False)
        files.append(target / "points.parquet")
    if plot and not analysis.indices.empty:
        for (case, output), table in analysis.indices.groupby(["architecture", "output"], sort=False):
            name = re.sub(r"[^A-Za-z0-9_.+-]+", "_", f"{case}--{output}")
            files.append(
                plot_indices(table, analysis.method, target / f"{name}.png", title=f"{output} — {case}")
            )
    analysis.files.extend(files)
    return files


def plot_indices(table: pd.DataFrame, method: str, path: str | Path, *, title: str = "") -> Path:
    """A horizontal bar chart of one output's indices, largest on top (a tornado chart for correlations).

    Sobol': S1 and ST with their confidence intervals; Morris: μ* with its interval, and σ; rank
    correlation: ρ with its interval, bars to the left for negative ρ.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series: list[tuple[str, str | None, str]]
    if method == "sobol":
        order = table.sort_values("ST", ascending=True)
        series = [("ST", "ST_conf", "total order"), ("S1", "S1_conf", "first order")]
        xlabel = "Sobol' index (share of output variance)"
    elif method == "morris":
        order = table.sort_values("mu_star", ascending=True)
        series = [("mu_star", "mu_star_conf", "μ* (mean |effect|)"), ("sigma", None, "σ (interactions)")]
        xlabel = "elementary effect (output change over Δ of the range)"
    else:
        order = table.assign(_abs=table["rho"].abs()).sort_values("_abs", ascending=True)
        low = (order["rho"] - order["rho_low"]).fillna(0.0)
        high = (order["rho_high"] - order["rho"]).fillna(0.0)
        series = [("rho", None, "Spearman ρ")]
        xlabel = "rank correlation with the output"
    labels = order["parameter"].tolist()
    y = np.arange(len(labels))
    height = 0.8 / len(series)
    fig, ax = plt.subplots(figsize=(7.5, 1.2 + 0.45 * len(labels) * len(series)))
    for i, (column, conf, label) in enumerate(series):
        err: Any = None
        if conf is not None:
            err = order[conf].to_numpy()
        elif method == "rank-correlation":
            err = np.vstack([low.to_numpy(), high.to_numpy()])
        ax.barh(
            y + (i - (len(series) - 1) / 2) * height, order[column], height, xerr=err, label=label, capsize=3
        )
    ax.set_yticks(y, labels)
    ax.set_xlabel(xlabel)
    if method == "rank-correlation":
        ax.axvline(0.0, color="black", linewidth=0.8)
        ax.set_xlim(-1.05, 1.05)
    if len(series) > 1:
        ax.legend(loc="lower right")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    target = Path(path)
    fig.savefig(target, dpi=120)
    plt.close(fig)
    return target


# -- scenario discovery ------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PrimBox:
    """One box of a PRIM peeling trajectory, in unit coordinates: ``limits[name] = (low, high)``."""

    limits: dict[str, tuple[float, float]]
    coverage: float
    density: float
    mass: float


def prim(
    names: Sequence[str],
    unit: FloatArray,
    hit: npt.ArrayLike,
    *,
    alpha: float = 0.05,
    min_mass: float = 0.05,
) -> list[PrimBox]:
    """PRIM's peeling trajectory (Friedman & Fisher 1999): start from the whole space; at each step remove
    the slice (a share ``alpha`` of the points in the box, at the low or high end of one parameter) whose
    removal leaves the highest share of hits; stop before the box holds less than ``min_mass`` of the points.

    ``coverage`` = hits in the box / all hits; ``density`` = hits in the box / points in the box; ``mass`` =
    points in the box / all points.

    >>> u = np.linspace(0, 1, 101)[:, None]
    >>> boxes = prim(["x"], u, u[:, 0] > 0.715)
    >>> round(boxes[-1].limits["x"][0], 2), boxes[-1].density
    (0.72, 1.0)
    """
    hits = np.asarray(hit, dtype=bool)
    x = np.asarray(unit, dtype=np.float64)
    n = x.shape[0]
    total_hits = max(int(hits.sum()), 1)
    inside = np.ones(n, dtype=bool)
    limits = {name: (0.0, 1.0) for name in names}

    def box() -> PrimBox:
        count = int(inside.sum())
        return PrimBox(
            dict(limits), float(hits[inside].sum() / total_hits), float(hits[inside].mean()), count / n
        )

    trajectory = [box()]
    while inside.sum() > min_mass * n:
        best: tuple[float, int, str, float] | None = None
        for j in range(len(names)):
            values = x[inside, j]
            for end in ("low", "high"):
                cut = float(np.quantile(values, alpha if end == "low" else 1 - alpha))
                keep = inside & ((x[:, j] > cut) if end == "low" else (x[:, j] < cut))
                if keep.sum() < min_mass * n or keep.sum() == inside.sum() or not keep.any():
                    continue
                density = float(hits[keep].mean())
                if best is None or density > best[0]:
                    best = (density, j, end, cut)
        if best is None or best[0] <= trajectory[-1].density:
            break
        _, j, end, cut = best
        name = names[j]
        low, high = limits[name]
        if end == "low":
            inside &= x[:, j] > cut
            limits[name] = (float(x[inside, j].min()), high)
        else:
            inside &= x[:, j] < cut
            limits[name] = (low, float(x[inside, j].max()))
        trajectory.append(box())
    return trajectory


_CONDITION = re.compile(r"^\s*(?P<output>[^<>=\s]+)\s*(?P<op><=|>=|<|>)\s*(?P<value>[-+0-9.eE]+)\s*$")


@dataclass(frozen=True, eq=False)
class Discovery:
    """A PRIM result: the condition, the trajectory, and the chosen box in parameter values."""

    condition: str
    architecture: str
    trajectory: list[PrimBox]
    chosen: int
    box: dict[str, tuple[Any, Any]]

    def as_dict(self) -> dict[str, Any]:
        chosen = self.trajectory[self.chosen]
        return {
            "condition": self.condition,
            "architecture": self.architecture,
            "coverage": chosen.coverage,
            "density": chosen.density,
            "mass": chosen.mass,
            "box": {name: list(limits) for name, limits in self.box.items()},
            "trajectory": [
                {"coverage": b.coverage, "density": b.density, "mass": b.mass} for b in self.trajectory
            ],
        }


def discover(
    path: str | Path | ResultStore,
    condition: str,
    *,
    architecture: str | None = None,
    min_coverage: float = 0.5,
    alpha: float = 0.05,
    min_mass: float = 0.05,
) -> Discovery:
    """Scenario discovery with PRIM: where in the parameter space does ``condition`` (e.g.
    ``"outcome.sanctions>50"``, on each point's mean over replications) hold?

    The chosen box is the densest one on the peeling trajectory that still covers at least ``min_coverage``
    of the points where the condition holds. Its limits are given in parameter values (the smallest and
    largest value of the points inside; only the parameters it restricts).
    """
    store = path if isinstance(path, ResultStore) else open_store(path)
    match = _CONDITION.match(condition)
    if match is None:
        raise InputError.single(
            f"bad condition {condition!r}",
            field="--prim",
            expected="OUTPUT>VALUE (or <, >=, <=)",
            hint="e.g. p_war>0.1",
        )
    output, op, threshold = match["output"], match["op"], float(match["value"])
    if output not in store.outputs:
        raise InputError.single(
            f"the sweep has no output {output!r}",
            field="--prim",
            expected="one of " + ", ".join(store.outputs),
        )
    case = architecture or store.case_names[0]
    if case not in store.case_names:
        raise InputError.single(
            f"the sweep has no architecture {case!r}",
            field="--architecture",
            expected=" | ".join(store.case_names),
        )
    names = store.parameter_names
    if not names:
        raise InputError.single("the experiment varies no parameter: nothing to discover", field="--prim")
    stats = point_statistics(store, [output])
    y = stats.mean[output][store.case_names.index(case)]
    present = ~np.isnan(y)
    compare = {">": np.greater, "<": np.less, ">=": np.greater_equal, "<=": np.less_equal}[op]
    hits = compare(y[present], threshold)
    if not hits.any():
        raise InputError.single(
            f"no point satisfies {condition}", field="--prim", hint="try another threshold"
        )
    design = store.design()[present]
    unit = design[[f"u:{name}" for name in names]].to_numpy(dtype=np.float64)
    trajectory = prim(names, unit, hits, alpha=alpha, min_mass=min_mass)
    eligible = [i for i, b in enumerate(trajectory) if b.coverage >= min_coverage]
    chosen = eligible[-1] if eligible else 0
    limits = trajectory[chosen].limits
    inside = np.ones(len(design), dtype=bool)
    for j, name in enumerate(names):
        low, high = limits[name]
        inside &= (unit[:, j] >= low) & (unit[:, j] <= high)
    box = {}
    for name in names:
        if limits[name] != (0.0, 1.0):
            values = design.loc[inside, name]
            box[name] = (
                (values.min().item(), values.max().item())
                if values.dtype.kind in "fiub"
                else tuple(sorted(set(values)))
            )
    return Discovery(condition, case, trajectory, chosen, box)
