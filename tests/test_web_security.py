"""Security and what-if jobs (secarch.security): each job's data is the security model's own output, as
`secarch score --json` and `secarch whatif --json` print it. Skips where the security model is not
installed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")
adapter = pytest.importorskip("secarch.security.adapter")

from webkit import client, wait_for_job  # noqa: E402


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with client(tmp_path_factory.mktemp("web-security")) as test_client:
        yield test_client


def _run(http: Any, body: dict[str, Any]) -> dict[str, Any]:
    response = http.post("/api/jobs", json=body)
    assert response.status_code == 202, response.text
    job = wait_for_job(http, response.json()["id"], timeout=300)
    assert job["status"] == "done", job
    result: dict[str, Any] = http.get(f"/api/jobs/{job['id']}/result").json()["result"]
    return result


def _plain(value: Any) -> Any:
    from secarch.web.jobs.worker import to_json

    return json.loads(to_json(value))


def test_score_job_is_the_model(http: Any) -> None:
    """Oracle: ``build_case(...).scores()`` and ``.classify()`` called directly."""
    from secarch.spec import load_architecture

    result = _run(
        http, {"kind": "score", "architectures": ["example"], "params": {"year": 2022, "elements": True}}
    )
    case = adapter.build_case(load_architecture("example"), 2022)
    expected: dict[str, Any] = {
        "architecture": case.architecture,
        "date": case.date,
        "notes": list(case.notes),
    }
    expected.update(case.scores().as_dict())
    expected["elements"] = case.classify(0.001).as_dict()["elements"]
    expected["threshold"] = 0.001
    assert result["data"] == _plain(expected)
    assert [t["id"] for t in result["tables"]] == ["scores", "elements"]


def test_whatif_job_is_the_model(http: Any) -> None:
    """Oracle: ``what_if`` with the same removal called directly."""
    from secarch.spec import load_architecture

    result = _run(http, {"kind": "whatif", "architectures": ["example"], "params": {"remove": ["csto-art4"]}})
    expected = adapter.what_if(load_architecture("example"), ["csto-art4"]).as_dict()
    assert result["data"] == _plain({"architecture": "example", **expected})


def test_whatif_unknown_element_is_located(http: Any) -> None:
    """Oracle: the model's own located error for an id that names no element, reaching the job record."""
    response = http.post(
        "/api/jobs",
        json={"kind": "whatif", "architectures": ["example"], "params": {"remove": ["no-such-element"]}},
    )
    job = wait_for_job(http, response.json()["id"])
    assert job["status"] == "failed" and job["error"]["kind"] == "input"
    assert "no-such-element" in job["message"]


def test_whatif_form_takes_comma_separated_ids(http: Any) -> None:
    response = http.post(
        "/jobs",
        data={"kind": "whatif", "architecture": "example", "p.remove": "csto-art4, SCO:UZB", "p.year": ""},
        follow_redirects=False,
    )
    assert response.status_code == 303
    job = http.get("/api/jobs/" + response.headers["location"].rsplit("/", 1)[1]).json()
    assert job["params"]["remove"] == ["csto-art4", "SCO:UZB"]
