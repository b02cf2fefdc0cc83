"""The web application on the report module (secarch.report): the year view's map and network are the
report's own figures, and the assess and compare jobs are the report's JSON and HTML. Skips where the
report module is not installed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")
report_module = pytest.importorskip("secarch.report")
registry_module = pytest.importorskip("secarch.report.registry")

from webkit import client, wait_for_job  # noqa: E402

VARIANT = (
    "extends: example\nname: no-uzb-sco\ntitle: Example without Uzbekistan in the SCO\n"
    "remove:\n  memberships:\n    - {organisation: SCO, state: UZB}\n"
)


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with client(tmp_path_factory.mktemp("web-report")) as test_client:
        assert (
            test_client.post("/api/architectures", json={"name": "no-uzb-sco", "text": VARIANT}).status_code
            == 201
        )
        yield test_client


def test_year_view_draws_the_reports_figures(http: Any) -> None:
    """Oracle: the report's map and network sections rendered for the same architecture and year."""
    from secarch.report import ReportOptions, build_report
    from secarch.report.registry import sections
    from secarch.spec import load_architecture

    report = build_report(
        [load_architecture("example")], ReportOptions(year="2022", sections=("map", "network"))
    )
    registry = sections()
    fragment = http.get("/architectures/example/year", params={"year": 2022}).text
    for entry in report["sections"]:
        assert registry[entry["id"]].html(entry, report) in fragment
    css = http.get("/assets/report-figures.css")
    assert css.status_code == 200 and ".report-figures figure.map" in css.text and "body" not in css.text


def test_compare_job_is_the_report(http: Any) -> None:
    """Oracle: ``build_report`` on the same architectures with the report's default options; the HTML
    download is ``render_html`` of that JSON; the CSV is the summary section's numbers."""
    from secarch.web.jobs.worker import to_json
    from secarch.web.sources import get_source, load_source

    job = http.post("/api/jobs", json={"kind": "compare", "architectures": ["example", "no-uzb-sco"]}).json()
    done = wait_for_job(http, job["id"], timeout=300)
    assert done["status"] == "done", done
    result = http.get(f"/api/jobs/{job['id']}/result").json()["result"]
    store = http.app.state.store
    archs = [load_source(get_source(store, name)) for name in ("example", "no-uzb-sco")]  # type: ignore[arg-type]
    import json

    expected = json.loads(to_json(report_module.build_report(archs, report_module.ReportOptions())))
    for report in (result["data"], expected):  # the versions' table carries the run's time stamps
        report.pop("generated", None)
    assert result["data"]["sections"] == expected["sections"]
    html = http.get(f"/api/jobs/{job['id']}/report.html").text
    assert html == report_module.render_html(result["data"])
    rows = http.get(f"/api/jobs/{job['id']}/result.csv").text.splitlines()
    assert rows[0] == "measure,example,no-uzb-sco"
    page = http.get(f"/jobs/{job['id']}").text
    assert f'src="/api/jobs/{job["id"]}/report.html"' in page


def test_compare_needs_two(http: Any) -> None:
    response = http.post("/api/jobs", json={"kind": "compare", "architectures": ["example"]})
    assert response.status_code == 422 and "2 to 4" in response.json()["message"]
