"""What the map states about its processing, checked for completeness: whose data a
category is (PM170), agreement sought as a safeguard (PM270), the kind of a retention
period (PM560), automated decisions and their Art 22C safeguards (PM680, PM770), flows
whose categories are not stated (PM681), review dates that have passed (PM682) and last
reviews that cannot have happened when recorded (PM683)."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

from privacymap import law
from privacymap.checks import Context, check
from privacymap.checks._common import finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.model import AutomatedDecisionMaking, PublishedDate
from privacymap.text import join_words

SAFEGUARDS = {
    "information": "how people are told about decisions",
    "representations": "how they can make representations",
    "human_intervention": "how they can obtain human intervention",
    "contest": "how they can contest a decision",
}
"""The Art 22C(2) safeguards, each as the finding names it when missing."""


@check("PM170")
def category_about_unlisted_subjects(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, activity in enumerate(index.datamap.activities):
        for category in index.activity_categories(activity):
            missing = [s for s in category.subjects if s not in activity.subjects]
            if not missing or not activity.subjects:
                continue
            yield finding(
                context,
                index,
                ("activities", i, "subjects"),
                f"activity:{activity.id}:{category.id}",
                id=activity.id,
                category=category.id,
                subjects=join_words([f"'{s}'" for s in missing]),
            )


@check("PM270")
def agreement_under_consent(index: Index, context: Context) -> Iterator[Diagnostic]:
    """Agreement recorded as a safeguard where consent is the very basis relied on."""
    for i, activity in enumerate(index.datamap.activities):
        places: list[tuple[tuple[str | int, ...], str, tuple[str, ...]]] = []
        if activity.agreement is not None:
            bases = tuple(b.basis for b in index.activity_bases(activity))
            places.append((("activities", i, "agreement"), f"activity '{activity.id}'", bases))
        for flow in index.flows_of(activity.id):
            if flow.spec.agreement is not None:
                bases = tuple(b.basis for b in flow.bases)
                places.append(((*flow.path, "agreement"), f"the {flow.direction} {flow.id}", bases))
        for path, where, bases in places:
            if "consent" in bases:
                yield finding(context, index, path, f"agreement:{where}", where=where)


@check("PM560")
def retention_kind_incomplete(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, row in enumerate(index.datamap.retention):
        if row.kind == "until-event" and not (row.until or "").strip():
            missing, field = "which event (`until:`)", "until"
        elif row.kind == "maximum" and not row.period:
            missing, field = "the maximum period (`period:`)", "period"
        else:
            continue
        yield finding(
            context,
            index,
            ("retention", i, "kind"),
            f"retention:{row.id}",
            id=row.id,
            record=row.record,
            kind=row.kind,
            missing=missing,
            field=field,
        )


def _decision_statements(
    index: Index,
) -> Iterator[tuple[tuple[str | int, ...], str, str, AutomatedDecisionMaking]]:
    """(path, where, subject, statement) of every statement that decisions are automated."""
    dm = index.datamap
    if dm.automated_decision_making is not None:
        yield (
            ("automated_decision_making",),
            "the notice",
            "automated_decision_making",
            dm.automated_decision_making,
        )
    for i, activity in enumerate(dm.activities):
        if activity.automated_decision_making is not None:
            yield (
                ("activities", i, "automated_decision_making"),
                f"activity '{activity.id}'",
                f"activity:{activity.id}",
                activity.automated_decision_making,
            )


@check("PM680")
def automated_decision_without_safeguards(index: Index, context: Context) -> Iterator[Diagnostic]:
    for path, where, subject, statement in _decision_statements(index):
        if not statement.exists:
            continue
        given = statement.safeguards
        missing = [
            words
            for name, words in SAFEGUARDS.items()
            if given is None or not (getattr(given, name) or "").strip()
        ]
        if missing:
            yield finding(context, index, path, subject, where=where, missing=join_words(missing))


@check("PM681")
def flow_categories_not_stated(index: Index, context: Context) -> Iterator[Diagnostic]:
    for flow in index.flows:
        if not flow.categories_stated:
            yield finding(
                context,
                index,
                (*flow.path, "categories"),
                flow.subject,
                direction=flow.direction,
                flow=flow.id,
            )


def _passed(date: PublishedDate | None, context: Context) -> bool:
    """Whether a review date (a day, or a month: its last day counts) is before today."""
    if date is None:
        return False
    if date.day is not None:
        return date.first_day < context.today
    return (date.year, date.month) < (context.today.year, context.today.month)


def _last_day(date: PublishedDate) -> dt.date:
    """The day, or the month's last day: the latest a date given as a month can mean."""
    if date.day is not None:
        return date.first_day
    return dt.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])


def _review_order(
    last: PublishedDate | None, following: PublishedDate | None, context: Context
) -> str | None:
    """What is impossible about a last review date (None: nothing): it lies after the
    day of the check, or after the next review date (both read as generously as a month
    allows)."""
    if last is None:
        return None
    if last.first_day > context.today:
        return f"which is after the day of the check ({context.today.isoformat()})"
    if following is not None and last.first_day > _last_day(following):
        return f"after its next review date {following.text}"
    return None


@check("PM683")
def review_dates_out_of_order(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    problem = _review_order(dm.notice.last_review, dm.notice.next_review, context)
    if problem and dm.notice.last_review is not None:
        yield finding(
            context, index, ("notice", "last_review"), "notice:last_review",
            what="the notice", last=dm.notice.last_review.text, problem=problem,
        )  # fmt: skip
    for i, activity in enumerate(dm.activities):
        problem = _review_order(activity.last_review, activity.next_review, context)
        if problem and activity.last_review is not None:
            yield finding(
                context, index, ("activities", i, "last_review"), f"activity:{activity.id}",
                what=f"activity '{activity.id}'", last=activity.last_review.text,
                problem=problem,
            )  # fmt: skip


def _overdue(last: PublishedDate | None, following: PublishedDate | None, context: Context) -> bool:
    """A next review date that has passed, unless a later review is recorded (then the
    next date was not moved on: PM683 says so)."""
    reviewed = last is not None and following is not None and last.first_day > _last_day(following)
    return _passed(following, context) and not reviewed


@check("PM682")
def review_overdue(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    if _overdue(dm.notice.last_review, dm.notice.next_review, context):
        assert dm.notice.next_review is not None
        yield finding(
            context,
            index,
            ("notice", "next_review"),
            "notice:next_review",
            what="the notice",
            due=dm.notice.next_review.text,
            owner=dm.notice.review_owner or "no review owner recorded",
        )
    for i, activity in enumerate(dm.activities):
        if _overdue(activity.last_review, activity.next_review, context):
            assert activity.next_review is not None
            yield finding(
                context,
                index,
                ("activities", i, "next_review"),
                f"activity:{activity.id}",
                what=f"activity '{activity.id}'",
                due=activity.next_review.text,
                owner=activity.review_owner or "no review owner recorded",
            )


@check("PM770")
def automated_decision_right_without_decisions(
    index: Index, context: Context
) -> Iterator[Diagnostic]:
    if index.automated_decisions is not False:
        return  # there are such decisions, or the map does not say (PM610, PM614)
    for i, entry in enumerate(index.datamap.rights):
        if entry.right == law.AUTOMATED_DECISION_RIGHT:
            yield finding(context, index, ("rights", i), f"right:{entry.right}")
