"""notice.md stays inert in a renderer that allows raw HTML and follows any link.

Markdown fields are rebuilt from markdown-it-py tokens, not patched with
regular expressions; these are the payloads that got through the regex
neutralisation: escaped `<`, autolinks, reference definitions inside quotes,
list items, with an escaped `]`, a label over two lines or indented, entity
encoded schemes, and an e-mail address that is really a `javascript:` URI.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import privacymap
from privacymap.notice.markdown import email_link, markdown_field

from .test_injection import live_markup

FAMILY = Path(__file__).resolve().parents[2] / "examples" / "family-support"
PAYLOADS = [
    "\\<img src=x onerror=alert(1)>",
    "\\<javascript:alert(1)>",
    "<javascript:alert(1)>",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](<java\tscript:alert(1)>)",
    "[x](&#x6A;avascript:alert(1))",
    "[x](/\\evil.example)",
    "[x](//evil.example)",
    "> [r]: javascript:alert(1)\n> [quoted][r]",
    "- [r]: javascript:alert(1)\n- [listed][r]",
    "[a\\]b]: javascript:alert(1)\n\n[a\\]b]",
    "[multi\nline]: javascript:alert(1)\n\n[multi\nline]",
    "   [ind]: javascript:alert(1)\n\n[ind]",
    "[ref][r]\n\n[r]: javascript:alert(1)",
    "[ref][s]\n\n[s]:\n  javascript:alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "`<script>` and ``<img src=x onerror=alert(1)>``",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
]
EMAILS = ["javascript:alert(1)//@x.com", "<javascript:alert(1)>@x.com", "a@b.example"]


def permissive(markdown: str) -> str:
    """The threat model: CommonMark with raw HTML allowed and no link check."""
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": True})
    renderer.validateLink = lambda url: True  # type: ignore[method-assign]
    return renderer.render(markdown)


def dangerous_links(html: str) -> list[str]:
    from html.parser import HTMLParser

    from privacymap.law.urls import safe_url

    found: list[str] = []

    class Links(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            for name, value in attrs:
                if name in ("href", "src") and safe_url(value or "") is None:
                    found.append(f"{tag} {name}={value!r}")

    Links().feed(html)
    return found


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_field_is_inert(payload: str) -> None:
    html = permissive(markdown_field(payload))
    assert live_markup(html) == [], html
    assert dangerous_links(html) == [], html


@pytest.mark.parametrize("address", EMAILS)
def test_email_is_an_autolink_only_when_commonmark_reads_an_address(address: str) -> None:
    html = permissive(email_link(address))
    assert live_markup(html) == [] and dangerous_links(html) == [], html


def test_formatting_is_kept() -> None:
    text = "Hello *world*, **see** [our page](https://example.org/a) and `code`.\n\n- one\n- two"
    html = permissive(markdown_field(text))
    assert "<em>world</em>" in html and "<strong>see</strong>" in html
    assert '<a href="https://example.org/a">our page</a>' in html
    assert "<code>code</code>" in html and "<li>one</li>" in html


def test_whole_notice_md_with_every_payload(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    shutil.copytree(FAMILY, folder)
    notice = folder / "notice.yaml"
    data = yaml.safe_load(notice.read_text("utf-8"))
    data["notice"]["introduction"] = "\n\n".join(PAYLOADS)
    data["controller"]["email"] = EMAILS[0]
    notice.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = privacymap.build(folder, tmp_path / "out", draft=True)
    assert result.written, [str(d) for d in result.check.diagnostics if d.fatal]
    html = permissive((tmp_path / "out" / "notice.md").read_text("utf-8"))
    assert live_markup(html) == []
    assert dangerous_links(html) == []
    assert "javascript:alert(1)//@x.com" in html  # shown as text
