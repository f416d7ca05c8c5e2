"""Plain-text helpers every layer shares: lists in words, spreadsheet-safe fields."""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a CSV field as a formula (OWASP)."""


def join_words(items: Iterable[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or 'a, b or c' for alternatives)."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def csv_escape(text: str) -> str:
    """A CSV field a spreadsheet shows as text, never runs as a formula; reversible.

    A field starting with a formula character, or with an apostrophe, gets one
    apostrophe in front (spreadsheets hide it); `csv_unescape` strips exactly one.
    """
    if text.startswith((*FORMULA_STARTS, "'")):
        return "'" + text
    return text


def csv_unescape(text: str) -> str:
    """The exact text of a field written by `csv_escape`."""
    return text[1:] if text.startswith("'") else text
