"""Rules for what the Data (Use and Access) Act 2025 changed, judged at the law-as-at date.

Bases that had not commenced (PM250), the Art 22B limits on solely automated
decisions (PM251, PM252), what a notice must say about them (PM651) and the
controller-complaints route (PM650). Commencement dates live in
data/commencements.yaml; rules that need a later commencement say so with
`applies_from` in rules.yaml and are not run before it.
"""

from __future__ import annotations

from collections.abc import Iterator

from privacymap import law
from privacymap.checks import Context, check
from privacymap.checks._common import finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.law.labels import basis_label
from privacymap.model import SPECIAL_CATEGORY_NAMES, Activity, AutomatedDecisionMaking
from privacymap.text import join_words

BY_LAW = frozenset({"contract", "legal-obligation", "public-task"})
"""Art 6 bases under which a decision is needed for a contract or required or authorised
by law (Art 22B(3)(b)); public task counts because its task is laid down by law (Art 6(3))."""


@check("PM250")
def basis_not_in_force(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, entry in enumerate(index.datamap.lawful_bases):
        basis = law.art6_basis(entry.basis)
        if basis is None or basis.in_force_from is None:
            continue
        if context.law_as_at < basis.in_force_from:
            yield finding(
                context,
                index,
                ("lawful_bases", i, "basis"),
                f"basis:{entry.id}",
                id=entry.id,
                basis=basis_label(basis.id),
                as_at=context.law_as_at.isoformat(),
                since=basis.in_force_from.isoformat(),
            )


def _automated(activity: Activity) -> bool:
    return bool(activity.automated_decision_making and activity.automated_decision_making.exists)


def _special(index: Index, activity: Activity) -> list[str]:
    found: set[str] = {s for c in index.activity_categories(activity) for s in c.special}
    found |= {s for f in index.flows_of(activity.id) for s in f.special}
    return sorted(found)


@check("PM251")
def automated_decision_on_special_data(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, activity in enumerate(index.datamap.activities):
        if not _automated(activity):
            continue
        special = _special(index, activity)
        if not special:
            continue
        flows = index.flows_of(activity.id)
        conditions = {c.condition for c in index.activity_conditions(activity)}
        conditions |= {c.condition for f in flows for c in f.conditions}
        bases = {b.basis for b in index.activity_bases(activity)}
        bases |= {b.basis for f in flows for b in f.bases}
        if "explicit-consent" in conditions:
            continue
        if "substantial-public-interest" in conditions and bases & BY_LAW:
            continue
        yield finding(
            context,
            index,
            ("activities", i, "automated_decision_making"),
            f"activity:{activity.id}",
            id=activity.id,
            special=join_words([SPECIAL_CATEGORY_NAMES[s] for s in special]),
        )


@check("PM252")
def automated_decision_on_recognised_interest(
    index: Index, context: Context
) -> Iterator[Diagnostic]:
    for i, activity in enumerate(index.datamap.activities):
        if not _automated(activity):
            continue
        bases = {b.basis for b in index.activity_bases(activity)}
        bases |= {b.basis for f in index.flows_of(activity.id) for b in f.bases}
        if "recognised-legitimate-interest" in bases:
            yield finding(
                context,
                index,
                ("activities", i, "automated_decision_making"),
                f"activity:{activity.id}",
                id=activity.id,
            )


def _unexplained(statement: AutomatedDecisionMaking) -> list[str]:
    missing = []
    if not (statement.logic or "").strip():
        missing.append("the logic involved")
    if not (statement.significance or "").strip():
        missing.append("its significance for the person")
    if not (statement.consequences or "").strip():
        missing.append("the envisaged consequences")
    return missing


@check("PM651")
def automated_decision_unexplained(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    statements: list[tuple[tuple[str | int, ...], str, str, AutomatedDecisionMaking | None]] = [
        (
            ("automated_decision_making",),
            dm.controller.name,
            "automated_decision_making",
            dm.automated_decision_making,
        )
    ]
    statements += [
        (
            ("activities", i, "automated_decision_making"),
            f"activity '{a.id}'",
            f"activity:{a.id}",
            a.automated_decision_making,
        )
        for i, a in enumerate(dm.activities)
    ]
    for path, where, subject, statement in statements:
        if statement is None or not statement.exists:
            continue
        missing = _unexplained(statement)
        if missing:
            yield finding(context, index, path, subject, where=where, missing=join_words(missing))


@check("PM650")
def no_complaints_route(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    if index.complaint_contacts() or (dm.complaints is not None and dm.complaints.route):
        return
    if index.given_elsewhere("complaints"):
        return
    if any("complain" in f"{s.id} {s.title}".lower() for s in dm.notice.sections):
        return
    yield finding(context, index, ("contacts",), "contacts:complaints", name=dm.controller.name)
