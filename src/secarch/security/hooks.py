"""The security model as hooks of the principle checks (:mod:`secarch.principles.context`).

``secarch check`` (or any caller of :func:`secarch.principles.run_checks`) passes::

    run_checks(arch, year, zero_sum=secarch.security.hooks.zero_sum, security=secarch.security.hooks.security)

- ``zero_sum(architecture, snapshot)``: every element's leave-one-out effect (class, gainers, losers with
  amounts), used by the indivisibility check;
- ``security(architecture, snapshot)``: every state's modelled security, used by the equality check.

Both use the bundled data and the default parameters; the case of one architecture and date is computed
once and shared by the two hooks.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from secarch.security.adapter import SecurityCase, build_case
from secarch.security.classify import ElementEffect

if TYPE_CHECKING:
    from secarch.model import Architecture, Snapshot

_CACHE: OrderedDict[tuple[int, str, dt.date], tuple[Architecture, SecurityCase]] = OrderedDict()
_CACHE_SIZE = 8


def case_for(architecture: Architecture, on: dt.date) -> SecurityCase:
    """The security case of ``architecture`` on ``on``, cached for the hooks of one check run."""
    key = (id(architecture), architecture.name, on)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is architecture:
        _CACHE.move_to_end(key)
        return hit[1]
    case = build_case(architecture, on)
    _CACHE[key] = (architecture, case)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return case


def zero_sum(architecture: Architecture, snapshot: Snapshot) -> tuple[ElementEffect, ...]:
    """Every element of the architecture on the snapshot's date, classified by its leave-one-out effect."""
    return case_for(architecture, snapshot.date).classify().effects


def security(architecture: Architecture, snapshot: Snapshot) -> npt.NDArray[np.float64]:
    """Modelled security of every state of the snapshot, aligned with ``snapshot.states``."""
    case = case_for(architecture, snapshot.date)
    scores = case.scores()
    order = {s: k for k, s in enumerate(scores.states)}
    return np.array([scores.security[order[s]] for s in snapshot.states], dtype=float)
