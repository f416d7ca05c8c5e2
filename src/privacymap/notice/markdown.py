"""Free text (Markdown fields of the model) rendered safely for the notice.

CommonMark through markdown-it-py with raw HTML disabled, images disabled (a
notice makes no external requests) and links limited to the addresses
`privacymap.law.urls` allows: any other link is shown as plain text. Headings
written in free text are moved down so they sit under the section that holds
them. For notice.md, fields are parsed into tokens and written back escaped.
"""

from __future__ import annotations

import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from markupsafe import Markup, escape

from privacymap.law.urls import safe_url

HEADING_OFFSET = 2
"""A `# heading` in free text becomes an <h3> (the notice's sections are <h2>)."""


def _validate_link(url: str) -> bool:
    return safe_url(url) is not None


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


_EMAIL = re.compile(
    r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)
"""CommonMark's e-mail autolink: no `:` can appear, so it is never read as a URI autolink."""


@cache
def _reader() -> MarkdownIt:
    """The parser reading Markdown fields for Markdown output: raw HTML is text."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = _validate_link  # type: ignore[method-assign]
    return md


def markdown_field(text: str | None) -> str:
    """A Markdown field for Markdown output, rebuilt from CommonMark tokens.

    The field is parsed (raw HTML is text; a link whose address the URL rule
    refuses stays text), then written back with every character of its text
    that could start markup escaped, so even a renderer that allows raw HTML
    and follows any link finds nothing live in it. Formatting the parser
    understood (paragraphs, lists, quotes, code, emphasis, links) is kept.
    """
    if not text:
        return ""
    tree = SyntaxTreeNode(_reader().parse(str(text)))
    return _blocks(tree.children).strip()


def _blocks(nodes: list[SyntaxTreeNode], tight: bool = False) -> str:
    separator = "\n" if tight else "\n\n"
    return separator.join(_block(node, tight) for node in nodes)


def _block(node: SyntaxTreeNode, tight: bool) -> str:
    kind = node.type
    if kind == "paragraph":
        return _inline(node.children[0]) if node.children else ""
    if kind == "heading":
        return "#" * int(node.tag[1]) + " " + _inline(node.children[0]).replace("\n", " ")
    if kind == "blockquote":
        return _prefixed(_blocks(node.children), "> ", "> ")
    if kind in ("bullet_list", "ordered_list"):
        loose = any(not p.hidden for item in node.children for p in item.children)
        start = int(str(node.attrs.get("start", 1)))
        items = []
        for number, item in enumerate(node.children, start):
            marker = "- " if kind == "bullet_list" else f"{number}. "
            body = _blocks(item.children, tight=not loose) or ""
            items.append(_prefixed(body, marker, " " * len(marker)))
        return ("\n\n" if loose else "\n").join(items)
    if kind in ("code_block", "fence"):
        longest = max((len(run) for run in re.findall("`+", node.content)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{fence}\n{node.content.rstrip(chr(10))}\n{fence}"
    if kind == "hr":
        return "***"
    return _escape(node.content)  # nothing else is produced with raw HTML and images off


def _prefixed(text: str, first: str, rest: str) -> str:
    lines = text.split("\n") or [""]
    out = [first + lines[0]]
    out += [(rest + line) if line else rest.rstrip() for line in lines[1:]]
    return "\n".join(out)


def _inline(node: SyntaxTreeNode) -> str:
    written = "".join(_span(child) for child in node.children)
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), written)


def _span(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind == "text":
        return _escape(node.content)
    if kind == "softbreak":
        return "\n"
    if kind == "hardbreak":
        return "\\\n"
    if kind == "code_inline":
        longest = max((len(run) for run in re.findall("`+", node.content)), default=0)
        ticks = "`" * (longest + 1)
        pad = " " if node.content.startswith("`") or node.content.endswith("`") else ""
        return f"{ticks}{pad}{node.content}{pad}{ticks}"
    inner = "".join(_span(child) for child in node.children)
    if kind == "em":
        return f"*{inner}*"
    if kind == "strong":
        return f"**{inner}**"
    if kind == "link":
        return f"[{inner}](<{link_destination(str(node.attrs.get('href', '')))}>)"
    return inner


_MARKUP = re.compile(r"([\\`*_\[\]<]|&(?=#?[A-Za-z0-9]+;))")
"""What can start inline markup: escapes, code, emphasis, links, HTML and autolinks, entities."""


def _escape(text: str) -> str:
    """Text with every character that could start inline markup backslash-escaped."""
    return _MARKUP.sub(r"\\\1", text)


def email_link(address: str | None) -> str:
    """An address as a Markdown autolink when CommonMark reads it as one, else escaped text."""
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
