"""The FastAPI application: :func:`create_app` wires the store, the job manager, the limits, the error
handlers, the JSON API (:mod:`secarch.web.api`) and the pages (:mod:`secarch.web.pages`)."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from secarch import __version__
from secarch.errors import InputError
from secarch.web.errors import WebError
from secarch.web.figures import report_available
from secarch.web.jobs.kinds import form_fields
from secarch.web.jobs.manager import JobManager
from secarch.web.settings import WebSettings
from secarch.web.store import Store

HERE = Path(__file__).resolve().parent

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class _BodyTooLarge(Exception):
    pass


class LimitsMiddleware:
    """Reject a request body beyond ``max_bytes`` with 413 (by its Content-Length, or while it streams in),
    and a cross-site form post (an ``Origin`` that is not this server) with 403."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and not _same_origin(headers):
            await _plain_error(scope, receive, send, 403, "forbidden", "cross-site requests are not accepted")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await _plain_error(scope, receive, send, 413, "too_large", self._message())
            return
        received = 0
        started = False
        exceeded = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                return  # whatever the app answers to a body cut short is replaced by the 413 below
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not exceeded:  # an error of the app itself, not of the body cut short
                raise
        if exceeded and not started:
            await _plain_error(scope, receive, send, 413, "too_large", self._message())

    def _message(self) -> str:
        return f"the request body is larger than {self.max_bytes} bytes, the most this server accepts"


def _same_origin(headers: dict[str, str]) -> bool:
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    host = headers.get("host", "")
    return origin.split("://", 1)[-1].rstrip("/") == host


async def _plain_error(
    scope: Scope, receive: Receive, send: Send, status: int, kind: str, message: str
) -> None:
    response = JSONResponse({"error": kind, "message": message, "hint": None}, status_code=status)
    await response(scope, receive, send)


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The web application for ``settings`` (its data directory and limits)."""
    settings = settings or WebSettings()
    store = Store(settings.data_dir)
    jobs = JobManager(store, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_up:
            threading.Thread(target=_warm_up, args=(store,), name="warm-up", daemon=True).start()
        yield
        jobs.shutdown()
        store.close()

    app = FastAPI(
        title="secarch",
        version=__version__,
        description=(
            "Browse, edit, run and compare security architectures. "
            "The JSON API under /api mirrors the pages; see docs/web.md."
        ),
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.jobs = jobs
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.globals["form_fields"] = form_fields
    templates.env.globals["report_figures"] = report_available()
    app.state.templates = templates

    app.add_middleware(LimitsMiddleware, max_bytes=settings.max_body_bytes)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(InputError)
    async def input_error(request: Request, error: InputError) -> Response:
        problems = [p.as_dict() for p in error.problems]
        if wants_html(request):
            return _error_page(request, 422, "The input is not valid", error.problems[0].message, problems)
        return JSONResponse(
            {"error": "invalid_input", "message": error.problems[0].message, "problems": problems},
            status_code=422,
        )

    @app.exception_handler(WebError)
    async def web_error(request: Request, error: WebError) -> Response:
        if wants_html(request):
            return _error_page(request, error.status, error.message, error.hint, [])
        return JSONResponse(error.as_dict(), status_code=error.status)

    from secarch.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def _warm_up(store: Store) -> None:
    """Load (and so cache) every bundled architecture; one that fails is left for its page to report."""
    from secarch.web.sources import bundled, get_source, load_source

    for name in bundled():
        source = get_source(store, name)
        try:
            if source is not None:
                load_source(source)
        except Exception:  # its page shows the problems when it is opened
            continue


def _error_page(
    request: Request, status: int, title: str, detail: str | None, problems: list[Any]
) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "title": title, "detail": detail, "problems": problems},
        status_code=status,
    )
    return response
