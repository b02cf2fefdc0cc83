"""The web application's architectures, editor, validation and limits, through its HTTP interface."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from secarch.spec import bundled_path
from webkit import client

EXAMPLE = bundled_path("example").read_text(encoding="utf-8")  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with client(tmp_path_factory.mktemp("web-api")) as test_client:
        yield test_client


def line_of(text: str, fragment: str) -> int:
    """1-based number of the first line of ``text`` that contains ``fragment``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_lists_bundled_and_user_architectures(http: Any) -> None:
    """Oracle: ``secarch.spec.bundled_names()`` lists the bundled ones; a created one follows, not bundled."""
    from secarch.spec import bundled_names

    http.post("/api/architectures", json={"name": "listed", "start": "example"}).raise_for_status()
    rows = http.get("/api/architectures").json()
    assert [r["name"] for r in rows if r["bundled"]] == bundled_names()
    mine = [r for r in rows if not r["bundled"]]
    assert "listed" in [r["name"] for r in mine]
    page = http.get("/")
    assert page.status_code == 200 and "listed" in page.text and "example" in page.text


def test_members_by_year_are_describe(http: Any) -> None:
    """Oracle: ``secarch.model.summary.describe`` (what ``secarch show --json`` prints) for the same year."""
    from secarch.model.summary import describe
    from secarch.spec import load_architecture

    arch = load_architecture("example")
    for year in (2020, 2023):
        got = http.get("/api/architectures/example/members", params={"year": year}).json()
        assert got == json.loads(json.dumps(describe(arch, year)))
    fragment = http.get("/architectures/example/year", params={"year": 2021})
    assert fragment.status_code == 200
    assert "2021-07-01" in fragment.text and "CSTO" in fragment.text
    # The page's year slider keeps within the period (a year outside it shows the nearest end)...
    assert "2020-07-01" in http.get("/architectures/example/year", params={"year": 1900}).text


@pytest.mark.parametrize("year", [1500, 1900, 2019, 2026, 9999])
def test_members_year_outside_the_period_is_refused(http: Any, year: int) -> None:
    """Oracle: the CLI, which refuses such a year (``secarch show example --year Y`` exits 2, "outside the
    period"); the answer names the period's years (2020–2025, the example's period)."""
    from clikit import run_cli_process

    response = http.get("/api/architectures/example/members", params={"year": year})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_input" and "outside the period" in body["message"]
    assert body["problems"][0]["field"] == "year"
    assert body["problems"][0]["expected"] == "a year from 2020 to 2025"
    if year == 1500:
        cli = run_cli_process("show", "example", "--year", str(year))
        assert cli.returncode == 2 and "outside the period" in cli.stderr


def test_validation_points_at_the_line(http: Any) -> None:
    """Oracle: the line where the test put the error (an invalid state code in a membership)."""
    broken = EXAMPLE.replace("{organisation: SCO, state: UZB", "{organisation: SCO, state: UZBEK", 1)
    expected_line = line_of(broken, "state: UZBEK")
    body = http.post("/api/validate", json={"text": broken, "name": "draft"}).json()
    assert not body["valid"]
    problem = body["problems"][0]
    assert problem["line"] == expected_line
    assert "memberships" in problem["field"] and problem["field"].endswith("state")
    assert problem["expected"]
    assert http.post(
        "/api/validate", json={"text": EXAMPLE.replace("name: example", "name: draft")}
    ).json() == {
        "valid": True,
        "problems": [],
    }


def test_yaml_syntax_error_is_located(http: Any) -> None:
    """Oracle: the line of an unclosed flow mapping the test wrote."""
    broken = EXAMPLE.replace("period: {start: 2020-01-01, end: 2025-06-30}", "period: {start: 2020-01-01", 1)
    problems = http.post("/api/validate", json={"text": broken}).json()["problems"]
    assert problems and problems[0]["line"] is not None
    assert problems[0]["line"] >= line_of(broken, "period: {start")


def test_editor_keeps_the_text_on_error_and_saves_the_fix(http: Any) -> None:
    """Property: a save with an error changes nothing saved, answers 422 with the user's text in the page and
    keeps it as a draft; the fixed text is saved exactly and the draft is gone."""
    http.post("/api/architectures", json={"name": "edited", "start": "example"}).raise_for_status()
    saved = http.get("/api/architectures/edited").json()["text"]
    broken = saved.replace("title: Central Asia", "titel: Central Asia", 1)
    response = http.post("/architectures/edited/edit", data={"text": broken}, follow_redirects=False)
    assert response.status_code == 422
    assert "titel: Central Asia" in response.text
    assert f"line {line_of(broken, 'titel:')}" in response.text
    assert "did you mean &#39;title&#39;?" in response.text or "did you mean 'title'?" in response.text
    detail = http.get("/api/architectures/edited").json()
    assert detail["text"] == saved and detail["draft"] == broken
    assert "titel: Central Asia" in http.get("/architectures/edited/edit").text  # the draft comes back
    fixed = broken.replace("titel:", "title:").replace("(small example)", "(edited)")
    response = http.post("/architectures/edited/edit", data={"text": fixed}, follow_redirects=False)
    assert response.status_code == 303
    detail = http.get("/api/architectures/edited").json()
    assert detail["text"] == fixed and detail["draft"] is None and detail["title"].endswith("(edited)")


def test_live_validation_fragment(http: Any) -> None:
    """Oracle: the located message for a misspelt key, in the fragment htmx swaps in (always 200)."""
    http.post("/api/architectures", json={"name": "live", "start": "example"}).raise_for_status()
    text = http.get("/api/architectures/live").json()["text"].replace("period:", "periode:", 1)
    fragment = http.post("/architectures/live/validate", data={"text": text})
    assert fragment.status_code == 200
    assert f'data-line="{line_of(text, "periode:")}"' in fragment.text
    assert "unknown key" in fragment.text


def test_put_api_keeps_draft_and_reports_problems(http: Any) -> None:
    """Property: PUT with a bad text answers 422 with located problems and saves nothing."""
    http.post("/api/architectures", json={"name": "put-me", "start": "example"}).raise_for_status()
    before = http.get("/api/architectures/put-me").json()["text"]
    bad = before.replace("date: 2025-06-30", "date: 2025-02-30", 1)
    response = http.put("/api/architectures/put-me", json={"text": bad})
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert problem["line"] == line_of(bad, "date: 2025-02-30") and problem["kind"] == "invalid_date"
    assert http.get("/api/architectures/put-me").json()["text"] == before


def test_name_must_match(http: Any) -> None:
    """Oracle: the `name:` line of the text, which names another architecture."""
    http.post("/api/architectures", json={"name": "named", "start": "example"}).raise_for_status()
    text = http.get("/api/architectures/named").json()["text"].replace("name: named", "name: other", 1)
    problems = http.put("/api/architectures/named", json={"text": text}).json()["problems"]
    assert problems[0]["kind"] == "name_mismatch" and problems[0]["line"] == line_of(text, "name: other")


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../../etc/hosts", "today/../../x", "named"])
def test_extends_reads_no_file(http: Any, target: str) -> None:
    """Property: ``extends`` must name a bundled architecture; anything else (a path, a user architecture)
    is a located problem and no file is read."""
    text = f"extends: {target}\nname: sneaky\ntitle: x\n"
    problems = http.post("/api/validate", json={"text": text, "name": "sneaky"}).json()["problems"]
    assert [p["kind"] for p in problems] == ["bad_extends"]
    assert problems[0]["line"] == 1
    assert "root:" not in json.dumps(problems)


def test_extends_a_bundled_architecture(http: Any) -> None:
    """Oracle: the extending file's participants are the parent's plus the one it adds."""
    from secarch.spec import load_architecture

    text = "extends: example\nname: plus-mng\ntitle: Example and Mongolia\nadd:\n  participants: [MNG]\n"
    assert http.post("/api/architectures", json={"name": "plus-mng", "text": text}).status_code == 201
    members = http.get("/api/architectures/plus-mng/members").json()
    assert members["states"] == sorted([*load_architecture("example").participants, "MNG"]) or set(
        members["states"]
    ) == {*load_architecture("example").participants, "MNG"}
    created = http.post("/api/architectures", json={"name": "ext2", "start": "example", "mode": "extend"})
    assert created.status_code == 201
    assert http.get("/api/architectures/ext2").json()["text"].startswith("# ext2")


@pytest.mark.parametrize(
    ("method", "url", "body", "status"),
    [
        ("get", "/api/architectures/no-such-thing", None, 404),
        ("get", "/api/architectures/..%2F..%2Fetc%2Fpasswd", None, 404),
        ("get", "/architectures/UPPER", None, 404),
        ("put", "/api/architectures/example", {"text": EXAMPLE}, 409),
        ("delete", "/api/architectures/example", None, 409),
        ("post", "/api/architectures", {"name": "example"}, 409),
        ("post", "/api/architectures", {"name": "Bad Name"}, 422),
        ("post", "/api/architectures", {"name": "x", "start": "../etc"}, 422),
        ("post", "/api/architectures", {"name": "y", "start": "missing"}, 404),
        ("get", "/api/jobs/0123456789abcdef", None, 404),
        ("get", "/api/jobs/not-a-job", None, 404),
        ("post", "/api/jobs", {"kind": "nope", "architectures": ["example"]}, 422),
        ("post", "/api/jobs", {"kind": "check", "architectures": ["example"], "params": {"year": 1800}}, 422),
        ("post", "/api/jobs", {"kind": "check", "architectures": ["example"], "params": {"bogus": 1}}, 422),
        ("post", "/api/jobs", {"kind": "check", "architectures": ["example", "example"]}, 422),
    ],
)
def test_clear_client_errors(http: Any, method: str, url: str, body: Any, status: int) -> None:
    """Property: bad requests get the stated 4xx with a message, never a server error."""
    response = getattr(http, method)(url, **({"json": body} if body is not None else {}))
    assert response.status_code == status
    if response.headers.get("content-type", "").startswith("application/json"):
        payload = response.json()
        assert payload.get("message") or payload.get("detail")


def test_job_year_outside_period_is_located(http: Any) -> None:
    """Oracle: the example architecture's period (2020–2025) named in the error."""
    response = http.post(
        "/api/jobs", json={"kind": "check", "architectures": ["example"], "params": {"year": 2010}}
    )
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert "outside the period" in problem["message"] and "2020-01-01" in problem["expected"]


def test_cross_site_post_is_refused(http: Any) -> None:
    """Property: a form posted from another origin (cross-site request forgery) changes nothing."""
    response = http.post(
        "/architectures",
        data={"name": "csrf"},
        headers={"Origin": "http://evil.example"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert http.get("/api/architectures/csrf").status_code == 404


def test_openapi_schema_lists_the_api(http: Any) -> None:
    """Property: every API route is in the OpenAPI schema; the pages are not."""
    paths = http.get("/openapi.json").json()["paths"]
    for path in (
        "/api/architectures",
        "/api/architectures/{name}",
        "/api/validate",
        "/api/jobs",
        "/api/jobs/{job_id}",
    ):
        assert path in paths
    assert "/architectures/{name}/edit" not in paths


def test_limits(tmp_path: Path) -> None:
    """Property: each limit answers with its 4xx and a message naming the limit."""
    with client(tmp_path, max_body_bytes=20_000, max_text_bytes=5_000, max_job_size=3) as http:
        big = {"name": "big", "text": "#" * 30_000}
        response = http.post("/api/architectures", json=big)
        assert response.status_code == 413 and "20000 bytes" in response.json()["message"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it streams in
            yield b'{"text": "'
            for _ in range(10):
                yield b"x" * 4_000
            yield b'"}'

        response = http.post("/api/validate", content=chunks(), headers={"content-type": "application/json"})
        assert response.status_code == 413
        response = http.post("/api/validate", json={"text": "#" * 8_000})
        assert response.status_code == 413 and "5000" in response.json()["message"]
        response = http.post("/api/jobs", json={"kind": "check", "architectures": ["example"]})
        assert response.status_code == 422
        assert (
            response.json()["error"] == "job_too_large"
            and "runs × years × states" in response.json()["message"]
        )


def test_bundled_file_is_read_only_in_the_editor(http: Any) -> None:
    page = http.get("/architectures/example/edit")
    assert page.status_code == 200 and "readonly" in page.text and "name: example" in page.text
    response = http.post("/architectures/example/edit", data={"text": EXAMPLE}, follow_redirects=False)
    assert response.status_code == 409


def test_delete(http: Any) -> None:
    http.post("/api/architectures", json={"name": "gone", "start": "example"}).raise_for_status()
    assert http.delete("/api/architectures/gone").status_code == 204
    assert http.get("/api/architectures/gone").status_code == 404


def test_every_kind_has_a_form(http: Any) -> None:
    """Property: the architecture page offers one form per available kind, with one field per parameter
    (named p.NAME), so each parameter can be set from the page."""
    from secarch.web.jobs.kinds import available_kinds, form_fields

    page = http.get("/architectures/example").text
    for kind in available_kinds().values():
        assert f'name="kind" value="{kind.id}"' in page
        for field in form_fields(kind):
            assert f'name="p.{field["name"]}"' in page
            assert field["type"] in ("select", "number", "checkbox", "text", "list")
