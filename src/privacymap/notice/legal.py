"""The notice's views of the law a map relies on: citations, bases, conditions,
Schedule 1 paragraphs, and the contacts and categories they sit with."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from privacymap import law
from privacymap.index import Index
from privacymap.model import (
    SPECIAL_CATEGORY_NAMES,
    Category,
    Condition,
    Contact,
    CriminalOffenceCondition,
    LawfulBasis,
)
from privacymap.notice.parts import (
    BasisRefView,
    BasisView,
    CategoryView,
    CitationView,
    ConditionView,
    ContactView,
    LinkView,
    Schedule1View,
)
from privacymap.notice.wording import (
    ART10_ROUTES,
    CONTACT_ROLES,
    address_lines,
    anchor,
    labelled,
    once,
    restates,
)


class LawViews:
    """Views of the map's parts that every section shares (citations, bases, contacts)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.dm = index.datamap
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

    def citation(self, text: str) -> CitationView:
        parsed = self.index.citations.get(text) or law.parse_citation(text)
        if not isinstance(parsed, law.Citation):
            return CitationView(text=text)
        if parsed.also:  # "the Children Acts 1989 and 2004": a link to each Act
            return CitationView(
                text=text, links=tuple(LinkView(i.title, i.url) for i in parsed.instruments)
            )
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
        lines = once((c.name, c.team, c.organisation))
        return ContactView(
            heading=heading or CONTACT_ROLES.get(c.roles[0] if c.roles else "other", "Contact"),
            lines=lines,
            address=address_lines(c.address),
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
            description_md=None if restates(c.description, c.name) else c.description,
            special=tuple(SPECIAL_CATEGORY_NAMES[s] for s in c.special),
            criminal_offence=c.criminal_offence,
            about=self.names("subjects", c.subjects),
        )

    def basis(self, b: LawfulBasis) -> BasisView:
        info = law.art6_basis(b.basis)
        assert info is not None
        return BasisView(
            name=info.name,
            article=f"UK GDPR Article {info.article}",
            plain=info.summary,
            id=b.id,
            label=info.name
            if self.name_counts.get(info.name, 0) < 2
            else labelled(info.name, b.task or b.interests or b.wording or info.summary),
            anchor=anchor("basis", b.id),
            law=tuple(self.citation(t) for t in b.law),
            annex1=tuple(self.annex1(entry) for entry in b.annex1),
            task_md=b.task,
            interests_md=b.interests,
            assessment=LinkView("Our legitimate interests assessment", b.assessment)
            if b.assessment
            else None,
            withdrawal_md=b.withdrawal,
            wording_md=b.wording,
        )

    def annex1(self, entry: int | str) -> CitationView:
        """A UK GDPR Annex 1 condition (Art 6(1)(ea)), linked, with what it covers."""
        text = f"UK GDPR Annex 1 para {entry}" if isinstance(entry, int) else entry
        view = self.citation(text)
        numbers = self.index.annex1_numbers(entry)
        summaries = [p.summary for n in numbers if (p := law.annex1_paragraph(n)) and p.condition]
        if not summaries or not view.links:
            return view
        first = view.links[0]
        return replace(
            view,
            links=(replace(first, text=f"{first.text}: {'; '.join(summaries)}"), *view.links[1:]),
        )

    def schedule1(self, entry: int | str) -> tuple[Schedule1View, ...]:
        """The Sch 1 paragraphs one `schedule1:` entry names (`Index.schedule1_numbers`);
        an entry naming none is shown as written, marked, linked to what it does cite."""
        numbers = self.index.schedule1_numbers(entry)
        if not numbers:
            cited = self.index.citations.get(str(entry))
            url = cited.url if isinstance(cited, law.Citation) else None
            text = f"{entry} ({law.NOT_SCHEDULE1})"
            return (Schedule1View(number=None, heading="", link=LinkView(text, url)),)
        return tuple(self._schedule1_paragraph(n) for n in numbers)

    def _schedule1_paragraph(self, number: int) -> Schedule1View:
        paragraph = law.schedule1_paragraph(number)
        heading = paragraph.heading if paragraph and paragraph.heading else ""
        url = (
            paragraph.url
            if paragraph
            else f"https://www.legislation.gov.uk/ukpga/2018/12/schedule/1/paragraph/{number}"
        )
        text = f"Data Protection Act 2018, Schedule 1, paragraph {number}"
        if heading:
            text += f": {heading}"
        return Schedule1View(number=number, heading=heading, link=LinkView(text, url))

    def condition(self, c: Condition) -> ConditionView:
        info = law.art9_condition(c.condition)
        assert info is not None
        schedule = tuple(s for entry in c.schedule1 for s in self.schedule1(entry))
        return ConditionView(
            name=info.name,
            article=f"UK GDPR Article {info.article}",
            plain=info.summary,
            schedule1=schedule,
            law=tuple(self.citation(t) for t in c.law),
            wording_md=c.wording,
            id=c.id,
            label=info.name
            if self.name_counts.get(info.name, 0) < 2
            else labelled(info.name, c.wording or info.summary),
            anchor=anchor("condition", c.id),
        )

    def criminal(self, c: CriminalOffenceCondition) -> ConditionView:
        route = next((r for r in law.art10_routes() if r.id == c.route), None)
        schedule = tuple(s for entry in c.schedule1 for s in self.schedule1(entry))
        return ConditionView(
            name=route.name if route else "Criminal offence data",
            article="UK GDPR Article 10",
            plain=ART10_ROUTES[c.route],
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
            detail += ", " + ", ".join(
                f"DPA 2018 Sch 1 para {s.number}" if s.number else s.link.text for s in v.schedule1
            )
        return BasisRefView(LinkView(text, f"#{v.anchor}"), detail)

    def names(self, section: str, ids: Iterable[str]) -> tuple[str, ...]:
        table = self.index.by_id.get(section, {})
        return tuple(table[i].name for i in ids if i in table)  # type: ignore[attr-defined]
