"""Every link the notice publishes, as Chromium resolves it (`element.href`), is safe.

The map's link fields are filled with addresses that browsers turn into script
or into another host (tabs and newlines inside `javascript:`, `/\\host`,
`\\\\host`, a host without a scheme). Each is a PM110/PM111 finding; a draft is
built anyway, and in the browser no anchor resolves to anything but an
https, http, mailto or tel address, or a page on the notice's own origin.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import privacymap
from privacymap.checks.links import links
from tests.support.external import launch_chromium

FAMILY = Path(__file__).resolve().parents[2] / "examples" / "family-support"
PAYLOADS = [
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    " javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "\\/evil.example/x",
    "www.evil.example.com/x",
]


def _map_with(folder: Path, payload: str) -> Path:
    shutil.copytree(FAMILY, folder)
    paths = [path for path, _ in links(privacymap.load(folder))]
    assert len(paths) >= 4
    for file in folder.glob("*.yaml"):
        data = yaml.safe_load(file.read_text("utf-8"))
        for path in paths:
            node = data
            try:
                for part in path[:-1]:
                    node = node[part]
                if path[-1] in node:
                    node[path[-1]] = payload
            except (KeyError, IndexError, TypeError):
                continue
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return folder


@pytest.mark.external
def test_every_published_link_resolves_to_an_allowed_address(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    pages: list[tuple[str, Path]] = []
    for n, payload in enumerate(PAYLOADS):
        folder = _map_with(tmp_path / f"map{n}", payload)
        result = privacymap.build(folder, tmp_path / f"out{n}", draft=True)
        rules = {d.rule for d in result.check.diagnostics}
        assert rules & {"PM110", "PM111"}, (payload, rules)
        pages.append((payload, tmp_path / f"out{n}" / "notice.html"))
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page()
            for payload, notice in pages:
                page.goto(notice.as_uri())
                resolved = page.evaluate(
                    "() => [...document.querySelectorAll('a[href]')].map(a => a.href)"
                )
                origin = page.evaluate("() => location.protocol + '//' + location.host")
                assert resolved, payload
                for href in resolved:
                    assert href.startswith(("https:", "http:", "mailto:", "tel:", origin)), (
                        payload,
                        href,
                    )
                    assert "evil" not in href and "script" not in href.lower(), (payload, href)
        finally:
            browser.close()
