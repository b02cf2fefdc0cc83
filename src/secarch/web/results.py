"""Downloads of a finished job: the JSON document, each table as CSV, and a self-contained HTML report
(the report module's page when the job produced a report, otherwise the result page without the
application around it)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from secarch.errors import InputError
from secarch.web.store import JobRecord

if TYPE_CHECKING:
    from fastapi.templating import Jinja2Templates

FORMAT = "secarch-web-result"
STATIC = Path(__file__).resolve().parent / "static"


def json_document(job: JobRecord) -> dict[str, Any]:
    """The job (kind, architectures, parameters, times) with its result."""
    return {"format": FORMAT, "format_version": 1, "job": job.as_dict(), "result": job.result}


def file_stem(job: JobRecord) -> str:
    return f"secarch-{job.kind}-{'-'.join(job.architectures)}-{job.id}"[:150]


def find_table(result: dict[str, Any], table_id: str | None) -> dict[str, Any]:
    tables: list[dict[str, Any]] = result.get("tables") or []
    if not tables:
        raise InputError.single("this result has no table", field="table", kind="bad_parameter")
    if table_id is None:
        return tables[0]
    for item in tables:
        if item["id"] == table_id:
            return item
    raise InputError.single(
        f"no table {table_id!r} in this result",
        field="table",
        expected="one of: " + ", ".join(t["id"] for t in tables),
        kind="bad_parameter",
    )


def table_csv(item: dict[str, Any]) -> str:
    """A table as CSV (RFC 4180, a header row; empty cells for missing values; lists joined by ``;``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(item["columns"])
    for row in item["rows"]:
        writer.writerow(
            ["" if v is None else ";".join(map(str, v)) if isinstance(v, list) else v for v in row]
        )
    return buffer.getvalue()


def report_html(templates: Jinja2Templates, job: JobRecord, result: dict[str, Any]) -> str:
    """A standalone HTML page of the result; the report module renders reports it built itself."""
    if result.get("report"):  # the job's data is a report of secarch.report: render it as the report does
        from secarch.report import render_html

        html: str = render_html(result["data"])
        return html
    template = templates.env.get_template("report_standalone.html")
    style = (STATIC / "app.css").read_text(encoding="utf-8")
    return template.render(job=job, result=result, style=style)
