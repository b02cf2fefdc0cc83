"""Running one task, in whatever process the backend chose: the same code on every backend.

A worker keeps the engine's prepared cases of the last job it saw (keyed by the plan's fingerprint), so
a case is prepared once per worker, not once per task.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from secarch.experiments.engines import get_engine
from secarch.experiments.plan import RUN_KEY, Job, Task

_prepared: dict[tuple[str, int], Any] = {}
_lock = threading.Lock()
_threads_limited = False


@dataclass(frozen=True, eq=False)
class TaskResult:
    """The rows of one task: column name → array (architecture, point, replication, the varied parameters,
    the outputs), with the time it took (wall clock and CPU of the worker process) and where it ran."""

    task: Task
    columns: dict[str, np.ndarray]
    seconds: float
    worker: str
    cpu_seconds: float = 0.0

    @property
    def rows(self) -> int:
        return len(self.columns["point"])


def limit_threads() -> None:
    """One BLAS/OpenMP thread in this process (worker processes: the pool's workers are the parallelism)."""
    global _threads_limited
    if not _threads_limited:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1)
        _threads_limited = True


def init_worker(job: Job | None = None) -> None:
    """Process-pool initializer: one thread per worker, and the job's cases prepared up front."""
    limit_threads()
    if job is not None:
        _set_job(job)


_current_job: Job | None = None


def _set_job(job: Job) -> None:
    global _current_job
    _current_job = job


def run_current(task: Task) -> TaskResult:
    """Run ``task`` of the job given to :func:`init_worker` (process pool)."""
    assert _current_job is not None, "init_worker was not called"
    return run_task(_current_job, task)


def _prepare(job: Job, case: int) -> Any:
    key = (job.key, case)
    with _lock:
        if key in _prepared:
            return _prepared[key]
    engine = get_engine(job.engine)
    value = engine.prepare(job.cases[case], job.fixed)
    with _lock:
        if not any(k[0] == job.key for k in _prepared):
            _prepared.clear()  # a new job: drop the previous one's cases
        _prepared[key] = value
    return value


def run_task(job: Job, task: Task, *, single_thread: bool = False) -> TaskResult:
    """Run every replication of ``task`` and return its rows.

    Replication r of point p draws from streams under ``SeedSequence(job.seed, spawn_key=(1, p))`` only
    (see :mod:`secarch.experiments.plan`), so the rows do not depend on where or with what else it runs.
    """
    if single_thread:
        limit_threads()
    started = time.perf_counter()
    cpu_started = time.process_time()
    engine = get_engine(job.engine)
    prepared = _prepare(job, task.case)
    reps = task.rep_stop - task.rep_start
    columns: dict[str, list[np.ndarray]] = {name: [] for name in job.outputs}
    for p in range(task.point_start, task.point_stop):
        values = {**job.fixed, **{name: job.values[name][p].item() for name in job.names}}
        root = np.random.SeedSequence(job.seed, spawn_key=(RUN_KEY, p))
        out = engine.run(prepared, values, root, task.rep_start, task.rep_stop)
        for name in job.outputs:
            column = np.asarray(out[name], dtype=np.float64)
            if column.shape != (reps,):
                raise RuntimeError(
                    f"engine {job.engine!r} returned {column.shape} values of {name!r} for {reps} "
                    "replications"
                )
            columns[name].append(column)
    n_points = task.point_stop - task.point_start
    points = np.arange(task.point_start, task.point_stop, dtype=np.int64)
    table: dict[str, np.ndarray] = {
        "architecture": np.full(n_points * reps, job.cases[task.case].name, dtype=object),
        "point": np.repeat(points, reps),
        "replication": np.tile(np.arange(task.rep_start, task.rep_stop, dtype=np.int64), n_points),
    }
    for name in job.names:
        table[name] = np.repeat(job.values[name][task.point_start : task.point_stop], reps)
    for name in job.outputs:
        table[name] = np.concatenate(columns[name])
    return TaskResult(
        task,
        table,
        time.perf_counter() - started,
        f"{socket.gethostname()}:{os.getpid()}",
        time.process_time() - cpu_started,
    )
