"""The input every negotiation engine takes: actors, issues, capabilities, positions and saliences as arrays.

A :class:`NegotiationSpec` is the thin, array-shaped view of a negotiation forum (see
:mod:`secarch.model.forum`) or of a KTAB scenario file (see :mod:`secarch.negotiation.ktab_csv`). Engines
never see YAML or CSV; adapters build a spec and the engines work on its arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from secarch.errors import InputError

FloatArray = npt.NDArray[np.float64]


def _frozen(values: npt.ArrayLike, shape: tuple[int, ...], what: str) -> FloatArray:
    array = np.array(values, dtype=np.float64)
    if array.shape != shape:
        raise InputError.single(f"{what} has shape {array.shape}", field=what, expected=f"shape {shape}")
    if not np.all(np.isfinite(array)):
        raise InputError.single(f"{what} holds a value that is not a finite number", field=what)
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class NegotiationSpec:
    """Actors, issues and their data, in the units the user wrote them.

    Attributes:
        actors: actor identifiers, one per row.
        issues: issue identifiers, one per column.
        capability: ``(n,)`` capabilities (any positive unit; only ratios matter).
        position: ``(n, D)`` positions on each issue's own scale.
        salience: ``(n, D)`` saliences in ``[0, 1]``.
        scale: ``(D, 2)`` lower and upper end of each issue's scale (KTAB files: 0 and 100).
        name, description: free text carried into results.
        actor_names: human-readable names (defaults to the identifiers).

    Example:
        >>> spec = NegotiationSpec.from_arrays(["A", "B"], ["x"], [1, 2], [[0], [100]], [[1], [0.5]])
        >>> spec.n_actors, spec.n_issues
        (2, 1)
    """

    actors: tuple[str, ...]
    issues: tuple[str, ...]
    capability: FloatArray
    position: FloatArray
    salience: FloatArray
    scale: FloatArray
    name: str = "negotiation"
    description: str = ""
    actor_names: tuple[str, ...] = field(default=())

    @classmethod
    def from_arrays(
        cls,
        actors: Sequence[str],
        issues: Sequence[str],
        capability: npt.ArrayLike,
        position: npt.ArrayLike,
        salience: npt.ArrayLike,
        scale: npt.ArrayLike | None = None,
        *,
        name: str = "negotiation",
        description: str = "",
        actor_names: Sequence[str] = (),
    ) -> NegotiationSpec:
        """Build and validate a spec; ``scale`` defaults to 0–100 on every issue."""
        n, d = len(actors), len(issues)
        if scale is None:
            scale = np.tile([0.0, 100.0], (d, 1))
        return cls(
            actors=tuple(actors),
            issues=tuple(issues),
            capability=_frozen(capability, (n,), "capability"),
            position=_frozen(position, (n, d), "position"),
            salience=_frozen(salience, (n, d), "salience"),
            scale=_frozen(scale, (d, 2), "scale"),
            name=name,
            description=description,
            actor_names=tuple(actor_names) if actor_names else tuple(actors),
        )

    def __post_init__(self) -> None:
        n, d = len(self.actors), len(self.issues)
        if n < 2:
            raise InputError.single(
                f"a negotiation needs at least two actors, got {n}", field="actors", expected=">= 2 actors"
            )
        if d < 1:
            raise InputError.single("a negotiation needs at least one issue", field="issues")
        for what, names in (("actors", self.actors), ("issues", self.issues)):
            seen: set[str] = set()
            for item in names:
                if item in seen:
                    raise InputError.single(f"{item!r} appears twice", field=what, expected="unique names")
                seen.add(item)
        if not self.actor_names:
            object.__setattr__(self, "actor_names", self.actors)
        if np.any(self.capability <= 0):
            bad = self.actors[int(np.argmin(self.capability))]
            raise InputError.single(
                f"actor {bad!r} has a capability that is not positive",
                field="capability",
                expected="a number > 0",
            )
        if np.any(self.scale[:, 1] <= self.scale[:, 0]):
            raise InputError.single("an issue's scale is empty", field="scale", expected="lower < upper")
        low, high = self.scale[:, 0], self.scale[:, 1]
        outside = (self.position < low - 1e-9) | (self.position > high + 1e-9)
        if np.any(outside):
            i, k = np.argwhere(outside)[0]
            raise InputError.single(
                f"position {self.position[i, k]:g} of {self.actors[i]!r} on {self.issues[k]!r} is off scale",
                field=f"position[{self.actors[i]}][{self.issues[k]}]",
                expected=f"a number from {low[k]:g} to {high[k]:g}",
            )
        if np.any((self.salience < 0) | (self.salience > 1)):
            i, k = np.argwhere((self.salience < 0) | (self.salience > 1))[0]
            raise InputError.single(
                f"salience {self.salience[i, k]:g} of {self.actors[i]!r} on {self.issues[k]!r} is off range",
                field=f"salience[{self.actors[i]}][{self.issues[k]}]",
                expected="a number from 0 to 1",
            )
        if np.any(self.salience.sum(axis=1) <= 0):
            i = int(np.argmin(self.salience.sum(axis=1)))
            raise InputError.single(
                f"actor {self.actors[i]!r} has zero salience on every issue",
                field="salience",
                hint="an actor that cares about no issue takes no part; remove it or give it a salience",
            )

    @property
    def n_actors(self) -> int:
        return len(self.actors)

    @property
    def n_issues(self) -> int:
        return len(self.issues)

    def unit_position(self) -> FloatArray:
        """Positions rescaled to ``[0, 1]`` per issue: ``(x - lower) / (upper - lower)``."""
        low, high = self.scale[:, 0], self.scale[:, 1]
        return np.asarray((self.position - low) / (high - low), dtype=np.float64)

    def from_unit(self, unit: npt.ArrayLike) -> FloatArray:
        """Map positions on ``[0, 1]`` back to each issue's scale (the inverse of :meth:`unit_position`)."""
        low, high = self.scale[:, 0], self.scale[:, 1]
        return np.asarray(low + np.asarray(unit, dtype=np.float64) * (high - low), dtype=np.float64)

    def subset(self, order: Sequence[int]) -> NegotiationSpec:
        """The same negotiation with the actors in another order (or a subset of them)."""
        index = np.asarray(order, dtype=int)
        return NegotiationSpec.from_arrays(
            [self.actors[i] for i in index],
            self.issues,
            self.capability[index],
            self.position[index],
            self.salience[index],
            self.scale,
            name=self.name,
            description=self.description,
            actor_names=[self.actor_names[i] for i in index],
        )
