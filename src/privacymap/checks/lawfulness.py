"""PM2xx lawfulness: every flow has an Art 6 basis, and each basis is complete and apt."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from privacymap import law
from privacymap.checks import Context, check
from privacymap.checks._common import (
    Affected,
    also_at,
    finding,
    waived_apart,
)
from privacymap.diagnostics import Diagnostic, Related
from privacymap.index import KIND_OF_SECTION, Index, ModelPath
from privacymap.model import Activity, Condition, Flow, LawfulBasis, Purpose
from privacymap.text import join_words

STATUTORY = frozenset({"public-task", "legal-obligation"})


def _bases_where(
    index: Index, flag: Callable[[law.Art6Basis], bool]
) -> Iterator[tuple[int, LawfulBasis]]:
    """(position, basis) of the map's bases whose Art 6 catalogue entry has `flag`."""
    for i, basis in enumerate(index.datamap.lawful_bases):
        found = law.art6_basis(basis.basis)
        if found is not None and flag(found):
            yield i, basis


def _basis_root(index: Index, activity: Activity) -> tuple[str, str]:
    """(section, id) where a missing basis is rooted: the activity's first purpose, else it."""
    purposes = index.resolve("purposes", activity.purposes)
    return ("purposes", purposes[0].id) if purposes else ("activities", activity.id)


Gap = tuple[Affected, Activity, tuple[str, ...]]
"""A place left with no basis: the flow or activity, its activity, the purposes it lacks one for."""


def _basis_gaps(index: Index) -> dict[tuple[str, str], list[Gap]]:
    """Where processing is left with no Art 6 basis for a purpose, by the root of the gap.

    Art 6(1) needs a basis for each purpose: a flow left with none, a flow serving a
    purpose that gives it none, and an activity (storage, analysis, matching: not
    only its flows) with a purpose that has none, when it names no basis of its own
    (reported on the activity where none of its flows already shows that purpose's gap).
    """
    roots: dict[tuple[str, str], list[Gap]] = {}
    for flow in index.flows:
        affected = Affected(flow.path, flow.subject, f"{flow.direction} {flow.id}")
        if not flow.bases:
            purposes = tuple(p.id for p in flow.purposes)
            root = ("purposes", purposes[0]) if purposes else _basis_root(index, flow.activity)
            roots.setdefault(root, []).append((affected, flow.activity, purposes))
        for purpose in flow.unbased_purposes if flow.bases else ():
            roots.setdefault(("purposes", purpose.id), []).append(
                (affected, flow.activity, (purpose.id,))
            )
    for activity in index.datamap.activities:
        path = index.path_of("activities", activity.id)
        affected = Affected(path, f"activity:{activity.id}", f"activity '{activity.id}'")
        shown = {p for gaps in roots.values() for _, a, ps in gaps if a is activity for p in ps}
        for purpose in index.unbased_purposes(activity):
            if purpose.id not in shown:  # not already reported through the activity's flows
                roots.setdefault(("purposes", purpose.id), []).append(
                    (affected, activity, (purpose.id,))
                )
        if not activity.bases and not activity.purposes and not index.flows_of(activity.id):
            roots.setdefault(("activities", activity.id), []).append((affected, activity, ()))
    return roots


@check("PM201")
def flow_without_lawful_basis(index: Index, context: Context) -> Iterator[Diagnostic]:
    """One finding per purpose (or purpose-less activity) whose processing is left with no
    basis: its flows, and the activity itself where it names none."""
    for (section, root_id), gaps in _basis_gaps(index).items():
        by_subject = {gap[0].subject: gap for gap in gaps}
        alone, grouped = waived_apart(index, context.rule, [gap[0] for gap in gaps])
        for item in alone:
            yield _pm201(
                context, index, item.path, item.subject, [by_subject[item.subject]],
                (section, root_id), (),
            )  # fmt: skip
        if grouped:
            subject = f"{KIND_OF_SECTION[section]}:{root_id}"
            yield _pm201(
                context,
                index,
                index.path_of(section, root_id),
                subject,
                [by_subject[item.subject] for item in grouped],
                (section, root_id),
                also_at(index, grouped),
            )


def _pm201(
    context: Context,
    index: Index,
    path: ModelPath,
    subject: str,
    gaps: list[Gap],
    root: tuple[str, str],
    also: tuple[Related, ...],
) -> Diagnostic:
    activities = list(dict.fromkeys(a.id for _, a, _ in gaps))
    flows = [i for i, _, _ in gaps if i.subject.startswith("flow:")]
    who = join_words([f"'{a}'" for a in activities])
    who = f"activit{'ies' if len(activities) > 1 else 'y'} {who}"
    section, root_id = root
    the_flows = ("the flows" if len(flows) > 1 else "the flow") if flows else ""
    if section == "purposes":
        named = ", ".join(n for n in (the_flows, who) if n)
        chain = f"neither {named} nor purpose '{root_id}' names an Art 6(1) basis"
        where = f"purpose '{root_id}' (or to {who}{f' or {the_flows}' if flows else ''})"
    elif flows:
        chain = f"neither {the_flows} nor {who} (which serves no purpose) names an Art 6(1) basis"
        where = f"{who} (or to {the_flows})"
    else:
        chain = f"{who} serves no purpose and names no Art 6(1) basis"
        where = who
    purposes = list(dict.fromkeys(p for _, _, ps in gaps for p in ps))
    labels = [i.label for i in flows] + [
        i.label for i, _, _ in gaps if not i.subject.startswith("flow:")
    ]
    return finding(
        context,
        index,
        path,
        subject,
        related=also,
        flows=join_words(labels),
        purposes=join_words([f"'{p}'" for p in purposes]) or "no purpose recorded",
        serves="they serve" if len(labels) > 1 else "it serves",
        chain=chain,
        where=where,
    )


def _citation_sites(index: Index) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(model path, text) of every law citation relied on for a basis or condition."""
    dm = index.datamap
    for section in ("lawful_bases", "conditions", "criminal_offence_conditions"):
        for i, item in enumerate(getattr(dm, section)):
            for j, text in enumerate(item.law):
                yield (section, i, "law", j), text


@check("PM202")
def law_not_cited(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, basis in _bases_where(index, lambda b: b.needs_law):
        if not basis.law:
            yield finding(
                context,
                index,
                ("lawful_bases", i),
                f"basis:{basis.id}",
                id=basis.id,
                basis=law.basis_label(basis.basis),
            )


def _once_per_text(
    index: Index, context: Context, sites: Iterable[tuple[ModelPath, str]], **fields: Any
) -> Iterator[Diagnostic]:
    """One finding per citation text, at its first use, the other uses listed "also at".

    A waiver written for one use (`subject: citation:<section>:<n>:<text>`)
    still waives just that use, which is then reported on its own.
    """
    by_text: dict[str, list[Affected]] = {}
    for path, text in sites:
        subject = f"citation:{path[0]}:{path[1]}:{text}"
        by_text.setdefault(text, []).append(Affected(path, subject, f"'{text}' is cited here too"))
    for text, uses in by_text.items():
        alone, grouped = waived_apart(index, context.rule, uses)
        for use in alone:
            yield finding(context, index, use.path, use.subject, text=text, **fields)
        if grouped:
            yield finding(
                context,
                index,
                grouped[0].path,
                f"citation:{text}",
                related=also_at(index, grouped[1:]),
                text=text,
                **fields,
            )


@check("PM203")
def guidance_cited_as_law(index: Index, context: Context) -> Iterator[Diagnostic]:
    by_text: dict[str, list[tuple[ModelPath, str]]] = {}
    for path, text in _citation_sites(index):
        citation = index.citations.get(text)
        if isinstance(citation, law.Citation) and not citation.instrument.is_legislation:
            by_text.setdefault(text, []).append((path, text))
    for text, sites in by_text.items():
        citation = index.citations[text]
        assert isinstance(citation, law.Citation)
        edition = citation.edition
        superseded = (
            f"; the {edition.year} edition it cites was superseded by the "
            f"{edition.superseded_by} edition"
            if edition is not None and edition.superseded
            else ""
        )
        yield from _once_per_text(
            index, context, sites, title=citation.instrument.title, superseded=superseded
        )


def _all_citation_sites(index: Index) -> Iterator[tuple[ModelPath, str]]:
    """Every citation in the map: law relied on, Schedule 1 and Annex 1 entries, retention."""
    dm = index.datamap
    yield from _citation_sites(index)
    for section in ("conditions", "criminal_offence_conditions"):
        for i, item in enumerate(getattr(dm, section)):
            for j, entry in enumerate(item.schedule1):
                if isinstance(entry, str):
                    yield (section, i, "schedule1", j), entry
    for i, basis in enumerate(dm.lawful_bases):
        for j, entry in enumerate(basis.annex1):
            if isinstance(entry, str):
                yield ("lawful_bases", i, "annex1", j), entry
    for i, row in enumerate(dm.retention):
        if row.authority:
            yield ("retention", i, "authority"), row.authority


@check("PM204")
def invalid_citation(index: Index, context: Context) -> Iterator[Diagnostic]:
    by_text: dict[str, list[tuple[ModelPath, str]]] = {}
    for path, text in _all_citation_sites(index):
        result = index.citations.get(text)
        if not isinstance(result, law.CitationError):
            continue
        if path[0] == "retention" and result.code in {"no-instrument", "not-a-citation"}:
            continue  # a retention authority may be a policy, not a statute
        by_text.setdefault(text, []).append((path, text))
    for text, sites in by_text.items():
        result = index.citations[text]
        assert isinstance(result, law.CitationError)
        suggestion = f" (did you mean '{result.suggestion}'?)" if result.suggestion else ""
        yield from _once_per_text(
            index, context, sites, reason=result.reason, suggestion=suggestion
        )


@check("PM212")
def several_instruments_in_one_citation(index: Index, context: Context) -> Iterator[Diagnostic]:
    by_text: dict[str, list[tuple[ModelPath, str]]] = {}
    for path, text in _all_citation_sites(index):
        result = index.citations.get(text)
        if isinstance(result, law.Citation) and result.also:
            by_text.setdefault(text, []).append((path, text))
    for text, sites in by_text.items():
        citation = index.citations[text]
        assert isinstance(citation, law.Citation)
        titles = [i.title for i in citation.instruments]
        yield from _once_per_text(
            index,
            context,
            sites,
            titles=join_words(titles),
            each=", ".join(f'"{t}"' for t in titles),
        )


def _exemptions(citation: law.Citation) -> list[str]:
    """Cited provisions the catalogue records as exemptions (DPA 2018 Schs 2-4)."""
    return [p.display for p in citation.provisions if p.note and p.note.nature == "exemption"]


@check("PM213")
def exemption_cited_as_basis(index: Index, context: Context) -> Iterator[Diagnostic]:
    by_text: dict[str, list[tuple[ModelPath, str]]] = {}
    for path, text in _all_citation_sites(index):
        result = index.citations.get(text)
        if path[0] != "retention" and isinstance(result, law.Citation) and _exemptions(result):
            by_text.setdefault(text, []).append((path, text))
    for text, sites in by_text.items():
        citation = index.citations[text]
        assert isinstance(citation, law.Citation)
        provision = f"{citation.instrument.title} {join_words(_exemptions(citation))}"
        yield from _once_per_text(index, context, sites, provision=provision)


def _unavailable_to_public_authorities(basis: law.Art6Basis) -> bool:
    return basis.unavailable_to_public_authorities_for_tasks  # Art 6(1) closing words


@check("PM205")
def legitimate_interests_by_public_authority(
    index: Index, context: Context
) -> Iterator[Diagnostic]:
    if not index.datamap.controller.public_authority:
        return
    flag = _unavailable_to_public_authorities
    for i, basis in _bases_where(index, flag):
        yield finding(
            context,
            index,
            ("lawful_bases", i, "basis"),
            f"basis:{basis.id}",
            id=basis.id,
            basis=law.basis_label(basis.basis),
        )


@check("PM206")
def interests_not_stated(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, basis in _bases_where(index, lambda b: b.needs_interests):
        if not (basis.interests or "").strip():
            yield finding(context, index, ("lawful_bases", i), f"basis:{basis.id}", id=basis.id)


def _rights_contact(index: Index) -> bool:
    """Whether the notice tells people whom to ask to exercise their rights."""
    dm = index.datamap
    return bool(
        (dm.rights_requests and dm.rights_requests.contact)
        or bool(index.contacts_for("rights-requests"))
        or dm.dpo is not None
        or index.given_elsewhere("rights") is not None
    )


@check("PM207")
def consent_without_withdrawal(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    if any(r.right == "withdraw-consent" for r in dm.rights) and _rights_contact(index):
        return  # the right to withdraw is stated, with whom to contact (Art 7(3), 13(2)(c))
    consent_items: list[tuple[tuple[str | int, ...], LawfulBasis | Condition, str]] = [
        (("lawful_bases", i), b, law.basis_label(b.basis))
        for i, b in _bases_where(index, lambda b: b.needs_withdrawal)
    ]
    consent_items += [
        (("conditions", i), c, law.condition_label(c.condition))
        for i, c in enumerate(dm.conditions)
        if c.condition == "explicit-consent"
    ]
    for path, item, label in consent_items:
        if isinstance(item, LawfulBasis) and (item.withdrawal or "").strip():
            continue
        users = [a for a in dm.activities if item in _activity_groups(index, a)]
        if users and all(a.consent and (a.consent.withdrawal or "").strip() for a in users):
            continue
        subject = f"basis:{item.id}" if path[0] == "lawful_bases" else f"conditions:{item.id}"
        yield finding(context, index, path, subject, id=item.id, basis=label)


def _activity_groups(index: Index, activity: Activity) -> tuple[LawfulBasis | Condition, ...]:
    """The Art 6 bases and Art 9 conditions an activity or its flows rely on."""
    flows = index.flows_of(activity.id)
    return (
        *index.activity_bases(activity),
        *(b for f in flows for b in f.bases),
        *index.activity_conditions(activity),
        *(c for f in flows for c in f.conditions),
    )


@check("PM208")
def consent_alongside_statutory_basis(index: Index, context: Context) -> Iterator[Diagnostic]:
    if not index.datamap.controller.public_authority:
        return
    for i, activity in enumerate(index.datamap.activities):
        operations: list[tuple[tuple[str | int, ...], str, str, tuple[LawfulBasis, ...]]] = [
            (
                ("activities", i),
                f"activity '{activity.id}'",
                f"activity:{activity.id}",
                index.activity_bases(activity),
            )
        ]
        operations += [
            (f.path, f"{f.direction} {f.id}", f.subject, f.bases)
            for f in index.flows_of(activity.id)
            if f.spec.bases
        ]
        on_consent = conflict = False
        for path, what, subject, bases in operations:
            kinds = {b.basis for b in bases}
            if "consent" not in kinds:
                continue
            on_consent = True
            statutory = sorted(kinds & STATUTORY)
            if statutory:
                conflict = True
                yield finding(
                    context,
                    index,
                    path,
                    subject,
                    what=what,
                    problem="relies on consent and also on "
                    f"{join_words([law.basis_label(b) for b in statutory])} "
                    "for the same processing: "
                    "consent is not freely given where the authority will process anyway",
                )
        freely_given = activity.consent and (activity.consent.freely_given or "").strip()
        if on_consent and not conflict and not freely_given:
            yield finding(
                context,
                index,
                ("activities", i),
                f"activity:{activity.id}:freely-given",
                what=f"activity '{activity.id}'",
                problem="relies on consent, but the map does not record why consent to a public "
                "authority is freely given here",
            )


@check("PM209")
def unused_basis(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    flows: list[Flow] = [f for a in dm.activities for f in (*a.collects, *a.discloses)]
    holders: list[Activity | Purpose | Flow] = [*dm.activities, *dm.purposes, *flows]
    criminal_holders: list[Activity | Flow] = [*dm.activities, *flows]
    used = {
        "lawful_bases": {b for x in holders for b in x.bases},
        "conditions": {c for x in holders for c in x.conditions},
        "criminal_offence_conditions": {
            c for x in criminal_holders for c in x.criminal_offence_conditions
        },
    }
    for section, ids in used.items():
        for i, item in enumerate(getattr(dm, section)):
            if item.id not in ids:
                yield finding(
                    context,
                    index,
                    (section, i),
                    f"{section}:{item.id}",
                    kind=KIND_OF_SECTION[section],
                    id=item.id,
                )


@check("PM210")
def legal_obligation_relies_on_power(index: Index, context: Context) -> Iterator[Diagnostic]:
    for i, basis in enumerate(index.datamap.lawful_bases):
        if basis.basis != "legal-obligation":
            continue
        for j, text in enumerate(basis.law):
            citation = index.citations.get(text)
            if not isinstance(citation, law.Citation):
                continue
            powers = [p.display for p in citation.provisions if p.note and p.note.nature == "power"]
            if powers:
                yield finding(
                    context,
                    index,
                    ("lawful_bases", i, "law", j),
                    f"basis:{basis.id}:{text}",
                    id=basis.id,
                    provision=f"{citation.instrument.title} {join_words(powers)}",
                )


@check("PM211")
def recognised_interest_without_annex1_condition(
    index: Index, context: Context
) -> Iterator[Diagnostic]:
    for i, basis in enumerate(index.datamap.lawful_bases):
        if basis.basis != "recognised-legitimate-interest":
            continue
        subject = f"basis:{basis.id}"
        if not basis.annex1:
            yield finding(
                context,
                index,
                ("lawful_bases", i),
                subject,
                id=basis.id,
                problem="names no Annex 1 condition",
            )
            continue
        for j, entry in enumerate(basis.annex1):
            numbers = index.annex1_numbers(entry)
            if not numbers:
                yield finding(
                    context,
                    index,
                    ("lawful_bases", i, "annex1", j),
                    f"{subject}:{entry}",
                    id=basis.id,
                    problem=f"names '{entry}', which is not a paragraph of UK GDPR Annex 1",
                )
            for number in numbers:
                paragraph = law.annex1_paragraph(number)
                if paragraph is None or not paragraph.condition:
                    what = "a definition" if paragraph else "not in Annex 1"
                    yield finding(
                        context,
                        index,
                        ("lawful_bases", i, "annex1", j),
                        f"{subject}:{number}",
                        id=basis.id,
                        problem=f"names Annex 1 para {number}, which is {what}, not a condition",
                    )
