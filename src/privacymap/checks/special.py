"""PM3xx special category (Art 9) and criminal offence (Art 10) data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from privacymap import law
from privacymap.checks import Context, check
from privacymap.checks._common import finding, names, related, schedule1_numbers
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.model import SPECIAL_CATEGORY_NAMES, Category, Condition

SAFEGUARDING_PARAGRAPH = 18


def _special_names(categories: Iterable[Category]) -> str:
    kinds = sorted({s for c in categories for s in c.special})
    return names([SPECIAL_CATEGORY_NAMES[k] for k in kinds])


@check("PM301")
def special_category_without_condition(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, activity in enumerate(index.datamap.activities):
        categories = index.activity_categories(activity)
        if any(c.special for c in categories) and not index.activity_conditions(activity):
            yield finding("PM301", index, ("activities", i), f"activity:{activity.id}",
                          what=f"activity '{activity.id}'", special=_special_names(categories))
            continue  # its flows inherit the missing condition: one finding, not one per flow
        for flow in index.flows_of(activity.id):
            if flow.special and not flow.conditions:
                yield finding("PM301", index, flow.path, flow.subject,
                              what=f"{flow.direction} {flow.id}",
                              special=_special_names(flow.categories))


def _conditions(index: Index) -> Iterator[tuple[int, Condition, law.Art9Condition]]:
    for i, condition in enumerate(index.datamap.conditions):
        found = law.art9_condition(condition.condition)
        if found is not None:
            yield i, condition, found


@check("PM302")
def missing_schedule1_part1(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, condition, art9 in _conditions(index):
        if art9.schedule1_part == 1 and not condition.schedule1:
            yield finding("PM302", index, ("conditions", i), f"condition:{condition.id}",
                          id=condition.id, point=art9.point,
                          paragraph=names([str(n) for n in art9.schedule1_paragraphs]))


@check("PM303")
def missing_schedule1_part2(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, condition, art9 in _conditions(index):
        if art9.schedule1_part == 2 and not condition.schedule1:
            yield finding("PM303", index, ("conditions", i), f"condition:{condition.id}",
                          id=condition.id)


@check("PM304")
def schedule1_wrong_part(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, condition, art9 in _conditions(index):
        if art9.schedule1_part is None:
            continue
        for j, entry in enumerate(condition.schedule1):
            for number in schedule1_numbers(index, entry):
                if number in art9.schedule1_paragraphs:
                    continue
                paragraph = law.schedule1_paragraph(number)
                what = (
                    f"para {number} ({paragraph.heading}) is in Part {paragraph.part}"
                    if paragraph is not None and paragraph.condition
                    else f"para {number} is not a condition of Schedule 1"
                )
                yield finding(
                    "PM304", index, ("conditions", i, "schedule1", j),
                    f"condition:{condition.id}:{number}",
                    id=condition.id, what=what, point=art9.point,
                    part=art9.schedule1_part,
                )


@check("PM305")
def policy_document_missing(index: Index, context: Context) -> Iterator[Diagnostic]:
    for section in ("conditions", "criminal_offence_conditions"):
        for i, item in enumerate(getattr(index.datamap, section)):
            if item.policy_document:
                continue
            needing = []
            for entry in item.schedule1:
                for number in schedule1_numbers(index, entry):
                    paragraph = law.schedule1_paragraph(number)
                    if paragraph is not None and paragraph.apd_required:
                        needing.append(number)
            if needing:
                yield finding("PM305", index, (section, i), f"{section}:{item.id}", id=item.id,
                              paragraphs=names([f"para {n}" for n in sorted(set(needing))]))


@check("PM306")
def criminal_offence_without_art10(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, activity in enumerate(index.datamap.activities):
        categories = index.activity_categories(activity)
        has_route = bool(index.resolve("criminal_offence_conditions",
                                        activity.criminal_offence_conditions))
        if any(c.criminal_offence for c in categories):
            if not has_route:
                yield finding("PM306", index, ("activities", i), f"activity:{activity.id}",
                              what=f"activity '{activity.id}'")
            continue
        for flow in index.flows_of(activity.id):
            if flow.criminal_offence and not flow.criminal_offence_conditions:
                yield finding("PM306", index, flow.path, flow.subject,
                              what=f"{flow.direction} {flow.id}")


@check("PM307")
def art10_route_incomplete(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, item in enumerate(index.datamap.criminal_offence_conditions):
        subject = f"criminal_offence_conditions:{item.id}"
        if item.route == "official-authority" and not item.law:
            yield finding("PM307", index, ("criminal_offence_conditions", i), subject,
                          id=item.id, problem="relies on official authority but cites no law "
                          "giving the controller that authority")
        if item.route == "schedule1":
            numbers = [n for e in item.schedule1 for n in schedule1_numbers(index, e)]
            if not item.schedule1:
                yield finding("PM307", index, ("criminal_offence_conditions", i), subject,
                              id=item.id, problem="relies on a Schedule 1 condition but names "
                              "no paragraph")
            for number in numbers:
                paragraph = law.schedule1_paragraph(number)
                if paragraph is None or not paragraph.condition or not paragraph.art10:
                    heading = f" ({paragraph.heading})" if paragraph and paragraph.heading else ""
                    yield finding("PM307", index, ("criminal_offence_conditions", i, "schedule1"),
                                  f"{subject}:{number}", id=item.id,
                                  problem=f"names Sch 1 para {number}{heading}, which cannot "
                                  "authorise criminal offence data")


@check("PM308")
def safeguarding_condition_with_consent(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    for i, activity in enumerate(dm.activities):
        if not (activity.consent and activity.consent.required):
            continue
        groups = list(index.activity_conditions(activity))
        groups += [c for f in index.flows_of(activity.id) for c in f.conditions]
        groups += list(index.resolve("criminal_offence_conditions",
                                      activity.criminal_offence_conditions))
        seen: set[str] = set()
        for group in groups:
            if group.id in seen:
                continue
            seen.add(group.id)
            if any(SAFEGUARDING_PARAGRAPH in schedule1_numbers(index, e) for e in group.schedule1):
                section = "conditions" if group in dm.conditions else "criminal_offence_conditions"
                yield finding(
                    "PM308", index, ("activities", i, "consent", "required"),
                    f"activity:{activity.id}:{group.id}",
                    related=related(index, index.path_of(section, group.id),
                                    f"'{group.id}' relies on Sch 1 para 18 here"),
                    id=activity.id, condition=group.id,
                )
