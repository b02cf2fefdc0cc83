"""The registry of principle checks and the function that runs them.

Each check lives in its own module of :mod:`secarch.principles` and registers itself with
:func:`register`. :func:`run_checks` slices an architecture at a date and runs the checks the caller (or
the architecture's ``principles`` list) names.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import math
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

__all__ = ["CHECK_MODULES", "Check", "CheckReport", "checks", "register", "run_checks", "validate_parameters"]

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

UNIT = (0.0, 1.0)
"""The range of a parameter that is a share, a credibility, a Gini coefficient, a distance or a change in
security."""


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
    bounds: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    """Closed range of a numeric parameter where it has one (a share, a credibility, a Gini coefficient or a
    change in security lies in [0, 1]); every numeric parameter must be finite."""
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The admissible items of a list parameter (given as a list or as a comma-separated string)."""

    def setting(self, name: str, value: Any) -> Any:
        """``value`` checked and converted to the type of parameter ``name``'s default, or an InputError
        naming the parameter, what it accepts and, for an unknown name, the nearest known one.

        >>> checks()["guarantee_credibility"].setting("threshold", "0.4")
        0.4
        """
        where = f"{self.name}.{name}"
        if name not in self.parameters:
            known = list(self.parameters)
            close = difflib.get_close_matches(name, known, n=1)
            raise InputError.single(
                f"check {self.name} has no parameter {name!r}",
                field=where,
                expected="one of " + ", ".join(known) if known else "no parameter: this check has none",
                hint=f"did you mean {self.name}.{close[0]}?"
                if close
                else "`secarch check --list` lists them",
            )
        default = self.parameters[name]
        if name in self.choices:
            return _items(where, value, self.choices[name])
        if isinstance(default, bool) or not isinstance(default, int | float):
            return value
        try:
            number = type(default)(value)
        except (TypeError, ValueError):
            number = None
        low, high = self.bounds.get(name, (-math.inf, math.inf))
        if (
            number is None
            or isinstance(value, bool)
            or not math.isfinite(number)
            or not low <= number <= high
        ):
            kind = "whole number" if isinstance(default, int) else "number"
            span = f" between {low:g} and {high:g}" if name in self.bounds else ""
            raise InputError.single(
                f"parameter {where} is {value!r}",
                field=where,
                expected=f"a finite {kind}{span} (default {default})",
                hint="the check's module docstring (docs/principles.md) says what the parameter means",
            )
        return number


def _items(where: str, value: Any, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """A list parameter: a comma-separated string or a sequence of strings, each one of ``allowed``."""
    parts = value.split(",") if isinstance(value, str) else value
    try:
        items = tuple(str(part).strip() for part in parts)
    except TypeError:
        items = ()
    for item in items:
        if item not in allowed:
            close = difflib.get_close_matches(item, allowed, n=1)
            raise InputError.single(
                f"parameter {where}: unknown item {item!r}",
                field=where,
                expected="a comma-separated list of " + ", ".join(allowed),
                hint=f"did you mean {close[0]}?" if close else None,
            )
    if not items or "" in items:
        raise InputError.single(
            f"parameter {where} is {value!r}",
            field=where,
            expected="a comma-separated list of " + ", ".join(allowed),
        )
    return items


_REGISTRY: dict[str, Check] = {}


def register(
    name: str,
    title: str,
    statement: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    bounds: Mapping[str, tuple[float, float]] | None = None,
    choices: Mapping[str, tuple[str, ...]] | None = None,
) -> Callable[[CheckFunction], CheckFunction]:
    """Decorator that registers a check function under ``name``, with its parameters' defaults and, where
    they have one, their ranges (``bounds``) and admissible items (``choices``)."""

    def decorate(function: CheckFunction) -> CheckFunction:
        _REGISTRY[name] = Check(
            name, title, statement, function, dict(parameters or {}), dict(bounds or {}), dict(choices or {})
        )
        return function

    return decorate


def validate_parameters(parameters: Mapping[str, Mapping[str, Any]] | None) -> dict[str, dict[str, Any]]:
    """Overrides ``{check: {name: value}}`` checked against the registry and converted: an unknown check or
    parameter, a value of the wrong type or out of its range is an InputError (with the nearest name)."""
    available = checks()
    result: dict[str, dict[str, Any]] = {}
    for name, given in (parameters or {}).items():
        check = available.get(name)
        if check is None:
            close = difflib.get_close_matches(name, list(available), n=1)
            first = next(iter(given), "NAME") if isinstance(given, Mapping) else "NAME"
            raise InputError.single(
                f"parameter of an unknown principle check {name!r}",
                field=f"{name}.{first}",
                expected="CHECK.NAME with CHECK one of " + ", ".join(available),
                hint=f"did you mean {close[0]}?" if close else "`secarch check --list` lists the checks",
            )
        if not isinstance(given, Mapping):
            raise InputError.single(
                f"parameters of {name} are {given!r}",
                field=name,
                expected="a mapping of parameter names to values",
            )
        result[name] = {key: check.setting(key, value) for key, value in given.items()}
    return result


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
    parameters : overrides of check parameters, ``{check: {name: value}}``; unknown checks or names and
        values out of range are an InputError (see :func:`validate_parameters`).
    """
    settings = validate_parameters(parameters)
    snapshot = architecture.at(when)
    names = _resolve_names(principles, architecture)
    context = CheckContext(
        architecture=architecture,
        snapshot=snapshot,
        capabilities=_align_capabilities(capabilities, snapshot.states),
        zero_sum=zero_sum,
        security=security,
        negotiation=negotiation,
        parameters=settings,
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
