"""The HTML report in a real browser: Debian's Chromium driven by Playwright (never a downloaded browser).

The tests skip with a reason where /usr/bin/chromium or Playwright is absent, unless the environment sets
SECARCH_REQUIRE_BROWSER=1 (as .ci/run does): then absence is a failure.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from browserkit import chromium
from report_cases import comparison_report
from report_png import decode_png

HERE = Path(__file__).resolve().parent / "data" / "report"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def comparison_html(tmp_path_factory) -> Path:
    from secarch.report import write_report

    return write_report(comparison_report(), tmp_path_factory.mktemp("report"))["html"]


@pytest.fixture(scope="module")
def opened(browser, comparison_html):
    """The comparison report opened from a file, with every console message and request recorded."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    messages: list[tuple[str, str]] = []
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: messages.append((m.type, m.text)))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(comparison_html.as_uri())
    page.wait_for_load_state("load")
    # Print media hides the sticky table of contents, which would otherwise cover element screenshots.
    page.emulate_media(media="print")
    yield page, messages, errors, requests
    page.close()


def test_no_console_errors_and_no_requests_leave_the_machine(opened, comparison_html):
    """Property: the page loads with no console error or warning, no script error, and requests nothing but
    its own file (the Content-Security-Policy forbids everything else)."""
    _page, messages, errors, requests = opened
    assert errors == []
    assert [m for m in messages if m[0] in ("error", "warning")] == []
    assert requests == [comparison_html.as_uri()]


def _pixels(png: bytes) -> np.ndarray:
    return decode_png(png)[:, :, :3].reshape(-1, 3)


def test_map_screenshot_is_not_blank(opened):
    """Property: the map shows many coloured pixels in several colours, including the membership colour
    (#0072B2) of the defence pact."""
    page = opened[0]
    pixels = _pixels(page.locator("figure.map svg").first.screenshot())
    colours = {tuple(p) for p in pixels[:: max(1, len(pixels) // 20000)]}
    assert len(colours) >= 6
    blue = np.all(np.abs(pixels.astype(int) - [0x00, 0x72, 0xB2]) <= 3, axis=1).mean()
    assert blue > 0.005
    non_white = np.any(pixels < 245, axis=1).mean()
    assert non_white > 0.5


def test_network_screenshot_is_not_blank(opened):
    """Property: the network drawing has dark node/label pixels and the guarantee colour on a white ground."""
    page = opened[0]
    pixels = _pixels(page.locator("figure.network svg").first.screenshot())
    dark = np.all(pixels < 90, axis=1).mean()
    white = np.all(pixels > 250, axis=1).mean()
    assert dark > 0.001 and white > 0.5
    guarantee = np.all(np.abs(pixels.astype(int) - [0x00, 0x72, 0xB2]) <= 60, axis=1).mean()
    assert guarantee > 0.0002


def test_layer_switch_shows_the_chosen_colouring(opened):
    """Property: choosing a membership layer hides the defence layer and shows the chosen one in every map."""
    page = opened[0]
    page.select_option("select.map-layer", "org-FORUM")
    visible = page.locator('figure.map g.layer[data-layer="org-FORUM"]')
    assert visible.count() == 2
    assert all(visible.nth(k).is_visible() for k in range(2))
    assert not page.locator('figure.map g.layer[data-layer="defence"]').first.is_visible()
    page.select_option("select.map-layer", "defence")
