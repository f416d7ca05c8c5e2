"""The record of processing activities (UK GDPR Art 30) as plain data.

One row per processing activity, keyed by the 30 column headings of the ICO's
"documentation template for controllers" (A-AD, in the ICO's order and
wording), plus the tables of the workbook's other sheets: data flows,
recipients, the retention schedule, the findings of the check and an "About"
sheet. Every cell is derived from the checked index; where the model says
nothing, the cell says `NOT_RECORDED` so a gap is visible to an auditor.

This module imports no spreadsheet library: `privacymap.emitters.ropa` writes
these tables as XLSX and CSV, and governance tools can use them directly::

    from privacymap import pipeline, ropa
    result = pipeline.check("notices/lancashire-cfw")
    for row in ropa.rows(result.index):
        print(row["Purpose of processing"], row["Categories of recipients"])
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from privacymap import __version__, law
from privacymap.checks._common import annex1_numbers, schedule1_numbers
from privacymap.diagnostics import Diagnostic
from privacymap.index import FlowView, Index
from privacymap.law.urls import safe_url as publishable_url
from privacymap.law.urls import scheme as url_scheme
from privacymap.model import (
    SPECIAL_CATEGORY_NAMES,
    Activity,
    Category,
    Condition,
    CriminalOffenceCondition,
    LawfulBasis,
    Recipient,
    Retention,
)
from privacymap.sourcemap import format_path

NOT_RECORDED = "Not recorded"
"""What a cell says when the data map has nothing for it."""

# --------------------------------------------------------------------------- the ICO layout

HEADINGS: tuple[str, ...] = (
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are "
    "transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or "
    "international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 condition for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Link to record of legitimate interests assessment (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)",
    "Link to record of consent",
    "Location of personal data",
    "Data Protection Impact Assessment required?",
    "Data Protection Impact Assessment progress",
    "Link to Data Protection Impact Assessment",
    "Has a personal data breach occurred?",
    "Link to record of personal data breach",
    "Data Protection Act 2018 Schedule 1 Condition for processing",
    "GDPR Article 6 lawful basis for processing",
    "Link to retention and erasure policy document",
    "Is personal data retained and erased in accordance with the policy document?",
    "Reasons for not adhering to policy document (if applicable)",
)
"""The ICO controller template's row-9 headings, columns A-AD, in order."""

GROUPS: tuple[tuple[str, int, int], ...] = (
    ("Article 30 Record of Processing Activities", 0, 10),
    ("Privacy Notices", 11, 17),
    ("Consent", 18, 18),
    ("Access Requests", 19, 19),
    ("Data Protection Impact Assessments", 20, 22),
    ("Personal Data Breaches", 23, 24),
    (
        "Data Protection Act 2018 \u2013 Special Category or Criminal Conviction and Offence data",
        25,
        29,
    ),
)
"""The ICO's group headings: (title, first column, last column), 0-based and inclusive."""

REQUIRED_BY: dict[int, str] = {
    1: "UK GDPR Art 30(1)(b)",
    2: "UK GDPR Art 30(1)(a)",
    3: "UK GDPR Art 30(1)(c)",
    4: "UK GDPR Art 30(1)(c)",
    5: "UK GDPR Art 30(1)(d)",
    7: "UK GDPR Art 30(1)(e)",
    8: "UK GDPR Art 30(1)(e)",
    9: "UK GDPR Art 30(1)(f)",
    10: "UK GDPR Art 30(1)(g)",
    25: "DPA 2018 Sch 1 para 41(a)",
    26: "DPA 2018 Sch 1 para 41(b)",
    28: "DPA 2018 Sch 1 para 41(c)",
    29: "DPA 2018 Sch 1 para 41(c)",
}
"""Columns the law requires (green in the ICO template), with the provision; the rest
(blue) are optional good practice."""

REQUIRED: tuple[bool, ...] = tuple(i in REQUIRED_BY for i in range(len(HEADINGS)))

HAND_FILLED: dict[str, tuple[str, ...]] = {
    "Data Protection Impact Assessment required?": ("Yes", "No", "Screening"),
    "Has a personal data breach occurred?": ("Yes", "No"),
}
"""Columns a DPO fills in by hand, with the values offered in a drop-down."""

MAX_URL = 2079  # Excel's limit on a hyperlink's address

# --------------------------------------------------------------------------- cells


@dataclass(frozen=True)
class Cell:
    """One cell: its text and, optionally, one hyperlink (http, https or mailto only)."""

    text: str
    url: str | None = None

    @property
    def recorded(self) -> bool:
        return not self.text.startswith(NOT_RECORDED)


@dataclass(frozen=True)
class Table:
    """One sheet's table: headings and rows of cells."""

    name: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...] = ()

    def plain(self) -> list[dict[str, str]]:
        return [{h: c.text for h, c in zip(self.headings, row, strict=True)} for row in self.rows]


def safe_url(url: str | None) -> str | None:
    """The address if it is a safe absolute link (`law.urls`) Excel can hold, else None.

    Relative links mean nothing in a spreadsheet, so only addresses with a scheme
    are linked; spaces, quotes and angle brackets would break Excel's address.
    """
    address = publishable_url(url)
    if address is None or url_scheme(address) is None or len(address) > MAX_URL:
        return None
    return None if _UNSAFE_URL_CHAR.search(address) else address


_UNSAFE_URL_CHAR = re.compile(r'[\s"<>]')


def _cell(lines: Iterable[str | None], url: str | None = None, empty: str = NOT_RECORDED) -> Cell:
    cleaned = (_clean(line) for line in lines if line)
    text = "\n".join(line for line in cleaned if line)
    return Cell(text or empty, safe_url(url) if text else None)


_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""What `str.splitlines` splits on."""


def _clean(text: str) -> str:
    """Trim and fold runs of blank lines; keep line breaks the author wrote."""
    text = str(text)
    if not _LINE_BREAK.search(text) and text == text.strip():
        return text  # one line, nothing to trim (most cells)
    lines = [line.rstrip() for line in str(text).strip().splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out)


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("Yes" if value else "No")


def _link_cell(label_urls: Sequence[tuple[str, str | None]], empty: str = NOT_RECORDED) -> Cell:
    """Lines of "label: url" (or just the url); the first safe address becomes the link."""
    lines = [f"{label}: {url}" if label and url else (url or f"{label}: {NOT_RECORDED}")
             for label, url in label_urls]  # fmt: skip
    first = next((safe_url(u) for _, u in label_urls if safe_url(u)), None)
    return _cell(lines, first, empty)


# --------------------------------------------------------------------------- wording


_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_TRIGGERS = {
    "date-of-birth": "from the date of birth",
    "closure": "after the case or record is closed",
    "last-contact": "after the last contact",
    "creation": "from when the record is created",
    "death": "after the person's death",
    "order-date": "from the date of the order",
    "end-of-year": "from the end of the year",
}
_DISPOSAL = {
    "destroy": "then securely destroyed",
    "review": "then reviewed",
    "archive": "then archived",
    "anonymise": "then anonymised",
    "transfer": "then transferred",
}
_MECHANISMS = {
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


def period_in_words(period: str | None) -> str | None:
    """`P25Y` -> "25 years"; `P1Y6M` -> "1 year and 6 months"; None stays None."""
    if not period:
        return None
    parts = [
        f"{n} {_UNITS[u]}{'' if n == '1' else 's'}" for n, u in re.findall(r"(\d+)([YMWD])", period)
    ]
    if not parts:
        return period
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _record(rule: Retention) -> str:
    return _clean(rule.record).rstrip(".:;")


def retention_text(rule: Retention) -> str:
    """The period in words with its trigger and disposal, or the criteria."""
    bits: list[str] = []
    words = period_in_words(rule.period)
    if words:
        bits.append(" ".join(x for x in (words, _TRIGGERS.get(rule.trigger or "")) if x))
    if rule.criteria:
        bits.append(_clean(rule.criteria))
    if not bits:
        bits.append(f"period {NOT_RECORDED.lower()}")
    if rule.disposal:
        bits.append(_DISPOSAL[rule.disposal])
    return ", ".join(bits)


def _citation_texts(index: Index, texts: Iterable[str]) -> tuple[list[str], str | None]:
    """Citation display texts (each with its address) and the first address."""
    lines: list[str] = []
    first: str | None = None
    for text in texts:
        line, url = _citation_text(index, text)
        first = first or url
        lines.append(line)
    return lines, first


def _titled_law(
    index: Index, items: Iterable[LawfulBasis | Condition], prefix: str
) -> tuple[list[str], str | None]:
    """Each basis or condition's title, then "prefix: citation" per law it names; the
    first address."""
    lines: list[str] = []
    first: str | None = None
    for item in items:
        lines.append(_basis_title(item) if isinstance(item, LawfulBasis) else
                     _condition_title(item))  # fmt: skip
        law_lines, url = _citation_texts(index, item.law)
        first = first or url
        lines.extend(f"{prefix}: {line}" for line in law_lines)
    return lines, first


def _citation_text(index: Index, text: str) -> tuple[str, str | None]:
    """One citation's display text and first safe address."""
    parsed = index.citations.get(text) or law.parse_citation(text)
    if not isinstance(parsed, law.Citation):
        return f"{text} (citation not recognised)", None
    urls = [u for u in parsed.urls if safe_url(u)]
    line = f"{parsed.display} ({', '.join(urls)})" if urls else parsed.display
    return line, urls[0] if urls else None


_RLI_NO_ASSESSMENT = (
    "Not applicable: a recognised legitimate interest needs no legitimate interests "
    "assessment (UK GDPR Art 6(5), Annex 1)"
)


def _interests(index: Index, basis: LawfulBasis) -> str:
    """The interests pursued (6(1)(f)), or the Annex 1 condition met (6(1)(ea))."""
    if basis.basis != "recognised-legitimate-interest":
        return basis.interests or NOT_RECORDED
    numbers = [n for entry in basis.annex1 for n in annex1_numbers(index, entry)]
    paragraphs = [law.annex1_paragraph(n) for n in numbers]
    conditions = [
        f"UK GDPR Annex 1 para {p.number} \u2013 {p.summary}" for p in paragraphs if p
    ]
    return "; ".join(conditions) or f"Annex 1 condition {NOT_RECORDED.lower()}"


def _qualified(right: law.Right, bases: set[str]) -> str:
    """ " – qualified: ..." where the right applies to the activity only with a qualification."""
    if any(right.applicability(b) == "applies" for b in bases):
        return ""
    reasons = [q.split(";")[0].strip() for b in sorted(bases) if (q := right.qualification(b))]
    return f" \u2013 qualified: {'; '.join(dict.fromkeys(reasons))}" if reasons else ""


def _basis_title(basis: LawfulBasis) -> str:
    return _art6_title(basis.basis)


def _condition_title(condition: Condition) -> str:
    return _art9_title(condition.condition)


@functools.lru_cache(maxsize=256)
def _art6_title(basis_id: str) -> str:
    art6 = law.art6_basis(basis_id)
    return f"UK GDPR Art {art6.article} \u2013 {art6.name}" if art6 else basis_id


@functools.lru_cache(maxsize=256)
def _art9_title(condition_id: str) -> str:
    art9 = law.art9_condition(condition_id)
    return f"UK GDPR Art {art9.article} \u2013 {art9.name}" if art9 else condition_id


def _schedule1_numbers(index: Index, entries: Iterable[int | str]) -> list[int | str]:
    """The Sch 1 paragraphs of `schedule1:` entries as the checks read them; an entry
    that names none (another schedule or Act) is kept as written."""
    out: list[int | str] = []
    for entry in entries:
        out.extend(schedule1_numbers(index, entry) or [entry])
    return out


def _schedule1_line(number: int | str) -> tuple[str, str | None]:
    if isinstance(number, str):
        return f"{number} (not a recognised Schedule 1 paragraph)", None
    para = law.schedule1_paragraph(number)
    if para is None:
        return f"DPA 2018 Sch 1 para {number} (no such condition)", None
    heading = f" \u2013 {para.heading}" if para.heading else ""
    return f"DPA 2018 Sch 1 Part {para.part} para {number}{heading}", para.url


def _schedule1_cell(
    index: Index,
    conditions: Sequence[Condition],
    criminal: Sequence[CriminalOffenceCondition],
    carries_special: bool,
    carries_criminal: bool,
) -> Cell:
    lines: list[str] = []
    first: str | None = None
    for cond in conditions:
        for number in _schedule1_numbers(index, cond.schedule1):
            line, url = _schedule1_line(number)
            first = first or url
            lines.append(f"{line} (for {_condition_title(cond)})")
    for crim in criminal:
        if crim.route == "official-authority":
            law_lines, url = _citation_texts(index, crim.law)
            first = first or url
            lines.append(
                "Art 10: under the control of official authority"
                + (f" ({'; '.join(law_lines)})" if law_lines else f" (law {NOT_RECORDED.lower()})")
            )
        for number in _schedule1_numbers(index, crim.schedule1):
            line, url = _schedule1_line(number)
            first = first or url
            lines.append(f"{line} (for criminal offence data, Art 10)")
    if not lines and not (carries_special or carries_criminal):
        return Cell("Not applicable: no special category or criminal offence data recorded")
    return _cell(lines, first)


def _category_line(category: Category) -> str:
    marks = [SPECIAL_CATEGORY_NAMES[s] for s in category.special]
    notes = []
    if marks:
        notes.append("special category: " + ", ".join(marks))
    if category.criminal_offence:
        notes.append("criminal offence data")
    return category.name + (f" ({'; '.join(notes)})" if notes else "")


def _lookup(index: Index, section: str, ids: Iterable[str]) -> tuple:  # type: ignore[type-arg]
    """The items of `section` with these ids, in order; dangling ids (reported by the
    resolver) are skipped."""
    table = index.by_id.get(section, {})
    return tuple(table[i] for i in ids if i in table)


def _names(items: Iterable[object]) -> list[str]:
    return [str(getattr(i, "name", i)) for i in items]


def _unique(items: Iterable[object]) -> list:  # type: ignore[type-arg]
    seen: dict[object, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


# --------------------------------------------------------------------------- the ROPA sheet


class _Activity:
    """The derived facts of one activity that several columns share."""

    def __init__(self, index: Index, activity: Activity, flows: Sequence[FlowView]) -> None:
        self.flows = tuple(flows)
        self.bases = index.activity_bases(activity)
        # the activity's own, plus any a data flow of it relies on instead
        self.conditions: tuple[Condition, ...] = tuple(
            _unique(
                [*index.activity_conditions(activity), *(c for f in flows for c in f.conditions)]
            )
        )
        self.criminal: tuple[CriminalOffenceCondition, ...] = tuple(
            _unique([
                *_lookup(index, "criminal_offence_conditions",
                         activity.criminal_offence_conditions),
                *(c for f in flows for c in f.criminal_offence_conditions),
            ])
        )  # fmt: skip
        cats = list(index.activity_categories(activity))
        for flow in self.flows:
            cats.extend(flow.categories)
        self.categories: list[Category] = _unique(cats)
        self.special = any(c.special for c in self.categories)
        self.criminal_data = any(c.criminal_offence for c in self.categories)
        self.recipients: list[Recipient] = _unique(
            f.recipient for f in self.flows if f.recipient is not None
        )
        joint = activity.joint_controller
        self.joint = index.recipients.get(joint) if joint else None
        self.retention: list[Retention] = list(_lookup(index, "retention", activity.retention))
        self.adm = activity.automated_decision_making or index.datamap.automated_decision_making

    def basis_ids(self) -> set[str]:
        return {b.basis for b in self.bases} | {b.basis for f in self.flows for b in f.bases}


def _row(index: Index, activity: Activity, flows: Sequence[FlowView]) -> tuple[Cell, ...]:
    a = _Activity(index, activity, flows)
    dm = index.datamap
    policy = dm.retention_policy
    transfers = dm.transfers
    cells: list[Cell] = []
    add = cells.append

    # A Business function
    add(_cell([activity.business_function or dm.notice.service]))
    # B Purpose of processing
    purposes = _names(_lookup(index, "purposes", activity.purposes)) or list(activity.uses)
    if purposes:
        add(_cell([f"{activity.name}:", *purposes]))
    else:
        add(_cell([activity.description and f"{activity.name}: {activity.description}"]))
    # C Joint controller
    if a.joint:
        add(_cell([a.joint.name, a.joint.description, a.joint.areas]))
    else:
        add(Cell(NOT_RECORDED))
    # D Categories of individuals
    add(_cell(_names(_lookup(index, "subjects", activity.subjects))))
    # E Categories of personal data
    add(_cell(_category_line(c) for c in a.categories))
    # F Categories of recipients
    add(_cell(_recipient_lines(index, a.recipients)))
    # G Link to contract with processor
    processors = [r for r in a.recipients if r.role == "processor"]
    add(_link_cell([(r.name, r.contract) for r in processors]))
    # H Third countries; I Safeguards
    ids = {r.id for r in a.recipients} | ({a.joint.id} if a.joint else set())
    items = [t for t in (transfers.items if transfers else ()) if t.recipient in ids]
    abroad = [r for r in a.recipients if r.country != "GB" and r.id not in
              {t.recipient for t in items}]  # fmt: skip
    country_lines = [f"{t.country}: {index.recipients[t.recipient].name}" for t in items] + [
        f"{r.country}: {r.name} (no transfer recorded)" for r in abroad
    ]
    if country_lines:
        add(_cell(country_lines))
    elif transfers and transfers.none:
        add(Cell("None: the data map states that no personal data is transferred outside the UK"))
    elif transfers and transfers.items:
        add(Cell("None: no transfer outside the UK is recorded for this activity's recipients"))
    else:
        add(Cell(NOT_RECORDED))
    if items:
        safeguard_lines = [
            f"{index.recipients[t.recipient].name}: "
            + "; ".join(
                x for x in (
                    _MECHANISMS.get(t.mechanism or "", f"mechanism {NOT_RECORDED.lower()}"),
                    t.safeguard,
                    t.copy_available_at and f"copy: {t.copy_available_at}",
                ) if x
            )
            for t in items
        ]  # fmt: skip
        add(_cell(safeguard_lines, next((t.copy_available_at for t in items
                                         if safe_url(t.copy_available_at)), None)))  # fmt: skip
    elif country_lines:
        add(Cell(NOT_RECORDED))
    elif transfers and (transfers.none or transfers.items):
        add(Cell("Not applicable: no transfer outside the UK"))
    else:
        add(Cell(NOT_RECORDED))
    # J Retention schedule
    add(_cell(f"{_record(r)}: {retention_text(r)}" for r in a.retention))
    # K Security measures (organisation-wide, plus those of the activity's records)
    add(_cell([*(_clean(m.description) for m in dm.security),
               *(f"{_record(r)}: {r.security}" for r in a.retention if r.security)]))  # fmt: skip
    # L Article 6 lawful basis (with the law relied on)
    add(_basis_cell(index, a))
    # M Article 9 condition
    if a.conditions:
        add(_cell(*_titled_law(index, a.conditions, "Law")))
    elif not a.special:
        add(Cell("Not applicable: no special category data recorded"))
    else:
        add(Cell(NOT_RECORDED))
    # N Legitimate interests; O LIA link. A recognised legitimate interest
    # (6(1)(ea)) has no balancing test: its Annex 1 condition is shown instead.
    li_ids = ("legitimate-interests", "recognised-legitimate-interest")
    li = [b for b in a.bases if b.basis in li_ids]
    if li:
        add(_cell(f"{_basis_title(b)}: {_interests(index, b)}" for b in li))
        assessed = [b for b in li if b.basis == "legitimate-interests"]
        lia = _link_cell([("", b.assessment) if b.assessment else (_basis_title(b), None)
                          for b in assessed])  # fmt: skip
        if len(assessed) < len(li):
            lia = Cell("\n".join(x for x in (lia.text if assessed else "", _RLI_NO_ASSESSMENT)
                                 if x), lia.url)  # fmt: skip
        add(lia)
    else:
        add(Cell("Not applicable: the activity does not rely on legitimate interests"))
        add(Cell("Not applicable: the activity does not rely on legitimate interests"))
    # P Rights available (the notice's derivation: index.activity_rights)
    rights = index.activity_rights(activity)
    bases = a.basis_ids()
    add(
        _cell(
            f"{r.name} (Art {r.article})"
            + (f" \u2013 {r.condition}" if r.condition else "")
            + _qualified(r, bases)
            for r in rights
        )
    )
    # Q Automated decision-making
    if a.adm is None:
        add(Cell(NOT_RECORDED))
    elif a.adm.exists:
        add(_cell(["Yes", a.adm.description, a.adm.logic and f"Logic: {a.adm.logic}",
                   a.adm.significance and f"Significance: {a.adm.significance}"]))  # fmt: skip
    else:
        add(_cell(["No", a.adm.description]))
    # R Sources
    add(_cell(_source_lines(a.flows)))
    # S Link to record of consent
    consent = activity.consent
    relies = "consent" in a.basis_ids() or any(
        c.condition == "explicit-consent" for c in a.conditions
    )
    if consent and consent.record:
        add(_cell([consent.record], consent.record))
    elif relies or (consent and consent.required):
        add(Cell(NOT_RECORDED))
    else:
        add(Cell("Not applicable: the activity does not rely on consent"))
    # T Location
    held = _unique(f"{_record(r)}: {r.location}" for r in a.retention if r.location)
    add(_cell([activity.location] if activity.location else held))
    # U-W DPIA
    dpia = activity.dpia
    add(_cell([dpia.required.capitalize() if dpia and dpia.required else None]))
    add(_cell([dpia.status if dpia else None]))
    add(_cell([dpia.link if dpia else None], dpia.link if dpia else None))
    # X-Y Breach
    breach = activity.breach
    add(_cell([_yes_no(breach.occurred) if breach else None]))
    add(_cell([breach.link if breach else None], breach.link if breach else None))
    # Z Schedule 1 condition
    add(_schedule1_cell(index, a.conditions, a.criminal, a.special, a.criminal_data))
    # AA GDPR Article 6 lawful basis (how Art 6 is met, Sch 1 para 41(b))
    add(_cell(f"{_basis_title(b)}" + (f": {_clean(b.task)}" if b.task else "") for b in a.bases))
    # AB Link to retention and erasure policy document (else the APD)
    grounds: list[Condition | CriminalOffenceCondition] = [*a.conditions, *a.criminal]
    apds = [index.get("evidence", c.policy_document) for c in grounds if c.policy_document]
    links: list[tuple[str, str | None]] = []
    if policy and policy.document:
        links.append(("Retention policy", policy.document))
    links.extend((e.title, e.link) for e in _unique(apds) if e is not None)
    add(_link_cell(links))
    # AC Adherence; AD Reasons
    adheres = policy.adheres if policy else None
    add(_cell([_yes_no(adheres)]))
    if policy and policy.reasons:
        add(_cell([policy.reasons]))
    elif adheres:
        add(Cell("Not applicable: data is retained and erased in accordance with the policy"))
    else:
        add(Cell(NOT_RECORDED))
    assert len(cells) == len(HEADINGS)
    return tuple(cells)


def _basis_cell(index: Index, a: _Activity) -> Cell:
    lines, first = _titled_law(index, a.bases, "Law relied on")
    own = {id(b) for b in a.bases}
    other = _unique(_basis_title(b) for f in a.flows for b in f.bases if id(b) not in own)
    if other:
        lines.append("Some data flows rely on: " + "; ".join(other) + " (see Data flows)")
    return _cell(lines, first)


def _recipient_lines(index: Index, recipients: Sequence[Recipient]) -> list[str]:
    groups: dict[str, list[str]] = {}
    for r in recipients:
        group = index.get("recipient_groups", r.group) if r.group else None
        title = getattr(group, "name", None) or "Other recipients"
        label = r.name + (f" ({r.role})" if r.role and r.role != "internal" else "")
        if r.internal or r.role == "internal":
            label = f"{r.name} (internal)"
        groups.setdefault(title, []).append(label)
    return [f"{title}: {', '.join(names)}" for title, names in groups.items()]


def _source_lines(flows: Sequence[FlowView]) -> list[str]:
    lines = []
    for f in flows:
        if f.source is None:
            continue
        kind = {"publicly-accessible": " (publicly accessible source)"}
        lines.append(f.source.name + kind.get(f.source.kind, "")
                     + (f", via {f.source.form}" if f.source.form else ""))  # fmt: skip
    return _unique(lines)


def ropa_table(index: Index) -> Table:
    """The ROPA sheet: one row of 30 cells per processing activity, in model order."""
    rows = tuple(_row(index, a, index.flows_of(a.id)) for a in index.datamap.activities)
    return Table("ROPA", HEADINGS, rows)


def rows(index: Index) -> list[dict[str, str]]:
    """One plain-data row per processing activity, keyed by the ICO headings in order."""
    return ropa_table(index).plain()


def contact_block(index: Index) -> list[tuple[str, Cell, Cell, Cell, Cell]]:
    """Rows of the contact block: role, name, address, email, telephone."""
    dm = index.datamap
    c, dpo, rep = dm.controller, dm.dpo, dm.controller.representative

    def mail(address: str | None) -> Cell:
        return _cell([address], f"mailto:{address}" if address else None)

    out = [("Controller", _cell([c.name]), _cell([c.address]), mail(c.email), _cell([c.telephone]))]
    for role, who in (("Data Protection Officer", dpo), ("Representative", rep)):
        if who is None:
            out.append((role, *(Cell(NOT_RECORDED),) * 4))
            continue
        name = ", ".join(x for x in (who.name, who.team, who.organisation) if x)
        out.append((role, _cell([name]), _cell([who.address]), mail(who.email),
                    _cell([who.telephone])))  # fmt: skip
    return out


# --------------------------------------------------------------------------- other sheets

FLOW_HEADINGS = (
    "Flow",
    "Activity",
    "Direction",
    "From",
    "To",
    "Categories of personal data",
    "Special category data?",
    "Criminal offence data?",
    "Article 6 lawful basis",
    "Basis taken from",
    "Article 9 condition",
    "Schedule 1 condition / Art 10",
    "Conditions of sharing",
    "Description",
    "Defined at",
)


def _location_text(index: Index, path: Sequence[str | int]) -> str:
    loc = index.location(path)
    return f"{loc} ({format_path(path)})" if loc else format_path(path)


def flows_table(index: Index) -> Table:
    """One row per data flow (collections into and disclosures out of each activity)."""
    out = []
    # cells that depend only on the flow's resolved items, made once per combination
    shared_bases: dict[tuple[int, ...], Cell] = {}
    shared_categories: dict[tuple[int, ...], Cell] = {}
    shared_conditions: dict[tuple[object, ...], tuple[Cell, Cell]] = {}
    for f in index.flows:
        if f.direction == "collection":
            origin, target = (f.source.name if f.source else f.origin), f.activity.name
        else:
            origin, target = f.activity.name, (f.recipient.name if f.recipient else f.target)
        special = f.special
        key = tuple(map(id, f.bases))
        bases_cell = shared_bases.get(key)
        if bases_cell is None:
            bases_lines, first = _titled_law(index, f.bases, "Law relied on")
            bases_cell = shared_bases[key] = _cell(bases_lines, first,
                                                   "None: no lawful basis recorded")  # fmt: skip
        key = tuple(map(id, f.categories))
        categories_cell = shared_categories.get(key)
        if categories_cell is None:
            categories_cell = _cell(_category_line(c) for c in f.categories)
            shared_categories[key] = categories_cell
        ckey = (bool(special), f.criminal_offence, *map(id, f.conditions), "criminal",
                *map(id, f.criminal_offence_conditions))  # fmt: skip
        conditions_cells = shared_conditions.get(ckey)
        if conditions_cells is None:
            cond_lines = [_condition_title(c) for c in f.conditions]
            conditions_cells = shared_conditions[ckey] = (
                _cell(cond_lines, None,
                      NOT_RECORDED if special else "Not applicable: no special category data"),
                _schedule1_cell(index, f.conditions, f.criminal_offence_conditions,
                                bool(special), f.criminal_offence),
            )  # fmt: skip
        out.append((
            Cell(f.id),
            Cell(f.activity.name),
            Cell("Collection (into the activity)" if f.direction == "collection"
                 else "Disclosure (out of the activity)"),
            Cell(origin),
            Cell(target),
            categories_cell,
            Cell("Yes: " + ", ".join(SPECIAL_CATEGORY_NAMES[s] for s in special)
                 if special else "No"),
            Cell("Yes" if f.criminal_offence else "No"),
            bases_cell,
            Cell(f.bases_from),
            *conditions_cells,
            _cell(f.spec.when, None, "None recorded (always)"),
            _cell([f.spec.description], None, ""),
            Cell(_location_text(index, f.path)),
        ))  # fmt: skip
    return Table("Data flows", FLOW_HEADINGS, tuple(out),
                 (34, 26, 18, 28, 28, 40, 24, 12, 44, 12, 36, 40, 44, 36, 40))  # fmt: skip


RECIPIENT_HEADINGS = (
    "Id",
    "Recipient",
    "Group",
    "Internal?",
    "Role",
    "Kind",
    "Examples",
    "Country",
    "Areas covered",
    "Link to contract",
    "Formerly",
    "Description",
    "Receives from activities",
    "Categories received",
    "Transfer mechanism",
)


def recipients_table(index: Index) -> Table:
    """One row per recipient, with what it receives and from which activities."""
    dm = index.datamap
    transfers = {t.recipient: t for t in (dm.transfers.items if dm.transfers else ())}
    receives: dict[str, list[FlowView]] = {}
    for flow in index.flows:
        if flow.recipient is not None:
            receives.setdefault(flow.recipient.id, []).append(flow)
    out = []
    for r in dm.recipients:
        flows = receives.get(r.id, [])
        group = index.get("recipient_groups", r.group) if r.group else None
        t = transfers.get(r.id)
        out.append((
            Cell(r.id),
            Cell(r.name),
            _cell([getattr(group, "name", None) or r.group]),
            Cell("Yes" if r.internal else "No"),
            _cell([r.role]),
            Cell(r.kind),
            _cell(r.examples, None, ""),
            Cell(r.country),
            _cell([r.areas], None, ""),
            _cell([r.contract], r.contract,
                  NOT_RECORDED if r.role == "processor" else "Not applicable"),
            _cell([r.formerly], None, ""),
            _cell([r.description], None, ""),
            _cell(_unique(f.activity.name for f in flows), None, "None"),
            _cell(_unique(c.name for f in flows for c in f.categories), None, "None"),
            _cell([_MECHANISMS.get(t.mechanism or "", NOT_RECORDED) if t else None],
                  None, "Not applicable (in the UK)" if r.country == "GB" else NOT_RECORDED),
        ))  # fmt: skip
    return Table("Recipients", RECIPIENT_HEADINGS, tuple(out),
                 (24, 32, 22, 10, 16, 14, 32, 9, 28, 36, 20, 40, 36, 40, 30))  # fmt: skip


RETENTION_HEADINGS = (
    "Id",
    "Record",
    "Categories of personal data",
    "Period (ISO 8601)",
    "Retention",
    "Trigger",
    "Criteria",
    "Authority",
    "Disposal",
    "Security",
    "Location",
    "Used by activities",
    "Defined at",
)


def retention_table(index: Index) -> Table:
    """The retention schedule: one row per record type."""
    users: dict[str, list[str]] = {}
    for activity in index.datamap.activities:
        for rule_id in activity.retention:
            users.setdefault(rule_id, []).append(activity.name)
    out = []
    for r in index.datamap.retention:
        used = _unique(users.get(r.id, []))
        if r.authority:
            auth_lines, url = _citation_texts(index, [r.authority])
            authority = _cell(auth_lines, url)
        else:
            authority = Cell(NOT_RECORDED)
        out.append((
            Cell(r.id),
            Cell(r.record),
            _cell(_names(_lookup(index, "categories", r.categories)), None, ""),
            _cell([r.period]),
            Cell(retention_text(r)),
            _cell([r.trigger]),
            _cell([r.criteria], None, ""),
            authority,
            _cell([r.disposal]),
            _cell([r.security], None, ""),
            _cell([r.location], None, ""),
            _cell(used, None, "None"),
            Cell(_location_text(index, index.path_of("retention", r.id))),
        ))  # fmt: skip
    return Table("Retention schedule", RETENTION_HEADINGS, tuple(out),
                 (22, 30, 36, 12, 44, 16, 40, 40, 12, 30, 26, 36, 40))  # fmt: skip


FINDING_HEADINGS = (
    "Rule",
    "Slug",
    "Severity",
    "Message",
    "Hint",
    "Location",
    "Model path",
    "Subject",
    "Legal references",
    "Waived?",
    "Justification",
    "Approver",
    "Waiver expires",
    "Waiver defined at",
)


def findings_table(diagnostics: Iterable[Diagnostic]) -> Table:
    """Every diagnostic of the check; waived ones marked, with their justification."""
    out = []
    for d in diagnostics:
        w = d.waiver
        out.append((
            Cell(d.rule),
            Cell(d.slug),
            Cell(d.severity.value),
            _cell([d.message], None, ""),
            _cell([d.hint], None, ""),
            _cell([str(d.location) if d.location else None], None, ""),
            _cell([d.path], None, ""),
            _cell([d.subject], None, ""),
            _cell(d.references, None, ""),
            Cell("Yes" if w else "No"),
            _cell([w.justification if w else None], None, ""),
            _cell([w.approver if w else None], None, ""),
            _cell([w.expires.isoformat() if w else None], None, ""),
            _cell([str(w.location) if w and w.location else None], None, ""),
        ))  # fmt: skip
    return Table("Findings", FINDING_HEADINGS, tuple(out),
                 (8, 28, 10, 60, 44, 36, 30, 40, 30, 9, 44, 20, 14, 36))  # fmt: skip


def about_table(
    index: Index, draft: bool = False, source: str | None = None, problems: int = 0
) -> Table:
    """What the workbook was built from and how to rebuild it."""
    dm = index.datamap
    notice = dm.notice
    target = source or (index.files[0] if len(index.files) == 1 else ".")
    items: list[tuple[str, Cell]] = [
        ("Title", Cell(f"Record of processing activities: {dm.controller.name}")),
        ("Notice", _cell([notice.title])),
        ("Service", _cell([notice.service])),
        ("Controller", Cell(dm.controller.name)),
        ("ICO registration", _cell([dm.controller.ico_registration])),
        ("Notice version", _cell([notice.version])),
        ("Last updated", _cell([notice.last_updated.isoformat() if notice.last_updated else None])),
        ("Source data map", _cell(index.files)),
        ("Built with", Cell(f"privacymap {__version__}")),
        ("Status", Cell(
            f"DRAFT: built with {problems} unresolved error or warning finding(s) "
            "(see Findings)" if draft and problems else
            "Draft build: no unresolved error or warning finding" if draft else
            "Checked: no finding blocked the build")),
        ("How to regenerate", Cell(
            f"From the data map's project folder run: privacymap build {target} -o OUT "
            "(add --only ropa for this workbook alone). Edit the data map, not this file: "
            "the workbook is rebuilt from it.")),
        ("Gaps", Cell(f"A cell reading \u201c{NOT_RECORDED}\u201d means the data map holds "
                      "nothing for it yet.")),
        ("Colours", Cell("Green headings: required by UK GDPR Art 30 or DPA 2018 Sch 1 "
                         "para 41. Blue headings: optional (good practice), as in the ICO's "
                         "documentation template for controllers.")),
        ("Formulas", Cell("No cell holds a formula: every value is literal text.")),
    ]  # fmt: skip
    return Table("About", ("Item", "Value"), tuple((Cell(k), v) for k, v in items), (22, 100))


@dataclass(frozen=True)
class Workbook:
    """Everything the ROPA workbook shows, as data."""

    contacts: list[tuple[str, Cell, Cell, Cell, Cell]]
    ropa: Table
    others: tuple[Table, ...]
    title: str
    author: str
    last_updated: str | None


def workbook(
    index: Index,
    diagnostics: Iterable[Diagnostic] = (),
    draft: bool = False,
    source: str | None = None,
) -> Workbook:
    """The whole workbook as data: contact block, ROPA table and the further sheets."""
    dm = index.datamap
    diagnostics = tuple(diagnostics)
    problems = sum(1 for d in diagnostics if not d.waived and d.severity != "info")
    return Workbook(
        contacts=contact_block(index),
        ropa=ropa_table(index),
        others=(
            flows_table(index),
            recipients_table(index),
            retention_table(index),
            findings_table(diagnostics),
            about_table(index, draft, source, problems),
        ),
        title=f"Record of processing activities: {dm.controller.name}",
        author=dm.controller.name,
        last_updated=dm.notice.last_updated.isoformat() if dm.notice.last_updated else None,
    )


def flows(index: Index) -> list[dict[str, str]]:
    """The "Data flows" sheet as plain rows."""
    return flows_table(index).plain()


def recipients(index: Index) -> list[dict[str, str]]:
    """The "Recipients" sheet as plain rows."""
    return recipients_table(index).plain()


def retention(index: Index) -> list[dict[str, str]]:
    """The "Retention schedule" sheet as plain rows."""
    return retention_table(index).plain()


def findings(diagnostics: Iterable[Diagnostic]) -> list[dict[str, str]]:
    """The "Findings" sheet as plain rows."""
    return findings_table(diagnostics).plain()
