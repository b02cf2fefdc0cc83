"""The common result of every negotiation engine: trajectories, outcome, distances and moves.

Distances use KTAB's salience-weighted metric on the unit scale of every issue,
``d_i(x) = sqrt(Σ_k s_ik² (x̂_ik − x_k)² / Σ_k s_ik²)`` in ``[0, 1]`` (0: the outcome is the actor's ideal;
1: as far as the scales allow), so that the three engines are compared on the same footing. An actor's
ideal is its initial position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from secarch.negotiation.spec import NegotiationSpec

if TYPE_CHECKING:
    import pandas as pd

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def salience_distance(unit_a: FloatArray, unit_b: FloatArray, salience: FloatArray) -> FloatArray:
    """Row-wise salience-weighted distance between ``(n, D)`` unit-scale positions (broadcasts ``(D,)``).

    >>> salience_distance(np.array([[0.0, 0.0]]), np.array([1.0, 0.0]), np.array([[1.0, 0.0]])).tolist()
    [1.0]
    """
    s2 = salience * salience
    return np.asarray(np.sqrt((s2 * (unit_a - unit_b) ** 2).sum(axis=-1) / s2.sum(axis=-1)))


@dataclass(frozen=True, eq=False)
class NegotiationResult:
    """What a negotiation engine predicts.

    Attributes:
        model: ``"smp"``, ``"bdm"`` or ``"nbs"``.
        spec: the input.
        trajectory: ``(T+1, n, D)`` every actor's position at every step, on the issues' scales.
        outcome: ``(D,)`` the predicted outcome on each issue (SMP: the final position most likely to win
            the capability-weighted Condorcet election; BDM: the final median voter position; NBS: the
            solution itself).
        toward: ``(T, n, D)`` whom each actor moved toward at each step on each issue (−1: nobody).
        converged: whether the engine's stopping rule ended the run (always true for one-shot solutions).
        options: the options used, JSON-ready.
        details: engine-specific arrays (SMP: ``win_probability``, ``risk``; BDM: ``median``, ``mean``,
            ``risk_exponent``, ``offer``), all JSON-ready after ``tolist()``.
        seed: the seed entropy of a stochastic run, else ``None``.
    """

    model: str
    spec: NegotiationSpec
    trajectory: FloatArray
    outcome: FloatArray
    toward: IntArray
    converged: bool
    options: Mapping[str, Any] = field(default_factory=dict)
    details: Mapping[str, Any] = field(default_factory=dict)
    seed: int | None = None

    def __post_init__(self) -> None:
        for name in ("trajectory", "outcome", "toward"):
            getattr(self, name).setflags(write=False)

    # -- derived quantities -------------------------------------------------------------------------------
    @property
    def steps(self) -> int:
        return int(self.trajectory.shape[0] - 1)

    @property
    def final(self) -> FloatArray:
        """``(n, D)`` positions at the last step."""
        return np.asarray(self.trajectory[-1])

    def _unit(self, values: npt.ArrayLike) -> FloatArray:
        low, high = self.spec.scale[:, 0], self.spec.scale[:, 1]
        return np.asarray((np.asarray(values, dtype=np.float64) - low) / (high - low))

    @property
    def distance(self) -> FloatArray:
        """``(n,)`` each actor's salience-weighted distance from its ideal to the outcome, in ``[0, 1]``."""
        return salience_distance(self.spec.unit_position(), self._unit(self.outcome), self.spec.salience)

    @property
    def moved(self) -> FloatArray:
        """``(n,)`` how far each actor moved from its ideal by the last step (same metric)."""
        return salience_distance(self.spec.unit_position(), self._unit(self.final), self.spec.salience)

    def consideration(self) -> dict[str, Any]:
        """Summary of the distances, for the "mutual consideration of interests" check.

        ``max`` and ``mean`` distance, the capability-weighted mean, the spread (max − min), the actor left
        farthest from its ideal, and the Spearman rank correlation between capability and distance
        (negative: the outcome lies nearer the stronger actors).
        """
        d = self.distance
        cap = self.spec.capability
        worst = int(np.argmax(d))
        rank_c = np.argsort(np.argsort(cap)).astype(float)
        rank_d = np.argsort(np.argsort(d)).astype(float)
        spread_c, spread_d = rank_c.std(), rank_d.std()
        corr = float(np.corrcoef(rank_c, rank_d)[0, 1]) if spread_c > 0 and spread_d > 0 else 0.0
        return {
            "max_distance": float(d.max()),
            "mean_distance": float(d.mean()),
            "capability_weighted_distance": float((cap * d).sum() / cap.sum()),
            "spread": float(d.max() - d.min()),
            "farthest_actor": self.spec.actors[worst],
            "capability_distance_rank_correlation": corr,
        }

    def moves(self) -> list[dict[str, Any]]:
        """Every move: step, actor, issue, whom it moved toward, from and to (issue scale)."""
        rows = []
        t, i, k = np.nonzero(self.toward >= 0)
        for step, actor, issue in zip(t.tolist(), i.tolist(), k.tolist(), strict=True):
            before, after = self.trajectory[step, actor, issue], self.trajectory[step + 1, actor, issue]
            if before == after:
                continue
            rows.append(
                {
                    "step": step + 1,
                    "actor": self.spec.actors[actor],
                    "issue": self.spec.issues[issue],
                    "toward": self.spec.actors[int(self.toward[step, actor, issue])],
                    "from": float(before),
                    "to": float(after),
                }
            )
        return rows

    # -- exports ---------------------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """One row per actor: capability, ideal and final position per issue, distance to the outcome,
        distance moved."""
        import pandas as pd

        data: dict[str, Any] = {"actor": list(self.spec.actors), "capability": self.spec.capability}
        for k, issue in enumerate(self.spec.issues):
            data[f"ideal:{issue}"] = self.spec.position[:, k]
            data[f"final:{issue}"] = self.final[:, k]
        data["distance"] = self.distance
        data["moved"] = self.moved
        return pd.DataFrame(data)

    def trajectory_frame(self) -> pd.DataFrame:
        """Long table of the trajectory: step, actor, issue, position."""
        import pandas as pd

        t, n, d = self.trajectory.shape
        return pd.DataFrame(
            {
                "step": np.repeat(np.arange(t), n * d),
                "actor": np.tile(np.repeat(np.asarray(self.spec.actors, dtype=object), d), t),
                "issue": np.tile(np.asarray(self.spec.issues, dtype=object), t * n),
                "position": self.trajectory.reshape(-1),
            }
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary (field order is part of the documented output)."""
        issues = self.spec.issues
        return {
            "model": self.model,
            "forum": self.spec.name,
            "steps": self.steps,
            "converged": self.converged,
            "outcome": {issue: float(v) for issue, v in zip(issues, self.outcome, strict=True)},
            "consideration": self.consideration(),
            "actors": [
                {
                    "actor": actor,
                    "name": self.spec.actor_names[i],
                    "capability": float(self.spec.capability[i]),
                    "ideal": {k: float(v) for k, v in zip(issues, self.spec.position[i], strict=True)},
                    "final": {k: float(v) for k, v in zip(issues, self.final[i], strict=True)},
                    "distance": float(self.distance[i]),
                    "moved": float(self.moved[i]),
                }
                for i, actor in enumerate(self.spec.actors)
            ],
            "moves": self.moves(),
            "trajectory": self.trajectory.tolist(),
            "options": dict(self.options),
            "details": {key: np.asarray(v).tolist() for key, v in self.details.items()},
            "seed": self.seed,
        }
