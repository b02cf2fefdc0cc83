"""Assets of the web application: the vendored htmx matches its registry record, no template or script
loads anything from another host, the CLI verb is registered; and the text validation the editor uses
never fails on any input (fuzzed)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

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
