"""Public API of the crisis simulation: simulate a world or an architecture, compare architectures.

>>> import numpy as np
>>> from secarch.crisis.world import CrisisWorld, OnsetModel
>>> world = CrisisWorld(("A", "B", "C"), (2030,), OnsetModel.fixed([[0.0, 0.0, 0.0]]),
...     np.zeros((1, 3, 3)), np.full((1, 3, 3), 0.3), np.full((1, 3), 1 / 3), np.zeros((1, 3), bool),
...     np.ones((1, 3), bool))
>>> simulate_world(world, runs=100, seed=1).expected_disputes().value
0.0
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from secarch.crisis.engine import EngineInputs, prepare, run
from secarch.crisis.params import CrisisParams
from secarch.crisis.results import Comparison, CrisisResult
from secarch.crisis.world import CrisisWorld

SeedLike = int | np.random.SeedSequence | None


def as_seed_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """The root ``SeedSequence`` of a simulation (fresh OS entropy when ``seed`` is None; it is recorded).

    >>> as_seed_sequence(7).entropy
    7
    """
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if seed is not None and (not isinstance(seed, int | np.integer) or int(seed) < 0):
        from secarch.errors import InputError

        raise InputError.single(f"invalid seed {seed!r}", field="seed", expected="an integer >= 0")
    return np.random.SeedSequence(None if seed is None else int(seed))


def seed_record(seq: np.random.SeedSequence) -> dict[str, Any]:
    """JSON-ready description of a root seed: pass ``entropy`` back as ``--seed`` to reproduce a run."""
    entropy = seq.entropy
    return {
        "entropy": int(entropy) if isinstance(entropy, int | np.integer) else [int(x) for x in entropy],
        "spawn_key": [int(k) for k in seq.spawn_key],
        "bit_generator": "PCG64",
    }


def simulate_inputs(
    inputs: EngineInputs,
    *,
    runs: int = 1000,
    seed: SeedLike = None,
    params: CrisisParams | None = None,
    chunk_runs: int | None = None,
    progress: Callable[[int], None] | None = None,
    name: str = "world",
    source: str = "",
) -> CrisisResult:
    """Simulate prepared engine inputs (see :func:`secarch.crisis.engine.prepare`)."""
    params = params or CrisisParams()
    seq = as_seed_sequence(seed)
    tally = run(inputs, runs, seq, params=params, chunk_runs=chunk_runs, progress=progress)
    return CrisisResult(
        architecture=name,
        states=inputs.states,
        years=inputs.years,
        runs=runs,
        seed=seed_record(seq),
        params=params,
        tally=tally,
        source=source,
        dyad_years=runs * inputs.n_dyads * inputs.n_years,
    )


def simulate_world(
    world: CrisisWorld,
    params: CrisisParams | None = None,
    *,
    runs: int = 1000,
    seed: SeedLike = None,
    chunk_runs: int | None = None,
    progress: Callable[[int], None] | None = None,
    name: str = "world",
) -> CrisisResult:
    """Simulate a :class:`CrisisWorld` ``runs`` times over all its years."""
    params = params or CrisisParams()
    return simulate_inputs(
        prepare(world, params),
        runs=runs,
        seed=seed,
        params=params,
        chunk_runs=chunk_runs,
        progress=progress,
        name=name,
        source=world.source,
    )


def compare_worlds(
    worlds: dict[str, CrisisWorld],
    params: CrisisParams | None = None,
    *,
    runs: int = 1000,
    seed: SeedLike = None,
    chunk_runs: int | None = None,
) -> Comparison:
    """Simulate several worlds on the same seeds (common random numbers): the first is the baseline.

    The worlds must have the same states and years, so that every run, year and dyad uses the same uniform
    in all of them (:func:`secarch.crisis.inputs.build_worlds` builds them on the union of participants).
    """
    seq = as_seed_sequence(seed)
    first = next(iter(worlds.values()))
    for name, w in worlds.items():
        if w.states != first.states or w.years != first.years:
            raise ValueError(f"world {name!r} has other states or years than the first; build them together")
    results = tuple(
        simulate_world(w, params, runs=runs, seed=seq, chunk_runs=chunk_runs, name=name)
        for name, w in worlds.items()
    )
    return Comparison(results)
