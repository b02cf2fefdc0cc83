"""Bounded load test of the web application on loopback: 50 concurrent page requests while 4 jobs run.

Starts ``secarch serve`` on a free 127.0.0.1 port with a temporary data directory, then

1. baseline: the same page mix requested one at a time (20 requests);
2. load: 50 page requests sent at once, while 4 jobs (check, negotiate, metrics, check) are submitted at
   once and followed to the end.

Prints p50/p95/max latency of both runs side by side (ratio = under load / one at a time), the jobs' wall
time, and the count of errors (any non-2xx answer, or a job that did not end ``done``). Exits 1 on any
error. Every request goes to 127.0.0.1; the counts are fixed and every wait has a timeout.

Run: ``.venv/bin/python benchmarks/bench_web.py``
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

PAGES = (
    "/",
    "/architectures/example",
    "/architectures/example/year?year=2022",
    "/architectures/mine/edit",
    "/jobs",
    "/api/architectures",
    "/static/htmx.min.js",
)
JOBS = (
    {"kind": "check", "architectures": ["example"]},
    {"kind": "negotiate", "architectures": ["example"], "params": {"model": "bdm"}},
    {"kind": "metrics", "architectures": ["example"]},
    {"kind": "check", "architectures": ["mine"], "params": {"year": 2022}},
)
SIMULATION = {"kind": "simulate", "architectures": ["mine"], "params": {"runs": 2000, "years": 10, "seed": 1}}
"""Replaces the last job where the crisis simulation is installed."""
CONCURRENT_PAGES = 50
BASELINE_REQUESTS = 20
TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    secarch = Path(sys.executable).with_name("secarch")
    command = [str(secarch), "serve", "--port", str(port), "--data-dir", str(data_dir), "--max-jobs", "4"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            if httpx.get(base + "/api/job-kinds", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("the server did not start within 120 s")


async def timed_get(http: httpx.AsyncClient, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = await http.get(path)
    return time.perf_counter() - start, response.status_code


async def run_job(http: httpx.AsyncClient, body: dict[str, object]) -> str:
    response = await http.post("/api/jobs", json=body)
    if response.status_code != 202:
        return f"submit {response.status_code}"
    job_id = response.json()["id"]
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        job = (await http.get(f"/api/jobs/{job_id}")).json()
        if job["status"] not in ("queued", "running"):
            return str(job["status"])
        await asyncio.sleep(0.2)
    return "timeout"


async def measure(base: str) -> dict[str, object]:
    limits = httpx.Limits(max_connections=CONCURRENT_PAGES + 10)
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT, limits=limits) as http:
        created = await http.post("/api/architectures", json={"name": "mine", "start": "example"})
        created.raise_for_status()
        for path in PAGES:  # first visits fill the caches; not measured
            await http.get(path)
        baseline = [await timed_get(http, PAGES[i % len(PAGES)]) for i in range(BASELINE_REQUESTS)]
        kinds = {kind["id"] for kind in (await http.get("/api/job-kinds")).json()}
        bodies = [*JOBS[:-1], SIMULATION if "simulate" in kinds else JOBS[-1]]
        start = time.perf_counter()
        jobs = asyncio.gather(*(run_job(http, body) for body in bodies))
        pages = await asyncio.gather(
            *(timed_get(http, PAGES[i % len(PAGES)]) for i in range(CONCURRENT_PAGES))
        )
        job_states = await jobs
        jobs_wall = time.perf_counter() - start
    return {
        "baseline": baseline,
        "pages": pages,
        "jobs": [f"{body['kind']} {state}" for body, state in zip(bodies, job_states, strict=True)],
        "jobs_wall": jobs_wall,
    }


def percentiles(samples: list[tuple[float, int]]) -> tuple[float, float, float]:
    seconds = np.array([s for s, _ in samples]) * 1000
    return float(np.percentile(seconds, 50)), float(np.percentile(seconds, 95)), float(seconds.max())


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="secarch-bench-web-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(data_dir, port)
    try:
        wait_ready(base, server)
        result = asyncio.run(measure(base))
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(data_dir, ignore_errors=True)
    baseline, pages = result["baseline"], result["pages"]
    assert isinstance(baseline, list) and isinstance(pages, list)
    b50, b95, bmax = percentiles(baseline)
    l50, l95, lmax = percentiles(pages)
    page_errors = sum(1 for _, status in pages if not 200 <= status < 300)
    page_errors += sum(1 for _, status in baseline if not 200 <= status < 300)
    job_states = result["jobs"]
    assert isinstance(job_states, list)
    job_errors = sum(1 for state in job_states if not str(state).endswith(" done"))
    print(f"web load test on loopback ({os.cpu_count()} cores): ", end="")
    print(f"{CONCURRENT_PAGES} concurrent page requests + {len(JOBS)} jobs")
    print(f"{'latency (ms)':<14}{'one at a time':>15}{'under load':>12}{'ratio':>8}")
    for label, one, loaded in (("p50", b50, l50), ("p95", b95, l95), ("max", bmax, lmax)):
        print(f"{label:<14}{one:>15.1f}{loaded:>12.1f}{loaded / one:>8.1f}")
    print(f"jobs: {', '.join(map(str, job_states))}; all {len(JOBS)} ended in {result['jobs_wall']:.1f} s")
    print(f"errors: {page_errors} page(s), {job_errors} job(s)")
    return 1 if page_errors or job_errors else 0


if __name__ == "__main__":
    sys.exit(main())
