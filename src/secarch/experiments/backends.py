"""Where tasks run: in this process (``serial``), on a local process pool (``process``, the default), or on
a Dask cluster (``dask``: a local cluster, or an existing scheduler at ``tcp://host:port``).

Every backend runs the same function (:func:`secarch.experiments.worker.run_task`) on the same tasks; only
the order in which results come back differs, and the store does not depend on it. Each backend keeps a
bounded number of tasks in flight (two per worker on a process pool, four on Dask, whose round trips
are longer), so that memory stays bounded however many tasks a sweep has, and yields each result as soon as
it is done.

Worker processes run with one BLAS/OpenMP thread (the processes are the parallelism; several threads per
process would oversubscribe the cores).
"""

from __future__ import annotations

import multiprocessing
import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

from secarch.errors import InputError
from secarch.experiments.plan import Job, Task
from secarch.experiments.worker import TaskResult, init_worker, run_current, run_task

BACKENDS = ("serial", "process", "dask")


def default_workers() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Backend(ABC):
    """Runs tasks and yields their results as they finish. Use as a context manager."""

    name = ""
    workers = 1

    @abstractmethod
    def run(self, job: Job, tasks: Iterable[Task]) -> Iterator[TaskResult]: ...

    def describe(self) -> str:
        return f"{self.name} ({self.workers} worker{'s' if self.workers != 1 else ''})"

    def close(self) -> None:
        """Release the workers (nothing to release by default)."""
        return None

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SerialBackend(Backend):
    """Every task in this process, one after the other."""

    name = "serial"

    def run(self, job: Job, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        from threadpoolctl import threadpool_limits

        # one BLAS thread, as in the workers of the other backends (and no oversubscription surprises)
        with threadpool_limits(limits=1):
            for task in tasks:
                yield run_task(job, task)


def _context() -> Any:
    # forkserver: workers start from a clean, single-threaded server process (fork from a process with
    # threads, such as the progress bar's, is unsafe), and faster than spawn; spawn where it is missing.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload(["secarch.experiments.worker"])
    return context


class ProcessBackend(Backend):
    """A pool of local worker processes (``concurrent.futures.ProcessPoolExecutor``)."""

    name = "process"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()
        self._pool: ProcessPoolExecutor | None = None
        self._job_key: str | None = None

    def _pool_for(self, job: Job) -> ProcessPoolExecutor:
        if self._pool is None or self._job_key != job.key:
            self.close()
            # the job goes to each worker once, through the initializer, not with every task
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=_context(), initializer=init_worker, initargs=(job,)
            )
            self._job_key = job.key
        return self._pool

    def run(self, job: Job, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        pool = self._pool_for(job)
        pending = iter(tasks)
        running: set[Future[TaskResult]] = set()
        limit = max(2, 2 * self.workers)
        try:
            while True:
                while len(running) < limit:
                    task = next(pending, None)
                    if task is None:
                        break
                    running.add(pool.submit(run_current, task))
                if not running:
                    return
                finished, running = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        except BaseException:
            for future in running:
                future.cancel()
            self.close(cancel=True)
            raise

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=cancel)
            self._pool = None
            self._job_key = None


def _dask_task(job: Job, task: Task, single_thread: bool) -> TaskResult:
    return run_task(job, task, single_thread=single_thread)


class DaskBackend(Backend):
    """A Dask cluster: a ``LocalCluster`` of ``workers`` single-threaded processes, or the scheduler at
    ``scheduler`` (e.g. ``tcp://10.0.0.1:8786``), whose workers must have secarch installed.

    ``processes=False`` runs the local cluster's workers as threads of this process (quick to start; for
    tests and for engines that release the GIL).
    """

    name = "dask"

    def __init__(
        self,
        workers: int | None = None,
        scheduler: str | None = None,
        *,
        processes: bool = True,
        connect_timeout: float = 10.0,
    ) -> None:
        try:
            import distributed
        except ImportError:
            raise InputError.single(
                "the dask backend needs dask.distributed",
                field="--backend",
                hint="pip install 'secarch[dask]'",
            ) from None
        import logging

        self.scheduler = scheduler
        self.processes = processes if scheduler is None else True
        self._cluster: Any = None
        self.client: Any
        client_class: Any = distributed.Client
        if scheduler is None:
            import dask

            self.workers = workers or default_workers()
            cluster_class: Any = distributed.LocalCluster
            # Dask's nannies set MALLOC_TRIM_THRESHOLD_ in their workers, which turns off glibc's adaptive
            # mmap threshold: every large NumPy temporary is then mapped and unmapped anew, and the crisis
            # engine's tasks took twice the CPU time they take elsewhere (benchmarks/bench_sweep.py)
            environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
            environ.pop("MALLOC_TRIM_THRESHOLD_", None)
            with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
                self._cluster = cluster_class(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=processes,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            self.client = client_class(self._cluster)
        else:
            try:
                self.client = client_class(scheduler, timeout=f"{connect_timeout}s")
            except (OSError, TimeoutError) as error:
                raise InputError.single(
                    f"cannot reach the Dask scheduler at {scheduler}: {error}",
                    field="--scheduler",
                    expected="the address of a running scheduler, e.g. tcp://host:8786",
                ) from None
            self.workers = workers or max(1, len(self.client.scheduler_info().get("workers", {})))

    def describe(self) -> str:
        where = self.scheduler or ("local cluster" if self.processes else "local threads")
        return f"dask, {where} ({self.workers} worker{'s' if self.workers != 1 else ''})"

    def run(self, job: Job, tasks: Iterable[Task]) -> Iterator[TaskResult]:
        import distributed

        client = self.client
        shared = client.scatter(job, broadcast=True, hash=False)
        single_thread = self.processes
        pending = iter(tasks)
        # more tasks queued than the pool: a Dask round trip (scheduler, worker, result) takes milliseconds
        limit = max(4, 4 * self.workers)
        futures = []
        for task in pending:
            futures.append(client.submit(_dask_task, shared, task, single_thread, pure=False))
            if len(futures) >= limit:
                break
        completed: Any = distributed.as_completed
        queue = completed(futures)
        try:
            for future in queue:
                result = future.result()
                future.release()
                following = next(pending, None)
                if following is not None:
                    queue.add(client.submit(_dask_task, shared, following, single_thread, pure=False))
                yield result
        except BaseException:
            client.cancel(list(queue.futures))
            raise
        finally:
            shared.release()

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def check_backend_options(name: str, workers: int | None = None, scheduler: str | None = None) -> None:
    """Reject a backend name or option that :func:`make_backend` cannot use (before any work is done)."""
    if name not in BACKENDS:
        raise InputError.single(f"unknown backend {name!r}", field="--backend", expected=" | ".join(BACKENDS))
    if workers is not None and workers < 1:
        raise InputError.single(f"--workers {workers}", field="--workers", expected="a number >= 1")
    if scheduler is not None and name != "dask":
        raise InputError.single("--scheduler needs --backend dask", field="--scheduler")
    if scheduler is not None and not scheduler.startswith(
        ("tcp://", "tls://", "inproc://", "ws://", "wss://")
    ):
        raise InputError.single(
            f"bad scheduler address {scheduler!r}",
            field="--scheduler",
            expected="a Dask scheduler address such as tcp://host:8786",
        )


def make_backend(
    name: str = "process", workers: int | None = None, scheduler: str | None = None, **options: Any
) -> Backend:
    """The backend called ``name`` (``serial``, ``process`` or ``dask``)."""
    check_backend_options(name, workers, scheduler)
    if name == "serial":
        return SerialBackend()
    if name == "process":
        return ProcessBackend(workers)
    return DaskBackend(workers, scheduler, **options)
