"""Values in words for change records, and retention periods made comparable."""

from __future__ import annotations

import re

from privacymap.model import SPECIAL_CATEGORY_NAMES

_PART = re.compile(r"(\d+)([YMWD])")
_DAYS = {"Y": 365.25, "M": 30.4375, "W": 7.0, "D": 1.0}
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
LIMIT = 160


def period_days(period: str | None) -> float | None:
    """An ISO 8601 duration (`P1Y6M`) as approximate days, to tell longer from shorter."""
    if not period:
        return None
    parts = _PART.findall(period)
    return sum(int(n) * _DAYS[unit] for n, unit in parts) if parts else None


def period_words(period: str) -> str:
    """`P25Y` -> `25 years`; `P1Y6M` -> `1 year 6 months` (the model's own text otherwise)."""
    parts = [f"{n} {_UNITS[u]}{'' if n == '1' else 's'}" for n, u in _PART.findall(period)]
    return " ".join(parts) or period


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
