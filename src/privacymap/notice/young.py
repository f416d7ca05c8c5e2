"""The page for children and young people (`notice-young-people.html`): the same facts as
the notice, one short card per use of their information, in a child's words.

Written when the subjects include children old enough to read it (`Index.child_readers`,
the one detector PM660 uses too) and the map links to no child version of its own. Every
sentence is the organisation's own text or a fixed sentence of `young_wording` shown only
where the map holds its claim; where the map is silent, the card shows the gap and its rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from privacymap import law
from privacymap.index import Index
from privacymap.model import Activity
from privacymap.notice.parts import ContactView, LinkView
from privacymap.notice.sections import SectionViews
from privacymap.notice.wording import GLANCE_CATEGORIES, anchor, date_words, gap, once
from privacymap.notice.young_wording import (
    BASES,
    CAN,
    COMPLAIN_ICO,
    COMPLAIN_ICO_ONLY,
    COMPLAIN_TO_US,
    CONTACT,
    CONTACT_RIGHTS,
    FULL_NOTICE,
    HEADING,
    INTRODUCTION,
    NO_RECIPIENT,
    RETENTION_IN_FULL,
    RIGHTS,
    RIGHTS_IN_FULL,
    RIGHTS_LEAD,
    SOMETIMES,
    TALK,
    USES_IN_FULL,
)

MAIN_FILE = "notice.html"


def wanted(index: Index) -> bool:
    """Whether the build writes the young-people page (`Index.young_people_page`)."""
    return index.young_people_page


@dataclass(frozen=True)
class CardView:
    """One use of a young person's information: what, why, who sees it, how long, rights."""

    id: str
    heading: str
    description_md: str | None
    """What we do, in the organisation's own words for young people (when it gives them)."""
    why: tuple[tuple[str, str | None], ...]
    """Each purpose: its name and its description for young people (Markdown), if given."""
    why_missing: str | None
    """The gap shown when the map states no purposes at all (PM603)."""
    allowed: tuple[str, ...]
    """Why we are allowed to, one short sentence per Art 6 basis."""
    who: tuple[str, ...]
    keep: tuple[str, ...]
    can: str | None
    more: LinkView
    """The same use in the full notice."""
    talk: str = TALK
    talk_md: str | None = None
    """The organisation's own words in place of `talk`."""


@dataclass(frozen=True)
class YoungView:
    """The young-people page; `lang` to `service` have the names the layout's shared
    blocks (head, draft banner, header) read."""

    lang: str
    title: str
    organisation: str
    service: str | None
    logo: str | None
    draft: str | None
    introduction: str
    introduction_md: str | None
    """The organisation's own introduction for young people (in place of `introduction`)."""
    full_notice: LinkView
    cards: tuple[CardView, ...]
    no_cards: str
    """Shown when no use names the children: the full notice has the uses, else the gap."""
    rights: tuple[tuple[str, str], ...]
    """(short name, what it lets you do) of each right a card names, said once; what it
    lets you do in the organisation's words where the map gives them."""
    rights_lead: str
    contact_lead: str
    contacts: tuple[ContactView, ...]
    complain_lead: str | None
    complain_to: tuple[ContactView, ...]
    complain_form: LinkView | None
    ico: str
    ico_complaints: LinkView
    last_updated: str


class _YoungBuilder(SectionViews):
    def __init__(self, index: Index, *, draft: str | None, logo: str | None) -> None:
        super().__init__(index)
        self.draft = draft
        self.logo = logo

    def card(self, a: Activity) -> CardView:
        flows = self.index.flows_of(a.id)
        bases = once(b.basis for b in self.index.activity_bases(a))
        own = a.young_people
        page = self.dm.notice.young_people
        return CardView(
            id=anchor("young", a.id),
            heading=own.name if own and own.name else a.name,
            description_md=own.description if own else None,
            why=tuple(
                (
                    p.young_people.name if p.young_people and p.young_people.name else p.name,
                    p.young_people.description if p.young_people else None,
                )
                for p in self.index.resolve("purposes", a.purposes)
            ),
            why_missing=None if self.dm.purposes else gap("PM603"),
            allowed=tuple(BASES[b] for b in bases if b in BASES),
            who=self.who(a) if any(f.direction == "disclosure" for f in flows) else (NO_RECIPIENT,),
            keep=tuple(
                f"{row.record.rstrip('.')}: {row.period}"
                for row in (
                    self.retention_row(r) for r in self.index.resolve("retention", a.retention)
                )
            )
            or (RETENTION_IN_FULL if self.dm.retention else gap("PM605"),),
            can=self.can(a),
            more=LinkView(
                f"More about {a.name} in the full notice", f"{MAIN_FILE}#{anchor('activity', a.id)}"
            ),
            talk_md=page.help if page else None,
        )

    def who(self, a: Activity) -> tuple[str, ...]:
        """Who gets the information: the groups' names when every recipient has one."""
        recipients = [f.recipient for f in self.index.flows_of(a.id) if f.recipient is not None]
        groups = {g.id: g.name for g in self.dm.recipient_groups}
        if recipients and all(r.group in groups for r in recipients):
            names = once(groups[r.group] for r in recipients if r.group)
        else:
            names = once(r.name for r in recipients)
        if len(names) > GLANCE_CATEGORIES:
            more = len(names) - GLANCE_CATEGORIES
            names = (*names[:GLANCE_CATEGORIES], f"{more} more (the full notice lists them)")
        return names

    def rights_of(self, a: Activity) -> tuple[tuple[str, bool], ...]:
        """(right id, whether it applies in full) for each published right the law gives
        for this use; the right about computer decisions only where the map says some are
        made (it has nothing to act on otherwise)."""
        published = {e.right for e in self.dm.rights}
        if self.index.automated_decisions is not True:
            published.discard(law.AUTOMATED_DECISION_RIGHT)
        flows = self.index.flows_of(a.id)
        grounds = {b.basis for b in self.index.activity_bases(a)}
        grounds |= {b.basis for f in flows for b in f.bases}
        grounds |= {c.condition for c in self.index.activity_conditions(a)}
        return tuple(
            (r.id, bool(r.purpose_kinds) or any(r.applicability(g) == "applies" for g in grounds))
            for r in self.index.activity_rights(a)
            if r.id in published and r.id in RIGHTS
        )

    def can(self, a: Activity) -> str | None:
        """What you can do about this use, by the rights' short names; None where the
        rights are given in another notice, the gap where the map states none."""
        if not self.dm.rights:
            return None if self.index.given_elsewhere("rights") else gap("PM606")
        names = [RIGHTS[r][0] + ("" if full else SOMETIMES) for r, full in self.rights_of(a)]
        return CAN.format(rights=", ".join(names)) if names else RIGHTS_IN_FULL

    def young(self) -> YoungView:
        dm = self.dm
        children = {s.id for s in self.index.child_readers}
        about_them = [a for a in dm.activities if children & set(a.subjects) or not a.subjects]
        in_cards = {r for a in about_them for r, _ in self.rights_of(a)}
        own_words = {e.right: e.young_people for e in dm.rights if e.young_people}
        page = dm.notice.young_people
        named_rights = [r for r in RIGHTS if r in in_cards]
        req = dm.rights_requests
        named = self.index.resolve("contacts", [req.contact] if req and req.contact else [])
        contacts = self.contacts_for("rights-requests", "Contact", named) or (self.controller(),)
        complain_to = self.complaint_contacts()
        said = dm.complaints
        form = LinkView("Complain to us online", said.form) if said and said.form else None
        ico = law.ico()
        return YoungView(
            lang=dm.notice.language,
            title=page.title if page and page.title else HEADING,
            organisation=dm.controller.name,
            service=dm.notice.service,
            logo=self.logo,
            draft=self.draft,
            introduction=INTRODUCTION.format(organisation=dm.controller.name),
            introduction_md=page.introduction if page else None,
            full_notice=LinkView(FULL_NOTICE, MAIN_FILE),
            cards=tuple(self.card(a) for a in about_them),
            no_cards=USES_IN_FULL if dm.activities or dm.purposes else gap("PM603"),
            rights=tuple(
                (RIGHTS[r][0].capitalize(), own_words.get(r) or RIGHTS[r][1]) for r in named_rights
            ),
            rights_lead=RIGHTS_LEAD,
            contact_lead=CONTACT_RIGHTS if dm.rights else CONTACT,
            contacts=contacts,
            complain_lead=COMPLAIN_TO_US if complain_to or form else None,
            complain_to=complain_to,
            complain_form=form,
            ico=COMPLAIN_ICO if complain_to or form else COMPLAIN_ICO_ONLY,
            ico_complaints=LinkView(f"Complain to the {ico.short_name}", ico.complaints_url),
            last_updated=date_words(dm.notice.last_updated),
        )


def build_young_view(
    index: Index, *, draft: str | None = None, logo: str | None = None
) -> YoungView:
    """The view model of the young-people page for `index`."""
    return _YoungBuilder(index, draft=draft, logo=logo).young()
