"""When provisions came into force: the law as at a date.

The dates live in data/commencements.yaml (one home for them); rules name a
commencement (`applies_from:` in rules.yaml) and are not run for a date
before it, and catalogue entries (Art 6(1)(ea)) name theirs too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from privacymap import packagedata


@dataclass(frozen=True, slots=True)
class Commencement:
    """One provision's coming into force, with its source and any text it replaced."""

    id: str
    provision: str
    in_force_from: dt.date
    source: str
    verified: bool
    replaces: str | None = None
    replaced_until: dt.date | None = None
    evidence: str | None = None
    no_rule_because: str | None = None
    """Why no rule's verdict turns on this date: the provision changed no information a
    notice or record of processing gives (shown in docs/rules.md)."""

    def in_force(self, on: dt.date) -> bool:
        return on >= self.in_force_from

    def describe(self) -> str:
        """'5 Feb 2026 (DUAA 2025 s 80; SI 2026/82)', marked when unverified."""
        text = f"{self.in_force_from.day} {self.in_force_from:%b %Y} ({self.source})"
        if not self.verified:
            text += " [date or section unverified]"
        elif self.evidence:
            text += f" [verified from {self.evidence}]"
        return text


@cache
def commencements() -> dict[str, Commencement]:
    """Every catalogued commencement by id."""
    found: dict[str, Commencement] = {}
    for entry in packagedata.load("commencements.yaml"):
        fields: dict[str, Any] = {
            k: v.strip() if isinstance(v, str) else v for k, v in entry.items()
        }
        item = Commencement(**fields)
        found[item.id] = item
    return found


def commencement(commencement_id: str) -> Commencement:
    """The commencement with this id; a KeyError here is a programming error."""
    return commencements()[commencement_id]


def in_force_for(commencement_id: str | None, on: dt.date) -> bool:
    """Whether the law commenced by `commencement_id` (a rule's `applies_from`) was in
    force on `on`; None means it has not changed since 1 January 2024."""
    return commencement_id is None or commencement(commencement_id).in_force(on)


def applies_from_text(commencement_id: str | None) -> str:
    """From when a rule applies, with the provision's source, for explain and the docs."""
    if commencement_id is None:
        return "throughout (the law it checks has not changed since 1 January 2024)"
    return commencement(commencement_id).describe()


def judged_by_text(commencement_ids: tuple[str, ...]) -> str:
    """The dates a rule that runs throughout reads, for explain and the docs."""
    return "; ".join(
        f"{commencement(c).describe()}: {commencement(c).provision}" for c in commencement_ids
    )
