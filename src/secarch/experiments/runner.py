"""Run a sweep: plan it, open (or resume) its store, run the unfinished tasks on a backend, write each
batch as it finishes.

>>> # run_sweep("experiment.yaml", "out/sweep", backend="process", workers=4)   # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from secarch.experiments.backends import Backend, check_backend_options, make_backend
from secarch.experiments.plan import Plan, make_plan
from secarch.experiments.spec import Experiment
from secarch.experiments.store import ResultStore, create_store, recorded_seed


@dataclass(frozen=True)
class Progress:
    """Where a running sweep is: tasks and runs (point × replication) done of the total."""

    tasks_done: int
    tasks_total: int
    runs_done: int
    runs_total: int
    elapsed: float


@dataclass(frozen=True)
class SweepSummary:
    """What :func:`run_sweep` did."""

    path: Path
    name: str
    backend: str
    tasks_total: int
    tasks_run: int
    tasks_skipped: int
    runs_total: int
    seconds: float
    seed: int

    @property
    def complete(self) -> bool:
        return self.tasks_run + self.tasks_skipped == self.tasks_total

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "name": self.name,
            "backend": self.backend,
            "tasks_total": self.tasks_total,
            "tasks_run": self.tasks_run,
            "tasks_resumed_from_store": self.tasks_skipped,
            "runs_total": self.runs_total,
            "seconds": round(self.seconds, 3),
            "seed": self.seed,
            "complete": self.complete,
        }


@contextlib.contextmanager
def _interrupts_not_lost() -> Iterator[Callable[[], None]]:
    """Remember every Ctrl-C (SIGINT) while a sweep runs; yield a check that raises ``KeyboardInterrupt`` if
    one arrived.

    The usual ``KeyboardInterrupt`` is still raised where the signal lands, but Python swallows it when it
    lands inside a finaliser (``__del__``, e.g. pyarrow's writer being collected): the check, called after
    each stored batch and before the sweep reports success, makes sure such an interrupt still stops it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield lambda: None
        return
    received = threading.Event()
    previous = signal.getsignal(signal.SIGINT)

    def on_sigint(signum: int, frame: object) -> None:
        received.set()
        raise KeyboardInterrupt

    def check() -> None:
        if received.is_set():
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_sigint)
    try:
        yield check
    finally:
        signal.signal(signal.SIGINT, previous)


def prepare_sweep(
    experiment: Experiment | str | Path, out: str | Path, store_format: str = "parquet"
) -> tuple[Plan, ResultStore]:
    """Plan ``experiment`` and open its store in ``out`` (resuming when ``out`` holds the same plan; an
    experiment without a seed takes the seed recorded there)."""
    folder = Path(out)
    seed = recorded_seed(folder) if folder.is_dir() else None
    plan = make_plan(experiment, seed=seed)
    return plan, create_store(folder, plan, store_format)


def run_sweep(
    experiment: Experiment | str | Path,
    out: str | Path,
    *,
    backend: str | Backend = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    store_format: str = "parquet",
    progress: Callable[[Progress], None] | None = None,
    max_tasks: int | None = None,
    on_plan: Callable[[Plan, ResultStore, Backend], None] | None = None,
) -> SweepSummary:
    """Run the experiment (a file or an :class:`Experiment`) into the sweep folder ``out``.

    A folder that already holds this sweep is resumed: finished tasks are not run again. ``backend`` is
    ``serial``, ``process`` (default) or ``dask`` (with ``scheduler`` for an existing cluster), or a
    :class:`Backend`. ``progress`` is called after every task; ``max_tasks`` stops after that many tasks
    (the rest stay for a later resume). ``on_plan`` is called once the plan, store and backend are ready.
    """
    started = time.perf_counter()
    if isinstance(backend, str):
        check_backend_options(backend, workers, scheduler)
    plan, store = prepare_sweep(experiment, out, store_format)
    with store, _interrupts_not_lost() as check_interrupt:
        done = store.done()
        todo = [task for task in plan.tasks() if task.id not in done]
        if max_tasks is not None:
            todo = todo[:max_tasks]
        skipped = plan.n_tasks - len([t for t in plan.tasks() if t.id not in done])
        runs_done = sum(t.runs for t in plan.tasks() if t.id in done)
        own = not isinstance(backend, Backend)
        engine = make_backend(backend, workers, scheduler) if isinstance(backend, str) else backend
        run = 0
        try:
            if on_plan is not None:
                on_plan(plan, store, engine)
            if progress is not None:
                progress(Progress(skipped, plan.n_tasks, runs_done, plan.total_runs, 0.0))
            if todo:
                for result in engine.run(plan.job(), todo):
                    store.write(result)
                    check_interrupt()
                    run += 1
                    runs_done += result.rows
                    if progress is not None:
                        progress(
                            Progress(
                                skipped + run,
                                plan.n_tasks,
                                runs_done,
                                plan.total_runs,
                                time.perf_counter() - started,
                            )
                        )
            check_interrupt()
        finally:
            if own:
                engine.close()
        return SweepSummary(
            path=Path(out),
            name=plan.experiment.name,
            backend=engine.describe(),
            tasks_total=plan.n_tasks,
            tasks_run=run,
            tasks_skipped=skipped,
            runs_total=plan.total_runs,
            seconds=time.perf_counter() - started,
            seed=plan.seed,
        )
