"""Interrupted sweeps resume without recomputing finished batches and end with exactly the rows of an
uninterrupted sweep (property: batches are written atomically and a replication's value depends only on the
seed, its point and its number)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from secarch.experiments import open_store, run_sweep
from secarch.experiments.status import sweep_status

EXPERIMENT = """\
name: bdm-noise
engine: negotiation
architectures: [rules-of-coexistence]
fixed: {model: bdm, bdm.rounds: 4}
parameters:
  - name: capability.USA
    range: [0.5, 1.5]
  - name: salience_noise
    values: [0.0, 0.3]
design: {kind: grid, levels: 10}
replications: 2
seed: 42
outputs: [outcome.contested-territories, mean_distance, steps]
task: {replications: 2, points: 1}
"""
TASKS = 20


def _start(experiment: Path, out: Path, backend: str, store_format: str) -> subprocess.Popen[str]:
    args = [
        "sweep",
        "run",
        str(experiment),
        "--out",
        str(out),
        "--backend",
        backend,
        "--format",
        store_format,
    ]
    if backend == "process":
        args += ["--workers", "2"]
    code = f"from secarch.cli import main; main({args!r})"
    return subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _wait_for_tasks(out: Path, count: int, process: subprocess.Popen[str], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = out / "tasks.jsonl"
        if log.is_file() and len(log.read_text().splitlines()) >= count:
            return
        if process.poll() is not None:
            raise AssertionError(f"the sweep ended early: {process.communicate()}")
        time.sleep(0.02)
    raise AssertionError("the sweep did not start in time")


@pytest.fixture(scope="module")
def experiment(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("experiment") / "bdm.yaml"
    path.write_text(EXPERIMENT)
    return path


@pytest.fixture(scope="module")
def uninterrupted(experiment, tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("full") / "sweep"
    summary = run_sweep(experiment, out, backend="serial")
    assert summary.tasks_total == TASKS and summary.complete
    with open_store(out) as store:
        return store.read_frame()


@pytest.mark.slow
@pytest.mark.parametrize("store_format", ["parquet", "duckdb"])
def test_killed_sweep_resumes_to_the_uninterrupted_result(experiment, uninterrupted, tmp_path, store_format):
    """Property: a sweep killed (SIGKILL) mid-run keeps its finished batches; resuming runs only the others
    and the store then holds exactly the rows of an uninterrupted run."""
    out = tmp_path / "sweep"
    process = _start(experiment, out, "serial", store_format)
    _wait_for_tasks(out, 3, process)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with open_store(out) as store:
        finished = store.done()
    assert 3 <= len(finished) < TASKS
    status = sweep_status(out)
    assert status.tasks_done == len(finished) and not status.complete
    summary = run_sweep(experiment, out, backend="serial", store_format=store_format)
    assert summary.tasks_skipped == len(finished)
    assert summary.tasks_run == TASKS - len(finished)
    with open_store(out) as store:
        pd.testing.assert_frame_equal(store.read_frame(), uninterrupted)
        assert len(store.done()) == TASKS


@pytest.mark.slow
def test_interrupted_process_pool_stops_cleanly_and_resumes(experiment, uninterrupted, tmp_path):
    """Property: Ctrl-C (SIGINT) stops a process-pool sweep with exit code 130; the store is consistent
    and a resume completes it to the uninterrupted result."""
    out = tmp_path / "sweep"
    process = _start(experiment, out, "process", "parquet")
    _wait_for_tasks(out, 2, process)
    os.kill(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert "interrupted" in err
    assert not list((out / "batches").glob(".tmp-*"))
    done = len(open_store(out).done())
    assert 2 <= done < TASKS
    summary = run_sweep(experiment, out, backend="process", workers=2)
    assert summary.tasks_skipped == done
    with open_store(out) as store:
        pd.testing.assert_frame_equal(store.read_frame(), uninterrupted)


def test_max_tasks_then_resume(experiment, uninterrupted, tmp_path):
    """Property: a sweep stopped after 5 tasks (--max-tasks) and resumed equals the uninterrupted one; the
    resumed run does not repeat the 5."""
    out = tmp_path / "sweep"
    first = run_sweep(experiment, out, backend="serial", max_tasks=5)
    assert first.tasks_run == 5 and not first.complete
    times = {p.name: p.stat().st_mtime_ns for p in (out / "batches").glob("*.parquet")}
    second = run_sweep(experiment, out, backend="serial")
    assert second.tasks_skipped == 5 and second.complete
    for name, mtime in times.items():
        assert (out / "batches" / name).stat().st_mtime_ns == mtime  # not rewritten
    with open_store(out) as store:
        pd.testing.assert_frame_equal(store.read_frame(), uninterrupted)


def test_interrupt_swallowed_by_a_finaliser_still_stops_the_sweep(experiment, uninterrupted, tmp_path):
    """Property: a Ctrl-C that lands where Python ignores exceptions (a ``__del__``, here emulated by
    catching it in the progress callback) still stops the sweep at the next stored batch; the store keeps
    what finished and a resume completes it to the uninterrupted result."""
    out = tmp_path / "sweep"

    def progress(state):
        if state.tasks_done == 3:
            # what the interpreter does with an exception raised in a finaliser
            with contextlib.suppress(KeyboardInterrupt):
                signal.raise_signal(signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        run_sweep(experiment, out, backend="serial", progress=progress)
    with open_store(out) as store:
        done = len(store.done())
    assert 3 <= done < TASKS
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    run_sweep(experiment, out, backend="serial")
    with open_store(out) as store:
        pd.testing.assert_frame_equal(store.read_frame(), uninterrupted)


def test_interrupt_during_a_batch_write_leaves_no_partial_file(
    experiment, uninterrupted, tmp_path, monkeypatch
):
    """Property: a Ctrl-C that lands while a batch is being written (after the temporary file exists, before
    its rename) leaves neither a partial nor a temporary file; a resume completes the sweep exactly."""
    import pyarrow.parquet as pq

    real_write = pq.write_table
    calls = {"n": 0}

    def interrupted_write(table, where, *args, **kwargs):
        real_write(table, where, *args, **kwargs)
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt

    out = tmp_path / "sweep"
    monkeypatch.setattr(pq, "write_table", interrupted_write)
    with pytest.raises(KeyboardInterrupt):
        run_sweep(experiment, out, backend="serial")
    monkeypatch.undo()
    assert not list((out / "batches").glob(".tmp-*"))
    with open_store(out) as store:
        assert len(store.done()) == 1  # the first write is the design, the second the first batch
    run_sweep(experiment, out, backend="serial")
    with open_store(out) as store:
        pd.testing.assert_frame_equal(store.read_frame(), uninterrupted)
