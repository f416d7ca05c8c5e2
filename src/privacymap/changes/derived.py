"""Changes in what the map resolves to: effective lawful bases, data flows and rights.

A lawful basis written on a purpose applies to every activity serving it, and
a flow carries its activity's categories unless it names its own; so a
change is judged on the resolved values (`privacymap.index`), once per
activity or flow it affects. A change that moves a fact without changing
what it resolves to is editorial ("restructured"). Whether a flow's
recipient or source is new, or receives or provides more, is judged against
the whole old map: a recipient already sent the same data by another
activity is not a new recipient.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from privacymap import law
from privacymap.changes.fields import Delta
from privacymap.changes.match import object_name
from privacymap.changes.records import Target
from privacymap.changes.values import special_words
from privacymap.index import FlowView, Index
from privacymap.model import Activity

if TYPE_CHECKING:
    from privacymap.changes.compare import Comparison

GROUNDS: tuple[tuple[str, str, str], ...] = (
    ("bases", "lawful_bases", "Art 6 basis"),
    ("conditions", "conditions", "Art 9 condition"),
    ("criminal_offence_conditions", "criminal_offence_conditions", "Art 10 condition"),
)
"""Field, section and the word for each kind of lawful ground a flow rests on."""

FlowKey = tuple[str, str, str | None]


def compare(comparison: Comparison) -> None:
    """Record the changes in resolved bases, flows and rights."""
    _Derived(comparison).run()


def right_name(right_id: str) -> str:
    found = law.right(right_id)
    return found.name if found else right_id


class _Derived:
    def __init__(self, comparison: Comparison) -> None:
        self.c = comparison
        self.m = comparison.matching
        self.old: Index = comparison.old_index
        self.new: Index = comparison.new_index
        self.received_old = self._per_node(self.old, "disclosure", translate=True)
        self.received_new = self._per_node(self.new, "disclosure", translate=False)
        self.provided_old = self._per_node(self.old, "collection", translate=True)
        self.provided_new = self._per_node(self.new, "collection", translate=False)

    def run(self) -> None:
        affected: set[str] = set()
        for pair in self.m.pairs["activities"]:
            old, new = pair.old, pair.new
            if (
                isinstance(old, Activity)
                and isinstance(new, Activity)
                and self._grounds(old, new, pair.old_position, pair.new_position)
            ):
                affected.add(pair.id)
            self._flows(
                old if isinstance(old, Activity) else None,
                new if isinstance(new, Activity) else None,
            )
        self._purposes(affected)
        self._rights()

    # ------------------------------------------------------------------ lawful grounds

    def _grounds(
        self, old: Activity, new: Activity, old_pos: int | None, new_pos: int | None
    ) -> bool:
        """Effective bases and conditions of an activity; True when they changed."""
        changed = False
        for field, section, word in GROUNDS:
            before = self._effective(self.old, old, field, translate=True)
            after = self._effective(self.new, new, field, translate=False)
            deltas = list(self._ground_deltas(before, after, section, word))
            changed = changed or bool(deltas)
            raw_changed = self.m.translate(section, getattr(old, field)) != getattr(new, field)
            if not deltas and raw_changed:
                deltas = [Delta("restructured", f"{field} written differently, same effect")]
            for delta in deltas:
                self.c.record(
                    delta,
                    Target(
                        "activities",
                        "activity",
                        new.id,
                        object_name(new),
                        ("activities", old_pos) if old_pos is not None else None,
                        ("activities", new_pos) if new_pos is not None else None,
                    ),
                    field,
                )
        return changed

    def _effective(
        self, index: Index, activity: Activity, field: str, *, translate: bool
    ) -> tuple[str, ...]:
        if field == "bases":
            found = [b.id for b in index.activity_bases(activity)]
            section = "lawful_bases"
        elif field == "conditions":
            found = [c.id for c in index.activity_conditions(activity)]
            section = "conditions"
        else:
            found = list(activity.criminal_offence_conditions)
            section = "criminal_offence_conditions"
        return self.m.translate(section, found) if translate else tuple(found)

    def _ground_deltas(
        self, before: Iterable[str], after: Iterable[str], section: str, word: str
    ) -> Iterable[Delta]:
        before, after = tuple(before), tuple(after)
        for item in after:
            if item not in before:
                yield Delta(
                    "changed-basis",
                    f"now relies on {word} '{item}' ({self._ground_label(section, item)})",
                    None,
                    item,
                )
        for item in before:
            if item not in after:
                yield Delta("basis-dropped", f"no longer relies on {word} '{item}'", item, None)

    def _ground_label(self, section: str, item_id: str) -> str:
        item = self.new.get(section, item_id)
        if section == "lawful_bases":
            basis = law.art6_basis(getattr(item, "basis", ""))
            return f"{basis.name}, Art 6(1)({basis.point})" if basis else item_id
        if section == "conditions":
            condition = law.art9_condition(getattr(item, "condition", ""))
            return f"{condition.name}, Art 9(2)({condition.point})" if condition else item_id
        route = getattr(item, "route", "")
        return "official authority" if route == "official-authority" else "DPA 2018 Sch 1"

    def _purposes(self, affected: set[str]) -> None:
        """A purpose's bases changed with no effect on any activity: restructured."""
        for pair in self.m.pairs["purposes"]:
            if pair.old is None or pair.new is None:
                continue
            for field, section, _ in GROUNDS[:2]:
                if self.m.translate(section, getattr(pair.old, field)) == getattr(pair.new, field):
                    continue
                users = [a.id for a in self.new.datamap.activities if pair.id in a.purposes]
                if any(u in affected for u in users):
                    continue
                self.c.record(
                    Delta(
                        "restructured", f"{field} changed; no activity's effective {field} changed"
                    ),
                    Target(
                        "purposes",
                        "purpose",
                        pair.id,
                        object_name(pair.new),
                        ("purposes", pair.old_position or 0),
                        ("purposes", pair.new_position or 0),
                    ),
                    field,
                )

    # ------------------------------------------------------------------ flows

    def _per_node(self, index: Index, direction: str, *, translate: bool) -> dict[str, set[str]]:
        """Recipient (or source) id -> the category ids it receives (or provides)."""
        nodes: dict[str, set[str]] = {}
        for flow in index.flows:
            if flow.direction != direction:
                continue
            node = flow.target if direction == "disclosure" else flow.origin
            section = "recipients" if direction == "disclosure" else "sources"
            cats = [c.id for c in flow.categories]
            if translate:
                node = self.m.new_id(section, node)
                cats = list(self.m.translate("categories", cats))
            nodes.setdefault(node, set()).update(cats)
        return nodes

    def _keyed(
        self, index: Index, activity: Activity | None, translate: bool
    ) -> dict[FlowKey, FlowView]:
        if activity is None:
            return {}
        out: dict[FlowKey, FlowView] = {}
        for flow in index.flows_of(activity.id):
            node = flow.target if flow.direction == "disclosure" else flow.origin
            if translate:
                node = self.m.new_id(
                    "recipients" if flow.direction == "disclosure" else "sources", node
                )
            out[(flow.direction, node, flow.spec.id)] = flow
        return out

    def _flows(self, old: Activity | None, new: Activity | None) -> None:
        before = self._keyed(self.old, old, translate=True)
        after = self._keyed(self.new, new, translate=False)
        for key, flow in after.items():
            if key not in before:
                self._flow_added(key, flow)
            else:
                self._flow_changed(key, before[key], flow)
        for key, flow in before.items():
            if key not in after:
                self._flow_removed(key, flow)

    def _categories(self, flow: FlowView, *, translate: bool) -> tuple[str, ...]:
        ids = tuple(c.id for c in flow.categories)
        return self.m.translate("categories", ids) if translate else ids

    def _flow_added(self, key: FlowKey, flow: FlowView) -> None:
        direction, node, _ = key
        cats = self._categories(flow, translate=False)
        known = (self.received_old if direction == "disclosure" else self.provided_old).get(node)
        if known is None:
            kind_id = "new-recipient" if direction == "disclosure" else "new-source"
            what = f"added: {self._node_words(direction, node)} for the first time"
        elif set(cats) - known:
            kind_id = (
                "recipient-new-categories" if direction == "disclosure" else "source-new-categories"
            )
            what = f"added: {self._node_words(direction, node)} with more categories"
        else:
            kind_id, what = "flow-added", f"added: {self._node_words(direction, node)}"
        sensitive = self._sensitive(set(cats) - (known or set()))
        if sensitive:
            what += f" ({sensitive})"
        self._record_flow(Delta(kind_id, what, None, ", ".join(cats), sensitive), None, flow)

    def _flow_removed(self, key: FlowKey, flow: FlowView) -> None:
        direction, node, _ = key
        still = (self.received_new if direction == "disclosure" else self.provided_new).get(node)
        if still is None:
            kind_id = "removed-recipient" if direction == "disclosure" else "removed-source"
            what = f"removed: {self._node_words(direction, node, no_longer=True)}"
        else:
            kind_id, what = "flow-removed", "removed"
        cats = self._categories(flow, translate=True)
        self._record_flow(Delta(kind_id, what, ", ".join(cats), None), flow, None)

    def _flow_changed(self, key: FlowKey, old: FlowView, new: FlowView) -> None:
        """A flow in both versions: what it carries, when it happens and its grounds."""
        self._categories_changed(key[0], key[1], old, new)
        if old.spec.when != new.spec.when:
            self._record_flow(
                Delta(
                    "flow-conditions",
                    "when it happens changed",
                    "; ".join(old.spec.when) or "always",
                    "; ".join(new.spec.when) or "always",
                ),
                old,
                new,
                "when",
            )
        if old.spec.description != new.spec.description:
            self._record_flow(Delta("wording", "description changed"), old, new, "description")
        self._grounds_changed(old, new)

    def _categories_changed(self, direction: str, node: str, old: FlowView, new: FlowView) -> None:
        """Categories the flow gained or lost. A gain is material for the other party only
        when it did not already exchange that data with us on another flow."""
        before = self._categories(old, translate=True)
        after = self._categories(new, translate=False)
        known = (self.received_old if direction == "disclosure" else self.provided_old).get(
            node, set()
        )
        gained = [c for c in after if c not in before]
        lost = [c for c in before if c not in after]
        if gained:
            fresh = set(gained) - known
            if fresh:
                kind_id = (
                    "recipient-new-categories"
                    if direction == "disclosure"
                    else "source-new-categories"
                )
            else:
                kind_id = "flow-added"
            sensitive = self._sensitive(fresh)
            note = f" ({sensitive})" if sensitive else ""
            self._record_flow(
                Delta(
                    kind_id,
                    f"categories: added {', '.join(gained)}{note}",
                    ", ".join(before),
                    ", ".join(after),
                    sensitive,
                ),
                old,
                new,
                "categories",
            )
        if lost:
            kind_id = "recipient-fewer-categories" if direction == "disclosure" else "removed-data"
            self._record_flow(
                Delta(
                    kind_id,
                    f"categories: removed {', '.join(lost)}",
                    ", ".join(before),
                    ", ".join(after),
                ),
                old,
                new,
                "categories",
            )

    def _grounds_changed(self, old: FlowView, new: FlowView) -> None:
        """The flow's own bases and conditions, compared only when either version states
        its own (else they are the activity's, compared there)."""
        own = any(getattr(f.spec, field) for f in (old, new) for field, _, _ in GROUNDS)
        if own:
            for field, section, word in GROUNDS:
                was = self.m.translate(section, [g.id for g in getattr(old, field)])
                now = tuple(g.id for g in getattr(new, field))
                for delta in self._ground_deltas(was, now, section, word):
                    self._record_flow(delta, old, new, field)

    def _record_flow(
        self, delta: Delta, old: FlowView | None, new: FlowView | None, field: str | None = None
    ) -> None:
        flow = new or old
        assert flow is not None
        self.c.record(
            delta,
            Target(
                "flows",
                flow.direction,
                flow.id,
                self._flow_name(flow),
                old.path if old else None,
                new.path if new else None,
                old_id=old.id if old and new and old.id != new.id else None,
            ),
            field,
        )

    def _flow_name(self, flow: FlowView) -> str:
        if flow.direction == "disclosure":
            other = flow.recipient.name if flow.recipient else flow.target
            return f"{flow.activity.name} -> {other}"
        other = flow.source.name if flow.source else flow.origin
        return f"{other} -> {flow.activity.name}"

    def _node_words(self, direction: str, node: str, *, no_longer: bool = False) -> str:
        section = "recipients" if direction == "disclosure" else "sources"
        verb = "receives" if direction == "disclosure" else "provides"
        if no_longer:
            verb = "no longer " + ("receives" if direction == "disclosure" else "provides")
            return f"{self.c.name_of(section, node)} {verb} any data"
        return f"{self.c.name_of(section, node)} {verb} data"

    def _sensitive(self, category_ids: set[str]) -> str | None:
        """The special category and criminal offence data among `category_ids`, in words."""
        special = sorted(
            {s for c in category_ids for s in getattr(self.new.categories.get(c), "special", ())}
        )
        criminal = any(
            getattr(self.new.categories.get(c), "criminal_offence", False) for c in category_ids
        )
        notes = [special_words(special)] if special else []
        if criminal:
            notes.append("criminal offence data")
        return "; ".join(notes) or None

    # ------------------------------------------------------------------ rights

    def _rights(self) -> None:
        """Rights that apply given the bases in use (law.rights_for_bases)."""
        before = [r.id for r in self.old.rights_in_use]
        after = [r.id for r in self.new.rights_in_use]
        for right_id in after:
            if right_id not in before:
                self.c.record(
                    Delta("new-right", "now applies, given the lawful bases relied on"),
                    Target("rights", "right", right_id, right_name(right_id), None, ("rights",)),
                )
        for right_id in before:
            if right_id not in after:
                self.c.record(
                    Delta("removed-right", "no longer applies, given the lawful bases relied on"),
                    Target("rights", "right", right_id, right_name(right_id), ("rights",), None),
                )
