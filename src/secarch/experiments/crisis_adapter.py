"""Sweep adapter of the crisis Monte Carlo (:mod:`secarch.crisis`; docs/crisis.md).

Cases are architecture files or bundled architecture names. All the experiment's architectures are simulated
on the union of their participants, so that every run, year and dyad uses the same random numbers in each
of them (common random numbers: differences between architectures are measured precisely).

Parameters: every field of :class:`~secarch.crisis.params.CrisisParams` under its own name
(``escalation_intercept``, ``deterrence``, ``parity``, ``mediation``, ``reliability``,
``offence_dominance``, ``max_waves``; defaults and sources in docs/crisis.md), ``years`` (the horizon,
default 10) and ``start`` (the first simulated year; default the first architecture's reference year).

Replications are Monte Carlo runs, simulated vectorised in blocks of the engine's 32 runs
(:data:`secarch.crisis.engine.BLOCK_RUNS`): replication r of point p is run r of the crisis engine with the
root seed ``SeedSequence(s, spawn_key=(1, p))``, so a point's replications are exactly what
``simulate_world(world, params, runs=R, seed=that root)`` gives, whatever the task size.

Outputs per run: ``disputes`` and ``wars`` (counts over the horizon), ``any_war`` (1 when there was at least
one war), ``states_at_war`` (the number of states in at least one war) and ``at_war.<state>`` (1 when the
state was in at least one war). Their means over replications are the probabilities and expectations the
crisis engine reports.
"""

from __future__ import annotations

import dataclasses
import hashlib
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from secarch.errors import InputError
from secarch.experiments.engines import Case, Engine, ParameterInfo, case_name, dataclass_from, load_reference

DEFAULT_YEARS = 10

_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "reliability": (0.0, 1.0),
    "offence_dominance": (0.0, 1.0),
    "max_waves": (1, None),
}

BENCHMARK_EXPERIMENT: dict[str, Any] = {
    "name": "bench-crisis",
    "engine": "crisis",
    "architectures": ["today"],
    "parameters": [
        {"name": "reliability", "range": [0.2, 1.0]},
        {"name": "offence_dominance", "range": [0.0, 0.5]},
    ],
    "design": {"kind": "lhs", "samples": 16},
    "replications": 1024,
    "seed": 1,
    "outputs": ["any_war", "wars", "disputes", "states_at_war"],
    "task": {"replications": 1024, "points": 1},
}
"""The compute-bound sweep of benchmarks/bench_sweep.py: crisis runs on today's architecture."""


@dataclasses.dataclass(frozen=True, eq=False)
class _CaseData:
    """One architecture, and all the experiment's architectures (for the common set of states)."""

    architecture: Any
    together: tuple[Any, ...]


class _Prepared:
    """Worlds built so far, by (years, start), and the engine inputs of the last parameters."""

    def __init__(self, data: _CaseData) -> None:
        self.data = data
        self.worlds: dict[tuple[int, int | None], Any] = {}
        self.inputs_key: Any = None
        self.inputs: Any = None

    def world(self, years: int, start: int | None) -> Any:
        from secarch.crisis.inputs import build_worlds

        key = (years, start)
        if key not in self.worlds:
            worlds = build_worlds(list(self.data.together), horizon=years, start=start)
            self.worlds[key] = worlds[self.data.architecture.name]
        return self.worlds[key]


class CrisisEngine(Engine):
    """The crisis Monte Carlo as a sweep engine (see the module docstring)."""

    name = "crisis"
    description = "Crisis Monte Carlo: dispute onset, escalation to war, allies joining (chain-ganging)."
    seed_block = 32
    task_replications = 256
    stochastic = True

    def load_cases(self, references: Sequence[str], base: Path | None) -> list[Case]:
        try:
            import secarch.crisis.engine
            import secarch.crisis.inputs  # noqa: F401
        except ImportError:
            raise InputError.single(
                "the crisis Monte Carlo is not part of this installation of secarch",
                field="engine",
                hint="update secarch; the crisis engine is secarch.crisis.engine",
            ) from None
        architectures = [load_reference(reference, base) for reference in references]
        cases = []
        for reference, architecture in zip(references, architectures, strict=True):
            digest = hashlib.sha256()
            for other in architectures:
                digest.update(other.model_dump_json().encode("utf-8"))
            digest.update(architecture.name.encode("utf-8"))
            data = _CaseData(architecture, tuple(architectures))
            cases.append(Case(reference, case_name(reference), data, digest.hexdigest()))
        return cases

    def load_case(self, reference: str, base: Path | None) -> Case:
        return self.load_cases([reference], base)[0]

    def parameters(self, case: Case) -> Mapping[str, ParameterInfo]:
        from secarch.crisis.params import CrisisParams

        infos: dict[str, ParameterInfo] = {
            "years": ParameterInfo("years", "int", DEFAULT_YEARS, "simulated years", low=1, high=200),
            "start": ParameterInfo(
                "start", "int", None, "first simulated year (default: the reference year)", optional=True
            ),
        }
        hints = typing.get_type_hints(CrisisParams)
        for f in dataclasses.fields(CrisisParams):
            low, high = _BOUNDS.get(f.name, (None, None))
            kind: Any = "int" if hints[f.name] is int else "float"
            description = f"CrisisParams.{f.name} (default {f.default!s}; docs/crisis.md)"
            infos[f.name] = ParameterInfo(f.name, kind, f.default, description, low=low, high=high)
        return infos

    def outputs(self, case: Case) -> tuple[str, ...]:
        states = _states(case.data)
        return ("disputes", "wars", "any_war", "states_at_war", *(f"at_war.{s}" for s in states))

    def prepare(self, case: Case, fixed: Mapping[str, Any]) -> Any:
        return _Prepared(case.data)

    def run(
        self, prepared: Any, values: Mapping[str, Any], seed: np.random.SeedSequence, start: int, stop: int
    ) -> Mapping[str, npt.ArrayLike]:
        from secarch.crisis.engine import prepare as engine_inputs
        from secarch.crisis.engine import run_blocks
        from secarch.crisis.params import CrisisParams

        state: _Prepared = prepared
        params = dataclass_from(CrisisParams, values)
        start_year = values.get("start")
        world = state.world(
            int(values.get("years", DEFAULT_YEARS)), None if start_year is None else int(start_year)
        )
        key = (id(world), params)
        if state.inputs_key != key:
            state.inputs = engine_inputs(world, params)
            state.inputs_key = key
        # runs start … stop − 1 of the point's simulation with root `seed` (start is a whole block)
        tally = run_blocks(state.inputs, params, seed, first_run=start, n_runs=stop - start)
        wars = tally.wars.astype(np.float64)
        at_war = tally.state_any_matrix()
        out: dict[str, npt.ArrayLike] = {
            "disputes": tally.disputes.astype(np.float64),
            "wars": wars,
            "any_war": (wars > 0).astype(np.float64),
            "states_at_war": at_war.sum(axis=1).astype(np.float64),
        }
        for k, code in enumerate(world.states):
            out[f"at_war.{code}"] = at_war[:, k].astype(np.float64)
        return out


def _states(data: _CaseData) -> tuple[str, ...]:
    """The union of the experiment's participants, in the order the crisis worlds use."""
    from secarch.crisis.inputs import union_of_participants

    return union_of_participants(data.together)
