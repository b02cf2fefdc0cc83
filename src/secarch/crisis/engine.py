"""The Monte Carlo engine: dispute onset, escalation and joining, vectorised over runs × dyads, year by year.

Each simulated year, for every run and dyad at once:

1. **onset** — a uniform u is drawn and the dyad has a dispute when u < p, p the onset probability given
   the run's own dispute history (:class:`~secarch.crisis.world.OnsetModel`);
2. **escalation** — the same uniform decides the rest: given a dispute, u / p is uniform on (0, 1); the first
   half of that interval makes the first state of the pair the challenger, the second half the second, and
   the dispute becomes a war when u / p falls in the first P(war | challenger) share of its half
   (:mod:`secarch.crisis.escalation`);
3. **joining** — for the (rare) wars, the joining cascade (:mod:`secarch.crisis.joining`);
4. **history** — peace-years, discounted onsets and the no-earlier-onset flag are updated.

Random numbers and chunking: runs are grouped in blocks of :data:`BLOCK_RUNS`. Block b has two streams,
``SeedSequence(entropy, spawn_key=(*root_key, b, 0))`` for onsets and ``(…, b, 1)`` for joining (the
children ``SeedSequence.spawn`` would give, built by index so that they do not depend on the state of the
caller's object). A chunk is any whole number of blocks; within a chunk the blocks' draws are stacked in
block order, and a block's joining draws depend only on its own wars. So every run sees the same numbers
whatever the chunk size, and all tallies are integer sums: results are *exactly* independent of the chunk
size. A simulation of R runs simulates whole blocks and ignores the runs beyond R, so that the first R runs
are the same for any larger R (useful for common random numbers).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from secarch.crisis.escalation import defence_probability, escalation_probabilities
from secarch.crisis.joining import SIDE_A, SIDE_B, cascade
from secarch.crisis.params import CrisisParams
from secarch.crisis.tally import Tally
from secarch.crisis.world import CrisisWorld, OnsetModel, dyad_position, pair_index

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

BLOCK_RUNS = 32
"""Runs per random-number block: the unit of seeding, and so the granularity of chunks."""

CHUNK_ELEMENTS = 1 << 21
"""Default chunk size in run × dyad cells: the chunk keeps each run's dyad history (about 13 bytes a cell,
some 27 MB), while uniforms are drawn and screened one block at a time, in cache; larger chunks amortise
the per-year Python overhead (benchmarks/bench_crisis.py)."""


@dataclass(frozen=True, eq=False)
class EngineInputs:
    """What the engine runs on: the onset model, escalation probabilities and joining probabilities.

    ``escalation[t, 0, d]`` (``[t, 1, d]``): P(war | dispute in pair d, its first (second) state
    challenging); ``defend[t, k, s]``: P(k joins when s is attacked); ``follow[t, k, s]``: P(k follows s
    into a war s joined or started).
    """

    states: tuple[str, ...]
    years: tuple[int, ...]
    onset: OnsetModel
    escalation: FloatArray
    defend: FloatArray
    follow: FloatArray

    def __post_init__(self) -> None:
        t, n, d = len(self.years), len(self.states), self.onset.n_dyads
        if d != n * (n - 1) // 2 or self.onset.n_years != t:
            raise ValueError("the onset model does not match the states and years")
        if np.shape(self.escalation) != (t, 2, d):
            raise ValueError(f"escalation must have shape {(t, 2, d)}")
        for name in ("defend", "follow"):
            q = np.asarray(getattr(self, name))
            if q.shape != (t, n, n) or np.any((q < 0) | (q > 1)) or np.isnan(q).any():
                raise ValueError(f"{name} must be {(t, n, n)} probabilities")
        e = np.asarray(self.escalation)
        if np.any((e < 0) | (e > 1)) or np.isnan(e).any():
            raise ValueError("escalation probabilities must be in [0, 1]")

    @property
    def n_states(self) -> int:
        return len(self.states)

    @property
    def n_dyads(self) -> int:
        return self.onset.n_dyads

    @property
    def n_years(self) -> int:
        return len(self.years)


def prepare(world: CrisisWorld, params: CrisisParams) -> EngineInputs:
    """Turn a world and parameters into engine inputs (escalation and joining probabilities)."""
    defend = np.stack(
        [
            defence_probability(world.guarantee[t], params.reliability, world.active[t])
            for t in range(world.n_years)
        ]
    )
    return EngineInputs(
        states=world.states,
        years=world.years,
        onset=world.onset,
        escalation=escalation_probabilities(world, params),
        defend=defend,
        follow=defend * params.offence_dominance,
    )


def block_seeds(root: np.random.SeedSequence, block: int) -> tuple[np.random.SeedSequence, ...]:
    """The onset and joining seed sequences of run block ``block`` (see the module docstring).

    >>> a = block_seeds(np.random.SeedSequence(1), 3)[0]
    >>> a.spawn_key
    (3, 0)
    """
    key = (*tuple(root.spawn_key), block)
    return (
        np.random.SeedSequence(root.entropy, spawn_key=(*key, 0), pool_size=root.pool_size),
        np.random.SeedSequence(root.entropy, spawn_key=(*key, 1), pool_size=root.pool_size),
    )


def default_chunk_runs(n_dyads: int, elements: int = CHUNK_ELEMENTS) -> int:
    """Runs per chunk: a whole number of blocks with about ``elements`` run × dyad cells (at least one block).

    >>> default_chunk_runs(4000)
    512
    """
    blocks = max(1, elements // max(1, n_dyads * BLOCK_RUNS))
    return blocks * BLOCK_RUNS


def run(
    inputs: EngineInputs,
    runs: int,
    seed: np.random.SeedSequence,
    *,
    params: CrisisParams | None = None,
    chunk_runs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Tally:
    """Simulate ``runs`` runs over all years of ``inputs``; return the integer tallies.

    ``chunk_runs`` (rounded up to whole blocks) bounds memory: about ten run × dyad arrays of that many runs
    are alive at once. ``progress`` is called with the number of runs finished after each chunk.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    return run_blocks(
        inputs,
        params or CrisisParams(),
        seed,
        first_run=0,
        n_runs=runs,
        chunk_runs=chunk_runs,
        progress=progress,
    )


def run_blocks(
    inputs: EngineInputs,
    params: CrisisParams,
    seed: np.random.SeedSequence,
    *,
    first_run: int,
    n_runs: int,
    chunk_runs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Tally:
    """Runs ``first_run`` … ``first_run + n_runs − 1`` of the simulation with root ``seed``, exactly as
    :func:`run` computes them in a simulation of that many runs or more (the seeds are per block, see the
    module docstring); row k of the returned tally is run ``first_run + k``.

    ``first_run`` must be a multiple of :data:`BLOCK_RUNS`; the last block is simulated whole and its runs
    past the range are left out. ``chunk_runs`` and ``progress`` are as in :func:`run`.

    >>> from secarch.crisis.world import CrisisWorld
    >>> world = CrisisWorld(("A", "B"), (2030,), OnsetModel.fixed([[0.5]]), np.zeros((1, 2, 2)),
    ...     np.full((1, 2, 2), 0.5), np.full((1, 2), 0.5), np.zeros((1, 1), bool), np.ones((1, 2), bool))
    >>> inputs, root = prepare(world, CrisisParams()), np.random.SeedSequence(3)
    >>> whole = run(inputs, 96, root)
    >>> part = run_blocks(inputs, CrisisParams(), root, first_run=64, n_runs=32)
    >>> bool(np.array_equal(part.disputes, whole.disputes[64:]))
    True
    """
    if first_run < 0 or first_run % BLOCK_RUNS:
        raise ValueError(f"the first run must be a multiple of {BLOCK_RUNS}")
    if n_runs < 1:
        raise ValueError("n_runs must be at least 1")
    chunk = default_chunk_runs(inputs.n_dyads) if chunk_runs is None else int(chunk_runs)
    blocks_per_chunk = max(1, math.ceil(chunk / BLOCK_RUNS))
    stop = first_run + n_runs
    first_block, last_block = first_run // BLOCK_RUNS, math.ceil(stop / BLOCK_RUNS)
    tally = Tally.empty(inputs.n_states, inputs.n_dyads, n_runs)
    for b0 in range(first_block, last_block, blocks_per_chunk):
        blocks = range(b0, min(last_block, b0 + blocks_per_chunk))
        _run_chunk(inputs, params, seed, blocks, stop, tally, row_offset=first_run)
        if progress is not None:
            progress(min(stop, blocks.stop * BLOCK_RUNS) - blocks.start * BLOCK_RUNS)
    return tally


def onset_bounds(
    model: OnsetModel,
    year: int,
    last_max: IntArray,
    scaled_max: FloatArray,
    prior_count: IntArray,
    runs: int,
) -> FloatArray:
    """(D,) upper bound of each dyad's onset probability in year index ``year`` over the runs of a chunk.

    From per-dyad summaries of the chunk's histories: the latest onset (``last_max``: the fewest peace-years
    any run has), the largest discounted history (``scaled_max`` · δ^t) and how many runs have had an onset
    (``prior_count``). A uniform above the bound cannot be an onset, so the exact probability is computed only
    below it. The bound decides where to look, never which random numbers are drawn, so results do not depend
    on it (or on which runs share a chunk).

    >>> m = OnsetModel.fixed([[0.25, 0.0]])
    >>> onset_bounds(m, 0, np.zeros(2, np.int64), np.zeros(2), np.full(2, 5), 5).round(12).tolist()
    [0.25, 0.0]
    """
    table = model.peace_effect
    # largest effect of any peace-years count at least the smallest one present
    suffix_max = np.maximum.accumulate(table[::-1])[::-1]
    eta = model.base_logit[year] + np.take(suffix_max, year - last_max, mode="clip")
    if model.discount_coef > 0.0:
        eta = eta + model.discount_coef * np.log1p(scaled_max * model.discount_factor**year)
    coef = model.no_prior_coef[year]
    if coef != 0.0:
        # all runs without an onset: the term applies to all; some: the larger of it and 0; none: 0
        eta = eta + np.where(prior_count == 0, coef, np.where(prior_count < runs, max(coef, 0.0), 0.0))
    return np.asarray(1.0 / (1.0 + np.exp(-eta)))


def _run_chunk(
    inputs: EngineInputs,
    params: CrisisParams,
    root: np.random.SeedSequence,
    blocks: range,
    total_runs: int,
    tally: Tally,
    row_offset: int,
) -> None:
    """Simulate the runs of ``blocks`` and fold those before ``total_runs`` into ``tally``, run r in row
    ``r − row_offset``."""
    n, d = inputs.n_states, inputs.n_dyads
    first_run = blocks.start * BLOCK_RUNS
    r = len(blocks) * BLOCK_RUNS
    streams = [block_seeds(root, b) for b in blocks]
    onset_rng = [np.random.Generator(np.random.SFC64(s[0])) for s in streams]
    join_rng = [np.random.Generator(np.random.SFC64(s[1])) for s in streams]
    pair_i, pair_j = pair_index(n)
    model = inputs.onset
    table = np.asarray(model.peace_effect, dtype=float)
    delta = model.discount_factor
    # The history is kept lazily and touched only where there is an onset: peace-years = t − last[r, d]
    # and discounted history h = scaled[r, d] · δ^t (an onset in year s sets last = s + 1 and adds δ^(−s)
    # to scaled, since h(s + 1) = δ (h(s) + 1)).
    last = np.broadcast_to(-model.peace_years0.astype(np.int32), (r, d)).copy()
    scaled = np.broadcast_to(model.discounted0.astype(float), (r, d)).copy()
    prior = np.broadcast_to(model.prior0.astype(bool), (r, d)).copy()
    # per-dyad summaries over the chunk's runs, for the screening bound (updated at onsets only)
    last_max = -model.peace_years0.astype(np.int64)
    scaled_max = model.discounted0.astype(float).copy()
    prior_count = np.where(model.prior0, r, 0).astype(np.int64)
    u = np.empty((BLOCK_RUNS, d))
    block_cells = BLOCK_RUNS * d
    chunk = _ChunkTally(r, n, d)

    for t in range(inputs.n_years):
        # screening: only uniforms below the dyad's bound can be onsets; each block's uniforms are screened
        # while they are still in cache
        bound = onset_bounds(model, t, last_max, scaled_max, prior_count, r)
        found, values = [], []
        for k, g in enumerate(onset_rng):
            g.random(out=u)
            local = np.flatnonzero(u < bound)
            found.append(local + k * block_cells)
            values.append(u.reshape(-1)[local])
        candidates = np.concatenate(found)
        if len(candidates) == 0:
            continue
        run_of, dyad_of = np.divmod(candidates, d)
        uu = np.concatenate(values)
        eta = (
            model.base_logit[t, dyad_of]
            + np.take(table, t - last[run_of, dyad_of], mode="clip")
            + model.discount_coef * np.log1p(scaled[run_of, dyad_of] * delta**t)
            + model.no_prior_coef[t] * ~prior[run_of, dyad_of]
        )
        pp = 1.0 / (1.0 + np.exp(-eta))
        hit = uu < pp
        if not hit.any():
            continue
        run_of, dyad_of, uu, pp = run_of[hit], dyad_of[hit], uu[hit], pp[hit]
        chunk.disputes += np.bincount(run_of, minlength=r)

        half = 0.5 * pp
        war_first = uu < half * inputs.escalation[t, 0, dyad_of]
        war_second = (uu >= half) & (uu < half * (1.0 + inputs.escalation[t, 1, dyad_of]))
        is_war = war_first | war_second
        if is_war.any():
            wr = run_of[is_war]
            wd = dyad_of[is_war]
            first = war_first[is_war]
            challenger = np.where(first, pair_i[wd], pair_j[wd])
            target = np.where(first, pair_j[wd], pair_i[wd])
            draw = _joining_draws(wr, join_rng, n)
            result = cascade(challenger, target, inputs.defend[t], inputs.follow[t], draw, params.max_waves)
            chunk.add_wars(wr, challenger, target, result.side, result.puller)

        last[run_of, dyad_of] = t + 1
        scaled[run_of, dyad_of] += delta ** (-t)
        np.add.at(prior_count, dyad_of, ~prior[run_of, dyad_of])
        prior[run_of, dyad_of] = True
        last_max[dyad_of] = t + 1
        np.maximum.at(scaled_max, dyad_of, scaled[run_of, dyad_of])

    keep = max(0, min(r, total_runs - first_run))
    tally.add_chunk(chunk, first_run - row_offset, keep)


def _joining_draws(
    war_run: IntArray, rngs: list[np.random.Generator], n: int
) -> Callable[[IntArray], FloatArray]:
    """A ``draw`` function for :func:`cascade`: uniforms for the wars ``rows`` from their blocks' streams,
    block by block in war order (wars are sorted by run, so each block's rows are contiguous)."""
    block_of = war_run // BLOCK_RUNS

    def draw(rows: IntArray) -> FloatArray:
        out = np.empty((len(rows), n))
        blocks = block_of[rows]
        starts = (
            np.flatnonzero(np.r_[True, blocks[1:] != blocks[:-1]]) if len(rows) else np.zeros(0, np.int64)
        )
        bounds = [*(int(s) for s in starts), len(rows)]
        for a, b in itertools.pairwise(bounds):
            rngs[int(blocks[a])].random(out=out[a:b])
        return out

    return draw


class _ChunkTally:
    """Per-run counters of one chunk (run axis first), folded into a :class:`Tally` at the end."""

    def __init__(self, runs: int, n: int, d: int) -> None:
        self.n = n
        self.d = d
        self.disputes = np.zeros(runs, dtype=np.int64)
        self.wars = np.zeros(runs, dtype=np.int64)
        self.state_wars = np.zeros((runs, n), dtype=np.int32)
        self.dyad_keys: list[IntArray] = []  # run * D + dyad, one per pair of opposite belligerents
        self.size_counts = np.zeros((runs, n + 1), dtype=np.int32)
        self.war_states = np.zeros(runs, dtype=np.int64)
        self.pull_keys: list[IntArray] = []
        self.configurations: list[npt.NDArray[np.int16]] = []
        self.configuration_runs: list[IntArray] = []

    def add_wars(
        self,
        run: IntArray,
        challenger: IntArray,
        target: IntArray,
        side: npt.NDArray[np.int8],
        puller: IntArray,
    ) -> None:
        n = self.n
        fighting = (side == SIDE_A) | (side == SIDE_B)
        size = fighting.sum(axis=1)
        np.add.at(self.wars, run, 1)
        np.add.at(self.size_counts, (run, size), 1)
        np.add.at(self.war_states, run, size)
        war, state = np.nonzero(fighting)
        np.add.at(self.state_wars, (run[war], state), 1)
        # every pair of states on opposite sides fought each other: join side A and side B entries by war
        wa, ka = np.nonzero(side == SIDE_A)
        wb, kb = np.nonzero(side == SIDE_B)
        count_b = np.bincount(wb, minlength=len(run))
        start_b = np.cumsum(count_b) - count_b
        repeat = count_b[wa]
        left = np.repeat(np.arange(len(wa)), repeat)
        within = np.arange(int(repeat.sum())) - np.repeat(np.cumsum(repeat) - repeat, repeat)
        right = start_b[wa][left] + within
        self.dyad_keys.append(run[wa[left]] * self.d + dyad_position(ka[left], kb[right], n))
        joined = puller >= 0
        w, k = np.nonzero(joined)
        self.pull_keys.append((run[w] * n + puller[w, k]) * n + k)
        # a war's configuration: 1 challenger, 2 target, 3 + puller for each joiner, 0 otherwise
        code = np.where(joined, puller + 3, 0).astype(np.int16)
        rows = np.arange(len(run))
        code[rows, challenger] = 1
        code[rows, target] = 2
        self.configurations.append(code)
        self.configuration_runs.append(run)
