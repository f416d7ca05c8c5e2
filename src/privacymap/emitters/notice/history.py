"""The notice's "Changes to this notice" section: the map's `changes:` history, newest first.

Each entry is shown as the controller wrote it (the summary is the plain-words
account of what changed, which `privacymap diff` suggests), with the date
people were told, the date it takes effect and how they were told.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from privacymap.model import ChangeEntry


@dataclass(frozen=True)
class ChangeView:
    """One entry of the notice's history, ready for the templates."""

    date: str
    iso_date: str
    summary_md: str
    effective: str | None = None
    iso_effective: str | None = None
    told_md: str | None = None
    version: str | None = None


def history(entries: tuple[ChangeEntry, ...]) -> tuple[ChangeView, ...]:
    """The entries newest first (by date, then the later-written first on the same day)."""
    ordered = sorted(enumerate(entries), key=lambda item: (item[1].date, item[0]), reverse=True)
    return tuple(_view(entry) for _, entry in ordered)


def _view(entry: ChangeEntry) -> ChangeView:
    effective = entry.effective if entry.effective and entry.effective != entry.date else None
    return ChangeView(
        date=day(entry.date),
        iso_date=entry.date.isoformat(),
        summary_md=entry.summary,
        effective=day(effective) if effective else None,
        iso_effective=effective.isoformat() if effective else None,
        told_md=entry.told,
        version=entry.version,
    )


def day(value: dt.date) -> str:
    """`2026-12-01` -> `1 December 2026`, as the notice writes dates."""
    return f"{value.day} {value:%B} {value.year}"
