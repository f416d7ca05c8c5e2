"""PM104-PM108: defined but unused objects, and activities with no purpose.

(PM101-PM103, duplicate ids and dangling references, are raised by the resolver.)
"""

from __future__ import annotations

from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index


@check("PM104")
def unused_purpose(index: Index, context: Context) -> Iterator[Diagnostic]:
    used = {p for a in index.datamap.activities for p in a.purposes}
    for i, purpose in enumerate(index.datamap.purposes):
        if purpose.id not in used:
            yield finding(context, index, ("purposes", i), f"purpose:{purpose.id}", id=purpose.id)


@check("PM105")
def unused_category(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    referenced = {c for a in dm.activities for c in a.categories}
    flows = [f for a in dm.activities for f in (*a.collects, *a.discloses)]
    referenced |= {c for f in flows for c in f.category_ids}
    referenced |= {c for s in dm.sources for c in s.provides}
    for i, category in enumerate(dm.categories):
        # special categories are PM504's; collected-but-unused ones are PM503's
        if category.id not in referenced and not category.special:
            yield finding(
                context, index, ("categories", i), f"category:{category.id}", id=category.id
            )


@check("PM106")
def unused_recipient(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    used = {d.recipient for a in dm.activities for d in a.discloses}
    used |= {a.joint_controller for a in dm.activities if a.joint_controller}
    used |= {t.recipient for t in (dm.transfers.items if dm.transfers else ())}
    for i, recipient in enumerate(dm.recipients):
        if recipient.id not in used:
            yield finding(
                context, index, ("recipients", i), f"recipient:{recipient.id}", id=recipient.id
            )


@check("PM107")
def unused_source(index: Index, context: Context) -> Iterator[Diagnostic]:
    used = {c.source for a in index.datamap.activities for c in a.collects}
    for i, source in enumerate(index.datamap.sources):
        if source.id not in used:
            yield finding(context, index, ("sources", i), f"source:{source.id}", id=source.id)


@check("PM108")
def activity_without_purpose(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, activity in enumerate(index.datamap.activities):
        if not activity.purposes:
            yield finding(
                context, index, ("activities", i), f"activity:{activity.id}", id=activity.id
            )
