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
    Evidence,
    LawfulBasis,
    PublishedDate,
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
    none,
    not_applicable,
    not_recorded,
    safe_url,
    yes_no,
)
from privacymap.ropa.wording import (
    DPIA_OUTCOMES,
    FURTHER_GROUNDS,
    adm_safeguards,
    agreement_lines,
    category_line,
    mechanism_text,
    recipient_lines,
    record,
    retention_text,
    schedule1_cell,
    source_lines,
    title,
    titled_law,
    whose,
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
        self.profiling = activity.profiling or self.datamap.profiling

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
    """The widest the column is laid out (the workbook narrows it to its content)."""
    fill: Filler
    ico: bool = True
    """One of the ICO template's 30 columns (False: added for an auditor)."""

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
    lines = (
        [f"{activity.name}:", *purposes]
        if purposes
        else [activity.description and f"{activity.name}: {activity.description}"]
    )
    return cell(lines + _further_lines(a))


def _further_lines(a: ActivityFacts) -> list[str | None]:
    """Further processing (a new purpose): what the data was collected for, why the new
    use is compatible, and how people are told first or where the information is published."""
    further = a.activity.further_processing
    if further is None:
        return []
    first = [p.name for p in a.index.resolve("purposes", further.of)] or list(further.of)
    lines: list[str | None] = [
        "Further processing of data collected for: " + "; ".join(first),
        "Compatible by: " + FURTHER_GROUNDS[further.compatibility],
    ]
    if further.annex2:
        lines.append(f"Annex 2 condition: {further.annex2}")
    if further.assessment:
        lines.append(f"Compatibility assessment: {further.assessment}")
    if further.told:
        lines.append(f"People told before it starts: {further.told}")
    if further.research_exemption:
        lines.append(
            f"Not told individually (research); information published at: "
            f"{further.research_exemption}"
        )
    return lines


def _joint_controller(a: ActivityFacts) -> Cell:
    """The joint controllers for this activity: none named is none."""
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
        return none("the data map's joint controllers are not joint for this activity")
    return none("no joint controller")


def _individuals(a: ActivityFacts) -> Cell:
    return cell(s.name for s in a.index.resolve("subjects", a.activity.subjects))


def _personal_data(a: ActivityFacts) -> Cell:
    return cell(category_line(c, a.index) for c in a.categories)


def _recipients(a: ActivityFacts) -> Cell:
    if not a.activity.discloses:
        return none("the data map records no disclosure from this activity")
    return cell(recipient_lines(a.index, a.recipients))


def _processor_contracts(a: ActivityFacts) -> Cell:
    if not a.processors:
        return not_applicable("no processor receives this activity's data")
    return link_cell([(r.name, r.contract) for r in a.processors])


def _third_countries(a: ActivityFacts) -> Cell:
    transfers = a.datamap.transfers
    if a.country_lines:
        return cell(a.country_lines)
    if transfers and transfers.none:
        return none("the data map states that no personal data is transferred outside the UK")
    if transfers and transfers.items:
        return none("no transfer outside the UK is recorded for this activity's recipients")
    return not_recorded()


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
        return not_recorded()
    if transfers and (transfers.none or transfers.items):
        return not_applicable("no transfer outside the UK")
    return not_recorded()


def _retention(a: ActivityFacts) -> Cell:
    return cell(f"{record(r)}: {retention_text(r, whose(a.index, r))}" for r in a.retention)


def _security(a: ActivityFacts) -> Cell:
    """The organisation's general description (Art 30(1)(g) asks for a general one)."""
    return cell(clean(m.description) for m in a.datamap.security)


def _activity_security(a: ActivityFacts) -> Cell:
    """The activity's own measures and those of its records; else the general ones, marked."""
    own = a.index.resolve("security", a.activity.security)
    lines = [*(clean(m.description) for m in own),
             *(f"{record(r)}: {clean(r.security)}" for r in a.retention if r.security)]  # fmt: skip
    if lines:
        return cell(lines)
    general = [clean(m.description) for m in a.datamap.security]
    if general:
        return cell(["The organisation's general measures (none recorded for this activity):",
                     *general])  # fmt: skip
    return not_recorded()


def _art6(a: ActivityFacts) -> Cell:
    """The activity's bases with the law relied on; a flow's other bases mentioned."""
    lines, first = titled_law(a.index, a.bases, "Law relied on", addresses=False)
    own = {id(b) for b in a.bases}
    other = dict.fromkeys(title(b) for f in a.flows for b in f.bases if id(b) not in own)
    if other:
        lines.append("Some data flows rely on: " + "; ".join(other) + " (see Data flows)")
    lines += agreement_lines(a.activity.agreement, "this activity")
    for f in a.flows:
        lines += agreement_lines(f.spec.agreement, f"the {f.direction} {f.id}")
    return cell(lines, first)


def _art9(a: ActivityFacts) -> Cell:
    if a.conditions:
        lines, first = titled_law(a.index, a.conditions, "Law", addresses=False)
        lines += [
            f"Duty of confidentiality ({title(c)}): {c.confidentiality}"
            for c in a.conditions
            if c.confidentiality
        ]
        return cell(lines, first)
    if not a.special:
        return not_applicable("no special category data recorded")
    return not_recorded()


LEGITIMATE_INTERESTS = ("legitimate-interests", "recognised-legitimate-interest")
NO_LEGITIMATE_INTERESTS = "the activity does not rely on legitimate interests"


RLI_NO_ASSESSMENT = (
    "a recognised legitimate interest needs no legitimate interests assessment "
    "(UK GDPR Art 6(5), Annex 1)"
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
        return not_applicable(NO_LEGITIMATE_INTERESTS)
    return cell(f"{title(b)}: {_interests(a.index, b)}" for b in li)


def _lia_link(a: ActivityFacts) -> Cell:
    """A recognised legitimate interest (6(1)(ea)) has no balancing test to link to."""
    li = [b for b in a.bases if b.basis in LEGITIMATE_INTERESTS]
    if not li:
        return not_applicable(NO_LEGITIMATE_INTERESTS)
    assessed = [b for b in li if b.basis == "legitimate-interests"]
    if not assessed:
        return not_applicable(RLI_NO_ASSESSMENT)
    lia = link_cell([("", b.assessment) if b.assessment else (title(b), None) for b in assessed])
    if len(assessed) < len(li):
        lia = cell([lia.text, f"Not applicable to the recognised legitimate interest: "
                    f"{RLI_NO_ASSESSMENT}"])  # fmt: skip
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
    no_adm = a.adm is not None and not a.adm.exists
    return cell(
        f"{r.name} (Art {r.article})"
        + (f" \u2013 {r.condition}" if r.condition else "")
        + _qualified(r, bases)
        for r in a.index.activity_rights(a.activity)
        if not (no_adm and r.id == "automated-decision-making")
    )


def _automated(a: ActivityFacts) -> Cell:
    """Solely automated decisions (the cell starts Yes or No, as the import reads it),
    then profiling: two facts, each said or not recorded."""
    adm, profiling = a.adm, a.profiling
    if adm is None and profiling is None:
        return not_recorded()
    lines: list[str | None] = []
    if adm is None:
        lines.append(f"Solely automated decisions: {NOT_RECORDED.lower()}")
    elif adm.exists:
        lines += ["Yes", adm.description, adm.logic and f"Logic: {adm.logic}",
                  adm.significance and f"Significance: {adm.significance}",
                  adm.consequences and f"Envisaged consequences: {adm.consequences}"]  # fmt: skip
        if adm.safeguards is not None:
            lines += [f"Art 22C safeguard, {label}: {text}"
                      for label, text in adm_safeguards(adm.safeguards)]  # fmt: skip
    else:
        lines += ["No", adm.description]
    if profiling is not None:
        lines.append("Profiling: " + ("yes" if profiling.exists else "no (not applicable)"))
        lines.append(profiling.description)
    return cell(lines)


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
        return not_recorded()
    return not_applicable("the activity does not rely on consent")


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
    return schedule1_cell(
        a.index, a.conditions, a.criminal, a.special, a.criminal_data, addresses=False
    )


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
        return not_applicable("data is retained and erased in accordance with the policy")
    return not_recorded()


def _service(a: ActivityFacts) -> Cell:
    """The service whose map holds the activity (one register may combine several)."""
    return cell([a.datamap.notice.service])


def _evidence_line(evidence: Evidence) -> str:
    """An evidence document as "title (date): link", each part only where recorded."""
    when = f" ({evidence.date.isoformat()})" if evidence.date else " (date not recorded)"
    return f"{evidence.title}{when}" + (f": {evidence.link}" if evidence.link else "")


def _sharing_agreements(a: ActivityFacts) -> Cell:
    """The information-sharing agreement with each external recipient that is (or may be)
    a controller; processors are under contract (column G) instead."""
    sharing = [r for r in a.recipients
               if not r.internal and r.role != "internal" and not r.processor]  # fmt: skip
    if not sharing:
        return not_applicable("no controller outside the organisation receives this data")
    if not any(r.sharing_agreement for r in sharing):
        controllers = ", ".join(r.name for r in sharing if r.role)
        unknown = ", ".join(r.name for r in sharing if not r.role)
        whose = [controllers, unknown and f"recipients whose role is not recorded: {unknown}"]
        return not_recorded("for " + "; ".join(x for x in whose if x))
    lines: list[str] = []
    for r in sharing:
        agreement = a.index.get("evidence", r.sharing_agreement) if r.sharing_agreement else None
        found = _evidence_line(agreement) if isinstance(agreement, Evidence) else None
        lines.append(f"{_role_noted(r)}: {found or NOT_RECORDED.lower()}")
    return cell(lines)


def _role_noted(recipient: Recipient) -> str:
    """A recipient's name, noting when the map does not say whether it is a controller."""
    return recipient.name + ("" if recipient.role else " (role not recorded)")


def _owner(a: ActivityFacts) -> Cell:
    return cell([a.activity.review_owner])


def _last_review(a: ActivityFacts) -> Cell:
    return cell([_published(a.activity.last_review)])


def _next_review(a: ActivityFacts) -> Cell:
    return cell([_published(a.activity.next_review)])


def _published(value: PublishedDate | None) -> str | None:
    """A published date as the map gives it: ISO for a day, "March 2024" for a month."""
    if value is None:
        return None
    return value.isoformat() if value.day else value.text


# --------------------------------------------------------------------------- the columns

ART30 = "Article 30 Record of Processing Activities"
NOTICES = "Privacy Notices"
DPIAS = "Data Protection Impact Assessments"
BREACHES = "Personal Data Breaches"
SPECIAL = "Data Protection Act 2018 \u2013 Special Category or Criminal Conviction and Offence data"
AUDIT = "For audit (added by privacymap; not in the ICO template)"

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
    Column("AE", "Service", AUDIT, None, 24, _service, ico=False),
    Column("AF", "Security measures for this activity", AUDIT, None, 40, _activity_security,
           ico=False),
    Column("AG", "Information-sharing agreement with each controller recipient", AUDIT, None,
           44, _sharing_agreements, ico=False),
    Column("AH", "Record owner", AUDIT, None, 20, _owner, ico=False),
    Column("AI", "Last review", AUDIT, None, 14, _last_review, ico=False),
    Column("AJ", "Next review", AUDIT, None, 14, _next_review, ico=False),
)  # fmt: skip
"""The ICO controller template's columns A-AD, in order and wording (green, required_by
set: required by UK GDPR Art 30 or DPA 2018 Sch 1 para 41; blue: optional good practice),
then the columns privacymap adds for an auditor (AE on; `ico` False)."""

ICO_COLUMNS = 30
"""A-AD: the ICO template's columns, kept exactly."""

HEADINGS: tuple[str, ...] = tuple(c.heading for c in COLUMNS)
"""The ROPA's row-9 headings in order: the ICO template's A-AD, then the audit columns."""

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
    """The cells of one processing activity, one per column."""
    facts = ActivityFacts(index, activity)
    return tuple(column.fill(facts) for column in COLUMNS)


def ropa_table(index: Index) -> Table:
    """The ROPA sheet: one row per processing activity, in model order."""
    rows = tuple(ropa_row(index, a) for a in index.datamap.activities)
    return Table("ROPA", HEADINGS, rows, tuple(c.width for c in COLUMNS))
