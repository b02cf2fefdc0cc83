"""Text that is not valid Unicode, refused where it enters the application.

JSON may spell a lone UTF-16 surrogate (``"\\ud800"``): Python decodes it into a ``str`` that cannot be
encoded as UTF-8, so it would fail deep inside (sizing, hashing, storing, answering). Every JSON body of the
API is checked before it is validated (:class:`CheckedRoute`), and :func:`check_text` guards the
architecture texts themselves; both answer with a located 422 problem (``invalid_encoding``). Form fields
cannot carry such text (Starlette decodes them strictly, else as Latin-1), but :func:`clean_text` replaces
any that an exotic charset might produce, so that the editor can still show the rest of the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from secarch.errors import InputError
from secarch.spec.locate import format_path

SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
"""A JSON escape of a surrogate code point: only a body with one can decode to text that is not Unicode."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(text: str, field: str = "text") -> None:
    """Raise a located :class:`InputError` (``invalid_encoding``) unless ``text`` is valid Unicode, i.e.
    can be encoded as UTF-8 (a lone surrogate such as ``\\ud800`` cannot).

    >>> check_text("title: ok")
    >>> try:
    ...     check_text("title: ok\\nname: \\ud800")
    ... except InputError as error:
    ...     problem = error.problems[0]
    >>> problem.location.line, problem.location.column, problem.kind
    (2, 7, 'invalid_encoding')
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        start = error.start
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        raise InputError.single(
            f"invalid text encoding: a lone surrogate (\\u{ord(text[start]):04x}) is not a character",
            line=line,
            column=column,
            field=field,
            expected="Unicode text (sent as UTF-8; in JSON a \\uD800–\\uDFFF escape only as half of a pair)",
            hint="remove the character, or fix the program that produced the text",
            kind="invalid_encoding",
        ) from None


def check_json_strings(data: Any) -> None:
    """:func:`check_text` on every key and string value of a decoded JSON document (iteratively: the
    document may be as deep as the JSON decoder allows)."""
    pending: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            check_text(value, format_path(path) or "body")
        elif isinstance(value, dict):
            for key, item in value.items():
                check_text(str(key), format_path(path) or "body")
                pending.append(((*path, str(key)), item))
        elif isinstance(value, list):
            pending.extend(((*path, index), item) for index, item in enumerate(value))


def clean_text(text: str) -> str:
    """``text`` with any lone surrogate replaced by U+FFFD (the replacement character)."""
    return _SURROGATE.sub("\ufffd", text)


class CheckedRoute(APIRoute):
    """An API route that refuses, with a located 422, a JSON body whose strings are not valid Unicode —
    before FastAPI validates it, so that no error message, stored text or answer ever holds one."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            if request.method in ("POST", "PUT", "PATCH", "DELETE"):
                body = await request.body()  # kept by the request: FastAPI reads the same bytes
                if SURROGATE_ESCAPE.search(body):
                    try:
                        data = json.loads(body)
                    except (ValueError, RecursionError):
                        data = None  # not JSON: FastAPI answers that itself
                    check_json_strings(data)
            return await handler(request)

        return checked
