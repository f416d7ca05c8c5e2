"""PM3xx special category (Art 9) and criminal offence (Art 10) data."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from privacymap import law
from privacymap.checks import Context, check
from privacymap.checks._common import (
    Affected,
    Path,
    also_at,
    finding,
    related,
    waived_apart,
)
from privacymap.diagnostics import Diagnostic
from privacymap.index import KIND_OF_SECTION, Index
from privacymap.model import (
    SPECIAL_CATEGORY_NAMES,
    Activity,
    Category,
    Condition,
    CriminalOffenceCondition,
    LawfulBasis,
)
from privacymap.text import join_words

_Kinds = tuple[str, ...]
"""The Art 9(1) types an affected activity or flow carries (none for Art 10)."""


def _special_kinds(categories: Iterable[Category]) -> tuple[str, ...]:
    return tuple(sorted({s for c in categories for s in c.special}))


def _special_names(kinds: Iterable[tuple[str, ...]]) -> dict[str, Any]:
    """The `special` field: the Art 9(1) types carried, in words."""
    every = sorted({k for group in kinds for k in group})
    return {"special": join_words([SPECIAL_CATEGORY_NAMES[k] for k in every])}


def _by_root(
    index: Index,
    context: Context,
    roots: dict[tuple[str, str], list[tuple[Affected, _Kinds]]],
    describe: Callable[[list[_Kinds]], dict[str, Any]],
) -> Iterator[Diagnostic]:
    """One finding per root (a category, or an activity for its flows), the rest "also at".

    `roots` maps (section, id) to the places affected, each with the Art 9(1)
    types it carries; places a waiver names on their own are reported on their own.
    """
    for (section, root_id), entries in roots.items():
        kinds = {a.subject: k for a, k in entries}
        alone, grouped = waived_apart(index, context.rule, [a for a, _ in entries])
        for item in alone:
            yield finding(
                context,
                index,
                item.path,
                item.subject,
                what=item.label,
                **describe([kinds[item.subject]]),
            )
        if grouped:
            subject = f"{KIND_OF_SECTION[section]}:{root_id}"
            yield finding(
                context,
                index,
                index.path_of(section, root_id),
                subject,
                related=also_at(index, grouped),
                what=join_words([a.label for a in grouped]),
                **describe([kinds[a.subject] for a in grouped]),
            )


def _first(categories: Iterable[Category], flag: Callable[[Category], bool]) -> str:
    return min(c.id for c in categories if flag(c))


@check("PM301")
def special_category_without_condition(index: Index, context: Context) -> Iterator[Diagnostic]:
    """Rooted at the special category (activities) or the activity (flows with their own data)."""
    roots: dict[tuple[str, str], list[tuple[Affected, _Kinds]]] = {}
    for i, activity in enumerate(index.datamap.activities):
        categories = index.activity_categories(activity)
        if any(c.special for c in categories) and not index.activity_conditions(activity):
            root = ("categories", _first(categories, lambda c: bool(c.special)))
            item = Affected(
                ("activities", i), f"activity:{activity.id}", f"activity '{activity.id}'"
            )
            roots.setdefault(root, []).append((item, _special_kinds(categories)))
            continue  # its flows inherit the missing condition: one finding, not one per flow
        for flow in index.flows_of(activity.id):
            if flow.special and not flow.conditions:
                item = Affected(flow.path, flow.subject, f"{flow.direction} {flow.id}")
                roots.setdefault(("activities", activity.id), []).append(
                    (item, _special_kinds(flow.categories))
                )
    yield from _by_root(index, context, roots, _special_names)


def _conditions(index: Index) -> Iterator[tuple[int, Condition, law.Art9Condition]]:
    for i, condition in enumerate(index.datamap.conditions):
        found = law.art9_condition(condition.condition)
        if found is not None:
            yield i, condition, found


@check("PM302")
def missing_schedule1_part1(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, condition, art9 in _conditions(index):
        if art9.schedule1_part == 1 and not condition.schedule1:
            yield finding(
                context,
                index,
                ("conditions", i),
                f"condition:{condition.id}",
                id=condition.id,
                point=art9.point,
                paragraph=join_words([str(n) for n in art9.schedule1_paragraphs]),
            )


@check("PM303")
def missing_schedule1_part2(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, condition, art9 in _conditions(index):
        if art9.schedule1_part == 2 and not condition.schedule1:
            yield finding(
                context, index, ("conditions", i), f"condition:{condition.id}", id=condition.id
            )


@check("PM304")
def schedule1_wrong_part(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, condition, art9 in _conditions(index):
        if art9.schedule1_part is None:
            continue
        for j, entry in enumerate(condition.schedule1):
            for number in index.schedule1_numbers(entry):
                if number in art9.schedule1_paragraphs:
                    continue
                paragraph = law.schedule1_paragraph(number)
                what = (
                    f"para {number} ({paragraph.heading}) is in Part {paragraph.part}"
                    if paragraph is not None and paragraph.condition
                    else f"para {number} is not a condition of Schedule 1"
                )
                yield finding(
                    context,
                    index,
                    ("conditions", i, "schedule1", j),
                    f"condition:{condition.id}:{number}",
                    id=condition.id,
                    what=what,
                    point=art9.point,
                    part=art9.schedule1_part,
                )


def _numbers(index: Index, item: Condition | CriminalOffenceCondition) -> list[int]:
    return [n for e in item.schedule1 for n in index.schedule1_numbers(e)]


EXTENSIONS = {36, 37}
"""Sch 1 Part 3 paragraphs that extend Part 2 conditions to criminal offence data."""
INSURANCE = 20


@check("PM305")
def policy_document_missing(index: Index, context: Context) -> Iterator[Diagnostic]:
    for section in ("conditions", "criminal_offence_conditions"):
        for i, item in enumerate(getattr(index.datamap, section)):
            if item.policy_document:
                continue
            numbers = _numbers(index, item)
            needing: list[int] = []
            exceptions: list[str] = []
            for number in numbers:
                paragraph = law.schedule1_paragraph(number)
                if paragraph is None or not paragraph.condition:
                    continue
                if paragraph.apd_required and paragraph.apd_exception:
                    if item.apd_exception:
                        continue  # e.g. a disclosure to a competent authority, para 10(2)
                    exceptions.append(paragraph.apd_exception)
                if paragraph.apd_required or _extension_needs_apd(number, numbers):
                    needing.append(number)
            if needing:
                exception = (
                    f"; {' '.join(exceptions)} If that is the processing, set `apd_exception: true`"
                    if exceptions
                    else ""
                )
                yield finding(
                    context,
                    index,
                    (section, i),
                    f"{section}:{item.id}",
                    id=item.id,
                    paragraphs=join_words([f"para {n}" for n in sorted(set(needing))]),
                    exception=exception,
                )


def _extension_needs_apd(number: int, numbers: list[int]) -> bool:
    """Paras 36 and 37 need an APD whenever the Part 2 condition they extend does."""
    if number == 37:
        underlying = law.schedule1_paragraph(INSURANCE)
        return bool(underlying and underlying.apd_required)
    if number == 36:
        return any(
            (p := law.schedule1_paragraph(n)) is not None and p.part == 2 and bool(p.apd_required)
            for n in numbers
        )
    return False


@check("PM306")
def criminal_offence_without_art10(index: Index, context: Context) -> Iterator[Diagnostic]:
    """Rooted at the criminal offence category (activities) or the activity (its flows)."""
    roots: dict[tuple[str, str], list[tuple[Affected, _Kinds]]] = {}
    for i, activity in enumerate(index.datamap.activities):
        categories = index.activity_categories(activity)
        has_route = bool(
            index.resolve("criminal_offence_conditions", activity.criminal_offence_conditions)
        )
        if any(c.criminal_offence for c in categories):
            if not has_route:
                root = ("categories", _first(categories, lambda c: c.criminal_offence))
                item = Affected(
                    ("activities", i), f"activity:{activity.id}", f"activity '{activity.id}'"
                )
                roots.setdefault(root, []).append((item, ()))
            continue
        for flow in index.flows_of(activity.id):
            if flow.criminal_offence and not flow.criminal_offence_conditions:
                item = Affected(flow.path, flow.subject, f"{flow.direction} {flow.id}")
                roots.setdefault(("activities", activity.id), []).append((item, ()))
    yield from _by_root(index, context, roots, lambda _: {})


@check("PM307")
def art10_route_incomplete(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, item in enumerate(index.datamap.criminal_offence_conditions):
        subject = f"criminal_offence_conditions:{item.id}"
        if item.route == "official-authority" and not item.law:
            yield finding(
                context,
                index,
                ("criminal_offence_conditions", i),
                subject,
                id=item.id,
                problem="relies on official authority but cites no law "
                "giving the controller that authority",
            )
        if item.route == "schedule1":
            numbers = _numbers(index, item)
            if not item.schedule1:
                yield finding(
                    context,
                    index,
                    ("criminal_offence_conditions", i),
                    subject,
                    id=item.id,
                    problem="relies on a Schedule 1 condition but names no paragraph",
                )
            if 36 in numbers and not any(
                (p := law.schedule1_paragraph(n)) is not None and p.part == 2 and p.condition
                for n in numbers
            ):
                yield finding(
                    context,
                    index,
                    ("criminal_offence_conditions", i, "schedule1"),
                    f"{subject}:36",
                    id=item.id,
                    problem="names Sch 1 para 36 but not the Part 2 condition it "
                    "extends; para 36 is met only where a Part 2 condition would be",
                )
            for number in numbers:
                paragraph = law.schedule1_paragraph(number)
                if paragraph is None or not paragraph.condition or not paragraph.art10:
                    heading = f" ({paragraph.heading})" if paragraph and paragraph.heading else ""
                    yield finding(
                        context,
                        index,
                        ("criminal_offence_conditions", i, "schedule1"),
                        f"{subject}:{number}",
                        id=item.id,
                        problem=f"names Sch 1 para {number}{heading}, which cannot "
                        "authorise criminal offence data",
                    )


def _without_consent(index: Index, group: Condition | CriminalOffenceCondition) -> list[int]:
    """Sch 1 paragraphs of `group` met only by processing carried out without consent.

    Para 20 is left out: its consent requirement (20(3)) applies only in some cases.
    """
    found = []
    for number in _numbers(index, group):
        paragraph = law.schedule1_paragraph(number)
        if paragraph and paragraph.without_consent and not paragraph.without_consent_when:
            found.append(number)
    return found


Groups = tuple[Condition | CriminalOffenceCondition, ...]


def _operations(
    index: Index, activity: Activity, i: int
) -> Iterator[tuple[Path, str, str, tuple[LawfulBasis, ...], Groups]]:
    """Each processing operation of an activity as (path, words, subject, bases, conditions):
    the activity's own use of the data, then each flow that sets its own bases or conditions."""
    yield (
        ("activities", i),
        f"activity '{activity.id}'",
        f"activity:{activity.id}",
        index.activity_bases(activity),
        (
            *index.activity_conditions(activity),
            *index.resolve("criminal_offence_conditions", activity.criminal_offence_conditions),
        ),
    )
    for flow in index.flows_of(activity.id):
        spec = flow.spec
        if spec.bases or spec.conditions or spec.criminal_offence_conditions:
            yield (
                flow.path,
                f"{flow.direction} {flow.id}",
                flow.subject,
                flow.bases,
                (*flow.conditions, *flow.criminal_offence_conditions),
            )


@check("PM310")
def schedule1_entry_not_schedule1(index: Index, context: Context) -> Iterator[Diagnostic]:
    for section in ("conditions", "criminal_offence_conditions"):
        for i, item in enumerate(getattr(index.datamap, section)):
            for j, entry in enumerate(item.schedule1):
                if not index.schedule1_numbers(entry):
                    yield finding(
                        context,
                        index,
                        (section, i, "schedule1", j),
                        f"{section}:{item.id}:{entry}",
                        id=item.id,
                        entry=entry,
                    )


@check("PM308")
def safeguarding_condition_with_consent(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    for i, activity in enumerate(dm.activities):
        for path, what, subject, bases, groups in _operations(index, activity, i):
            consent = [law.basis_label(b.basis) for b in bases if b.basis == "consent"]
            consent += [
                law.condition_label(g.condition)
                for g in groups
                if isinstance(g, Condition) and g.condition == "explicit-consent"
            ]
            if not consent:
                continue
            for group in dict.fromkeys(groups):
                numbers = _without_consent(index, group)
                if not numbers:
                    continue
                section = (
                    "conditions"
                    if isinstance(group, Condition)
                    else ("criminal_offence_conditions")
                )
                yield finding(
                    context,
                    index,
                    path,
                    f"{subject}:{group.id}",
                    related=related(
                        index,
                        index.path_of(section, group.id),
                        f"'{group.id}' relies on Sch 1 "
                        f"{join_words([f'para {n}' for n in numbers])} here",
                    ),
                    what=what,
                    consent=join_words(list(dict.fromkeys(consent))),
                    condition=group.id,
                    paragraphs=join_words([f"para {n}" for n in numbers]),
                )


REASONS = {
    "cannot-be-given": "consent cannot be given",
    "cannot-reasonably-be-obtained": "the controller cannot reasonably be expected to obtain "
    "consent",
    "would-prejudice": "seeking consent would prejudice the protection or service",
}


@check("PM309")
def without_consent_reason_not_recorded(index: Index, context: Context) -> Iterator[Diagnostic]:
    for section in ("conditions", "criminal_offence_conditions"):
        for i, item in enumerate(getattr(index.datamap, section)):
            recorded = item.without_consent.reason if item.without_consent else None
            for number in dict.fromkeys(_numbers(index, item)):
                paragraph = law.schedule1_paragraph(number)
                if paragraph is None or not paragraph.without_consent:
                    continue
                allowed = paragraph.without_consent
                accepts = join_words([REASONS[r] for r in allowed]).replace(" and ", " or ")
                if len(allowed) == 1 and number != 12:
                    accepts += ", and is not aware of the person withholding it"
                if recorded is None:
                    if paragraph.without_consent_when:
                        continue  # para 20(3): only in some cases, which the map cannot show
                    problem = (
                        "records no reason for processing without consent; it is met only "
                        f"where the processing is carried out without consent because "
                        f"{accepts}"
                    )
                    path: Path = (section, i)
                elif recorded not in allowed:
                    problem = (
                        f"records the reason '{recorded}'; para {number} accepts only "
                        f"that {accepts}"
                    )
                    path = (section, i, "without_consent", "reason")
                else:
                    continue
                yield finding(
                    context,
                    index,
                    path,
                    f"{section}:{item.id}:{number}",
                    id=item.id,
                    paragraph=number,
                    problem=problem,
                )


CONFIDENTIALITY = {
    "health-social-care": ("health or social care (Art 9(2)(h))", "Art 9(3), DPA 2018 s 11(1)"),
    "public-health": ("public health (Art 9(2)(i))", "DPA 2018 Sch 1 para 3"),
}
"""Art 9 conditions met only where someone owing a duty of confidentiality is responsible."""

CONFIDENTIALITY_STATED = re.compile(r"\bconfidential|\bsecrecy\b", re.I)
"""Published wording that already says who owes the duty ("used by, or under the
responsibility of, professionals who owe you a duty of confidentiality")."""


@check("PM356")
def health_condition_without_confidentiality(
    index: Index, context: Context
) -> Iterator[Diagnostic]:
    for i, item in enumerate(index.datamap.conditions):
        needs = CONFIDENTIALITY.get(item.condition)
        if needs is None or (item.confidentiality or "").strip():
            continue
        if CONFIDENTIALITY_STATED.search(item.wording or ""):
            continue
        condition, safeguard = needs
        yield finding(
            context,
            index,
            ("conditions", i, "condition"),
            f"condition:{item.id}",
            id=item.id,
            condition=condition,
            safeguard=safeguard,
        )
