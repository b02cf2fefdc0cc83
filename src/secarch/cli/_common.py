"""Helpers shared by the CLI modules: printing, JSON output and turning errors into exit codes."""

from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from secarch.errors import InputError, SecarchError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

ARCHITECTURE_HELP = "Architecture file (YAML) or the name of a bundled architecture (e.g. today)."
YEAR_HELP = "Year (its 1 July) or ISO date; default: the architecture's reference date."


class Exit(Exception):
    """Raised by a command to stop with a given exit code after printing its output."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def print_json(payload: Any) -> None:
    """Print ``payload`` as stable, indented JSON (sorted keys are *not* used: field order is part of
    the documented output)."""
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False, default=_json_default) + "\n")


def _json_default(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot serialise {type(value).__name__} to JSON")


def report_error(error: BaseException, *, debug: bool) -> int:
    """Print ``error`` for a person and return the exit code."""
    if debug:
        traceback.print_exception(error)
    if isinstance(error, InputError):
        sys.stderr.write(f"error: {error.format()}\n")
        return EXIT_BAD_INPUT
    if isinstance(error, SecarchError):
        sys.stderr.write(f"error: {error}\n")
        return EXIT_BAD_INPUT
    if isinstance(error, KeyboardInterrupt):
        sys.stderr.write("interrupted\n")
        return 130
    if not debug:
        sys.stderr.write(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in secarch. Run again with --debug for the traceback and report it.\n"
        )
    return 3


def grouped_settings(items: list[str], *, expected: str, numbers: bool = False) -> dict[str, dict[str, Any]]:
    """``GROUP.NAME=VALUE`` items of a repeatable ``--set`` option as ``{group: {name: value}}`` (the name
    may hold further dots); with ``numbers``, a value that reads as an int or a float becomes one.

    >>> grouped_settings(["crisis.runs=2000", "findings.a.threshold=0.4"], expected="", numbers=True)
    {'crisis': {'runs': 2000}, 'findings': {'a.threshold': 0.4}}
    """
    result: dict[str, dict[str, Any]] = {}
    for item in items:
        key, sep, text = item.partition("=")
        group, dot, name = (part.strip() for part in key.partition("."))
        if not (sep and dot and group and name):
            raise InputError.single(f"--set {item!r}", field="--set", expected=expected)
        value: Any = text.strip()
        if numbers:
            for kind in (int, float):
                try:
                    value = kind(value)
                    break
                except ValueError:
                    continue
        result.setdefault(group, {})[name] = value
    return result
