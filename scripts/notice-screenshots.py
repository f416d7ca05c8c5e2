"""Regenerate the README's pictures of the Lancashire notice and its young-people page.

    .venv/bin/python scripts/notice-screenshots.py [OUT_DIR]   (default: docs)

Builds notices/lancashire-cfw as a draft (it has findings) into a temporary
folder and photographs it in Debian's Chromium (`make system-deps`), sections
closed as a reader first sees them:

    notice-screenshot.png               the notice, full page, 1280 px wide
    notice-screenshot-top.png           its first 1400 px
    notice-screenshot-phone.png         its first two screens of a 375 x 812 phone
    notice-young-people-screenshot.png  the young-people page's first 1400 px, 1280 px wide
    notice-young-people-phone.png       its first two screens of a 375 x 812 phone
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from privacymap.pipeline import build

REPO = Path(__file__).resolve().parents[1]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
TOP = 1400

SHOTS = (
    ("notice.html", DESKTOP, None, "notice-screenshot.png"),
    ("notice.html", DESKTOP, TOP, "notice-screenshot-top.png"),
    ("notice.html", PHONE, 2 * PHONE["height"], "notice-screenshot-phone.png"),
    ("notice-young-people.html", DESKTOP, TOP, "notice-young-people-screenshot.png"),
    ("notice-young-people.html", PHONE, 2 * PHONE["height"], "notice-young-people-phone.png"),
)
"""(page, viewport, height kept from the top or None for the full page, file)."""


def main(out: Path) -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Chromium not found: run `make system-deps`", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        built = Path(tmp) / "lancashire-cfw"
        result = build(REPO / "notices" / "lancashire-cfw", built, draft=True, only=["notice"])
        if not result.written:
            print("the build wrote nothing: " + "; ".join(result.notes), file=sys.stderr)
            return 1
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            for page_file, viewport, height, name in SHOTS:
                page = browser.new_page(viewport=viewport)
                page.goto((built / page_file).as_uri())
                clip = None
                if height is not None:
                    clip = {"x": 0, "y": 0, "width": viewport["width"], "height": height}
                page.screenshot(path=str(out / name), full_page=True, clip=clip)
                page.close()
                print(out / name)
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs"))
