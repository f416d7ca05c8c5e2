"""Catalogue entries made from names found in cells, with stable, unique kebab-case ids.

The same name (compared ignoring case and spacing) always gives the
same entry, however many rows mention it; two different names whose ids would
collide get `-2`, `-3`... in the order they are first met, so importing the
same sheet twice gives the same ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_ID = 60


def same_name(name: str) -> str:
    """What two mentions of one name share: case and spacing aside."""
    return re.sub(r"\s+", " ", name.strip().lower())


def slug(text: str, fallback: str = "item") -> str:
    """A kebab-case id from a name: `Parents & carers` -> `parents-and-carers`."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", " and ")).strip("-")
    if len(words) > MAX_ID:
        cut = words[:MAX_ID]
        words = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return words or fallback


@dataclass
class Entry:
    """One catalogue entry: its data-map fields and the cell it was first read from."""

    id: str
    data: dict[str, Any]
    origin: str


@dataclass
class Catalogue:
    """Entries of one data-map section, keyed by what makes two mentions the same."""

    fallback: str = "item"
    entries: dict[object, Entry] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    def add(self, name: str, data: dict[str, Any], origin: str, key: object = None) -> Entry:
        """The entry for `key` (default: the folded name), made from `data` the first time."""
        key = same_name(name) if key is None else key
        entry = self.entries.get(key)
        if entry is not None:
            return entry
        base = slug(name, self.fallback)
        new_id, n = base, 1
        while new_id in self.ids:
            n += 1
            new_id = f"{base}-{n}"
        self.ids.add(new_id)
        entry = Entry(new_id, {"id": new_id, **data}, origin)
        self.entries[key] = entry
        return entry

    def find(self, name: str) -> Entry | None:
        return self.entries.get(same_name(name))

    def items(self) -> list[Entry]:
        return list(self.entries.values())
