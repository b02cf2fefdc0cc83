"""Options of an assessment or comparison report, with their defaults."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["DEFAULT_SEED", "ReportOptions"]

DEFAULT_SEED = 20240614
"""Default seed of the stochastic sections (any fixed integer serves; this one is the date of the 2024
statement the bundled proposal follows). Recorded in every report."""


@dataclass(frozen=True)
class ReportOptions:
    """What a report covers and with which settings.

    ``year``: the year (its 1 July) or ISO date to assess; None means each architecture's reference date.
    ``seed``: the root seed of every stochastic section; each section spawns its own child.
    ``sections``: ids of the sections to include (default: all available).
    ``parameters``: overrides per section, ``{section_id: {name: value}}``.
    """

    year: str | None = None
    seed: int = DEFAULT_SEED
    sections: tuple[str, ...] | None = None
    parameters: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sections"] = list(self.sections) if self.sections is not None else None
        return data

    def param(self, section: str, name: str, default: Any) -> Any:
        """The override of ``section``'s parameter ``name``, or ``default``."""
        return self.parameters.get(section, {}).get(name, default)
