"""Further processing: data collected for one purpose used for a new one.

The new use must be compatible with the purpose the data was collected for
(Art 5(1)(b); from 5 February 2026 Art 8A, with the Annex 2 conditions), and
people must be told before it starts (Art 13(3), 14(4)), unless, for research,
archiving or statistics, telling them is impossible or would involve
disproportionate effort and the information is made public instead (Art
14(5)(b); for data collected from the person, the exemption DUAA 2025 s 77 added).
"""

from __future__ import annotations

from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.law.commencement import commencement
from privacymap.model import Activity, FurtherProcessing
from privacymap.text import join_words

RESEARCH_KINDS = frozenset({"research", "statistics", "archiving"})
"""Purpose kinds treated as compatible (Art 5(1)(b), 8A) and open to the research exemption."""


def _further(index: Index) -> Iterator[tuple[int, Activity, FurtherProcessing]]:
    for i, activity in enumerate(index.datamap.activities):
        if activity.further_processing is not None:
            yield i, activity, activity.further_processing


def _for_research(index: Index, activity: Activity) -> bool:
    purposes = index.resolve("purposes", activity.purposes)
    return any(p.kind in RESEARCH_KINDS for p in purposes)


@check("PM254")
def annex2_not_in_force(index: Index, context: Context) -> Iterator[Diagnostic]:
    since = commencement("further-processing").in_force_from
    if context.law_as_at >= since:
        return
    for i, activity, further in _further(index):
        if further.compatibility == "annex-2":
            yield finding(
                context,
                index,
                ("activities", i, "further_processing", "compatibility"),
                f"activity:{activity.id}",
                id=activity.id,
                as_at=context.law_as_at.isoformat(),
                since=since.isoformat(),
            )


def _incomplete(index: Index, activity: Activity, further: FurtherProcessing) -> list[str]:
    missing = []
    if further.compatibility == "annex-2" and not (further.annex2 or "").strip():
        missing.append("which Annex 2 condition it meets (`annex2:`)")
    if further.compatibility == "assessment" and not further.assessment:
        missing.append("where the compatibility assessment is recorded (`assessment:`)")
    if further.compatibility == "research" and not _for_research(index, activity):
        missing.append("a research, archiving or statistics purpose among the activity's purposes")
    if further.compatibility == "consent":
        bases = {b.basis for b in index.activity_bases(activity)}
        if "consent" not in bases:
            missing.append("consent as the activity's lawful basis")
    return missing


@check("PM255")
def compatibility_not_recorded(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, activity, further in _further(index):
        missing = _incomplete(index, activity, further)
        if missing:
            yield finding(
                context,
                index,
                ("activities", i, "further_processing"),
                f"activity:{activity.id}",
                id=activity.id,
                compatibility=further.compatibility,
                missing=join_words(missing),
            )


@check("PM664")
def further_processing_not_told(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, activity, further in _further(index):
        if not (further.told or "").strip() and not further.research_exemption:
            yield finding(
                context,
                index,
                ("activities", i, "further_processing"),
                f"activity:{activity.id}",
                id=activity.id,
                original=join_words([f"'{p}'" for p in further.of]),
            )


def _collected_from_person(index: Index, activity: Activity, further: FurtherProcessing) -> bool:
    """Whether the data was collected from the person: by this activity or by an activity
    serving one of the purposes it was first collected for."""
    first = [a for a in index.datamap.activities if set(a.purposes) & set(further.of)]
    return any(
        view.source is not None and view.source.kind == "data-subject"
        for a in [activity, *first]
        for view in index.flows_of(a.id)
        if view.direction == "collection"
    )


@check("PM665")
def research_exemption_unavailable(index: Index, context: Context) -> Iterator[Diagnostic]:
    since = commencement("research-notice-exemption").in_force_from
    for i, activity, further in _further(index):
        if not further.research_exemption:
            continue
        if not _for_research(index, activity):
            problem = "none of its purposes is research, archiving or statistics"
        elif context.law_as_at < since and _collected_from_person(index, activity, further):
            problem = (
                f"the data was collected from the person, and before {since.isoformat()} the "
                "exemption covered only data obtained from others (Art 14(5)(b))"
            )
        else:
            continue
        yield finding(
            context,
            index,
            ("activities", i, "further_processing", "research_exemption"),
            f"activity:{activity.id}",
            id=activity.id,
            problem=problem,
        )
