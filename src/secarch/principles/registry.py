"""The registry of principle checks and the function that runs them.

Each check lives in its own module of :mod:`secarch.principles` and registers itself with
:func:`register`. :func:`run_checks` slices an architecture at a date and runs the checks the caller (or
the architecture's ``principles`` list) names.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from secarch.errors import InputError
from secarch.principles.context import CheckContext, NegotiationProvider, SecurityScorer, ZeroSumProvider
from secarch.principles.findings import Finding, Severity

if TYPE_CHECKING:
    from secarch.model import Architecture

__all__ = ["CHECK_MODULES", "Check", "CheckReport", "checks", "register", "run_checks"]

CHECK_MODULES: tuple[str, ...] = (
    "equality",
    "indivisibility",
    "inclusiveness",
    "multipolarity",
    "network_not_hierarchy",
    "regional_ownership",
    "conflict_settlement",
    "territorial_integrity",
    "guarantee_credibility",
    "threat_agenda",
    "mutual_consideration",
)
"""The check modules, in report order; each module's name is its check's registry name."""

CheckFunction = Callable[[CheckContext], "CheckOutcome"]


@dataclass(frozen=True)
class CheckOutcome:
    """What one check returns: its findings, and notes on what it could not evaluate."""

    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Check:
    """A registered principle check."""

    name: str
    title: str
    statement: str
    """The principle as its proponents state it, attributed ("according to the 2024 statements …")."""
    run: CheckFunction
    parameters: Mapping[str, Any] = field(default_factory=dict)
    """Default parameter values (each documented, with its rationale, in the check's module)."""


_REGISTRY: dict[str, Check] = {}


def register(
    name: str, title: str, statement: str, parameters: Mapping[str, Any] | None = None
) -> Callable[[CheckFunction], CheckFunction]:
    """Decorator that registers a check function under ``name``."""

    def decorate(function: CheckFunction) -> CheckFunction:
        _REGISTRY[name] = Check(name, title, statement, function, dict(parameters or {}))
        return function

    return decorate


def checks() -> dict[str, Check]:
    """Every registered check, in report order."""
    for module in CHECK_MODULES:
        importlib.import_module(f"secarch.principles.{module}")
    return {name: _REGISTRY[name] for name in CHECK_MODULES if name in _REGISTRY}


@dataclass(frozen=True)
class CheckReport:
    """The findings of the checks run on one architecture at one date."""

    architecture: str
    date: dt.date
    principles: tuple[str, ...]
    findings: tuple[Finding, ...]
    notes: Mapping[str, tuple[str, ...]]

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def reaches(self, severity: Severity) -> bool:
        """Whether some finding is at least as severe as ``severity``."""
        return any(f.severity >= severity for f in self.findings)

    def as_dict(self) -> dict[str, Any]:
        return {
            "architecture": self.architecture,
            "date": self.date.isoformat(),
            "principles": list(self.principles),
            "findings": [f.as_dict() for f in self.findings],
            "notes": {name: list(notes) for name, notes in self.notes.items() if notes},
        }


def _resolve_names(requested: Sequence[str] | None, architecture: Architecture) -> tuple[str, ...]:
    available = checks()
    names = list(requested or architecture.principles or available)
    unknown = [name for name in names if name not in available]
    if unknown:
        close = difflib.get_close_matches(unknown[0], list(available), n=1)
        raise InputError.single(
            f"unknown principle check {unknown[0]!r}",
            field="principle",
            expected="one of " + ", ".join(available),
            hint=f"did you mean {close[0]}?" if close else "run `secarch check --list`",
        )
    return tuple(dict.fromkeys(names))


def run_checks(
    architecture: Architecture,
    when: dt.date | int | str | None = None,
    *,
    principles: Sequence[str] | None = None,
    capabilities: Mapping[str, float] | ArrayLike | None = None,
    zero_sum: ZeroSumProvider | None = None,
    security: SecurityScorer | None = None,
    negotiation: NegotiationProvider | None = None,
    parameters: Mapping[str, Mapping[str, Any]] | None = None,
) -> CheckReport:
    """Run principle checks on ``architecture`` at ``when`` (default: its reference date).

    Parameters
    ----------
    principles : names of the checks to run; default the architecture's ``principles``, or all.
    capabilities : capability of each state, as a mapping ISO3 → value or an array aligned with the
        snapshot's states (unknown states NaN). Used by equality and multipolarity.
    zero_sum, security : hooks into the security model (see :mod:`secarch.principles.context`).
    negotiation : hook that runs a negotiation forum in the architecture (mutual consideration check);
        :func:`secarch.principles.context.forum_negotiation` builds one.
    parameters : overrides of check parameters, ``{check: {name: value}}``.
    """
    snapshot = architecture.at(when)
    names = _resolve_names(principles, architecture)
    context = CheckContext(
        architecture=architecture,
        snapshot=snapshot,
        capabilities=_align_capabilities(capabilities, snapshot.states),
        zero_sum=zero_sum,
        security=security,
        negotiation=negotiation,
        parameters=dict(parameters or {}),
    )
    registry = checks()
    findings: list[Finding] = []
    notes: dict[str, tuple[str, ...]] = {}
    for name in names:
        outcome = registry[name].run(context)
        findings.extend(outcome.findings)
        notes[name] = outcome.notes
    return CheckReport(architecture.name, snapshot.date, names, tuple(findings), notes)


def _align_capabilities(
    capabilities: Mapping[str, float] | ArrayLike | None, states: Iterable[str]
) -> np.ndarray | None:
    codes = tuple(states)
    if capabilities is None:
        return None
    if isinstance(capabilities, Mapping):
        return np.array([float(capabilities.get(code, np.nan)) for code in codes])
    values = np.asarray(capabilities, dtype=float)
    if values.shape != (len(codes),):
        raise InputError.single(
            f"capabilities has shape {values.shape}",
            field="capabilities",
            expected=f"({len(codes)},): one value per state of the snapshot, or a mapping ISO3 → value",
        )
    return values
