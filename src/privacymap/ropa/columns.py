"""The ROPA sheet: one `Column` record per column of the ICO controller template.

Each column says everything about itself in one place: its letter, its
heading (the ICO's row-9 wording), its group (the ICO's row-8 heading), the
provision that requires it (green in the template; None: optional, blue), its
width and the function that fills its cell for one processing activity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from privacymap import law
from privacymap.index import FlowView, Index
from privacymap.model import (
    Activity,
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
    Table,
    cell,
    clean,
    link_cell,
    safe_url,
    yes_no,
)
from privacymap.ropa.wording import (
    DPIA_OUTCOMES,
    category_line,
    mechanism_text,
    recipient_lines,
    record,
    retention_text,
    schedule1_cell,
    source_lines,
    title,
    titled_law,
)


class ActivityFacts:
    """One activity with the derived facts that several columns share."""

    def __init__(self, index: Index, activity: Activity) -> None:
        self.index = index
        self.activity = activity
        self.datamap = index.datamap
        self.flows: tuple[FlowView, ...] = index.flows_of(activity.id)
        self.bases = index.activity_bases(activity)
        # the activity's own conditions, plus any a data flow of it relies on instead
        self.conditions: tuple[Condition, ...] = tuple(
            dict.fromkeys(
                [
                    *index.activity_conditions(activity),
                    *(c for f in self.flows for c in f.conditions),
                ]
            )
        )
        own_criminal = index.resolve(
            "criminal_offence_conditions", activity.criminal_offence_conditions
        )
        self.criminal: tuple[CriminalOffenceCondition, ...] = tuple(
            dict.fromkeys(
                [*own_criminal, *(c for f in self.flows for c in f.criminal_offence_conditions)]
            )
        )
        categories = [*index.activity_categories(activity)]
        categories.extend(c for f in self.flows for c in f.categories)
        self.categories: list[Category] = list(dict.fromkeys(categories))
        self.special = any(c.special for c in self.categories)
        self.criminal_data = any(c.criminal_offence for c in self.categories)
        self.recipients: list[Recipient] = list(
            dict.fromkeys(f.recipient for f in self.flows if f.recipient is not None)
        )
        joint = activity.joint_controller
        self.joint = index.recipients.get(joint) if joint else None
        self.joint_controllers = index.joint_controllers_of(activity)
        self.processors: list[Recipient] = list(
            dict.fromkeys(
                f.recipient
                for f in self.flows
                if f.recipient is not None and index.flow_role(f) in ("processor", "sub-processor")
            )
        )
        self.retention: tuple[Retention, ...] = index.resolve("retention", activity.retention)
        self.adm = activity.automated_decision_making or self.datamap.automated_decision_making

    def basis_ids(self) -> set[str]:
        return {b.basis for b in self.bases} | {b.basis for f in self.flows for b in f.bases}

    @cached_property
    def transfers(self) -> list[Transfer]:
        """The recorded transfers to the activity's recipients (its joint controller too)."""
        transfers = self.datamap.transfers
        ids = {r.id for r in self.recipients} | ({self.joint.id} if self.joint else set())
        return [t for t in (transfers.items if transfers else ()) if t.recipient in ids]

    @cached_property
    def country_lines(self) -> list[str]:
        """Each country outside the UK the activity's data goes to, with the recipient."""
        recorded = {(t.recipient, t.where) for t in self.transfers}
        names = self.index.recipients
        return [f"{t.where}: {names[t.recipient].name}" for t in self.transfers] + [
            f"{country}: {r.name} (no transfer recorded)"
            for r in self.recipients
            for country in (*r.abroad, *([r.region] if r.region else ()))
            if (r.id, country) not in recorded
        ]


Filler = Callable[[ActivityFacts], Cell]


@dataclass(frozen=True)
class Column:
    """One column of the ICO template (see the module documentation)."""

    letter: str
    heading: str
    group: str
    required_by: str | None
    width: int
    fill: Filler

    @property
    def required(self) -> bool:
        return self.required_by is not None


# --------------------------------------------------------------------------- cell functions


def _business_function(a: ActivityFacts) -> Cell:
    return cell([a.activity.business_function or a.datamap.notice.service])


def _purpose(a: ActivityFacts) -> Cell:
    activity = a.activity
    purposes = [p.name for p in a.index.resolve("purposes", activity.purposes)]
    purposes = purposes or list(activity.uses)
    if purposes:
        return cell([f"{activity.name}:", *purposes])
    return cell([activity.description and f"{activity.name}: {activity.description}"])


def _joint_controller(a: ActivityFacts) -> Cell:
    lines = [
        ", ".join(
            x for x in (j.name, j.description, j.address, j.email, j.telephone, j.contact_form) if x
        )
        for j in a.joint_controllers
    ]
    if a.joint:
        lines += [a.joint.name, a.joint.description or "", a.joint.areas or ""]
    if lines:
        return cell(lines)
    if a.datamap.joint_controllers:
        return Cell("None: the data map's joint controllers are not joint for this activity")
    return Cell(NOT_RECORDED)


def _individuals(a: ActivityFacts) -> Cell:
    return cell(s.name for s in a.index.resolve("subjects", a.activity.subjects))


def _personal_data(a: ActivityFacts) -> Cell:
    return cell(category_line(c) for c in a.categories)


def _recipients(a: ActivityFacts) -> Cell:
    return cell(recipient_lines(a.index, a.recipients))


def _processor_contracts(a: ActivityFacts) -> Cell:
    return link_cell([(r.name, r.contract) for r in a.processors])


def _third_countries(a: ActivityFacts) -> Cell:
    transfers = a.datamap.transfers
    if a.country_lines:
        return cell(a.country_lines)
    if transfers and transfers.none:
        return Cell("None: the data map states that no personal data is transferred outside "
                    "the UK")  # fmt: skip
    if transfers and transfers.items:
        return Cell("None: no transfer outside the UK is recorded for this activity's recipients")
    return Cell(NOT_RECORDED)


def _safeguards(a: ActivityFacts) -> Cell:
    transfers = a.datamap.transfers
    if a.transfers:
        lines = []
        for t in a.transfers:
            parts = (
                mechanism_text(t) if t.mechanisms else f"mechanism {NOT_RECORDED.lower()}",
                t.safeguard,
                t.copy_available_at and f"copy: {t.copy_available_at}",
                t.copy_how and f"copy: {clean(t.copy_how)}",
            )
            name = a.index.recipients[t.recipient].name
            lines.append(f"{name}: " + "; ".join(x for x in parts if x))
        copies = (t.copy_available_at for t in a.transfers)
        return cell(lines, next((c for c in copies if safe_url(c)), None))
    if a.country_lines:
        return Cell(NOT_RECORDED)
    if transfers and (transfers.none or transfers.items):
        return Cell("Not applicable: no transfer outside the UK")
    return Cell(NOT_RECORDED)


def _retention(a: ActivityFacts) -> Cell:
    return cell(f"{record(r)}: {retention_text(r)}" for r in a.retention)


def _security(a: ActivityFacts) -> Cell:
    """Organisation-wide measures, plus those of the activity's records."""
    return cell([*(clean(m.description) for m in a.datamap.security),
                 *(f"{record(r)}: {r.security}" for r in a.retention if r.security)])  # fmt: skip


def _art6(a: ActivityFacts) -> Cell:
    """The activity's bases with the law relied on; a flow's other bases mentioned."""
    lines, first = titled_law(a.index, a.bases, "Law relied on")
    own = {id(b) for b in a.bases}
    other = dict.fromkeys(title(b) for f in a.flows for b in f.bases if id(b) not in own)
    if other:
        lines.append("Some data flows rely on: " + "; ".join(other) + " (see Data flows)")
    return cell(lines, first)


def _art9(a: ActivityFacts) -> Cell:
    if a.conditions:
        return cell(*titled_law(a.index, a.conditions, "Law"))
    if not a.special:
        return Cell("Not applicable: no special category data recorded")
    return Cell(NOT_RECORDED)


LEGITIMATE_INTERESTS = ("legitimate-interests", "recognised-legitimate-interest")
NO_LEGITIMATE_INTERESTS = "Not applicable: the activity does not rely on legitimate interests"


RLI_NO_ASSESSMENT = (
    "Not applicable: a recognised legitimate interest needs no legitimate interests "
    "assessment (UK GDPR Art 6(5), Annex 1)"
)


def _interests(index: Index, basis: LawfulBasis) -> str:
    """The interests pursued (6(1)(f)), or the Annex 1 condition met (6(1)(ea))."""
    if basis.basis != "recognised-legitimate-interest":
        return basis.interests or NOT_RECORDED
    numbers = [n for entry in basis.annex1 for n in index.annex1_numbers(entry)]
    paragraphs = [law.annex1_paragraph(n) for n in numbers]
    conditions = [f"UK GDPR Annex 1 para {p.number} \u2013 {p.summary}" for p in paragraphs if p]
    return "; ".join(conditions) or f"Annex 1 condition {NOT_RECORDED.lower()}"


def _legitimate_interests(a: ActivityFacts) -> Cell:
    li = [b for b in a.bases if b.basis in LEGITIMATE_INTERESTS]
    if not li:
        return Cell(NO_LEGITIMATE_INTERESTS)
    return cell(f"{title(b)}: {_interests(a.index, b)}" for b in li)


def _lia_link(a: ActivityFacts) -> Cell:
    """A recognised legitimate interest (6(1)(ea)) has no balancing test to link to."""
    li = [b for b in a.bases if b.basis in LEGITIMATE_INTERESTS]
    if not li:
        return Cell(NO_LEGITIMATE_INTERESTS)
    assessed = [b for b in li if b.basis == "legitimate-interests"]
    lia = link_cell([("", b.assessment) if b.assessment else (title(b), None) for b in assessed])
    if len(assessed) < len(li):
        text = "\n".join(x for x in (lia.text if assessed else "", RLI_NO_ASSESSMENT) if x)
        lia = Cell(text, lia.url)
    return lia


def _qualified(right: law.Right, bases: set[str]) -> str:
    """ " – qualified: ..." where the right applies to the activity only with a qualification."""
    if any(right.applicability(b) == "applies" for b in bases):
        return ""
    reasons = [q.split(";")[0].strip() for b in sorted(bases) if (q := right.qualification(b))]
    return f" \u2013 qualified: {'; '.join(dict.fromkeys(reasons))}" if reasons else ""


def _rights(a: ActivityFacts) -> Cell:
    """The rights the index derives from the activity's bases (as the notice shows them)."""
    bases = a.basis_ids()
    return cell(
        f"{r.name} (Art {r.article})"
        + (f" \u2013 {r.condition}" if r.condition else "")
        + _qualified(r, bases)
        for r in a.index.activity_rights(a.activity)
    )


def _automated(a: ActivityFacts) -> Cell:
    adm = a.adm
    if adm is None:
        return Cell(NOT_RECORDED)
    if adm.exists:
        return cell(["Yes", adm.description, adm.logic and f"Logic: {adm.logic}",
                     adm.significance and f"Significance: {adm.significance}"])  # fmt: skip
    return cell(["No", adm.description])


def _sources(a: ActivityFacts) -> Cell:
    return cell(source_lines(a.flows))


def _consent_record(a: ActivityFacts) -> Cell:
    consent = a.activity.consent
    relies = "consent" in a.basis_ids() or any(
        c.condition == "explicit-consent" for c in a.conditions
    )
    if consent and consent.record:
        return cell([consent.record], consent.record)
    if relies or (consent and consent.required):
        return Cell(NOT_RECORDED)
    return Cell("Not applicable: the activity does not rely on consent")


def _location(a: ActivityFacts) -> Cell:
    if a.activity.location:
        return cell([a.activity.location])
    return cell(dict.fromkeys(f"{record(r)}: {r.location}" for r in a.retention if r.location))


def _dpia_required(a: ActivityFacts) -> Cell:
    dpia = a.activity.dpia
    return cell([dpia.required.capitalize() if dpia and dpia.required else None])


def _dpia_progress(a: ActivityFacts) -> Cell:
    """The status the map gives, then the DPIA carried out (reference, date, outcome)."""
    dpia = a.activity.dpia
    if dpia is None:
        return cell([])
    said = [
        f"Reference {dpia.reference}" if dpia.reference else None,
        f"signed off {dpia.date.isoformat()}" if dpia.date else None,
        f"outcome: {DPIA_OUTCOMES[dpia.outcome]}" if dpia.outcome else None,
    ]
    record = "; ".join(part for part in said if part)
    return cell([dpia.status, record or None])


def _dpia_link(a: ActivityFacts) -> Cell:
    link = a.activity.dpia.link if a.activity.dpia else None
    return cell([link], link)


def _breach(a: ActivityFacts) -> Cell:
    breach = a.activity.breach
    return cell([yes_no(breach.occurred) if breach else None])


def _breach_link(a: ActivityFacts) -> Cell:
    link = a.activity.breach.link if a.activity.breach else None
    return cell([link], link)


def _schedule1(a: ActivityFacts) -> Cell:
    return schedule1_cell(a.index, a.conditions, a.criminal, a.special, a.criminal_data)


def _how_art6_is_met(a: ActivityFacts) -> Cell:
    """How Art 6 is met (Sch 1 para 41(b)): each basis with its task."""
    return cell(f"{title(b)}" + (f": {clean(b.task)}" if b.task else "") for b in a.bases)


def _retention_policy(a: ActivityFacts) -> Cell:
    """The retention and erasure policy, and the appropriate policy documents."""
    policy = a.datamap.retention_policy
    grounds: list[Condition | CriminalOffenceCondition] = [*a.conditions, *a.criminal]
    apds = a.index.resolve("evidence", [c.policy_document for c in grounds if c.policy_document])
    links: list[tuple[str, str | None]] = []
    if policy and policy.document:
        links.append(("Retention policy", policy.document))
    links.extend((e.title, e.link) for e in dict.fromkeys(apds))
    return link_cell(links)


def _adheres(a: ActivityFacts) -> Cell:
    policy = a.datamap.retention_policy
    return cell([yes_no(policy.adheres if policy else None)])


def _not_adhering(a: ActivityFacts) -> Cell:
    policy = a.datamap.retention_policy
    if policy and policy.reasons:
        return cell([policy.reasons])
    if policy and policy.adheres:
        return Cell("Not applicable: data is retained and erased in accordance with the policy")
    return Cell(NOT_RECORDED)


# --------------------------------------------------------------------------- the columns

ART30 = "Article 30 Record of Processing Activities"
NOTICES = "Privacy Notices"
DPIAS = "Data Protection Impact Assessments"
BREACHES = "Personal Data Breaches"
SPECIAL = "Data Protection Act 2018 \u2013 Special Category or Criminal Conviction and Offence data"

COLUMNS: tuple[Column, ...] = (
    Column("A", "Business function", ART30, None, 22, _business_function),
    Column("B", "Purpose of processing", ART30, "UK GDPR Art 30(1)(b)", 40, _purpose),
    Column("C", "Name and contact details of joint controller (if applicable)", ART30,
           "UK GDPR Art 30(1)(a)", 30, _joint_controller),
    Column("D", "Categories of individuals", ART30, "UK GDPR Art 30(1)(c)", 28, _individuals),
    Column("E", "Categories of personal data", ART30, "UK GDPR Art 30(1)(c)", 40,
           _personal_data),
    Column("F", "Categories of recipients", ART30, "UK GDPR Art 30(1)(d)", 44, _recipients),
    Column("G", "Link to contract with processor", ART30, None, 30, _processor_contracts),
    Column("H", "Names of third countries or international organisations that personal data "
           "are transferred to (if applicable)", ART30, "UK GDPR Art 30(1)(e)", 30,
           _third_countries),
    Column("I", "Safeguards for exceptional transfers of personal data to third countries or "
           "international organisations (if applicable)", ART30, "UK GDPR Art 30(1)(e)", 34,
           _safeguards),
    Column("J", "Retention schedule (if possible)", ART30, "UK GDPR Art 30(1)(f)", 44,
           _retention),
    Column("K", "General description of technical and organisational security measures "
           "(if possible)", ART30, "UK GDPR Art 30(1)(g)", 44, _security),
    Column("L", "Article 6 lawful basis for processing personal data", NOTICES, None, 52, _art6),
    Column("M", "Article 9 condition for processing special category data", NOTICES, None, 44,
           _art9),
    Column("N", "Legitimate interests for the processing (if applicable)", NOTICES, None, 36,
           _legitimate_interests),
    Column("O", "Link to record of legitimate interests assessment (if applicable)", NOTICES,
           None, 30, _lia_link),
    Column("P", "Rights available to individuals", NOTICES, None, 40, _rights),
    Column("Q", "Existence of automated decision-making, including profiling (if applicable)",
           NOTICES, None, 30, _automated),
    Column("R", "The source of the personal data (if applicable)", NOTICES, None, 36, _sources),
    Column("S", "Link to record of consent", "Consent", None, 28, _consent_record),
    Column("T", "Location of personal data", "Access Requests", None, 26, _location),
    Column("U", "Data Protection Impact Assessment required?", DPIAS, None, 16, _dpia_required),
    Column("V", "Data Protection Impact Assessment progress", DPIAS, None, 22, _dpia_progress),
    Column("W", "Link to Data Protection Impact Assessment", DPIAS, None, 28, _dpia_link),
    Column("X", "Has a personal data breach occurred?", BREACHES, None, 16, _breach),
    Column("Y", "Link to record of personal data breach", BREACHES, None, 28, _breach_link),
    Column("Z", "Data Protection Act 2018 Schedule 1 Condition for processing", SPECIAL,
           "DPA 2018 Sch 1 para 41(a)", 44, _schedule1),
    Column("AA", "GDPR Article 6 lawful basis for processing", SPECIAL,
           "DPA 2018 Sch 1 para 41(b)", 44, _how_art6_is_met),
    Column("AB", "Link to retention and erasure policy document", SPECIAL, None, 34,
           _retention_policy),
    Column("AC", "Is personal data retained and erased in accordance with the policy document?",
           SPECIAL, "DPA 2018 Sch 1 para 41(c)", 20, _adheres),
    Column("AD", "Reasons for not adhering to policy document (if applicable)", SPECIAL,
           "DPA 2018 Sch 1 para 41(c)", 30, _not_adhering),
)  # fmt: skip
"""The ICO controller template's columns A-AD, in order: green (required_by set) are
required by UK GDPR Art 30 or DPA 2018 Sch 1 para 41; blue are optional good practice."""

HEADINGS: tuple[str, ...] = tuple(c.heading for c in COLUMNS)
"""The ICO template's row-9 headings, columns A-AD, in order."""

HAND_FILLED: dict[str, tuple[str, ...]] = {
    "Data Protection Impact Assessment required?": ("Yes", "No", "Screening"),
    "Has a personal data breach occurred?": ("Yes", "No"),
}
"""Columns a DPO fills in by hand, with the values offered in a drop-down."""


def groups() -> list[tuple[str, int, int]]:
    """The ICO's group headings: (title, first column, last column), 0-based, inclusive."""
    out: list[tuple[str, int, int]] = []
    for position, column in enumerate(COLUMNS):
        if out and out[-1][0] == column.group:
            out[-1] = (column.group, out[-1][1], position)
        else:
            out.append((column.group, position, position))
    return out


def ropa_row(index: Index, activity: Activity) -> tuple[Cell, ...]:
    """The 30 cells of one processing activity."""
    facts = ActivityFacts(index, activity)
    return tuple(column.fill(facts) for column in COLUMNS)


def ropa_table(index: Index) -> Table:
    """The ROPA sheet: one row of 30 cells per processing activity, in model order."""
    rows = tuple(ropa_row(index, a) for a in index.datamap.activities)
    return Table("ROPA", HEADINGS, rows, tuple(c.width for c in COLUMNS))
