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
from collections.abc import Iterable, Sequence
from functools import lru_cache

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


@lru_cache(maxsize=4096)
def _wrapped(text: str, width: int) -> int:
    chars = max(1, math.floor(width * CHARS_PER_WIDTH))
    lines = 0
    for line in text.split("\n"):
        lines += len(textwrap.wrap(line, chars, break_long_words=True)) or 1
    return lines


def lines_needed(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` units wide."""
    return _wrapped(text, int(width)) if text else 1


def row_height(cells: Iterable[tuple[str, float]], minimum: float = 15.0) -> float:
    """The height in points of a row of (text, column width) cells."""
    most = max((lines_needed(text, width) for text, width in cells), default=1)
    return min(MAX_HEIGHT, max(minimum, most * LINE_HEIGHT + PADDING))


def fitted_width(texts: Sequence[str], heading: str, widest: int) -> int:
    """The narrowest width (from `MIN_WIDTH` to `widest`) at which every text of a column
    fits in `TARGET_LINES` lines and no word of its heading breaks; past `widest`, the
    narrowest at which every text fits in `MAX_LINES`."""
    longest_word = max((len(w) for w in heading.split()), default=0)
    low = min(widest, max(MIN_WIDTH, math.ceil(longest_word / CHARS_PER_WIDTH) + 1))
    for width in range(low, widest + 1):
        if all(lines_needed(t, width) <= TARGET_LINES for t in texts):
            return width
    width = widest
    while width < MAX_WIDTH and any(lines_needed(t, width) > MAX_LINES for t in texts):
        width += 4
    return width
