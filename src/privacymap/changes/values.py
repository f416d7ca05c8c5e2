"""Values in words for change records."""

from __future__ import annotations

from privacymap.model import SPECIAL_CATEGORY_NAMES

LIMIT = 160


def words(value: object) -> str:
    """A value as a reviewer reads it: text on one line, lists joined, yes/no, 'not set'."""
    if value is None or value == () or value == "":
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        shown = [f"{k}: {words(v)}" for k, v in value.items() if v not in (None, (), "", False)]
        return clip("; ".join(shown) or "empty")
    if isinstance(value, tuple):
        return clip(", ".join(words(v) for v in value))
    return clip(" ".join(str(value).split()))


def clip(text: str) -> str:
    return text if len(text) <= LIMIT else text[: LIMIT - 3].rstrip() + "..."


def special_words(special: tuple[str, ...] | list[str]) -> str:
    """Art 9(1) special category ids in words."""
    return ", ".join(SPECIAL_CATEGORY_NAMES.get(s, s) for s in special)
