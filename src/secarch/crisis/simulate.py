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
        "entropy": (
            int(entropy) if isinstance(entropy, int | np.integer) else [int(x) for x in (entropy or ())]
        ),
        "spawn_key": [int(k) for k in seq.spawn_key],
        "bit_generator": "SFC64",
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
    progress: Callable[[int], None] | None = None,
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
        simulate_world(w, params, runs=runs, seed=seq, chunk_runs=chunk_runs, progress=progress, name=name)
        for name, w in worlds.items()
    )
    return Comparison(results)


def simulate(
    architecture: Any,
    params: CrisisParams | None = None,
    *,
    years: int = 10,
    runs: int = 1000,
    seed: SeedLike = None,
    start: int | None = None,
    chunk_runs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> CrisisResult:
    """Simulate crises in an architecture (an :class:`~secarch.model.Architecture`, a file or a bundled
    name) over ``years`` years from ``start`` (default: its reference year), ``runs`` Monte Carlo runs.

    >>> result = simulate("example", years=2, runs=64, seed=1)
    >>> result.runs, result.horizon, result.seed["entropy"]
    (64, 2, 1)
    """
    from secarch.crisis.inputs import build_world
    from secarch.spec import as_architecture

    arch = as_architecture(architecture)
    world = build_world(arch, horizon=years, start=start)
    return simulate_world(
        world, params, runs=runs, seed=seed, chunk_runs=chunk_runs, progress=progress, name=arch.name
    )


def compare(
    architectures: list[Any],
    params: CrisisParams | None = None,
    *,
    years: int = 10,
    runs: int = 1000,
    seed: SeedLike = None,
    start: int | None = None,
    chunk_runs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Comparison:
    """Simulate several architectures on common random numbers (same seed, same states and years: the
    union of their participants); the first is the baseline of the paired differences."""
    from secarch.crisis.inputs import build_worlds
    from secarch.spec import as_architecture

    archs = [as_architecture(a) for a in architectures]
    if len(archs) < 2:
        raise ValueError("compare needs at least two architectures")
    first_year = start if start is not None else archs[0].date.year
    worlds = build_worlds(archs, horizon=years, start=first_year)
    return compare_worlds(worlds, params, runs=runs, seed=seed, chunk_runs=chunk_runs, progress=progress)
