"""The JSON API under ``/api``: architectures (list, read, create, save, delete, validate, members by
year), job kinds, jobs (submit, status, cancel) and results (JSON, CSV, HTML). The pages use the same
operations (:mod:`secarch.web.service`). Documented by the OpenAPI schema at ``/openapi.json``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from pydantic import BaseModel, Field

from secarch.errors import InputError
from secarch.web import results, service
from secarch.web.encoding import CheckedRoute
from secarch.web.errors import Conflict, NotFound
from secarch.web.jobs.kinds import available_kinds
from secarch.web.sources import NAME_PATTERN, require_source, validate_user_text
from secarch.web.store import JobRecord, Store
from secarch.web.views import clamp_year, entry, list_entries, members_by_year, year_range

router = APIRouter(prefix="/api", tags=["api"], route_class=CheckedRoute)

JOB_ID_PATTERN = r"^[0-9a-f]{16}$"
NameParam = Annotated[str, Path(max_length=200, description="Architecture name.")]
JobIdParam = Annotated[str, Path(max_length=100, description="Job id (16 hex digits).")]


class Problem(BaseModel):
    kind: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    expected: str | None = None
    hint: str | None = None


class ErrorBody(BaseModel):
    error: str
    message: str
    hint: str | None = None
    problems: list[Problem] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "Bad request"),
        (404, "Not found"),
        (409, "Conflict"),
        (413, "Too large"),
        (422, "Invalid input, with located problems"),
        (429, "Too many jobs"),
    )
}


class ArchitectureSummary(BaseModel):
    name: str
    bundled: bool
    title: str
    extends: str | None
    updated: str | None
    has_draft: bool


class ArchitectureDetail(BaseModel):
    name: str
    bundled: bool
    title: str
    valid: bool
    period: dict[str, str] | None
    date: str | None
    updated: str | None
    has_draft: bool
    text: str
    draft: str | None
    problems: list[Problem]


class TextBody(BaseModel):
    text: str = Field(description="The architecture file (YAML).")


class NewArchitecture(BaseModel):
    name: str = Field(max_length=200, description=f"New name, pattern {NAME_PATTERN}.")
    text: str | None = Field(None, description="The file; if absent, start from `start` or a template.")
    start: str | None = Field(None, max_length=200, description="Architecture to start from.")
    mode: Literal["copy", "extend"] = Field("copy", description="Copy `start`, or extend it (bundled only).")


class ValidateBody(BaseModel):
    text: str
    name: str = Field("draft", max_length=200, description="The name the text would be saved under.")


class Validation(BaseModel):
    valid: bool
    problems: list[Problem]


class SaveResult(BaseModel):
    saved: bool
    name: str
    problems: list[Problem]


class JobRequest(BaseModel):
    kind: str = Field(max_length=40, description="A job kind (GET /api/job-kinds).")
    architectures: list[Annotated[str, Field(max_length=200)]] = Field(min_length=1, max_length=8)
    params: dict[str, Any] = Field(default_factory=dict, description="The kind's parameters.")


class JobKindInfo(BaseModel):
    id: str
    title: str
    description: str
    architectures: dict[str, int]
    params: dict[str, Any]


class Job(BaseModel):
    id: str
    kind: str
    architectures: list[str]
    params: dict[str, Any]
    size: int
    status: str
    progress: float
    message: str
    created: str
    started: str | None
    finished: str | None
    error: dict[str, Any] | None


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _job(request: Request, job_id: str, *, with_result: bool = False) -> JobRecord:
    import re

    job = (
        _store(request).get_job(job_id, with_result=with_result) if re.match(JOB_ID_PATTERN, job_id) else None
    )
    if job is None:
        raise NotFound(f"no job {job_id[:40]!r}")
    return job


def _problems(items: list[Any]) -> list[dict[str, Any]]:
    return [p.as_dict() for p in items]


@router.get("/architectures", response_model=list[ArchitectureSummary])
def list_architectures(request: Request) -> list[dict[str, Any]]:
    """Bundled architectures, then the user's."""
    bundled_entries, user_entries = list_entries(_store(request))
    return [e.as_dict() for e in (*bundled_entries, *user_entries)]


@router.post("/architectures", status_code=201, response_model=SaveResult, responses=ERRORS)
def create_architecture(request: Request, body: NewArchitecture, response: Response) -> dict[str, Any]:
    """Create an architecture; 422 with located problems if its text does not validate (nothing saved)."""
    problems = service.create_architecture(
        _store(request),
        request.app.state.settings,
        body.name,
        text=body.text,
        start=body.start,
        mode=body.mode,
    )
    if problems:
        response.status_code = 422
    return {"saved": not problems, "name": body.name, "problems": _problems(problems)}


@router.get("/architectures/{name}", response_model=ArchitectureDetail, responses=ERRORS)
def get_architecture(request: Request, name: NameParam) -> dict[str, Any]:
    store = _store(request)
    source = require_source(store, name)
    item = entry(store, source)
    return {
        **item.as_dict(),
        "text": source.text,
        "draft": None if source.bundled else store.get_draft(name),
        "problems": _problems(list(item.problems)),
    }


@router.put("/architectures/{name}", response_model=SaveResult, responses=ERRORS)
def save_architecture(
    request: Request, name: NameParam, body: TextBody, response: Response
) -> dict[str, Any]:
    """Save a user architecture. With problems (422) nothing is saved and the text is kept as its draft."""
    problems = service.save_architecture(_store(request), request.app.state.settings, name, body.text)
    if problems:
        response.status_code = 422
    return {"saved": not problems, "name": name, "problems": _problems(problems)}


@router.delete("/architectures/{name}", status_code=204, responses=ERRORS)
def delete_architecture(request: Request, name: NameParam) -> Response:
    store = _store(request)
    source = require_source(store, name)
    if source.bundled:
        raise Conflict(f"{name!r} is a bundled architecture and cannot be deleted")
    store.delete_architecture(name)
    return Response(status_code=204)


@router.get("/architectures/{name}/members", responses=ERRORS)
def architecture_members(
    request: Request, name: NameParam, year: Annotated[int | None, Query(ge=1, le=9999)] = None
) -> dict[str, Any]:
    """Who belongs to what, which agreements are in force and which disputes are active in ``year``
    (``secarch show --json``; default: the year of the reference date). A year outside the architecture's
    period is refused (422, with the period's years), as ``secarch show --year`` refuses it."""
    from secarch.web.sources import load_source

    arch = load_source(require_source(_store(request), name))
    if year is not None:
        first, last = year_range(arch)
        if not first <= year <= last:
            raise InputError.single(
                f"{year} is outside the period of architecture {name!r} ({first}–{last})",
                field="year",
                expected=f"a year from {first} to {last}",
                hint="choose a year inside the period, or leave `year` out for the reference date",
                kind="year_outside_period",
            )
    return members_by_year(arch, clamp_year(arch, year))


@router.post("/validate", response_model=Validation, responses=ERRORS)
def validate(request: Request, body: ValidateBody) -> dict[str, Any]:
    """Validate an architecture text without saving it: every problem with its line and column."""
    from secarch.web.sources import check_name

    service.check_text_size(body.text, request.app.state.settings)
    problems = validate_user_text(body.text, check_name(body.name))
    return {"valid": not problems, "problems": _problems(problems)}


@router.get("/schema/architecture")
def architecture_schema() -> dict[str, Any]:
    """The JSON Schema of architecture files."""
    from secarch.spec import architecture_file_schema

    return architecture_file_schema()


@router.get("/job-kinds", response_model=list[JobKindInfo])
def job_kinds() -> list[dict[str, Any]]:
    """The kinds of job this server runs, with the JSON Schema of each kind's parameters."""
    return [
        {
            "id": kind.id,
            "title": kind.title,
            "description": kind.description,
            "architectures": {"min": kind.min_architectures, "max": kind.max_architectures},
            "params": kind.params.model_json_schema(),
        }
        for kind in available_kinds().values()
    ]


@router.post("/jobs", status_code=202, response_model=Job, responses=ERRORS)
def submit_job(request: Request, body: JobRequest) -> dict[str, Any]:
    """Queue a job; follow it at GET /api/jobs/{id}."""
    state = request.app.state
    job = service.submit_job(
        state.store, state.jobs, state.settings, body.kind, body.architectures, body.params
    )
    return job.as_dict()


@router.get("/jobs", response_model=list[Job])
def list_jobs(request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[dict[str, Any]]:
    return [job.as_dict() for job in _store(request).list_jobs(limit)]


@router.get("/jobs/{job_id}", response_model=Job, responses=ERRORS)
def get_job(request: Request, job_id: JobIdParam) -> dict[str, Any]:
    return _job(request, job_id).as_dict()


@router.post("/jobs/{job_id}/cancel", response_model=Job, responses=ERRORS)
def cancel_job(request: Request, job_id: JobIdParam) -> dict[str, Any]:
    """Cancel a queued or running job (409 if it has ended)."""
    _job(request, job_id)
    return request.app.state.jobs.cancel(job_id).as_dict()  # type: ignore[no-any-return]


def _finished(request: Request, job_id: str) -> tuple[JobRecord, dict[str, Any]]:
    job = _job(request, job_id, with_result=True)
    if job.status != "done" or job.result is None:
        raise Conflict(f"job {job_id} has no result ({job.status})", hint="results exist once a job is done")
    return job, job.result


@router.get("/jobs/{job_id}/result", responses=ERRORS)
def job_result(request: Request, job_id: JobIdParam) -> JSONResponse:
    """The job with its full result (JSON download)."""
    job, _ = _finished(request, job_id)
    return JSONResponse(
        results.json_document(job),
        headers={"Content-Disposition": f'attachment; filename="{results.file_stem(job)}.json"'},
    )


@router.get("/jobs/{job_id}/result.csv", response_class=PlainTextResponse, responses=ERRORS)
def job_result_csv(
    request: Request, job_id: JobIdParam, table: Annotated[str | None, Query(max_length=60)] = None
) -> PlainTextResponse:
    """One table of the result as CSV (default: the first)."""
    job, result = _finished(request, job_id)
    chosen = results.find_table(result, table)
    return PlainTextResponse(
        results.table_csv(chosen),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{results.file_stem(job)}-{chosen["id"]}.csv"'
        },
    )


@router.get("/jobs/{job_id}/report.html", response_class=HTMLResponse, responses=ERRORS)
def job_report(request: Request, job_id: JobIdParam, download: bool = False) -> HTMLResponse:
    """A self-contained HTML report of the result (no external resources)."""
    job, result = _finished(request, job_id)
    headers = (
        {"Content-Disposition": f'attachment; filename="{results.file_stem(job)}.html"'} if download else {}
    )
    return HTMLResponse(results.report_html(request.app.state.templates, job, result), headers=headers)
