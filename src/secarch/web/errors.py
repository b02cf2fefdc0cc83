"""Errors of the web application that map to HTTP status codes. Bad input in a request body or query is an
:class:`secarch.errors.InputError` (422, with its located problems); these cover the rest."""

from __future__ import annotations


class WebError(Exception):
    """An error answered with ``status``, a message a person can act on, and an optional hint."""

    status = 400
    kind = "bad_request"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def as_dict(self) -> dict[str, object]:
        return {"error": self.kind, "message": self.message, "hint": self.hint}


class NotFound(WebError):
    status = 404
    kind = "not_found"


class Conflict(WebError):
    status = 409
    kind = "conflict"


class TooLarge(WebError):
    """A request body or an architecture text beyond its limit."""

    status = 413
    kind = "too_large"


class JobTooLarge(WebError):
    """A job whose size (runs × years × states) is beyond the limit."""

    status = 422
    kind = "job_too_large"


class Busy(WebError):
    """The job queue is full."""

    status = 429
    kind = "busy"
