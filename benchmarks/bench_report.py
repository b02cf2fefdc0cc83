"""Benchmark of the report (``make demo``): the network layout against networkx's Kamada–Kawai layout (the
same stress energy, minimised by scipy), and the whole default comparison against its two-minute budget.

Run: ``python benchmarks/bench_report.py`` (needs the bundled architectures; networkx from the dev extra).
Prints a table: what, ours (CPU seconds), baseline, baseline / ours.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

DEMO = ("today", "eurasian-proposal", "helsinki-plus")
BUDGET_SECONDS = 120.0


def _cpu(function: Any, *args: Any, repeat: int = 3) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = function(*args)
        best = min(best, time.process_time() - start)
    return best, result


def main() -> None:
    from secarch.report import ReportOptions, available_sections, build_report, render_html
    from secarch.report.layout import graph_distances, stress_layout
    from secarch.report.subject import Subject
    from secarch.spec import load_architecture

    rows: list[tuple[str, float, str, str]] = []
    arch = load_architecture("today")
    subject = Subject(arch, "today", arch.date, ReportOptions())
    network = available_sections()["network"].compute(subject, {})
    ids = [n["id"] for n in network["nodes"]]
    index = {node: k for k, node in enumerate(ids)}
    adjacency = np.zeros((len(ids), len(ids)))
    for edge in network["edges"]:
        if edge["kind"] in ("membership", "party", "agreement"):
            a, b = index[edge["source"]], index[edge["target"]]
            adjacency[a, b] = adjacency[b, a] = 1
    distance = graph_distances(adjacency)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):  # as build_report runs it
        ours, _ = _cpu(stress_layout, distance)
    try:
        import networkx as nx

        graph = nx.from_numpy_array(adjacency)
        lengths = {i: dict(enumerate(row)) for i, row in enumerate(distance)}
        theirs, _ = _cpu(lambda: nx.kamada_kawai_layout(graph, dist=lengths), repeat=1)
        rows.append(
            (
                f"layout of today's network ({len(ids)} nodes)",
                ours,
                f"{theirs:.2f} (networkx KK)",
                f"{theirs / ours:.1f}×",
            )
        )
    except ImportError:
        rows.append((f"layout of today's network ({len(ids)} nodes)", ours, "networkx not installed", "—"))

    wall = time.perf_counter()
    cpu = time.process_time()
    report = build_report(list(DEMO), ReportOptions())
    render_html(report)
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    rows.append(
        (
            "make demo: build + render, 3 architectures (CPU)",
            cpu,
            f"{BUDGET_SECONDS:.0f} (budget)",
            f"{BUDGET_SECONDS / cpu:.1f}×",
        )
    )
    rows.append(
        (
            "make demo: build + render, 3 architectures (wall)",
            wall,
            f"{BUDGET_SECONDS:.0f} (budget)",
            f"{BUDGET_SECONDS / wall:.1f}×",
        )
    )

    print(f"{'what':<58} {'ours (s)':>9}  {'baseline (s)':<26} {'ratio':>7}")
    for what, value, baseline, ratio in rows:
        print(f"{what:<58} {value:>9.2f}  {baseline:<26} {ratio:>7}")


if __name__ == "__main__":
    main()
