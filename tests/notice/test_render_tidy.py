"""A rendered page tidied a block of lines at a time is the page tidied all at once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from privacymap.notice.render import tidy


def _at_once(text: str, markdown: bool) -> str:
    """The tidying as it was: every line split out of the whole page at once."""
    if markdown:
        lines = [line if line.strip() else "" for line in text.splitlines()]
    else:
        lines = [line.rstrip() for line in text.splitlines()]
    out = "\n".join(lines).strip() + "\n"
    while "\n\n\n" in out:
        out = out.replace("\n\n\n", "\n\n")
    return out


# every line break `str.splitlines` knows (CRLF too), and spaces a line may end with
_pieces = st.one_of(
    st.text(alphabet="ab<>", min_size=1, max_size=6),
    st.sampled_from(
        ["\n", "\r\n", "\r", "\n\n\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85",
         "\u2028", "\u2029", " ", "  ", "\t", "\u00a0", "\u3000", "\x1f"]
    ),
)  # fmt: skip


@given(
    text=st.lists(_pieces, max_size=80).map("".join),
    markdown=st.booleans(),
    block=st.integers(min_value=1, max_value=40),
)
@settings(max_examples=500, deadline=None)
def test_tidied_by_blocks_as_at_once(text: str, markdown: bool, block: int) -> None:
    assert tidy(text, markdown, block) == _at_once(text, markdown)


def test_a_page_longer_than_a_block_is_tidied_whole() -> None:
    page = "".join(f"<p>line {i}  \r\n\n\n\n" for i in range(3000))
    for markdown in (False, True):
        assert tidy(page, markdown, 1000) == _at_once(page, markdown)
        assert tidy(page, markdown) == _at_once(page, markdown)
