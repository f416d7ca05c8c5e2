"""PM5xx retention and minimisation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import excerpt, finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index

VAGUE = re.compile(
    r"\b(?:governed by (?:the )?(?:legislation|law|statute)"
    r"|as long as (?:is |it is |we )?(?:necessary|needed|required)"
    r"|(?:legally|statutorily) required"
    r"|(?:as )?required by (?:the )?(?:law|legislation|statute)"
    r"|in (?:line|accordance) with (?:the )?(?:law|legislation|statutory requirements)"
    r"|statutory (?:retention )?requirements)\b",
    re.I,
)
"""Wording that sounds like a rule but names none."""


@check("PM501")
def retention_without_period(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, row in enumerate(index.datamap.retention):
        if row.kind == "until-event":
            continue  # its event, not a period: PM560 when it is missing
        if not row.period and not (row.criteria or "").strip():
            yield finding(
                context,
                index,
                ("retention", i),
                f"retention:{row.id}",
                id=row.id,
                record=row.record,
            )


@check("PM502")
def vague_retention(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, row in enumerate(index.datamap.retention):
        if row.period or row.authority or not row.criteria:
            continue
        match = VAGUE.search(row.criteria)
        if match:
            yield finding(
                context,
                index,
                ("retention", i, "criteria"),
                f"retention:{row.id}",
                id=row.id,
                record=row.record,
                words=excerpt(row.criteria, match.start(), match.end(), 0),
            )


def _used(index: Index) -> set[str]:
    dm = index.datamap
    used = {c for a in dm.activities for c in a.categories}
    used |= {c for a in dm.activities for d in a.discloses for c in d.category_ids}
    return used


@check("PM503")
def collected_but_unused(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    collected = {c for s in dm.sources for c in s.provides}
    collected |= {c for a in dm.activities for f in a.collects for c in f.category_ids}
    used = _used(index)
    for i, category in enumerate(dm.categories):
        if category.id in collected and category.id not in used and not category.special:
            yield finding(
                context, index, ("categories", i), f"category:{category.id}", id=category.id
            )


@check("PM504")
def special_category_unused(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    used = _used(index) | {c for a in dm.activities for f in a.collects for c in f.category_ids}
    for i, category in enumerate(dm.categories):
        if category.special and category.id not in used:
            yield finding(
                context,
                index,
                ("categories", i, "special"),
                f"category:{category.id}",
                id=category.id,
            )


@check("PM505")
def activity_without_retention(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    covered = {c for row in dm.retention for c in row.categories}
    for i, activity in enumerate(dm.activities):
        if activity.retention:
            continue
        if activity.categories and all(c in covered for c in activity.categories):
            continue
        yield finding(context, index, ("activities", i), f"activity:{activity.id}", id=activity.id)
