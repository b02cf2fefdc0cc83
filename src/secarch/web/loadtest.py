"""A bounded load test of the web application on loopback: many page requests at once while a few jobs run.

Shared by ``benchmarks/bench_web.py`` (which reports latencies against the same pages one at a time) and
``tests/test_web_load.py`` (which asserts that nothing fails). Given the base URL of a running server
(``http://127.0.0.1:PORT``), :func:`run_load` creates the architecture ``mine`` (a copy of ``example``) if it
is missing, requests every page once (filling the caches; not measured), then sends ``pages`` requests at
once, cycling through :data:`PAGES`, while it submits the jobs at once and follows each to its end. Every
request goes to that URL, the counts are fixed and every wait has a timeout.

>>> percentiles([0.1, 0.2, 0.3, 0.4])
(0.25, 0.385, 0.4)
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

PAGES = (
    "/",
    "/architectures/example",
    "/architectures/example/year?year=2022",
    "/architectures/mine/edit",
    "/jobs",
    "/api/architectures",
    "/static/htmx.min.js",
)
"""The page mix: lists, an architecture and its year view, the editor, the jobs, the API, a static file."""

SMALL_JOBS: tuple[dict[str, Any], ...] = (
    {"kind": "check", "architectures": ["example"]},
    {"kind": "negotiate", "architectures": ["example"], "params": {"model": "bdm"}},
    {"kind": "metrics", "architectures": ["example"]},
    {"kind": "check", "architectures": ["mine"], "params": {"year": 2022}},
)
"""Four jobs that take seconds: principle checks, a negotiation, metrics over the years, checks again."""

CONCURRENT_PAGES = 50
TIMEOUT = 300.0
"""Seconds any one request, or any one job, may take before the run counts it as an error."""


@dataclass(frozen=True)
class LoadResult:
    """What a run measured: each page request's (seconds, status), each job's final status (or how its
    submission failed), and the seconds from the first submission to the last job's end."""

    pages: list[tuple[float, int]]
    jobs: list[tuple[str, str]]
    jobs_seconds: float

    @property
    def page_errors(self) -> list[tuple[float, int]]:
        """Page requests not answered with a 2xx status (a transport failure counts as status 0)."""
        return [(seconds, status) for seconds, status in self.pages if not 200 <= status < 300]

    @property
    def job_errors(self) -> list[tuple[str, str]]:
        """Jobs that did not end ``done``."""
        return [(kind, status) for kind, status in self.jobs if status != "done"]

    def latencies(self) -> tuple[float, float, float]:
        """p50, p95 and the largest page latency, in seconds."""
        return percentiles([seconds for seconds, _ in self.pages])


def percentiles(seconds: Sequence[float]) -> tuple[float, float, float]:
    """p50, p95 (linear interpolation between the closest ranks, as NumPy's default) and the maximum."""
    import numpy as np

    values = np.asarray(seconds, dtype=float)
    return (
        round(float(np.percentile(values, 50)), 9),
        round(float(np.percentile(values, 95)), 9),
        float(values.max()),
    )


async def timed_get(http: Any, path: str) -> tuple[float, int]:
    """One GET: its latency in seconds and its status (0 if the request itself failed)."""
    import httpx

    start = time.perf_counter()
    try:
        status = (await http.get(path)).status_code
    except httpx.HTTPError:
        status = 0
    return time.perf_counter() - start, status


async def run_job(http: Any, body: dict[str, Any], timeout: float = TIMEOUT) -> str:
    """Submit a job and poll it until it ends: its final status, or what went wrong."""
    response = await http.post("/api/jobs", json=body)
    if response.status_code != 202:
        return f"submit answered {response.status_code}"
    job_id = response.json()["id"]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = (await http.get(f"/api/jobs/{job_id}")).json()
        if job["status"] not in ("queued", "running"):
            return str(job["status"])
        await asyncio.sleep(0.2)
    return "timeout"


async def prepare(http: Any) -> None:
    """Create ``mine`` (a copy of ``example``) if missing, and request every page once."""
    if (await http.get("/api/architectures/mine")).status_code == 404:
        created = await http.post("/api/architectures", json={"name": "mine", "start": "example"})
        created.raise_for_status()
    for path in PAGES:
        await http.get(path)


async def sequential(base: str, count: int, timeout: float = TIMEOUT) -> list[tuple[float, int]]:
    """``count`` page requests one at a time (the baseline the benchmark compares with)."""
    import httpx

    async with httpx.AsyncClient(base_url=base, timeout=timeout) as http:
        await prepare(http)
        return [await timed_get(http, PAGES[i % len(PAGES)]) for i in range(count)]


async def load(
    base: str,
    *,
    pages: int = CONCURRENT_PAGES,
    jobs: Sequence[dict[str, Any]] = SMALL_JOBS,
    timeout: float = TIMEOUT,
) -> LoadResult:
    """``pages`` page requests at once while ``jobs`` are submitted at once and followed to their end."""
    import httpx

    limits = httpx.Limits(max_connections=pages + len(jobs) + 10)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as http:
        await prepare(http)
        start = time.perf_counter()
        job_states = asyncio.gather(*(run_job(http, body, timeout) for body in jobs))
        measured = await asyncio.gather(*(timed_get(http, PAGES[i % len(PAGES)]) for i in range(pages)))
        states = await job_states
        jobs_seconds = time.perf_counter() - start
    return LoadResult(
        list(measured),
        [(str(body["kind"]), state) for body, state in zip(jobs, states, strict=True)],
        jobs_seconds,
    )


def run_load(
    base: str,
    *,
    pages: int = CONCURRENT_PAGES,
    jobs: Sequence[dict[str, Any]] = SMALL_JOBS,
    timeout: float = TIMEOUT,
) -> LoadResult:
    """:func:`load`, run to its end in a new event loop."""
    return asyncio.run(load(base, pages=pages, jobs=jobs, timeout=timeout))
