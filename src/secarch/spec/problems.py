"""Turn pydantic validation errors into :class:`~secarch.errors.Problem` records a person can act on:
what is wrong, where (via a :class:`~secarch.spec.locate.Locator`), what was expected and a hint
(including "did you mean" for misspelt keys)."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from typing import Any, Union

from pydantic import BaseModel, ValidationError

from secarch.errors import InputError, Location, Problem
from secarch.spec.locate import Locator, PathStep, format_path, parse_path


def _model_at(model: type[BaseModel], steps: Sequence[PathStep]) -> type[BaseModel] | None:
    """The pydantic model class that holds the last step of ``steps`` (to list its allowed keys)."""
    current: Any = model
    for step in steps:
        current = _unwrap(current)
        if isinstance(step, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and step in current.model_fields:
            current = current.model_fields[step].annotation
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Strip ``X | None`` and ``Annotated`` down to the core type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        models = [a for a in members if isinstance(a, type) and issubclass(a, BaseModel)]
        return _unwrap(models[0] if models else members[0])
    return annotation


def _field_help(model: type[BaseModel] | None, name: str) -> str | None:
    if model is None or name not in model.model_fields:
        return None
    field = model.model_fields[name]
    return field.description


def problems_from_validation(
    error: ValidationError, model: type[BaseModel], locator: Locator | None, file: str | None = None
) -> list[Problem]:
    """One :class:`Problem` per pydantic error, located in the user's file."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        steps = tuple(step for step in item["loc"] if isinstance(step, int | str))
        location = locator.locate(steps) if locator else Location(file=file, field=format_path(steps) or None)
        kind = item["type"]
        message = item["msg"]
        expected: str | None = None
        hint: str | None = None
        if kind == "extra_forbidden":
            key = str(steps[-1]) if steps else "?"
            parent = _model_at(model, steps[:-1])
            allowed = sorted(parent.model_fields) if parent else []
            close = difflib.get_close_matches(key, allowed, n=1)
            message = f"unknown key {key!r}"
            expected = f"one of: {', '.join(allowed)}" if allowed else None
            hint = f"did you mean {close[0]!r}?" if close else "remove it or check its indentation"
            kind = "unknown_key"
        elif kind == "missing":
            name = str(steps[-1]) if steps else "?"
            parent = _model_at(model, steps[:-1])
            message = f"missing required field {name!r}"
            expected = _field_help(parent, name)
            hint = f"add `{name}:` here"
        else:
            value = item.get("input")
            shown = repr(value) if not isinstance(value, dict | list) else type(value).__name__
            if message.startswith("Input should be "):
                expected = message.removeprefix("Input should be ")
                message = f"invalid value {shown}"
            elif message.startswith("Value error, "):
                message = message.removeprefix("Value error, ")
            else:
                message = f"{message} (got {shown})"
            last = steps[-1] if steps else None
            if kind.startswith("date") or kind.startswith("datetime"):
                expected = "a real calendar date written YYYY-MM-DD, e.g. 2024-02-23"
                hint = "check day and month (e.g. 30 February does not exist)"
                kind = "invalid_date"
            elif kind == "string_pattern_mismatch" and last is not None:
                expected = _pattern_help(model, steps)
            else:
                kind = "wrong_type" if "type" in kind or kind.endswith("_parsing") else kind
        problems.append(Problem(message, location, expected, hint, kind))
    return problems


def _pattern_help(model: type[BaseModel], steps: Sequence[PathStep]) -> str | None:
    named = [s for s in steps if isinstance(s, str)]
    parent = _model_at(model, steps[:-1]) if isinstance(steps[-1], str) else None
    description = _field_help(parent, str(steps[-1])) if parent else None
    if description:
        return description
    if named and named[-1] in {
        "participants",
        "states",
        "parties",
        "beneficiaries",
        "targets",
        "state",
        "by",
    }:
        return "a three-letter ISO 3166-1 alpha-3 state code in capitals, e.g. RUS"
    if named and named[-1] in {"side_a", "side_b"}:
        return "a three-letter ISO 3166-1 alpha-3 state code in capitals, e.g. RUS"
    return None


def locate_problems(error: InputError, locator: Locator | None) -> InputError:
    """Give problems that carry only a field path (from model consistency checks) a file, line and column."""
    if locator is None:
        return error
    located = []
    for problem in error.problems:
        if problem.location.line is None and problem.location.field:
            where = locator.locate(parse_path(problem.location.field))
            problem = Problem(problem.message, where, problem.expected, problem.hint, problem.kind)
        elif problem.location.file is None:
            problem = Problem(
                problem.message,
                Location(
                    locator.file, problem.location.line, problem.location.column, problem.location.field
                ),
                problem.expected,
                problem.hint,
                problem.kind,
            )
        located.append(problem)
    return type(error)(located)
