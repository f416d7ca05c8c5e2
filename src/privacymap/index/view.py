"""The `Index`: objects by id, every data flow as a `FlowView`, and the facts the law
turns on, derived once (effective bases and conditions, rights in use, Schedule 1
paragraphs named, citations parsed)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal, TypeVar

from privacymap import law
from privacymap.diagnostics import Location
from privacymap.law.urls import is_https
from privacymap.model import (
    Activity,
    Category,
    Collection,
    Condition,
    Contact,
    CriminalOffenceCondition,
    DataMap,
    Disclosure,
    GivenElsewhere,
    JointController,
    LawfulBasis,
    Purpose,
    Recipient,
    Source,
    Subject,
)
from privacymap.sourcemap import SourceMap

ModelPath = tuple[str | int, ...]
T = TypeVar("T")

ID_SECTIONS: tuple[tuple[str, str], ...] = (
    ("subjects", "data subject"),
    ("categories", "category"),
    ("sources", "source"),
    ("recipient_groups", "recipient group"),
    ("recipients", "recipient"),
    ("purposes", "purpose"),
    ("lawful_bases", "lawful basis"),
    ("conditions", "Art 9 condition"),
    ("criminal_offence_conditions", "Art 10 condition"),
    ("activities", "activity"),
    ("retention", "retention rule"),
    ("security", "security measure"),
    ("evidence", "evidence document"),
    ("statutes", "statute"),
    ("contacts", "contact"),
    ("joint_controllers", "joint controller"),
)
"""Sections whose items carry ids, with the word used for them in messages."""

KIND_OF_SECTION = dict(ID_SECTIONS)

TOO_YOUNG_TO_READ = re.compile(
    r"\bunder (?:five|four|three|two|5|4|3|2)s?\b|\bbab(?:y|ies)\b|\binfants?\b"
    r"|\bnewborns?\b|\btoddlers?\b|\bunborn\b|\bpre-?school\b|\bearly years\b",
    re.I,
)
"""Children too young to read a notice: information about them goes to their parents."""


@dataclass(frozen=True)
class FlowView:
    """One data flow with everything resolved: the unit PM201 and the graph work on."""

    id: str
    direction: Literal["collection", "disclosure"]
    activity: Activity
    spec: Collection | Disclosure
    path: ModelPath
    source: Source | None
    recipient: Recipient | None
    from_activity: Activity | None
    """The activity that hands the data over, for an internal hand-off (`from: activity:x`)."""
    categories: tuple[Category, ...]
    """The categories carried: the flow's own, else its activity's; none when not stated."""
    categories_stated: bool
    """False for `categories: not-stated`: the notice does not say what the flow carries."""
    purposes: tuple[Purpose, ...]
    """The purposes the flow serves: its own `purposes:`, else all of its activity's."""
    unbased_purposes: tuple[Purpose, ...]
    """Purposes the flow serves that give it no basis (when it inherits from purposes)."""
    bases: tuple[LawfulBasis, ...]
    bases_from: Literal["flow", "activity", "purpose", "none"]
    conditions: tuple[Condition, ...]
    criminal_offence_conditions: tuple[CriminalOffenceCondition, ...]

    @property
    def subject(self) -> str:
        """Stable subject id of the flow for diagnostics and waivers."""
        return f"flow:{self.id}"

    @property
    def origin(self) -> str:
        """Id of the node the data leaves: a source, the giving activity, or the activity."""
        if isinstance(self.spec, Collection):
            return self.spec.from_activity or self.spec.source
        return self.activity.id

    @property
    def origin_name(self) -> str:
        """Name of what the data leaves: the source, the giving activity, or this activity."""
        origin = self.source or self.from_activity
        if isinstance(self.spec, Collection):
            return origin.name if origin is not None else self.origin
        return self.activity.name

    @property
    def target(self) -> str:
        """Id of the node the data reaches: the activity or a recipient."""
        return self.spec.recipient if isinstance(self.spec, Disclosure) else self.activity.id

    @property
    def special(self) -> tuple[str, ...]:
        """Art 9(1) special categories carried, sorted."""
        return tuple(sorted({s for c in self.categories for s in c.special}))

    @property
    def criminal_offence(self) -> bool:
        return any(c.criminal_offence for c in self.categories)


@dataclass
class Index:
    """Read-only, resolved view of a loaded data map."""

    datamap: DataMap
    sourcemap: SourceMap
    root: Path
    files: tuple[str, ...]
    by_id: dict[str, dict[str, object]] = field(default_factory=dict)
    paths: dict[tuple[str, str], ModelPath] = field(default_factory=dict)
    flows: tuple[FlowView, ...] = ()
    _memo: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------ lookups

    def get(self, section: str, item_id: str) -> object | None:
        return self.by_id.get(section, {}).get(item_id)

    @property
    def categories(self) -> dict[str, Category]:
        return self.by_id["categories"]  # type: ignore[return-value]

    @property
    def sources(self) -> dict[str, Source]:
        return self.by_id["sources"]  # type: ignore[return-value]

    @property
    def recipients(self) -> dict[str, Recipient]:
        return self.by_id["recipients"]  # type: ignore[return-value]

    @property
    def purposes(self) -> dict[str, Purpose]:
        return self.by_id["purposes"]  # type: ignore[return-value]

    @property
    def lawful_bases(self) -> dict[str, LawfulBasis]:
        return self.by_id["lawful_bases"]  # type: ignore[return-value]

    @property
    def conditions(self) -> dict[str, Condition]:
        return self.by_id["conditions"]  # type: ignore[return-value]

    @property
    def criminal_offence_conditions(self) -> dict[str, CriminalOffenceCondition]:
        return self.by_id["criminal_offence_conditions"]  # type: ignore[return-value]

    @property
    def activities(self) -> dict[str, Activity]:
        return self.by_id["activities"]  # type: ignore[return-value]

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()` once per index: derived data other modules share (graph, prose...)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[return-value]

    def path_of(self, section: str, item_id: str) -> ModelPath:
        """Model path of the item with this id, e.g. `("activities", 3)`."""
        return self.paths.get((section, item_id), (section,))

    def location(self, path: Sequence[str | int]) -> Location | None:
        return self.sourcemap.value(path)

    def location_of(
        self, section: str, item_id: str, field_name: str | None = None
    ) -> Location | None:
        path = self.path_of(section, item_id)
        if field_name:
            return self.sourcemap.key((*path, field_name)) or self.sourcemap.value(path)
        return self.sourcemap.value(path)

    # ------------------------------------------------------------ derived facts

    def activity_bases(self, activity: Activity) -> tuple[LawfulBasis, ...]:
        """The activity's own bases, else those of its purposes."""
        own = self.resolve("lawful_bases", activity.bases)
        if own:
            return own
        return self._inherited("lawful_bases", "bases", activity.purposes)

    def purposes_bases(self, purposes: tuple[Purpose, ...]) -> tuple[LawfulBasis, ...]:
        """The bases the given purposes name, each once (a flow serving some of them)."""
        return self._inherited("lawful_bases", "bases", tuple(p.id for p in purposes))

    def unbased_purposes(self, activity: Activity) -> tuple[Purpose, ...]:
        """The activity's purposes left with no Art 6 basis: those naming none, when the
        activity names none of its own (Art 6(1) needs a basis for each purpose)."""
        if activity.bases:
            return ()
        return tuple(p for p in self.resolve("purposes", activity.purposes) if not p.bases)

    @cached_property
    def child_readers(self) -> tuple[Subject, ...]:
        """The subjects that are (or include) children old enough to read a notice: the
        readers a version for children is written for (Art 12(1), Recital 58). Subjects
        described as too young to read (babies, under-fives) are left to their parents."""
        return tuple(
            s
            for s in self.datamap.subjects
            if s.children and not TOO_YOUNG_TO_READ.search(f"{s.name} {s.description or ''}")
        )

    @cached_property
    def young_people_page(self) -> bool:
        """Whether the build writes the page for children and young people: children who
        can read it are among the subjects, the map links to no child version of its own,
        and the page is not turned off (`notice.young_people.page`)."""
        notice = self.datamap.notice
        turned_off = notice.young_people is not None and not notice.young_people.page
        return bool(self.child_readers) and notice.child_friendly_version is None and not turned_off

    @cached_property
    def automated_decisions(self) -> bool | None:
        """Whether significant decisions are based solely on automated processing: True if
        any statement (map-wide or an activity's) says so, False if the map says there are
        none (map-wide, or for every activity), None when it does not say."""
        dm = self.datamap
        own = [a.automated_decision_making for a in dm.activities]
        stated = [s for s in (dm.automated_decision_making, *own) if s is not None]
        if any(s.exists for s in stated):
            return True
        if dm.automated_decision_making is not None or (own and all(own)):
            return False
        return None

    def activity_conditions(self, activity: Activity) -> tuple[Condition, ...]:
        """The activity's own Art 9 conditions, else those of its purposes."""
        own = self.resolve("conditions", activity.conditions)
        if own:
            return own
        return self._inherited("conditions", "conditions", activity.purposes)

    def _inherited(self, section: str, name: str, purposes: tuple[str, ...]) -> tuple:  # type: ignore[type-arg]
        """Items of `section` named by the purposes' `name` field, each once (memoised)."""
        key = ("inherited", section, purposes)
        found = self._memo.get(key)
        if found is None:
            found = _unique(
                item
                for p in self.resolve("purposes", purposes)
                for item in self.resolve(section, getattr(p, name))
            )
            self._memo[key] = found
        return found  # type: ignore[return-value]

    def activity_categories(self, activity: Activity) -> tuple[Category, ...]:
        return self.resolve("categories", activity.categories)

    def activity_rights(self, activity: Activity) -> tuple[law.Right, ...]:
        """Rights that apply to an activity, from its Art 6 bases and Art 9 conditions
        (its flows' included): explicit consent also carries the right to withdraw it."""
        flows = self.flows_of(activity.id)
        bases = {b.basis for b in self.activity_bases(activity)}
        bases |= {b.basis for f in flows for b in f.bases}
        conditions = {c.condition for c in self.activity_conditions(activity)}
        conditions |= {c.condition for f in flows for c in f.conditions}
        rights = law.rights_for_bases(
            sorted(bases),
            conditions=sorted(conditions),
            purpose_kinds=self.activity_kinds(activity),
        )
        own = activity.automated_decision_making or self.datamap.automated_decision_making
        if own is None or own.exists:
            return rights
        return tuple(r for r in rights if r.id != law.AUTOMATED_DECISION_RIGHT)

    def activity_kinds(self, activity: Activity) -> tuple[str, ...]:
        """Kinds of the activity's purposes (direct marketing, research...), sorted."""
        purposes = self.resolve("purposes", activity.purposes)
        return tuple(sorted({p.kind for p in purposes if p.kind}))

    @cached_property
    def bases_in_use(self) -> tuple[str, ...]:
        """Art 6 basis ids relied on by any activity or flow, in catalogue order."""
        used = {b.basis for a in self.datamap.activities for b in self.activity_bases(a)}
        used |= {b.basis for f in self.flows for b in f.bases}
        return tuple(b.id for b in law.art6_bases() if b.id in used)

    @cached_property
    def conditions_in_use(self) -> tuple[str, ...]:
        """Art 9 condition ids relied on by any activity or flow, in catalogue order."""
        used = {c.condition for a in self.datamap.activities for c in self.activity_conditions(a)}
        used |= {c.condition for f in self.flows for c in f.conditions}
        return tuple(c.id for c in law.art9_conditions() if c.id in used)

    @cached_property
    def rights_in_use(self) -> tuple[law.Right, ...]:
        """Rights that apply to at least one activity: what the notice must offer.

        Rights tied to a kind of purpose (objection to direct marketing or
        research) come from the activities that have such purposes, under
        those activities' own bases.
        """
        found = {
            r.id for r in law.rights_for_bases(self.bases_in_use, conditions=self.conditions_in_use)
        }
        for activity in self.datamap.activities:
            if self.activity_kinds(activity):
                found |= {r.id for r in self.activity_rights(activity)}
        if self.automated_decisions is False:  # the map says there are none
            found.discard(law.AUTOMATED_DECISION_RIGHT)
        return tuple(r for r in law.rights() if r.id in found)

    def right_grounds(self, right: law.Right) -> list[str]:
        """Labels of the Art 6 bases and Art 9 conditions in use under which `right` applies."""
        return [law.basis_label(b) for b in self.bases_in_use if right.applies(b)] + [
            law.condition_label(c) for c in self.conditions_in_use if c in right.applies_to_art9
        ]

    def flows_of(self, activity_id: str) -> tuple[FlowView, ...]:
        """The flows into and out of one activity."""
        return self._flows_by_activity.get(activity_id, ())

    def flow(self, flow_id: str) -> FlowView | None:
        """The flow with this id (e.g. `registration->police`), if any."""
        return self._flows_by_id.get(flow_id)

    @cached_property
    def _flows_by_id(self) -> dict[str, FlowView]:
        return {flow.id: flow for flow in self.flows}

    @cached_property
    def _flows_by_activity(self) -> dict[str, tuple[FlowView, ...]]:
        grouped: dict[str, list[FlowView]] = {}
        for flow in self.flows:
            grouped.setdefault(flow.activity.id, []).append(flow)
        return {activity: tuple(flows) for activity, flows in grouped.items()}

    @cached_property
    def citations(self) -> dict[str, law.Citation | law.CitationError]:
        """Every citation text in the map, parsed once (user statutes included)."""
        extra = tuple(law.instrument_from_statute(s) for s in self.datamap.statutes)
        texts: list[str] = []
        for basis in self.datamap.lawful_bases:
            texts.extend(basis.law)
            texts.extend(a for a in basis.annex1 if isinstance(a, str))
        groups: list[Condition | CriminalOffenceCondition] = [
            *self.datamap.conditions,
            *self.datamap.criminal_offence_conditions,
        ]
        for group in groups:
            texts.extend(group.law)
            texts.extend(s for s in group.schedule1 if isinstance(s, str))
        texts.extend(r.authority for r in self.datamap.retention if r.authority)
        return {text: law.parse_citation(text, extra_instruments=extra) for text in texts}

    def schedule1_numbers(self, entry: int | str) -> tuple[int, ...]:
        """The DPA 2018 Sch 1 paragraphs one `schedule1:` entry names (none: PM310)."""
        citation = None if isinstance(entry, int) else self.citations.get(entry)
        return law.schedule1_numbers(entry, citation)

    def annex1_numbers(self, entry: int | str) -> tuple[int, ...]:
        """The UK GDPR Annex 1 paragraphs one `annex1:` entry names."""
        citation = None if isinstance(entry, int) else self.citations.get(entry)
        return law.annex1_numbers(entry, citation)

    def resolve(self, section: str, ids: Iterable[str]) -> tuple:  # type: ignore[type-arg]
        """The objects of `section` named by `ids`, in order (unknown ids are PM102s, skipped)."""
        if not ids:
            return ()
        if isinstance(ids, tuple):  # the model's id lists: memoise, they repeat a lot
            key = (section, ids)
            found = self._memo.get(key)
            if found is None:
                table = self.by_id.get(section, {})
                found = self._memo[key] = tuple(table[i] for i in ids if i in table)
            return found  # type: ignore[return-value]
        table = self.by_id.get(section, {})
        return tuple(table[i] for i in ids if i in table)

    # ---------------------------------------------------------------- who (issue 14)

    def given_elsewhere(self, part: str) -> GivenElsewhere | None:
        """The other notice that gives `part` of this one (layered notices), if its
        address is https: a part left to an unsafe or plain-http address is not given."""
        for entry in self.datamap.notice.given_elsewhere:
            if part in entry.parts and is_https(entry.url):
                return entry
        return None

    def joint_controllers_of(self, activity: Activity) -> tuple[JointController, ...]:
        """The joint controllers (Art 26) of `activity`: those naming it, or naming none."""
        return tuple(
            j
            for j in self.datamap.joint_controllers
            if not j.activities or activity.id in j.activities
        )

    def contacts_for(self, role: str) -> tuple[Contact, ...]:
        """The contacts serving `role` (a contact may serve several)."""
        return tuple(c for c in self.datamap.contacts if role in c.roles)

    def complaint_contacts(self) -> tuple[Contact, ...]:
        """Who takes complaints: those `complaints.contacts` names, else by role."""
        named = self.datamap.complaints.contacts if self.datamap.complaints else ()
        return self.resolve("contacts", named) or self.contacts_for("complaints")

    def flow_role(self, flow: FlowView) -> str | None:
        """The recipient's role for one disclosure: the flow's own, else the recipient's."""
        own = flow.spec.role if isinstance(flow.spec, Disclosure) else None
        return own or (flow.recipient.role if flow.recipient else None)


def _unique(items: Iterable[object]) -> tuple:  # type: ignore[type-arg]
    seen: dict[int, object] = {}
    for item in items:
        seen.setdefault(id(item), item)
    return tuple(seen.values())
