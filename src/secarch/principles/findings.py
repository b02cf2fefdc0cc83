"""What a principle check returns: findings with their evidence.

A :class:`Finding` names the principle, the elements involved (state codes, organisation and agreement ids,
dispute ids), a severity, the numbers behind it and one sentence on how to read it. Wording is neutral: a
finding describes what the modelled architecture contains, not whether a side is right.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from secarch.errors import InputError

__all__ = ["Finding", "Severity"]


class Severity(IntEnum):
    """How much a finding departs from the principle, from a remark to a clear departure.

    - ``info``: context, no departure (e.g. a count that other findings rely on)
    - ``low``: a small or partial departure
    - ``medium``: a departure that affects some participants
    - ``high``: a departure that affects the principle as a whole or the most exposed participants
    """

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        """The severity named ``text`` (case-insensitive), or an InputError listing the names."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(s.name.lower() for s in cls)
            raise InputError.single(
                f"unknown severity {text!r}", field="severity", expected=f"one of {names}"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Finding:
    """One finding of one principle check."""

    principle: str
    """Registry name of the check, e.g. ``"conflict_settlement"``."""
    title: str
    """A short neutral statement of what was found."""
    severity: Severity
    elements: tuple[str, ...]
    """Ids of the states, organisations, agreements or disputes involved."""
    evidence: Mapping[str, Any] = field(default_factory=dict)
    """The numbers behind the finding (JSON-ready values)."""
    reading: str = ""
    """One sentence on how to read the finding."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "principle": self.principle,
            "title": self.title,
            "severity": str(self.severity),
            "elements": list(self.elements),
            "evidence": dict(self.evidence),
            "reading": self.reading,
        }
