"""What a principle check returns: findings with their evidence.

A :class:`Finding` names the principle, the elements involved (state codes, organisation and agreement ids,
dispute ids), a severity, the numbers behind it and one sentence on how to read it. Wording is neutral: a
finding describes what the modelled architecture contains, not whether a side is right.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from secarch.errors import InputError

__all__ = ["Finding", "Severity", "evidence_cell", "split_evidence"]


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


def split_evidence(evidence: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[Mapping[str, Any]]]]:
    """The evidence as (plain items, tables): a non-empty list of mappings is a table, one row per mapping,
    which a Markdown or HTML rendering shows as a table rather than inline.

    >>> split_evidence({"threshold": 0.001, "elements": [{"element": "a", "class": "neutral"}]})[1]
    {'elements': [{'element': 'a', 'class': 'neutral'}]}
    """
    plain: dict[str, Any] = {}
    tables: dict[str, list[Mapping[str, Any]]] = {}
    for key, value in evidence.items():
        sequence = isinstance(value, Sequence) and not isinstance(value, str)
        if sequence and value and all(isinstance(row, Mapping) for row in value):
            tables[key] = list(value)
        else:
            plain[key] = value
    return plain, tables


def evidence_cell(value: Any, limit: int = 6) -> str:
    """One value of an evidence table as short text: numbers to 4 significant digits, at most ``limit``
    items of a list or mapping (then "and N more"; the JSON output has them all).

    >>> evidence_cell({"MEX": -0.0123456, "COL": -0.002}, limit=1)
    'MEX -0.01235 and 1 more'
    >>> evidence_cell([])
    '—'
    """
    if isinstance(value, bool) or value is None:
        return "—" if value is None else str(value).lower()
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, Mapping):
        items = [f"{k} {evidence_cell(v)}" for k, v in list(value.items())[:limit]]
    elif isinstance(value, Sequence) and not isinstance(value, str):
        items = [evidence_cell(v) for v in list(value)[:limit]]
    else:
        return str(value)
    if not items:
        return "—"
    more = len(value) - len(items)
    return ", ".join(items) + (f" and {more} more" if more else "")
