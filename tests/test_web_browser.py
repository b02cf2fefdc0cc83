"""End to end in a real browser (Playwright driving Debian's Chromium at /usr/bin/chromium; no browser is
downloaded): open the app, edit an architecture, introduce an error and see the located message, fix it,
move the year slider, run a crisis simulation (the principle checks where the simulation engine is not
installed) and see its result; open the API documentation page. No page logs an error in the browser's
console and no request leaves the application's own address.

Skips where /usr/bin/chromium or Playwright is absent — unless SECARCH_REQUIRE_BROWSER=1 (set by .ci/run),
which turns the absence into a failure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")

from browserkit import chromium
from webkit import live_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(tmp_path_factory.mktemp("web-browser")) as url:
        yield url


def test_edit_fix_and_run(browser: Any, base_url: str) -> None:
    """Oracles: the line of the error the test types (a misspelt key, which the message must name with its
    line and a "did you mean"); the saved text equals the fixed text; the job's page reaches "done" and
    shows the job's result tables; the JSON download is that job's."""
    from playwright.sync_api import expect

    page = browser.new_page()
    page.set_default_timeout(60_000)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url) else None)
    console = watch_console(page, expected_failures={"/architectures/e2e/edit": 422})

    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="Security architectures")).to_be_visible()
    expect(page.locator("a", has_text="example").first).to_be_visible()

    # Create a copy of the bundled example and land in its editor.
    form = page.locator("form.new")
    form.locator("input[name=name]").fill("e2e")
    form.locator("select[name=start]").select_option("example")
    form.get_by_role("button", name="Create and edit").click()
    page.wait_for_url(re.compile(r"/architectures/e2e/edit$"))
    editor = page.locator("textarea#text")
    original = editor.input_value()
    assert original.startswith("# A small, real example") and "name: e2e" in original

    # Introduce an error: the live check names the line and suggests the fix; the text stays as typed.
    broken = original.replace("\ntitle: ", "\ntitel: ", 1)
    line = broken.splitlines().index(next(s for s in broken.splitlines() if s.startswith("titel:"))) + 1
    editor.fill(broken)
    problems = page.locator("#problems")
    expect(problems).to_contain_text("unknown key 'titel'")
    expect(problems.locator("li", has_text="unknown key")).to_contain_text(f"line {line}, column")
    expect(problems).to_contain_text("did you mean 'title'?")
    problems.locator("li", has_text="unknown key").locator("a.goto").click()
    expect(page.locator("#cursor")).to_contain_text(f"line {line}, column")

    # Saving refuses, and the page comes back with the user's text and the located message.
    page.locator("#save").click()
    expect(page.locator("#problems")).to_contain_text(f"line {line}")
    assert page.locator("textarea#text").input_value() == broken

    # Fix it: the live check agrees, the save goes through.
    fixed = broken.replace("\ntitel: ", "\ntitle: ", 1).replace("(small example)", "(edited in a browser)")
    page.locator("textarea#text").fill(fixed)
    expect(page.locator("#problems")).to_contain_text("No problems")
    page.locator("#save").click()
    page.wait_for_url(re.compile(r"/architectures/e2e\?saved=1$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("(edited in a browser)")
    saved = page.request.get(base_url + "/api/architectures/e2e").json()["text"]
    assert saved == fixed

    # The year slider swaps in that year's members.
    page.locator("#year").fill("2021")
    expect(page.locator("#year-view")).to_contain_text("On 2021-07-01")

    # Run a crisis simulation (or, where that engine is not installed, the principle checks) and see the
    # result, with the progress shown while it runs.
    from secarch.web.jobs.kinds import available_kinds

    if "simulate" in available_kinds():
        form = page.locator("form.job", has=page.locator("input[name=kind][value=simulate]"))
        form.locator("input[name='p.years']").fill("5")
        form.locator("input[name='p.runs']").fill("400")
        form.locator("input[name='p.seed']").fill("7")
        expected_title, expected_table = "Crisis simulation of e2e", "Headline estimates"
    else:
        form = page.locator("form.job", has=page.locator("input[name=kind][value=check]"))
        expected_title, expected_table = "Principle checks of e2e", "Findings"
    form.get_by_role("button").click()
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f]{16}$"))
    expect(page.locator("#job-state")).to_have_text("done", timeout=120_000)
    expect(page.locator("#result")).to_contain_text(expected_table)
    expect(page.locator("#result")).to_contain_text(expected_title)
    json_link = page.get_by_role("link", name="JSON")
    document = page.request.get(base_url + json_link.get_attribute("href")).json()
    assert document["job"]["status"] == "done" and document["result"]["data"]["architecture"] == "e2e"
    assert outside == []  # every asset came from the app itself
    assert console == []
    page.close()


def watch_console(page: Any, expected_failures: dict[str, int] | None = None) -> list[str]:
    """The errors the page logs in the browser's console (failed loads such as a missing favicon included)
    and its uncaught script errors, collected as they happen. ``expected_failures`` maps a path to the
    status the test provokes there on purpose (the editor's save with problems answers 422, with the text
    kept on the page); Chromium logs that answer as a failed load, which is not an error of the page."""
    allowed = [(f"status of {status} ", path) for path, status in (expected_failures or {}).items()]
    errors: list[str] = []

    def on_console(message: Any) -> None:
        if message.type != "error":
            return
        url = str(message.location.get("url", ""))
        if any(text in message.text and url.endswith(path) for text, path in allowed):
            return
        errors.append(f"{message.type}: {message.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


def test_api_documentation_page(browser: Any, base_url: str) -> None:
    """Oracles: the application's own OpenAPI schema (the page lists its operations, e.g. POST /api/validate);
    every request the page makes goes to the application (Swagger UI is served from the swagger-ui-bundle
    wheel's files, not a CDN); nothing is logged as an error."""
    from playwright.sync_api import expect

    page = browser.new_page()
    page.set_default_timeout(60_000)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url) else None)
    console = watch_console(page)
    page.goto(base_url + "/")
    page.get_by_role("link", name="API").click()
    page.wait_for_url(base_url + "/docs")
    operations = page.locator(".swagger-ui .opblock-summary-path")
    expect(operations.first).to_be_visible()
    expect(page.locator(".swagger-ui")).to_contain_text("/api/validate")
    expect(page.locator(".swagger-ui")).to_contain_text("/api/architectures/{name}/members")
    assert outside == []
    assert console == []
    page.close()


def test_editor_keeps_a_text_over_the_limit(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Oracle: the limit the test sets (8 000 bytes of text) and the text it types. A text over the limit is
    not sent at all — neither the live check nor the save (the server would refuse it, and a body over its
    own limit could not come back to the editor) — and stays in the editor with the problem shown."""
    from playwright.sync_api import expect

    with live_server(tmp_path_factory.mktemp("web-limit"), max_text_bytes=8_000) as url:
        page = browser.new_page()
        page.set_default_timeout(60_000)
        console = watch_console(page)
        page.request.post(url + "/api/architectures", data={"name": "tiny", "start": "example"})
        sent: list[str] = []
        page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
        page.goto(url + "/architectures/tiny/edit")
        editor = page.locator("textarea#text")
        text = editor.input_value() + "# " + "é" * 1_000 + "\n"  # 2 000 bytes more than the example
        editor.fill(text)
        expect(page.locator("#problems")).to_contain_text("more than the 8000 this server keeps")
        page.locator("#save").click()
        expect(page.locator("#problems")).to_contain_text("more than the 8000 this server keeps")
        assert page.url == url + "/architectures/tiny/edit"
        assert editor.input_value() == text
        assert sent == []
        assert console == []
        page.close()
