"""Benchmark: leave-one-out over every element of an architecture, incremental vs full recomputation.

Run: ``.venv/bin/python benchmarks/bench_security.py [--architecture today|FILE] [--repeat 3]``.

The workload is the bundled ``today`` architecture when it is installed (with the bundled data); otherwise
a seeded synthetic architecture of realistic size (80 states; four organisations of 32, 27, 9 and 6
members, two with a defence clause; 40 bilateral agreements, 25 disputes, 12 rivalries), and the table says
which. The baseline removes each element and recomputes everything from the links (noisy-or relations,
Signorino–Ritter S over all pairs, the threat weights, the scores): ``WhatIfEngine.recompute``. The
incremental path is ``WhatIfEngine.leave_one_out`` (docs/security.md, "What-if"). Both run with one BLAS
thread; the table gives wall-clock and CPU time (on a busy machine the CPU time is the fair measure). Target
(issue 6): leave-one-out over every element of ``today`` in under 1 s.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
from threadpoolctl import threadpool_limits

from secarch.security.elements import Element, ElementTable, Link, guarantee_links, opposition_links
from secarch.security.model import Geography
from secarch.security.whatif import Change, WhatIfEngine


def synthetic_engine(seed: int = 20250630) -> tuple[str, WhatIfEngine]:
    """A seeded random architecture of realistic size (see the module docstring)."""
    rng = np.random.default_rng(np.random.SeedSequence(seed))
    n = 80
    states = [f"S{k:02d}" for k in range(n)]
    capability = rng.pareto(1.2, n) + 0.01
    xy = rng.uniform(0, 6000, (n, 2))
    distance = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    geo = Geography.build(
        states,
        capability,
        distance,
        distance < 500,
        2024,
        capability_total=capability.sum() * 1.5,
        system_size=193,
    )
    elements: list[Element] = []
    for org, size, credibility in (("ORGA", 32, 0.6), ("ORGB", 6, 0.22), ("ORGC", 27, 0.0), ("ORGD", 9, 0.0)):
        members = [states[k] for k in rng.choice(n, size, replace=False)]
        clause = guarantee_links(f"{org}-clause", members, members, credibility) if credibility else []
        elements.append(Element(f"{org}-clause", "agreement", tuple(members), tuple(clause)))
        for m in members:
            mine = tuple(x for x in clause if m in (x.actor, x.object))
            elements.append(Element(f"{org}:{m}", "membership", (m,), mine))
    for k in range(40):
        a, b = (states[i] for i in rng.choice(n, 2, replace=False))
        cred = float(rng.uniform(0.1, 0.9))
        if k % 4 == 3:
            links = [Link(f"NAP{k}", "restraint", a, b, cred), Link(f"NAP{k}", "restraint", b, a, cred)]
        else:
            links = guarantee_links(f"PACT{k}", [a, b], [a, b], cred)
        elements.append(Element(links[0].source, "agreement", (a, b), tuple(links)))
    for k in range(25):
        a, b = (states[i] for i in rng.choice(n, 2, replace=False))
        value = 1.0 if k % 3 else 0.26
        elements.append(
            Element(
                f"MID{k}", "dispute", (a, b), tuple(opposition_links(f"MID{k}", "dispute", [a], [b], value))
            )
        )
    for k in range(12):
        a, b = (states[i] for i in rng.choice(n, 2, replace=False))
        elements.append(
            Element(
                f"RIV{k}", "rivalry", (a, b), tuple(opposition_links(f"RIV{k}", "rivalry", [a], [b], 1.0))
            )
        )
    return "synthetic (seeded)", WhatIfEngine(geo, ElementTable.build(states, elements))


def bundled_engine(name: str) -> tuple[str, WhatIfEngine] | None:
    """The bundled architecture ``name`` (or an architecture file) with the bundled data, or None when it
    is not installed."""
    from pathlib import Path

    from secarch.security.adapter import build_case
    from secarch.spec import bundled_names

    if Path(name).is_file():
        case = build_case(Path(name))
        return f"'{case.architecture}' ({name}) on {case.date}", case.engine
    if name not in bundled_names():
        return None
    case = build_case(name)
    return f"bundled '{name}' on {case.date}", case.engine


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """Best wall-clock and best CPU time (seconds) of ``repeat`` runs."""
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        work()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return min(wall), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--architecture", default="today")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    found = bundled_engine(args.architecture)
    label, engine = found if found is not None else synthetic_engine()
    ids = engine.table.ids
    with threadpool_limits(limits=1, user_api="blas"):
        incremental, incremental_cpu = best_of(args.repeat, engine.leave_one_out)
        naive, naive_cpu = best_of(1, lambda: [engine.recompute(Change((i,))) for i in ids])
        loo = engine.leave_one_out()
        full = np.vstack([engine.recompute(Change((i,))).security for i in ids])
    error = float(np.max(np.abs(loo - full))) if len(ids) else 0.0
    print(f"Leave-one-out over every element: {label}")
    print(f"{engine.n} states, {len(ids)} elements, {len(engine.table.links)} links; one BLAS thread\n")
    print("| method | wall time (s) | CPU time (s) | per element (ms, CPU) | ratio (CPU) |")
    print("|---|---|---|---|---|")
    per = max(len(ids), 1)
    rows = (
        ("full recomputation per element (baseline)", naive, naive_cpu, "1.0"),
        (
            "incremental leave-one-out (secarch)",
            incremental,
            incremental_cpu,
            f"{naive_cpu / incremental_cpu:.1f}× faster",
        ),
    )
    for name, seconds, cpu, ratio in rows:
        print(f"| {name} | {seconds:.3f} | {cpu:.3f} | {1000 * cpu / per:.2f} | {ratio} |")
    verdict = "met" if incremental_cpu < 1 else "NOT met"
    print(f"\nlargest difference between the two: {error:.1e}; target under 1 s (CPU time): {verdict}")
    if incremental > 2 * incremental_cpu:
        print("(wall time well above CPU time: the machine is busy; CPU time is the fairer measure)")


if __name__ == "__main__":
    main()
