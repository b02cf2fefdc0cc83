"""Assets of the web application: the vendored htmx matches its registry record, no template or script
loads anything from another host, the CLI verb is registered; and the text validation the editor uses
never fails on any input (fuzzed)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WEB = Path(__file__).resolve().parents[1] / "src" / "secarch" / "web"


def test_vendored_files_match_their_record() -> None:
    """Oracle: the sha256 of each file recorded by scripts/vendor_htmx.py when it fetched the npm package
    (whose tarball it checked against the registry's integrity hash)."""
    record = json.loads((WEB / "static" / "VENDORED.json").read_text())
    assert record["package"] == "htmx.org" and record["registry"] == "npm" and record["licence"] == "0BSD"
    assert record["integrity"].startswith("sha512-")
    for name, digest in record["files"].items():
        assert hashlib.sha256((WEB / "static" / name).read_bytes()).hexdigest() == digest
    assert f'version:"{record["version"]}"' in (WEB / "static" / "htmx.min.js").read_text()


def test_no_external_resources() -> None:
    """Property: templates and our own scripts and styles reference no other host."""
    pattern = re.compile(r"(src|href)\s*=\s*[\"'](https?:)?//", re.IGNORECASE)
    files = [*WEB.joinpath("templates").glob("*.html"), WEB / "static" / "app.js", WEB / "static" / "app.css"]
    for file in files:
        text = file.read_text()
        assert not pattern.search(text), file.name
        assert "url(http" not in text and "@import" not in text, file.name


class _References(HTMLParser):
    """Every URL a page refers to: the attributes that load or link something, and ``url(…)`` in styles."""

    ATTRIBUTES = ("src", "href", "action", "formaction", "poster", "data", "srcset", "manifest")

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name == "srcset":
                self.urls += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
            elif name in self.ATTRIBUTES:
                self.urls.append(value)
            elif name == "style":
                self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", value)

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", data)
            self.urls += re.findall(r"@import\s+['\"]([^'\"]+)", data)


def test_no_page_references_another_host(tmp_path: Path) -> None:
    """Property: no page the application serves — the pages, the editor, a job and its result and report, an
    error page, and the API documentation page (Swagger UI) — refers to another host in any ``src``,
    ``href`` or similar attribute or style (oracle: the parsed HTML; a URL with a host part is another
    host). The documentation page's script and style are the files of the installed wheel."""
    pytest.importorskip("fastapi")
    from webkit import client, wait_for_job

    with client(tmp_path) as http:
        job = http.post("/api/jobs", json={"kind": "check", "architectures": ["example"]}).json()
        assert wait_for_job(http, job["id"])["status"] == "done"
        pages = [
            "/",
            "/architectures/example",
            "/architectures/example/edit",
            "/architectures/example/year?year=2021",
            "/jobs",
            f"/jobs/{job['id']}",
            f"/jobs/{job['id']}/status",
            f"/api/jobs/{job['id']}/report.html",
            "/no/such/page",
            "/docs",
        ]
        for path in pages:
            response = http.get(path, headers={"accept": "text/html"})
            assert response.status_code == (404 if path == "/no/such/page" else 200), path
            parser = _References()
            parser.feed(response.text)
            assert parser.urls or path.endswith("report.html"), path  # the report is self-contained
            elsewhere = [url for url in parser.urls if urlsplit(url.strip()).netloc]
            assert elsewhere == [], (path, elsewhere)
            for url in parser.urls:  # and what it loads from here is there
                target = urlsplit(url.strip())
                if target.scheme in ("", "http") and target.path.startswith(("/static/", "/assets/")):
                    assert http.get(target.path).status_code == 200, (path, url)
        assert http.get("/redoc").status_code == 404  # ReDoc loads fonts from another host: not offered


def test_swagger_ui_comes_from_the_installed_wheel(tmp_path: Path) -> None:
    """Oracle: the files of the installed fastapi-offline wheel (Swagger UI 5, which reads OpenAPI 3.1),
    byte for byte."""
    pytest.importorskip("fastapi")
    fastapi_offline = pytest.importorskip("fastapi_offline")
    from webkit import client

    folder = Path(fastapi_offline.__file__).resolve().parent / "static"
    with client(tmp_path) as http:
        page = http.get("/docs").text
        for name in ("swagger-ui-bundle.js", "swagger-ui.css"):
            assert f"/assets/swagger-ui/{name}" in page
            assert http.get(f"/assets/swagger-ui/{name}").content == (folder / name).read_bytes()
        assert http.get("/assets/swagger-ui/redoc.standalone.js").status_code == 404
        assert http.get("/assets/swagger-ui/..%2F__init__.py").status_code == 404


def test_static_files_are_served(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from webkit import client

    record = json.loads((WEB / "static" / "VENDORED.json").read_text())
    with client(tmp_path) as http:
        body = http.get("/static/htmx.min.js").content
        assert hashlib.sha256(body).hexdigest() == record["files"]["htmx.min.js"]
        assert http.get("/static/../store.py").status_code == 404


def test_serve_is_a_command() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from secarch.cli import main; main(['serve', '--help'])"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "--data-dir" in result.stdout and "--port" in result.stdout


def test_serve_rejects_a_bad_port() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from secarch.cli import main; main(['serve', '--port', '0'])"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2 and "--port" in result.stderr


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=400))
def test_validation_never_fails(text: str) -> None:
    """Property: any text, however broken, gives a list of problems (empty only for a valid architecture
    named like the slot), never an exception."""
    from secarch.web.sources import validate_user_text

    problems = validate_user_text(text, "fuzz")
    assert isinstance(problems, list)
    for problem in problems:
        assert problem.message


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.sampled_from(["extends", "name", "title", "period", "region", "participants"]), st.text(max_size=80)
)
def test_validation_of_mutated_keys_never_fails(key: str, value: str) -> None:
    """Property: a valid file with one top-level value replaced by arbitrary text still validates to a list
    of located problems (or none), never an exception."""
    from secarch.spec import bundled_path
    from secarch.web.sources import validate_user_text

    text = bundled_path("example").read_text().replace("name: example", "name: fuzz")  # type: ignore[union-attr]
    line = f"{key}: {json.dumps(value)}"
    mutated = re.sub(rf"^{key}:.*$", lambda _: line, text, count=1, flags=re.MULTILINE)
    if key == "extends":
        mutated = f"extends: {json.dumps(value)}\n" + text
    problems = validate_user_text(mutated, "fuzz")
    assert all(p.location.line is not None or p.location.field for p in problems)
