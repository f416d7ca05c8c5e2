"""Which kind of change a changed field is: the per-field table of the comparison.

A field not in the table is wording when it holds published prose or a name,
and record-keeping otherwise. Fields whose effect depends on inheritance
(lawful bases and conditions of activities, purposes and flows) and the flows
themselves are compared on their resolved values in `privacymap.changes.derived`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from privacymap.changes.values import special_words, words
from privacymap.law import period_days, period_in_words


@dataclass(frozen=True)
class Delta:
    """One change found in a field: its kind, what changed, and the values in words."""

    kind: str
    what: str
    old: str | None = None
    new: str | None = None
    sensitive: str | None = None
    """Special category or criminal offence data involved, in words."""


@dataclass(frozen=True)
class FieldChange:
    """A field whose value differs: old (references in new ids) and new, as plain data."""

    section: str
    field: str
    old: object
    new: object
    name_of: Callable[[str, str], str]
    """`name_of(section, id)`: the name of a referenced object, for messages."""


Rule = Callable[[FieldChange], Iterator[Delta]]

PROSE = frozenset({
    "name", "description", "title", "body", "introduction", "aims", "wording", "how", "task",
    "notes", "when", "uses", "statement", "examples", "record", "form", "areas", "formerly",
    "logic", "significance", "security", "location", "business_function", "group", "sections",
    "links", "full_notice", "child_friendly_version",
})  # fmt: skip
"""Fields that hold what the notice says in words, or names: changes there are wording."""


def kind_of(kind: str) -> Rule:
    """Any change of the field is one change of `kind`."""

    def rule(change: FieldChange) -> Iterator[Delta]:
        yield Delta(kind, f"{change.field} changed", words(change.old), words(change.new))

    return rule


def ids(section: str, added: str, removed: str) -> Rule:
    """A list of references: each id added is `added`, each removed `removed`."""

    def rule(change: FieldChange) -> Iterator[Delta]:
        yield from _id_lists(change, section, added, removed)

    return rule


def _id_lists(change: FieldChange, section: str, added: str, removed: str) -> Iterator[Delta]:
    old, new = _ids(change.old), _ids(change.new)
    for item in new:
        if item not in old:
            yield Delta(
                added,
                f"{change.field}: added '{item}' ({change.name_of(section, item)})",
                None,
                item,
            )
    for item in old:
        if item not in new:
            yield Delta(removed, f"{change.field}: removed '{item}'", item, None)
    if set(old) == set(new):
        yield Delta("reordered", f"{change.field} reordered", words(change.old), words(change.new))


def _ids(value: object) -> tuple[str, ...]:
    if isinstance(value, tuple):
        return tuple(str(v) for v in value)
    return () if value is None else (str(value),)


def flag(became_true: str, became_false: str, meaning: str) -> Rule:
    """A yes/no field: `meaning` says what yes means ("contains criminal offence data")."""

    def rule(change: FieldChange) -> Iterator[Delta]:
        now = bool(change.new)
        yield Delta(
            became_true if now else became_false,
            f"{'now' if now else 'no longer'} {meaning}",
            words(change.old),
            words(change.new),
        )

    return rule


def special(change: FieldChange) -> Iterator[Delta]:
    """A category's Art 9(1) special categories."""
    old, new = set(_ids(change.old)), set(_ids(change.new))
    gained = sorted(new - old)
    lost = sorted(old - new)
    if gained:
        yield Delta(
            "new-special-category",
            f"now special category data: {special_words(gained)}",
            special_words(sorted(old)) or None,
            special_words(sorted(new)),
            special_words(gained),
        )
    if lost:
        yield Delta(
            "removed-data",
            f"no longer special category data: {special_words(lost)}",
            special_words(sorted(old)),
            special_words(sorted(new)) or None,
        )


def period(change: FieldChange) -> Iterator[Delta]:
    """A retention period: longer, shorter, the same length written differently, or set/unset."""
    old, new = change.old, change.new
    old_days = period_days(old if isinstance(old, str) else None)
    new_days = period_days(new if isinstance(new, str) else None)
    shown_old = period_in_words(old) if isinstance(old, str) else None
    shown_new = period_in_words(new) if isinstance(new, str) else None
    if old_days is None or new_days is None:
        what = "a period set" if new_days is not None else "the period removed"
        yield Delta("retention-changed", what, shown_old, shown_new)
    elif new_days > old_days:
        yield Delta(
            "longer-retention", f"kept longer: {shown_old} -> {shown_new}", shown_old, shown_new
        )
    elif new_days < old_days:
        yield Delta(
            "shorter-retention",
            f"kept for less time: {shown_old} -> {shown_new}",
            shown_old,
            shown_new,
        )
    else:
        yield Delta("wording", "the same period written differently", str(old), str(new))


def trigger(change: FieldChange) -> Iterator[Delta]:
    """The event a retention period runs from: a different one cannot be compared."""
    yield Delta(
        "retention-changed",
        "the period now runs from a different event",
        words(change.old),
        words(change.new),
    )


def country(change: FieldChange) -> Iterator[Delta]:
    """A recipient moving abroad is a transfer outside the UK."""
    abroad = change.new != "GB"
    yield Delta(
        "new-transfer" if abroad else "transfer-changed",
        f"country {words(change.old)} -> {words(change.new)}",
        words(change.old),
        words(change.new),
    )


def internal(change: FieldChange) -> Iterator[Delta]:
    """A recipient leaving the organisation receives data as a new, outside recipient."""
    if change.new:
        yield Delta("recipient-changed", "now part of the organisation", "no", "yes")
    else:
        yield Delta("new-recipient", "now outside the organisation", "yes", "no")


def automated(change: FieldChange) -> Iterator[Delta]:
    """An automated decision-making statement: whether it exists, and what it says."""
    old = change.old if isinstance(change.old, dict) else {}
    new = change.new if isinstance(change.new, dict) else {}
    if new.get("exists") and not old.get("exists"):
        yield Delta(
            "new-automated-decisions",
            "decisions are now made by automated means alone",
            words(old or None),
            words(new),
        )
    elif old.get("exists") and not new.get("exists"):
        yield Delta(
            "automated-decisions-changed",
            "no longer makes automated decisions",
            words(old),
            words(new or None),
        )
    elif {k: v for k, v in old.items() if k != "description"} != {
        k: v for k, v in new.items() if k != "description"
    }:
        yield Delta(
            "automated-decisions-changed",
            f"{change.field} changed",
            words(old or None),
            words(new or None),
        )
    else:
        yield Delta(
            "wording", f"{change.field} description changed", words(old or None), words(new or None)
        )


def consent(change: FieldChange) -> Iterator[Delta]:
    """Whether consent is sought, and how it can be withdrawn, is told with the basis."""
    old = change.old if isinstance(change.old, dict) else {}
    new = change.new if isinstance(change.new, dict) else {}
    for name in ("required", "withdrawal"):
        if old.get(name) != new.get(name):
            yield Delta(
                "basis-detail-changed",
                f"consent {name} changed",
                words(old.get(name)),
                words(new.get(name)),
            )
    for name in ("how", "record"):
        if old.get(name) != new.get(name):
            yield Delta(
                "wording" if name == "how" else "record-keeping",
                f"consent {name} changed",
                words(old.get(name)),
                words(new.get(name)),
            )


PERSON = ("name", "team", "organisation", "address", "email", "telephone", "url")

FIELDS: dict[str, dict[str, Rule]] = {
    "subjects": {"children": flag("new-subjects", "removed-data", "includes children")},
    "categories": {
        "special": special,
        "criminal_offence": flag(
            "new-criminal-offence-data", "removed-data", "contains criminal offence data"
        ),
    },
    "sources": {
        "provides": ids("categories", "source-new-categories", "removed-data"),
        "kind": kind_of("source-changed"),
        "publicly_accessible": kind_of("source-changed"),
    },
    "recipients": {
        "internal": internal,
        "role": kind_of("recipient-changed"),
        "kind": kind_of("recipient-changed"),
        "country": country,
        "contract": kind_of("record-keeping"),
    },
    "lawful_bases": {
        "basis": kind_of("changed-basis"),
        "annex1": kind_of("changed-basis"),  # the recognised legitimate interest relied on
        "law": kind_of("basis-law-changed"),
        "interests": kind_of("basis-detail-changed"),
        "withdrawal": kind_of("basis-detail-changed"),
    },
    "conditions": {
        "condition": kind_of("changed-basis"),
        "schedule1": kind_of("changed-basis"),
        "law": kind_of("basis-law-changed"),
    },
    "criminal_offence_conditions": {
        "route": kind_of("changed-basis"),
        "schedule1": kind_of("changed-basis"),
        "law": kind_of("basis-law-changed"),
    },
    "activities": {
        "purposes": ids("purposes", "new-purpose", "removed-purpose"),
        "subjects": ids("subjects", "new-subjects", "removed-data"),
        "categories": ids("categories", "new-category", "removed-data"),
        "retention": ids("retention", "retention-changed", "retention-changed"),
        "joint_controller": kind_of("recipient-changed"),
        "consent": consent,
        "automated_decision_making": automated,
    },
    "retention": {
        "period": period,
        "trigger": trigger,
        "criteria": kind_of("retention-changed"),
        "authority": kind_of("retention-changed"),
        "disposal": kind_of("retention-changed"),
        "categories": ids("categories", "retention-changed", "retention-changed"),
    },
    "contacts": {name: kind_of("rights-contact") for name in (*PERSON, "role")},
    "controller": {
        **{name: kind_of("controller-contact") for name in PERSON},
        "public_authority": kind_of("controller-contact"),
        "representative": kind_of("controller-contact"),
        "website": kind_of("record-keeping"),
        "name": kind_of("controller-contact"),
    },
    "dpo": {name: kind_of("dpo-contact") for name in PERSON},
    "supervisory_authority": {name: kind_of("rights-contact") for name in PERSON},
    "rights_requests": {name: kind_of("rights-contact") for name in ("contact", "how", "identity")},
    "requirement_to_provide": {
        name: kind_of("requirement-changed")
        for name in ("statutory", "contractual", "obliged", "statement", "consequences")
    },
    "retention_policy": {"statement": kind_of("retention-changed")},
    "automated_decision_making": {},
}
"""Section -> field -> rule; sections holding a single object are named like id sections."""

CONTACT_ROLES_FOR_RIGHTS = frozenset({"rights-requests", "complaints", "data-protection"})
"""Contacts whose details are how people use their rights or complain."""


def rule_for(section: str, field: str) -> Rule:
    """The rule for a changed field: from the table, else wording or record-keeping."""
    found = FIELDS.get(section, {}).get(field)
    if found is not None:
        return found
    return kind_of("wording" if field in PROSE else "record-keeping")
