"""`secarch sweep run|status|analyse|parameters`: exit codes, JSON output, errors without tracebacks; and the
store's streamed statistics against pandas on the whole table."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clikit import run_cli
from secarch.experiments import open_store, run_sweep
from secarch.experiments.sensitivity import point_statistics
from secarch.experiments.status import sweep_status

EXPERIMENT = """\
name: cli
engine: negotiation
architectures: [rules-of-coexistence]
fixed: {model: nbs}
parameters:
  - name: capability.RUS
    range: [0.5, 2]
  - name: capability_noise
    range: [0, 0.3]
design: {kind: sobol, samples: 4}
replications: 4
seed: 3
outputs: [outcome.sanctions, mean_distance]
"""


@pytest.fixture
def experiment(tmp_path) -> Path:
    path = tmp_path / "cli.yaml"
    path.write_text(EXPERIMENT)
    return path


def test_run_status_analyse(experiment, tmp_path, capsys):
    """Property: a run completes (exit 0), status reports every task done, analyse gives a Sobol' row per
    parameter and output and writes its files."""
    out = tmp_path / "sweep"
    code, stdout, err = run_cli(
        capsys, "sweep", "run", str(experiment), "--out", str(out), "-b", "serial", "--json"
    )
    assert code == 0, err
    summary = json.loads(stdout)
    assert summary["complete"] and summary["seed"] == 3 and summary["runs_total"] == 4 * 4 * 4

    code, stdout, _ = run_cli(capsys, "sweep", "status", str(out), "--json")
    status = json.loads(stdout)
    assert code == 0 and status["complete"] and status["tasks_done"] == status["tasks_total"]
    assert status["runs_done"] == 64

    code, stdout, _ = run_cli(capsys, "sweep", "analyse", str(out), "--json", "--no-plot")
    analysis = json.loads(stdout)
    assert code == 0 and analysis["method"] == "sobol"
    assert {(r["output"], r["parameter"]) for r in analysis["indices"]} == {
        (o, p) for o in ("outcome.sanctions", "mean_distance") for p in ("capability.RUS", "capability_noise")
    }
    assert (out / "analysis" / "indices.csv").is_file()

    code, stdout, _ = run_cli(capsys, "sweep", "status", str(out))
    assert code == 0 and "complete" in stdout

    for option, value in (("--conf-level", "1.5"), ("--conf-level", "0"), ("--resamples", "0")):
        code, _, err = run_cli(capsys, "sweep", "analyse", str(out), "--no-plot", option, value)
        assert code == 2 and option in err and "internal error" not in err, (option, value, err)


def test_progress_bar_and_partial_run(experiment, tmp_path, capsys):
    """Property: with --max-tasks the run stops early with exit code 1, shows its progress line and ETA,
    and status reports the sweep as unfinished (exit 1)."""
    out = tmp_path / "sweep"
    code, _, err = run_cli(
        capsys, "sweep", "run", str(experiment), "--out", str(out), "-b", "serial", "--max-tasks", "2"
    )
    assert code == 1
    assert "ETA" in err and "incomplete" in err
    code, stdout, _ = run_cli(capsys, "sweep", "status", str(out))
    assert code == 1 and "tasks 2/" in stdout
    code, _, err = run_cli(capsys, "sweep", "analyse", str(out))
    assert code == 2 and "not finished" in err


def test_bad_input_exits_2_without_traceback(tmp_path, capsys):
    """Property: a bad experiment file or option is reported as a located error with exit code 2."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXPERIMENT.replace("capability.RUS", "capabilty.RUS"))
    code, _, err = run_cli(capsys, "sweep", "run", str(bad), "--out", str(tmp_path / "o"))
    assert code == 2 and "Traceback" not in err and "bad.yaml:6" in err and "did you mean" in err
    good = tmp_path / "good.yaml"
    good.write_text(EXPERIMENT)
    code, _, err = run_cli(capsys, "sweep", "run", str(good), "--out", str(tmp_path / "o"), "-b", "threads")
    assert code == 2 and "unknown backend" in err
    assert not (tmp_path / "o").exists()  # rejected before the folder is made
    assert "runs" not in err  # and before the progress bar starts
    code, _, err = run_cli(
        capsys, "sweep", "run", str(good), "--out", str(tmp_path / "o"), "-b", "dask", "--scheduler", "host"
    )
    assert code == 2 and "tcp://" in err
    code, _, err = run_cli(capsys, "sweep", "status", str(tmp_path))
    assert code == 2 and "not a sweep folder" in err


def test_resume_with_another_experiment_is_refused(experiment, tmp_path, capsys):
    """Property: a folder holding one sweep cannot receive the rows of another (here: another seed)."""
    out = tmp_path / "sweep"
    run_sweep(experiment, out, backend="serial", max_tasks=1)
    other = tmp_path / "other.yaml"
    other.write_text(EXPERIMENT.replace("seed: 3", "seed: 4"))
    code, _, err = run_cli(capsys, "sweep", "run", str(other), "--out", str(out), "-b", "serial")
    assert code == 2 and "another sweep" in err


def test_parameters_lists_the_space(capsys):
    code, stdout, _ = run_cli(capsys, "sweep", "parameters", "negotiation", "rules-of-coexistence", "--json")
    listing = json.loads(stdout)
    assert code == 0
    assert "outcome.sanctions" in listing["outputs"]
    assert any(p["name"] == "bdm.q" for p in listing["parameters"])


def test_streamed_statistics_match_pandas(experiment, tmp_path):
    """Oracle: per-point count, mean and standard deviation computed by pandas on the whole table equal
    those accumulated batch by batch."""
    out = tmp_path / "sweep"
    run_sweep(experiment, out, backend="serial")
    with open_store(out) as store:
        stats = point_statistics(store)
        frame = store.read_frame()
    grouped = frame.groupby("point")["outcome.sanctions"]
    assert np.array_equal(stats.count[0], grouped.count().to_numpy())
    assert np.allclose(stats.mean["outcome.sanctions"][0], grouped.mean().to_numpy(), rtol=1e-12)
    assert np.allclose(
        stats.sd["outcome.sanctions"][0], grouped.std(ddof=1).to_numpy(), rtol=1e-9, atol=1e-12
    )


def test_manifest_records_seed_and_experiment(experiment, tmp_path):
    """Property: the store records the seed, the full experiment (as given and as parsed) and the design."""
    out = tmp_path / "sweep"
    run_sweep(experiment, out, backend="serial", max_tasks=1)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["plan"]["seed"]["entropy"] == 3
    assert manifest["experiment_text"] == EXPERIMENT
    assert manifest["plan"]["experiment"]["design"]["kind"] == "sobol"
    design = pd.read_parquet(out / "design.parquet")
    assert len(design) == 16 and {"u:capability.RUS", "capability.RUS"} <= set(design.columns)
    status = sweep_status(out)
    assert status.seed == 3 and status.tasks_done == 1


def test_seedless_experiment_records_and_reuses_its_seed(experiment, tmp_path):
    """Property: without a seed, fresh entropy is drawn and recorded; resuming uses the recorded seed."""
    seedless = tmp_path / "seedless.yaml"
    seedless.write_text(EXPERIMENT.replace("seed: 3\n", ""))
    out = tmp_path / "sweep"
    first = run_sweep(seedless, out, backend="serial", max_tasks=1)
    second = run_sweep(seedless, out, backend="serial")
    assert first.seed == second.seed and second.tasks_skipped == 1 and second.complete


def test_bundled_example_experiment_is_valid():
    """Property: the example shipped with the package plans without error."""
    from secarch.experiments import make_plan

    folder = resources.files("secarch.experiments").joinpath("examples")
    names = [p.name for p in folder.iterdir() if p.name.endswith(".yaml")]
    assert names
    for name in names:
        plan = make_plan(Path(str(folder.joinpath(name))))
        assert plan.n_tasks > 0
