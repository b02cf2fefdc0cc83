"""Background jobs: results equal the engines' own output, downloads, persistence across a restart, limits
of the queue, cancellation and failures of the job's process."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from secarch.web.errors import Busy, Conflict
from secarch.web.jobs.kinds import KINDS, CheckParams
from secarch.web.jobs.manager import JobManager
from secarch.web.settings import WebSettings
from secarch.web.store import Store
from webkit import client, crashing_worker, hanging_worker, wait_for_job


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web-jobs")


@pytest.fixture(scope="module")
def finished(data_dir: Path) -> Iterator[dict[str, Any]]:
    """Three jobs run to the end on one server, which is then stopped (for the restart test)."""
    with client(data_dir) as http:
        http.post("/api/architectures", json={"name": "mine", "start": "example"}).raise_for_status()
        submitted = {
            "check": http.post("/api/jobs", json={"kind": "check", "architectures": ["mine"]}).json(),
            "negotiate": http.post(
                "/api/jobs",
                json={
                    "kind": "negotiate",
                    "architectures": ["example"],
                    "params": {"model": "bdm", "year": 2024},
                },
            ).json(),
            "metrics": http.post(
                "/api/jobs",
                json={
                    "kind": "metrics",
                    "architectures": ["example"],
                    "params": {"first_year": 2021, "last_year": 2023},
                },
            ).json(),
        }
        jobs = {kind: wait_for_job(http, job["id"]) for kind, job in submitted.items()}
        full = {kind: http.get(f"/api/jobs/{job['id']}/result").json() for kind, job in jobs.items()}
        pages = {kind: http.get(f"/jobs/{job['id']}").text for kind, job in jobs.items()}
        csvs = {kind: http.get(f"/api/jobs/{job['id']}/result.csv").text for kind, job in jobs.items()}
        reports = {kind: http.get(f"/api/jobs/{job['id']}/report.html").text for kind, job in jobs.items()}
    yield {"jobs": jobs, "full": full, "pages": pages, "csv": csvs, "html": reports}


def _plain(value: Any) -> Any:
    from secarch.web.jobs.worker import to_json

    return json.loads(to_json(value))


def test_jobs_finish(finished: dict[str, Any]) -> None:
    for kind, job in finished["jobs"].items():
        assert job["status"] == "done", (kind, job)
        assert job["progress"] == 1.0 and job["error"] is None


def test_check_job_is_the_engine(finished: dict[str, Any]) -> None:
    """Oracle: ``run_checks`` as ``secarch check --json`` calls it (capabilities, bundled forum, SMP)."""
    from secarch.metrics.snapshot import default_capabilities
    from secarch.principles import forum_negotiation, run_checks
    from secarch.spec import load_architecture

    arch = load_architecture("example")
    lookup = default_capabilities()
    capabilities = lookup(tuple(arch.at(None).states), arch.date.year) if lookup else None
    expected = run_checks(arch, None, capabilities=capabilities, negotiation=forum_negotiation()).as_dict()
    expected["architecture"] = "mine"  # the job ran on a copy named `mine`
    result = finished["full"]["check"]["result"]
    assert result["data"] == _plain(expected)
    assert len(result["tables"][0]["rows"]) == len(expected["findings"])


def test_negotiate_job_is_the_engine(finished: dict[str, Any]) -> None:
    """Oracle: the bundled forum among the actors present in 2024, run directly with BDM."""
    from secarch.negotiation import negotiate
    from secarch.negotiation.forum import forum_for_snapshot, forum_to_spec, load_forum
    from secarch.spec import load_architecture

    snapshot = load_architecture("example").at(2024)
    present = forum_for_snapshot(load_forum("rules-of-coexistence"), snapshot)
    expected = negotiate(forum_to_spec(present), "bdm").as_dict()
    assert finished["full"]["negotiate"]["result"]["data"] == _plain(expected)


def test_metrics_job_is_the_engine(finished: dict[str, Any]) -> None:
    """Oracle: ``metrics_over_years`` over the same years in one call."""
    from secarch.metrics.snapshot import default_capabilities, metrics_over_years
    from secarch.spec import load_architecture

    frame = metrics_over_years(
        load_architecture("example"), range(2021, 2024), capabilities=default_capabilities()
    )
    expected = frame.astype(object).where(frame.notna(), None).to_dict("records")
    assert finished["full"]["metrics"]["result"]["data"]["rows"] == _plain(expected)


def test_downloads(finished: dict[str, Any]) -> None:
    """Property: the CSV is the result's first table, the HTML report is self-contained, the JSON names the
    job and its parameters."""
    for kind, text in finished["csv"].items():
        table = finished["full"][kind]["result"]["tables"][0]
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == table["columns"] and len(rows) == len(table["rows"]) + 1
    for kind, html in finished["html"].items():
        assert html.startswith("<!DOCTYPE html>") and finished["full"][kind]["result"]["title"] in html
        assert "src=" not in html and "http://" not in html and "https://" not in html
    document = finished["full"]["negotiate"]
    assert document["format"] == "secarch-web-result" and document["job"]["params"]["model"] == "bdm"


def test_result_page_shows_the_result(finished: dict[str, Any]) -> None:
    page = finished["pages"]["check"]
    assert "Findings" in page and "Download" in page and "hx-trigger" not in page.split('id="job"')[1][:200]


def test_restart_keeps_finished_work(finished: dict[str, Any], data_dir: Path) -> None:
    """Property: a new server on the same data directory has the architectures and every finished result,
    unchanged; a job left running by a stopped server is marked interrupted."""
    store = Store(data_dir)
    store.add_job("feedfacefeedface", "check", ["example"], {}, 1)
    store.update_job("feedfacefeedface", status="running")
    store.close()
    with client(data_dir) as http:
        assert http.get("/api/architectures/mine").status_code == 200
        for kind, job in finished["jobs"].items():
            assert http.get(f"/api/jobs/{job['id']}/result").json() == finished["full"][kind]
        left = http.get("/api/jobs/feedfacefeedface").json()
        assert left["status"] == "interrupted" and "run it again" in left["message"]


# -- the manager itself, with stand-in processes ------------------------------------------------------
def _manager(tmp_path: Path, target: Any, **limits: Any) -> JobManager:
    return JobManager(Store(tmp_path), WebSettings(data_dir=tmp_path, **limits), target=target)


def _submit(manager: JobManager) -> str:
    from secarch.spec import load_architecture

    return manager.submit(KINDS["check"], [load_architecture("example")], CheckParams(), 1).id


def _wait(manager: JobManager, job_id: str, status: str, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = manager.store.get_job(job_id)
        if job is not None and job.status == status:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never reached {status}: {manager.store.get_job(job_id)}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_cancel_terminates_a_running_job(tmp_path: Path) -> None:
    """Property: a job whose engine never returns is stopped by cancellation: its process is gone and the
    job is recorded as cancelled, with its last progress."""
    manager = _manager(tmp_path, hanging_worker, max_running_jobs=1)
    job_id = _submit(manager)
    job = _wait(manager, job_id, "running")
    deadline = time.monotonic() + 60
    while manager.store.get_job(job_id).progress == 0 and time.monotonic() < deadline:  # type: ignore[union-attr]
        time.sleep(0.05)
    assert manager.store.get_job(job_id).message == "hanging on purpose"  # type: ignore[union-attr]
    pid = manager._running[job_id].process.pid
    assert pid is not None and _alive(pid)
    job = manager.cancel(job_id)
    assert job.status == "cancelled" and job.progress == 0.25 and job.result is None
    assert not _alive(pid)
    with pytest.raises(Conflict):
        manager.cancel(job_id)
    manager.shutdown()


def test_queue_limit_and_cancel_while_queued(tmp_path: Path) -> None:
    """Property: with 1 slot and a queue of 1, a third job is refused (429); a queued job can be cancelled
    and the next one then waits in its place; shutting down marks the rest interrupted."""
    manager = _manager(tmp_path, hanging_worker, max_running_jobs=1, max_queued_jobs=1)
    first = _submit(manager)
    second = _submit(manager)
    assert manager.counts() == {"running": 1, "queued": 1}
    with pytest.raises(Busy):
        _submit(manager)
    assert manager.cancel(second).status == "cancelled"
    third = _submit(manager)
    assert manager.store.get_job(third).status == "queued"  # type: ignore[union-attr]
    manager.shutdown()
    for job_id in (first, third):
        assert manager.store.get_job(job_id).status == "interrupted"  # type: ignore[union-attr]


def test_a_crashed_process_fails_the_job(tmp_path: Path) -> None:
    """Property: a job process that dies without a result fails the job with its exit code; the next
    queued job still runs."""
    manager = _manager(tmp_path, crashing_worker, max_running_jobs=1)
    first, second = _submit(manager), _submit(manager)
    for job_id in (first, second):
        job = _wait(manager, job_id, "failed")
        assert "exit code 3" in job.message and job.error["kind"] == "internal"
    manager.shutdown()


def test_bad_input_in_the_worker_is_a_located_failure(tmp_path: Path) -> None:
    """Oracle: the forum's actors are Eurasian states and organisations, so an architecture of two South
    American states has fewer than two of them; the engine's InputError reaches the job record as a located
    problem (field params.forum), not as a traceback."""
    text = (
        "name: south\ntitle: Two states\ndate: 2020-06-30\nperiod: {start: 2020-01-01, end: 2020-12-31}\n"
        "region: {name: South America, states: [ARG, BRA]}\nparticipants: [ARG, BRA]\n"
    )
    with client(tmp_path) as http:
        assert http.post("/api/architectures", json={"name": "south", "text": text}).status_code == 201
        job = http.post("/api/jobs", json={"kind": "negotiate", "architectures": ["south"]}).json()
        failed = wait_for_job(http, job["id"])
    assert failed["status"] == "failed" and failed["error"]["kind"] == "input"
    assert failed["error"]["problems"][0]["field"] == "params.forum"
    assert "fewer than two actors" in failed["message"]
