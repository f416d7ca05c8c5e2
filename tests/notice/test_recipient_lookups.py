"""The notice's recipient lookups made once per notice give the answers of the lookups
they replaced (made once per activity or per recipient, over every recipient or flow):
each activity's recipient names and whole groups, and each recipient's card."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from privacymap import pipeline
from privacymap.model import Recipient
from privacymap.notice.sections import SectionViews
from privacymap.notice.wording import once

ROOT = Path(__file__).resolve().parents[2]
MAPS = [
    ROOT / "notices" / "lancashire-cfw",
    *(ROOT / "examples" / name for name in ("family-support", "joint-service", "tutorial")),
]


def _plain_names(
    views: SectionViews, recipients: Iterable[Recipient]
) -> tuple[tuple[str, ...], bool]:
    """The lookup as it was: the groups rebuilt for each activity, members found by equality."""
    mine = list({r.id: r for r in recipients}.values())
    members: dict[str, list[Recipient]] = {}
    for r in views.dm.recipients:
        if r.group:
            members.setdefault(r.group, []).append(r)
    names = {g.id: g.name for g in views.dm.recipient_groups}
    out, grouped = [], False
    for r in mine:
        group = members.get(r.group or "", [])
        whole = r.group in names and len(group) > 1 and all(m in mine for m in group)
        out.append(names[r.group] if whole and r.group else r.name)
        grouped = grouped or whole
    return once(out), grouped


def _views(source: Path) -> SectionViews:
    result = pipeline.check(source)
    assert result.index is not None
    return SectionViews(result.index)


@pytest.mark.parametrize("source", MAPS, ids=lambda p: p.name)
def test_each_activitys_recipient_names_are_the_plain_lookups(source: Path) -> None:
    views = _views(source)
    groups = views.recipient_groups()
    seen_group = False
    for activity in views.dm.activities:
        flows = views.index.flows_of(activity.id)
        recipients = [f.recipient for f in flows if f.recipient]
        got = views.recipient_names(recipients, groups)
        assert got == _plain_names(views, recipients), activity.id
        seen_group = seen_group or got[1]
    if source.name == "lancashire-cfw":
        assert seen_group  # a whole group named by its name is exercised


def test_a_group_is_named_only_when_every_member_is_a_recipient() -> None:
    views = _views(MAPS[0])
    groups = views.recipient_groups()
    members, names = groups
    group, people = next((g, m) for g, m in members.items() if g in names and len(m) > 1)
    assert views.recipient_names(people, groups) == ((names[group],), True)
    assert views.recipient_names(people[:-1], groups)[1] is False


@pytest.mark.parametrize("source", MAPS, ids=lambda p: p.name)
def test_each_recipients_card_is_the_same_from_its_own_flows_as_from_all(source: Path) -> None:
    """`sharing` gives each recipient only the disclosures to it."""
    views = _views(source)
    disclosures = tuple(f for f in views.index.flows if f.direction == "disclosure")
    assert disclosures
    for r in views.dm.recipients:
        own = tuple(f for f in disclosures if f.recipient is r)
        assert views.recipient(r, own) == views.recipient(r, disclosures), r.id
