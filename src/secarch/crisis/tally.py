"""Integer tallies of a crisis simulation: per-run counts and the sums behind every estimate.

Everything is an integer, so chunks can be folded in any order with exactly the same result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from secarch.crisis.engine import _ChunkTally

IntArray = npt.NDArray[np.int64]


@dataclass(eq=False)
class Tally:
    """Tallies over R runs, n states and D dyads.

    Per run: ``disputes``, ``wars`` and ``state_any`` (packed bits: was the state in at least one war).
    Per war size s (number of states at war): ``size_total[s]`` wars, and the sums over runs of the run's
    count squared (``size_sq``) and times the run's number of wars (``size_cross``), for ratio intervals.
    Per state / dyad (opposite sides of a war) / pull edge (puller, joiner): total count, number of runs with
    at least one, and the sum over runs of the squared count. ``war_states``: Σ over runs of the run's
    number of belligerents (summed over its wars), of its square, and of its product with the run's wars.
    ``configurations`` maps a war's configuration
    code (bytes of an int16 vector, see :mod:`secarch.crisis.engine`) to [wars, runs with one].
    """

    n_states: int
    n_dyads: int
    runs: int
    disputes: IntArray
    wars: IntArray
    state_any: npt.NDArray[np.uint8]
    size_total: IntArray
    size_sq: IntArray
    size_cross: IntArray
    state_total: IntArray
    state_runs: IntArray
    state_sq: IntArray
    dyad_total: IntArray
    dyad_runs: IntArray
    dyad_sq: IntArray
    pull_total: IntArray
    pull_runs: IntArray
    pull_sq: IntArray
    war_states: list[int] = field(default_factory=lambda: [0, 0, 0])
    configurations: dict[bytes, list[int]] = field(default_factory=dict)

    @classmethod
    def empty(cls, n_states: int, n_dyads: int, runs: int) -> Tally:
        n, d = n_states, n_dyads
        return cls(
            n_states=n,
            n_dyads=d,
            runs=runs,
            disputes=np.zeros(runs, dtype=np.int64),
            wars=np.zeros(runs, dtype=np.int64),
            state_any=np.zeros((runs, (n + 7) // 8), dtype=np.uint8),
            size_total=np.zeros(n + 1, dtype=np.int64),
            size_sq=np.zeros(n + 1, dtype=np.int64),
            size_cross=np.zeros(n + 1, dtype=np.int64),
            state_total=np.zeros(n, dtype=np.int64),
            state_runs=np.zeros(n, dtype=np.int64),
            state_sq=np.zeros(n, dtype=np.int64),
            dyad_total=np.zeros(d, dtype=np.int64),
            dyad_runs=np.zeros(d, dtype=np.int64),
            dyad_sq=np.zeros(d, dtype=np.int64),
            pull_total=np.zeros((n, n), dtype=np.int64),
            pull_runs=np.zeros((n, n), dtype=np.int64),
            pull_sq=np.zeros((n, n), dtype=np.int64),
        )

    def add_chunk(self, chunk: _ChunkTally, first_run: int, keep: int) -> None:
        """Fold the first ``keep`` runs of a chunk whose first run is ``first_run``."""
        if keep <= 0:
            return
        n = self.n_states
        rows = slice(first_run, first_run + keep)
        self.disputes[rows] = chunk.disputes[:keep]
        wars = chunk.wars[:keep].astype(np.int64)
        self.wars[rows] = wars
        states = chunk.state_wars[:keep].astype(np.int64)
        self.state_any[rows] = np.packbits(states > 0, axis=1)
        self.state_total += states.sum(axis=0)
        self.state_runs += (states > 0).sum(axis=0)
        self.state_sq += (states * states).sum(axis=0)
        if chunk.dyad_keys:
            keys = np.concatenate(chunk.dyad_keys)
            keys = keys[keys // self.n_dyads < keep]
            if len(keys):
                per_run, counts = np.unique(keys, return_counts=True)
                dyad = per_run % self.n_dyads
                np.add.at(self.dyad_total, dyad, counts)
                np.add.at(self.dyad_runs, dyad, 1)
                np.add.at(self.dyad_sq, dyad, counts * counts)
        sizes = chunk.size_counts[:keep].astype(np.int64)
        self.size_total += sizes.sum(axis=0)
        self.size_sq += (sizes * sizes).sum(axis=0)
        self.size_cross += (sizes * wars[:, None]).sum(axis=0)
        states_at_war = chunk.war_states[:keep]
        self.war_states[0] += int(states_at_war.sum())
        self.war_states[1] += int((states_at_war * states_at_war).sum())
        self.war_states[2] += int((states_at_war * wars).sum())

        if chunk.pull_keys:
            keys = np.concatenate(chunk.pull_keys)
            keys = keys[keys // (n * n) < keep]
            if len(keys):
                per_run, counts = np.unique(keys, return_counts=True)
                edge = per_run % (n * n)
                np.add.at(self.pull_total.reshape(-1), edge, counts)
                np.add.at(self.pull_runs.reshape(-1), edge, 1)
                np.add.at(self.pull_sq.reshape(-1), edge, counts * counts)

        if chunk.configurations:
            codes = np.concatenate(chunk.configurations)
            runs = np.concatenate(chunk.configuration_runs)
            mine = runs < keep
            codes, runs = codes[mine], runs[mine]
            if len(runs):
                # one bytes key per war (a void view sorts as raw memory, much faster than unique(axis=0))
                keys_void = np.ascontiguousarray(codes).view(
                    np.dtype((np.void, codes.shape[1] * codes.itemsize))
                )
                unique, inverse, counts = np.unique(
                    keys_void.reshape(-1), return_inverse=True, return_counts=True
                )
                inverse = inverse.reshape(-1)
                run_pairs = np.unique(inverse.astype(np.int64) * (runs.max() + 1) + runs)
                runs_with = np.bincount(run_pairs // (runs.max() + 1), minlength=len(unique))
                for key, count, with_runs in zip(unique, counts, runs_with, strict=True):
                    entry = self.configurations.setdefault(bytes(key), [0, 0])
                    entry[0] += int(count)
                    entry[1] += int(with_runs)

    def state_any_matrix(self) -> npt.NDArray[np.bool_]:
        """(R, n) whether each state was at war in each run."""
        return np.unpackbits(self.state_any, axis=1, count=self.n_states).astype(bool)
