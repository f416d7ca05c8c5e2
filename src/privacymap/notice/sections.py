"""The notice's sections, each a view built from the index: activities, sources,
sharing, flows, transfers, retention, rights, automated decisions, complaints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from privacymap import law
from privacymap.index import FlowView
from privacymap.model import (
    UNKNOWN,
    Agreement,
    AutomatedDecisionMaking,
    Category,
    Contact,
    LawfulBasis,
    Recipient,
    Retention,
)
from privacymap.notice.parts import (
    ActivityView,
    AutomatedView,
    BasisView,
    CitationView,
    ComplaintsView,
    ConditionView,
    ContactView,
    FlowRowView,
    FlowsView,
    LinkView,
    PurposeView,
    RecipientGroupView,
    RecipientView,
    RequirementView,
    RetentionRowView,
    RetentionView,
    RightsView,
    RightView,
    SharingView,
    SourceView,
    TransfersView,
    TransferView,
)
from privacymap.notice.who import WhoViews
from privacymap.notice.wording import (
    COUNTRIES,
    DIAGRAM_FILE,
    DISPOSAL,
    FLOW_TARGETS_MAX,
    MECHANISMS,
    NOT_STATED,
    RIGHT_LEAD,
    SOURCE_KINDS,
    TRIGGERS,
    UNKNOWN_PLACE,
    WITHOUT_CONSENT,
    anchor,
    gap,
    once,
    said,
)
from privacymap.text import join_words


class SectionViews(WhoViews):
    """The generated sections of the notice, one method each."""

    def activities(self) -> tuple[ActivityView, ...]:
        """Each activity; whom it is about is left out where it is the usual people
        (said once above them all, see `usual_subjects`)."""
        out = []
        usual = self.usual_subjects()
        earlier = ""  # what earlier activities say: a purpose's description is said once
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
            recipients, grouped = self.recipient_names(f.recipient for f in flows if f.recipient)
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

    def recipient_names(self, recipients: Iterable[Recipient]) -> tuple[tuple[str, ...], bool]:
        """Recipients by name, a whole group of two or more by the group's name (its
        members are listed once, under the group, in "Who we share your information with"),
        and whether any group is named so."""
        mine = list({r.id: r for r in recipients}.values())
        members: dict[str, list[Recipient]] = {}
        for r in self.dm.recipients:
            if r.group:
                members.setdefault(r.group, []).append(r)
        names = {g.id: g.name for g in self.dm.recipient_groups}
        out, grouped = [], False
        for r in mine:
            group = members.get(r.group or "", [])
            whole = r.group in names and len(group) > 1 and all(m in mine for m in group)
            out.append(names[r.group] if whole and r.group else r.name)
            grouped = grouped or whole
        return once(out), grouped

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

        def grouped(internal: bool) -> tuple[RecipientGroupView, ...]:
            members: dict[str | None, list[RecipientView]] = {}
            for r in self.dm.recipients:
                if r.internal != internal:
                    continue
                key = r.group if r.group in groups else None
                members.setdefault(key, []).append(self.recipient(r, disclosures))
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

    def retention_row(self, r: Retention) -> RetentionRowView:
        whose = self.names("subjects", [r.subject] if r.subject else [])
        start = TRIGGERS[r.trigger] if r.trigger else None
        if start is None and r.start_event:
            start = f"from {r.start_event}"
        if start and whose:
            start += f" ({whose[0]})"
        parts = []
        if r.kind == "until-event":
            parts.append(f"Until {r.until}" if r.until else "Until an event not stated")
        if r.period:
            period = law.period_in_words(r.period)
            parts.append(
                " ".join(
                    p for p in ("Up to" if r.kind == "maximum" else "", period, start or "") if p
                )
            )
        criteria = r.criteria
        if not parts and criteria:  # the criteria are the period (Art 13(2)(a))
            parts, criteria = [" ".join(criteria.split())], None
        policy = r.authority_kind == "policy"
        return RetentionRowView(
            record=r.record,
            description_md=r.description,
            period="; ".join(parts) or gap("PM501"),
            criteria_md=criteria,
            authority=(
                CitationView(text=r.authority, links=(LinkView(r.authority),))
                if r.authority and policy
                else self.citation(r.authority)
                if r.authority
                else None
            ),
            security_md=r.security,
            disposal=DISPOSAL.get(r.disposal) if r.disposal else None,
            categories=self.names("categories", r.categories),
        )

    def retention(self) -> RetentionView:
        policy = self.dm.retention_policy
        return RetentionView(
            statement_md=policy.statement if policy else None,
            rows=tuple(self.retention_row(r) for r in self.dm.retention),
            policy=LinkView("Our records retention policy", policy.document)
            if policy and policy.document
            else None,
            reasons_md=policy.reasons if policy else None,
            overseen_by=policy.overseen_by if policy else None,
        )

    def rights(self) -> RightsView:
        """The rights the map publishes, each in its own words where it gives them; the
        law's qualification is added beside them (PM704 says so too). A right the law
        gives but the map does not list is the checker's business (PM702), not the page's."""
        consent_used = "consent" in self.index.bases_in_use
        views = []
        for entry in self.dm.rights:
            r = law.right(entry.right)
            assert r is not None
            description = r.description
            if not consent_used:
                description = WITHOUT_CONSENT.get(r.id, description)
            views.append(
                RightView(
                    id=r.id,
                    name=r.name,
                    article=r.article,
                    description=description,
                    how=r.how_to,
                    how_md=entry.how,
                    wording_md=_sentence_of(entry.wording),
                    scope=self.right_scope(r),
                )
            )
        obj = next((v for v in views if v.id == "object"), None)
        withdraw = next((v for v in views if v.id == "withdraw-consent"), None)
        reason = None
        objectable = law.right("object")
        used = [
            info
            for b in self.index.bases_in_use
            if objectable and objectable.applies(b) and (info := law.art6_basis(b))
        ]
        if obj and used and obj.scope is None:
            reason = (
                "We rely on "
                + join_words(f"{b.name.lower()} (Article {b.article})" for b in used)
                + " for some of what we do, so you have the right to object to it."
            )
        main = tuple(v for v in views if v.id not in ("object", "withdraw-consent"))
        req = self.dm.rights_requests
        named = self.index.resolve("contacts", [req.contact] if req and req.contact else [])
        handlers = self.contacts_for("rights-requests", "Who to contact", named)
        contact = handlers[0] if handlers else None
        return RightsView(
            rights=main,
            object=obj,
            object_reason=reason,
            withdraw_consent=withdraw,
            contact=contact,
            how_md=req.how if req else None,
            identity_md=req.identity if req else None,
            missing=None if views else gap("PM606"),
        )

    def right_scope(self, right: law.Right) -> str | None:
        """Where the law gives `right` to only some of what the map describes, which (in
        words computed from the bases in use); None where it covers all of it."""
        bases = self.index.bases_in_use
        if right.purpose_kinds or all(right.applicability(b) == "applies" for b in bases):
            return None

        def names(kind: str) -> list[str]:
            return [
                info.name.lower()
                for b in bases
                if right.applicability(b) == kind and (info := law.art6_basis(b))
            ]

        full = names("applies") + [
            condition.name.lower()
            for c in self.index.conditions_in_use
            if c in right.applies_to_art9 and (condition := law.art9_condition(c))
        ]
        some = names("qualified")
        parts = []
        if full:
            parts.append(f"This right applies where we rely on {join_words(full)}.")
        if some:
            parts.append(f"Where we rely on {join_words(some)}, it applies only in some cases.")
        return " ".join(parts) or "The law does not give this right for the uses described here."

    def automated(self) -> AutomatedView:
        adm = self.dm.automated_decision_making
        own = [
            a.automated_decision_making for a in self.dm.activities if a.automated_decision_making
        ]
        exists = bool((adm and adm.exists) or any(a.exists for a in own))
        if adm is None and not own:
            listed = any(e.right == "automated-decision-making" for e in self.dm.rights)
            plain = gap("PM610" if listed else "PM614")
        elif exists:
            plain = "We make some decisions about you by computer, without a person involved."
        else:
            # what `exists: false` says (Art 22): no decision without meaningful human
            # involvement; not that a person is involved in everything we do
            plain = (
                "We do not make decisions about you by computer alone, without meaningful "
                "human involvement."
            )
        source = adm if adm and adm.exists else next((a for a in own if a.exists), adm)
        profiled = [self.dm.profiling, *(a.profiling for a in self.dm.activities)]
        stated = [p for p in profiled if p is not None]
        profiling = next((p for p in stated if p.exists), stated[0] if stated else None)
        return AutomatedView(
            exists=exists,
            plain=plain,
            description_md=source.description if source else None,
            logic_md=source.logic if source else None,
            significance_md=source.significance if source else None,
            consequences_md=source.consequences if source and source.exists else None,
            safeguards_md=_safeguards(source) if source and source.exists else (),
            profiling=None
            if profiling is None
            else "We use your information to build a profile of you (profiling)."
            if profiling.exists
            else "We do not use your information to build a profile of you (profiling).",
            profiling_md=profiling.description if profiling else None,
        )

    def requirement(self) -> RequirementView | None:
        req = self.dm.requirement_to_provide
        if req is None:
            return None
        plain = []
        if req.statutory is True:
            plain.append("The law requires you to give us some of this information.")
        elif req.statutory is False:
            plain.append("No law requires you to give us this information.")
        if req.contractual is True:
            plain.append("A contract requires you to give us some of this information.")
        elif req.contractual is False:
            plain.append("No contract requires you to give us this information.")
        if req.obliged is True:
            plain.append("You are obliged to give us this information.")
        elif req.obliged is False:
            plain.append("You are not obliged to give us this information.")
        return RequirementView(
            plain=tuple(plain), statement_md=req.statement, consequences_md=req.consequences
        )

    def contacts_for(
        self, role: str, heading: str, named: tuple[Contact, ...] = ()
    ) -> tuple[ContactView, ...]:
        """Who to contact for `role`, on one line each (given in full elsewhere): the
        contacts `named` for it, else those of that role, else the DPO."""
        found = named or self.index.contacts_for(role)
        if not found and self.dm.dpo:
            found = (self.dm.dpo,)
        return tuple(replace(self.contact(c, heading), brief=True) for c in found)

    def complaints(self) -> ComplaintsView:
        ico = law.ico()
        contacts = self.complaint_contacts()
        said_ = self.dm.complaints
        authority = self.dm.supervisory_authority
        if authority:
            ico_view = self.contact(authority, "Complain to the regulator")
        else:
            ico_view = ContactView(
                heading="Complain to the Information Commissioner's Office",
                lines=(ico.name,),
                address=(*ico.address, ico.postcode),
                telephone=ico.telephone,
                url=LinkView(f"{ico.name} website", ico.website),
            )
        return ComplaintsView(
            contacts=contacts,
            ico=ico_view,
            ico_complaints=LinkView(
                f"Make a complaint to the {ico.short_name}", ico.complaints_url
            ),
            form=LinkView("Complain to us online", said_.form) if said_ and said_.form else None,
            how_md=said_.how if said_ else None,
            acknowledgement_md=said_.acknowledgement if said_ else None,
            regulator_md=said_.regulator if said_ else None,
            court_md=said_.court if said_ else None,
        )


def _sentence_of(wording: str | None) -> str | None:
    """A right's published wording as a sentence: a notice that lists rights after "You
    have the right" gives each as "to object. ..."; the lead-in goes back in front."""
    if wording and wording[0].islower():
        return RIGHT_LEAD + wording
    return wording


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
            row = (
                replace(group[0], target=joined)
                if vary == "target"
                else replace(group[0], origin=joined)
            )
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


def _safeguards(statement: AutomatedDecisionMaking) -> tuple[tuple[str, str], ...]:
    """(heading, how) of each Art 22C safeguard the statement records."""
    given = statement.safeguards
    if given is None:
        return ()
    headed = (
        ("Being told about decisions", given.information),
        ("Making representations", given.representations),
        ("Asking for a person to look at the decision", given.human_intervention),
        ("Challenging a decision", given.contest),
    )
    return tuple((heading, text) for heading, text in headed if text)
