"""Bounded load test of the web application on loopback: 50 concurrent page requests while 4 jobs run.

Starts ``secarch serve`` on a free 127.0.0.1 port with a temporary data directory, then

1. baseline: the same page mix requested one at a time (20 requests);
2. load: 50 page requests sent at once, while 4 jobs (check, negotiate, metrics, check) are submitted at
   once and followed to the end.

Prints p50/p95/max latency of both runs side by side (ratio = under load / one at a time), the jobs' wall
time, and the count of errors (any non-2xx answer, or a job that did not end ``done``). Exits 1 on any
error. Every request goes to 127.0.0.1; the counts are fixed and every wait has a timeout. The page mix, the
jobs and the measuring are :mod:`secarch.web.loadtest`, which ``tests/test_web_load.py`` runs too (there
asserting that nothing fails, with the p95 latency reported, not asserted).

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

from secarch.web.loadtest import CONCURRENT_PAGES, SMALL_JOBS, load, percentiles, sequential

SIMULATION = {"kind": "simulate", "architectures": ["mine"], "params": {"runs": 2000, "years": 10, "seed": 1}}
"""Replaces the last job where the crisis simulation is installed."""
BASELINE_REQUESTS = 20


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


def main() -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="secarch-bench-web-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(data_dir, port)
    try:
        wait_ready(base, server)
        baseline = asyncio.run(sequential(base, BASELINE_REQUESTS))
        kinds = {kind["id"] for kind in httpx.get(base + "/api/job-kinds", timeout=30).json()}
        jobs = [*SMALL_JOBS[:-1], SIMULATION if "simulate" in kinds else SMALL_JOBS[-1]]
        result = asyncio.run(load(base, pages=CONCURRENT_PAGES, jobs=jobs))
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(data_dir, ignore_errors=True)
    b50, b95, bmax = (1000 * value for value in percentiles([s for s, _ in baseline]))
    l50, l95, lmax = (1000 * value for value in result.latencies())
    page_errors = len(result.page_errors) + sum(1 for _, status in baseline if not 200 <= status < 300)
    job_errors = len(result.job_errors)
    print(f"web load test on loopback ({os.cpu_count()} cores): ", end="")
    print(f"{CONCURRENT_PAGES} concurrent page requests + {len(jobs)} jobs")
    print(f"{'latency (ms)':<14}{'one at a time':>15}{'under load':>12}{'ratio':>8}")
    for label, one, loaded in (("p50", b50, l50), ("p95", b95, l95), ("max", bmax, lmax)):
        print(f"{label:<14}{one:>15.1f}{loaded:>12.1f}{loaded / one:>8.1f}")
    states = ", ".join(f"{kind} {status}" for kind, status in result.jobs)
    print(f"jobs: {states}; all {len(jobs)} ended in {result.jobs_seconds:.1f} s")
    print(f"errors: {page_errors} page(s), {job_errors} job(s)")
    return 1 if page_errors or job_errors else 0


if __name__ == "__main__":
    sys.exit(main())
