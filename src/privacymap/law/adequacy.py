"""Which countries UK adequacy regulations cover (DPA 2018 s 17A; UK GDPR Art 45A).

The list is data (data/adequacy.yaml) with its sources and the date it was
last checked; PM450 reads it through `adequacy()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from privacymap import packagedata


@dataclass(frozen=True, slots=True)
class Adequacy:
    """Countries covered in full, countries covered in part, and when the list was checked."""

    full: dict[str, str]
    partial: dict[str, str]
    checked: str

    def covers(self, country: str) -> bool:
        return country in self.full or country in self.partial


@cache
def adequacy() -> Adequacy:
    data = packagedata.load("adequacy.yaml")
    return Adequacy(dict(data["countries"]), dict(data["partial"]), str(data["checked"]))
