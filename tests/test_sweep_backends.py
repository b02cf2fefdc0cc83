"""The same seed gives identical stored results on every backend, with any number of workers, any task size
and either store format (property: a replication's random streams depend only on the seed, its point and its
replication number)."""

from __future__ import annotations

import pandas as pd
import pytest

from secarch.experiments import Experiment, open_store, run_sweep
from secarch.experiments.backends import DaskBackend

NEGOTIATION = {
    "name": "noisy-nbs",
    "engine": "negotiation",
    "architectures": ["rules-of-coexistence"],
    "fixed": {"model": "nbs"},
    "parameters": [
        {"name": "capability.RUS", "range": [0.5, 2.0]},
        {"name": "position_noise", "values": [0.0, 0.1]},
        {"name": "capability_noise", "distribution": {"kind": "uniform", "low": 0.0, "high": 0.4}},
    ],
    "design": {"kind": "lhs", "samples": 6},
    "replications": 6,
    "seed": 20240601,
    "outputs": ["outcome.sanctions", "outcome.alliance-enlargement", "mean_distance"],
    "task": {"replications": 2, "points": 2},
}


def _experiment(**changes):
    return Experiment.model_validate({**NEGOTIATION, **changes})


def _frame(path):
    with open_store(path) as store:
        return store.read_frame()


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    out = tmp_path_factory.mktemp("serial") / "sweep"
    run_sweep(_experiment(), out, backend="serial")
    return _frame(out)


def test_serial_results_are_complete_and_vary(serial):
    """Property: every point × replication is stored once, and the noise makes replications differ."""
    assert len(serial) == 6 * 6
    assert not serial.duplicated(["point", "replication"]).any()
    noisy = serial[serial["position_noise"] > 0]
    assert noisy.groupby("point")["outcome.sanctions"].nunique().min() > 1


def test_process_pool_gives_identical_results(serial, tmp_path):
    """Property: a pool of 2 worker processes stores exactly the serial results."""
    run_sweep(_experiment(), tmp_path / "p", backend="process", workers=2)
    pd.testing.assert_frame_equal(_frame(tmp_path / "p"), serial)


def test_dask_scheduler_address_gives_identical_results(serial, tmp_path):
    """Property: an existing Dask cluster reached by its scheduler address (--scheduler), here a LocalCluster
    of 2 thread workers, stores exactly the serial results."""
    import logging

    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster:
        with DaskBackend(scheduler=cluster.scheduler_address) as backend:
            assert backend.workers == 2
            summary = run_sweep(_experiment(), tmp_path / "d", backend=backend)
        assert cluster.scheduler_address in summary.backend
    pd.testing.assert_frame_equal(_frame(tmp_path / "d"), serial)


def test_unreachable_scheduler_is_an_input_error():
    """Property: a wrong --scheduler address is reported as bad input, not a traceback."""
    from secarch.errors import InputError

    with pytest.raises(InputError, match="cannot reach"):
        DaskBackend(scheduler="tcp://127.0.0.1:9", connect_timeout=1.0)


def test_dask_multiprocess_cluster_gives_identical_results(serial, tmp_path):
    """Property: a real Dask LocalCluster of 2 worker processes stores exactly the serial results (and the
    DuckDB store holds the same rows as the Parquet store)."""
    with DaskBackend(2, processes=True) as backend:
        summary = run_sweep(_experiment(), tmp_path / "d", backend=backend, store_format="duckdb")
        assert "local cluster" in summary.backend
    pd.testing.assert_frame_equal(_frame(tmp_path / "d"), serial)


def test_task_size_does_not_change_results(serial, tmp_path):
    """Property: cutting the work into other tasks (3 replications × 1 point) gives the same rows."""
    run_sweep(_experiment(task={"replications": 3, "points": 1}), tmp_path / "t", backend="serial")
    pd.testing.assert_frame_equal(_frame(tmp_path / "t"), serial)


def test_more_replications_keep_the_first_ones(serial, tmp_path):
    """Property: replication r's streams do not depend on the number of replications, so a sweep with 9
    replications starts with the 6 of the smaller one (common random numbers)."""
    run_sweep(
        _experiment(replications=9, task={"replications": 3, "points": 3}), tmp_path / "m", backend="serial"
    )
    more = _frame(tmp_path / "m")
    first = more[more["replication"] < 6].reset_index(drop=True)
    pd.testing.assert_frame_equal(first, serial)


def test_seed_blocks_of_a_vectorised_engine(tmp_path):
    """Property: an engine that draws its replications in blocks of 4 gives the same values for tasks of 4
    or 8 replications, on the serial backend and a process pool of 3 workers."""
    base = {
        "name": "lin",
        "engine": "sweep_testengines:NoisyLinear",
        "architectures": ["scale=1", "scale=2"],
        "fixed": {"sigma": 1.0},
        "parameters": [{"name": "x0", "range": [0, 1]}],
        "design": {"kind": "grid", "levels": 3},
        "replications": 16,
        "seed": 9,
    }
    run_sweep(
        Experiment.model_validate({**base, "task": {"replications": 8}}), tmp_path / "a", backend="serial"
    )
    run_sweep(
        Experiment.model_validate({**base, "task": {"replications": 4, "points": 2}}),
        tmp_path / "b",
        backend="process",
        workers=3,
    )
    a, b = _frame(tmp_path / "a"), _frame(tmp_path / "b")
    pd.testing.assert_frame_equal(a, b)
    # common random numbers: both architectures see the same normals at each point and replication
    z = a.pivot_table(index=["point", "replication"], columns="architecture", values="z")
    assert (z["scale=1"] == z["scale=2"]).all()


def test_another_seed_gives_other_results(serial, tmp_path):
    """Property: the seed matters (a different seed draws a different design and other noise)."""
    run_sweep(_experiment(seed=1), tmp_path / "s", backend="serial")
    other = _frame(tmp_path / "s")
    assert not other["outcome.sanctions"].equals(serial["outcome.sanctions"])
