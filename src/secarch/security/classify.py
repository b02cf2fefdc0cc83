"""Who gains and who loses from each element: positive-sum, zero-sum and negative-sum elements.

The effect of an element is its leave-one-out contribution: every state's security in the architecture
minus its security with the element removed (:meth:`WhatIfEngine.leave_one_out`). With a threshold τ:

- *gainers* are the states whose security the element raises by more than τ, *losers* those it lowers by
  more than τ;
- **positive-sum**: some state gains and none loses;
- **zero-sum**: some of the element's parties gain while some state loses: security of some at the expense
  of others (the formal counterpart of the principle of indivisible security);
- **negative-sum**: some state loses and none of its parties gains;
- **neutral**: no state's security moves by more than τ.

The default τ = 0.001 (a tenth of a percentage point of security) is well above numerical noise (1e-12)
and below the changes agreements between major powers produce (of the order of 0.01); it is a judgement,
not an estimate: change it with ``threshold=``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from secarch.security.whatif import WhatIfEngine

FloatArray = npt.NDArray[np.float64]
EffectClass = Literal["positive-sum", "zero-sum", "negative-sum", "neutral"]

#: Smallest change in security counted as a gain or a loss.
DEFAULT_THRESHOLD = 0.001


@dataclass(frozen=True)
class ElementEffect:
    """The leave-one-out effect of one element on every state.

    ``gainers`` and ``losers`` are (state, change) pairs, largest change first; ``net`` is the sum of the
    changes over all states.
    """

    element: str
    kind: str
    effect_class: EffectClass
    parties: tuple[str, ...]
    gainers: tuple[tuple[str, float], ...]
    losers: tuple[tuple[str, float], ...]
    net: float
    label: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "element": self.element,
            "kind": self.kind,
            "class": self.effect_class,
            "parties": list(self.parties),
            "gainers": [{"state": s, "change": v} for s, v in self.gainers],
            "losers": [{"state": s, "change": v} for s, v in self.losers],
            "net": self.net,
        }


@dataclass(frozen=True)
class Classification:
    """Every element's class, with the full matrix of changes (elements × states)."""

    states: tuple[str, ...]
    year: int
    threshold: float
    effects: tuple[ElementEffect, ...]
    changes: FloatArray = field(repr=False)

    def by_id(self) -> dict[str, ElementEffect]:
        return {e.element: e for e in self.effects}

    def to_frame(self) -> Any:
        """One row per element: id, kind, class, gainers, losers, net change, largest loss."""
        import pandas as pd

        return pd.DataFrame(
            {
                "element": [e.element for e in self.effects],
                "kind": [e.kind for e in self.effects],
                "class": [e.effect_class for e in self.effects],
                "gainers": [len(e.gainers) for e in self.effects],
                "losers": [len(e.losers) for e in self.effects],
                "net": [e.net for e in self.effects],
                "largest_loss": [e.losers[0][1] if e.losers else 0.0 for e in self.effects],
                "largest_loser": [e.losers[0][0] if e.losers else "" for e in self.effects],
            }
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "threshold": self.threshold,
            "elements": [e.as_dict() for e in self.effects],
        }


def classify_change(
    change: FloatArray, parties: npt.ArrayLike, threshold: float = DEFAULT_THRESHOLD
) -> EffectClass:
    """The class of an element from its effect ``change`` on every state (see the module docstring).

    >>> classify_change(np.array([0.02, 0.01, -0.005]), [0, 1])
    'zero-sum'
    >>> classify_change(np.array([0.02, 0.0, 0.0]), [0])
    'positive-sum'
    >>> classify_change(np.array([-0.0001, 0.0, -0.02]), [0, 1])
    'negative-sum'
    """
    party_ix = np.asarray(parties, dtype=np.int64)
    gains = change > threshold
    losses = change < -threshold
    if not losses.any():
        return "positive-sum" if gains.any() else "neutral"
    if party_ix.size and gains[party_ix].any():
        return "zero-sum"
    return "negative-sum"


def classify_elements(
    engine: WhatIfEngine,
    element_ids: Sequence[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Classification:
    """Classify elements (default: all) by their leave-one-out effect, computed incrementally.

    Returns per element its class, the gainers and the losers with the amounts (changes in security).
    """
    if not threshold >= 0:
        raise ValueError(f"threshold must be >= 0, got {threshold}")
    ids = engine.table.ids if element_ids is None else tuple(element_ids)
    without = engine.leave_one_out(ids)
    changes = engine.base.security[None, :] - without
    states = engine.geography.states
    effects = []
    for k, element_id in enumerate(ids):
        position = engine.table.position(element_id)
        element = engine.table.elements[position]
        parties = engine.table.parties[position]
        change = changes[k]
        up = np.flatnonzero(change > threshold)
        down = np.flatnonzero(change < -threshold)
        up = up[np.argsort(-change[up], kind="stable")]
        down = down[np.argsort(change[down], kind="stable")]
        effects.append(
            ElementEffect(
                element=element_id,
                kind=element.kind,
                effect_class=classify_change(change, parties, threshold),
                parties=tuple(states[i] for i in parties),
                gainers=tuple((states[i], float(change[i])) for i in up),
                losers=tuple((states[i], float(change[i])) for i in down),
                net=float(change.sum()),
                label=element.label,
            )
        )
    return Classification(states, engine.geography.year, threshold, tuple(effects), changes)
