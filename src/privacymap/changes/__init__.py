"""Change control: what changed in law between two versions of a data map.

`diff(old, new)` pairs the two versions' objects (renamed ids detected by
content), compares them field by field and on what they resolve to
(effective lawful bases, data flows, rights), and classifies every change as
*material, tell people first*, *material, tell people* or *editorial*, each
with its legal reason (the table in `privacymap.law.changes`). It also
judges the change-control rule (PM620: a material change needs a new
`changes:` entry dated on or before the day it takes effect) and suggests
that entry.

Modules: `match` (pairing, renames), `fields` (per-field judgement),
`derived` (resolved values), `compare` (the walk over both versions),
`changelog` (PM620), `render` (text, Markdown, JSON), `revisions` (reading a
map at a git revision).
"""

from __future__ import annotations

import datetime as dt

from privacymap.changes.changelog import judge
from privacymap.changes.compare import Comparison
from privacymap.changes.records import Change, Diff
from privacymap.law.changes import KINDS, Classification, Kind
from privacymap.model import DataMap

__all__ = ["KINDS", "Change", "Classification", "Diff", "Kind", "diff"]


def diff(old: DataMap, new: DataMap, *, today: dt.date | None = None) -> Diff:
    """Every change from `old` to `new`, classified in law, most serious first.

    `today` dates the changelog entry suggested for the material changes
    (default: today). The result's `findings` hold PM620 when a material
    change has no new `changes:` entry dated on or before its effective date.
    """
    changes = tuple(sorted(Comparison(old, new).run(), key=Change.sort_key))
    material = [c for c in changes if c.material]
    findings, entry = judge(old, new, material, today or dt.date.today())
    return Diff(changes=changes, findings=findings, suggested_entry=entry)
