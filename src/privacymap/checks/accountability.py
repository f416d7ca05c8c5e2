"""PM670: accountability (Art 35): an activity whose DPIA screening says "required"
and for which the map records no DPIA."""

from __future__ import annotations

from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import finding
from privacymap.diagnostics import Diagnostic
from privacymap.dpia import screen
from privacymap.index import Index
from privacymap.text import join_words


@check("PM670")
def dpia_not_recorded(index: Index, context: Context) -> Iterator[Diagnostic]:
    for screening in screen(index):
        if screening.missing:
            activity = screening.activity
            path = index.path_of("activities", activity.id)
            where = (*path, "dpia") if activity.dpia else path
            yield finding(
                context,
                index,
                where,
                f"activity:{activity.id}",
                fallback=path,
                id=activity.id,
                because=join_words(list(screening.because)),
            )
