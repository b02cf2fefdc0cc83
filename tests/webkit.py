"""Helpers of the web application's tests: an app on a temporary data directory, waiting for jobs, a real
server on a loopback port, and stand-in job processes for the job manager's own tests."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from secarch.web import WebSettings, create_app

FINAL = ("done", "failed", "cancelled", "interrupted")


def settings(data_dir: Path, **limits: Any) -> WebSettings:
    """Settings for a test app: no background warm-up (the tests use the small `example`), so that it does
    not compete with the test for the processor."""
    return WebSettings(data_dir=data_dir, **{"warm_up": False, **limits})


@contextlib.contextmanager
def client(data_dir: Path, **limits: Any) -> Iterator[Any]:
    """A TestClient of a fresh app (its lifespan runs, so jobs are shut down at the end)."""
    from fastapi.testclient import TestClient

    with TestClient(create_app(settings(data_dir, **limits))) as test_client:
        yield test_client


def wait_for_job(http: Any, job_id: str, timeout: float = 120.0) -> dict[str, Any]:
    """Poll GET /api/jobs/{id} until the job has ended; its final record."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = http.get(f"/api/jobs/{job_id}").json()
        if job["status"] in FINAL:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not end within {timeout} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def live_server(data_dir: Path, **limits: Any) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(
        create_app(settings(data_dir, **limits)), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


# -- stand-ins for the worker in the job manager's tests (run in the job's process) --------------------
def hanging_worker(conn: Any, kind: str, sources: Any, params: Any) -> None:
    """Reports progress, then never ends: only terminating the process stops it."""
    conn.send(("progress", 0.25, "hanging on purpose"))
    while True:
        time.sleep(1)


def crashing_worker(conn: Any, kind: str, sources: Any, params: Any) -> None:
    """Dies without a word, as a process killed by the system would."""
    os._exit(3)
