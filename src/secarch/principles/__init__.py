"""Principle checks: each stated principle of a security architecture turned into a check that finds
something specific, with evidence.

Each check lives in its own module (see :data:`~secarch.principles.registry.CHECK_MODULES`), whose
docstring states its operationalisation and its limits. :func:`run_checks` runs them on an architecture at
a date and returns a :class:`~secarch.principles.registry.CheckReport`.
"""

from __future__ import annotations

from secarch.principles.context import (
    CheckContext,
    ElementEffectLike,
    NegotiationProvider,
    SecurityScorer,
    ZeroSumProvider,
    forum_negotiation,
)
from secarch.principles.findings import Finding, Severity
from secarch.principles.registry import (
    CHECK_MODULES,
    Check,
    CheckOutcome,
    CheckReport,
    checks,
    register,
    run_checks,
)

__all__ = [
    "CHECK_MODULES",
    "Check",
    "CheckContext",
    "CheckOutcome",
    "CheckReport",
    "ElementEffectLike",
    "Finding",
    "NegotiationProvider",
    "SecurityScorer",
    "Severity",
    "ZeroSumProvider",
    "checks",
    "forum_negotiation",
    "register",
    "run_checks",
]
