"""Queue, run, watch and cancel jobs. Each job runs in its own process (started from a fork server that has
the engines preloaded), so a job can always be cancelled — the process is terminated — whatever its engine
does, and a crash in an engine cannot take the server down.

A job's life: ``queued`` → ``running`` → ``done`` | ``failed`` | ``cancelled``; jobs left unfinished by a
stopped server are marked ``interrupted`` at the next start. Every change is written to the store at once,
so a finished job's result survives a restart.
"""

from __future__ import annotations

import multiprocessing
import secrets
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from secarch.web.errors import Busy, Conflict, NotFound
from secarch.web.jobs.kinds import JobKind, Params
from secarch.web.settings import WebSettings
from secarch.web.store import JobRecord, Store, now

if TYPE_CHECKING:
    from secarch.model import Architecture

POLL_SECONDS = 0.1


@dataclass
class _Pending:
    kind: str
    architectures: list[Architecture]
    params: dict[str, Any]


@dataclass
class _Running:
    process: BaseProcess
    cancel: threading.Event = field(default_factory=threading.Event)


def _context() -> Any:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["secarch.web.jobs.worker"])
    return context


def _warm_up() -> None:
    from multiprocessing import forkserver

    forkserver.ensure_running()


class JobManager:
    """Runs at most ``settings.max_running_jobs`` jobs at once and queues at most
    ``settings.max_queued_jobs`` more (:class:`~secarch.web.errors.Busy` beyond)."""

    def __init__(
        self, store: Store, settings: WebSettings, target: Callable[..., None] | None = None
    ) -> None:
        from secarch.web.jobs import worker

        self.store = store
        self.settings = settings
        # The function run in the job's process: the worker, or (in the manager's own tests) a stand-in
        # that hangs or crashes to exercise cancellation and failure handling.
        self._target = target or worker.run
        self._context = _context()
        self._lock = threading.Lock()
        self._queue: deque[str] = deque()
        self._pending: dict[str, _Pending] = {}
        self._running: dict[str, _Running] = {}
        self._watchers: list[threading.Thread] = []
        self._closed = False
        store.interrupt_unfinished()
        # Start the fork server now, in the background: it imports the engines once (seconds), so the first
        # job need not wait for that.
        threading.Thread(target=_warm_up, name="forkserver-warm-up", daemon=True).start()

    # -- public ----------------------------------------------------------------------------------------
    def submit(
        self, kind: JobKind, architectures: list[Architecture], params: Params, size: int
    ) -> JobRecord:
        """Record a job and start it (or queue it when every slot is taken). The validated architectures are
        handed to the job's process as they are (pickled), so it does not parse their files again."""
        with self._lock:
            if self._closed:
                raise Busy("the server is shutting down")
            waiting = len(self._queue)
            if (
                len(self._running) >= self.settings.max_running_jobs
                and waiting >= self.settings.max_queued_jobs
            ):
                raise Busy(
                    f"{len(self._running)} jobs are running and {waiting} are waiting, the most this server "
                    "accepts",
                    hint="wait for a job to finish, or cancel one, and submit again",
                )
            job_id = secrets.token_hex(8)
            values = params.model_dump(mode="json")
            self.store.add_job(job_id, kind.id, [a.name for a in architectures], values, size)
            self._pending[job_id] = _Pending(kind.id, list(architectures), values)
            self._queue.append(job_id)
            self._dispatch_locked()
        job = self.store.get_job(job_id)
        assert job is not None
        return job

    def cancel(self, job_id: str) -> JobRecord:
        """Cancel a queued or running job; a finished job cannot be cancelled (:class:`Conflict`)."""
        with self._lock:
            job = self.store.get_job(job_id, with_result=False)
            if job is None:
                raise NotFound(f"no job {job_id[:40]!r}")
            if job_id in self._pending:
                self._queue.remove(job_id)
                del self._pending[job_id]
                self.store.update_job(
                    job_id, status="cancelled", finished=now(), message="cancelled while queued"
                )
            elif job_id in self._running:
                self._running[job_id].cancel.set()
            else:
                raise Conflict(f"job {job_id} has already ended ({job.status})")
        return self.wait_cancelled(job_id)

    def wait_cancelled(self, job_id: str, timeout: float = 10.0) -> JobRecord:
        """The job's record once its process has stopped (or after ``timeout`` seconds)."""
        watcher = next((w for w in self._watchers if w.name == f"job-{job_id}"), None)
        if watcher is not None:
            watcher.join(timeout)
        job = self.store.get_job(job_id, with_result=False)
        assert job is not None
        return job

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {"running": len(self._running), "queued": len(self._queue)}

    def shutdown(self) -> None:
        """Stop every running job and mark it and every queued job interrupted."""
        with self._lock:
            self._closed = True
            for job_id in list(self._queue):
                self.store.update_job(
                    job_id, status="interrupted", finished=now(), message="the server stopped before it ran"
                )
            self._queue.clear()
            self._pending.clear()
            for running in self._running.values():
                running.cancel.set()
        for watcher in list(self._watchers):
            watcher.join(10)

    # -- internals -------------------------------------------------------------------------------------
    def _dispatch_locked(self) -> None:
        while self._queue and len(self._running) < self.settings.max_running_jobs:
            job_id = self._queue.popleft()
            self._start_locked(job_id, self._pending.pop(job_id))

    def _start_locked(self, job_id: str, pending: _Pending) -> None:
        receive, send = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=self._target,
            args=(send, pending.kind, pending.architectures, pending.params),
            name=f"secarch-job-{job_id}",
            daemon=True,
        )
        self.store.update_job(job_id, status="running", started=now(), message="starting")
        process.start()
        send.close()  # the child holds the only sending end: EOF tells us it has gone
        running = _Running(process)
        self._running[job_id] = running
        watcher = threading.Thread(
            target=self._watch, args=(job_id, running, receive), name=f"job-{job_id}", daemon=True
        )
        self._watchers = [w for w in self._watchers if w.is_alive()]
        self._watchers.append(watcher)
        watcher.start()

    def _watch(self, job_id: str, running: _Running, receive: Connection) -> None:
        process = running.process
        final: dict[str, Any] | None = None
        try:
            while final is None:
                if running.cancel.is_set():
                    process.terminate()
                    process.join(5)
                    if process.is_alive():
                        process.kill()
                    reason = "cancelled" if not self._closed else "the server stopped before it finished"
                    final = {
                        "status": "cancelled" if not self._closed else "interrupted",
                        "message": reason,
                    }
                    break
                if receive.poll(POLL_SECONDS):
                    try:
                        message = receive.recv()
                    except (EOFError, OSError):
                        final = self._died(process)
                        break
                    final = self._handle(job_id, message)
                elif not process.is_alive() and not receive.poll(0):
                    final = self._died(process)
        except Exception as error:  # never leave a job running in the store because the watcher broke
            final = {
                "status": "failed",
                "message": "internal error while watching the job",
                "error": {"kind": "internal", "message": f"{type(error).__name__}: {error}"},
            }
        finally:
            receive.close()
            process.join(5)
            fields = dict(final or self._died(process))
            self.store.update_job(job_id, finished=now(), **fields)
            with self._lock:
                self._running.pop(job_id, None)
                if not self._closed:
                    self._dispatch_locked()

    def _handle(self, job_id: str, message: tuple[Any, ...]) -> dict[str, Any] | None:
        tag = message[0]
        if tag == "progress":
            self.store.update_job(job_id, progress=float(message[1]), message=str(message[2]))
            return None
        if tag == "done":
            return {
                "status": "done",
                "progress": 1.0,
                "message": "finished",
                "result": message[1],  # JSON text, stored as it is
            }
        error = message[1]
        return {"status": "failed", "message": str(error.get("message", "failed"))[:500], "error": error}

    @staticmethod
    def _died(process: BaseProcess) -> dict[str, Any]:
        process.join(5)
        code = process.exitcode
        text = f"the job's process ended unexpectedly (exit code {code})"
        return {"status": "failed", "message": text, "error": {"kind": "internal", "message": text}}
