"""The workbook's other sheets (data flows, recipients, retention, findings, About), the
contact block above the ROPA sheet, and the whole workbook as data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from privacymap.diagnostics import Diagnostic
from privacymap.index import FlowView, Index
from privacymap.model import SPECIAL_CATEGORY_NAMES, PublishedDate
from privacymap.ropa.cells import (
    STATES,
    Cell,
    Table,
    cell,
    none,
    not_applicable,
    not_recorded,
)
from privacymap.ropa.columns import ropa_table
from privacymap.ropa.law_sheet import law_table
from privacymap.ropa.provenance import Provenance, findings_summary
from privacymap.ropa.wording import (
    category_line,
    citation_texts,
    location_text,
    mechanism_text,
    retention_text,
    schedule1_cell,
    title,
    titled_law,
    whose,
)
from privacymap.sourcemap import format_path


def contact_block(index: Index) -> list[tuple[str, Cell, Cell, Cell, Cell]]:
    """Rows of the contact block: role, name, address, email, telephone."""
    dm = index.datamap
    c, dpo, rep = dm.controller, dm.dpo, dm.controller.representative

    def mail(address: str | None) -> Cell:
        return cell([address], f"mailto:{address}" if address else None)

    out = [("Controller", cell([c.name]), cell([c.address]), mail(c.email), cell([c.telephone]))]
    out += [
        ("Joint controller", cell([j.name]), cell([j.address]), mail(j.email), cell([j.telephone]))
        for j in dm.joint_controllers
    ]
    for role, who in (("Data Protection Officer", dpo), ("Representative", rep)):
        if who is None:
            out.append((role, *(not_recorded(),) * 4))
            continue
        name = ", ".join(x for x in (who.name, who.team, who.organisation) if x)
        out.append((role, cell([name]), cell([who.address]), mail(who.email),
                    cell([who.telephone])))  # fmt: skip
    return out


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
            origin, target = f.origin_name, f.activity.name
        else:
            origin, target = f.activity.name, (f.recipient.name if f.recipient else f.target)
        special = f.special
        key = tuple(map(id, f.bases))
        bases_cell = shared_bases.get(key)
        if bases_cell is None:
            bases_lines, first = titled_law(index, f.bases, "Law relied on")
            bases_cell = shared_bases[key] = cell(bases_lines, first,
                                                   "None: no lawful basis recorded")  # fmt: skip
        key = (f.categories_stated, *map(id, f.categories))
        categories_cell = shared_categories.get(key)
        if categories_cell is None:
            categories_cell = cell(
                (category_line(c, index) for c in f.categories),
                None,
                not_recorded("the notice does not say which categories this flow carries")
                if not f.categories_stated
                else None,
            )
            shared_categories[key] = categories_cell
        ckey = (bool(special), f.criminal_offence, *map(id, f.conditions), "criminal",
                *map(id, f.criminal_offence_conditions))  # fmt: skip
        conditions_cells = shared_conditions.get(ckey)
        if conditions_cells is None:
            cond_lines = [title(c) for c in f.conditions]
            conditions_cells = shared_conditions[ckey] = (
                cell(cond_lines, None,
                      None if special else not_applicable("no special category data")),
                schedule1_cell(index, f.conditions, f.criminal_offence_conditions,
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
            cell(f.spec.when, None, none("no condition of sharing recorded (always)")),
            cell([f.spec.description], None, ""),
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
    unstated_location = (
        "In the UK (the map states that no data leaves the UK)"
        if dm.transfers and dm.transfers.none
        else not_recorded()
    )
    out = []
    for r in dm.recipients:
        flows = receives.get(r.id, [])
        group = index.get("recipient_groups", r.group) if r.group else None
        t = transfers.get(r.id)
        out.append((
            Cell(r.id),
            Cell(r.name),
            cell([getattr(group, "name", None) or r.group]),
            Cell("Yes" if r.internal else "No"),
            cell([r.role]),
            Cell(r.kind),
            cell(r.examples, None, ""),
            cell([location_text(r)], None, unstated_location),
            cell([r.areas], None, ""),
            cell([r.contract], r.contract,
                  None if r.processor else not_applicable("not a processor")),
            cell([r.formerly], None, ""),
            cell([r.description], None, ""),
            cell(_once(f.activity.name for f in flows), None, none("no data flow to it")),
            cell(_once(c.name for f in flows for c in f.categories), None,
                 none("no data flow to it")),
            cell([mechanism_text(t) if t else None],
                  None, None if r.abroad else not_applicable("in the UK")),
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
        used = _once(users.get(r.id, []))
        if r.authority and r.authority_kind == "policy":
            authority = Cell(f"Policy: {r.authority}")
        elif r.authority:
            auth_lines, url = citation_texts(index, [r.authority])
            authority = cell(auth_lines, url)
        else:
            authority = not_recorded()
        out.append((
            Cell(r.id),
            Cell(r.record),
            cell([c.name for c in index.resolve("categories", r.categories)], None, ""),
            cell([r.period]),
            Cell(retention_text(r, whose(index, r))),
            cell([r.trigger]),
            cell([r.criteria], None, ""),
            authority,
            cell([r.disposal]),
            cell([r.security], None, ""),
            cell([r.location], None, ""),
            cell(used, None, none("no activity uses it")),
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
            cell([d.message], None, ""),
            cell([d.hint], None, ""),
            cell([str(d.location) if d.location else None], None, ""),
            cell([d.path], None, ""),
            cell([d.subject], None, ""),
            cell(d.references, None, ""),
            Cell("Yes" if w else "No"),
            cell([w.justification if w else None], None, ""),
            cell([w.approver if w else None], None, ""),
            cell([w.expires.isoformat() if w else None], None, ""),
            cell([str(w.location) if w and w.location else None], None, ""),
        ))  # fmt: skip
    return Table("Findings", FINDING_HEADINGS, tuple(out),
                 (8, 28, 10, 60, 44, 36, 30, 40, 30, 9, 44, 20, 14, 36))  # fmt: skip


def about_table(
    index: Index, source: str | None = None, provenance: Provenance | None = None
) -> Table:
    """What the workbook was built from, how to read it and how to rebuild it."""
    dm = index.datamap
    notice = dm.notice
    made = provenance or Provenance()
    target = source or (index.files[0] if len(index.files) == 1 else ".")
    items: list[tuple[str, Cell]] = [
        ("Title", Cell(f"Record of processing activities: {dm.controller.name}")),
        ("Notice", cell([notice.title])),
        ("Service", cell([notice.service])),
        ("Controller", Cell(dm.controller.name)),
        ("ICO registration", cell([dm.controller.ico_registration])),
        ("Notice version", cell([notice.version])),
        ("Last updated", cell([_published(notice.last_updated)])),
        ("Last review", cell([_published(notice.last_review)])),
        ("Next review", cell([_published(notice.next_review)])),
        ("As at", cell([made.as_at], None, not_recorded("the notice's last_updated date"))),
        ("Law as at", cell([made.law_as_at and f"{made.law_as_at}: the findings judge the map "
                            "against the law in force on this date"], None,
                           f"The law as privacymap {made.version}'s catalogue states it (no "
                           "as-at date given)")),
        ("Review owner", cell([notice.review_owner])),
        ("Activity reviews", cell(
            f"{a.name}: last review {_published(a.last_review) or 'not recorded'}, "
            f"next review {_published(a.next_review) or 'not recorded'}"
            + (f", owner {a.review_owner}" if a.review_owner else "")
            for a in dm.activities if a.last_review or a.next_review or a.review_owner)),
        ("Source data map", cell(index.files)),
        ("Source commit", cell([made.commit], None, "Not built inside a git checkout")),
        ("Built with", Cell(f"privacymap {made.version}")),
        ("Status", Cell(made.banner or "Checked: no finding blocked the build")),
        ("Findings", Cell(f"{made.findings[:1].upper()}{made.findings[1:]}"
                          + (" (see the Findings sheet)" if made.findings != "no findings"
                             else ""))),
        ("How to regenerate", Cell(
            f"From the data map's project folder run: privacymap build {target} -o OUT "
            "(add --only ropa for this workbook alone). Edit the data map, not this file: "
            "the workbook is rebuilt from it.")),
        *((f"\u201c{word}\u201d", Cell(f"{word}: {meaning}", state=state))
          for state, (word, meaning) in STATES.items()),
        ("Law", Cell("Each legal citation the ROPA sheet names is listed once on the Law "
                     "sheet, with its link.")),
        ("Colours", Cell("Green headings: required by UK GDPR Art 30 or DPA 2018 Sch 1 "
                         "para 41. Blue headings: optional (good practice), as in the ICO's "
                         "documentation template for controllers (columns A-AD). Grey "
                         "headings (AE on): added by privacymap for an auditor.")),
        ("Formulas", Cell("No cell holds a formula: every value is literal text.")),
    ]  # fmt: skip
    return Table("About", ("Item", "Value"), tuple((Cell(k), v) for k, v in items), (22, 100))


def _published(value: PublishedDate | None) -> str | None:
    """ISO for a day (as before); a month as published ("March 2024"), never a made-up day."""
    if value is None:
        return None
    return value.isoformat() if value.day else value.text


@dataclass(frozen=True)
class Workbook:
    """Everything the ROPA workbook shows, as data."""

    contacts: list[tuple[str, Cell, Cell, Cell, Cell]]
    ropa: Table
    others: tuple[Table, ...]
    title: str
    author: str
    last_updated: str | None
    """The first day the notice's last update could be (a timestamp for the file, not shown)."""
    provenance: Provenance = field(default_factory=Provenance)


def workbook(
    index: Index,
    diagnostics: Iterable[Diagnostic] = (),
    draft: bool = False,
    source: str | None = None,
    commit: str | None = None,
    law_as_at: dt.date | None = None,
) -> Workbook:
    """The whole workbook as data: contact block, ROPA table and the further sheets."""
    dm = index.datamap
    diagnostics = tuple(diagnostics)
    provenance = Provenance(
        draft=draft,
        problems=sum(1 for d in diagnostics if not d.waived and d.severity != "info"),
        as_at=_published(dm.notice.last_updated),
        commit=commit,
        law_as_at=law_as_at.isoformat() if law_as_at else None,
        findings=findings_summary(diagnostics),
    )
    return Workbook(
        contacts=contact_block(index),
        ropa=ropa_table(index),
        others=(
            law_table(index),
            flows_table(index),
            recipients_table(index),
            retention_table(index),
            findings_table(diagnostics),
            about_table(index, source, provenance),
        ),
        title=f"Record of processing activities: {dm.controller.name}",
        author=dm.controller.name,
        last_updated=(
            dm.notice.last_updated.first_day.isoformat() if dm.notice.last_updated else None
        ),
        provenance=provenance,
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


def _once(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
