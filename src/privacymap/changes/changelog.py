"""The change-control rule (PM620) and the changelog entry suggested from a diff.

A material change must be recorded in the new version's `changes:` with a
new entry (one the old version did not have) dated on or before the day it
takes effect: people are told first (Art 13(3), 14(4)), and the map keeps the
log of what they were told and when. The rule is judged between two versions,
so `privacymap diff` raises it, not `privacymap check`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from privacymap import rules
from privacymap.changes.records import Change
from privacymap.diagnostics import Diagnostic
from privacymap.model import ChangeEntry, DataMap
from privacymap.sourcemap import format_path

RULE = "PM620"
MAX_SENTENCES = 12
INCLUDING = ", including "
"""A longer summary is no longer plain words: the rest is counted, for the editor to write."""

PLAIN: dict[str, str] = {
    "new-purpose": "We now use information for a new purpose: {name}.",
    "new-activity": "We have started something new that uses personal information: {name}.",
    "new-category": "We now use a new kind of information: {name}.",
    "new-special-category": "We now use more sensitive information: {name}.",
    "new-criminal-offence-data": "We now use information about crimes or alleged crimes: {name}.",
    "new-subjects": "We now hold information about {name}.",
    "new-recipient": "We now share information with {name}.",
    "recipient-new-categories": "We now share more information with {name}.",
    "new-transfer": "We now send information outside the UK: {name}.",
    "new-source": "We now get information about you from {name}.",
    "source-new-categories": "We now get more information about you from {name}.",
    "longer-retention": "We now keep {name} for longer: {new} (was {old}).",
    "changed-basis": "We have changed the law we rely on for {name}.",
    "removed-right": "A right no longer applies: {name}.",
    "new-automated-decisions": "We now make some decisions by computer alone: {name}.",
    "shorter-retention": "We now keep {name} for less time: {new} (was {old}).",
    "removed-recipient": "We no longer share information with {name}.",
    "removed-purpose": "We no longer use information for {name}.",
    "controller-contact": "Our contact details have changed.",
    "dpo-contact": "Our data protection officer's contact details have changed.",
    "rights-contact": "How to use your rights or complain has changed.",
    "basis-dropped": "We no longer rely on {old} for {name}.",
    "basis-law-changed": "We have changed the law we rely on: {name}.",
    "basis-detail-changed": "What we say about our lawful basis has changed: {name}.",
    "retention-changed": "We have changed how long we keep {name}.",
    "removed-source": "We no longer get information about you from {name}.",
    "recipient-fewer-categories": "We now share less information with {name}.",
    "recipient-changed": "What we say about {name} has changed.",
    "flow-conditions": "When we share information with {name} has changed.",
    "transfer-changed": "Our transfers of information outside the UK have changed: {name}.",
    "new-right": "You now have a further right: {name}.",
    "requirement-changed": "Whether you must give us information has changed.",
    "automated-decisions-changed": "How we make decisions by computer has changed.",
}
"""A plain sentence for the public per kind of material change; others use the kind's title."""


def plain(change: Change) -> str:
    """One sentence for the public saying what a material change means."""
    template = PLAIN.get(change.kind.id)
    name = _flow_target(change) if change.section == "flows" else change.name
    if template is None:
        sentence = f"{change.kind.title}: {name}."
    else:
        sentence = template.format(
            name=name, old=change.old or "not stated", new=change.new or "not stated"
        )
    if change.sensitive:
        sentence = f"{sentence[:-1]}{INCLUDING}{change.sensitive}."
    return sentence


def _flow_target(change: Change) -> str:
    """`Activity -> Recipient` reads as the recipient (or the source) to the public."""
    source, _, target = change.name.partition(" -> ")
    return target if change.object_kind == "disclosure" else source


def suggested_entry(material: Sequence[Change], today: dt.date) -> str:
    """A `changes:` entry (YAML) for the material changes, dated `today`."""
    sentences = list(dict.fromkeys(plain(c) for c in material))
    # "We now share information with X." adds nothing to "... with X, including health data."
    covered = {s.partition(INCLUDING)[0] + "." for s in sentences if INCLUDING in s}
    sentences = [s for s in sentences if s not in covered]
    if len(sentences) > MAX_SENTENCES:
        rest = len(sentences) - MAX_SENTENCES + 1
        sentences = [*sentences[: MAX_SENTENCES - 1], f"And {rest} more changes."]
    lines = [
        f"- date: {today.isoformat()}",
        f"  effective: {today.isoformat()}   # the day the change starts; not before `date`",
        "  summary: >-",
        *(f"    {sentence}" for sentence in sentences),
        "  # told: how people were told (letters, the website, at the next visit)",
    ]
    return "\n".join(lines)


def judge(
    old: DataMap, new: DataMap, material: Sequence[Change], today: dt.date
) -> tuple[tuple[Diagnostic, ...], str | None]:
    """PM620's findings for the material changes, and the suggested entry (None if none)."""
    if not material:
        return (), None
    entry = suggested_entry(material, today)
    before = set(old.changes)
    fresh = [(i, e) for i, e in enumerate(new.changes) if e not in before]
    on_time = [(i, e) for i, e in fresh if e.date <= (e.effective or e.date)]
    if on_time:
        return (), entry
    first = material[0]
    verb = "has" if len(material) == 1 else "have"
    if fresh:
        position, late = fresh[0]
        path: tuple[str | int, ...] = ("changes", position)
        problem = (
            f"{verb} a new changelog entry dated {late.date.isoformat()} that "
            f"takes effect on {_effective(late)}, before people were told"
        )
    else:
        path = ("changes",) if new.changes else ("notice",)
        problem = f"{verb} no new entry under `changes:`"
    index = new.index
    location = index.location(path) or index.location(("notice",))
    indented = "\n".join("      " + line for line in entry.splitlines())
    return (
        rules.make(
            RULE,
            location=location,
            path=format_path(path),
            subject="changes",
            entry="\n" + indented,
            changes=f"{len(material)} material change{'' if len(material) == 1 else 's'}",
            first=f"{first.label}: {first.what}",
            more=f" and {len(material) - 1} more" if len(material) > 1 else "",
            problem=problem,
        ),
    ), entry


def _effective(entry: ChangeEntry) -> str:
    return (entry.effective or entry.date).isoformat()
