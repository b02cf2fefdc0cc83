"""Benchmark: the whole year table of the bundled ``history`` architecture, 1991–2025, against a naive
baseline.

Run: ``.venv/bin/python benchmarks/bench_metrics.py [--years 1991:2025] [--baseline-years 2] [--repeat 3]``.

What is timed is what ``secarch check history --years 1991:2025`` computes:
``secarch.metrics.snapshot.metrics_over_years(history, years, capabilities=default_capabilities())`` —
building each year's snapshot (``Architecture.at``), looking up each year's capabilities (CoW NMC CINC,
``secarch.data.capability_vector``) and UN M49 regions, and every column of the table, including the
capability-weighted S, CON, effective poles and poles and the shortest alliance paths. Loading the
architecture file, Python start-up and imports, and writing the CSV are not included (the loading time is
printed on its own line). The run is repeated and the best time is reported, with the median next to it.

The baseline computes the metrics the obvious way — networkx for the graph measures (Brandes betweenness,
shortest paths, reachability by graph search, greedy modularity), ``scipy.stats.kendalltau`` and a Python
loop per dyad for tau-b and the unweighted and capability-weighted S, Python sums for CON and the poles — on
the same snapshots, for a few years, and is extrapolated per year; the ratio is baseline / secarch. Metrics
defined identically in both are compared, so the table also shows that the two agree.

Target (metrics issue): every metric of ``history`` for all years in under 2 s.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np
import scipy.stats
from threadpoolctl import threadpool_limits

from secarch.metrics.similarity import alliance_levels
from secarch.metrics.snapshot import default_capabilities, metrics_over_years, slice_arrays, state_regions
from secarch.metrics.summary import ALLIANCE_SCALE_MAX, SliceArrays, metric_row
from secarch.spec import load_architecture

# Metrics that the baseline computes with the same definition as secarch (polarisation is a different
# algorithm, greedy modularity; organisation overlap is unweighted there).
SHARED = (
    "density",
    "degree_centralisation",
    "betweenness_centralisation",
    "average_path_length",
    "guarantee_path_length",
    "guarantee_reachability",
    "krackhardt_hierarchy",
    "tau_b",
    "s_unweighted",
    "s_weighted",
    "concentration",
    "effective_poles",
    "poles",
)


def baseline_row(arrays: SliceArrays) -> dict[str, float]:
    """The same metrics computed naively (networkx, scipy per dyad, Python loops)."""
    n = arrays.membership.shape[0]
    projection = arrays.membership @ arrays.membership.T + arrays.parties.T.astype(float) @ arrays.parties
    np.fill_diagonal(projection, 0)
    graph = nx.from_numpy_array((projection > 0).astype(int))
    row: dict[str, float] = {"density": nx.density(graph)}
    degree = np.array([d for _, d in graph.degree()])
    row["degree_centralisation"] = float((degree.max() - degree).sum() / ((n - 1) * (n - 2)))
    between = np.array(list(nx.betweenness_centrality(graph, normalized=False).values()))
    row["betweenness_centralisation"] = float((between.max() - between).sum() / ((n - 1) ** 2 * (n - 2) / 2))
    lengths = [v for s, d in nx.all_pairs_shortest_path_length(graph) for t, v in d.items() if s != t]
    row["average_path_length"] = float(np.mean(lengths))
    weighted = nx.from_numpy_array(projection)
    communities = nx.community.greedy_modularity_communities(weighted, weight="weight")
    row["polarisation"] = nx.community.modularity(weighted, communities, weight="weight")
    sets = [set(np.flatnonzero(col)) for col in arrays.membership.T]
    pairs = [len(a & b) / len(a | b) for a, b in itertools.combinations(sets, 2) if a | b]
    row["organisation_overlap"] = float(np.mean(pairs))
    digraph = nx.from_numpy_array((arrays.guarantee > 0).astype(int), create_using=nx.DiGraph)
    hops = [v for s, d in nx.all_pairs_shortest_path_length(digraph) for t, v in d.items() if s != t]
    row["guarantee_path_length"] = float(np.mean(hops)) if hops else float("nan")
    row["guarantee_reachability"] = len(hops) / (n * (n - 1))
    reach = {i: nx.descendants(digraph, i) for i in digraph}
    pairs_ij = list(itertools.combinations(range(n), 2))
    mutual = sum(j in reach[i] and i in reach[j] for i, j in pairs_ij)
    either = sum(j in reach[i] or i in reach[j] for i, j in pairs_ij)
    row["krackhardt_hierarchy"] = 1 - mutual / either if either else float("nan")
    levels = alliance_levels(arrays.parties, arrays.alliance_level, self_level=ALLIANCE_SCALE_MAX)
    tau = [scipy.stats.kendalltau(levels[i], levels[j]).statistic for i, j in pairs_ij]
    row["tau_b"] = float(np.nanmean(tau))
    s = [1 - 2 * np.abs(levels[i] - levels[j]).mean() / ALLIANCE_SCALE_MAX for i, j in pairs_ij]
    row["s_unweighted"] = float(np.mean(s))
    weight = np.nan_to_num(arrays.capability, nan=0.0)
    total = weight.sum()
    sw = [
        1 - 2 * (weight * np.abs(levels[i] - levels[j])).sum() / ALLIANCE_SCALE_MAX / total
        for i, j in pairs_ij
    ]
    row["s_weighted"] = float(np.mean(sw))
    known = [float(c) for c in arrays.capability if not np.isnan(c)]
    shares = [c / sum(known) for c in known]
    square = sum(x * x for x in shares)
    row["concentration"] = float(np.sqrt((square - 1 / len(shares)) / (1 - 1 / len(shares))))
    row["effective_poles"] = 1 / square
    row["poles"] = float(sum(x >= 0.1 for x in shares))
    return row


def timed(function: Callable[[], Any]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="1991:2025")
    parser.add_argument("--baseline-years", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the whole table (best is reported)")
    args = parser.parse_args()
    first, last = (int(x) for x in args.years.split(":"))
    years = range(first, last + 1)
    capabilities = default_capabilities()
    if capabilities is None:
        raise SystemExit("this installation has no capability table (secarch.data.capability_vector)")

    load = timed(lambda: load_architecture("history"))
    arch = load_architecture("history")
    metrics_over_years(arch, years[:2], capabilities=capabilities)  # warm-up: imports, tables, BLAS
    runs = []
    for _ in range(args.repeat):
        arch = load_architecture("history")  # a fresh object: nothing cached on it from the previous run
        runs.append(timed(lambda: metrics_over_years(arch, years, capabilities=capabilities)))  # noqa: B023
    whole, median = min(runs), statistics.median(runs)

    # The parts of one run: the snapshots, then each year's capabilities, regions, arrays and metrics.
    arch = load_architecture("history")
    snapshot_time = min(timed(lambda: [arch.at(y) for y in years]) for _ in range(args.repeat))
    snapshots = [arch.at(y) for y in years]
    regions = dict(zip(arch.participants, state_regions(arch.participants), strict=True))

    def year_slices() -> list[SliceArrays]:
        return [
            slice_arrays(s, capabilities(s.states, y), np.array([regions[c] for c in s.states]))
            for s, y in zip(snapshots, years, strict=True)
        ]

    slices = year_slices()
    with threadpool_limits(limits=1, user_api="blas"):
        metrics_time = min(timed(lambda: [metric_row(s) for s in year_slices()]) for _ in range(args.repeat))
    default_threads = timed(lambda: [metric_row(s) for s in slices])

    sample = list(range(0, len(slices), max(1, len(slices) // args.baseline_years)))[: args.baseline_years]
    with threadpool_limits(limits=1, user_api="blas"):
        base_rows = {}
        base_sample = 0.0
        for k in sample:
            start = time.perf_counter()
            base_rows[k] = baseline_row(slices[k])
            base_sample += time.perf_counter() - start
        ours_sample = min(timed(lambda: [metric_row(slices[k]) for k in sample]) for _ in range(args.repeat))
    base_metrics = base_sample / len(sample) * len(slices)
    base_whole = snapshot_time + base_metrics
    disagreement = max(
        abs(metric_row(slices[k])[name] - base_rows[k][name])
        for k in sample
        for name in SHARED
        if not (np.isnan(base_rows[k][name]) and np.isnan(metric_row(slices[k])[name]))
    )

    states = [s.n_states for s in snapshots]
    print(
        f"workload: bundled history architecture, {len(slices)} years {first}–{last}, "
        f"{min(states)}–{max(states)} states a year, capabilities from the bundled CoW NMC table"
    )
    print(f"{'':52}{'secarch':>10}{'baseline':>12}{'ratio':>9}")
    print(
        f"{'whole table (secarch check history --years)':52}{whole:>9.2f}s{base_whole:>10.1f}s*"
        f"{base_whole / whole:>8.0f}x"
    )
    print(f"{'  snapshots (Architecture.at), best run':52}{snapshot_time:>9.2f}s{snapshot_time:>11.2f}s")
    print(
        f"{'  capabilities, regions and metrics, best run':52}{metrics_time:>9.2f}s"
        f"{base_metrics:>10.1f}s*{base_metrics / metrics_time:>8.0f}x"
    )
    print(
        f"{'all metrics, one year (sampled years, mean)':52}{ours_sample / len(sample):>9.3f}s"
        f"{base_sample / len(sample):>11.2f}s{base_sample / ours_sample:>8.0f}x"
    )
    print(f"{'all metrics, every year, default BLAS threads':52}{default_threads:>9.2f}s")
    print(f"{'loading the architecture (not in the table time)':52}{load:>9.2f}s")
    print(f"runs of the whole table: best {whole:.2f} s, median {median:.2f} s of {len(runs)}")
    print(f"target: whole table under 2 s → {'met' if whole < 2.0 else 'NOT met'} ({whole:.2f} s)")
    sampled = ", ".join(str(years[k]) for k in sample)
    print(
        f"* baseline extrapolated from {len(sample)} year(s) ({sampled}) on the same snapshots; it computes "
        "a subset of the metrics (no regional S, LUB or efficiency), so the ratio understates the difference"
    )
    print(
        f"largest difference between secarch and the baseline on the {len(SHARED)} metrics both define "
        f"alike: {disagreement:.1e}"
    )


if __name__ == "__main__":
    main()
