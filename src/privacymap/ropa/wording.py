"""How the ROPA words the model's facts: retention, transfers, citations, Schedule 1.

The facts come from `privacymap.law` and the index; this module owns only the
ROPA's wording of them (terse, for auditors), keyed by the model's Literal
values (tests/test_wording_coverage.py holds every value to a wording).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from privacymap import law
from privacymap.index import FlowView, Index
from privacymap.model import (
    SPECIAL_CATEGORY_NAMES,
    Agreement,
    AutomatedDecisionSafeguards,
    Category,
    Condition,
    CriminalOffenceCondition,
    LawfulBasis,
    Recipient,
    Retention,
    Transfer,
)
from privacymap.ropa.cells import (
    NOT_RECORDED,
    Cell,
    cell,
    clean,
    not_applicable,
    not_recorded,
    safe_url,
)

TRIGGERS = {
    "date-of-birth": "from the date of birth",
    "closure": "after the case or record is closed",
    "last-contact": "after the last contact",
    "creation": "from when the record is created",
    "death": "after the person's death",
    "order-date": "from the date of the order",
    "end-of-year": "from the end of the year",
}
DISPOSAL = {
    "destroy": "then securely destroyed",
    "review": "then reviewed",
    "archive": "then archived",
    "anonymise": "then anonymised",
    "transfer": "then transferred",
}
DPIA_OUTCOMES = {
    "approved": "approved",
    "approved-with-measures": "approved with measures",
    "prior-consultation": "prior consultation of the ICO (Art 36)",
    "not-approved": "not approved",
}
MECHANISMS = {
    "uk-regulations": "UK adequacy regulations (Art 45A)",
    "idta": "International data transfer agreement (Art 46)",
    "addendum": "UK Addendum to the EU standard contractual clauses (Art 46)",
    "binding-corporate-rules": "Binding corporate rules (Art 46, 47)",
    "public-body-instrument": "Instrument between public bodies (Art 46)",
    "code-of-conduct": "Approved code of conduct (Art 46)",
    "certification": "Approved certification (Art 46)",
    "derogation-explicit-consent": "Derogation: explicit consent (Art 49(1)(a))",
    "derogation-contract": "Derogation: contract with the individual (Art 49(1)(b))",
    "derogation-contract-in-interest": "Derogation: contract in the individual's interest "
    "(Art 49(1)(c))",
    "derogation-public-interest": "Derogation: important reasons of public interest (Art 49(1)(d))",
    "derogation-legal-claims": "Derogation: legal claims (Art 49(1)(e))",
    "derogation-vital-interests": "Derogation: vital interests (Art 49(1)(f))",
    "derogation-public-register": "Derogation: public register (Art 49(1)(g))",
    "compelling-legitimate-interests": "Compelling legitimate interests (Art 49(1), second "
    "subparagraph)",
}
SOURCE_KINDS = {
    "data-subject": "",
    "third-party": "",
    "internal": "",
    "publicly-accessible": " (publicly accessible source)",
}
"""What a source's kind adds to its name."""


def record(rule: Retention) -> str:
    """A retention rule's record type, without a trailing full stop or colon."""
    return clean(rule.record).rstrip(".:;")


def retention_text(rule: Retention, whose: str | None = None) -> str:
    """The period in words (a maximum: "up to"; or until an event) with its start and
    disposal, and the criteria. `whose`: the name of the subject the events are about."""
    bits: list[str] = []
    if rule.kind == "until-event":
        event = rule.until or f"an event {NOT_RECORDED.lower()}"
        bits.append(f"until {event}")
    if rule.period:
        words = law.period_in_words(rule.period)
        if rule.kind == "maximum":
            words = f"up to {words}"
        start = TRIGGERS.get(rule.trigger or "") or (
            f"from {rule.start_event}" if rule.start_event else None
        )
        if start and whose:
            start = f"{start} ({whose})"
        bits.append(" ".join(x for x in (words, start) if x))
    if rule.criteria:
        bits.append(clean(rule.criteria))
    if not bits:
        bits.append(f"period {NOT_RECORDED.lower()}")
    if rule.disposal:
        bits.append(DISPOSAL[rule.disposal])
    return ", ".join(bits)


def agreement_lines(agreement: Agreement | None, what: str) -> list[str]:
    """Agreement sought as a safeguard, said apart from the lawful basis."""
    if agreement is None:
        return []
    lines = [f"Agreement is sought for {what} as a safeguard; it is not the lawful basis"]
    if agreement.how:
        lines.append(f"How agreement is sought: {clean(agreement.how)}")
    if agreement.unless:
        lines.append(f"Without agreement: {clean(agreement.unless)}")
    return lines


def adm_safeguards(safeguards: AutomatedDecisionSafeguards) -> list[tuple[str, str]]:
    """(label, how) of each Art 22C safeguard the map records."""
    labelled = (
        ("information about decisions", safeguards.information),
        ("making representations", safeguards.representations),
        ("human intervention", safeguards.human_intervention),
        ("contesting a decision", safeguards.contest),
    )
    return [(label, clean(text)) for label, text in labelled if text]


def whose(index: Index, rule: Retention) -> str | None:
    """The name of the subject a retention rule's events are about, if it names one."""
    subject = index.get("subjects", rule.subject) if rule.subject else None
    return getattr(subject, "name", None)


def citation_texts(
    index: Index, texts: Iterable[str], addresses: bool = True
) -> tuple[list[str], str | None]:
    """Citation display texts (each with its address unless not `addresses`) and the first
    address."""
    lines: list[str] = []
    first: str | None = None
    for text in texts:
        line, url = citation_text(index, text, addresses)
        first = first or url
        lines.append(line)
    return lines, first


@lru_cache(maxsize=1024)
def _catalogued(text: str) -> law.Citation | law.CitationError:
    """The catalogue's reading of a citation, parsed once: most activities cite the same few."""
    return law.parse_citation(text)


def citation_text(index: Index, text: str, addresses: bool = True) -> tuple[str, str | None]:
    """One citation's display text and first safe address.

    The text carries the addresses if `addresses`, and always for an instrument the data
    map declares itself (under `statutes:`): privacymap's catalogue cannot find it again
    by name, so the cell keeps where it is (in ropa.csv, which has no Law sheet, too).
    """
    parsed = index.citations.get(text) or _catalogued(text)
    if not isinstance(parsed, law.Citation):
        return f"{text} (citation not recognised)", None
    urls = [u for u in parsed.urls if safe_url(u)]
    declared = not isinstance(_catalogued(text), law.Citation)
    shown = urls and (addresses or declared)
    line = f"{parsed.display} ({', '.join(urls)})" if shown else parsed.display
    return line, urls[0] if urls else None


def title(item: LawfulBasis | Condition) -> str:
    """ "UK GDPR Art 6(1)(e) – Public task" for a basis, likewise for an Art 9 condition."""
    if isinstance(item, LawfulBasis):
        return law.basis_title(item.basis)
    return law.condition_title(item.condition)


def titled_law(
    index: Index, items: Iterable[LawfulBasis | Condition], prefix: str, addresses: bool = True
) -> tuple[list[str], str | None]:
    """Each basis or condition's title, then "prefix: citation" per law it names; the
    first address."""
    lines: list[str] = []
    first: str | None = None
    for item in items:
        lines.append(title(item))
        law_lines, url = citation_texts(index, item.law, addresses)
        first = first or url
        lines.extend(f"{prefix}: {line}" for line in law_lines)
    return lines, first


def schedule1_lines(index: Index, entries: Iterable[int | str]) -> list[tuple[str, str | None]]:
    """Each Sch 1 paragraph the `schedule1:` entries name (as `index.schedule1_numbers`
    reads them), with its address; an entry naming none is kept as written, marked."""
    out: list[tuple[str, str | None]] = []
    for entry in entries:
        numbers = index.schedule1_numbers(entry)
        if not numbers:
            out.append((f"{entry} ({law.NOT_SCHEDULE1})", None))
        for number in numbers:
            para = law.schedule1_paragraph(number)
            if para is None:
                out.append((f"DPA 2018 Sch 1 para {number} (no such condition)", None))
                continue
            heading = f" \u2013 {para.heading}" if para.heading else ""
            out.append((f"DPA 2018 Sch 1 Part {para.part} para {number}{heading}", para.url))
    return out


def schedule1_cell(
    index: Index,
    conditions: Sequence[Condition],
    criminal: Sequence[CriminalOffenceCondition],
    carries_special: bool,
    carries_criminal: bool,
    addresses: bool = True,
) -> Cell:
    """The Schedule 1 (and Art 10) conditions of an activity or flow, as one cell.

    Only Art 9(2)(b), (g), (h), (i) and (j) need a Schedule 1 condition (DPA 2018 s 10);
    where every condition relied on is another one and no criminal offence data is
    carried, the cell says the law does not ask for one.
    """
    lines: list[str] = []
    first: str | None = None
    for cond in conditions:
        for line, url in schedule1_lines(index, cond.schedule1):
            first = first or url
            lines.append(f"{line}{f' ({url})' if url and addresses else ''} (for {title(cond)})")
    for crim in criminal:
        if crim.route == "official-authority":
            law_lines, url = citation_texts(index, crim.law, addresses)
            first = first or url
            lines.append(
                "Art 10: under the control of official authority"
                + (f" ({'; '.join(law_lines)})" if law_lines else f" (law {NOT_RECORDED.lower()})")
            )
        for line, url in schedule1_lines(index, crim.schedule1):
            first = first or url
            lines.append(f"{line}{f' ({url})' if url and addresses else ''} "
                         "(for criminal offence data, Art 10)")  # fmt: skip
    if lines:
        return cell(lines, first)
    if not (carries_special or carries_criminal):
        return not_applicable("no special category or criminal offence data recorded")
    if carries_criminal or not conditions or any(needs_schedule1(c) for c in conditions):
        return not_recorded()
    titles = ", ".join(title(c) for c in conditions)
    return not_applicable(f"{titles} needs no Schedule 1 condition (DPA 2018 s 10)")


def needs_schedule1(condition: Condition) -> bool:
    """Whether the Art 9(2) condition needs a DPA 2018 Sch 1 condition (unknown: yes)."""
    found = law.art9_condition(condition.condition)
    return found is None or found.schedule1_part is not None


def category_line(category: Category, index: Index | None = None) -> str:
    """A category's name, with its special category types or criminal offence data, and
    whose data it is when the map says (with an `index` to name them)."""
    marks = [SPECIAL_CATEGORY_NAMES[s] for s in category.special]
    notes = []
    if category.subjects and index is not None:
        names = [getattr(s, "name", "") for s in index.resolve("subjects", category.subjects)]
        notes.append("about: " + ", ".join(names))
    if marks:
        notes.append("special category: " + ", ".join(marks))
    if category.criminal_offence:
        notes.append("criminal offence data")
    return category.name + (f" ({'; '.join(notes)})" if notes else "")


def recipient_lines(index: Index, recipients: Sequence[Recipient]) -> list[str]:
    """The recipients by group: "Group: name (role), name (internal)"."""
    groups: dict[str, list[str]] = {}
    for r in recipients:
        group = index.get("recipient_groups", r.group) if r.group else None
        group_title = getattr(group, "name", None) or "Other recipients"
        label = r.name + (f" ({r.role})" if r.role and r.role != "internal" else "")
        if r.internal or r.role == "internal":
            label = f"{r.name} (internal)"
        groups.setdefault(group_title, []).append(label)
    return [f"{group_title}: {', '.join(names)}" for group_title, names in groups.items()]


def source_lines(flows: Sequence[FlowView]) -> list[str]:
    """The sources of the flows, each once: name, kind and the form it comes in."""
    lines = []
    for f in flows:
        if f.from_activity is not None:
            lines.append(f"{f.from_activity.name} (already held: internal hand-off)")
        if f.source is None:
            continue
        via = f", via {f.source.form}" if f.source.form else ""
        lines.append(f.source.name + SOURCE_KINDS[f.source.kind] + via)
    return list(dict.fromkeys(lines))


def location_text(r: Recipient) -> str | None:
    """Where a recipient holds the data, as recorded: countries, `unknown`, a region."""
    return "; ".join([*r.countries, *([r.region] if r.region else [])]) or None


def mechanism_text(t: Transfer) -> str:
    """The transfer's mechanisms in words; several are alternatives ("or")."""
    names = [MECHANISMS.get(m, m) for m in t.mechanisms]
    return " or ".join(names) if names else NOT_RECORDED


FURTHER_GROUNDS = {
    "consent": "the person's consent to the new purpose",
    "research": "research, archiving or statistics (Art 5(1)(b))",
    "law": "a law safeguarding an objective of Art 23(1)",
    "assessment": "a compatibility assessment (Art 6(4); Art 8A(2))",
    "annex-2": "an Annex 2 condition (Art 8A(3))",
}
"""Why a new use is compatible (`further_processing.compatibility`), as the ROPA words it."""
