"""Markdown safety, template overrides, the graph hook, logos and free-text sections."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from privacymap.notice import markdown as md
from privacymap.notice import render_notice
from privacymap.pipeline import resolve

from .conftest import FAMILY, OVERRIDE, REPO, build_notice

SCAFFOLD = REPO / "src" / "privacymap" / "data" / "scaffold" / "datamap.yaml"


def test_raw_html_is_not_rendered() -> None:
    out = md.to_html("Hello <script>alert(1)</script> <b>bold</b>")
    assert "<script>" not in out and "<b>" not in out
    assert "&lt;script&gt;" in out


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "ftp://x.org/a"]
)
def test_unsafe_links_render_as_text(link: str) -> None:
    out = md.to_html(f"[click]({link})")
    assert "<a " not in out


@pytest.mark.parametrize("link", ["https://example.org/", "http://example.org/", "mailto:a@b.c"])
def test_safe_links_render(link: str) -> None:
    assert f'<a href="{link}">' in md.to_html(f"[a useful page]({link})")


def test_images_are_not_fetched() -> None:
    out = md.to_html("![logo](https://tracker.example/pixel.png)")
    assert "<img" not in out


def test_headings_sit_under_sections() -> None:
    assert md.to_html("# Title").startswith("<h3>")


def test_escape_text_neutralises_markdown() -> None:
    text = "# not a heading *not bold* [not](a link) <b> 1. x | y"
    escaped = md.escape_text(text)
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(escaped)
    assert "<h1>" not in rendered and "<em>" not in rendered and "<a " not in rendered
    assert "<b>" not in rendered and "<ol" not in rendered


def test_override_block_and_colours(tmp_path: Path) -> None:
    built = build_notice(FAMILY, tmp_path / "out", templates=OVERRIDE / "templates")
    assert "--pm-brand: #00576b;" in built.html
    assert "Questions about this notice?" in built.html
    assert 'id="purposes"' in built.html  # the rest is untouched


def test_override_can_extend_packaged_layout(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "layout.html.j2").write_text(
        '{% extends "privacymap/layout.html.j2" %}{% block skip_link %}'
        '<a class="pm-skip" href="#main-content">Go to the notice</a>{% endblock %}'
    )
    _, index, _ = resolve(FAMILY)
    assert index is not None
    files = render_notice(index, templates=tmp_path / "t")
    assert b"Go to the notice" in files["notice.html"]


def test_graph_svg_embedded_with_table() -> None:
    _, index, _ = resolve(FAMILY)
    assert index is not None
    svg = '<svg role="img" aria-label="x"><title>flows</title></svg>'
    page = render_notice(index, svg=svg)["notice.html"].decode()
    assert "<figure " in page and "<title>flows</title>" in page and "<figcaption " in page
    assert 'id="flows-caption"' in page
    # one image to assistive technology, named by its caption, described by the table
    assert '<svg role="img" aria-labelledby="flows-figure-caption"' in page
    assert 'aria-describedby="flows-caption"' in page
    assert '<a href="notice-diagram.svg">Open the diagram full size</a>' in page


def test_without_graph_only_the_table() -> None:
    _, index, _ = resolve(FAMILY)
    assert index is not None
    page = render_notice(index)["notice.html"].decode()
    assert "<figure" not in page and 'id="flows-caption"' in page
    assert "notice-diagram.svg" not in page


def _scaffold(tmp_path: Path, extra: str) -> Path:
    root = tmp_path / "map"
    root.mkdir()
    (root / "datamap.yaml").write_text(SCAFFOLD.read_text() + extra)
    return root


def test_logo_inlined_when_present(tmp_path: Path) -> None:
    root = _scaffold(tmp_path, "")
    text = (
        (root / "datamap.yaml")
        .read_text()
        .replace("  public_authority: true", "  public_authority: true\n  logo: logo.svg", 1)
    )
    (root / "datamap.yaml").write_text(text)
    (root / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    _, index, _ = resolve(root)
    assert index is not None
    page = render_notice(index)["notice.html"].decode()
    assert 'src="data:image/svg+xml;base64,' in page
    (root / "logo.svg").unlink()
    page = render_notice(index)["notice.html"].decode()
    assert "<img" not in page


def test_free_sections_follow_their_section(tmp_path: Path) -> None:
    text = SCAFFOLD.read_text().replace(
        "  introduction: >",
        "  sections:\n"
        "    - id: cctv\n      title: CCTV in our buildings\n      after: security\n"
        "      body: We record *CCTV* in reception.\n"
        "  introduction: >",
        1,
    )
    root = tmp_path / "m"
    root.mkdir()
    (root / "datamap.yaml").write_text(text)
    _, index, _ = resolve(root)
    assert index is not None
    files = render_notice(index)
    page = files["notice.html"].decode()
    security, cctv, rights = (
        page.index(x) for x in ('id="security"', 'id="section-cctv"', 'id="rights"')
    )
    assert security < cctv < rights
    assert "<em>CCTV</em>" in page
    assert '<summary><h2 id="section-cctv">CCTV in our buildings</h2></summary>' in page
    assert "## CCTV in our buildings" in files["notice.md"].decode()


def test_markdown_escapes_model_text(tmp_path: Path) -> None:
    text = SCAFFOLD.read_text().replace(
        "name: Example Council\n", "name: Example *Council* <b>[x](javascript:y)</b>\n", 1
    )
    root = tmp_path / "m"
    root.mkdir()
    (root / "datamap.yaml").write_text(text)
    _, index, _ = resolve(root)
    assert index is not None
    files = render_notice(index)
    page, note = files["notice.html"].decode(), files["notice.md"].decode()
    assert "<b>" not in page and "&lt;b&gt;" in page
    assert "Example \\*Council\\* \\<b\\>\\[x\\](javascript:y)\\</b\\>" in note


def test_copy_of_example_maps_is_independent(tmp_path: Path) -> None:
    shutil.copytree(FAMILY, tmp_path / "fam")
    a = build_notice(tmp_path / "fam", tmp_path / "o1")
    b = build_notice(FAMILY, tmp_path / "o2")
    assert a.html == b.html


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/", True),
        ("mailto:a@b.c", True),
        ("privacy.html", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("//evil.example/x", False),
    ],
)
def test_model_links_limited_to_safe_schemes(url: str, kept: bool) -> None:
    from privacymap.notice.parts import LinkView

    assert (LinkView("x", url).url is not None) is kept


def test_override_new_blocks_activity_and_lawful_bases(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "notice.html.j2").write_text(
        '{% extends "layout.html.j2" %}'
        '{% block activity %}<p class="x-activity">{{ a.name }}</p>{% endblock %}'
        '{% block lawful_bases %}<p id="lawful-bases">Our bases</p>{% endblock %}'
    )
    _, index, _ = resolve(FAMILY)
    assert index is not None
    page = render_notice(index, templates=tmp_path / "t")["notice.html"].decode()
    assert page.count('class="x-activity"') == len(index.datamap.activities)
    assert "Our bases" in page and 'id="basis-' not in page


@pytest.mark.parametrize("which", ["scaffold", "family", "lancashire"])
def test_contents_lists_exactly_the_sections_and_links_resolve(which: str, tmp_path: Path) -> None:
    """A section is in notice.md's contents list exactly when it is there (the scaffold has
    an introduction but no aims, and contacts but no links), and no in-page link dangles;
    the page's contents are its collapsible section headings, in the same order."""
    from .conftest import LANCASHIRE

    root = {"scaffold": _scaffold(tmp_path, ""), "family": FAMILY, "lancashire": LANCASHIRE}[which]
    _, index, _ = resolve(root)
    assert index is not None
    files = render_notice(index)
    page = files["notice.html"].decode()
    ids = set(re.findall(r' id="([^"]+)"', page))
    assert set(re.findall(r'href="#([^"]+)"', page)) <= ids
    sections = re.findall(r'<summary><h2 id="([^"]+)">([^<]+)</h2>', page)
    note = files["notice.md"].decode()
    slugs = re.findall(r"^- \[[^\]]+\]\(#([^)]+)\)$", note, re.M)
    titles = re.findall(r"^- \[([^\]]+)\]\(#[^)]+\)$", note, re.M)
    assert [t.replace("\\", "") for t in titles] == [html.unescape(t) for _, t in sections]
    headings = {
        re.sub(r"[^\w\- ]", "", h.replace("\\", "").lower()).replace(" ", "-")
        for h in re.findall(r"^## (.+)$", note, re.M)
    }
    assert set(slugs) <= headings
