"""Section parameters of a report (``--set SECTION.NAME=VALUE``, ``ReportOptions.parameters``): what each
section accepts, and the check of every group, name and value before anything is computed.

A section declares its parameters (``Section.parameters``: a function that returns :class:`Parameter`
objects, so that a section whose names come from a registry, like the findings' check parameters, lists
them when asked). :func:`validate_parameters` turns the given values into typed ones or raises
:class:`~secarch.errors.InputError` naming the parameter, what was expected and, for a typo, the nearest
name ("did you mean crisis.runs?"): an unknown section or name is never silently ignored, and a bad value
never reaches an engine.

>>> p = Parameter("runs", int, 1000, "Monte Carlo runs", low=1, high=10_000_000)
>>> p.convert("2000", "crisis")
2000
>>> p.convert("0", "crisis")
Traceback (most recent call last):
...
secarch.errors.InputError: field --set crisis.runs: crisis.runs is 0
  expected: a whole number from 1 to 10,000,000 (Monte Carlo runs)
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from secarch.errors import InputError

if TYPE_CHECKING:
    from secarch.report.registry import Section

__all__ = ["Parameter", "validate_parameters"]


@dataclass(frozen=True)
class Parameter:
    """One parameter of a section: its type, default, range or choices, and what it means.

    ``kind`` is ``int``, ``float`` or ``str``. ``low``/``high`` bound numbers (inclusive); ``choices`` lists
    the allowed strings; ``check`` validates a value further (e.g. loads a forum file) and raises
    :class:`~secarch.errors.InputError` on a problem. ``converter``, when given, does all of the conversion
    and checking instead (for parameters whose owner validates them already, like the principle checks').
    """

    name: str
    kind: type
    default: Any
    description: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] | None = None
    check: Callable[[Any], None] | None = None
    converter: Callable[[Any], Any] | None = None

    def expected(self) -> str:
        """What a value must be, in words."""
        if self.choices is not None:
            return "one of " + ", ".join(self.choices) + f" ({self.description})"
        what = {int: "a whole number", float: "a number"}.get(self.kind, "a text")
        if self.low is not None and self.high is not None:
            what += f" from {_number(self.low)} to {_number(self.high)}"
        elif self.low is not None:
            what += f" of at least {_number(self.low)}"
        elif self.high is not None:
            what += f" of at most {_number(self.high)}"
        return f"{what} ({self.description})"

    def convert(self, value: Any, section: str) -> Any:
        """``value`` (text from the command line, or a Python value) as this parameter's type, checked."""
        label = f"{section}.{self.name}"

        def bad(hint: str | None = None, shown: Any = value) -> InputError:
            return InputError.single(
                f"{label} is {shown!r}" if isinstance(shown, str) else f"{label} is {shown}",
                field=f"--set {label}",
                expected=self.expected(),
                hint=hint,
            )

        if self.converter is not None:
            try:
                return self.converter(value)
            except InputError as error:
                first = error.problems[0]
                raise InputError.single(
                    first.message, field=f"--set {label}", expected=first.expected, hint=first.hint
                ) from None
        converted: Any
        if self.kind is int:
            converted = _as_int(value)
            if converted is None:
                raise bad()
        elif self.kind is float:
            converted = _as_float(value)
            if converted is None:
                raise bad()
        else:
            if not isinstance(value, str) or not value.strip():
                raise bad()
            converted = value.strip()
        if self.choices is not None and converted not in self.choices:
            close = difflib.get_close_matches(str(converted), self.choices, n=1)
            raise bad(f"did you mean {close[0]}?" if close else None)
        if (self.low is not None and converted < self.low) or (
            self.high is not None and converted > self.high
        ):
            raise bad(shown=converted)
        if self.check is not None:
            self.check(converted)
        return converted


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        try:
            return int(text)
        except ValueError:
            number = _as_float(text)
            return int(number) if number is not None and number.is_integer() else None
    return None


def _as_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _all_names(registry: Mapping[str, Section]) -> list[str]:
    return [name for sid, section in registry.items() for name in _listed(sid, _declared(section))]


def _listed(section: str, declared: Iterable[Parameter], prefix: str | None = None) -> list[str]:
    """The parameter names of a section for a message: in full when there are a few (or all share
    ``prefix``), else grouped by the part before their first dot ("findings.CHECK.NAME with CHECK one
    of …")."""
    names = [p.name for p in declared]
    if prefix is not None and any(n.startswith(prefix + ".") for n in names):
        names = [n for n in names if n.startswith(prefix + ".")]
    if len(names) <= 6 or not all("." in n for n in names):
        return [f"{section}.{n}" for n in names]
    heads = ", ".join(dict.fromkeys(n.split(".", 1)[0] for n in names))
    return [f"{section}.CHECK.NAME with CHECK one of {heads} (`secarch check --list` gives each one's NAMEs)"]


def _declared(section: Section) -> tuple[Parameter, ...]:
    return tuple(section.parameters()) if section.parameters is not None else ()


def _did_you_mean(group: str, name: str, declared: list[str]) -> str | None:
    """The nearest declared name to a misspelt one, compared part by part ("guarantee_credibility.treshold"
    → "guarantee_credibility.threshold"; "guarantee_credibilty.threshold" → the same)."""
    parts = name.split(".")
    candidates = [d for d in declared if d.count(".") == len(parts) - 1]
    for depth in range(len(parts)):
        options = sorted({".".join(d.split(".")[: depth + 1]) for d in candidates})
        head = ".".join(parts[: depth + 1])
        if head in options:
            continue
        prefix = ".".join(parts[:depth])
        short = [o.split(".")[depth] for o in options if not prefix or o.startswith(prefix + ".")]
        close = difflib.get_close_matches(parts[depth], short, n=1, cutoff=0.6)
        if not close:
            return None
        parts[depth] = close[0]
        candidates = [d for d in candidates if d.split(".")[depth] == close[0]]
    guess = ".".join(parts)
    return f"did you mean {group}.{guess}?" if guess in declared else None


def validate_parameters(
    parameters: Mapping[str, Mapping[str, Any]],
    registry: Mapping[str, Section],
    known: Iterable[str] = (),
) -> dict[str, dict[str, Any]]:
    """Every ``{section: {name: value}}`` checked against the sections' declared parameters, with the values
    converted to their types. ``known`` lists section ids that exist in secarch but not in this installation
    (their engine is missing), for a clearer message."""
    accepted = _all_names(registry)
    overview = "SECTION.NAME=VALUE with " + (", ".join(accepted) if accepted else "no section parameters")
    result: dict[str, dict[str, Any]] = {}
    for group, values in parameters.items():
        if group not in registry:
            if group in set(known):
                raise InputError.single(
                    f"section {group!r} is not in this installation (its engine is missing)",
                    field=f"--set {group}",
                    expected=overview,
                    hint="install secarch with all extras (`pip install secarch[all]`)",
                )
            with_parameters = [sid for sid, s in registry.items() if _declared(s)]
            close = difflib.get_close_matches(group, with_parameters, n=1) or difflib.get_close_matches(
                group, list(registry), n=1
            )
            raise InputError.single(
                f"unknown report section {group!r}",
                field=f"--set {group}",
                expected=overview,
                hint=f"did you mean {close[0]}?" if close else None,
            )
        declared = {p.name: p for p in _declared(registry[group])}
        if not declared:
            raise InputError.single(
                f"section {group!r} takes no parameters",
                field=f"--set {group}",
                expected=overview,
            )
        if not isinstance(values, Mapping):
            raise InputError.single(
                f"the parameters of section {group!r} are not a mapping",
                field=f"--set {group}",
                expected="{name: value}",
            )
        checked: dict[str, Any] = {}
        for name, value in values.items():
            parameter = declared.get(str(name))
            if parameter is None:
                prefix = str(name).split(".", 1)[0] if "." in str(name) else None
                raise InputError.single(
                    f"unknown parameter {group}.{name}",
                    field=f"--set {group}.{name}",
                    expected="one of " + ", ".join(_listed(group, declared.values(), prefix)),
                    hint=_did_you_mean(group, str(name), list(declared)),
                )
            checked[str(name)] = parameter.convert(value, group)
        result[group] = checked
    return result
