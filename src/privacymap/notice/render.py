"""The jinja2 environment of the notice: packaged templates, overridable by a folder.

Lookup order: the user's `--templates DIR` first, then the packaged templates.
The packaged ones are also reachable as `privacymap/NAME`, so an override of
`notice.html.j2` can still extend the packaged page (`{% extends
"privacymap/layout.html.j2" %}`) and replace only the blocks it names.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from privacymap.notice import markdown as md
from privacymap.notice.wording import gap

PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"


def email_breaks(address: str) -> Markup:
    """An e-mail address that may wrap only after its @ or before a dot, never mid-word."""
    parts = [escape(p) for p in re.split(r"(?=\.)|(?<=@)", address)]
    return Markup("<wbr>").join(parts)


def _autoescape(name: str | None) -> bool:
    return name is not None and ".html" in name


@cache
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (compiling them is ~40% of a small build).

    jinja2 reuses a template's code only while its source is unchanged; the
    folder's name also hashes jinja2's version and this module (the options
    the code was compiled with), so new options never meet old code. None
    when the user's cache folder cannot be used (privacymap.cachefiles).
    """
    from privacymap import cachefiles

    key = hashlib.sha256(jinja2.__version__.encode() + Path(__file__).read_bytes())
    folder = cachefiles.private_folder(f"templates-{key.hexdigest()[:16]}")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


def environment(templates: Path | None = None) -> jinja2.Environment:
    package = jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES))
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates)))
    loaders.append(package)
    loaders.append(jinja2.PrefixLoader({"privacymap": package}))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.globals["gap"] = gap
    env.filters["email"] = email_breaks
    env.filters["md"] = md.to_html
    env.filters["md_inline"] = md.to_inline_html
    env.filters["mdtext"] = md.escape_text
    env.filters["mdfield"] = md.markdown_field
    env.filters["mdinline"] = md.markdown_inline
    env.filters["mdemail"] = md.email_link
    env.filters["mdurl"] = md.link_destination
    return env


def render(name: str, templates: Path | None = None, **context: object) -> str:
    template = environment(templates).get_template(name)
    # the page is passed on, not kept here: `tidy` lets it go once split into blocks
    return tidy(template.render(**context), markdown=name.endswith(".md.j2"))


BLOCK = 1 << 20
"""Characters of a page tidied at a time."""


def tidy(text: str, markdown: bool, block: int = BLOCK) -> str:
    """The page with no trailing blanks (Markdown keeps a trailing double space, a hard
    line break, and only empties blank lines), at most one blank line in a row, and one
    newline at the end.

    Tidied a block of lines at a time, each block cut just after a newline (never
    inside a line or a CRLF pair): a page of 40 MB split into one string per line at
    once held about 100 MB more at the build's peak.
    """
    pieces = []
    start = 0
    while start < len(text):
        end = text.find("\n", start + block)
        end = len(text) if end < 0 else end + 1
        lines = text[start:end].splitlines()
        if markdown:
            pieces.append("\n".join(line if line.strip() else "" for line in lines))
        else:
            pieces.append("\n".join(line.rstrip() for line in lines))
        start = end
    del text
    out = "\n".join(pieces)
    del pieces
    out = out.strip() + "\n"
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    return out
