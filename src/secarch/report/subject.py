"""What every section receives: one architecture sliced on the assessed date, with shared inputs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from secarch.report.options import ReportOptions

if TYPE_CHECKING:
    from secarch.model import Architecture, Snapshot

__all__ = ["Subject"]


@dataclass(eq=False)
class Subject:
    """One architecture to assess, with what several sections share (computed once, on first use)."""

    architecture: Architecture
    source: str
    """How the user named it: a file path or a bundled name."""
    date: dt.date
    options: ReportOptions
    cache: dict[str, Any] = field(default_factory=dict)
    """Results other sections may reuse within one report (e.g. the negotiation run)."""
    sections: frozenset[str] = frozenset()
    """The ids of the sections in this report: a section uses another engine's hooks only when that engine's
    section is in the report too, so that each section shows what the report shows elsewhere."""

    @property
    def name(self) -> str:
        return self.architecture.name

    @cached_property
    def snapshot(self) -> Snapshot:
        return self.architecture.at(self.date)

    @cached_property
    def capabilities(self) -> NDArray[np.float64] | None:
        """CINC capability of each state of the snapshot (NaN where unknown), or None if this installation
        has no capability table."""
        from secarch.metrics.snapshot import default_capabilities

        lookup = default_capabilities()
        if lookup is None:
            return None
        return np.asarray(lookup(self.snapshot.states, self.date.year), dtype=float)

    def negotiation(self) -> Any:
        """The bundled (or chosen) negotiation forum run among the actors present in this architecture on the
        date (:func:`secarch.principles.forum_negotiation`), computed once and shared by the negotiation
        section and the mutual-consideration check. Options: ``parameters["negotiation"]["forum"]`` and
        ``["model"]``. Raises :class:`~secarch.errors.InputError` when fewer than two actors take part."""
        if "negotiation" not in self.cache:
            from secarch.principles import forum_negotiation

            run = forum_negotiation(self.negotiation_forum, self.negotiation_model)
            try:
                self.cache["negotiation"] = run(self.architecture, self.snapshot)
            except Exception as error:
                self.cache["negotiation"] = error
        result = self.cache["negotiation"]
        if isinstance(result, Exception):
            raise result
        return result

    @property
    def negotiation_forum(self) -> str:
        return str(self.options.param("negotiation", "forum", "rules-of-coexistence"))

    @property
    def negotiation_model(self) -> str:
        return str(self.options.param("negotiation", "model", "smp"))

    def seed_for(self, section: str) -> np.random.SeedSequence:
        """The seed of one section: the same for every architecture of a report (common random numbers make
        differences between architectures come from the architectures, not from sampling noise)."""
        key = int.from_bytes(section.encode()[:8].ljust(8, b"\0"), "little")
        return np.random.SeedSequence(self.options.seed, spawn_key=(key,))
