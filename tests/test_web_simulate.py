"""Crisis simulation jobs (secarch.crisis.simulate): the job's data is the engine's own output for the same
seed (`secarch simulate --json`), progress reaches the end, a job can be cancelled while it runs, and the
size limit counts runs × years × states. Skips where the simulation engine is not installed."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")
crisis = pytest.importorskip("secarch.crisis.simulate")

from webkit import client, wait_for_job  # noqa: E402


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with client(tmp_path_factory.mktemp("web-simulate")) as test_client:
        yield test_client


def test_simulate_job_is_the_engine(http: Any) -> None:
    """Oracle: ``secarch.crisis.simulate.simulate`` with the same architecture, horizon, runs and seed."""
    from secarch.spec import load_architecture
    from secarch.web.jobs.worker import to_json

    params = {"years": 3, "runs": 200, "seed": 11}
    response = http.post(
        "/api/jobs", json={"kind": "simulate", "architectures": ["example"], "params": params}
    )
    assert response.status_code == 202, response.text
    assert response.json()["size"] == 200 * 3 * len(load_architecture("example").participants)
    job = wait_for_job(http, response.json()["id"], timeout=300)
    assert job["status"] == "done" and job["progress"] == 1.0, job
    result = http.get(f"/api/jobs/{job['id']}/result").json()["result"]
    expected = crisis.simulate(load_architecture("example"), years=3, runs=200, seed=11).as_dict()
    assert result["data"] == json.loads(to_json(expected))
    assert result["data"]["seed"]["entropy"] == 11


def test_simulate_can_be_cancelled(http: Any) -> None:
    """Property: a long simulation stops when cancelled and records no result."""
    body = {
        "kind": "simulate",
        "architectures": ["example"],
        "params": {"years": 50, "runs": 100_000, "seed": 1},
    }
    response = http.post("/api/jobs", json=body)
    assert response.status_code == 202, response.text
    job = response.json()
    deadline = time.monotonic() + 120
    while http.get(f"/api/jobs/{job['id']}").json()["status"] == "queued" and time.monotonic() < deadline:
        time.sleep(0.1)
    cancelled = http.post(f"/api/jobs/{job['id']}/cancel").json()
    assert cancelled["status"] == "cancelled"
    assert http.get(f"/api/jobs/{job['id']}/result").status_code == 409


def test_simulate_size_limit(tmp_path: Any) -> None:
    """Oracle: runs × years × states of the request against a limit just below it."""
    from secarch.spec import load_architecture

    size = 1000 * 10 * len(load_architecture("example").participants)
    with client(tmp_path, max_job_size=size - 1) as limited:
        response = limited.post(
            "/api/jobs", json={"kind": "simulate", "architectures": ["example"], "params": {"runs": 1000}}
        )
        assert response.status_code == 422 and f"{size:,}" in response.json()["message"]
