"""How far a sweep is: finished tasks and runs, time spent, throughput and the time left."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from secarch.errors import InputError
from secarch.experiments.store import open_store, read_log, read_manifest

RATE_WINDOW = 50
"""The throughput is measured over the last RATE_WINDOW finished tasks of the latest session."""


@dataclass(frozen=True)
class SweepStatus:
    """The state of a sweep folder.

    ``task_seconds``: the summed run time of the finished tasks (CPU-side work, all workers together);
    ``rate``: tasks per second of wall time over the latest finished tasks; ``eta_seconds``: the time left
    at that rate (None when it cannot be measured).
    """

    path: Path
    name: str
    engine: str
    store_format: str
    design: str
    points: int
    architectures: list[str]
    replications: int
    seed: int
    tasks_total: int
    tasks_done: int
    runs_total: int
    runs_done: int
    task_seconds: float
    last_finished: str | None
    rate: float | None
    eta_seconds: float | None

    @property
    def complete(self) -> bool:
        return self.tasks_done >= self.tasks_total

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "name": self.name,
            "engine": self.engine,
            "format": self.store_format,
            "design": self.design,
            "points": self.points,
            "architectures": self.architectures,
            "replications": self.replications,
            "seed": self.seed,
            "tasks_total": self.tasks_total,
            "tasks_done": self.tasks_done,
            "runs_total": self.runs_total,
            "runs_done": self.runs_done,
            "complete": self.complete,
            "task_seconds": round(self.task_seconds, 3),
            "last_finished": self.last_finished,
            "tasks_per_second": self.rate,
            "eta_seconds": self.eta_seconds,
        }


def _throughput(log: list[dict[str, Any]]) -> float | None:
    """Tasks per wall-clock second over the latest run of consecutive finishes (a gap of more than ten
    times the median interval starts a new session)."""
    times = []
    for line in log[-RATE_WINDOW:]:
        try:
            times.append(dt.datetime.fromisoformat(line["finished"]).timestamp())
        except (KeyError, ValueError):
            continue
    if len(times) < 3:
        return None
    gaps = [b - a for a, b in itertools.pairwise(times)]
    typical = sorted(gaps)[len(gaps) // 2]
    start = 0
    for i, gap in enumerate(gaps):
        if gap > 10 * max(typical, 1.0):
            start = i + 1
    span = times[-1] - times[start]
    finished = len(times) - 1 - start
    if span <= 0 or finished < 2:
        return None
    return finished / span


def sweep_status(path: str | Path) -> SweepStatus:
    """The status of the sweep in ``path``; works while the sweep runs (it reads only files the running
    sweep appends to or renames into place)."""
    folder = Path(path)
    try:
        store = open_store(folder, read_only=True)
    except InputError as error:
        if "another process" not in error.format():
            raise
        store = None
    if store is None:  # a DuckDB file held by a running sweep: count from the log
        manifest = read_manifest(folder)
        assert manifest is not None
        log = read_log(folder)
        done_ids = {line["task"] for line in log}
        manifest_data = manifest
    else:
        with store:
            log = store.log()
            done_ids = store.done()
            manifest_data = store.manifest
    plan = manifest_data["plan"]
    by_task = {line["task"]: line for line in log}
    runs_done = sum(int(by_task[t]["rows"]) for t in done_ids if t in by_task)
    if len(by_task.keys() & done_ids) < len(done_ids):  # a log line lost in a crash: count from the plan
        per_task = plan["total_runs"] / max(1, plan["task"]["count"])
        runs_done += round(per_task * len(done_ids - by_task.keys()))
    rate = _throughput(log)
    remaining = plan["task"]["count"] - len(done_ids)
    return SweepStatus(
        path=folder,
        name=plan["experiment"]["name"],
        engine=plan["engine"],
        store_format=manifest_data["format"],
        design=plan["design"]["kind"],
        points=int(plan["design"]["points"]),
        architectures=[c["name"] for c in plan["cases"]],
        replications=int(plan["replications"]),
        seed=int(plan["seed"]["entropy"]),
        tasks_total=int(plan["task"]["count"]),
        tasks_done=len(done_ids),
        runs_total=int(plan["total_runs"]),
        runs_done=runs_done,
        task_seconds=sum(float(line.get("seconds", 0.0)) for line in log),
        last_finished=log[-1]["finished"] if log else None,
        rate=rate,
        eta_seconds=(remaining / rate) if rate and remaining > 0 else (0.0 if remaining == 0 else None),
    )
