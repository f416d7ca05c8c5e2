"""Hostile strings in every free-text field and name stay inert in every output.

The map is the clean example with one of `hostile.PAYLOADS` (script tags, event
handlers, javascript: links in every Markdown form, spreadsheet formulas, DOT and
Mermaid syntax, Jinja-looking text, RTL overrides, zero-width characters, 100,000
characters) in each field that accepts free text (tests/hardening/hostile.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from xml.etree import ElementTree

import pytest

from tests.support.external import launch_chromium, run_dot, run_mmdc

from .conftest import HostileBuild
from .hostile import LONG, PAYLOADS

FORMULA_START = ("=", "+", "-", "@")


def _norm(text: str) -> str:
    """Whitespace as innerText shows it (one space), no invisible characters, no commas
    (addresses are shown one part per line)."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").replace(",", " ")
    return " ".join(text.split())


def test_every_field_was_made_hostile(hostile_build: HostileBuild) -> None:
    hostile = hostile_build.hostile
    assert len(hostile.text) > 80
    assert len(hostile.markdown) > 10
    assert {p.split(" ")[0] for p in PAYLOADS} <= {t.split(" ")[0] for t in hostile.text.values()}
    names = [p for p in hostile.text if p[-1] == "name"]
    assert len(names) > 10  # names of activities, recipients, categories... not only prose


@pytest.mark.external
def test_notice_runs_no_script_and_shows_text_literally(hostile_build: HostileBuild) -> None:
    from playwright.sync_api import sync_playwright

    page_url = (hostile_build.out / "notice.html").as_uri()
    dialogs: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_url)
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            state = page.evaluate(
                """() => ({
                    pwned: typeof window.__pwned !== 'undefined',
                    scripts: [...document.scripts].filter(
                        s => s.type !== 'application/ld+json').length,
                    dataBlocks: document.querySelectorAll(
                        'script[type="application/ld+json"]').length,
                    iframes: document.querySelectorAll('iframe, object, embed').length,
                    jsLinks: [...document.querySelectorAll('[href], [src], [action]')].filter(
                        e => /^\\s*javascript:/i.test(
                            e.getAttribute('href') || e.getAttribute('src') ||
                            e.getAttribute('action') || '')).length,
                    handlers: [...document.querySelectorAll('*')].filter(
                        e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
                    images: [...document.querySelectorAll('img')].map(i => i.getAttribute('src')),
                    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')
                        ?.getAttribute('content') || '',
                })"""
            )
            # the detail sections are collapsed; open them to read every field
            page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
            body = page.inner_text("body")
        finally:
            browser.close()
    assert dialogs == []
    assert [u for u in requests if u != page_url] == []
    assert state["pwned"] is False
    assert state["scripts"] == 0 and state["iframes"] == 0
    assert state["dataBlocks"] == 1  # the DPV linked data, which no payload can leave
    assert state["jsLinks"] == 0 and state["handlers"] == 0
    assert all(src and src.startswith("data:") for src in state["images"]), state["images"]
    assert "script-src 'none'" in state["csp"]
    # Plain-text fields shown on the page show their hostile text literally.
    shown = _norm(body)
    plain = {
        p: t
        for p, t in hostile_build.hostile.text.items()
        if p not in hostile_build.hostile.markdown and LONG not in t
    }
    on_page = [t for t in plain.values() if f"⟦{t.rsplit('⟦', 1)[1]}" in shown]
    assert len(on_page) > 20
    missing = [t for t in on_page if _norm(t) not in shown]
    assert missing == []
    assert "<script>alert(1)</script>" in shown


def live_markup(html: str) -> list[str]:
    """Tags and attributes that could run script or load something, as a browser parses them."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            data_block = tag == "script" and attrs == [("type", "application/ld+json")]
            if tag in ("script", "iframe", "object", "embed", "foreignobject") and not data_block:
                found.append(tag)
            if tag == "img" and not (dict(attrs).get("src") or "").startswith("data:"):
                found.append(f"img {attrs}")
            for name, value in attrs:
                if name.startswith("on"):
                    found.append(f"{tag} {name}")
                link = (value or "").strip().lower()
                if name in ("href", "src", "xlink:href", "action") and link.startswith(
                    ("javascript:", "data:text", "vbscript:")
                ):
                    found.append(f"{tag} {name}={value}")

    Tags().feed(html)
    return found


def test_html_source_has_no_live_markup_from_user_text(hostile_build: HostileBuild) -> None:
    assert live_markup((hostile_build.out / "notice.html").read_text("utf-8")) == []


def test_the_linked_data_block_holds_the_hostile_text_as_data(hostile_build: HostileBuild) -> None:
    """The DPV JSON-LD in the notice: one data block, closed only by its own end tag,
    whose text parses back to the payload (`<` and `>` escaped as \\u003c, \\u003e)."""
    html = (hostile_build.out / "notice.html").read_text("utf-8")
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    end = html.index("</script>", start)
    block = html[start:end]
    assert "<" not in block and ">" not in block
    assert html.count("<script") == 1
    data = json.loads(block)
    assert "@graph" in data and len(json.dumps(data)) > 100


def test_markdown_notice_stays_inert_in_a_permissive_renderer(hostile_build: HostileBuild) -> None:
    """notice.md rendered by CommonMark with raw HTML allowed and no link filter."""
    from markdown_it import MarkdownIt

    md = (hostile_build.out / "notice.md").read_text("utf-8")
    renderer = MarkdownIt("commonmark", {"html": True})
    renderer.validateLink = lambda url: True  # type: ignore[method-assign]
    html = renderer.render(md)
    assert live_markup(html) == []
    assert "<script>alert(1)</script>" in html.replace("&lt;", "<").replace("&gt;", ">")


def test_ropa_has_no_formula_and_keeps_text(hostile_build: HostileBuild) -> None:
    from openpyxl import load_workbook

    path = hostile_build.out / "ropa.xlsx"
    with zipfile.ZipFile(path) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in book.read(name) and b"<f " not in book.read(name), name
    workbook = load_workbook(path)
    texts: list[str] = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    everything = "\n".join(texts)
    for payload in ('=HYPERLINK("http://evil.example","x")', "+1+1", "@SUM(A1)", "-2 ⟦"):
        assert payload in everything, payload


def test_ropa_csv_neutralises_formula_starters(hostile_build: HostileBuild) -> None:
    text = (hostile_build.out / "ropa.csv").read_text("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert [c for c in cells if c.startswith(FORMULA_START)] == []
    assert any('=HYPERLINK("http://evil.example","x")' in c for c in cells)


@pytest.mark.external
def test_dot_parses_and_svg_is_inert(hostile_build: HostileBuild) -> None:
    dots = sorted(hostile_build.out.rglob("*.dot"))
    assert dots
    for dot in dots:
        svg = run_dot(dot.read_text("utf-8"), "svg")  # raises on a syntax error
        assert "<svg" in svg, dot
    for svg_file in sorted(hostile_build.out.rglob("*.svg")):
        root = ElementTree.fromstring(svg_file.read_bytes())  # well-formed XML
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            assert tag not in ("script", "foreignObject", "iframe"), svg_file
            assert not [a for a in element.attrib if a.rsplit("}", 1)[-1].startswith("on")]
            for name, value in element.attrib.items():
                if name.endswith("href"):
                    assert not value.strip().lower().startswith("javascript:"), value


@pytest.mark.external
def test_dot_keeps_user_text_inside_labels(hostile_build: HostileBuild) -> None:
    """`"];\nevil [label="x` makes no node: every node Graphviz sees is one of ours."""
    for dot in sorted(hostile_build.out.rglob("*.dot")):
        plain = run_dot(dot.read_text("utf-8"), "plain")
        nodes = [line.split()[1] for line in plain.splitlines() if line.startswith("node ")]
        assert nodes and all(re.fullmatch(r"n\d+|legend|\"?[a-z0-9_-]+\"?", n) for n in nodes)
        assert "evil" not in nodes


@pytest.mark.external
def test_mermaid_parses(hostile_build: HostileBuild, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for mmd in sorted(hostile_build.out.rglob("*.mmd")):
        text = mmd.read_text("utf-8")
        # `click A callback` from a name must stay inside a label, never become a statement.
        assert not re.search(r"^\s*click\b", text, re.MULTILINE), mmd
        done = run_mmdc(mmd, tmp_path / f"{mmd.stem}.svg")
        assert done.returncode == 0, f"{mmd}: {done.stderr}"
