"""Benchmark: every metric for every year 1991–2025, against a naive baseline.

Run: ``.venv/bin/python benchmarks/bench_metrics.py [--years 1991:2025] [--baseline-years 3]``.

The workload is the bundled ``history`` architecture when it is installed; otherwise a synthetic one of
realistic size (190 states, 16 organisations, 150 agreements per year, seeded), and the table says which.
The baseline computes the same quantities the obvious way — networkx for the graph measures (Brandes
betweenness, reachability by graph search, greedy modularity), ``scipy.stats.kendalltau`` and a Python loop
per dyad for tau-b and S — on a few years, and is extrapolated per year; the ratio is baseline / secarch.
Target (issue 5): all metrics for all 35 years in under 2 s.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np
import scipy.stats
from threadpoolctl import threadpool_limits

from secarch.metrics.similarity import alliance_levels
from secarch.metrics.snapshot import slice_arrays, state_regions
from secarch.metrics.summary import ALLIANCE_SCALE_MAX, SliceArrays, metric_row


def synthetic_slices(years: range, seed: int = 20250630) -> list[SliceArrays]:
    """Seeded random slices of realistic size (one per year), growing slowly like the real system."""
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    slices = []
    for k, _ in enumerate(years):
        n, m, a = 170 + k, 16, 150
        membership = (rng.random((n, m)) < 0.15).astype(float)
        membership[:, 0] = 1.0  # a universal organisation
        parties = rng.random((a, n)) < 0.015
        parties[:3, :30] = True  # a few large multilateral pacts
        level = rng.choice([1.0, 2.0, 3.0], a)
        credibility = rng.uniform(0.1, 0.9, a)
        guarantee = np.zeros((n, n))
        for j in np.flatnonzero(level == 3.0):
            members = np.flatnonzero(parties[j])
            block = np.ix_(members, members)
            guarantee[block] = np.maximum(guarantee[block], credibility[j])
        np.fill_diagonal(guarantee, 0.0)
        slices.append(
            SliceArrays(
                membership=membership,
                parties=parties,
                alliance_level=level,
                credibility=credibility,
                guarantee=guarantee,
                capability=rng.pareto(1.5, n),
                region=rng.choice(np.array(["Africa", "Americas", "Asia", "Europe", "Oceania"]), n),
                major=np.zeros(n, dtype=bool),
            )
        )
    return slices


def history_slices(years: range) -> list[SliceArrays] | None:
    from secarch.spec import bundled_names, load_architecture

    if "history" not in bundled_names():
        return None
    arch = load_architecture("history")
    regions = dict(zip(arch.participants, state_regions(arch.participants), strict=True))
    out = []
    for year in years:
        snap = arch.at(year)
        out.append(slice_arrays(snap, None, np.array([regions[s] for s in snap.states])))
    return out


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
    return row


def timed(function: Callable[[], Any]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", default="1991:2025")
    parser.add_argument("--baseline-years", type=int, default=2)
    args = parser.parse_args()
    first, last = (int(x) for x in args.years.split(":"))
    years = range(first, last + 1)
    slices = history_slices(years)
    workload = "bundled history architecture"
    if slices is None:
        slices = synthetic_slices(years)
        workload = "synthetic architecture (history not bundled yet)"
    metric_row(slices[0])  # warm-up: imports and BLAS start-up
    default_threads = timed(lambda: [metric_row(s) for s in slices])
    # As secarch.metrics.snapshot.metrics_over_years runs them: one BLAS thread for these small matrices.
    with threadpool_limits(limits=1, user_api="blas"):
        ours = timed(lambda: [metric_row(s) for s in slices])
    sample = slices[:: max(1, len(slices) // args.baseline_years)][: args.baseline_years]
    with threadpool_limits(limits=1, user_api="blas"):
        base_sample = timed(lambda: [baseline_row(s) for s in sample])
        ours_sample = timed(lambda: [metric_row(s) for s in sample])
    base_total = base_sample / len(sample) * len(slices)
    states = [s.membership.shape[0] for s in slices]
    print(f"workload: {workload}; {len(slices)} years {first}–{last}; {min(states)}–{max(states)} states")
    print(f"{'':44}{'secarch':>12}{'baseline':>12}{'ratio':>10}")
    print(
        f"{'all metrics, one year (sampled years, mean)':44}{ours_sample / len(sample):>11.3f}s"
        f"{base_sample / len(sample):>11.3f}s{base_sample / ours_sample:>9.1f}x"
    )
    print(f"{'all metrics, every year':44}{ours:>11.3f}s{base_total:>10.1f}s*{base_total / ours:>9.1f}x")
    print(f"{'every year, default BLAS threads':44}{default_threads:>11.3f}s")
    print(f"target: under 2 s for every year → {'met' if ours < 2.0 else 'NOT met'} ({ours:.2f} s)")
    print(
        f"* baseline extrapolated from {len(sample)} year(s); it computes a subset of the metrics "
        "(no weighted/regional S, LUB or efficiency), so the ratio understates the difference"
    )


if __name__ == "__main__":
    main()
