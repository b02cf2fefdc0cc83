"""A bounded load test on loopback (the issue's "50 concurrent page requests and 4 concurrent jobs, no
errors, p95 latency reported"): a real uvicorn server on a free 127.0.0.1 port with a temporary data
directory, 50 page requests sent at once while 4 small jobs run at once.

Oracle: HTTP's contract and the jobs' own states — every page is answered with a 2xx status and every job
ends `done`. The latency is printed (p50, p95, max), never asserted: speed is measured by
benchmarks/bench_web.py, which runs the same load (secarch.web.loadtest) against a baseline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from secarch.web.loadtest import CONCURRENT_PAGES, PAGES, SMALL_JOBS, run_load
from webkit import live_server


@pytest.mark.slow
def test_pages_and_jobs_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert CONCURRENT_PAGES == 50 and len(SMALL_JOBS) == 4
    with live_server(tmp_path, max_running_jobs=len(SMALL_JOBS)) as base:
        assert base.startswith("http://127.0.0.1:")
        result = run_load(base, pages=CONCURRENT_PAGES, jobs=SMALL_JOBS, timeout=300)
    assert len(result.pages) == CONCURRENT_PAGES
    assert result.page_errors == []
    assert [kind for kind, _ in result.jobs] == [job["kind"] for job in SMALL_JOBS]
    assert result.job_errors == []
    p50, p95, largest = result.latencies()
    with capsys.disabled():
        print(
            f"\nweb load on loopback: {CONCURRENT_PAGES} page requests at once ({len(PAGES)} pages) while "
            f"{len(SMALL_JOBS)} jobs ran: p50 {p50:.2f} s, p95 {p95:.2f} s, max {largest:.2f} s; "
            f"jobs done in {result.jobs_seconds:.1f} s; no errors (reported, not asserted)"
        )
