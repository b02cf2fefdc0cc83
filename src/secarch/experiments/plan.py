"""From an experiment to a plan: the engine, the loaded cases, the design's points, and the tasks.

Seeds. The experiment's seed s is the entropy of every stream:

- the design is drawn from ``SeedSequence(s, spawn_key=(0,))``;
- point p's replications draw from streams under ``SeedSequence(s, spawn_key=(1, p))`` (the engine derives
  one child per seed block of replications, see :mod:`secarch.experiments.engines`);
- bootstrap resampling in the analysis uses ``SeedSequence(s, spawn_key=(2,))``.

Point p's streams are the same for every architecture (common random numbers), and a replication's streams
do not depend on the task that runs it, so results are the same on every backend and number of workers.

Tasks. The design's P points × A architectures × R replications are cut into tasks of ``task.points``
points and ``task.replications`` replications of one architecture (a whole number of the engine's seed
blocks). Tasks are listed point block by point block, so that a partial sweep has complete points.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from secarch.errors import InputError, Location, Problem
from secarch.experiments.designs import DesignSample, sample_design
from secarch.experiments.engines import Case, Engine, ParameterInfo, get_engine
from secarch.experiments.spec import Experiment, load_experiment_file

DESIGN_KEY = 0
RUN_KEY = 1
ANALYSIS_KEY = 2
TARGET_TASK_RUNS = 64
"""Default number of replications × points per task for engines whose replications are all alike."""


@dataclass(frozen=True)
class Task:
    """Replications ``rep_start`` to ``rep_stop − 1`` of points ``point_start`` to ``point_stop − 1`` of
    architecture number ``case``."""

    case: int
    point_start: int
    point_stop: int
    rep_start: int
    rep_stop: int

    @property
    def id(self) -> str:
        return f"c{self.case}-p{self.point_start}-r{self.rep_start}"

    @property
    def runs(self) -> int:
        return (self.point_stop - self.point_start) * (self.rep_stop - self.rep_start)


@dataclass(frozen=True, eq=False)
class Job:
    """Everything a worker needs to run any task of a plan (sent to each worker once)."""

    engine: str
    cases: tuple[Case, ...]
    fixed: Mapping[str, Any]
    names: tuple[str, ...]
    values: Mapping[str, np.ndarray]
    outputs: tuple[str, ...]
    seed: int
    key: str


@dataclass(frozen=True, eq=False)
class Plan:
    """A resolved experiment (see the module docstring)."""

    experiment: Experiment
    engine: Engine
    cases: tuple[Case, ...]
    infos: Mapping[str, ParameterInfo]
    fixed: Mapping[str, Any]
    design: DesignSample
    outputs: tuple[str, ...]
    seed: int
    task_points: int
    task_replications: int
    source: str | None = None
    text: str | None = None
    key: str = field(default="")

    @property
    def n_points(self) -> int:
        return self.design.n_points

    @property
    def replications(self) -> int:
        return self.experiment.replications

    @property
    def total_runs(self) -> int:
        return self.n_points * len(self.cases) * self.replications

    def tasks(self) -> Iterator[Task]:
        for p0 in range(0, self.n_points, self.task_points):
            p1 = min(self.n_points, p0 + self.task_points)
            for c in range(len(self.cases)):
                for r0 in range(0, self.replications, self.task_replications):
                    yield Task(c, p0, p1, r0, min(self.replications, r0 + self.task_replications))

    @property
    def n_tasks(self) -> int:
        return (
            math.ceil(self.n_points / self.task_points)
            * len(self.cases)
            * math.ceil(self.replications / self.task_replications)
        )

    def job(self) -> Job:
        return Job(
            engine=self.experiment.engine,
            cases=self.cases,
            fixed=dict(self.fixed),
            names=self.design.names,
            values=self.design.values,
            outputs=self.outputs,
            seed=self.seed,
            key=self.key,
        )

    def description(self) -> dict[str, Any]:
        """JSON-ready record of the plan (the store's manifest holds it)."""
        return {
            "experiment": self.experiment.model_dump(mode="json"),
            "source": self.source,
            "engine": self.experiment.engine,
            "cases": [
                {"reference": c.reference, "name": c.name, "fingerprint": c.fingerprint} for c in self.cases
            ],
            "parameters": [self.infos[name].as_dict() for name in self.design.names],
            "fixed": dict(self.fixed),
            "outputs": list(self.outputs),
            "seed": {
                "entropy": self.seed,
                "design": [DESIGN_KEY],
                "runs": [RUN_KEY, "point"],
                "analysis": [ANALYSIS_KEY],
            },
            "design": {"kind": self.design.kind, "points": self.n_points},
            "replications": self.replications,
            "task": {
                "points": self.task_points,
                "replications": self.task_replications,
                "count": self.n_tasks,
            },
            "total_runs": self.total_runs,
        }


def _fingerprint(plan_record: Mapping[str, Any], design: DesignSample) -> str:
    record = {k: v for k, v in plan_record.items() if k != "source"}
    digest = hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode())
    digest.update(np.ascontiguousarray(design.unit).tobytes())
    return digest.hexdigest()


def _locate(error: InputError, source: str | None, text: str | None) -> InputError:
    """Give field-only problems a line and column in the experiment file."""
    if source is None or text is None:
        return error
    from secarch.spec.locate import Locator
    from secarch.spec.problems import locate_problems
    from secarch.spec.yamlio import parse_yaml

    located = locate_problems(error, Locator(parse_yaml(text, source), source))
    return InputError(
        [
            p
            if p.location.file
            else Problem(
                p.message, Location(source, None, None, p.location.field), p.expected, p.hint, p.kind
            )
            for p in located.problems
        ]
    )


def load_experiment(path: str | Path) -> tuple[Experiment, str, str]:
    """Read an experiment file: the validated experiment, its path and its text."""
    from secarch.spec.yamlio import read_text

    text = read_text(Path(path))
    return load_experiment_file(path, text=text), str(path), text


def make_plan(
    experiment: Experiment | str | Path,
    *,
    seed: int | None = None,
    base: Path | None = None,
) -> Plan:
    """Resolve an experiment (or an experiment file) into a :class:`Plan`.

    ``seed`` is used when the experiment has none (e.g. the seed recorded by an interrupted sweep); with
    neither, fresh entropy is drawn (and recorded in the plan). ``base`` is the folder that relative
    architecture paths are relative to (default: the experiment file's folder, else the current one).
    """
    source = text = None
    if not isinstance(experiment, Experiment):
        experiment, source, text = load_experiment(experiment)
        base = base or Path(source).parent
    try:
        return _plan(experiment, seed, base, source, text)
    except InputError as error:
        raise _locate(error, source, text) from None


def _plan(
    experiment: Experiment, seed: int | None, base: Path | None, source: str | None, text: str | None
) -> Plan:
    engine = get_engine(experiment.engine)
    cases = engine.load_cases(experiment.architectures, base)
    infos = dict(engine.parameters(cases[0]))
    for case in cases[1:]:
        other = engine.parameters(case)
        infos = {name: info for name, info in infos.items() if name in other}
    _check_names(experiment, infos)
    fixed = {name: infos[name].check(value, f"fixed.{name}") for name, value in experiment.fixed.items()}
    outputs = _outputs(experiment, engine, cases)
    clash = set(outputs) & (
        {p.name for p in experiment.parameters} | {"architecture", "point", "replication"}
    )
    if clash:
        raise InputError.single(
            f"output {sorted(clash)[0]!r} has the name of a column already used", field="outputs"
        )
    entropy = experiment.seed if experiment.seed is not None else seed
    if entropy is None:
        entropy = int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    rng = np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(DESIGN_KEY,)))
    design = sample_design(experiment.design, experiment.parameters, infos, rng)
    task_points, task_replications = _task_size(experiment, engine)
    plan = Plan(
        experiment=experiment,
        engine=engine,
        cases=tuple(cases),
        infos=infos,
        fixed=fixed,
        design=design,
        outputs=outputs,
        seed=int(entropy),
        task_points=task_points,
        task_replications=task_replications,
        source=source,
        text=text,
    )
    object.__setattr__(plan, "key", _fingerprint(plan.description(), design))
    return plan


def _check_names(experiment: Experiment, infos: Mapping[str, ParameterInfo]) -> None:
    import difflib

    known = sorted(infos)
    wanted = [(f"parameters[{i}].name", p.name) for i, p in enumerate(experiment.parameters)]
    wanted += [(f"fixed.{name}", name) for name in experiment.fixed]
    for field_path, name in wanted:
        if name not in infos:
            close = difflib.get_close_matches(name, known, n=1)
            raise InputError.single(
                f"the {experiment.engine} engine has no parameter {name!r}",
                field=field_path,
                expected=f"one of its {len(known)} parameters (`secarch sweep parameters` lists them)",
                hint=f"did you mean {close[0]!r}?" if close else None,
            )


def _outputs(experiment: Experiment, engine: Engine, cases: list[Case]) -> tuple[str, ...]:
    available = list(engine.outputs(cases[0]))
    for case in cases[1:]:
        theirs = set(engine.outputs(case))
        available = [name for name in available if name in theirs]
    if experiment.outputs is None:
        return tuple(available)
    for index, name in enumerate(experiment.outputs):
        if name not in available:
            import difflib

            close = difflib.get_close_matches(name, available, n=1)
            raise InputError.single(
                f"the {experiment.engine} engine has no output {name!r}"
                + (" common to all architectures" if len(cases) > 1 else ""),
                field=f"outputs[{index}]",
                expected="one of " + ", ".join(available[:12]) + (", …" if len(available) > 12 else ""),
                hint=f"did you mean {close[0]!r}?" if close else None,
            )
    return tuple(experiment.outputs)


def _task_size(experiment: Experiment, engine: Engine) -> tuple[int, int]:
    """Points and replications per task: the experiment's choice, else the engine's default batch."""
    block = max(1, engine.seed_block)
    replications = experiment.replications
    if experiment.task.replications is not None:
        per_task = experiment.task.replications
        if per_task % block and per_task < replications:
            raise InputError.single(
                f"task.replications = {per_task} is not a multiple of the {experiment.engine} engine's "
                f"seed block ({block})",
                field="task.replications",
                expected=f"a multiple of {block}",
            )
    else:
        per_task = max(block, (engine.task_replications // block) * block)
    per_task = min(per_task, replications)
    if experiment.task.points is not None:
        points = experiment.task.points
    elif engine.task_points is not None:
        points = engine.task_points
    else:
        points = max(1, (engine.task_replications if engine.stochastic else TARGET_TASK_RUNS) // per_task)
    return points, per_task
