"""What an import has gathered so far: catalogues, activities, organisation-wide facts
and findings, each with the cell it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from privacymap import rules
from privacymap.diagnostics import Diagnostic, Location
from privacymap.importer import cells
from privacymap.importer.catalogue import Catalogue, Entry
from privacymap.importer.sheets import Sheet


@dataclass
class Place:
    """One cell being read: the sheet, its row and column, and the column's heading."""

    sheet: Sheet
    row: int
    column: int
    heading: str

    @property
    def origin(self) -> str:
        return f"{self.sheet.file}:{self.sheet.address(self.row, self.column)}"

    @property
    def whole_row(self) -> str:
        """The cell's row, as a spreadsheet names it: `FILE:Sheet!10:10` (`FILE:row 10`)."""
        number = self.row + 1
        if self.sheet.name is None:
            return f"{self.sheet.file}:row {number}"
        return f"{self.sheet.file}:{self.sheet.name}!{number}:{number}"


@dataclass
class State:
    """Everything read so far."""

    native: bool
    source: str
    subjects: Catalogue = field(default_factory=lambda: Catalogue("subject"))
    categories: Catalogue = field(default_factory=lambda: Catalogue("category"))
    sources: Catalogue = field(default_factory=lambda: Catalogue("source"))
    groups: Catalogue = field(default_factory=lambda: Catalogue("group"))
    recipients: Catalogue = field(default_factory=lambda: Catalogue("recipient"))
    purposes: Catalogue = field(default_factory=lambda: Catalogue("purpose"))
    bases: Catalogue = field(default_factory=lambda: Catalogue("basis"))
    conditions: Catalogue = field(default_factory=lambda: Catalogue("condition"))
    criminal: Catalogue = field(default_factory=lambda: Catalogue("criminal-offence"))
    retention: Catalogue = field(default_factory=lambda: Catalogue("retention"))
    evidence: Catalogue = field(default_factory=lambda: Catalogue("evidence"))
    activities: Catalogue = field(default_factory=lambda: Catalogue("activity"))
    flow_ids: Catalogue = field(default_factory=lambda: Catalogue("flow"))
    statutes: list[dict[str, Any]] = field(default_factory=list)
    security: dict[str, str] = field(default_factory=dict)
    service: str | None = None
    transfers: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    transfers_none: list[str] = field(default_factory=list)
    policy: dict[str, Any] = field(default_factory=dict)
    policy_origin: str | None = None
    top: dict[str, Any] = field(default_factory=dict)
    top_origin: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def unparsed(self, place: Place, detail: str, hint: str) -> None:
        self.diagnostics.append(
            rules.make(
                "PM083",
                location=place.sheet.location(place.row, place.column),
                subject=f"cell:{place.sheet.address(place.row, place.column)}",
                column=place.heading,
                detail=detail,
                hint=hint,
            )
        )

    def assumed(self, place: Place | None, detail: str, hint: str) -> None:
        self.diagnostics.append(
            rules.make(
                "PM084",
                location=(
                    place.sheet.location(place.row, place.column)
                    if place
                    else Location(self.source, 1, 1)
                ),
                detail=detail,
                hint=hint,
            )
        )

    def link(self, entries: list[Entry]) -> list[str]:
        """Ids of `entries`, each once, in order."""
        return list(dict.fromkeys(e.id for e in entries))


Row = dict[str, tuple[str, Place]]
"""One row of a sheet: field name -> (cell text, where it is)."""

URL = re.compile(r"(?:https?://|mailto:)\S+", re.I)


def text_of(row: Row, field: str) -> str:
    """The field's text, or "" when the row has no such column or the cell says nothing."""
    value = row.get(field)
    if value is None or cells.empty(value[0]):
        return ""
    return value[0].strip()


def cell_of(row: Row, field: str) -> tuple[str, Place] | None:
    """The field's text and place, or None when it says nothing."""
    value = row.get(field)
    if value is None or cells.empty(value[0]):
        return None
    return value[0].strip(), value[1]
