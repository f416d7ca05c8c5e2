"""Retention periods (ISO 8601 durations such as `P6Y`, `P1Y6M`) in words."""

from __future__ import annotations

import re

UNITS: dict[str, tuple[str, str]] = {
    "Y": ("year", "years"),
    "M": ("month", "months"),
    "W": ("week", "weeks"),
    "D": ("day", "days"),
}
_PART = re.compile(r"(\d+)([YMWD])")
_DAYS = {"Y": 365.25, "M": 30.4375, "W": 7.0, "D": 1.0}
"""Average days per unit: enough to tell a longer period from a shorter one."""


def period_in_words(period: str) -> str:
    """`P25Y` -> "25 years"; `P1Y6M` -> "1 year and 6 months"; anything else as written."""
    parts = []
    for digits, unit in _PART.findall(period):
        number = int(digits)
        one, many = UNITS[unit]
        parts.append(f"{number} {one if number == 1 else many}")
    if not parts:
        return period
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def period_days(period: str | None) -> float | None:
    """An ISO 8601 duration (`P1Y6M`) as approximate days, to tell longer from shorter;
    None when it is not one."""
    parts = _PART.findall(period or "")
    return sum(int(digits) * _DAYS[unit] for digits, unit in parts) if parts else None
