"""The FastAPI application: :func:`create_app` wires the store, the job manager, the limits, the error
handlers, the JSON API (:mod:`secarch.web.api`), its documentation page and the pages
(:mod:`secarch.web.pages`).

Every error is answered with ``{error, message, hint}`` (and ``problems`` for invalid input), also those
that FastAPI and Starlette raise themselves (an unknown route, a malformed request); a browser asking for a
page gets the same as an HTML page."""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from secarch import __version__
from secarch.errors import InputError, Location, Problem
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
    response = ErrorResponse({"error": kind, "message": message, "hint": None}, status_code=status)
    await response(scope, receive, send)


class ErrorResponse(JSONResponse):
    """An error's JSON body, in ASCII: whatever of the request it quotes is sent escaped, never mangled."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


_HTTP_KINDS = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "busy",
}


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
        docs_url=None,  # served below from an installed wheel's files, not from a CDN
        redoc_url=None,  # ReDoc loads its script and fonts from other hosts: not offered
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
    templates.env.globals["max_text_bytes"] = settings.max_text_bytes
    app.state.templates = templates

    app.add_middleware(LimitsMiddleware, max_bytes=settings.max_body_bytes)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(InputError)
    async def input_error(request: Request, error: InputError) -> Response:
        return _invalid(request, error.problems)

    @app.exception_handler(RequestValidationError)
    async def request_invalid(request: Request, error: RequestValidationError) -> Response:
        return _invalid(request, [_validation_problem(item) for item in error.errors()])

    @app.exception_handler(WebError)
    async def web_error(request: Request, error: WebError) -> Response:
        if wants_html(request):
            return _error_page(request, error.status, error.message, error.hint, [])
        return ErrorResponse(error.as_dict(), status_code=error.status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        status = error.status_code
        kind = _HTTP_KINDS.get(status, "bad_request" if status < 500 else "server_error")
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
        message = error.detail if isinstance(error.detail, str) else phrase
        hint = None
        if status == 404 and message == phrase:
            message = f"nothing at {request.url.path[:200]}"
            hint = "the pages start at /; the JSON API is under /api and described at /docs"
        elif status == 405:
            hint = f"allowed here: {error.headers.get('Allow', '?')}" if error.headers else None
        if wants_html(request):
            response = _error_page(request, status, phrase, message, [])
        else:
            response = ErrorResponse({"error": kind, "message": message, "hint": hint}, status_code=status)
        response.headers.update(error.headers or {})
        return response

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        """The icon (SVG) that browsers ask for on every page."""
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> Response:
        """Swagger UI on /openapi.json; its script and styles are the files of an installed wheel."""
        from fastapi.openapi.docs import get_swagger_ui_html

        _swagger_ui_file("swagger-ui-bundle.js")  # 404, saying why, where the wheel is missing
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="secarch API",
            swagger_js_url="/assets/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/assets/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None},  # never ask swagger.io to validate the schema
        )

    @app.get("/assets/swagger-ui/{file}", include_in_schema=False)
    def swagger_ui_asset(file: str) -> Response:
        return FileResponse(
            _swagger_ui_file(file),
            media_type=SWAGGER_UI_FILES.get(file),
            headers={"Cache-Control": "max-age=3600"},
        )

    from secarch.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


SWAGGER_UI_FILES = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}
"""Swagger UI's two files that the API documentation page loads."""


def _swagger_ui_file(name: str) -> Path:
    """One of :data:`SWAGGER_UI_FILES` from the fastapi-offline wheel (``web`` extra; MIT licence), which
    ships Swagger UI 5 (Apache-2.0), the first major version to read OpenAPI 3.1 as FastAPI writes it.
    swagger-ui-bundle, the obvious choice, ships Swagger UI 4, which refuses OpenAPI 3.1 schemas."""
    if name not in SWAGGER_UI_FILES:
        raise HTTPException(404, f"no Swagger UI file {name[:60]!r}")
    try:
        import fastapi_offline
    except ImportError:
        raise HTTPException(
            404, "the API documentation page needs the fastapi-offline package (pip install 'secarch[web]')"
        ) from None
    path = Path(fastapi_offline.__file__).resolve().parent / "static" / name
    if not path.is_file():
        raise HTTPException(404, f"the installed fastapi-offline has no {name}; see /openapi.json instead")
    return path


def _invalid(request: Request, problems: list[Problem]) -> Response:
    """422 with the located problems (an HTML page for a browser)."""
    records = [p.as_dict() for p in problems]
    first = problems[0]
    if wants_html(request):
        return _error_page(request, 422, "The input is not valid", first.message, records)
    return ErrorResponse(
        {"error": "invalid_input", "message": first.message, "hint": first.hint, "problems": records},
        status_code=422,
    )


_WHERE = ("body", "query", "path", "header", "cookie")


def _validation_problem(item: Any) -> Problem:
    """One of FastAPI's request validation errors as a located problem; the input is not quoted back."""
    from secarch.spec.locate import format_path

    loc: list[str | int] = [step for step in item.get("loc", ()) if isinstance(step, str | int)]
    part = str(loc.pop(0)) if loc and loc[0] in _WHERE else None
    kind = str(item.get("type", "invalid"))
    context = item.get("ctx") or {}
    if kind == "json_invalid":
        return Problem(
            f"the body is not valid JSON ({context.get('error', 'cannot parse it')})",
            Location(field="body"),
            "a JSON object",
            "send JSON with the header Content-Type: application/json",
            kind,
        )
    field = format_path(loc) or part or None
    message = str(item.get("msg", "invalid value"))
    expected = _expected(context)
    hint = {
        "body": "the request body's fields are described at /docs",
        "query": "the query parameters are described at /docs",
        "path": "the paths are described at /docs",
    }.get(part or "")
    return Problem(f"{field}: {message}" if field else message, Location(field=field), expected, hint, kind)


def _expected(context: dict[str, Any]) -> str | None:
    words = {
        "ge": "at least {}",
        "gt": "more than {}",
        "le": "at most {}",
        "lt": "less than {}",
        "min_length": "at least {} long",
        "max_length": "at most {} long",
        "pattern": "matching {}",
        "expected": "{}",
    }
    parts = [words[key].format(context[key]) for key in words if key in context]
    return ", ".join(parts) or None


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
