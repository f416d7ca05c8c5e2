"""The notice's sections about the data, each a view built from the index: activities,
sources, sharing, flows and transfers (`RightsViews` builds the rest)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from privacymap import law
from privacymap.index import FlowView
from privacymap.model import (
    UNKNOWN,
    Agreement,
    Category,
    LawfulBasis,
    Recipient,
)
from privacymap.notice.parts import (
    ActivityView,
    BasisView,
    ConditionView,
    FlowRowView,
    FlowsView,
    LinkView,
    PurposeView,
    RecipientGroupView,
    RecipientView,
    SharingView,
    SourceView,
    TransfersView,
    TransferView,
)
from privacymap.notice.rights_views import RightsViews
from privacymap.notice.wording import (
    COUNTRIES,
    DIAGRAM_FILE,
    FLOW_TARGETS_MAX,
    MECHANISMS,
    NOT_STATED,
    SOURCE_KINDS,
    UNKNOWN_PLACE,
    anchor,
    gap,
    once,
    said,
)
from privacymap.text import join_words

RecipientGroups = tuple[dict[str, list[Recipient]], dict[str, str]]
"""Each recipient group's members (by group id), and each group's name."""


class SectionViews(RightsViews):
    """The generated sections of the notice, one method each."""

    def activities(self) -> tuple[ActivityView, ...]:
        """Each activity; whom it is about is left out where it is the usual people
        (said once above them all, see `usual_subjects`)."""
        out = []
        usual = self.usual_subjects()
        earlier = ""  # what earlier activities say: a purpose's description is said once
        groups = self.recipient_groups()  # once, not once per activity
        for a in self.dm.activities:
            flows = self.index.flows_of(a.id)
            consent: list[str] = []
            if a.consent:
                consent.extend(t for t in (a.consent.how, a.consent.withdrawal) if t)
            consent.extend(_agreement(a.agreement, self.index.activity_bases(a)))
            bases = tuple(self.basis(b) for b in self.index.activity_bases(a))
            conditions = tuple(self.condition(c) for c in self.index.activity_conditions(a))
            criminal = tuple(
                self.criminal(c)
                for c in self.index.resolve(
                    "criminal_offence_conditions", a.criminal_offence_conditions
                )
            )
            shown = " ".join((a.description or "", *a.uses))
            items = []
            for p in self.index.resolve("purposes", a.purposes):
                desc = None if p.description and said(p.description, shown) else p.description
                if a.uses and said(p.name, shown) and desc is None:
                    continue
                if desc and said(desc, earlier):
                    desc = None
                items.append(PurposeView(p.name, desc))
            earlier += " ".join((shown, *(f"{p.name} {p.description_md or ''}" for p in items)))
            refs: tuple[BasisView | ConditionView, ...] = (*bases, *conditions, *criminal)
            recipients, grouped = self.recipient_names(
                (f.recipient for f in flows if f.recipient), groups
            )
            out.append(
                ActivityView(
                    id=a.id,
                    anchor=anchor("activity", a.id),
                    name=a.name,
                    description_md=a.description,
                    uses_md=a.uses,
                    subjects=()
                    if usual and self.names("subjects", a.subjects) == usual
                    else self.names("subjects", a.subjects),
                    categories=tuple(self.category(c) for c in self.index.activity_categories(a)),
                    sources=once(name for f in flows if (name := _source_name(f))),
                    recipients=recipients,
                    recipients_grouped=grouped,
                    bases=bases,
                    conditions=conditions,
                    criminal_offence_conditions=criminal,
                    purpose_items=tuple(items),
                    consent_md=tuple(t for t in once(consent) if not said(t, a.description or "")),
                    basis_refs=tuple(self.ref(v) for v in refs),
                )
            )
        return tuple(out)

    def usual_subjects(self) -> tuple[str, ...]:
        """Whom most activities are about, said once above them rather than under each;
        () unless every activity names its subjects (else "unless it says otherwise"
        would cover an activity that says nothing)."""
        subjects = [self.names("subjects", a.subjects) for a in self.dm.activities]
        return _usual(subjects) if all(subjects) else ()

    def recipient_names(
        self, recipients: Iterable[Recipient], groups: RecipientGroups
    ) -> tuple[tuple[str, ...], bool]:
        """Recipients by name, a whole group of two or more by the group's name (its
        members are listed once, under the group, in "Who we share your information with"),
        and whether any group is named so."""
        mine = list({r.id: r for r in recipients}.values())
        ids = {r.id for r in mine}  # ids are unique: a member is in `mine` by its id
        members, names = groups
        out, grouped = [], False
        for r in mine:
            group = members.get(r.group or "", [])
            whole = r.group in names and len(group) > 1 and all(m.id in ids for m in group)
            out.append(names[r.group] if whole and r.group else r.name)
            grouped = grouped or whole
        return once(out), grouped

    def recipient_groups(self) -> RecipientGroups:
        """Each group's members, and each group's name."""
        members: dict[str, list[Recipient]] = {}
        for r in self.dm.recipients:
            if r.group:
                members.setdefault(r.group, []).append(r)
        return members, {g.id: g.name for g in self.dm.recipient_groups}

    def sources(self) -> tuple[SourceView, ...]:
        out = []
        for s in self.dm.sources:
            provided = self.index.resolve("categories", s.provides)
            if not provided:
                provided = _unique_objects(
                    c for f in self.index.flows if f.source is s for c in f.categories
                )
            public = None
            if s.publicly_accessible is True or s.kind == "publicly-accessible":
                public = "This information is publicly available."
            out.append(
                SourceView(
                    id=s.id,
                    name=s.name,
                    kind=SOURCE_KINDS.get(s.kind, SOURCE_KINDS["third-party"]),
                    description_md=s.description,
                    form=s.form,
                    provides=tuple(self.category(c) for c in provided),
                    public=public,
                )
            )
        return tuple(out)

    def recipient(self, r: Recipient, flows: tuple[FlowView, ...]) -> RecipientView:
        mine = [f for f in flows if f.recipient is r]
        return RecipientView(
            id=r.id,
            name=r.name,
            role=self.recipient_role(r, flows),
            examples=r.examples,
            description_md=r.description,
            areas=r.areas,
            formerly=r.formerly,
            country=self.recipient_location(r),
            categories=once(name for f in mine for name in _category_names(f)),
            when_md=once(w for f in mine for w in (*f.spec.when, *_flow_agreement(f))),
            engaged_by=self.engaged_by(r),
            independent_md=r.independent_controller,
        )

    def sharing(self) -> SharingView:
        disclosures = tuple(f for f in self.index.flows if f.direction == "disclosure")
        groups = {g.id: g for g in self.dm.recipient_groups}
        order = [g.id for g in self.dm.recipient_groups]

        # each recipient's own disclosures, found in one pass (not one pass per recipient)
        to: dict[int, list[FlowView]] = {}
        for f in disclosures:
            to.setdefault(id(f.recipient), []).append(f)

        def grouped(internal: bool) -> tuple[RecipientGroupView, ...]:
            members: dict[str | None, list[RecipientView]] = {}
            for r in self.dm.recipients:
                if r.internal != internal:
                    continue
                key = r.group if r.group in groups else None
                members.setdefault(key, []).append(self.recipient(r, tuple(to.get(id(r), ()))))
            result = []
            for key in [*order, None]:
                if key not in members:
                    continue
                group = groups.get(key) if key else None
                result.append(
                    RecipientGroupView(
                        name=group.name
                        if group
                        else ("Within our organisation" if internal else "Other organisations"),
                        description_md=group.description if group else None,
                        recipients=tuple(members[key]),
                    )
                )
            return tuple(result)

        internal, external = grouped(True), grouped(False)
        everyone = [r for g in (*internal, *external) for r in g.recipients]
        usual_categories = _usual(r.categories for r in everyone)
        usual_when = _usual(r.when_md for r in everyone)

        def trimmed(groups: tuple[RecipientGroupView, ...]) -> tuple[RecipientGroupView, ...]:
            """Say the usual information and conditions once, not under every recipient;
            a recipient that gets the usual and more lists only the more."""
            return tuple(
                replace(
                    g,
                    recipients=tuple(
                        replace(
                            r,
                            categories=_beyond(r.categories, usual_categories),
                            categories_added=_covers(r.categories, usual_categories),
                            when_md=_beyond(r.when_md, usual_when),
                        )
                        for r in g.recipients
                    ),
                )
                for g in groups
            )

        return SharingView(
            internal=trimmed(internal),
            external=trimmed(external),
            conditions_md=usual_when,
            usual_categories=usual_categories,
            categories_except=tuple(
                r.name for r in everyone if not _covers(r.categories, usual_categories)
            ),
            conditions_except=tuple(r.name for r in everyone if not _covers(r.when_md, usual_when)),
        )

    def flows(self, svg: str | None) -> FlowsView:
        """The flows table, under the overview diagram `svg` (trusted markup) if given."""
        # Per activity, worked out once: the names of its categories and its Art 6 bases.
        own: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        rows = []
        for f in self.index.flows:
            a = f.activity
            if f.direction == "collection":
                origin, target = f.origin_name, a.name
            else:
                origin, target = a.name, (f.recipient.name if f.recipient else f.target)
            if a.id not in own:
                own[a.id] = (
                    tuple(c.name for c in self.index.activity_categories(a)),
                    _basis_names(self.index.activity_bases(a)),
                )
            cats, bases = _category_names(f), _basis_names(f.bases)
            rows.append(
                FlowRowView(
                    origin=origin,
                    target=target,
                    activity=a.name,
                    categories=cats,
                    bases=bases or ("No lawful basis recorded",),
                    when_md=(*f.spec.when, *_flow_agreement(f)),
                    activity_anchor=anchor("activity", a.id),
                    same_as_activity=LinkView(
                        f"As set out under {a.name}", f"#{anchor('activity', a.id)}"
                    )
                    if bases and (cats, bases) == own[a.id]
                    else None,
                )
            )
        merged = _merge_flow_rows(rows)
        # The page's table says who passes information to whom (the diagram's long
        # description); rows differing only by what or when (in the ROPA) show once.
        shown = {(r.origin, r.target): r for r in merged}
        return FlowsView(
            svg=svg,
            full_size=LinkView("Open the diagram full size", DIAGRAM_FILE) if svg else None,
            rows=tuple(shown.values()),
            caption="Where your information comes from, what we do with it and who we pass it to",
        )

    def transfers(self) -> TransfersView:
        t = self.dm.transfers
        items = []
        if t:
            for item in t.items:
                r = self.index.recipients.get(item.recipient)
                where = item.where
                mechanisms = [MECHANISMS.get(m, m) for m in item.mechanisms]
                items.append(
                    TransferView(
                        recipient=r.name if r else item.recipient,
                        country=UNKNOWN_PLACE if where == UNKNOWN else COUNTRIES.get(where, where),
                        mechanism=join_words(mechanisms, "or") if mechanisms else NOT_STATED,
                        safeguard=item.safeguard,
                        copy=LinkView(
                            "How to get a copy of the safeguards for "
                            + (r.name if r else item.recipient),
                            item.copy_available_at,
                        )
                        if item.copy_available_at
                        else None,
                        copy_md=item.copy_how,
                    )
                )
        none = bool(t and t.none and not items)
        if none:
            plain = "We do not send your information to any country outside the UK."
        elif items:
            plain = "We send some information outside the UK, with the protections below."
        else:
            plain = gap()
        return TransfersView(
            none=none, statement_md=t.statement if t else None, plain=plain, items=tuple(items)
        )


def _merge_flow_rows(rows: list[FlowRowView]) -> tuple[FlowRowView, ...]:
    """Rows that differ only by their target (then only by their origin) become one row."""

    def merged(rows: list[FlowRowView], vary: str) -> list[FlowRowView]:
        out: dict[tuple, list[FlowRowView]] = {}  # type: ignore[type-arg]
        for r in rows:
            key = (
                r.target if vary == "origin" else r.origin,
                r.activity,
                r.categories,
                r.bases,
                r.when_md,
            )
            out.setdefault(key, []).append(r)
        result = []
        for group in out.values():
            values = once(getattr(r, vary) for r in group)
            joined = "; ".join(values)
            if joined == getattr(group[0], vary):
                row = group[0]  # a row of its own: as it is (no copy)
            elif vary == "target":
                row = replace(group[0], target=joined)
            else:
                row = replace(group[0], origin=joined)
            if vary == "target" and len(values) > FLOW_TARGETS_MAX:
                row = replace(
                    row,
                    target_link=LinkView(
                        f"The {len(values)} organisations listed under {row.activity}",
                        f"#{row.activity_anchor}",
                    ),
                )
            result.append(row)
        return result

    return tuple(merged(merged(rows, "target"), "origin"))


def _usual(values: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The value most items have, when at least two share it (ties: the first seen)."""
    counts: dict[tuple[str, ...], int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=((), 0))
    return best[0] if best[1] >= 2 else ()


def _covers(values: tuple[str, ...], usual: tuple[str, ...]) -> bool:
    """Whether `values` include every one of the `usual` ones (trivially, when none)."""
    return set(usual) <= set(values)


def _beyond(values: tuple[str, ...], usual: tuple[str, ...]) -> tuple[str, ...]:
    """`values` less the usual ones when they include them all (said once above), else all."""
    if not _covers(values, usual):
        return values
    return tuple(v for v in values if v not in usual)


def _basis_names(bases: Iterable[LawfulBasis]) -> tuple[str, ...]:
    """The Art 6 names of the map's bases, each once."""
    return once(info.name for info in (law.art6_basis(b.basis) for b in bases) if info)


def _unique_objects(items: Iterable[Category]) -> tuple[Category, ...]:
    seen: dict[str, Category] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(seen.values())


def _source_name(flow: FlowView) -> str | None:
    """Where a collection's data comes from, as the notice lists it (None for a disclosure)."""
    if flow.source is not None:
        return flow.source.name
    if flow.from_activity is not None:
        return f"Information we already hold for {flow.from_activity.name}"
    return None


CATEGORIES_NOT_STATED = "Not stated in this notice"
"""What a flow with `categories: not-stated` shows instead of a list (never all of them)."""


def _category_names(flow: FlowView) -> tuple[str, ...]:
    """A flow's category names, or that the notice does not state them."""
    if not flow.categories_stated:
        return (CATEGORIES_NOT_STATED,)
    return tuple(c.name for c in flow.categories)


def _agreement(agreement: Agreement | None, bases: Iterable[LawfulBasis]) -> list[str]:
    """Agreement sought as a safeguard, said apart from the lawful basis it is not."""
    if agreement is None:
        return []
    names = _basis_names(bases)
    basis = f" we rely on {join_words([n.lower() for n in names])}" if names else ""
    out = [
        "We ask for your agreement first. Your agreement is a safeguard, not our legal "
        f"basis for using your information:{basis or ' see the legal basis above'}."
    ]
    out += [t for t in (agreement.how, agreement.unless and f"Without your agreement: "
                        f"{agreement.unless}") if t]  # fmt: skip
    return out


def _flow_agreement(flow: FlowView) -> tuple[str, ...]:
    """A flow's agreement sought as a safeguard, for its row in the notice."""
    agreement = flow.spec.agreement
    if agreement is None:
        return ()
    said_first = "Only with your agreement (a safeguard, not our legal basis)"
    return (said_first, *(f"Without your agreement: {agreement.unless}",) * bool(agreement.unless))
