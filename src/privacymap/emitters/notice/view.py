"""The notice's view model: plain dataclasses built from the index.

Everything a template shows is decided here (which sections exist, their
order, plain-words labels, links, grouping), so templates only lay out. Text
fields keep their kind: `str` is plain text (escaped by the templates),
fields named `*_md` are Markdown from the model (rendered by the `md`
filters). Built once per notice; deterministic (model order, then sorted).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from privacymap import law
from privacymap.emitters.notice.history import ChangeView, history
from privacymap.index import FlowView, Index
from privacymap.law.urls import safe_url
from privacymap.logo import Logo, read_logo
from privacymap.model import (
    SPECIAL_CATEGORY_NAMES,
    Category,
    Contact,
    LawfulBasis,
    Recipient,
    Retention,
)

# ----------------------------------------------------------------- small parts


@dataclass(frozen=True)
class LinkView:
    """Link text that makes sense on its own, and an address (None: shown as text).

    Only addresses `privacymap.law.urls` allows are kept (https, http, mailto,
    tel, genuinely relative), as a browser reads them; any other (javascript:,
    data:, //other-host, a host without https://) is dropped, leaving the text.
    """

    text: str
    url: str | None = None

    def __post_init__(self) -> None:
        if self.url is not None:
            object.__setattr__(self, "url", safe_url(self.url))


@dataclass(frozen=True)
class CitationView:
    """A citation as written, with one link per cited provision that has an address."""

    text: str
    links: tuple[LinkView, ...] = ()


@dataclass(frozen=True)
class ContactView:
    heading: str
    lines: tuple[str, ...] = ()
    address: tuple[str, ...] = ()
    email: str | None = None
    telephone: str | None = None
    url: LinkView | None = None
    notes_md: str | None = None
    brief: bool = False
    """Already given in full in "Who we are": shown on one line, with a link there."""


@dataclass(frozen=True)
class CategoryView:
    id: str
    name: str
    examples: tuple[str, ...] = ()
    description_md: str | None = None
    special: tuple[str, ...] = ()
    criminal_offence: bool = False


@dataclass(frozen=True)
class BasisView:
    name: str
    article: str
    plain: str
    id: str = ""
    label: str = ""
    """Its name, told apart by its task when the map has two bases of the same kind."""
    anchor: str = ""
    """The id of its entry in "The law that lets us use your information"."""
    used_by: tuple[LinkView, ...] = ()
    """The activities that rely on it (links to them)."""
    law: tuple[CitationView, ...] = ()
    annex1: tuple[CitationView, ...] = ()
    """The UK GDPR Annex 1 conditions of a recognised legitimate interest (Art 6(5))."""
    task_md: str | None = None
    interests_md: str | None = None
    assessment: LinkView | None = None
    withdrawal_md: str | None = None
    wording_md: str | None = None


@dataclass(frozen=True)
class Schedule1View:
    number: int
    heading: str
    link: LinkView


@dataclass(frozen=True)
class ConditionView:
    name: str
    article: str
    plain: str
    schedule1: tuple[Schedule1View, ...] = ()
    law: tuple[CitationView, ...] = ()
    wording_md: str | None = None
    id: str = ""
    anchor: str = ""
    used_by: tuple[LinkView, ...] = ()
    law_as: LinkView | None = None
    label: str = ""
    """Set (and `law` left empty) when it relies on exactly the law listed under a basis."""


@dataclass(frozen=True)
class BasisRefView:
    """A basis or condition named in an activity: its name links to its one full entry."""

    link: LinkView
    detail: str
    """E.g. "Article 9(2)(g), DPA 2018 Sch 1 para 18"."""


@dataclass(frozen=True)
class ActivityView:
    id: str
    anchor: str
    name: str
    description_md: str | None
    uses_md: tuple[str, ...]
    subjects: tuple[str, ...]
    categories: tuple[CategoryView, ...]
    sources: tuple[str, ...]
    recipients: tuple[str, ...]
    bases: tuple[BasisView, ...]
    conditions: tuple[ConditionView, ...]
    criminal_offence_conditions: tuple[ConditionView, ...]
    consent_md: tuple[str, ...] = ()
    basis_refs: tuple[BasisRefView, ...] = ()
    """The Art 6 bases, then Art 9 and Art 10 conditions, as links to their entries."""
    purpose_items: tuple[PurposeView, ...] = ()
    """Its purposes not already said by its description and uses (shown after the uses)."""


@dataclass(frozen=True)
class PurposeView:
    name: str
    description_md: str | None = None


@dataclass(frozen=True)
class SourceView:
    id: str
    name: str
    kind: str
    description_md: str | None
    form: str | None
    provides: tuple[CategoryView, ...]
    public: str | None = None


@dataclass(frozen=True)
class RecipientView:
    id: str
    name: str
    role: str | None
    examples: tuple[str, ...]
    description_md: str | None
    areas: str | None
    formerly: str | None
    country: str | None
    categories: tuple[str, ...]
    when_md: tuple[str, ...]
    note: str | None = None
    """Said when the usual conditions of sharing (SharingView) do not apply to it."""


@dataclass(frozen=True)
class RecipientGroupView:
    name: str
    description_md: str | None
    recipients: tuple[RecipientView, ...]


@dataclass(frozen=True)
class SharingView:
    internal: tuple[RecipientGroupView, ...]
    external: tuple[RecipientGroupView, ...]
    conditions_md: tuple[str, ...]
    """The conditions of sharing with most recipients (said once, not per recipient)."""
    usual_categories: tuple[str, ...] = ()
    """What we share with most recipients; a recipient lists its own only when it differs."""


@dataclass(frozen=True)
class FlowRowView:
    origin: str
    target: str
    activity: str
    categories: tuple[str, ...]
    bases: tuple[str, ...]
    when_md: tuple[str, ...]
    activity_anchor: str = ""
    target_link: LinkView | None = None
    """Set when many recipients share one row: a link to the activity that lists them."""
    same_as_activity: LinkView | None = None
    """Set when the row carries exactly the activity's information and lawful bases:
    the table then links to the activity instead of repeating them."""


@dataclass(frozen=True)
class FlowsView:
    svg: str | None
    caption: str
    rows: tuple[FlowRowView, ...]


@dataclass(frozen=True)
class TransferView:
    recipient: str
    country: str
    mechanism: str
    safeguard: str | None
    copy: LinkView | None


@dataclass(frozen=True)
class TransfersView:
    none: bool
    statement_md: str | None
    plain: str
    items: tuple[TransferView, ...]


@dataclass(frozen=True)
class RetentionRowView:
    record: str
    description_md: str | None
    period: str
    authority: CitationView | None
    security_md: str | None
    disposal: str | None
    categories: tuple[str, ...]


@dataclass(frozen=True)
class RetentionView:
    statement_md: str | None
    rows: tuple[RetentionRowView, ...]
    policy: LinkView | None
    reasons_md: str | None
    overseen_by: str | None


@dataclass(frozen=True)
class RightView:
    id: str
    name: str
    article: str
    description: str
    how: str
    how_md: str | None = None
    wording_md: str | None = None


@dataclass(frozen=True)
class RightsView:
    rights: tuple[RightView, ...]
    object: RightView | None
    object_reason: str | None
    withdraw_consent: RightView | None
    contact: ContactView | None
    how_md: str | None
    identity_md: str | None


@dataclass(frozen=True)
class AutomatedView:
    exists: bool
    plain: str
    description_md: str | None = None
    logic_md: str | None = None
    significance_md: str | None = None


@dataclass(frozen=True)
class RequirementView:
    plain: tuple[str, ...]
    statement_md: str | None
    consequences_md: str | None


@dataclass(frozen=True)
class ComplaintsView:
    contacts: tuple[ContactView, ...]
    ico: ContactView
    ico_complaints: LinkView


@dataclass(frozen=True)
class GlanceRow:
    key: str
    values: tuple[str, ...]
    more: LinkView


@dataclass(frozen=True)
class FreeSection:
    id: str
    title: str
    body_md: str


@dataclass(frozen=True)
class TocEntry:
    id: str
    title: str

    @property
    def slug(self) -> str:
        """The anchor Markdown renderers (GitHub, GitLab) give the heading `title`."""
        text = re.sub(r"[^\w\- ]", "", self.title.lower())
        return text.replace(" ", "-")


@dataclass(frozen=True)
class NoticeView:
    lang: str
    title: str
    service: str | None
    organisation: str
    caption: str | None
    """The service, shown above the title unless the title already names it."""
    logo: str | None
    draft: str | None
    introduction_md: str | None
    aims: tuple[str, ...]
    controller: ContactView
    dpo: ContactView | None
    contacts: tuple[ContactView, ...]
    glance: tuple[GlanceRow, ...]
    toc: tuple[TocEntry, ...]
    purposes: tuple[PurposeView, ...]
    activities: tuple[ActivityView, ...]
    special_categories: tuple[CategoryView, ...]
    categories: tuple[CategoryView, ...]
    """Every category of information, described once ("The information we use")."""
    lawful_bases: tuple[BasisView, ...]
    """Each Art 6 basis described once ("The law that lets us use your information")."""
    conditions: tuple[ConditionView, ...]
    criminal_offence_conditions: tuple[ConditionView, ...]
    sources: tuple[SourceView, ...]
    sharing: SharingView
    flows: FlowsView
    transfers: TransfersView
    retention: RetentionView
    security_md: tuple[str, ...]
    rights: RightsView
    automated: AutomatedView
    requirement: RequirementView | None
    complaints: ComplaintsView
    links: tuple[LinkView, ...]
    version: str
    last_updated: str
    shown: frozenset[str]
    """The ids of the generated sections this notice has: the contents list and the
    templates both follow it, so a section is listed exactly when it is on the page."""
    after: dict[str, tuple[FreeSection, ...]] = field(default_factory=dict)
    """Free-text sections to place after the generated section with that id."""
    changes: tuple[ChangeView, ...] = ()
    """The notice's history ("Changes to this notice"), newest first."""


# ----------------------------------------------------------------- wording

SECTIONS: tuple[tuple[str, str], ...] = (
    ("who-we-are", "Who we are"),
    ("at-a-glance", "At a glance"),
    ("aims", "What the service is for"),
    ("information", "The information we use"),
    ("purposes", "Why we use your information"),
    ("lawful-bases", "The law that lets us use your information"),
    ("special-category", "More sensitive information"),
    ("sources", "Where your information comes from"),
    ("sharing", "Who we share your information with"),
    ("flows", "How your information flows"),
    ("transfers", "Sending information outside the UK"),
    ("retention", "How long we keep your information"),
    ("security", "How we keep your information safe"),
    ("rights", "Your rights"),
    ("automated-decisions", "Decisions made by computer"),
    ("requirement", "Do you have to give us your information?"),
    ("complaints", "How to complain"),
    ("more-information", "More information"),
    ("about", "About this notice"),
    ("changes", "Changes to this notice"),
)
"""Generated sections: id (the anchor and the `after:` key) and heading."""

SECTION_TITLES = dict(SECTIONS)

CONTACT_ROLES = {
    "further-information": "For more information",
    "complaints": "Complaints",
    "rights-requests": "To use your rights",
    "data-protection": "Data protection",
    "other": "Contact",
}
SOURCE_KINDS = {
    "data-subject": "You",
    "third-party": "Another organisation or person",
    "internal": "Another part of our organisation",
    "publicly-accessible": "Publicly available information",
}
RECIPIENT_ROLES = {
    "internal": "Part of {org}",
    "processor": "Works for us and only uses the information as we instruct",
    "controller": "An organisation that decides for itself how to use the information",
    "joint-controller": "Decides with us how the information is used (joint controller)",
}
TRIGGERS = {
    "date-of-birth": "from the date of birth",
    "closure": "after the case is closed",
    "last-contact": "after our last contact with you",
    "creation": "from when the record was made",
    "death": "after death",
    "order-date": "from the date of the order",
    "end-of-year": "from the end of the year it relates to",
}
DISPOSAL = {
    "destroy": "Securely destroyed",
    "review": "Reviewed, then kept or destroyed",
    "archive": "Archived",
    "anonymise": "Anonymised",
    "transfer": "Transferred to an archive",
}
MECHANISMS = {
    "uk-regulations": "The UK has decided this country protects personal data well enough",
    "idta": "An International Data Transfer Agreement",
    "addendum": "The UK Addendum to the EU standard contractual clauses",
    "binding-corporate-rules": "Binding corporate rules",
    "public-body-instrument": "A legally binding agreement between public bodies",
    "code-of-conduct": "An approved code of conduct",
    "certification": "An approved certification",
    "derogation-explicit-consent": "Your explicit consent",
    "derogation-contract": "It is needed for a contract with you",
    "derogation-contract-in-interest": "It is needed for a contract in your interest",
    "derogation-public-interest": "Important reasons of public interest",
    "derogation-legal-claims": "Legal claims",
    "derogation-vital-interests": "To protect someone's life",
    "derogation-public-register": "It comes from a public register",
    "compelling-legitimate-interests": "Compelling legitimate interests",
}
COUNTRIES = {"GB": "United Kingdom"}
NOT_STATED = "not stated"
UNITS = {"Y": ("year", "years"), "M": ("month", "months"), "W": ("week", "weeks"),
         "D": ("day", "days")}  # fmt: skip
_DURATION = re.compile(r"(\d+)([YMWD])")


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def duration_words(period: str) -> str:
    """`P6Y` -> "6 years"; `P1Y6M` -> "1 year and 6 months"."""
    parts = [plural(int(n), *UNITS[u]) for n, u in _DURATION.findall(period)]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else period


def join_words(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def anchor(prefix: str, item_id: str) -> str:
    return f"{prefix}-{item_id}"


def _unique(items: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


# ----------------------------------------------------------------- the builder


class _Builder:
    def __init__(self, index: Index, *, draft: str | None, svg: str | None) -> None:
        self.index = index
        self.dm = index.datamap
        self.draft = draft
        self.svg = svg
        counts: dict[str, int] = {}
        names = [
            *(law.art6_basis(b.basis) for b in self.dm.lawful_bases),
            *(law.art9_condition(c.condition) for c in self.dm.conditions),
        ]
        for info in names:
            if info:
                counts[info.name] = counts.get(info.name, 0) + 1
        self.name_counts = counts
        """How many entries share each basis or condition name (link text must tell them apart)."""

    # -- parts

    def citation(self, text: str) -> CitationView:
        parsed = self.index.citations.get(text) or law.parse_citation(text)
        if not isinstance(parsed, law.Citation):
            return CitationView(text=text)
        title = parsed.instrument.title
        with_url = [p for p in parsed.provisions if p.url]
        if len(with_url) > 1:
            links = tuple(LinkView(f"{title} {p.display}", p.url) for p in with_url)
            return CitationView(text=text, links=links)
        urls = parsed.urls
        if not urls:
            base = parsed.edition.url if parsed.edition else parsed.instrument.url
            urls = (base,) if base else ()
        label = parsed.display
        if parsed.label:
            label = f"{label} ({parsed.label})" if parsed.label not in label else label
        if urls:
            return CitationView(text=text, links=(LinkView(label, urls[0]),))
        return CitationView(text=text, links=(LinkView(label),))

    def contact(self, c: Contact, heading: str | None = None) -> ContactView:
        lines = _unique((c.name, c.team, c.organisation))
        return ContactView(
            heading=heading or CONTACT_ROLES.get(c.role, "Contact"),
            lines=lines,
            address=_address(c.address),
            email=c.email,
            telephone=c.telephone,
            url=LinkView(f"Website: {lines[0] if lines else c.url}", c.url) if c.url else None,
            notes_md=c.notes,
        )

    def category(self, c: Category) -> CategoryView:
        return CategoryView(
            id=c.id,
            name=c.name,
            examples=c.examples,
            description_md=c.description,
            special=tuple(SPECIAL_CATEGORY_NAMES[s] for s in c.special),
            criminal_offence=c.criminal_offence,
        )

    def basis(self, b) -> BasisView:  # type: ignore[no-untyped-def]
        info = law.art6_basis(b.basis)
        assert info is not None
        return BasisView(
            name=info.name,
            article=f"UK GDPR Article {info.article}",
            plain=info.summary,
            id=b.id,
            label=info.name if self.name_counts.get(info.name, 0) < 2
            else _labelled(info.name, b.task or b.interests or b.id),
            anchor=anchor("basis", b.id),
            law=tuple(self.citation(t) for t in b.law),
            annex1=tuple(self.annex1(entry) for entry in b.annex1),
            task_md=b.task,
            interests_md=b.interests,
            assessment=LinkView("Our legitimate interests assessment", b.assessment)
            if b.assessment else None,
            withdrawal_md=b.withdrawal,
            wording_md=b.wording,
        )

    def annex1(self, entry: int | str) -> CitationView:
        """A UK GDPR Annex 1 condition (Art 6(1)(ea)), linked, with what it covers."""
        text = f"UK GDPR Annex 1 para {entry}" if isinstance(entry, int) else entry
        view = self.citation(text)
        parsed = self.index.citations.get(text) or law.parse_citation(text)
        numbers = [
            int(n) for p in getattr(parsed, "provisions", ())
            if (n := dict(p.path).get("paragraph", "")).isdigit()
        ]
        summaries = [p.summary for n in numbers if (p := law.annex1_paragraph(n)) and p.condition]
        if not summaries or not view.links:
            return view
        first = view.links[0]
        return replace(view, links=(replace(first, text=f"{first.text}: {'; '.join(summaries)}"),
                                    *view.links[1:]))

    def schedule1(self, ref: int | str) -> Schedule1View | None:
        number: int | None = ref if isinstance(ref, int) else None
        if number is None:
            parsed = self.index.citations.get(str(ref)) or law.parse_citation(str(ref))
            if isinstance(parsed, law.Citation):
                for p in parsed.provisions:
                    keys = dict(p.path)
                    para = keys.get("paragraph", "")
                    if para.isdigit():
                        number = int(para)
        if number is None:
            return None
        paragraph = law.schedule1_paragraph(number)
        heading = paragraph.heading if paragraph and paragraph.heading else ""
        url = (
            paragraph.url if paragraph else
            f"https://www.legislation.gov.uk/ukpga/2018/12/schedule/1/paragraph/{number}"
        )
        text = f"Data Protection Act 2018, Schedule 1, paragraph {number}"
        if heading:
            text += f": {heading}"
        return Schedule1View(number=number, heading=heading, link=LinkView(text, url))

    def condition(self, c) -> ConditionView:  # type: ignore[no-untyped-def]
        info = law.art9_condition(c.condition)
        assert info is not None
        schedule = tuple(s for s in (self.schedule1(r) for r in c.schedule1) if s)
        return ConditionView(
            name=info.name,
            article=f"UK GDPR Article {info.article}",
            plain=info.summary,
            schedule1=schedule,
            law=tuple(self.citation(t) for t in c.law),
            wording_md=c.wording,
            id=c.id,
            label=info.name if self.name_counts.get(info.name, 0) < 2
            else _labelled(info.name, c.wording or c.id),
            anchor=anchor("condition", c.id),
        )

    def criminal(self, c) -> ConditionView:  # type: ignore[no-untyped-def]
        route = next((r for r in law.art10_routes() if r.id == c.route), None)
        schedule = tuple(s for s in (self.schedule1(r) for r in c.schedule1) if s)
        return ConditionView(
            name=route.name if route else c.route,
            article="UK GDPR Article 10",
            plain=route.summary if route else "",
            schedule1=schedule,
            law=tuple(self.citation(t) for t in c.law),
            wording_md=c.wording,
            id=c.id,
            anchor=anchor("criminal-condition", c.id),
        )

    def ref(self, v: BasisView | ConditionView) -> BasisRefView:
        """A short mention of a basis or condition, linking to its full entry."""
        text = v.label or v.name
        detail = v.article.removeprefix("UK GDPR ")
        if isinstance(v, ConditionView) and v.schedule1:
            detail += ", " + ", ".join(f"DPA 2018 Sch 1 para {s.number}" for s in v.schedule1)
        return BasisRefView(LinkView(text, f"#{v.anchor}"), detail)

    def names(self, section: str, ids: Iterable[str]) -> tuple[str, ...]:
        table = self.index.by_id.get(section, {})
        return tuple(table[i].name for i in ids if i in table)  # type: ignore[attr-defined]

    # -- sections

    def activities(self) -> tuple[ActivityView, ...]:
        out = []
        for a in self.dm.activities:
            flows = self.index.flows_of(a.id)
            consent: list[str] = []
            if a.consent:
                consent.extend(t for t in (a.consent.how, a.consent.withdrawal) if t)
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
                desc = None if p.description and _said(p.description, shown) else p.description
                if a.uses and _said(p.name, shown) and desc is None:
                    continue
                items.append(PurposeView(p.name, desc))
            refs: tuple[BasisView | ConditionView, ...] = (*bases, *conditions, *criminal)
            out.append(
                ActivityView(
                    id=a.id,
                    anchor=anchor("activity", a.id),
                    name=a.name,
                    description_md=a.description,
                    uses_md=a.uses,
                    subjects=self.names("subjects", a.subjects),
                    categories=tuple(self.category(c) for c in self.index.activity_categories(a)),
                    sources=_unique(f.source.name for f in flows if f.source),
                    recipients=_unique(f.recipient.name for f in flows if f.recipient),
                    bases=bases,
                    conditions=conditions,
                    criminal_offence_conditions=criminal,
                    purpose_items=tuple(items),
                    consent_md=tuple(
                        t for t in _unique(consent) if not _said(t, a.description or "")
                    ),
                    basis_refs=tuple(self.ref(v) for v in refs),
                )
            )
        return tuple(out)

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
        # Inside the organisation goes without saying: they are listed under "Within ...".
        role = None if r.internal else RECIPIENT_ROLES.get(r.role or "")
        if role:
            role = role.format(org=self.dm.controller.name)
        return RecipientView(
            id=r.id,
            name=r.name,
            role=role,
            examples=r.examples,
            description_md=r.description,
            areas=r.areas,
            formerly=r.formerly,
            country=None if r.country == "GB" else COUNTRIES.get(r.country, r.country),
            categories=_unique(c.name for f in mine for c in f.categories),
            when_md=_unique(w for f in mine for w in f.spec.when),
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
                        name=group.name if group else (
                            "Within our organisation" if internal else "Other organisations"
                        ),
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
            """Say the usual information and conditions once, not under every recipient."""
            return tuple(
                replace(g, recipients=tuple(
                    replace(
                        r,
                        categories=() if r.categories == usual_categories else r.categories,
                        when_md=() if r.when_md == usual_when else r.when_md,
                        note=NO_CONDITIONS
                        if usual_when and r.categories and not r.when_md
                        else None,
                    )
                    for r in g.recipients
                ))
                for g in groups
            )

        return SharingView(
            internal=trimmed(internal),
            external=trimmed(external),
            conditions_md=usual_when,
            usual_categories=usual_categories,
        )

    def flows(self) -> FlowsView:
        # Per activity, worked out once: the names of its categories and its Art 6 bases.
        own: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        rows = []
        for f in self.index.flows:
            a = f.activity
            if f.direction == "collection":
                origin, target = (f.source.name if f.source else f.origin), a.name
            else:
                origin, target = a.name, (f.recipient.name if f.recipient else f.target)
            if a.id not in own:
                own[a.id] = (
                    tuple(c.name for c in self.index.activity_categories(a)),
                    _basis_names(self.index.activity_bases(a)),
                )
            cats, bases = tuple(c.name for c in f.categories), _basis_names(f.bases)
            rows.append(
                FlowRowView(
                    origin=origin,
                    target=target,
                    activity=a.name,
                    categories=cats,
                    bases=bases or ("No lawful basis recorded",),
                    when_md=f.spec.when,
                    activity_anchor=anchor("activity", a.id),
                    same_as_activity=LinkView(
                        f"As set out under {a.name}", f"#{anchor('activity', a.id)}"
                    )
                    if bases and (cats, bases) == own[a.id]
                    else None,
                )
            )
        return FlowsView(
            svg=self.svg,
            rows=_merge_flow_rows(rows),
            caption="Where your information comes from, what we do with it and who we pass it to",
        )

    def transfers(self) -> TransfersView:
        t = self.dm.transfers
        items = []
        if t:
            for item in t.items:
                r = self.index.recipients.get(item.recipient)
                items.append(
                    TransferView(
                        recipient=r.name if r else item.recipient,
                        country=COUNTRIES.get(item.country, item.country),
                        mechanism=MECHANISMS.get(item.mechanism or "", NOT_STATED),
                        safeguard=item.safeguard,
                        copy=LinkView(
                            "How to get a copy of the safeguards for "
                            + (r.name if r else item.recipient),
                            item.copy_available_at,
                        ) if item.copy_available_at else None,
                    )
                )
        none = bool(t and t.none and not items)
        if none:
            plain = "We do not send your information to any country outside the UK."
        elif items:
            plain = "We send some information outside the UK, with the protections below."
        else:
            plain = "This notice does not say whether we send your information outside the UK."
        return TransfersView(
            none=none, statement_md=t.statement if t else None, plain=plain, items=tuple(items)
        )

    def retention_row(self, r: Retention) -> RetentionRowView:
        if r.period:
            period = duration_words(r.period)
            if r.trigger:
                period += " " + TRIGGERS[r.trigger]
        elif r.criteria:
            period = " ".join(r.criteria.split())
        else:
            period = "Not stated"
        return RetentionRowView(
            record=r.record,
            description_md=r.description,
            period=period,
            authority=self.citation(r.authority) if r.authority else None,
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
            if policy and policy.document else None,
            reasons_md=policy.reasons if policy else None,
            overseen_by=policy.overseen_by if policy else None,
        )

    def rights(self) -> RightsView:
        entries = {e.right: e for e in self.dm.rights}
        views = []
        for r in self.index.rights_in_use:
            entry = entries.get(r.id)
            views.append(
                RightView(
                    id=r.id,
                    name=r.name,
                    article=r.article,
                    description=r.description,
                    how=r.how_to,
                    how_md=entry.how if entry else None,
                    wording_md=entry.wording if entry else None,
                )
            )
        obj = next((v for v in views if v.id == "object"), None)
        withdraw = next((v for v in views if v.id == "withdraw-consent"), None)
        reason = None
        objectable = law.right("object")
        if obj and objectable:
            used = [law.art6_basis(b) for b in self.index.bases_in_use if objectable.applies(b)]
            reason = (
                "We rely on "
                + join_words(f"{b.name.lower()} (Article {b.article})" for b in used if b)
                + " for some of what we do, so you have the right to object to it."
            )
        main = tuple(v for v in views if v.id not in ("object", "withdraw-consent"))
        req = self.dm.rights_requests
        contact = None
        if req and req.contact:
            found = next((c for c in self.dm.contacts if c.id == req.contact), None)
            if found:
                contact = replace(self.contact(found, "Who to contact"), brief=True)
        if contact is None:
            found = next((c for c in self.dm.contacts if c.role == "rights-requests"), None)
            if found:
                contact = replace(self.contact(found, "Who to contact"), brief=True)
            elif self.dm.dpo:
                contact = replace(self.contact(self.dm.dpo, "Who to contact"), brief=True)
        return RightsView(
            rights=main,
            object=obj,
            object_reason=reason,
            withdraw_consent=withdraw,
            contact=contact,
            how_md=req.how if req else None,
            identity_md=req.identity if req else None,
        )

    def automated(self) -> AutomatedView:
        adm = self.dm.automated_decision_making
        own = [
            a.automated_decision_making
            for a in self.dm.activities
            if a.automated_decision_making
        ]
        exists = bool((adm and adm.exists) or any(a.exists for a in own))
        if adm is None and not own:
            plain = "This notice does not say whether decisions are made by computer alone."
        elif exists:
            plain = "We make some decisions about you by computer, without a person involved."
        else:
            plain = (
                "We do not make decisions about you by computer alone: "
                "there is always meaningful human involvement."
            )
        source = adm if adm and adm.exists else next((a for a in own if a.exists), adm)
        return AutomatedView(
            exists=exists,
            plain=plain,
            description_md=source.description if source else None,
            logic_md=source.logic if source else None,
            significance_md=source.significance if source else None,
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

    def complaints(self) -> ComplaintsView:
        ico = law.ico()
        contacts = tuple(
            replace(self.contact(c, "Complain to us"), brief=True)
            for c in self.dm.contacts
            if c.role == "complaints"
        )
        if not contacts and self.dm.dpo:
            contacts = (replace(self.contact(self.dm.dpo, "Complain to us"), brief=True),)
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
        )

    def glance(self, activities: tuple[ActivityView, ...], sharing: SharingView,
               retention: RetentionView, rights: RightsView,
               complaints: ComplaintsView) -> tuple[GlanceRow, ...]:
        groups = _unique(c.group for c in self.dm.categories)
        if groups and all(c.group for c in self.dm.categories):
            cats: tuple[str, ...] = groups
        else:
            names = [c.name for c in self.dm.categories]
            cats = tuple(names[:GLANCE_CATEGORIES])
            if len(names) > GLANCE_CATEGORIES:
                cats += (f"{len(names) - GLANCE_CATEGORIES} more kinds of information",)
        purposes = tuple(a.name for a in activities) or tuple(p.name for p in self.dm.purposes)
        bases = tuple(
            f"{b.name}: {SHORT.get(b.id, b.summary)}"
            for b in (law.art6_basis(i) for i in self.index.bases_in_use)
            if b
        )
        conds = _unique(
            f"{c.name}: {SHORT_CONDITIONS.get(c.id, c.summary)}"
            for a in self.dm.activities
            for c in (law.art9_condition(x.condition) for x in self.index.activity_conditions(a))
            if c
        )
        shared = tuple(g.name for g in (*sharing.internal, *sharing.external))
        keep: tuple[str, ...] = ()
        if retention.rows:
            keep = (
                f"We keep each of our {plural(len(retention.rows), 'type', 'types')} of record "
                "for a set time, shown in a table.",
            )
        rights_names = tuple(r.name for r in (*rights.rights,
                                              *(x for x in (rights.object,
                                                            rights.withdraw_consent) if x)))
        complain_to = [c.lines[0] if c.lines else c.heading for c in complaints.contacts]
        complain = (
            *(f"Contact {c} first." for c in complain_to),
            "If you are not happy with our answer, you can complain to the "
            "Information Commissioner's Office (ICO).",
        )

        def row(key: str, values: tuple[str, ...], section: str, more: str,
                joined: bool = False) -> GlanceRow:
            if joined and values:
                values = (_sentence(values),)
            return GlanceRow(key, values or (NOT_STATED,), LinkView(more, f"#{section}"))

        return (
            row("What we collect", cats, "information", "More about what we collect", True),
            row("Why we use it", purposes, "purposes", "More about why we use it"),
            row("Our lawful basis", bases + conds, "lawful-bases", "More about our lawful basis"),
            row("Who we share it with", shared, "sharing", "More about who we share it with",
                True),
            row("How long we keep it", keep, "retention", "More about how long we keep it"),
            row("Your rights", rights_names, "rights", "More about your rights", True),
            row("How to complain", complain, "complaints", "More about how to complain"),
        )

    def build(self) -> NoticeView:
        dm = self.dm
        c = dm.controller
        controller = ContactView(
            heading="Data controller",
            lines=(c.name,),
            address=_address(c.address),
            email=c.email,
            telephone=c.telephone,
            url=LinkView(f"{c.name} website", c.website) if c.website else None,
            notes_md=f"ICO registration number: {c.ico_registration}"
            if c.ico_registration else None,
        )
        activities = self.activities()
        attached = {p for a in dm.activities for p in a.purposes}
        sharing = self.sharing()
        retention = self.retention()
        rights = self.rights()
        complaints = self.complaints()
        special = tuple(self.category(x) for x in dm.categories if x.special)
        criminal_cats = tuple(self.category(x) for x in dm.categories if x.criminal_offence)
        users: dict[str, list[LinkView]] = {}
        for a in activities:
            mine: tuple[BasisView | ConditionView, ...] = (
                *a.bases, *a.conditions, *a.criminal_offence_conditions
            )
            for anchor_id in _unique(v.anchor for v in mine):
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

        conditions = tuple(
            same_law(used(self.condition(x)), x.law) for x in dm.conditions
        )
        criminal_conditions = tuple(
            used(self.criminal(x)) for x in dm.criminal_offence_conditions
        )
        present = {
            "special-category": bool(special or criminal_cats),
            "lawful-bases": bool(lawful_bases or conditions or criminal_conditions),
            "information": bool(dm.categories),
            "aims": bool(dm.notice.aims),
            "requirement": dm.requirement_to_provide is not None,
            "more-information": bool(
                dm.notice.links or dm.notice.full_notice or dm.notice.child_friendly_version
                or any(x.role in ("further-information", "other", "data-protection")
                       for x in dm.contacts)
            ),
            "flows": bool(self.index.flows),
            "changes": bool(dm.changes),
        }
        after: dict[str, list[FreeSection]] = {}
        known = {s for s, _ in SECTIONS}
        for s in dm.notice.sections:
            key = s.after if s.after in known else "about"
            after.setdefault(key, []).append(FreeSection(s.id, s.title, s.body))
        shown = frozenset(sid for sid, _ in SECTIONS if present.get(sid, True))
        toc = []
        for sid, title in SECTIONS:
            if sid == "at-a-glance" or sid not in shown:
                continue
            toc.append(TocEntry(sid, title))
            toc.extend(TocEntry(f"section-{f.id}", f.title) for f in after.get(sid, ()))
        links = [LinkView(x.title, x.url) for x in dm.notice.links]
        if dm.notice.full_notice:
            links.append(LinkView(dm.notice.full_notice.title, dm.notice.full_notice.url))
        if dm.notice.child_friendly_version:
            cf = dm.notice.child_friendly_version
            links.append(LinkView(cf.title, cf.url))
        return NoticeView(
            lang=dm.notice.language,
            title=dm.notice.title,
            service=dm.notice.service,
            organisation=c.name,
            caption=_caption(dm.notice.title, dm.notice.service),
            logo=_logo(self.index.root, c.logo),
            draft=self.draft,
            introduction_md=dm.notice.introduction,
            aims=dm.notice.aims,
            controller=controller,
            dpo=self.contact(dm.dpo, "Data Protection Officer") if dm.dpo else None,
            contacts=tuple(self.contact(x) for x in dm.contacts),
            glance=self.glance(activities, sharing, retention, rights, complaints),
            toc=tuple(toc),
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
            flows=self.flows(),
            transfers=self.transfers(),
            retention=retention,
            security_md=tuple(m.description for m in dm.security),
            rights=rights,
            automated=self.automated(),
            requirement=self.requirement(),
            complaints=complaints,
            links=tuple(links),
            version=dm.notice.version or NOT_STATED,
            last_updated=_date(dm.notice.last_updated),
            shown=shown,
            after={k: tuple(v) for k, v in after.items()},
            changes=history(dm.changes),
        )


def _merge_flow_rows(rows: list[FlowRowView]) -> tuple[FlowRowView, ...]:
    """Rows that differ only by their target (then only by their origin) become one row."""
    def merged(rows: list[FlowRowView], vary: str) -> list[FlowRowView]:
        out: dict[tuple, list[FlowRowView]] = {}  # type: ignore[type-arg]
        for r in rows:
            key = (r.target if vary == "origin" else r.origin, r.activity, r.categories,
                   r.bases, r.when_md)
            out.setdefault(key, []).append(r)
        result = []
        for group in out.values():
            values = _unique(getattr(r, vary) for r in group)
            joined = "; ".join(values)
            row = (
                replace(group[0], target=joined)
                if vary == "target"
                else replace(group[0], origin=joined)
            )
            if vary == "target" and len(values) > FLOW_TARGETS_MAX:
                row = replace(row, target_link=LinkView(
                    f"The {len(values)} organisations listed under {row.activity}",
                    f"#{row.activity_anchor}",
                ))
            result.append(row)
        return result

    return tuple(merged(merged(rows, "target"), "origin"))


SHORT = {
    "consent": "you agreed to it, and you can withdraw your consent at any time",
    "contract": "we need it for a contract with you",
    "legal-obligation": "the law requires us to use it",
    "vital-interests": "to protect someone's life",
    "public-task": "we need it to carry out our official functions, set out in law",
    "recognised-legitimate-interest": "a recognised legitimate interest set out in law",
    "legitimate-interests": "we need it for our legitimate interests, balanced against yours",
}
"""Art 6 bases in a few plain words, for "At a glance" (the full text is in its section)."""
SHORT_CONDITIONS = {
    "explicit-consent": "for sensitive information, you agreed to it explicitly",
    "substantial-public-interest": "for sensitive information, an important public "
    "interest set out in the Data Protection Act 2018",
    "health-social-care": "for sensitive information, to provide health or social care",
}
FLOW_TARGETS_MAX = 3
"""More recipients than this on one row of the flows table: link to the activity's list."""
NO_CONDITIONS = "The usual conditions above do not apply to sharing with them."
GLANCE_CATEGORIES = 5
"""How many kinds of information "At a glance" names before "and N more"."""


_V = TypeVar("_V", BasisView, ConditionView)


def _labelled(name: str, text: str, words: int = 8) -> str:
    """`name: the first words of text…`: tells apart two bases of the same kind."""
    first = " ".join(text.split()).split(". ")[0].rstrip(".").split()
    short = " ".join(first[:words])
    if len(first) > words:
        short = short.rstrip(",;:") + "…"
    return f"{name}: {short}"


def _said(text: str, where: str) -> bool:
    """Whether `text` (whitespace and case aside, final full stop dropped) is already in `where`."""
    needle = " ".join(text.split()).casefold().rstrip(".")
    return bool(needle) and needle in " ".join(where.split()).casefold()


def _usual(values: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    """The value most items have, when at least two share it (ties: the first seen)."""
    counts: dict[tuple[str, ...], int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    best = max(counts.items(), key=lambda kv: kv[1], default=((), 0))
    return best[0] if best[1] >= 2 else ()


def _sentence(items: tuple[str, ...]) -> str:
    """Items as one sentence: "A, b and c." (first letters of later items kept)."""
    return join_words(list(items)) + "."


def _caption(title: str, service: str | None) -> str | None:
    if not service:
        return None
    a, b = title.casefold(), service.casefold()
    return None if a in b or b in a else service


def _basis_names(bases: Iterable[LawfulBasis]) -> tuple[str, ...]:
    """The Art 6 names of the map's bases, each once."""
    return _unique(info.name for info in (law.art6_basis(b.basis) for b in bases) if info)


def _unique_objects(items: Iterable[Category]) -> tuple[Category, ...]:
    seen: dict[str, Category] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return tuple(seen.values())


def _address(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    parts = text.splitlines() if "\n" in text.strip() else text.split(",")
    return tuple(p.strip() for p in parts if p.strip())


def _date(value) -> str:  # type: ignore[no-untyped-def]
    if value is None:
        return NOT_STATED
    return f"{value.day} {value:%B} {value.year}"


def _logo(root: Path, logo: str | None) -> str | None:
    """The logo as a data: URI when it can be used (`privacymap.logo`), else None."""
    found = read_logo(root, logo) if logo else None
    if not isinstance(found, Logo):
        return None
    return f"data:{found.mime};base64," + base64.b64encode(found.data).decode("ascii")


def draft_text(problems: int) -> str:
    return f"Draft — not for publication: {plural(problems, 'problem', 'problems')}"


def build_view(index: Index, *, draft: str | None = None, svg: str | None = None) -> NoticeView:
    """The view model of the notice for `index`."""
    return _Builder(index, draft=draft, svg=svg).build()
