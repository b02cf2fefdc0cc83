"""The code that runs one job in its own process. It receives the validated architectures (pickled
objects, never paths), the kind and the parameters, and sends back progress messages and one final
message through a pipe:

- ``("progress", fraction, message)`` — at most every :data:`PROGRESS_INTERVAL` seconds;
- ``("done", result_json)`` or ``("failed", error)`` — once, at the end.

The module imports the engines' heavy dependencies at the top on purpose: the manager preloads it in a
fork server, so each job starts in milliseconds instead of re-importing NumPy and pandas.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import time
import traceback
from multiprocessing.connection import Connection
from typing import Any

import numpy  # noqa: F401  (preloaded for the fork server)
import pandas  # noqa: F401

import secarch.metrics.snapshot
import secarch.principles  # noqa: F401
from secarch.errors import InputError, SecarchError
from secarch.model import Architecture
from secarch.web.jobs.kinds import KINDS

PROGRESS_INTERVAL = 0.2


def to_json(value: Any) -> str:
    """JSON text of a result; NumPy scalars and arrays, dates and NaN become plain JSON."""
    return json.dumps(_plain(value), ensure_ascii=False, allow_nan=False)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else None
    if isinstance(value, str | int | bool) or value is None:
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return _plain(value.tolist())
    if hasattr(value, "model_dump"):
        return _plain(value.model_dump(mode="json"))
    return str(value)


def error_record(error: BaseException) -> dict[str, Any]:
    """What a failed job stores: located problems for bad input, the message (and traceback) otherwise."""
    if isinstance(error, InputError):
        return {
            "kind": "input",
            "message": error.problems[0].message,
            "problems": [p.as_dict() for p in error.problems],
        }
    if isinstance(error, SecarchError):
        return {"kind": "input", "message": str(error), "problems": []}
    return {
        "kind": "internal",
        "message": f"{type(error).__name__}: {error}",
        "traceback": "".join(traceback.format_exception(error))[-4000:],
    }


def run(conn: Connection, kind_id: str, architectures: list[Architecture], params: dict[str, Any]) -> None:
    """Entry point of the worker process."""
    last = 0.0

    def progress(fraction: float, message: str) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_INTERVAL:
            last = now
            conn.send(("progress", min(max(float(fraction), 0.0), 1.0), str(message)[:200]))

    try:
        kind = KINDS[kind_id]
        parsed = kind.parse_params(params)
        module, _, name = kind.adapter.partition(":")
        adapter = getattr(importlib.import_module(module), name)
        result = adapter(architectures, parsed, progress)
        conn.send(("done", to_json(result)))
    except Exception as error:  # every failure becomes a record the result page shows
        conn.send(("failed", error_record(error)))
    finally:
        conn.close()
