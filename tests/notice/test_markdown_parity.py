"""notice.md says what notice.html says (issue 17): rendered with markdown-it, its words
are the page's words, and every in-page link lands on an anchor that exists."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from .conftest import Built

BUILDS = ["lancashire", "family"]
PAGE_ONLY = {"skip", "main", "content", "each", "heading", "below", "opens", "give", "detail"}
"""The page's own furniture: the skip link and the cue that its sections open."""
WORDED_DIFFERENTLY = {"source", "includes", "contents"}
"""A table's column heading ("Source") is a heading per source in Markdown, a tag
("criminal offences") is words ("includes information about ..."), and Markdown has the
contents list the page's collapsible headings replace."""


def _rendered(built: Built) -> str:
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(built.md)


def _words(page: str) -> set[str]:
    page = re.sub(r"(?s)<(style|script|svg|header|footer)\b.*?</\1>", " ", page)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page.replace("<wbr>", "")))
    return set(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.mark.parametrize("name", BUILDS)
def test_markdown_has_the_pages_words(name: str, request: pytest.FixtureRequest) -> None:
    built: Built = request.getfixturevalue(name)
    page, markdown = _words(built.html), _words(_rendered(built))
    assert page - markdown <= PAGE_ONLY | WORDED_DIFFERENTLY, page - markdown
    assert markdown - page <= WORDED_DIFFERENTLY, markdown - page


@pytest.mark.parametrize("name", BUILDS)
def test_markdown_links_land_on_anchors(name: str, request: pytest.FixtureRequest) -> None:
    """Explicit anchors (`<a id>`) and the ids GitHub and GitLab give headings."""
    rendered = _rendered(request.getfixturevalue(name))
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', rendered))
    for heading in re.findall(r"<h[1-6]>(.*?)</h[1-6]>", rendered):
        text = html.unescape(re.sub(r"<[^>]+>", "", heading)).lower()
        anchors.add(re.sub(r"[^\w\- ]", "", text).replace(" ", "-"))
    targets = set(re.findall(r'href="#([^"]+)"', rendered))
    assert targets and targets <= anchors, sorted(targets - anchors)
