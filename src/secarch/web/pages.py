"""The server-rendered pages (Jinja2 templates, htmx for the partial updates): the list of architectures,
an architecture by year, its editor, the jobs and their results. Forms post to these routes; every
operation is the one the JSON API performs (:mod:`secarch.web.service`)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from secarch.errors import InputError, Location, Problem
from secarch.web import service
from secarch.web.encoding import clean_text
from secarch.web.errors import Conflict, NotFound, TooLarge
from secarch.web.jobs.kinds import available_kinds, form_params
from secarch.web.sources import (
    Source,
    bundled,
    load_source,
    require_source,
    text_digest,
    validate_user_text,
)
from secarch.web.store import JobRecord, Store
from secarch.web.views import clamp_year, entry, list_entries, members_by_year, year_range

router = APIRouter(include_in_schema=False)

NameParam = Annotated[str, Path(max_length=200)]
JOB_ID = re.compile(r"^[0-9a-f]{16}$")


async def _editor_text(request: Request) -> str:
    """The editor's ``text`` field, with Windows line ends made plain.

    The form is read with a per-field limit as large as the whole request may be (``max_body_bytes``):
    Starlette's default, 1 MB a field, counts the field as sent, so a url-encoded copy of a large
    architecture (``history``: 993 kB of YAML, 1.21 MB encoded) would be refused before the application
    could answer with its own limit, and the text would be lost. The editor posts multipart, which sends
    the text as it is; a plain url-encoded post works too.
    """
    settings = request.app.state.settings
    form = await request.form(max_part_size=settings.max_body_bytes)
    value = form.get("text")
    text = value if isinstance(value, str) else ""
    return clean_text(text).replace("\r\n", "\n")


EditorText = Annotated[str, Depends(_editor_text)]


def _render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(request, template, context, status_code=status)
    return response


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    store = _store(request)
    bundled_entries, user_entries = list_entries(store)
    return _render(
        request,
        "index.html",
        {
            "bundled": bundled_entries,
            "mine": user_entries,
            "jobs": store.list_jobs(10),
            "starts": [e.name for e in (*bundled_entries, *user_entries)],
            "kinds": available_kinds(),
        },
    )


@router.post("/architectures", response_class=HTMLResponse)
def create(
    request: Request,
    name: Annotated[str, Form(max_length=200)],
    start: Annotated[str, Form(max_length=200)] = "",
    mode: Annotated[str, Form(max_length=10)] = "copy",
) -> Response:
    problems = service.create_architecture(
        _store(request), request.app.state.settings, name.strip(), start=start or None, mode=mode
    )
    if problems:  # only a broken start could produce this; show the problems
        raise InputError(problems)
    return _see_other(f"/architectures/{name.strip()}/edit")


@router.get("/architectures/{name}", response_class=HTMLResponse)
def architecture(
    request: Request, name: NameParam, year: Annotated[int | None, Query()] = None
) -> HTMLResponse:
    store = _store(request)
    source = require_source(store, name)
    item = entry(store, source)
    context: dict[str, Any] = {"item": item, "kinds": available_kinds()}
    if item.architecture is not None:
        arch = item.architecture
        chosen = clamp_year(arch, year)
        context |= {
            "arch": arch,
            "year": chosen,
            "first": year_range(arch)[0],
            "last": year_range(arch)[1],
            "view": year_view(source, arch, chosen),
            "others": [n for n in (*bundled(), *store.architecture_names()) if n != name],
        }
    return _render(request, "architecture.html", context)


@router.get("/architectures/{name}/year", response_class=HTMLResponse)
def architecture_year(
    request: Request, name: NameParam, year: Annotated[int | None, Query()] = None
) -> HTMLResponse:
    """The members-by-year fragment that the year slider swaps in."""
    source = require_source(_store(request), name)
    arch = load_source(source)
    chosen = clamp_year(arch, year)
    return _render(
        request, "_year.html", {"view": year_view(source, arch, chosen), "year": chosen, "name": name}
    )


def year_view(source: Source, arch: Any, year: int) -> dict[str, Any]:
    """Members by year, and the report's map and network of that year (when the report is installed)."""
    from secarch.web.figures import year_figures

    return {"members": members_by_year(arch, year), **year_figures(arch, text_digest(source.text), year)}


@router.get("/assets/report-figures.css")
def report_figures_css() -> Response:
    """The report's figure styles, scoped (see :func:`secarch.web.figures.figures_css`)."""
    from secarch.web.figures import figures_css, report_available

    if not report_available():
        raise NotFound("the report module is not installed")
    return Response(figures_css(), media_type="text/css", headers={"Cache-Control": "max-age=3600"})


@router.get("/assets/report.js")
def report_script() -> Response:
    from secarch.web.figures import figures_script, report_available

    if not report_available():
        raise NotFound("the report module is not installed")
    return Response(figures_script(), media_type="text/javascript", headers={"Cache-Control": "max-age=3600"})


@router.get("/architectures/{name}/edit", response_class=HTMLResponse)
def edit(request: Request, name: NameParam) -> HTMLResponse:
    store = _store(request)
    source = require_source(store, name)
    draft = None if source.bundled else store.get_draft(name)
    text = draft if draft is not None else source.text
    problems = validate_user_text(text, name) if draft is not None else []
    return _render(
        request,
        "editor.html",
        {
            "name": name,
            "text": text,
            "bundled": source.bundled,
            "problems": problems,
            "draft": draft is not None,
        },
    )


@router.post("/architectures/{name}/edit", response_class=HTMLResponse)
def save(request: Request, name: NameParam, text: EditorText) -> Response:
    """Save; on problems, the editor again with the user's text as sent (422; the text is also kept as the
    draft). A text over the size limit comes back the same way (413), with the limit as its problem; it is
    not kept as a draft, since the server keeps no text that large."""
    store = _store(request)
    source = require_source(store, name)
    if source.bundled:
        raise Conflict(f"{name!r} is a bundled architecture and cannot be changed", hint="make a copy of it")
    status, kept = 422, True
    try:
        problems = service.save_architecture(store, request.app.state.settings, name, text)
    except InputError as error:  # refused before validation: the text stays on the page all the same
        problems, kept = list(error.problems), False
    except TooLarge as error:
        problems = [Problem(error.message, Location(file=name), None, error.hint, "too_large")]
        status, kept = TooLarge.status, False
    if not problems:
        return _see_other(f"/architectures/{name}?saved=1")
    return _render(
        request,
        "editor.html",
        {
            "name": name,
            "text": text,
            "bundled": False,
            "problems": problems,
            "draft": kept,
            "unkept": not kept,
        },
        status=status,
    )


@router.post("/architectures/{name}/validate", response_class=HTMLResponse)
def validate(request: Request, name: NameParam, text: EditorText) -> HTMLResponse:
    """The problems fragment for the editor's live validation (always 200, so htmx swaps it in)."""
    require_source(_store(request), name)
    problems: list[Problem]
    try:
        service.check_text_size(text, request.app.state.settings)
        problems = validate_user_text(text, name)
    except InputError as error:
        problems = list(error.problems)
    except TooLarge as error:
        problems = [Problem(error.message, Location(file=name), None, error.hint, "too_large")]
    except Exception as error:  # the fragment shows any refusal as a problem instead of failing the swap
        message = getattr(error, "message", None) or str(error)
        problems = [Problem(message)]
    return _render(request, "_problems.html", {"problems": problems, "checked": True, "name": name})


@router.post("/architectures/{name}/discard-draft")
def discard_draft(request: Request, name: NameParam) -> Response:
    store = _store(request)
    require_source(store, name)
    store.delete_draft(name)
    return _see_other(f"/architectures/{name}/edit")


@router.post("/architectures/{name}/delete")
def delete(request: Request, name: NameParam) -> Response:
    store = _store(request)
    if require_source(store, name).bundled:
        raise Conflict(f"{name!r} is a bundled architecture and cannot be deleted")
    store.delete_architecture(name)
    return _see_other("/")


def _job_or_404(request: Request, job_id: str, with_result: bool = True) -> JobRecord:
    job = _store(request).get_job(job_id, with_result=with_result) if JOB_ID.match(job_id) else None
    if job is None:
        raise NotFound(f"no job {job_id[:40]!r}")
    return job


@router.get("/jobs", response_class=HTMLResponse)
def jobs(request: Request) -> HTMLResponse:
    store = _store(request)
    entries = [*bundled(), *store.architecture_names()]
    return _render(
        request,
        "jobs.html",
        {"jobs": store.list_jobs(200), "kinds": available_kinds(), "names": entries},
    )


@router.post("/jobs")
async def submit(request: Request) -> Response:
    """A job from a form: ``kind``, one or more ``architecture`` fields and ``p.NAME`` parameters (empty
    fields take the parameter's default)."""
    form = await request.form()
    kind = str(form.get("kind", ""))[:40]
    names = [str(v)[:200] for v in form.getlist("architecture") if str(v)]
    params: dict[str, Any] = {}
    for key, value in form.multi_items():
        if key.startswith("p.") and isinstance(value, str) and value.strip():
            params[key[2:][:60]] = _form_value(value.strip())
    if kind in available_kinds():
        params = form_params(available_kinds()[kind], params)
    state = request.app.state
    job = service.submit_job(state.store, state.jobs, state.settings, kind, names, params)
    return _see_other(f"/jobs/{job.id}")


def _form_value(text: str) -> Any:
    if re.fullmatch(r"-?\d{1,12}", text):
        return int(text)
    if re.fullmatch(r"-?\d{1,12}\.\d{1,12}", text):
        return float(text)
    return text


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    job = _job_or_404(request, job_id)
    return _render(request, "job.html", {"job": job, "kind": available_kinds().get(job.kind)})


@router.get("/jobs/{job_id}/status", response_class=HTMLResponse)
def job_status(request: Request, job_id: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    """The live part of the job page: progress while it runs (polled by htmx), the result once done."""
    job = _job_or_404(request, job_id)
    return _render(request, "_job.html", {"job": job})


@router.post("/jobs/{job_id}/cancel", response_class=HTMLResponse)
def cancel(request: Request, job_id: Annotated[str, Path(max_length=100)]) -> Response:
    _job_or_404(request, job_id, with_result=False)
    request.app.state.jobs.cancel(job_id)
    if request.headers.get("hx-request"):
        return _render(request, "_job.html", {"job": _job_or_404(request, job_id)})
    return _see_other(f"/jobs/{job_id}")
