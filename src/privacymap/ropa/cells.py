"""The ROPA's cells: literal text with at most one vetted link, and how a gap reads."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from privacymap.law.urls import safe_url as publishable_url
from privacymap.law.urls import scheme as url_scheme

NOT_RECORDED = "Not recorded"
"""What a cell says when the data map has nothing for it."""

MAX_URL = 2079  # Excel's limit on a hyperlink's address


@dataclass(frozen=True)
class Cell:
    """One cell: its text and, optionally, one hyperlink (http, https or mailto only)."""

    text: str
    url: str | None = None

    @property
    def recorded(self) -> bool:
        return not self.text.startswith(NOT_RECORDED)


@dataclass(frozen=True)
class Table:
    """One sheet's table: headings and rows of cells."""

    name: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]
    """Column widths in characters, one per heading."""

    def plain(self) -> list[dict[str, str]]:
        return [{h: c.text for h, c in zip(self.headings, row, strict=True)} for row in self.rows]


def safe_url(url: str | None) -> str | None:
    """The address if it is a safe absolute link (`law.urls`) Excel can hold, else None.

    Relative links mean nothing in a spreadsheet, so only addresses with a scheme
    are linked; spaces, quotes and angle brackets would break Excel's address.
    """
    address = publishable_url(url)
    if address is None or url_scheme(address) is None or len(address) > MAX_URL:
        return None
    return None if _UNSAFE_URL_CHAR.search(address) else address


_UNSAFE_URL_CHAR = re.compile(r'[\s"<>]')


def cell(lines: Iterable[str | None], url: str | None = None, empty: str = NOT_RECORDED) -> Cell:
    """A cell of the non-empty `lines`, one a line; `empty` when there are none."""
    cleaned = (clean(line) for line in lines if line)
    text = "\n".join(line for line in cleaned if line)
    return Cell(text or empty, safe_url(url) if text else None)


_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""What `str.splitlines` splits on."""


def clean(text: str) -> str:
    """Trim and fold runs of blank lines; keep line breaks the author wrote."""
    text = str(text)
    if not _LINE_BREAK.search(text) and text == text.strip():
        return text  # one line, nothing to trim (most cells)
    lines = [line.rstrip() for line in str(text).strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out)


def yes_no(value: bool | None) -> str | None:
    return None if value is None else ("Yes" if value else "No")


def link_cell(label_urls: Sequence[tuple[str, str | None]], empty: str = NOT_RECORDED) -> Cell:
    """Lines of "label: url" (or just the url); the first safe address becomes the link."""
    lines = [
        f"{label}: {url}" if label and url else (url or f"{label}: {NOT_RECORDED}")
        for label, url in label_urls
    ]
    first = next((safe_url(u) for _, u in label_urls if safe_url(u)), None)
    return cell(lines, first, empty)
