"""Who gains and who loses from each element: positive-sum, zero-sum and negative-sum elements.

The effect of an element is its leave-one-out contribution: every state's security in the architecture
minus its security with the element removed (:meth:`WhatIfEngine.leave_one_out`). With Δ_i the change of
state i, P the element's parties (an agreement's parties and beneficiaries, a membership's member and its
organisation's members, a dispute's sides) and a threshold τ:

- *gainers* are the states with Δ_i > τ, *losers* those with Δ_i < −τ; losers outside P are *non-party
  losers*, losers in P *party losers*;
- the parties *gain* when their mean change exceeds τ: mean_{i ∈ P} Δ_i > τ.

The classes, taken in this order:

1. **neutral**: no state's security moves by more than τ;
2. **zero-sum**: the parties gain while some non-party state loses (Δ_i < −τ for some i ∉ P): security
   of some at the expense of others, the formal counterpart of the principle of indivisible security;
3. **positive-sum**: no state loses, or the changes sum to a positive total (Σ_i Δ_i > 0);
4. **negative-sum**: some state loses and the changes sum to zero or less.

Why the mean: "its parties gain" is read for the parties as a group, so that one party's small loss does
not take an element whose other parties gain and whose outsiders lose out of the zero-sum class (and one
party's gain does not put into it an element that costs its other parties more). The parties that lose are
reported apart from the non-parties that lose (:attr:`ElementEffect.party_losers`).

The default τ = 0.001 (a tenth of a percentage point of security) is well above numerical noise (1e-12)
and below the changes agreements between major powers produce (of the order of 0.01); it is a judgement,
not an estimate: change it with ``threshold=`` (a finite number in [0, 1]).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from secarch.errors import InputError
from secarch.security.whatif import WhatIfEngine

FloatArray = npt.NDArray[np.float64]
EffectClass = Literal["positive-sum", "zero-sum", "negative-sum", "neutral"]

#: Smallest change in security counted as a gain or a loss.
DEFAULT_THRESHOLD = 0.001


def check_threshold(threshold: Any, field: str = "threshold") -> float:
    """``threshold`` as a float, or an InputError unless it is a finite number in [0, 1].

    Security lies in [0, 1], so a change larger than 1 cannot occur: a threshold above 1 is a mistake.

    >>> check_threshold(0.002)
    0.002
    """
    try:
        value = float(threshold)
    except (TypeError, ValueError):
        value = math.nan
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        raise InputError.single(
            f"classification threshold {threshold!r} is not a finite number between 0 and 1",
            field=field,
            expected="a change in security between 0 and 1, e.g. 0.001 (the default)",
            hint="the threshold is the smallest change in a state's security counted as a gain or a loss",
        )
    return value


@dataclass(frozen=True)
class ElementEffect:
    """The leave-one-out effect of one element on every state.

    ``gainers`` and ``losers`` are (state, change) pairs of every state beyond the threshold (parties and
    non-parties), largest change first; ``net`` is the sum of the changes over all states;
    ``parties_mean_change`` the mean change of the parties (0 without parties).
    """

    element: str
    kind: str
    effect_class: EffectClass
    parties: tuple[str, ...]
    gainers: tuple[tuple[str, float], ...]
    losers: tuple[tuple[str, float], ...]
    net: float
    label: str = ""
    parties_mean_change: float = 0.0
    threshold: float = DEFAULT_THRESHOLD

    @property
    def party_losers(self) -> tuple[tuple[str, float], ...]:
        """The losers that are parties of the element."""
        parties = set(self.parties)
        return tuple(pair for pair in self.losers if pair[0] in parties)

    @property
    def non_party_losers(self) -> tuple[tuple[str, float], ...]:
        """The losers that are not parties: those at whose expense a zero-sum element works."""
        parties = set(self.parties)
        return tuple(pair for pair in self.losers if pair[0] not in parties)

    def as_dict(self) -> dict[str, Any]:
        return {
            "element": self.element,
            "kind": self.kind,
            "class": self.effect_class,
            "parties": list(self.parties),
            "parties_mean_change": self.parties_mean_change,
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
        """One row per element: id, kind, class, the parties' number and mean change, the numbers of gainers,
        losers and party losers, the net change and the largest loss."""
        import pandas as pd

        return pd.DataFrame(
            {
                "element": [e.element for e in self.effects],
                "kind": [e.kind for e in self.effects],
                "class": [e.effect_class for e in self.effects],
                "parties": [len(e.parties) for e in self.effects],
                "parties_mean_change": [e.parties_mean_change for e in self.effects],
                "gainers": [len(e.gainers) for e in self.effects],
                "losers": [len(e.losers) for e in self.effects],
                "party_losers": [len(e.party_losers) for e in self.effects],
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
    change: npt.ArrayLike, parties: npt.ArrayLike, threshold: float = DEFAULT_THRESHOLD
) -> EffectClass:
    """The class of an element from its effect ``change`` on every state and the indices of its
    ``parties`` (see the module docstring for the rule).

    >>> classify_change(np.array([0.02, 0.01, -0.005]), [0, 1])
    'zero-sum'
    >>> classify_change(np.array([0.02, 0.0, 0.0]), [0])
    'positive-sum'
    >>> classify_change(np.array([-0.0001, 0.0, -0.02]), [0, 1])
    'negative-sum'
    >>> classify_change(np.array([0.004, -0.006, -0.002]), [0, 1])  # one party gains, the parties do not
    'negative-sum'
    """
    delta = np.asarray(change, dtype=float)
    party_ix = np.unique(np.asarray(parties, dtype=np.int64))
    losses = delta < -threshold
    if not losses.any():
        return "positive-sum" if (delta > threshold).any() else "neutral"
    outside = np.ones(delta.shape, dtype=bool)
    outside[party_ix] = False
    parties_gain = party_ix.size > 0 and float(delta[party_ix].mean()) > threshold
    if parties_gain and bool((losses & outside).any()):
        return "zero-sum"
    return "positive-sum" if float(delta.sum()) > 0.0 else "negative-sum"


def classify_elements(
    engine: WhatIfEngine,
    element_ids: Sequence[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> Classification:
    """Classify elements (default: all) by their leave-one-out effect, computed incrementally.

    Returns per element its class, the gainers and the losers with the amounts (changes in security).
    ``threshold`` must be a finite number in [0, 1] (an InputError otherwise).
    """
    threshold = check_threshold(threshold)
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
                parties_mean_change=float(change[parties].mean()) if parties.size else 0.0,
                threshold=threshold,
            )
        )
    return Classification(states, engine.geography.year, threshold, tuple(effects), changes)
