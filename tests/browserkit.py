"""Launching Debian's Chromium through Playwright for the browser tests (never a downloaded browser).

Where /usr/bin/chromium or Playwright is absent the test is skipped with the reason, unless the environment
sets SECARCH_REQUIRE_BROWSER=1 (as .ci/run does): then the absence is a failure.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("SECARCH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SECARCH_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright ``Browser``), closed at the end."""
    problems = []
    if not CHROMIUM.exists():
        problems.append(f"{CHROMIUM} is absent (apt-get install chromium)")
    try:
        import playwright.sync_api
    except ImportError:
        problems.append("the playwright package is not installed (dev extra)")
    if problems:
        _unavailable("; ".join(problems))
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        yield browser
        browser.close()
