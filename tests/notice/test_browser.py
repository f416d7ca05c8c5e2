"""The notice in a real browser: axe-core WCAG 2.2 A/AA, no network, Nu HTML checker.

Needs Debian's Chromium, Java and the npm tools (`make system-deps`); a missing
tool skips locally and fails in CI (tests/support/external.py).
"""

from __future__ import annotations

import pytest

from tests.support.external import (
    format_axe_violations,
    launch_chromium,
    run_axe,
    run_vnu,
)

from .conftest import REPO, Built

SCREENSHOTS = REPO / "build" / "screenshots"
BUILDS = ["lancashire", "family"]

pytestmark = pytest.mark.external


def _open(built: Built, width: int = 1100):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = launch_chromium(pw)
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((built.out / "notice.html").as_uri())
    page.wait_for_load_state("load")
    return pw, browser, page, requests


@pytest.mark.parametrize("name", BUILDS)
def test_axe_zero_violations_and_screenshot(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    pw, browser, page, _ = _open(built)
    try:
        violations = run_axe(page)
        assert violations == [], format_axe_violations(violations)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / f"notice-{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 0
        page.set_viewport_size({"width": 320, "height": 800})
        violations = run_axe(page)
        assert violations == [], format_axe_violations(violations)
        # Readable at 320 px: nothing wider than the viewport but scrollable tables.
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= 320
    finally:
        browser.close()
        pw.stop()


@pytest.mark.parametrize("name", BUILDS)
def test_no_network_requests_and_no_script(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    page_url = (built.out / "notice.html").as_uri()
    pw, browser, page, requests = _open(built)
    try:
        page.emulate_media(media="print")
        page.wait_for_timeout(200)
        assert [u for u in requests if u != page_url] == []
        # the one script element is the DPV linked-data block: data, never run
        types = page.evaluate("[...document.scripts].map(s => s.type)")
        assert types == ["application/ld+json"]
        csp = page.evaluate(
            "document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content"
        )
        assert "script-src 'none'" in csp
        assert page.evaluate("document.documentElement.lang") == built.index.datamap.notice.language
    finally:
        browser.close()
        pw.stop()
    assert built.html.lower().count("<script") == 1
    assert '<script type="application/ld+json">' in built.html


def test_inline_svg_and_styles_survive_csp(lancashire: Built) -> None:
    pw, browser, page, _ = _open(lancashire)
    try:
        colour = page.evaluate(
            "getComputedStyle(document.querySelector('.pm-header')).backgroundColor"
        )
        assert colour not in ("", "rgba(0, 0, 0, 0)")
        if "<svg" in lancashire.html:
            box = page.evaluate(
                "(() => { const r = document.querySelector('figure svg').getBoundingClientRect();"
                " return [r.width, r.height]; })()"
            )
            assert box[0] > 0 and box[1] > 0
    finally:
        browser.close()
        pw.stop()


def test_vnu_zero_errors(lancashire: Built, family: Built) -> None:
    errors = run_vnu(lancashire.out / "notice.html", family.out / "notice.html")
    assert errors == [], "\n".join(errors)


def test_focus_is_visible(family: Built) -> None:
    pw, browser, page, _ = _open(family)
    try:
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert "pm-skip" in focused
        background = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
        assert background == "rgb(255, 221, 0)"
    finally:
        browser.close()
        pw.stop()
