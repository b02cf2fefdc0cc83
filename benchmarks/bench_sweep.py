"""Benchmark: parallel efficiency and overhead per task of the sweep backends.

1. Parallel efficiency with ``--workers`` workers (default 2) on a compute-bound sweep — the crisis Monte
   Carlo when the crisis engine is installed, otherwise the negotiation engine (BDM with position noise):
   efficiency = T_serial / (workers × T_backend), the serial backend being the baseline (ratio column).
   "steady" excludes the start-up of the pool or cluster (measured separately); the target is ≥ 80 %.
   Times are the best of ``--repeat`` runs of the task phase (planning excluded).
2. Overhead per task: a sweep of ``--tasks`` tasks of a no-op engine; (T − start-up) / tasks, for the serial
   backend (the store's own cost per batch), the process pool and a Dask LocalCluster.

    python benchmarks/bench_sweep.py [--workers 2] [--tasks 300] [--engine crisis|negotiation]

Timings depend on the machine's load: the load average is printed with the table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from secarch.experiments import Case, Engine, Experiment, ParameterInfo, run_sweep
from secarch.experiments.backends import make_backend
from secarch.experiments.store import read_log


class NullEngine(Engine):
    """Does nothing: one zero per replication (to measure the framework's own cost per task)."""

    name = "null"
    stochastic = False
    task_replications = 1

    def load_case(self, reference: str, base: Path | None) -> Case:
        return Case(reference, reference, None, "null")

    def parameters(self, case: Case) -> Mapping[str, ParameterInfo]:
        return {"x": ParameterInfo("x", "float", 0.0)}

    def outputs(self, case: Case) -> tuple[str, ...]:
        return ("y",)

    def run(
        self, prepared: Any, values: Mapping[str, Any], seed: np.random.SeedSequence, start: int, stop: int
    ) -> Mapping[str, Any]:
        return {"y": np.zeros(stop - start)}


def _crisis_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("secarch.crisis.engine") is not None


def compute_experiment(engine: str, tasks: int) -> Experiment:
    """A compute-bound sweep of ``tasks`` tasks of roughly equal cost."""
    if engine == "crisis":
        from secarch.experiments.crisis_adapter import BENCHMARK_EXPERIMENT

        return Experiment.model_validate(
            {**BENCHMARK_EXPERIMENT, "design": {"kind": "lhs", "samples": tasks}}
        )
    return Experiment.model_validate(
        {
            "name": "bench-negotiation",
            "engine": "negotiation",
            "architectures": ["rules-of-coexistence"],
            "fixed": {"model": "bdm", "position_noise": 0.05},
            "parameters": [{"name": "capability.RUS", "range": [0.5, 2.0]}],
            "design": {"kind": "lhs", "samples": tasks},
            "replications": 4,
            "seed": 1,
            "outputs": ["outcome.sanctions", "mean_distance"],
            "task": {"replications": 4, "points": 1},
        }
    )


def null_experiment(tasks: int) -> Experiment:
    return Experiment.model_validate(
        {
            "name": "bench-null",
            "engine": "bench_sweep:NullEngine",
            "architectures": ["null"],
            "parameters": [{"name": "x", "range": [0, 1]}],
            "design": {"kind": "lhs", "samples": tasks},
            "seed": 1,
            "task": {"points": 1},
        }
    )


def _mark(marks: list[float], _progress: object) -> None:
    marks.append(time.perf_counter())


def timed(
    experiment: Experiment, backend: str, workers: int, folder: Path, repeat: int
) -> tuple[float, float, float, float]:
    """(start-up seconds, best task-phase seconds over ``repeat`` warm runs, and the summed wall and CPU
    time of that run's tasks as measured in the workers) of a backend.

    The first run starts the backend (pool or cluster, workers importing the engine's modules); the next
    ``repeat`` runs of the same plan reuse it. Task phase: from the moment the plan and store are ready to
    the last batch written (planning, i.e. loading the architectures, is not counted). Start-up: the first
    run's total time minus the best warm run's task phase.
    """
    started = time.perf_counter()
    engine = make_backend(backend, None if backend == "serial" else workers)
    best, busy, cpu = float("inf"), 0.0, 0.0
    try:
        run_sweep(experiment, folder / f"cold-{backend}-{time.monotonic_ns()}", backend=engine)
        cold = time.perf_counter() - started
        for _ in range(repeat):
            marks: list[float] = []
            out = folder / f"{backend}-{time.monotonic_ns()}"
            run_sweep(experiment, out, backend=engine, progress=partial(_mark, marks))
            if marks[-1] - marks[0] < best:
                best = marks[-1] - marks[0]
                log = read_log(out)
                busy = sum(float(line["seconds"]) for line in log)
                cpu = sum(float(line["cpu_seconds"]) for line in log)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        engine.close()
    return max(0.0, cold - best), best, busy, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tasks", type=int, default=300, help="tasks of the overhead sweep")
    parser.add_argument("--compute-tasks", type=int, default=24, help="tasks of the efficiency sweep")
    parser.add_argument("--engine", choices=("crisis", "negotiation"), default=None)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # workers import bench_sweep:NullEngine
    engine = args.engine or ("crisis" if _crisis_available() else "negotiation")
    if engine == "crisis" and not _crisis_available():
        print("the crisis engine is not installed")
        return 1
    print(f"cpus available: {len(os.sched_getaffinity(0))}; load average: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        work = compute_experiment(engine, args.compute_tasks)
        print(
            f"\n1. parallel efficiency, {engine} sweep of {args.compute_tasks} tasks, {args.workers} workers"
        )
        header = (
            f"{'backend':<10}{'start-up s':>11}{'sweep s':>9}{'task s':>8}{'cpu s':>7}{'efficiency':>11}"
            f"{'steady':>8}{'busy':>6}{'cpu share':>10}{'cpu eff.':>9}"
        )
        print(header + "\n" + "-" * len(header))
        _, serial, serial_busy, serial_cpu = timed(work, "serial", 1, folder, args.repeat)
        print(f"{'serial':<10}{0.0:>11.2f}{serial:>9.2f}{serial_busy:>8.2f}{serial_cpu:>7.2f}{'(base)':>11}")
        for backend in ("process", "dask"):
            startup, seconds, busy, cpu = timed(work, backend, args.workers, folder, args.repeat)
            overall = serial / (args.workers * (seconds + startup))
            steady = serial / (args.workers * seconds)
            print(
                f"{backend:<10}{startup:>11.2f}{seconds:>9.2f}{busy:>8.2f}{cpu:>7.2f}{overall:>11.0%}"
                f"{steady:>8.0%}{busy / (args.workers * seconds):>6.0%}"
                f"{cpu / (args.workers * seconds):>10.0%}"
                f"{serial_cpu / cpu:>9.0%}"
            )
        print(
            "efficiency = serial sweep s / (workers × (start-up + sweep s)); steady: without start-up.\n"
            "task s, cpu s: the tasks' summed wall and CPU time in the workers; busy = task s /\n"
            "(workers × sweep s): the share of the workers' time spent in tasks; cpu share = cpu s /\n"
            "(workers × sweep s): the share of the CPUs the workers got (below 100%: other load on the\n"
            "machine); cpu eff. = serial cpu s / cpu s: CPU work of the serial run over the parallel one's."
        )
        null = null_experiment(args.tasks)
        print(f"\n2. overhead per task, no-op engine, {args.tasks} tasks, {args.workers} workers")
        header = f"{'backend':<10}{'start-up s':>11}{'sweep s':>9}{'ms/task':>9}{'ratio to serial':>17}"
        print(header + "\n" + "-" * len(header))
        base = None
        for backend in ("serial", "process", "dask"):
            startup, seconds, _, _ = timed(null, backend, args.workers, folder, args.repeat)
            per_task = 1000 * seconds / args.tasks
            base = base or per_task
            print(f"{backend:<10}{startup:>11.2f}{seconds:>9.2f}{per_task:>9.2f}{per_task / base:>17.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
