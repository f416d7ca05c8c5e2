"""The notice's view model, built from the index: `build_view(index) -> NoticeView`.

The sections come from `SectionViews`; this module adds "At a glance", the
contents list and the page as a whole. Built once per notice; deterministic
(model order, then sorted); reads no file (the logo comes in as data).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from privacymap.index import Index
from privacymap.notice.history import history
from privacymap.notice.parts import (
    ActivityView,
    BasisView,
    ComplaintsView,
    ConditionView,
    FreeSection,
    GlanceRow,
    LinkView,
    NoticeView,
    PurposeView,
    RetentionView,
    RightsView,
    SharingView,
    TocEntry,
)
from privacymap.notice.sections import SectionViews
from privacymap.notice.who import addresses_once
from privacymap.notice.wording import (
    GLANCE_CATEGORIES,
    GLANCE_ITEMS,
    NOT_STATED,
    RIGHTS_IN_SHORT,
    RIGHTS_LEAD,
    RIGHTS_PER_SENTENCE,
    SECTION_TITLES,
    SECTIONS,
    caption,
    date_words,
    gap,
    once,
    sentence,
)
from privacymap.notice.young import wanted as young_page_wanted
from privacymap.notice.young_wording import YOUNG_FILE, YOUNG_LINK
from privacymap.text import join_words

_V = TypeVar("_V", BasisView, ConditionView)


class _Builder(SectionViews):
    def __init__(
        self, index: Index, *, draft: str | None, svg: str | None, logo: str | None
    ) -> None:
        super().__init__(index)
        self.draft = draft
        self.svg = svg
        self.logo = logo

    def glance(
        self,
        activities: tuple[ActivityView, ...],
        sharing: SharingView,
        retention: RetentionView,
        rights: RightsView,
        complaints: ComplaintsView,
    ) -> tuple[GlanceRow, ...]:
        """The first layer: one row per question a reader asks, each linking to its section;
        no row names more than a few items, however large the map (it says how many more)."""
        shared = _at_most(
            [g.name for g in (*sharing.internal, *sharing.external)],
            GLANCE_ITEMS,
            "kind of organisation",
            "kinds of organisation",
        )
        rights_names = _rights_in_short(
            r.id
            for r in (*(x for x in (rights.object, rights.withdraw_consent) if x), *rights.rights)
        )
        return (
            _glance_row("Who we are", (self.dm.controller.name,), "who-we-are",
                        "Our contact details"),
            _glance_row("What we collect", self._glance_categories(), "information",
                        "More about what we collect", joined=True),
            _glance_row("Why we use it", self._glance_purposes(activities), "purposes",
                        "More about why we use it", rule="PM603"),
            _glance_row("Who we share it with", shared, "sharing",
                        "More about who we share it with", joined=True),
            _glance_row("How long we keep it", _glance_retention(retention), "retention",
                        "More about how long we keep it", rule="PM605", sentences=True),
            _glance_row("Your rights", rights_names, "rights", "More about your rights",
                        rule="PM606", sentences=True),
            _glance_row("How to complain", _glance_complaint(complaints), "complaints",
                        "More about how to complain"),
        )  # fmt: skip

    def _glance_categories(self) -> tuple[str, ...]:
        """The map's category groups when every category has one, else the first names."""
        groups = once(c.group for c in self.dm.categories)
        if groups and all(c.group for c in self.dm.categories):
            names, most = list(groups), GLANCE_ITEMS
        else:
            names, most = [c.name for c in self.dm.categories], GLANCE_CATEGORIES
        return _at_most(names, most, "kind of information", "kinds of information")

    def _glance_purposes(self, activities: tuple[ActivityView, ...]) -> tuple[str, ...]:
        """Why we use it: the name of each use. When there are more uses than a row names,
        and every use has a purpose and there are fewer purposes than uses, the map's
        purposes instead (each is the why of several uses, so the few named cover more of
        what the map does), those the most uses serve first."""
        dm = self.dm
        if not activities:
            return _at_most([p.name for p in dm.purposes], GLANCE_ITEMS, "reason", "reasons")
        if (
            len(activities) > GLANCE_ITEMS
            and 0 < len(dm.purposes) < len(activities)
            and all(a.purposes for a in dm.activities)
        ):
            served = Counter(p for a in dm.activities for p in set(a.purposes))
            ranked = sorted(dm.purposes, key=lambda p: -served[p.id])  # stable: map order
            return _at_most([p.name for p in ranked], GLANCE_ITEMS, "reason", "reasons")
        return _at_most([a.name for a in activities], GLANCE_ITEMS, "use", "uses")

    def legal_entries(
        self, activities: tuple[ActivityView, ...]
    ) -> tuple[tuple[BasisView, ...], tuple[ConditionView, ...], tuple[ConditionView, ...]]:
        """Each basis, Art 9 and Art 10 condition described once, with the activities
        relying on it; a condition relying on exactly a basis's law links there instead."""
        dm = self.dm
        users: dict[str, list[LinkView]] = {}
        for a in activities:
            mine: tuple[BasisView | ConditionView, ...] = (
                *a.bases,
                *a.conditions,
                *a.criminal_offence_conditions,
            )
            for anchor_id in once(v.anchor for v in mine):
                users.setdefault(anchor_id, []).append(LinkView(a.name, f"#{a.anchor}"))

        def used(v: _V) -> _V:
            return replace(v, used_by=tuple(users.get(v.anchor, ())))

        lawful_bases = tuple(used(self.basis(x)) for x in dm.lawful_bases)
        by_law = {
            tuple(x.law): b for x, b in zip(dm.lawful_bases, lawful_bases, strict=True) if x.law
        }

        def same_law(view: ConditionView, laws: tuple[str, ...]) -> ConditionView:
            basis = by_law.get(tuple(laws))
            if basis is None:
                return view
            return replace(view, law=(), law_as=LinkView(basis.name, f"#{basis.anchor}"))

        conditions = tuple(same_law(used(self.condition(x)), x.law) for x in dm.conditions)
        criminal = tuple(used(self.criminal(x)) for x in dm.criminal_offence_conditions)
        return lawful_bases, conditions, criminal

    def shown(self, special: bool, legal: bool) -> frozenset[str]:
        """The generated sections this notice has (the others have nothing to say)."""
        dm = self.dm
        present = {
            "special-category": special,
            "lawful-bases": legal,
            "information": bool(dm.categories),
            "aims": bool(dm.notice.aims),
            "requirement": dm.requirement_to_provide is not None
            or self.index.given_elsewhere("requirement") is not None,
            "more-information": bool(
                dm.notice.links
                or dm.notice.full_notice
                or dm.notice.child_friendly_version
                or any(
                    set(x.roles) & {"further-information", "other", "data-protection"}
                    for x in dm.contacts
                )
            ),
            "flows": bool(self.index.flows),
            "changes": bool(dm.changes),
        }
        return frozenset(sid for sid, _ in SECTIONS if present.get(sid, True))

    def free_sections(self) -> dict[str, tuple[FreeSection, ...]]:
        """The map's free-text sections by the generated section they follow."""
        after: dict[str, list[FreeSection]] = {}
        known = {s for s, _ in SECTIONS}
        for s in self.dm.notice.sections:
            key = s.after if s.after in known else "about"
            after.setdefault(key, []).append(FreeSection(s.id, s.title, s.body))
        return {k: tuple(v) for k, v in after.items()}

    def links(self) -> tuple[LinkView, ...]:
        notice = self.dm.notice
        links = [LinkView(x.title, x.url) for x in notice.links]
        for other in (notice.full_notice, notice.child_friendly_version):
            if other:
                links.append(LinkView(other.title, other.url))
        return tuple(links)

    def build(self) -> NoticeView:
        dm = self.dm
        activities = self.activities()
        attached = {p for a in dm.activities for p in a.purposes}
        sharing = self.sharing()
        retention = self.retention()
        rights = self.rights()
        complaints = self.complaints()
        special = tuple(self.category(x) for x in dm.categories if x.special)
        criminal_cats = tuple(self.category(x) for x in dm.categories if x.criminal_offence)
        lawful_bases, conditions, criminal_conditions = self.legal_entries(activities)
        shown = self.shown(
            bool(special or criminal_cats),
            bool(lawful_bases or conditions or criminal_conditions),
        )
        after = self.free_sections()
        dpo = (self.contact(dm.dpo, "Data Protection Officer"),) if dm.dpo else ()
        controller, *others = addresses_once(
            (self.controller(), *dpo, *(self.contact(x) for x in dm.contacts))
        )
        return NoticeView(
            lang=dm.notice.language,
            title=dm.notice.title,
            service=dm.notice.service,
            organisation=dm.controller.name,
            caption=caption(dm.notice.title, dm.notice.service),
            logo=self.logo,
            draft=self.draft,
            introduction_md=dm.notice.introduction,
            aims=dm.notice.aims,
            controller=controller,
            dpo=others[0] if dpo else None,
            contacts=tuple(others[len(dpo) :]),
            glance=self.glance(activities, sharing, retention, rights, complaints),
            toc=_toc(shown, after),
            purposes=tuple(
                PurposeView(p.name, p.description) for p in dm.purposes if p.id not in attached
            ),
            activities=activities,
            special_categories=special + tuple(x for x in criminal_cats if x not in special),
            categories=tuple(self.category(x) for x in dm.categories),
            lawful_bases=lawful_bases,
            conditions=conditions,
            criminal_offence_conditions=criminal_conditions,
            sources=self.sources(),
            sharing=sharing,
            flows=self.flows(self.svg),
            transfers=self.transfers(),
            retention=retention,
            security_md=tuple(m.description for m in dm.security),
            rights=rights,
            automated=self.automated(),
            requirement=self.requirement(),
            complaints=complaints,
            links=self.links(),
            version=dm.notice.version or NOT_STATED,
            last_updated=date_words(dm.notice.last_updated),
            next_review=dm.notice.next_review.text if dm.notice.next_review else None,
            shown=shown,
            after=after,
            changes=history(dm.changes),
            joint=self.joint(),
            elsewhere=self.elsewhere(),
            usual_subjects=self.usual_subjects(),
            young_people=LinkView(YOUNG_LINK, YOUNG_FILE)
            if young_page_wanted(self.index)
            else None,
        )


def _rights_in_short(ids: Iterable[str]) -> tuple[str, ...]:
    """The rights as what the reader can do, in the law's order, a few to a sentence."""
    order = list(RIGHTS_IN_SHORT)
    doing = [RIGHTS_IN_SHORT[i] for i in sorted(set(ids), key=order.index)]
    chunks = [doing[i : i + RIGHTS_PER_SENTENCE] for i in range(0, len(doing), RIGHTS_PER_SENTENCE)]
    if not chunks:
        return ()
    return (RIGHTS_LEAD, *(f"You can {join_words(chunk)}." for chunk in chunks))


def _toc(shown: frozenset[str], after: dict[str, tuple[FreeSection, ...]]) -> tuple[TocEntry, ...]:
    """The contents: each section shown (not "At a glance"), each followed by its free ones."""
    toc = []
    for sid, title in SECTIONS:
        if sid == "at-a-glance" or sid not in shown:
            continue
        toc.append(TocEntry(sid, title))
        toc.extend(TocEntry(f"section-{f.id}", f.title) for f in after.get(sid, ()))
    return tuple(toc)


def build_view(
    index: Index, *, draft: str | None = None, svg: str | None = None, logo: str | None = None
) -> NoticeView:
    """The view model of the notice for `index`; `logo` is a data: URI (see `logo_data`)."""
    return _Builder(index, draft=draft, svg=svg, logo=logo).build()


def _at_most(names: Sequence[str], most: int, one: str, many: str) -> tuple[str, ...]:
    """The first `most` names, then how many more there are ("12 more kinds of record"):
    a first-layer row stays short on any map, and says that there is more."""
    if len(names) <= most:
        return tuple(names)
    more = len(names) - most
    return (*names[:most], f"{more:,} more {one if more == 1 else many}")


def _glance_retention(retention: RetentionView) -> tuple[str, ...]:
    """The first records' periods, then how many more there are."""
    keep = [f"{r.record.rstrip('.')}: {r.period}" for r in retention.rows]
    return _at_most(keep, GLANCE_CATEGORIES, "kind of record", "kinds of record")


def _glance_complaint(complaints: ComplaintsView) -> tuple[str]:
    """Who to complain to first (a name, else the address: never the heading), then the ICO."""
    complain_to = _at_most(
        [c.lines[0] if c.lines else c.email or (c.url.text if c.url else c.heading)
         for c in complaints.contacts],
        GLANCE_ITEMS,
        "contact",
        "contacts",
    )  # fmt: skip
    ico = "the Information Commissioner's Office (ICO)"
    if complain_to:
        tell_us = f"Contact {join_words(complain_to)} first"
    elif complaints.form:
        tell_us = "Use our online complaint form first"
    else:
        return (f"You can complain to {ico}.",)
    return (f"{tell_us}. If you are still not happy, you can complain to {ico}.",)


def _glance_row(
    key: str,
    values: tuple[str, ...],
    section: str,
    more: str,
    joined: bool = False,
    rule: str | None = None,
    sentences: bool = False,
) -> GlanceRow:
    """A first-layer row: its values as one phrase, as sentences or as a list; a gap with
    `rule` where the map says nothing."""
    if joined and values:
        values = (sentence(values),)
    elif sentences and values:  # statements, each its own sentence
        values = (" ".join(v.rstrip(".") + "." for v in values),)
    elif len(values) > 1:
        values = ("; ".join(v.rstrip(".") for v in values) + ".",)
    slug = TocEntry(section, SECTION_TITLES[section]).slug
    return GlanceRow(key, values or (gap(rule),), LinkView(more, f"#{section}"), slug)
