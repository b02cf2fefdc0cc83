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
