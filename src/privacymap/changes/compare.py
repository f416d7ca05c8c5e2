"""Walk two versions of a data map and record every change, each of a kind that
`privacymap.law.changes` classifies.

Objects with ids are paired by `match` (renames included); each pair's fields
are compared with the old version's references translated to the new ids,
and judged by the table in `fields`. Single objects (controller, DPO,
transfers, rights...) are compared the same way. What depends on inheritance
and on the whole map (effective lawful bases, flows, rights) is compared by
`derived`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pydantic import BaseModel

from privacymap.changes import derived
from privacymap.changes.fields import (
    CONTACT_ROLES_FOR_RIGHTS,
    Delta,
    FieldChange,
    rule_for,
)
from privacymap.changes.match import OBJECT_KIND, SECTIONS, Matching, Pair, match, object_name
from privacymap.changes.records import Change, ModelPath, Target
from privacymap.changes.values import special_words, words
from privacymap.diagnostics import Location
from privacymap.index import Index
from privacymap.law.changes import kind
from privacymap.model import Category, DataMap
from privacymap.sourcemap import format_path

ADDED: dict[str, str] = {
    "subjects": "new-subjects",
    "categories": "new-category",
    "sources": "new-source",
    "recipients": "new-recipient",
    "purposes": "new-purpose",
    "activities": "new-activity",
    "retention": "retention-changed",
    "contacts": "rights-contact",
    "lawful_bases": "restructured",
    "conditions": "restructured",
    "criminal_offence_conditions": "restructured",
}
"""Kind of an object that appears, by section (others: record-keeping)."""

REMOVED: dict[str, str] = {
    "subjects": "removed-data",
    "categories": "removed-data",
    "sources": "removed-source",
    "recipients": "removed-recipient",
    "purposes": "removed-purpose",
    "activities": "removed-purpose",
    "retention": "retention-changed",
    "contacts": "rights-contact",
    "lawful_bases": "restructured",
    "conditions": "restructured",
    "criminal_offence_conditions": "restructured",
}
"""Kind of an object that disappears, by section (others: record-keeping)."""

DERIVED_FIELDS: dict[str, frozenset[str]] = {
    "activities": frozenset(
        {"collects", "discloses", "bases", "conditions", "criminal_offence_conditions"}
    ),
    "purposes": frozenset({"bases", "conditions"}),
}
"""Fields compared on their resolved values by `derived`, not here."""

SINGLE: tuple[tuple[str, str, str], ...] = (
    ("notice", "notice", "wording"),
    ("controller", "controller", "controller-contact"),
    ("dpo", "data protection officer", "dpo-contact"),
    ("supervisory_authority", "supervisory authority", "rights-contact"),
    ("rights_requests", "rights requests", "rights-contact"),
    ("requirement_to_provide", "requirement to provide", "requirement-changed"),
    ("automated_decision_making", "automated decision-making", "automated-decisions-changed"),
    ("retention_policy", "retention policy", "retention-changed"),
)
"""Sections holding one object, compared field by field: the section, the word for it,
and the kind of change when the whole object appears or disappears."""

IGNORED = frozenset({"include", "changes"})
"""Not compared: how files are split, and the changelog itself (see `changelog`)."""

OWN_METHODS = frozenset({"transfers", "rights", "waivers"})
"""Sections with their own comparison below."""


class Comparison:
    """The changes between `old` and `new`; `run()` returns them unsorted."""

    def __init__(self, old: DataMap, new: DataMap) -> None:
        self.old, self.new = old, new
        self.old_index: Index = old.index
        self.new_index: Index = new.index
        self.matching: Matching = match(old, new)
        self.changes: list[Change] = []

    def run(self) -> list[Change]:
        for section, _ in SECTIONS:
            for pair in self.matching.pairs[section]:
                self._object(section, pair)
        for section, word, whole in SINGLE:
            self._single(section, word, whole)
        self._transfers()
        self._listed_rights()
        self._waivers()
        self._unlisted()
        derived.compare(self)
        return self.changes

    # ------------------------------------------------------------------ recording

    def record(self, delta: Delta, at: Target, field: str | None = None) -> None:
        """Add one change to the object `at` (to its `field` when named)."""
        self.changes.append(
            Change(
                kind=kind(delta.kind),
                section=at.section,
                object_kind=at.object_kind,
                id=at.id,
                name=at.name,
                what=delta.what,
                old=delta.old,
                new=delta.new,
                old_id=at.old_id,
                old_location=_place(self.old_index, at.old_path, field),
                new_location=_place(self.new_index, at.new_path, field),
                old_path=_path(at.old_path, field),
                new_path=_path(at.new_path, field),
                sensitive=delta.sensitive,
            )
        )

    def name_of(self, section: str, item_id: str) -> str:
        item = self.new_index.get(section, item_id) or self.old_index.get(section, item_id)
        return object_name(item) if item is not None else item_id

    # ------------------------------------------------------------------ objects with ids

    def _object(self, section: str, pair: Pair) -> None:
        item = pair.new if pair.new is not None else pair.old
        at = Target(
            section, OBJECT_KIND[section], pair.id, object_name(item),
            old_path=None if pair.old_position is None else (section, pair.old_position),
            new_path=None if pair.new_position is None else (section, pair.new_position),
            old_id=pair.old_id if pair.renamed else None,
        )  # fmt: skip
        if pair.old is None:
            self.record(self._appeared(section, pair.new), at)
        elif pair.new is None:
            self.record(self._disappeared(section, pair.old), at)
        else:
            if pair.renamed:
                what = f"id renamed '{pair.old_id}' -> '{pair.id}'"
                self.record(Delta("renamed-id", what, pair.old_id, pair.id), at)
            skipped = DERIVED_FIELDS.get(section, frozenset())
            for delta, field in self._fields(section, pair.old, pair.new, skipped):
                self.record(self._for_contact(section, pair, delta), at, field)

    def _appeared(self, section: str, item: BaseModel | None) -> Delta:
        kind_id = ADDED.get(section, "record-keeping")
        what = "added"
        sensitive = None
        if isinstance(item, Category):
            if item.special:
                kind_id, sensitive = "new-special-category", special_words(item.special)
            elif item.criminal_offence:
                kind_id, sensitive = "new-criminal-offence-data", "criminal offence data"
        if section == "contacts" and getattr(item, "role", None) not in CONTACT_ROLES_FOR_RIGHTS:
            kind_id = "wording"
        if sensitive:
            what += f" ({sensitive})"
        return Delta(kind_id, what, sensitive=sensitive)

    def _disappeared(self, section: str, item: BaseModel | None) -> Delta:
        kind_id = REMOVED.get(section, "record-keeping")
        if section == "contacts" and getattr(item, "role", None) not in CONTACT_ROLES_FOR_RIGHTS:
            kind_id = "wording"
        return Delta(kind_id, "removed")

    def _for_contact(self, section: str, pair: Pair, delta: Delta) -> Delta:
        """Only contacts for rights, complaints and data protection are rights contacts."""
        if section != "contacts" or delta.kind != "rights-contact":
            return delta
        roles = {getattr(pair.old, "role", None), getattr(pair.new, "role", None)}
        if roles & CONTACT_ROLES_FOR_RIGHTS:
            return delta
        return Delta("wording", delta.what, delta.old, delta.new)

    def _fields(
        self, section: str, old: BaseModel, new: BaseModel, skipped: frozenset[str] = frozenset()
    ) -> Iterator[tuple[Delta, str]]:
        """Deltas of every changed field of one pair, with the YAML key of the field."""
        old_plain = self.matching.canonical(old)
        new_plain = self.matching.plain(new)
        assert isinstance(old_plain, dict) and isinstance(new_plain, dict)
        for name, info in type(new).model_fields.items():
            if name in skipped or name == "id" or old_plain[name] == new_plain[name]:
                continue
            change = FieldChange(section, name, old_plain[name], new_plain[name], self.name_of)
            for delta in rule_for(section, name)(change):
                yield self._escalated(delta), info.alias or name

    def _escalated(self, delta: Delta) -> Delta:
        """A category newly used is special category or criminal offence data if it is."""
        if delta.kind not in ("new-category", "source-new-categories") or delta.new is None:
            return delta
        category = self.new_index.categories.get(delta.new)
        if category is None:
            return delta
        if category.special:
            sensitive = special_words(category.special)
            return Delta(
                "new-special-category",
                f"{delta.what}: {sensitive}",
                delta.old,
                delta.new,
                sensitive,
            )
        if category.criminal_offence:
            return Delta(
                "new-criminal-offence-data",
                f"{delta.what}: criminal offence data",
                delta.old,
                delta.new,
                "criminal offence data",
            )
        return delta

    # ------------------------------------------------------------------ single objects

    def _single(self, section: str, word: str, whole: str) -> None:
        old, new = getattr(self.old, section), getattr(self.new, section)
        if old == new:
            return
        at = Target(
            section, word, section, object_name(new if new is not None else old) or word,
            old_path=(section,) if old is not None else None,
            new_path=(section,) if new is not None else None,
        )  # fmt: skip
        old_plain, new_plain = self.matching.canonical(old), self.matching.plain(new)
        if section == "automated_decision_making":
            change = FieldChange(section, section, old_plain, new_plain, self.name_of)
            for delta in rule_for("activities", "automated_decision_making")(change):
                self.record(delta, at)
        elif old is None or new is None:
            what = "added" if old is None else "removed"
            self.record(Delta(whole, what, words(old_plain), words(new_plain)), at)
        else:
            for delta, field in self._fields(section, old, new):
                self.record(delta, at, field)

    def _transfers(self) -> None:
        """Transfers abroad, paired by recipient and country."""
        old, new = self.old.transfers, self.new.transfers
        before = {
            (self.matching.new_id("recipients", t.recipient), t.country): (i, t)
            for i, t in enumerate(old.items if old else ())
        }
        after = {(t.recipient, t.country): (i, t) for i, t in enumerate(new.items if new else ())}
        for key in [*after, *(k for k in before if k not in after)]:
            i, was = before.get(key, (None, None))
            j, now = after.get(key, (None, None))
            recipient, country = key
            at = Target(
                "transfers", "transfer", f"{recipient}@{country}",
                f"{self.name_of('recipients', recipient)} ({country})",
                old_path=None if i is None else ("transfers", "items", i),
                new_path=None if j is None else ("transfers", "items", j),
            )  # fmt: skip
            if was is None and now is not None:
                self.record(Delta("new-transfer", f"added: to {country}", None,
                                  words(now.mechanism)), at)  # fmt: skip
            elif now is None and was is not None:
                self.record(Delta("transfer-changed", f"ended: to {country}",
                                  words(was.mechanism), None), at)  # fmt: skip
            elif was is not None and now is not None:
                for delta, field in self._fields("transfers", was, now):
                    self.record(Delta("transfer-changed", delta.what, delta.old, delta.new),
                                at, field)  # fmt: skip
        if old is None or new is None:
            return
        at = Target("transfers", "transfers", "transfers", "Transfers outside the UK",
                    ("transfers",), ("transfers",))  # fmt: skip
        if old.none != new.none:
            what = ("now states that no data leaves the UK" if new.none
                    else "no longer states that no data leaves the UK")  # fmt: skip
            kind_id = "transfer-changed" if new.none else "new-transfer"
            self.record(Delta(kind_id, what, words(old.none), words(new.none)), at, "none")
        if old.statement != new.statement:
            self.record(Delta("wording", "statement changed", words(old.statement),
                              words(new.statement)), at, "statement")  # fmt: skip

    def _listed_rights(self) -> None:
        """The rights as the notice states them, paired by right."""
        old = {r.right: (i, r) for i, r in enumerate(self.old.rights)}
        new = {r.right: (i, r) for i, r in enumerate(self.new.rights)}
        for right_id in [*new, *(r for r in old if r not in new)]:
            i, before = old.get(right_id, (None, None))
            j, after = new.get(right_id, (None, None))
            at = Target(
                "rights", "right", right_id, derived.right_name(right_id),
                old_path=None if i is None else ("rights", i),
                new_path=None if j is None else ("rights", j),
            )  # fmt: skip
            if before is None:
                self.record(Delta("new-right", "now stated in the notice"), at)
            elif after is None:
                self.record(Delta("removed-right", "no longer stated in the notice"), at)
            else:
                for delta, field in self._fields("rights", before, after):
                    self.record(delta, at, field)

    def _unlisted(self) -> None:
        """A section this module has no rule for is still reported, never silently skipped."""
        known = {s for s, _ in SECTIONS} | {s for s, _, _ in SINGLE} | IGNORED | OWN_METHODS
        for section in DataMap.model_fields:
            if section in known:
                continue
            old, new = (
                self.matching.canonical(getattr(self.old, section)),
                self.matching.plain(getattr(self.new, section)),
            )
            if old != new:
                at = Target(section, section.replace("_", " "), section, section,
                            (section,), (section,))  # fmt: skip
                self.record(Delta("record-keeping", f"{section} changed", words(old),
                                  words(new)), at)  # fmt: skip

    def _waivers(self) -> None:
        old, new = self.old.waivers, self.new.waivers
        if old != new:
            at = Target("waivers", "waivers", "waivers", "Waivers", ("waivers",), ("waivers",))
            self.record(Delta("record-keeping", "waivers changed", f"{len(old)} waiver(s)",
                              f"{len(new)} waiver(s)"), at)  # fmt: skip


def _place(index: Index, path: ModelPath | None, field: str | None) -> Location | None:
    if path is None:
        return None
    if field:
        return index.sourcemap.key((*path, field)) or index.location(path)
    return index.location(path)


def _path(path: Sequence[str | int] | None, field: str | None) -> str | None:
    if path is None:
        return None
    return format_path((*path, field) if field else tuple(path))
