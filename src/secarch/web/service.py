"""The operations behind both the pages and the JSON API: create, save and delete a user's architecture,
and submit a job. Each checks names and limits and raises :class:`~secarch.errors.InputError` or a
:class:`~secarch.web.errors.WebError` that the application turns into a 4xx response."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from secarch.errors import InputError, Problem
from secarch.web.encoding import check_text
from secarch.web.errors import Conflict, JobTooLarge, TooLarge
from secarch.web.jobs.kinds import get_kind
from secarch.web.jobs.manager import JobManager
from secarch.web.settings import WebSettings
from secarch.web.sources import (
    bundled,
    check_name,
    load_source,
    new_text,
    require_source,
    validate_user_text,
)
from secarch.web.store import JobRecord, Store


def check_text_size(text: str, settings: WebSettings) -> None:
    """An architecture text must be valid Unicode (else 422, ``invalid_encoding``) and at most
    ``settings.max_text_bytes`` long in UTF-8 (else 413)."""
    check_text(text)
    size = len(text.encode("utf-8"))
    if size > settings.max_text_bytes:
        raise TooLarge(
            f"the architecture text has {size} bytes, "
            f"more than the {settings.max_text_bytes} this server keeps",
            hint="split it: a file can `extends:` a bundled architecture and list only its changes",
        )


def create_architecture(
    store: Store,
    settings: WebSettings,
    name: str,
    *,
    text: str | None = None,
    start: str | None = None,
    mode: str = "copy",
) -> list[Problem]:
    """Create user architecture ``name`` from ``text``, or from ``start`` (copied or extended), or a
    template. Returns the problems of the text (then nothing is saved, but the text is kept as a draft)."""
    check_name(name)
    if name in bundled():
        raise Conflict(
            f"{name!r} is the name of a bundled architecture",
            hint="choose another name; bundled architectures are read-only, make a copy to change one",
        )
    if store.get_architecture(name) is not None:
        raise Conflict(f"an architecture called {name!r} exists already", hint="choose another name")
    if store.count_architectures() >= settings.max_architectures:
        raise Conflict(
            f"this server keeps at most {settings.max_architectures} architectures",
            hint="delete architectures you no longer need",
        )
    if start is not None:
        check_name(start, "start")
    body = text if text is not None else new_text(store, name, start, mode)
    return save_architecture(store, settings, name, body, creating=True)


def save_architecture(
    store: Store, settings: WebSettings, name: str, text: str, *, creating: bool = False
) -> list[Problem]:
    """Validate and save ``text`` as user architecture ``name``. With problems, nothing is saved but the
    text is kept as the architecture's draft (so the editor never loses it); the problems are returned."""
    check_name(name)
    check_text_size(text, settings)
    if name in bundled():
        raise Conflict(
            f"{name!r} is a bundled architecture and cannot be changed",
            hint="create a new architecture as a copy of it, or one that extends it",
        )
    if not creating and store.get_architecture(name) is None:
        from secarch.web.errors import NotFound

        raise NotFound(f"no architecture of yours called {name!r}")
    problems = validate_user_text(text, name)
    if problems:
        if not creating:
            store.put_draft(name, text)
        return problems
    store.put_architecture(name, text)
    return []


def submit_job(
    store: Store,
    jobs: JobManager,
    settings: WebSettings,
    kind_name: str,
    names: Sequence[str],
    params: dict[str, Any] | None,
) -> JobRecord:
    """Check and queue a job; its size (runs × years × states) must be within ``settings.max_job_size``."""
    kind = get_kind(kind_name)
    count = len(names)
    if not kind.min_architectures <= count <= kind.max_architectures:
        wanted = (
            str(kind.min_architectures)
            if kind.min_architectures == kind.max_architectures
            else f"{kind.min_architectures} to {kind.max_architectures}"
        )
        raise InputError.single(
            f"a {kind.id} job takes {wanted} architecture(s), not {count}",
            field="architectures",
            expected=f"{wanted} architecture name(s)",
            kind="bad_parameter",
        )
    if len(set(names)) != count:
        raise InputError.single(
            "an architecture is given more than once", field="architectures", kind="bad_parameter"
        )
    sources = [require_source(store, name) for name in names]
    parsed = kind.parse_params(params)
    architectures = [load_source(source) for source in sources]
    size = kind.size(architectures, parsed)
    if size > settings.max_job_size:
        raise JobTooLarge(
            f"this job's size is {size:,} (runs × years × states), more than the {settings.max_job_size:,} "
            "this server runs",
            hint="use fewer runs or years, or run it with the command line",
        )
    return jobs.submit(kind, architectures, parsed, size)
