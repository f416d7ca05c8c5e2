"""Which link addresses from a data map may be published, judged as a browser reads them.

Browsers parse an address by the WHATWG URL Standard: they first strip
leading and trailing C0 controls and spaces and remove every tab and newline,
so `java\\tscript:alert(1)` and `\\x01javascript:` are `javascript:` links, and
they treat `\\` like `/`, so `/\\evil.example` is another host. This module
decides on the address as the browser will see it, in one place for every
output (the notice, the ROPA, the checks):

- allowed: `https:`, `http:`, `mailto:` and `tel:` addresses, and genuinely
  relative paths (`privacy.pdf`, `/about`, `#rights`, `?page=2`);
- refused: any other scheme (`javascript:`, `data:`, `file:`, `vbscript:`),
  addresses holding characters a browser drops or that no address contains
  (controls, tab, newline), and relative addresses that reach another host
  (`//host`, `/\\host`, `\\\\host`);
- a host name written without a scheme (`www.example.gov.uk/privacy`) or an
  e-mail address without `mailto:` is refused too: published as written it
  would be a relative link to a page that does not exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ALLOWED_SCHEMES = frozenset({"https", "http", "mailto", "tel"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SLASH = "/\\"
_HOST = re.compile(
    r"(?:www\d?\.[^/?#\\\s]+"
    r"|(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
    r"(?:uk|com|org|net|gov|eu|int|info|io|ie|scot|wales|cymru|london|nhs|police|sch|ac))"
    r"(?::\d+)?(?:[/?#]|$)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[^\s/?#@:]+@[^\s/?#@]+\.[^\s/?#@]+")


@dataclass(frozen=True)
class UrlProblem:
    """Why an address may not be published, and how to fix it."""

    reason: str
    hint: str
    without_scheme: bool = False
    """The address names a host or mailbox but no scheme (fixed by adding one)."""


def browser_form(url: str) -> str:
    """The address as a WHATWG parser first sees it: ends stripped, tabs and newlines gone."""
    return _TAB_OR_NEWLINE.sub("", url.strip(_C0_OR_SPACE))


def scheme(url: str) -> str | None:
    """The scheme a browser reads in `url`, lower-cased; None for a relative address."""
    match = _SCHEME.match(browser_form(url))
    return match.group(1).lower() if match else None


def url_problem(url: str) -> UrlProblem | None:
    """Why a browser would not take `url` as a safe link; None when it may be published."""
    if _CONTROL.search(url):
        return UrlProblem(
            "it holds control characters (such as a tab or a newline), which browsers "
            "silently drop, so the link would not go where it reads",
            "write the address on one line, without control characters",
        )
    seen = browser_form(url)
    if not seen:
        return UrlProblem("it is empty", "give the full address, starting with https://")
    found = scheme(seen)
    if found is not None:
        if found in ALLOWED_SCHEMES:
            return None
        return UrlProblem(
            f"its scheme '{found}:' is not allowed (only https, http, mailto and tel)",
            "link to a web page (https://...), an e-mail address (mailto:...) or a "
            "telephone number (tel:...)",
        )
    if seen[:1] in _SLASH and seen[1:2] in _SLASH:
        return UrlProblem(
            "it starts with two slashes, so a browser reads it as an address on another host",
            "give the full address, starting with https://",
        )
    if _EMAIL.fullmatch(seen):
        return UrlProblem(
            "it is an e-mail address without 'mailto:', so it would be published as a "
            "broken relative link",
            f"write mailto:{seen}",
            without_scheme=True,
        )
    if _HOST.match(seen):
        return UrlProblem(
            "it names a web site but has no 'https://', so it would be published as a "
            "broken relative link",
            f"write https://{seen}",
            without_scheme=True,
        )
    return None


@lru_cache(maxsize=4096)
def safe_url(url: str | None) -> str | None:
    """The address to publish (as the browser reads it) when it is safe, else None.
    (Remembered: a large notice links the same few addresses many times.)"""
    if url is None or url_problem(url) is not None:
        return None
    return browser_form(url)


def is_https(url: str) -> bool:
    """The address is a safe https link (what a reference to another notice must be)."""
    return scheme(url) == "https" and url_problem(url) is None
