"""Bad or unusual input at every entry of the web application gets a clear 4xx answer in the documented
shape, never a server error, and the editor keeps the user's text: texts as large as the limits allow (sent
url-encoded or multipart), YAML nested too deep, text that is not valid Unicode, FastAPI's own errors, a
year outside the period. Oracles are named in each test."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

pytest.importorskip("fastapi")

from secarch.spec import bundled_path
from secarch.spec.yamlio import MAX_DEPTH
from webkit import client

EXAMPLE = bundled_path("example").read_text(encoding="utf-8")  # type: ignore[union-attr]
STARLETTE_PART_LIMIT = 1024 * 1024
"""Starlette's default limit of one form field (``request.form(max_part_size=…)``), counted as sent."""


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with client(tmp_path_factory.mktemp("web-input")) as test_client:
        for name in ("mine", "deep-target", "odd"):
            test_client.post("/api/architectures", json={"name": name, "start": "example"}).raise_for_status()
        yield test_client


# -- 1. large texts through the editor's form ----------------------------------------------------------
@pytest.mark.slow
def test_a_copy_of_history_goes_through_the_editor(tmp_path: Path) -> None:
    """Oracle: the bundled `history` file itself (993 kB of YAML; more than Starlette's 1 MB per field once
    url-encoded). Saved through the editor's form, url-encoded as a plain HTML form sends it, the saved text
    is exactly the text sent; the live check of the same text, sent multipart as the editor sends it, finds
    no problem."""
    history = bundled_path("history").read_text(encoding="utf-8")  # type: ignore[union-attr]
    text = history.replace('name: "history"', "name: big", 1)
    assert len(urlencode({"text": text}).encode()) > STARLETTE_PART_LIMIT  # the premise of the test
    with client(tmp_path) as http:
        http.post("/api/architectures", json={"name": "big", "start": "example"}).raise_for_status()
        response = http.post("/architectures/big/edit", data={"text": text}, follow_redirects=False)
        assert response.status_code == 303, response.text[:500]
        assert http.get("/api/architectures/big").json()["text"] == text
        checked = http.post("/architectures/big/validate", files={"text": (None, text.encode())})
        assert checked.status_code == 200 and "No problems" in checked.text


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_a_text_over_the_limit_comes_back_in_the_editor(tmp_path: Path, encoding: str) -> None:
    """Oracle: the limits the test sets (an 8 000-byte text limit, a 20 000-byte body limit). A save of a
    text 2 000 bytes longer than the example answers 413 with the editor holding the text as sent and a
    problem naming the limit, saves nothing and keeps no draft (the server keeps no text over its limit);
    the live check shows the same problem."""
    with client(tmp_path, max_text_bytes=8_000, max_body_bytes=20_000) as http:
        http.post("/api/architectures", json={"name": "small", "start": "example"}).raise_for_status()
        before = http.get("/api/architectures/small").json()["text"]
        text = before.replace("title: ", "title: " + "é" * 1_000 + " ", 1)  # 2 bytes a character in UTF-8
        assert len(text.encode()) > 8_000 and len(urlencode({"text": text}).encode()) < 20_000
        form: dict[str, Any] = {"data": {"text": text}}
        if encoding == "multipart":
            form = {"files": {"text": (None, text.encode())}}
        response = http.post("/architectures/small/edit", follow_redirects=False, **form)
        assert response.status_code == 413
        textarea = re.search(r'<textarea id="text"[^>]*>(.*?)</textarea>', response.text, re.S)
        assert textarea is not None and html.unescape(textarea.group(1)) == text
        assert "more than the 8000 this server keeps" in response.text
        assert "not saved" in response.text
        detail = http.get("/api/architectures/small").json()
        assert detail["text"] == before and detail["draft"] is None
        fragment = http.post("/architectures/small/validate", **form)
        assert fragment.status_code == 200 and "more than the 8000" in fragment.text


def test_a_broken_text_is_kept_as_a_draft_whatever_its_encoding(http: Any) -> None:
    """Oracle: the text the test sends (multipart, as the editor sends it): 422, the same text in the page
    and as the draft."""
    broken = EXAMPLE.replace("name: example", "name: mine").replace("\ntitle: ", "\ntitel: ", 1)
    response = http.post("/architectures/mine/edit", files={"text": (None, broken.encode())})
    assert response.status_code == 422 and "titel" in response.text
    assert http.get("/api/architectures/mine").json()["draft"] == broken


# -- 2. YAML nested too deep ---------------------------------------------------------------------------
def deep_text(levels: int) -> str:
    return "a: " + "[" * levels + "]" * levels + "\n"


@pytest.mark.parametrize("levels", [MAX_DEPTH, 400, 100_000])
@pytest.mark.parametrize("entry", ["validate", "put", "create", "editor-save", "editor-check"])
def test_deep_nesting_is_a_located_problem(http: Any, levels: int, entry: str) -> None:
    """Oracle: the position of the bracket that opens level MAX_DEPTH + 1 (line 1, column 3 + MAX_DEPTH:
    `a: ` then the brackets; the mapping is level 1). Every entry that takes a text answers with that
    located problem — API: 200 (validate) or 422; editor: 422 with the text kept, or the live fragment."""
    text = deep_text(levels)
    column = len("a: ") + MAX_DEPTH
    if entry == "validate":
        response = http.post("/api/validate", json={"text": text, "name": "deep-target"})
        assert response.status_code == 200
        problems = response.json()["problems"]
    elif entry in ("put", "create"):
        response = (
            http.put("/api/architectures/deep-target", json={"text": text})
            if entry == "put"
            else http.post("/api/architectures", json={"name": f"deep-{levels}", "text": text})
        )
        assert response.status_code == 422
        problems = response.json()["problems"]
    else:
        path = "edit" if entry == "editor-save" else "validate"
        response = http.post(f"/architectures/deep-target/{path}", files={"text": (None, text.encode())})
        assert response.status_code == (422 if entry == "editor-save" else 200)
        assert f'data-line="1" data-column="{column}"' in response.text
        assert f"nesting deeper than {MAX_DEPTH} levels" in response.text
        if entry == "editor-save":
            assert http.get("/api/architectures/deep-target").json()["draft"] == text
        return
    problem = problems[0]
    assert problem["kind"] == "too_deep"
    assert (problem["line"], problem["column"]) == (1, column)
    assert problem["hint"] and problem["expected"]


# -- 3. text that is not valid Unicode -----------------------------------------------------------------
CHECK = {"kind": "check", "architectures": ["example"]}
BODIES = [
    ("POST", "/api/validate", {"text": "name: odd\ntitle: \ud800"}, "text", (2, 8)),
    ("PUT", "/api/architectures/odd", {"text": "name: odd\ntitle: x\udfff"}, "text", (2, 9)),
    ("POST", "/api/architectures", {"name": "new-odd", "text": "name: \ud800"}, "text", (1, 7)),
    ("POST", "/api/architectures", {"name": "\udc80"}, "name", None),
    ("POST", "/api/validate", {"text": "name: x", "name": "a\ud800"}, "name", None),
    ("POST", "/api/jobs", {**CHECK, "kind": "\ud800"}, "kind", None),
    ("POST", "/api/jobs", {**CHECK, "architectures": ["\ud800"]}, "architectures[0]", None),
    ("POST", "/api/jobs", {**CHECK, "params": {"forum": "\udbff"}}, "params.forum", None),
    ("POST", "/api/jobs", {**CHECK, "params": {"\ud800": 1}}, "params", None),
]


@pytest.mark.parametrize(("method", "url", "body", "field", "position"), BODIES)
def test_lone_surrogates_are_refused(
    http: Any, method: str, url: str, body: dict[str, Any], field: str, position: tuple[int, int] | None
) -> None:
    """Oracle: where the test put the lone surrogate escape (JSON allows `\\ud800`; Python decodes it into
    a string that is not Unicode text and cannot be encoded): 422 `invalid_encoding` naming that field
    (and, in an architecture text, its line and column); nothing is saved."""
    raw = json.dumps(body)  # ASCII: each lone surrogate is sent as its escape, e.g. \ud800
    assert re.search(r"\\ud[89ab]|\\ud[c-f]", raw)
    response = http.request(method, url, content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text[:300]
    payload = response.json()
    assert payload["error"] == "invalid_input" and "invalid text encoding" in payload["message"]
    problem = payload["problems"][0]
    assert problem["kind"] == "invalid_encoding" and problem["field"] == field
    if position is not None:
        assert (problem["line"], problem["column"]) == position
    assert http.get("/api/architectures/new-odd").status_code == 404
    assert http.get("/api/architectures/odd").json()["draft"] is None


def test_a_surrogate_pair_is_text(http: Any) -> None:
    """Oracle: JSON's own rule: an escaped surrogate pair is one character (U+1F600 here), valid text."""
    text = EXAMPLE.replace("name: example", "name: draft").replace("(small example)", "(😀)")
    body = json.dumps({"text": text})  # ASCII: the emoji is sent as the pair \ud83d\ude00
    assert "\\ud83d\\ude00" in body
    response = http.post("/api/validate", content=body, headers={"content-type": "application/json"})
    assert response.json() == {"valid": True, "problems": []}


def test_forms_never_carry_surrogates(http: Any) -> None:
    """Property: a form field whose bytes would decode to a lone surrogate (UTF-8 of U+D800, or UTF-7,
    which can spell one) is read as other characters; the editor answers normally, without a server
    error, and shows the text."""
    utf8 = b'--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nname: \xed\xa0\x80\r\n--x--\r\n'
    utf7 = b'--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nname: +2AA-\r\n--x--\r\n'
    for body, charset in ((utf8, "utf-8"), (utf7, "utf-7")):
        headers = {"content-type": f"multipart/form-data; boundary=x; charset={charset}"}
        checked = http.post("/architectures/odd/validate", content=body, headers=headers)
        assert checked.status_code == 200 and "problem" in checked.text
        saved = http.post("/architectures/odd/edit", content=body, headers=headers)
        assert saved.status_code == 422 and re.search(r'<textarea id="text"[^>]*>name: ', saved.text)
    http.post("/architectures/odd/discard-draft")


# -- 6. every error in the documented shape ------------------------------------------------------------
JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status", "error"),
    [
        ("get", "/api/no-such-route", {}, 404, "not_found"),
        ("delete", "/api/validate", {}, 405, "method_not_allowed"),
        ("post", "/api/validate", {"json": {}}, 422, "invalid_input"),
        ("post", "/api/validate", {"json": {"text": 3}}, 422, "invalid_input"),
        ("post", "/api/validate", {"content": b"{not json", "headers": JSON}, 422, "invalid_input"),
        ("post", "/api/validate", {"content": b"[" * 50_000, "headers": JSON}, 400, "bad_request"),
        ("get", "/api/jobs?limit=abc", {}, 422, "invalid_input"),
        ("get", "/api/jobs?limit=0", {}, 422, "invalid_input"),
        ("post", "/api/jobs", {"json": {"kind": "check", "architectures": []}}, 422, "invalid_input"),
        ("get", "/api/architectures/example/members?year=abc", {}, 422, "invalid_input"),
        ("get", "/api/architectures/example/members?year=1500", {}, 422, "invalid_input"),
    ],
)  # fmt: skip
def test_errors_have_the_documented_shape(
    http: Any, method: str, url: str, kwargs: dict[str, Any], status: int, error: str
) -> None:
    """Oracle: docs/web.md: "A problem in a request is answered with a 4xx status and a JSON body
    `{error, message, hint}`; invalid input (422) also lists `problems`" — FastAPI's own errors included
    (no bare `detail`), and the request's input is not echoed back."""
    response = getattr(http, method)(url, **kwargs)
    assert response.status_code == status
    body = response.json()
    assert {"error", "message", "hint"} <= set(body) and "detail" not in body
    assert body["error"] == error and body["message"]
    if status == 422:
        assert body["problems"] and all({"kind", "message", "field"} <= set(p) for p in body["problems"])
        assert all("input" not in p for p in body["problems"])
    if status == 405:
        assert "GET" in response.headers["allow"] or "POST" in response.headers["allow"]


def test_fastapi_errors_on_pages_are_pages(http: Any) -> None:
    """Property: a browser asking for a page that does not exist, or with a malformed query, gets an HTML
    page with the message (and the status), not JSON."""
    page = {"accept": "text/html"}
    missing = http.get("/no/such/page", headers=page)
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "nothing at /no/such/page" in missing.text
    malformed = http.get("/architectures/example?year=abc", headers=page)
    assert malformed.status_code == 422 and malformed.headers["content-type"].startswith("text/html")
    assert "year" in malformed.text


def test_favicon(http: Any) -> None:
    """Oracle: the SVG file in the package; browsers ask for /favicon.ico on every page (a 404 there logs a
    console error) and the pages link the same icon."""
    import xml.etree.ElementTree as ElementTree

    from secarch.web.app import HERE

    response = http.get("/favicon.ico")
    assert response.status_code == 200 and response.headers["content-type"].startswith("image/svg+xml")
    assert response.content == (HERE / "static" / "favicon.svg").read_bytes()
    assert ElementTree.fromstring(response.content).tag.endswith("svg")
    assert '<link rel="icon" href="/static/favicon.svg"' in http.get("/").text
