"""Free text (Markdown fields of the model) rendered safely for the notice.

CommonMark through markdown-it-py with raw HTML disabled, images disabled (a
notice makes no external requests) and links limited to http, https and
mailto: any other link is shown as plain text. Headings written in free text
are moved down so they sit under the section that holds them.
"""

from __future__ import annotations

import html
import re
from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

ALLOWED_SCHEMES = ("http:", "https:", "mailto:")
HEADING_OFFSET = 2
"""A `# heading` in free text becomes an <h3> (the notice's sections are <h2>)."""


def _validate_link(url: str) -> bool:
    return url.strip().lower().startswith(ALLOWED_SCHEMES)


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = _validate_link  # type: ignore[method-assign]

    def heading_open(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        token = tokens[idx]
        level = min(6, int(token.tag[1]) + HEADING_OFFSET)
        token.tag = f"h{level}"
        return self.renderToken(tokens, idx, options, env)

    def heading_close(self, tokens, idx, options, env):  # type: ignore[no-untyped-def]
        token = tokens[idx]
        level = min(6, int(token.tag[1]) + HEADING_OFFSET)
        token.tag = f"h{level}"
        return self.renderToken(tokens, idx, options, env)

    md.add_render_rule("heading_open", heading_open)
    md.add_render_rule("heading_close", heading_close)
    return md


def to_html(text: str | None) -> Markup:
    """Block HTML (paragraphs, lists) for a Markdown field; empty for None."""
    if not text:
        return Markup("")
    return Markup(_parser().render(text).strip())


_SINGLE_P = re.compile(r"^<p>(.*)</p>$", re.S)


def to_inline_html(text: str | None) -> Markup:
    """HTML without the surrounding <p> when the text is a single paragraph."""
    html = to_html(text)
    match = _SINGLE_P.match(str(html))
    if match and "<p>" not in match.group(1):
        return Markup(match.group(1))
    return html


# ----------------------------------------------------------------- Markdown output

_ALWAYS = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])", re.M)


def escape_text(text: str | None) -> str:
    """Plain model text made safe to place in Markdown (nothing in it is markup)."""
    if not text:
        return ""
    text = " ".join(str(text).split())
    text = _ALWAYS.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), text)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


_INLINE_LINK = re.compile(r"\]\(([ \t]*\n?[ \t]*<?)([^\s)>]*)")
_REFERENCE = re.compile(r"^( {0,3})\[([^\]\n]+\]:[ \t]*\n?[ \t]*<?)(\S*)", re.M)
_EMAIL = re.compile(r"[^\s<>@\\]+@[^\s<>@\\]+")


def _safe_destination(destination: str) -> bool:
    """As a Markdown renderer will read it: entities decoded, backslash escapes removed."""
    return _validate_link(html.unescape(destination).replace("\\", ""))


def markdown_field(text: str | None) -> str:
    """A Markdown field for Markdown output: kept as written, but raw HTML neutralised
    and links other than http, https and mailto (`javascript:`...) broken into text."""
    if not text:
        return ""
    text = str(text).strip().replace("<", "\\<")

    def inline(match: re.Match[str]) -> str:
        if _safe_destination(match.group(2)):
            return match.group(0)
        return "]\\(" + match.group(1) + match.group(2)

    def reference(match: re.Match[str]) -> str:
        if _safe_destination(match.group(3)):
            return match.group(0)
        return match.group(1) + "\\[" + match.group(2) + match.group(3)

    return _REFERENCE.sub(reference, _INLINE_LINK.sub(inline, text))


def email_link(address: str | None) -> str:
    """An address as a Markdown autolink when it is one, else as escaped text."""
    if not address:
        return ""
    address = str(address).strip()
    return f"<{address}>" if _EMAIL.fullmatch(address) else escape_text(address)


def link_destination(url: str | None) -> str:
    """A URL for a `[text](<url>)` destination: nothing in it can close the brackets."""
    return re.sub(r"[\s<>\\]", lambda m: f"%{ord(m.group()):02X}", str(url or ""))


def markdown_inline(text: str | None) -> str:
    """A Markdown field placed inside a list item or table cell: one line."""
    return " ".join(markdown_field(text).split())


def html_escape(text: str | None) -> Markup:
    return escape(text or "")
