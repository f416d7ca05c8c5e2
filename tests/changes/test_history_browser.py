"""The notice with its history, and the archive's index page, in a real browser:
axe-core WCAG 2.2 A/AA and the Nu HTML checker (tests/support/external.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import privacymap
from tests.conftest import REPO
from tests.support.external import format_axe_violations, launch_chromium, run_axe, run_vnu

pytestmark = pytest.mark.external

NEXT = REPO / "examples" / "change-control" / "family-support-next"
EXAMPLE = REPO / "examples" / "family-support"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    for number, source in enumerate((EXAMPLE, NEXT)):
        result = privacymap.build(
            source, root / f"out{number}", archive=root / "archive", only=["notice"]
        )
        assert result.exit_code == 0, result.notes
    return root / "archive"


def test_valid_html(archive: Path) -> None:
    pages = [archive / "index.html", *sorted(archive.glob("*/notice.html"))]
    assert len(pages) == 3
    errors = run_vnu(*pages)
    assert errors == [], "\n".join(errors)


def test_no_accessibility_violations(archive: Path) -> None:
    from playwright.sync_api import sync_playwright

    latest = sorted(archive.glob("2026-12-01-*/notice.html"))
    assert latest, "the next version is archived under its date"
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for page_path in (archive / "index.html", latest[0]):
                page = browser.new_page(viewport={"width": 1100, "height": 900})
                page.goto(page_path.as_uri())
                page.wait_for_load_state("load")
                violations = run_axe(page)
                assert violations == [], format_axe_violations(violations)
                if page_path.name == "notice.html":
                    heading = page.locator("#changes").inner_text()
                    assert heading == "Changes to this notice"
                page.close()
        finally:
            browser.close()
