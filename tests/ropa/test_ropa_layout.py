"""The workbook's column widths and row heights: the fitted-width search that skips widths
and reuses its line counts gives exactly the widths and heights of the plain search (every
width from the lowest, every text wrapped at each), on varied texts and on every table
of the example maps' workbooks."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacymap import pipeline, ropa
from privacymap.ropa import layout
from tests.ropa.support import LANCASHIRE

ROOT = Path(__file__).resolve().parents[2]
MAPS = [
    LANCASHIRE,
    *(ROOT / "examples" / name for name in ("family-support", "joint-service", "tutorial")),
    ROOT / "examples" / "qualified-rights",
]


# The plain search, as it was before it skipped widths (the reference).
def _plain_lines(text: str, width: float) -> int:
    if not text:
        return 1
    chars = max(1, math.floor(int(width) * layout.CHARS_PER_WIDTH))
    return sum(
        len(textwrap.wrap(line, chars, break_long_words=True)) or 1 for line in text.split("\n")
    )


def _plain_width(texts: list[str], heading: str, widest: int) -> int:
    longest_word = max((len(w) for w in heading.split()), default=0)
    low = min(widest, max(layout.MIN_WIDTH, math.ceil(longest_word / layout.CHARS_PER_WIDTH) + 1))
    for width in range(low, widest + 1):
        if all(_plain_lines(t, width) <= layout.TARGET_LINES for t in texts):
            return width
    width = widest
    while width < layout.MAX_WIDTH and any(
        _plain_lines(t, width) > layout.MAX_LINES for t in texts
    ):
        width += 4
    return width


def _assert_same(texts: list[str], heading: str, widest: int) -> None:
    fitted = layout.fit_column(texts, heading, widest)
    assert fitted.width == _plain_width(texts, heading, widest)
    assert set(fitted.lines) == set(texts)
    for text in texts:
        assert fitted.lines[text] == _plain_lines(text, fitted.width), (text, fitted.width)


# words, hyphens and dashes (where textwrap may break), tabs, newlines, runs of spaces,
# non-breaking and other Unicode spaces (which textwrap does not split on but may drop)
_pieces = st.one_of(
    st.text(alphabet="abcdefghij", min_size=1, max_size=12),
    st.text(alphabet="abcdefghij", min_size=20, max_size=90),  # longer than a narrow line
    st.sampled_from(
        [" ", "  ", "-", "--", " - ", "\t", "\n", "\n\n", "\u00a0", "\u2003", "\u2014", ". ", "\r"]
    ),
)
_texts = st.lists(_pieces, max_size=120).map("".join)


@given(
    texts=st.lists(_texts, max_size=8),
    heading=st.text(alphabet="abcdefghij ", max_size=40),
    widest=st.integers(min_value=1, max_value=70),
)
@settings(max_examples=300, deadline=None)
def test_fitted_widths_and_lines_are_the_plain_searchs(
    texts: list[str], heading: str, widest: int
) -> None:
    _assert_same(texts, heading, widest)


@given(text=_texts, width=st.integers(min_value=0, max_value=300))
@settings(max_examples=300, deadline=None)
def test_lines_needed_is_textwraps_count(text: str, width: int) -> None:
    assert layout.lines_needed(text, width) == _plain_lines(text, width)


def test_a_column_too_long_for_its_widest_widens_in_steps_of_four() -> None:
    texts = ["word " * 900, "short", ""]
    _assert_same(texts, "Heading", 30)
    assert layout.fit_column(texts, "Heading", 30).width > 30


@pytest.mark.parametrize("source", MAPS, ids=lambda p: p.name)
def test_every_workbook_tables_columns_fit_as_before(source: Path) -> None:
    result = pipeline.check(source)
    assert result.index is not None
    book = ropa.workbook(result.index, result.diagnostics, draft=True)
    tables = [book.ropa, *book.others]
    assert sum(len(t.rows) for t in tables) > 0
    for table in tables:
        for i, heading in enumerate(table.headings):
            _assert_same([row[i].text for row in table.rows], heading, table.widths[i])
