"""The notice's "Changes to this notice" section: the map's `changes:` history, newest first.

Each entry is shown as the controller wrote it (the summary is the plain-words
account of what changed, which `privacymap diff` suggests), with the day
people were told, the day it takes effect when later, and how they were told.
"""

from __future__ import annotations

import datetime as dt

from privacymap.model import ChangeEntry, PublishedDate
from privacymap.notice.parts import ChangeView


def history(entries: tuple[ChangeEntry, ...]) -> tuple[ChangeView, ...]:
    """The entries newest first (by date; on the same day, the one written later first)."""
    ordered = sorted(enumerate(entries), key=lambda item: (item[1].date, item[0]), reverse=True)
    return tuple(_view(entry) for _, entry in ordered)


def _view(entry: ChangeEntry) -> ChangeView:
    later = entry.effective if entry.effective and entry.effective != entry.date else None
    return ChangeView(
        date=_day(entry.date),
        iso_date=entry.date.isoformat(),
        summary_md=entry.summary,
        effective=_day(later) if later else None,
        iso_effective=later.isoformat() if later else None,
        told_md=entry.told,
        version=entry.version,
    )


def _day(value: dt.date) -> str:
    """`2026-12-01` -> "1 December 2026", as the notice writes every date."""
    return PublishedDate(value.year, value.month, value.day).text
