"""DPIA screening of each activity: every criterion answered Yes, No or Unknown from
what the map records, with the facts (and their ``file:line:col``) behind the answer,
and the conclusion (required, advisable, not indicated) with the source's wording.

The map can say whether an activity handles special category or criminal offence
data, is about children, combines several sources, takes data from others, makes
automated decisions, transfers data abroad or shares it. It cannot say whether the
processing is large scale, innovative or could cause harm: those criteria stay
Unknown, with the question a person has to answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from privacymap.dpia.criteria import Conclusion, Criterion, conclusions, criteria
from privacymap.model import SPECIAL_CATEGORY_NAMES, Activity, Category, Dpia

if TYPE_CHECKING:
    from privacymap.index import FlowView, Index

Value = Literal["Yes", "No", "Unknown"]
Outcome = Literal["required", "advisable", "not-indicated"]
COUNTED = ("art35-3", "ico", "wp248")
"""Families whose answers weigh in the conclusion (``context`` only informs)."""


@dataclass(frozen=True)
class Fact:
    """A fact of the map behind an answer, and where it is written."""

    text: str
    location: str | None


@dataclass(frozen=True)
class Answer:
    """One criterion answered for one activity."""

    criterion: Criterion
    value: Value
    reason: str
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True)
class Screening:
    """The screening of one activity."""

    activity: Activity
    location: str | None
    answers: tuple[Answer, ...]
    outcome: Outcome
    wording: Conclusion
    because: tuple[str, ...]
    """Ids of the criteria that led to the outcome."""
    dpia: Dpia | None

    @property
    def recorded(self) -> bool:
        """The map records a DPIA carried out for this activity."""
        return bool(self.dpia and self.dpia.recorded)

    @property
    def missing(self) -> bool:
        """A DPIA is required and the map records none."""
        return self.outcome == "required" and not self.recorded


def screen(index: Index) -> tuple[Screening, ...]:
    """Every activity's screening, in map order (computed once per index)."""
    return index.cached(
        "dpia-screening",
        lambda: tuple(screen_activity(index, activity) for activity in index.datamap.activities),
    )


def screen_activity(index: Index, activity: Activity) -> Screening:
    """One activity's screening."""
    seen = _Activity(index, activity)
    answers = tuple(_answer(seen, c) for c in criteria())
    outcome, wording, because = _conclude(answers)
    return Screening(activity, seen.where(()), answers, outcome, wording, because, activity.dpia)


def _conclude(answers: tuple[Answer, ...]) -> tuple[Outcome, Conclusion, tuple[str, ...]]:
    wording = conclusions()
    wp248 = [a for a in answers if a.criterion.family == "wp248" and a.value == "Yes"]
    direct = [
        a
        for a in answers
        if a.value == "Yes"
        and a.criterion.family in ("art35-3", "ico")
        and (not a.criterion.combined or wp248)
    ]
    if direct:
        return "required", wording["required"], _ids(direct)
    if len(wp248) >= 2:
        return "required", wording["required-two-criteria"], _ids(wp248)
    leaning = [
        a
        for a in answers
        if a.criterion.family in COUNTED
        and (a.value == "Yes" or (a.value == "Unknown" and a.facts))
    ]
    if leaning:
        return "advisable", wording["advisable"], _ids(leaning)
    return "not-indicated", wording["not-indicated"], ()


def _ids(answers: Iterable[Answer]) -> tuple[str, ...]:
    return tuple(a.criterion.id for a in answers)


def _answer(seen: _Activity, criterion: Criterion) -> Answer:
    if criterion.test == "person":
        return Answer(
            criterion,
            "Unknown",
            "The map cannot answer this; a person must: " + (criterion.question or criterion.title),
        )
    value, reason, facts = TESTS[criterion.test](seen)
    return Answer(criterion, value, reason, tuple(facts))


# --------------------------------------------------------------------------- facts


class _Activity:
    """What the tests read about one activity, with locations."""

    def __init__(self, index: Index, activity: Activity) -> None:
        self.index = index
        self.activity = activity
        self.path = index.path_of("activities", activity.id)
        self.flows: tuple[FlowView, ...] = index.flows_of(activity.id)
        seen: dict[str, Category] = {c.id: c for c in index.activity_categories(activity)}
        for flow in self.flows:
            seen.update((c.id, c) for c in flow.categories)
        self.categories = tuple(seen.values())

    def where(self, field: tuple[str | int, ...]) -> str | None:
        found = self.index.location((*self.path, *field)) if field else None
        found = found or self.index.location(self.path)
        return str(found) if found else None

    def at(self, section: str, item_id: str, field: str | None = None) -> str | None:
        found = self.index.location_of(section, item_id, field)
        return str(found) if found else None

    def flow_at(self, flow: FlowView) -> str | None:
        found = self.index.location(flow.path)
        return str(found) if found else None

    def special(self) -> list[Fact]:
        return [
            Fact(
                f"category '{c.id}' ({c.name}) is special category data: "
                + ", ".join(SPECIAL_CATEGORY_NAMES[s] for s in c.special),
                self.at("categories", c.id, "special"),
            )
            for c in self.categories
            if c.special
        ]

    def criminal(self) -> list[Fact]:
        return [
            Fact(
                f"category '{c.id}' ({c.name}) is criminal offence data",
                self.at("categories", c.id, "criminal_offence"),
            )
            for c in self.categories
            if c.criminal_offence
        ]

    def children(self) -> list[Fact]:
        subjects = self.index.resolve("subjects", self.activity.subjects)
        return [
            Fact(
                f"data subjects '{s.id}' ({s.name}) are children",
                self.at("subjects", s.id, "children"),
            )
            for s in subjects
            if s.children
        ]

    def automated(self) -> tuple[bool | None, list[Fact]]:
        """Whether automated decisions are made (None: the map does not say)."""
        own = self.activity.automated_decision_making
        if own is not None:
            said = "are" if own.exists else "are not"
            return own.exists, [
                Fact(
                    f"the activity says decisions {said} made by automated means alone",
                    self.where(("automated_decision_making",)),
                )
            ]
        general = self.index.datamap.automated_decision_making
        if general is not None and not general.exists:
            loc = self.index.location(("automated_decision_making",))
            return False, [
                Fact(
                    "the map says no decisions are made by automated means alone",
                    str(loc) if loc else None,
                )
            ]
        if general is not None:
            loc = self.index.location(("automated_decision_making",))
            return None, [
                Fact(
                    "the map says some decisions are made by automated means "
                    "alone, without saying in which activity",
                    str(loc) if loc else None,
                )
            ]
        return None, []


Result = tuple[Value, str, list[Fact]]


def _automated_decisions(seen: _Activity) -> Result:
    exists, facts = seen.automated()
    if exists:
        return "Yes", "Decisions are made by automated means alone.", facts
    if exists is False:
        return "No", "No decision is made by automated means alone.", facts
    return (
        "Unknown",
        "The map does not say whether this activity makes decisions by "
        "automated means alone (add `automated_decision_making:` to the activity).",
        facts,
    )


def _sensitive(seen: _Activity) -> Result:
    facts = seen.special() + seen.criminal()
    if facts:
        return "Yes", "The activity handles special category or criminal offence data.", facts
    return "No", "No category of the activity is special category or criminal offence data.", []


def _sensitive_at_scale(seen: _Activity) -> Result:
    facts = seen.special() + seen.criminal()
    if facts:
        return (
            "Unknown",
            "The activity handles special category or criminal offence data; "
            "the map does not record how many people or how much data, so whether it is "
            "large scale is for a person to judge.",
            facts,
        )
    return "No", "No category of the activity is special category or criminal offence data.", []


def _denial_of_service(seen: _Activity) -> Result:
    exists, automated = seen.automated()
    facts = seen.special() + (automated if exists else [])
    if facts:
        return (
            "Unknown",
            "The activity uses special category data or automated decisions; "
            "whether they decide a person's access to a service, opportunity or benefit "
            "is for a person to judge.",
            facts,
        )
    return (
        "No",
        "The activity uses no special category data and makes no decision by "
        "automated means alone.",
        automated,
    )


def _special_type(kind: str) -> Callable[[_Activity], Result]:
    def test(seen: _Activity) -> Result:
        facts = [
            f
            for c, f in zip([c for c in seen.categories if c.special], seen.special(), strict=True)
            if kind in c.special
        ]
        name = SPECIAL_CATEGORY_NAMES[kind]
        if facts:
            return "Yes", f"The activity handles {name}.", facts
        return "No", f"No category of the activity is {name}.", []

    return test


def _sources(seen: _Activity) -> list[tuple[FlowView, str]]:
    return [
        (f, f.source.name if f.source else f.origin)
        for f in seen.flows
        if f.direction == "collection"
    ]


def _matching(seen: _Activity) -> Result:
    sources = _sources(seen)
    distinct = {f.origin for f, _name in sources}
    facts = [Fact(f"collects from '{f.origin}' ({name})", seen.flow_at(f)) for f, name in sources]
    if len(distinct) >= 2:
        # Collecting from several sources is not yet matching: the ICO's examples
        # (fraud prevention, direct marketing, monitoring uptake of services) combine
        # datasets, which only a person who knows the activity can confirm.
        return (
            "Unknown",
            f"The activity collects from {len(distinct)} sources; whether it combines, "
            "compares or matches them (as in fraud prevention or monitoring the uptake "
            "of services) is for a person to confirm.",
            facts,
        )
    return (
        "No",
        "The activity collects from one source at most."
        if facts
        else "The activity records no collection.",
        facts,
    )


def _invisible(seen: _Activity) -> Result:
    indirect = [
        (f, name)
        for f, name in _sources(seen)
        if not (f.source and f.source.kind == "data-subject")
    ]
    if indirect:
        return (
            "Unknown",
            "Data is obtained from others than the person it is about; whether "
            "the person is not told (Art 14(5)(b): impossible or disproportionate effort) "
            "is for a person to confirm.",
            [
                Fact(
                    f"collects from '{f.origin}' ({name}), not from the data subject",
                    seen.flow_at(f),
                )
                for f, name in indirect
            ],
        )
    return "No", "All data recorded is collected from the people it is about.", []


def _vulnerable(seen: _Activity) -> Result:
    facts = seen.children()
    if facts:
        return "Yes", "Children are among the data subjects.", facts
    return (
        "Unknown",
        "No data subject is marked as children; whether others are vulnerable "
        "(people at risk, patients, people in care) is for a person to judge.",
        [],
    )


def _targeting_children(seen: _Activity) -> Result:
    children = seen.children()
    exists, automated = seen.automated()
    if children and exists:
        return (
            "Yes",
            "Children are data subjects of automated decision-making.",
            children + automated,
        )
    if children:
        return (
            "Unknown",
            "Children are among the data subjects; whether their data is used "
            "for marketing, profiling or automated decisions, or online services are "
            "offered to them directly, is for a person to judge.",
            children,
        )
    return (
        "Unknown",
        "No data subject is marked as children; whether other vulnerable "
        "people are targeted is for a person to judge.",
        [],
    )


def _transfers(seen: _Activity) -> Result:
    recipients = {f.recipient.id: (f, f.recipient) for f in seen.flows if f.recipient}
    transfers = seen.index.datamap.transfers
    facts = [
        Fact(f"discloses to '{r.id}' ({r.name}) in {', '.join(r.abroad)}", seen.flow_at(f))
        for f, r in recipients.values()
        if r.abroad
    ]
    items = transfers.items if transfers else ()
    facts += [
        Fact(
            f"a transfer to '{t.recipient}' in {t.where} is recorded",
            str(loc) if (loc := seen.index.location(("transfers", "items", i))) else None,
        )
        for i, t in enumerate(items)
        if t.recipient in recipients
    ]
    if facts:
        return "Yes", "Personal data goes outside the UK.", facts
    if transfers and transfers.none:
        loc = seen.index.location(("transfers", "none"))
        return (
            "No",
            "The map states that no data leaves the UK.",
            [Fact("transfers: none", str(loc) if loc else None)],
        )
    return (
        "No",
        "Every recipient of the activity is recorded in the UK."
        if recipients
        else "The activity discloses to no one.",
        [],
    )


def _systematic_sharing(seen: _Activity) -> Result:
    shared = [f for f in seen.flows if f.recipient and not f.recipient.internal]
    routine = [f for f in shared if not f.spec.when]
    facts = [
        Fact(
            f"discloses to '{f.target}' ({f.recipient.name})"
            + (
                " only when: " + "; ".join(" ".join(w.split()) for w in f.spec.when)
                if f.spec.when
                else ""
            ),
            seen.flow_at(f),
        )
        for f in shared
        if f.recipient
    ]
    if routine:
        return (
            "Yes",
            f"The activity shares data routinely with {len(routine)} outside recipient(s).",
            facts,
        )
    if shared:
        return (
            "Unknown",
            "The activity shares data with outside recipients only under "
            "conditions; whether the sharing is systematic is for a person to judge.",
            facts,
        )
    return "No", "The activity discloses nothing outside the organisation.", []


TESTS: dict[str, Callable[[_Activity], Result]] = {
    "automated-decisions": _automated_decisions,
    "sensitive": _sensitive,
    "sensitive-at-scale": _sensitive_at_scale,
    "denial-of-service": _denial_of_service,
    "biometric": _special_type("biometric"),
    "genetic": _special_type("genetic"),
    "matching": _matching,
    "invisible-processing": _invisible,
    "vulnerable": _vulnerable,
    "targeting-children": _targeting_children,
    "transfers": _transfers,
    "systematic-sharing": _systematic_sharing,
}
"""The map's answer to each `test` named in data/dpia.yaml (``person`` aside)."""
