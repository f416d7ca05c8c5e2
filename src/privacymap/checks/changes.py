"""Changes to the notice: wording that people will not be told (PM658), a stale date (PM659)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import finding, prose_findings
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index

UNANNOUNCED = re.compile(
    r"\b(?:changes?|updates?|amendments?) (?:will )?(?:take|takes|come|comes) "
    r"(?:into )?effect (?:immediately|when|once|as soon as|on publication|from the date)"
    r"|\bwe (?:may|can|reserve the right to) (?:change|update|amend|modify|revise|alter) "
    r"(?:this|our|these) (?:privacy )?(?:notice|policy|statement|terms)"
    r"(?: (?:at any time|from time to time|without (?:prior )?notice))"
    r"|\b(?:please )?(?:check|review|visit) (?:this page|back|this notice) "
    r"(?:regularly|periodically|often|from time to time)",
    re.I,
)
"""Wording that lets the notice change without telling people."""

TOLD = re.compile(
    r"\b(?:we will|we'll|we shall) (?:always )?(?:tell|inform|notify|contact|write to|"
    r"let you know|give you)\b|\bbefore we (?:use|start|process)\b",
    re.I,
)
"""A commitment to tell people, which makes the wording above acceptable."""


@check("PM658")
def changes_without_telling(index: Index, context: Context) -> Iterator[Diagnostic]:
    yield from prose_findings(index, context, UNANNOUNCED, unless=TOLD, width=0)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from `earlier` to `later`."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (later.day < earlier.day)


@check("PM659")
def notice_stale(index: Index, context: Context) -> Iterator[Diagnostic]:
    updated = index.datamap.notice.last_updated
    if updated is None:
        return
    judged = max(context.today, context.law_as_at)
    months = months_between(updated.first_day, judged)
    if months > context.stale_after_months:
        yield finding(
            context,
            index,
            ("notice", "last_updated"),
            "notice:last_updated",
            updated=updated.isoformat(),
            months=months,
            as_at=judged.isoformat(),
        )
