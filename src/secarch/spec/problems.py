"""Turn pydantic validation errors into :class:`~secarch.errors.Problem` records a person can act on:
what is wrong, where (via a :class:`~secarch.spec.locate.Locator`), what was expected and a hint.

Every problem carries an ``expected`` and a ``hint``. Both come, in this order of preference, from the
error itself (validators raise :func:`secarch.model.types.input_error` with them), from hints written for
particular fields (credibility, the sides of a dispute, …), and from the declared type of the field the
error points at (its constraints, allowed values, item type, description), so that a field without a
description still says what it takes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

from pydantic import BaseModel, Tag, ValidationError

from secarch.errors import InputError, Location, Problem
from secarch.model.types import ELEMENT_ID_PATTERN, NAME_PATTERN, STATE_CODE_PATTERN
from secarch.spec.locate import Locator, PathStep, format_path, parse_path
from secarch.spec.patch import REMOVAL_EXPECTED

_PATTERN_WORDS = {
    STATE_CODE_PATTERN: "a three-letter ISO 3166-1 alpha-3 state code in capitals, e.g. RUS",
    ELEMENT_ID_PATTERN: "an identifier: letters, digits and _ . : / + - (no spaces), e.g. NATO or csto-art4",
    NAME_PATTERN: "a short name: lower-case letters, digits, - and _ (no spaces), e.g. my-alternative",
}

_FIELD_HINTS = {
    "Agreement.credibility": "credibility is the probability that the commitment is honoured when called "
    "on: 0 never, 1 always (e.g. 0.6); say why in `credibility_rationale`",
    "Position.salience": "salience is how much the issue matters to the actor: 0 not at all, 1 above all",
    "Position.position": "a position is a point on the issue's scale: 0 is its `low` end, 100 its `high` end",
    "Capability.value": "any positive number: only the ratios between actors matter (e.g. CINC shares)",
    "Dispute.side_a": "each side names at least one state, as a list, e.g. `side_a: [RUS]`",
    "Dispute.side_b": "each side names at least one state, as a list, e.g. `side_b: [UKR]`",
    "Rivalry.states": "a rivalry is between exactly two states, e.g. `states: [IND, PAK]`",
    "Region.states": "list the states of the region, e.g. `states: [KAZ, KGZ, TJK]`",
    "Architecture.participants": "list every state the architecture models, e.g. `participants: [RUS, KAZ]`",
    "Architecture.period": "write `period: {start: YYYY-MM-DD, end: YYYY-MM-DD}`",
    "Architecture.region": "write the region's `name:` and `states:` indented under `region:`",
    "source": "name the dataset, treaty, official page or statement this comes from",
    "rationale": "say which public statement the value follows, in neutral words",
}
"""Hints for particular fields, by ``Model.field`` or by field name alone."""

_SECTION_HELP: dict[str, tuple[str, str]] = {
    "RemoveSection.memberships": (
        REMOVAL_EXPECTED,
        "write the membership's key as text, or a mapping with at least `organisation` and `state`; "
        "see docs/architecture-files.md, `extends`",
    ),
}
"""Expected and hint for any error inside a field (by ``Model.field``), whatever the error."""


@dataclass(frozen=True)
class _Target:
    """What the models declare at the place an error points at."""

    steps: tuple[PathStep, ...]  # the path in the user's file (union tags removed)
    annotation: Any  # the declared type there, without ``None`` and ``Annotated``; Any if unknown
    metadata: tuple[Any, ...]  # constraints and field information collected on the way
    parent: type[BaseModel] | None  # the model holding the innermost named field
    name: str | None  # the innermost named field (a list's name for its items)
    description: str | None  # the field's (or list item's) description
    trail: tuple[str, ...]  # ``Model.field`` of every field on the way, outermost first
    required: bool  # whether the innermost named field must be given


def _strip(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """``annotation`` without ``Annotated`` and ``| None``, and the metadata removed on the way."""
    metadata: tuple[Any, ...] = ()
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            args = typing.get_args(annotation)
            annotation, metadata = args[0], (*metadata, *args[1:])
        elif origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation, metadata
            annotation = members[0]
        else:
            return annotation, metadata


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _union_members(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return []


def _items_of(annotation: Any) -> Any | None:
    """The item type of a list or tuple annotation, else None."""
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, set, frozenset) or (
        isinstance(origin, type) and issubclass(origin, Sequence) and origin is not str
    ):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        return args[0] if args else Any
    return None


def _branch(members: list[Any], tag: str) -> Any:
    """The member of a union that pydantic names ``tag`` in an error's location."""
    for member in members:
        core, metadata = _strip(member)
        if any(isinstance(m, Tag) and m.tag == tag for m in metadata):
            return member
        name = getattr(core, "__name__", "")
        if name and (tag == name or tag == f"constrained-{name}" or tag.startswith(f"{name}[")):
            return member
    return None


def _description(metadata: Sequence[Any]) -> str | None:
    for item in metadata:
        text = getattr(item, "description", None)
        if isinstance(text, str) and text:
            return text
    return None


def _constraint(metadata: Sequence[Any], name: str) -> Any:
    for item in metadata:
        value = getattr(item, name, None)
        if value is not None and not callable(value):
            return value
        for inner in getattr(item, "metadata", None) or ():
            value = getattr(inner, name, None)
            if value is not None and not callable(value):
                return value
    return None


def _target(model: type[BaseModel], loc: Sequence[PathStep]) -> _Target:
    """Follow an error's location through the model's annotations."""
    steps: list[PathStep] = []
    current: Any = model
    metadata: tuple[Any, ...] = ()
    parent: type[BaseModel] | None = None
    name: str | None = None
    description: str | None = None
    trail: list[str] = []
    required = True
    for step in loc:
        items = _items_of(current)
        if isinstance(step, int) and items is not None:
            current, metadata = _strip(items)
            description = _description(metadata)
            steps.append(step)
            continue
        if isinstance(step, str) and _is_model(current):
            parent, name = current, step
            steps.append(step)
            field = current.model_fields.get(step)
            if field is None:  # an unknown key (or a free key where extra keys are allowed)
                current, metadata, description = Any, (), None
            else:
                required = field.is_required()
                trail.append(f"{current.__name__}.{step}")
                current, inner = _strip(field.annotation)
                metadata = (*field.metadata, *inner)
                description = field.description or _description(inner)
            continue
        members = _union_members(current)
        if isinstance(step, str) and members:
            chosen = _branch(members, step)
            if chosen is not None:  # a union's tag: the user did not write it
                current, inner = _strip(chosen)
                metadata = (*metadata, *inner)
                continue
        steps.append(step)
        current, metadata, description = Any, (), None
    return _Target(tuple(steps), current, metadata, parent, name, description, tuple(trail), required)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _range_words(metadata: Sequence[Any]) -> str:
    ge, gt = _constraint(metadata, "ge"), _constraint(metadata, "gt")
    le, lt = _constraint(metadata, "le"), _constraint(metadata, "lt")
    if ge is not None and le is not None:
        return f" from {_number(ge)} to {_number(le)}"
    parts = []
    if ge is not None:
        parts.append(f"of at least {_number(ge)}")
    if gt is not None:
        parts.append(f"greater than {_number(gt)}")
    if le is not None:
        parts.append(f"of at most {_number(le)}")
    if lt is not None:
        parts.append(f"less than {_number(lt)}")
    return (" " + " and ".join(parts)) if parts else ""


def _count_words(metadata: Sequence[Any], unit: str) -> str:
    low, high = _constraint(metadata, "min_length"), _constraint(metadata, "max_length")
    if low is not None and low == high:
        return f" of exactly {_plural(low, unit)}"
    if low is not None and high is not None:
        return f" of {low} to {high} {unit}s"
    if low:
        return f" of at least {_plural(low, unit)}"
    if high is not None:
        return f" of at most {_plural(high, unit)}"
    return ""


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" + ("" if count == 1 else "s")


def _lower_first(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text[1:2].islower() or len(text) < 2 else text


def _words(annotation: Any, metadata: Sequence[Any], depth: int = 0) -> str:
    """What a value of this type looks like, in words (for "expected")."""
    pattern = _constraint(metadata, "pattern")
    if pattern is not None:
        known = _PATTERN_WORDS.get(str(pattern))
        if known:
            return known
        described = _description(metadata)
        return _lower_first(described) if described else f"text matching the pattern {pattern}"
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "a whole number" + _range_words(metadata)
    if annotation is float:
        return "a number" + _range_words(metadata)
    if annotation is dt.date:
        return "a date written YYYY-MM-DD, e.g. 2024-02-23"
    if annotation is str:
        return "text" + _count_words(metadata, "character")
    if typing.get_origin(annotation) is typing.Literal:
        return "one of: " + ", ".join(str(a) for a in typing.get_args(annotation))
    items = _items_of(annotation)
    if items is not None:
        core, inner = _strip(items)
        each = f"; each item {_words(core, inner, depth + 1)}" if depth < 2 else ""
        return "a list" + _count_words(metadata, "item") + each
    if _is_model(annotation):
        fields = annotation.model_fields
        required = [n for n, f in fields.items() if f.is_required()]
        optional = [n for n, f in fields.items() if not f.is_required()]
        keys = ", ".join(required) + (" (required)" if required and optional else "")
        if optional:
            keys += (", " if keys else "") + ", ".join(optional) + " (optional)"
        return f"a mapping with the keys {keys}"
    members = _union_members(annotation)
    if members:
        return " or ".join(_words(*_strip(m), depth + 1) for m in members)
    described = _description(metadata)
    return _lower_first(described) if described else "a value of the documented form"


def _example(annotation: Any, metadata: Sequence[Any]) -> str | None:
    """A short example value for "add `field: …`" hints, when one is obvious."""
    pattern = _constraint(metadata, "pattern")
    if pattern == STATE_CODE_PATTERN:
        return "RUS"
    if annotation is dt.date:
        return "2024-02-23"
    if annotation is bool:
        return "true"
    if annotation is float and _constraint(metadata, "le") == 1:
        return "0.5"
    if typing.get_origin(annotation) is typing.Literal:
        return str(typing.get_args(annotation)[0])
    items = _items_of(annotation)
    if items is not None:
        inner = _example(*_strip(items))
        return f"[{inner}]" if inner else None
    return None


def _expected(target: _Target) -> str:
    words = _words(target.annotation, target.metadata)
    if target.description and _lower_first(target.description) not in words:
        return f"{words} ({_lower_first(target.description)})"
    return words


def _field_hint(target: _Target) -> str | None:
    if target.parent is not None and target.name is not None:
        hint = _FIELD_HINTS.get(f"{target.parent.__name__}.{target.name}")
        if hint:
            return hint
    return _FIELD_HINTS.get(target.name) if target.name else None


def _show(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "(a mapping)"
    if isinstance(value, list | tuple):
        return "(a list)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _or_remove(target: _Target) -> str:
    return "" if target.required else ", or remove the key"


def _join(*parts: str | None) -> str:
    return "; ".join(p for p in parts if p)


def _name(target: _Target) -> str:
    return target.name or "the value"


# --- one function per family of pydantic error types: (message, expected, hint) ---------------------------

Explained = tuple[str, str | None, str | None]


def _missing(item: Mapping[str, Any], target: _Target) -> Explained:
    name = _name(target)
    example = _example(target.annotation, target.metadata)
    hint = f"add `{name}:` here" + (f", e.g. `{name}: {example}`" if example else "")
    return f"missing required field {name!r}", _expected(target), hint


def _unknown_key(item: Mapping[str, Any], target: _Target) -> Explained:
    key = str(target.steps[-1]) if target.steps else "?"
    allowed = sorted(target.parent.model_fields) if target.parent else []
    close = difflib.get_close_matches(key, allowed, n=1)
    if not close:
        close = [a for a in allowed if a.lower() == key.lower().replace("-", "_").replace(" ", "_")]
    expected = f"one of: {', '.join(allowed)}" if allowed else "a key this mapping takes"
    hint = f"did you mean {close[0]!r}?" if close else "remove it or check its indentation"
    return f"unknown key {key!r}", expected, hint


def _choice(item: Mapping[str, Any], target: _Target) -> Explained:
    value = item.get("input")
    allowed = [str(a) for a in typing.get_args(target.annotation)]
    if not allowed:
        allowed = re.findall(r"'([^']*)'", str((item.get("ctx") or {}).get("expected", "")))
    expected = "one of: " + ", ".join(allowed) if allowed else _expected(target)
    text = str(value) if value is not None else ""
    normal = re.sub(r"[\s-]+", "_", text.strip().lower())
    if normal in allowed and normal != text:
        hint = f"write it as {normal!r} (lower case, with underscores)"
    else:
        close = difflib.get_close_matches(normal, allowed, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else "write one of the listed values exactly as shown"
    return f"invalid value {_show(value)}", expected, hint


def _numeric(item: Mapping[str, Any], target: _Target) -> Explained:
    value = item.get("input")
    if isinstance(value, bool):
        reason = "true and false are not numbers here: write the number itself"
    elif isinstance(value, str):
        try:
            float(value)
        except ValueError:
            reason = "write a number, not text"
        else:
            reason = f"write the number without quotes: `{_name(target)}: {value.strip()}`"
    elif isinstance(value, float) and not math.isfinite(value):
        reason = "write a finite number"
    elif value is None:
        reason = f"the value is empty: write a number after `{_name(target)}:`"
    elif item["type"] == "int_from_float":
        reason = "write a whole number, without decimals"
    else:
        reason = "write a single number"
    expected = _words(target.annotation, target.metadata) if target.annotation in (int, float) else None
    return f"invalid value {_show(value)}", expected or "a number", _join(reason, _field_hint(target))


def _out_of_range(item: Mapping[str, Any], target: _Target) -> Explained:
    value = item.get("input")
    bound = str(item["msg"]).removeprefix("Input should be ")  # e.g. "less than or equal to 1"
    expected = _words(target.annotation, target.metadata)
    span = _range_words(target.metadata)
    if not span:  # constraints not found on the way: say what pydantic says
        expected = f"a value {bound}"
    hint = _field_hint(target) or f"use a value{span or ' ' + bound}"
    return f"invalid value {_show(value)}: should be {bound}", expected, hint


def _boolean(item: Mapping[str, Any], target: _Target) -> Explained:
    value = item.get("input")
    return f"invalid value {_show(value)}", "true or false", "write true or false, without quotes"


def _date(item: Mapping[str, Any], target: _Target) -> Explained:
    value = item.get("input")
    text = str(value).strip() if isinstance(value, str) else ""
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        hint = f"a year alone is not a date: write the full date, e.g. {value}-01-01"
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        hint = "check day and month (e.g. 30 February does not exist)"
    elif value is None:
        hint = f"the value is empty: write a date after `{_name(target)}:`" + _or_remove(target)
    else:
        hint = "write the date as YYYY-MM-DD: four-digit year, two-digit month and day"
    return f"invalid date {_show(value)}", "a real calendar date written YYYY-MM-DD, e.g. 2024-02-23", hint


def _text(item: Mapping[str, Any], target: _Target) -> Explained:
    value = item.get("input")
    name = _name(target)
    if value is None:
        hint = f"the value is empty: write it after `{name}:`" + _or_remove(target)
    elif isinstance(value, bool | int | float):
        hint = f'put it in quotes to make it text, e.g. `"{_show(value)}"`'
    elif isinstance(value, dict):
        hint = "a `: ` inside the text makes YAML read a mapping: put the whole text in quotes"
    else:
        hint = "write a single text; put it in quotes if it starts with [ or {"
    return f"invalid value {_show(value)}", _expected(target), hint


def _pattern(item: Mapping[str, Any], target: _Target) -> Explained:
    value = str(item.get("input", ""))
    pattern = str((item.get("ctx") or {}).get("pattern") or _constraint(target.metadata, "pattern") or "")
    expected = _PATTERN_WORDS.get(pattern) or _expected(target)
    if pattern == NAME_PATTERN and re.fullmatch(pattern, _slug(value)):
        hint = f"e.g. {_slug(value)!r}"
    elif pattern and re.fullmatch(pattern, value.upper()):
        hint = f"write it in capitals: {value.upper()}"
    elif pattern and re.fullmatch(pattern, value.replace(" ", "-")):
        hint = f"no spaces: e.g. {value.replace(' ', '-')!r}"
    elif pattern == STATE_CODE_PATTERN:
        hint = "use the state's three-letter code; `secarch data show states` lists them"
    else:
        hint = _field_hint(target) or "change it to match: " + expected
    return f"invalid value {_show(item.get('input'))}", expected, hint


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", text.strip().lower()).strip("-_")


def _text_length(item: Mapping[str, Any], target: _Target) -> Explained:
    ctx = item.get("ctx") or {}
    value = item.get("input")
    if item["type"] == "string_too_short":
        low = ctx.get("min_length")
        message = f"too short: {_show(value)}"
        hint = _field_hint(target) or f"write at least {low} characters"
    else:
        message = f"too long ({len(str(value))} characters)"
        hint = f"shorten it to at most {ctx.get('max_length')} characters"
    return message, _expected(target), hint


def _list(item: Mapping[str, Any], target: _Target) -> Explained:
    value = item.get("input")
    name = _name(target)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        hint = f"write a list even for one item: `{name}: [{value}]`"
    elif isinstance(value, dict):
        hint = "write the items as a list: `[A, B]`, or one `- ` line per item"
    elif value is None:
        hint = f"the value is empty: write `{name}: []` for no items, or list them"
    else:
        hint = "write the items as a list: `[A, B]`, or one `- ` line per item"
    return f"invalid value {_show(value)}", _expected(target), hint


def _count(item: Mapping[str, Any], target: _Target) -> Explained:
    ctx = item.get("ctx") or {}
    actual = ctx.get("actual_length")
    if item["type"] == "too_short":
        low = ctx.get("min_length")
        message = f"{actual} item{'s' if actual != 1 else ''}, at least {low} needed"
        hint = _field_hint(target) or f"give at least {low} item{'s' if low != 1 else ''}"
    else:
        high = ctx.get("max_length")
        message = f"{actual} items, at most {high} allowed"
        hint = _field_hint(target) or f"keep at most {high}"
    return message, _expected(target), hint


def _mapping(item: Mapping[str, Any], target: _Target) -> Explained:
    value = item.get("input")
    name = _name(target)
    if isinstance(value, list | tuple):
        hint = f"`{name}` is one mapping, not a list: remove the `- ` or the brackets"
    else:
        hint = f"write its keys as `key: value` lines indented under `{name}:`"
    return f"invalid value {_show(value)}", _expected(target), _field_hint(target) or hint


_EXPLAIN: dict[str, Callable[[Mapping[str, Any], _Target], Explained]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_key,
    "literal_error": _choice,
    "enum": _choice,
    "greater_than": _out_of_range,
    "greater_than_equal": _out_of_range,
    "less_than": _out_of_range,
    "less_than_equal": _out_of_range,
    "multiple_of": _out_of_range,
    "bool_type": _boolean,
    "bool_parsing": _boolean,
    "string_type": _text,
    "string_pattern_mismatch": _pattern,
    "string_too_short": _text_length,
    "string_too_long": _text_length,
    "list_type": _list,
    "tuple_type": _list,
    "set_type": _list,
    "iterable_type": _list,
    "too_short": _count,
    "too_long": _count,
    "model_type": _mapping,
    "model_attributes_type": _mapping,
    "dict_type": _mapping,
}
for _kind in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float", "finite_number"):
    _EXPLAIN[_kind] = _numeric

_KIND_NAMES = {"extra_forbidden": "unknown_key"}
_DATE_ERRORS = frozenset(
    {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
    | {"datetime_type", "datetime_parsing", "datetime_from_date_parsing", "datetime_object_invalid"}
)


def _explain(item: Mapping[str, Any], target: _Target) -> tuple[str, str, str, str]:
    """(kind, message, expected, hint) for one pydantic error."""
    kind = str(item["type"])
    ctx = item.get("ctx") or {}
    if "expected" in ctx and "hint" in ctx:  # raised with both (secarch.model.types.input_error)
        message, expected, hint = str(ctx.get("message") or item["msg"]), ctx["expected"], ctx["hint"]
    elif kind in _DATE_ERRORS:
        message, expected, hint = _date(item, target)
        kind = "invalid_date"
    elif kind in _EXPLAIN:
        message, expected, hint = _EXPLAIN[kind](item, target)
        if kind.endswith(("_type", "_parsing")) or kind in ("int_from_float", "finite_number"):
            kind = "wrong_type"
        else:
            kind = _KIND_NAMES.get(kind, kind)
    else:  # validators' plain errors (value_error) and anything rarer
        message = str(item["msg"]).removeprefix("Value error, ")
        if kind not in ("value_error", "assertion_error"):
            message = f"{message} (got {_show(item.get('input'))})"
        expected, hint = None, None
    if kind != "unknown_key":
        for field in reversed(target.trail):
            if field in _SECTION_HELP:
                expected = _SECTION_HELP[field][0]
                hint = hint if kind == "missing" else _SECTION_HELP[field][1]
                break
    expected = expected or _expected(target)
    hint = hint or _field_hint(target) or f"correct `{_name(target)}`: it must be {expected}"
    return kind, message, expected, hint


def problems_from_validation(
    error: ValidationError, model: type[BaseModel], locator: Locator | None, file: str | None = None
) -> list[Problem]:
    """One :class:`Problem` per pydantic error, located in the user's file, each with what was expected
    and a hint."""
    problems: list[Problem] = []
    for item in error.errors(include_url=False):
        target = _target(model, [step for step in item["loc"] if isinstance(step, int | str)])
        kind, message, expected, hint = _explain(item, target)
        at_key = kind == "unknown_key"
        if locator is not None:
            location = locator.locate(target.steps, at_key=at_key)
        else:
            location = Location(file=file, field=format_path(target.steps) or None)
        problems.append(Problem(message, location, expected, hint, kind))
    return problems


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
