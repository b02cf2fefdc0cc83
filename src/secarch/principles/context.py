"""What a principle check is given: the architecture, its snapshot on one date, and optional inputs from
other engines (capabilities, the security model's scores and zero-sum classification).

The optional inputs are *hooks*: a check that can use them says so in its docstring, uses them when they
are given, and otherwise records in the report's notes what it could not evaluate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from numpy.typing import NDArray

from secarch.errors import InputError

if TYPE_CHECKING:
    from secarch.model import Architecture, Snapshot
    from secarch.negotiation import NegotiationResult

__all__ = [
    "CheckContext",
    "ElementEffectLike",
    "NegotiationProvider",
    "SecurityScorer",
    "ZeroSumProvider",
    "forum_negotiation",
]


class ElementEffectLike(Protocol):
    """The leave-one-out effect of one element, as the security model reports it
    (``secarch.security.classify.ElementEffect`` has this shape; its module docstring defines the classes).
    """

    element: str
    kind: str  # "agreement", "membership", "dispute" or "rivalry"
    effect_class: str  # "positive-sum", "zero-sum", "negative-sum" or "neutral"
    parties: tuple[str, ...]
    gainers: tuple[tuple[str, float], ...]
    """Every state whose security the element raises by more than ``threshold`` (parties or not)."""
    losers: tuple[tuple[str, float], ...]
    """Every state whose security the element lowers by more than ``threshold`` (parties or not)."""
    net: float
    parties_mean_change: float
    threshold: float


ZeroSumProvider = Callable[["Architecture", "Snapshot"], Iterable[ElementEffectLike]]
"""Classifies the elements of an architecture on the snapshot's date by their effect on every state."""

NegotiationProvider = Callable[["Architecture", "Snapshot"], "NegotiationResult"]
"""Runs a negotiation among the actors present in the architecture on the snapshot's date."""

SecurityScorer = Callable[["Architecture", "Snapshot"], NDArray[np.float64]]
"""Modelled security of every state of the snapshot (aligned with ``snapshot.states``), in [0, 1]."""


@dataclass(frozen=True)
class CheckContext:
    """Everything a check may read. Build it with :func:`secarch.principles.run_checks`."""

    architecture: Architecture
    snapshot: Snapshot
    capabilities: NDArray[np.float64] | None = None
    """(n,) capability (e.g. CINC) of each state of the snapshot; NaN where unknown; None if unavailable."""
    zero_sum: ZeroSumProvider | None = None
    security: SecurityScorer | None = None
    negotiation: NegotiationProvider | None = None
    parameters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Overrides of check parameters: ``{"guarantee_credibility": {"threshold": 0.4}}``."""

    def param(self, check: str, name: str, default: Any) -> Any:
        """The value of parameter ``name`` of ``check``: the override if given, else ``default``."""
        given = self.parameters.get(check, {})
        if name not in given:
            return default
        value = given[name]
        if isinstance(default, float | int) and not isinstance(default, bool):
            try:
                return type(default)(value)
            except (TypeError, ValueError):
                raise InputError.single(
                    f"parameter {check}.{name} is {value!r}", field=f"{check}.{name}", expected="a number"
                ) from None
        return value

    @property
    def region_mask(self) -> NDArray[np.bool_]:
        mask: NDArray[np.bool_] = np.asarray(self.snapshot.in_region, dtype=bool)
        return mask


def forum_negotiation(forum: str = "rules-of-coexistence", model: str = "smp") -> NegotiationProvider:
    """A negotiation hook: run ``forum`` (a file or bundled name) with ``model`` among the actors present in
    the architecture on the snapshot's date, organisations weighted by their members there (see
    :func:`secarch.negotiation.forum.forum_for_snapshot`)."""
    from secarch.negotiation import negotiate
    from secarch.negotiation.forum import forum_for_snapshot, forum_to_spec, load_forum

    loaded = load_forum(forum)

    def run(architecture: Architecture, snapshot: Snapshot) -> NegotiationResult:
        present = forum_for_snapshot(loaded, snapshot)
        if len(present.actors) < 2:
            raise InputError.single(
                f"fewer than two actors of forum {loaded.name!r} take part in {architecture.name!r}",
                field="forum",
                hint="choose a forum whose actors are participants or organisations of the architecture",
            )
        return negotiate(forum_to_spec(present), model)

    return run
