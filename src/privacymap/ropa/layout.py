"""Column widths and row heights for the printed workbook.

XlsxWriter does not fit rows to their text, and a row without a height prints
one line tall, its wrapped text running over the next row. So every row gets an
explicit height, estimated from its cells' text, its column widths and the
font: each line the author wrote is word-wrapped at the characters a column
holds, and the row is as tall as its tallest cell. The estimate errs on the
tall side (tests compare it with LibreOffice's own fitting).

Widths: the ICO template has 30 columns (and privacymap adds its audit
columns), printed one page wide; a column is made only as wide as its text
needs to stay within `TARGET_LINES` lines, between `MIN_WIDTH` and the
column's own maximum, so short columns do not waste the page's width.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

CHARS_PER_WIDTH = 1.1
"""Characters of 10 pt text a column holds per unit of Excel width (one unit is the
width of a digit of the 11 pt default font; LibreOffice fits 1.2 to 1.4 characters of
10 pt prose, so 1.1 leaves room for the wrapping's ragged right edge)."""
LINE_HEIGHT = 12.5
"""Points per line of 10 pt text (LibreOffice sets 11.7, Excel 12.75)."""
PADDING = 4.0
"""Points above and below a cell's text."""
MIN_WIDTH = 12
MAX_WIDTH = 255
"""Excel's widest column."""
TARGET_LINES = 24
MAX_HEIGHT = 409.0
"""Excel's limit on a row's height in points."""
MAX_LINES = int((MAX_HEIGHT - 4.0) // LINE_HEIGHT)
"""The most lines a row can show; a column widens (past its usual widest) to keep every
cell within them, since a spreadsheet cuts off what a row cannot hold."""


def _chars(width: int) -> int:
    """The characters of 10 pt text a column `width` units wide holds on a line."""
    return max(1, math.floor(width * CHARS_PER_WIDTH))


def _paragraph_lines(paragraph: str, chars: int) -> int:
    # A paragraph no longer than a line is one line: textwrap would say the same.
    if len(paragraph) <= chars and ("\t" not in paragraph or len(paragraph.expandtabs()) <= chars):
        return 1
    return len(textwrap.wrap(paragraph, chars, break_long_words=True)) or 1


def _lines(text: str, chars: int) -> int:
    """How many lines `text` wraps to, `chars` characters a line: each line the author
    wrote is word-wrapped (long words broken) and is at least one line."""
    return sum(_paragraph_lines(paragraph, chars) for paragraph in text.split("\n"))


def lines_needed(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` units wide."""
    return _lines(text, _chars(int(width)))


def height(lines: int, minimum: float = 15.0) -> float:
    """The height in points of a row whose tallest cell holds `lines` lines."""
    return min(MAX_HEIGHT, max(minimum, lines * LINE_HEIGHT + PADDING))


def row_height(cells: Iterable[tuple[str, float]], minimum: float = 15.0) -> float:
    """The height in points of a row of (text, column width) cells."""
    return height(max((lines_needed(text, width) for text, width in cells), default=1), minimum)


@dataclass(frozen=True)
class FittedColumn:
    """A column's width (see `fit_column`) and the lines each of its texts takes there."""

    width: int
    lines: dict[str, int]


class _Texts:
    """A column's distinct texts, longest first (the likeliest not to fit), and the one
    that last failed to fit (tried first at the next width): a width that fails usually
    fails on its first text, so each width tried costs one wrap, not one per text."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = sorted(set(texts), key=len, reverse=True)
        self.hardest: str | None = None
        # the characters no wrapping drops: a text takes at least one line per `chars`
        # of them in each of its paragraphs (textwrap's lines are never longer)
        self.solid = {t: [len("".join(p.split())) for p in t.split("\n")] for t in self.texts}

    def _at_least(self, text: str, chars: int) -> int:
        return sum(-(-n // chars) or 1 for n in self.solid[text])

    def _over(self, text: str, chars: int, limit: int) -> bool:
        return self._at_least(text, chars) > limit or _lines(text, chars) > limit

    def fit(self, width: int, limit: int) -> dict[str, int] | None:
        """Each text's lines at `width`, or None if one of them takes more than `limit`."""
        chars = _chars(width)
        if self.hardest is not None and self._over(self.hardest, chars, limit):
            return None
        lines: dict[str, int] = {}
        for text in self.texts:
            if self._at_least(text, chars) > limit:
                self.hardest = text
                return None
            n = _lines(text, chars)
            if n > limit:
                self.hardest = text
                return None
            lines[text] = n
        return lines


def fit_column(texts: Iterable[str], heading: str, widest: int) -> FittedColumn:
    """The narrowest width (from `MIN_WIDTH` to `widest`) at which every text of a column
    fits in `TARGET_LINES` lines and no word of its heading breaks; past `widest`, the
    narrowest at which every text fits in `MAX_LINES` (in steps of 4); with the lines each
    text takes at that width, for the rows' heights."""
    longest_word = max((len(w) for w in heading.split()), default=0)
    low = min(widest, max(MIN_WIDTH, math.ceil(longest_word / CHARS_PER_WIDTH) + 1))
    column = _Texts(texts)
    for width in range(low, widest + 1):
        lines = column.fit(width, TARGET_LINES)
        if lines is not None:
            return FittedColumn(width, lines)
    width = widest
    while width < MAX_WIDTH and column.fit(width, MAX_LINES) is None:
        width += 4
    chars = _chars(width)
    return FittedColumn(width, {t: _lines(t, chars) for t in column.texts})
