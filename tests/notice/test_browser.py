"""The notice in a real browser: axe-core WCAG 2.2 A/AA, no network, Nu HTML checker.

Needs Debian's Chromium, Java and the npm tools (`make system-deps`); a missing
tool skips locally and fails in CI (tests/support/external.py).
"""

from __future__ import annotations

import pytest

from privacymap.notice.young_wording import YOUNG_FILE
from tests.support.external import (
    format_axe_violations,
    launch_chromium,
    run_axe,
    run_vnu,
)

from .conftest import REPO, Built

SCREENSHOTS = REPO / "build" / "screenshots"
BUILDS = ["lancashire", "family"]
PAGES = [
    pytest.param(name, page, id=f"{name}-{page}")
    for name, page in (
        ("lancashire", "notice.html"),
        ("family", "notice.html"),
        ("lancashire", YOUNG_FILE),
        ("joint", YOUNG_FILE),
    )
]
"""Each page the browser tests hold to the same standard: the notices and the
young-people pages (issue 17)."""

pytestmark = pytest.mark.external


def _open(built: Built, width: int = 1100, file: str = "notice.html"):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = launch_chromium(pw)
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((built.out / file).as_uri())
    page.wait_for_load_state("load")
    return pw, browser, page, requests


WIDTHS = (320, 375, 768, 1280)
PHONE = {"width": 375, "height": 812}
OPEN_ALL = "document.querySelectorAll('details').forEach(d => { d.open = true; })"


@pytest.mark.parametrize(("name", "file"), PAGES)
def test_axe_zero_violations_and_screenshot(
    name: str, file: str, request: pytest.FixtureRequest
) -> None:
    """axe-core finds nothing at each width, with the sections closed and all opened;
    nothing is wider than the page (tables stack, the diagram scrolls in its own box)."""
    built: Built = request.getfixturevalue(name)
    pw, browser, page, _ = _open(built, file=file)
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for opened in (False, True):
            if opened:
                page.evaluate(OPEN_ALL)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                violations = run_axe(page)
                assert violations == [], f"{width}px: " + format_axe_violations(violations)
                overflow = page.evaluate("document.documentElement.scrollWidth")
                assert overflow <= width, (width, opened)
        shot = SCREENSHOTS / f"{file.removesuffix('.html')}-{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 0
    finally:
        browser.close()
        pw.stop()


def test_first_layer_fits_two_phone_screens(lancashire: Built) -> None:
    """Who we are, what, why, who sees it, how long, rights and complaints within two
    screens of a 375 x 812 phone (issue 17), draft banner and all."""
    pw, browser, page, _ = _open(lancashire)
    try:
        page.set_viewport_size(PHONE)
        bottom = page.evaluate(
            "document.querySelector('.pm-glance').getBoundingClientRect().bottom + scrollY"
        )
        assert bottom <= 2 * PHONE["height"], bottom
    finally:
        browser.close()
        pw.stop()


@pytest.mark.parametrize("name", BUILDS)
def test_a_stacked_table_card_is_as_wide_as_the_page(
    name: str, request: pytest.FixtureRequest
) -> None:
    """On a phone each row of a table is a card: every cell that says something spans the
    card, not a wide layout's column width (which broke words inside a 100 px column)."""
    built: Built = request.getfixturevalue(name)
    pw, browser, page, _ = _open(built, PHONE["width"])
    try:
        page.evaluate(OPEN_ALL)
        narrow = page.evaluate(
            """[...document.querySelectorAll('table.pm-stack')].flatMap(t => {
                const full = t.getBoundingClientRect().width;
                return [...t.querySelectorAll('th[scope=row], td')]
                    .filter(c => c.textContent.trim())
                    .filter(c => c.getBoundingClientRect().width < 0.9 * full)
                    .map(c => c.textContent.trim().slice(0, 40));
            })"""
        )
        assert not narrow, narrow
    finally:
        browser.close()
        pw.stop()


@pytest.mark.parametrize(("name", "file"), PAGES)
def test_keyboard_reaches_every_link_and_section_in_order(
    name: str, file: str, request: pytest.FixtureRequest
) -> None:
    """Tab alone reaches every link and every section's heading in page order, and Enter
    opens a section; with all open, every link inside is reached too."""
    built: Built = request.getfixturevalue(name)
    pw, browser, page, _ = _open(built, file=file)
    focusable = (
        "[...document.querySelectorAll('a[href], summary, [tabindex=\"0\"]')]"
        ".filter(e => e.checkVisibility())"
    )
    try:
        for opened in (False, True):
            page.reload()
            if opened:
                page.evaluate(OPEN_ALL)
            expected = page.evaluate(f"{focusable}.length")
            reached = []
            for _ in range(expected):
                page.keyboard.press("Tab")
                reached.append(page.evaluate(f"{focusable}.indexOf(document.activeElement)"))
            assert reached == list(range(expected)), (opened, reached)
        if file == YOUNG_FILE:  # one page, no sections to open
            assert page.evaluate("document.querySelectorAll('details').length") == 0
            return
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = false; })")
        page.focus("summary")
        page.keyboard.press("Enter")
        assert page.evaluate("document.querySelector('details').open")
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
            page.evaluate(OPEN_ALL)
            box = page.evaluate(
                "(() => { const r = document.querySelector('figure svg').getBoundingClientRect();"
                " return [r.width, r.height]; })()"
            )
            assert box[0] > 0 and box[1] > 0
    finally:
        browser.close()
        pw.stop()


def test_vnu_zero_errors(lancashire: Built, family: Built, joint: Built) -> None:
    errors = run_vnu(
        lancashire.out / "notice.html",
        family.out / "notice.html",
        lancashire.out / YOUNG_FILE,
        joint.out / YOUNG_FILE,
    )
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
