"""The ROPA's cells: literal text with at most one vetted link, and how a gap reads.

A cell is in one of four states, each with its own wording (and, in the
workbook, its own style), so an auditor can tell them apart:

- a value: what the data map says;
- *Not recorded*: the law (or the ICO template) asks for it and the map does not say;
- *None*: the map says there is none (an activity that discloses to no one);
- *Not applicable*: the law does not ask for it here (no Schedule 1 condition for
  Art 9(2)(a) explicit consent, no legitimate interests assessment for 6(1)(ea)).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from privacymap.law.urls import safe_url as publishable_url
from privacymap.law.urls import scheme as url_scheme

NOT_RECORDED = "Not recorded"
"""What a cell says when the data map has nothing for it."""
NONE = "None"
"""What a cell starts with when the data map says there is none."""
NOT_APPLICABLE = "Not applicable"
"""What a cell starts with when the law does not ask for it."""

State = Literal["value", "not-recorded", "none", "not-applicable"]

STATES: dict[State, tuple[str, str]] = {
    "not-recorded": (NOT_RECORDED, "the law or the ICO template asks for it and the data map "
                     "does not say: a gap to fill"),
    "none": (NONE, "the data map says there is none (for example an activity that discloses "
             "to no one)"),
    "not-applicable": (NOT_APPLICABLE, "the law does not ask for it here (for example no "
                       "Schedule 1 condition for Art 9(2)(a) explicit consent)"),
}  # fmt: skip
"""Each state other than a value: its wording and what it means (the legend)."""

MAX_URL = 2079  # Excel's limit on a hyperlink's address


@dataclass(frozen=True)
class Cell:
    """One cell: its text, optionally one hyperlink (http, https or mailto only), its state."""

    text: str
    url: str | None = None
    state: State = "value"

    @property
    def recorded(self) -> bool:
        return self.state != "not-recorded"


def not_recorded(what: str | None = None) -> Cell:
    """The map should say and does not; `what` names the missing fact when it helps."""
    return Cell(f"{NOT_RECORDED}: {what}" if what else NOT_RECORDED, state="not-recorded")


def none(why: str) -> Cell:
    """The map says there is none: "None: `why`"."""
    return Cell(f"{NONE}: {why}", state="none")


def not_applicable(why: str | None = None) -> Cell:
    """The law does not ask for this here: "Not applicable: `why`"."""
    return Cell(f"{NOT_APPLICABLE}: {why}" if why else NOT_APPLICABLE, state="not-applicable")


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


@lru_cache(maxsize=4096)
def safe_url(url: str | None) -> str | None:
    """The address if it is a safe absolute link (`law.urls`) Excel can hold, else None.

    Relative links mean nothing in a spreadsheet, so only addresses with a scheme
    are linked; spaces, quotes and angle brackets would break Excel's address.
    (Remembered: a workbook asks about the same few addresses in many cells.)
    """
    address = publishable_url(url)
    if address is None or url_scheme(address) is None or len(address) > MAX_URL:
        return None
    return None if _UNSAFE_URL_CHAR.search(address) else address


_UNSAFE_URL_CHAR = re.compile(r'[\s"<>]')


def cell(
    lines: Iterable[str | None], url: str | None = None, empty: Cell | str | None = None
) -> Cell:
    """A cell of the non-empty `lines`, one a line; `empty` (default: Not recorded) when
    there are none, a plain string being shown as a value ("" for a blank cell).

    The link is kept only for a one-line cell: a whole-cell link on several lines would
    print as one clipped line and link only one of them (legal citations are listed, with
    their links, on the workbook's Law sheet instead).
    """
    cleaned = (clean(line) for line in lines if line)
    text = "\n".join(line for line in cleaned if line)
    if text:
        return Cell(text, safe_url(url) if "\n" not in text else None)
    if empty is None:
        return not_recorded()
    return empty if isinstance(empty, Cell) else Cell(empty)


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


def link_cell(label_urls: Sequence[tuple[str, str | None]], empty: Cell | None = None) -> Cell:
    """Lines of "label: url" (or just the url); a lone safe address becomes the link."""
    lines = [
        f"{label}: {url}" if label and url else (url or f"{label}: {NOT_RECORDED}")
        for label, url in label_urls
    ]
    first = next((safe_url(u) for _, u in label_urls if safe_url(u)), None)
    made = cell(lines, first, empty)
    if label_urls and not any(url for _, url in label_urls):  # every link missing: a gap
        labels = [label for label, _ in label_urls if label]
        return not_recorded("for " + "; ".join(labels) if labels else None)
    return made
