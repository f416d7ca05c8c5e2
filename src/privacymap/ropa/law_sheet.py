"""The workbook's Law sheet: each legal citation the ROPA sheet names, once, with its link.

A ROPA cell may name several statutes; a cell holds at most one hyperlink, and a
whole-cell link on several lines prints as one clipped line. So the ROPA sheet
names each citation in words and this sheet lists them, one a row, each linked
to its address, with the activities and columns that cite it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from privacymap.index import Index
from privacymap.ropa.cells import Cell, Table, cell, safe_url
from privacymap.ropa.columns import ActivityFacts
from privacymap.ropa.wording import citation_text, schedule1_lines, title

LAW_HEADINGS = ("Citation", "Address", "Cited for", "Cited by activities")


@dataclass
class _Cited:
    address: str | None
    uses: dict[str, None] = field(default_factory=dict)
    activities: dict[str, None] = field(default_factory=dict)


def law_table(index: Index) -> Table:
    """One row per citation the ROPA sheet names, in order of first mention."""
    cited: dict[str, _Cited] = {}

    def note(text: str, address: str | None, use: str, activity: str) -> None:
        entry = cited.setdefault(text, _Cited(safe_url(address)))
        entry.uses[use] = None
        entry.activities[activity] = None

    for activity in index.datamap.activities:
        facts = ActivityFacts(index, activity)
        for basis in facts.bases:
            for text in basis.law:
                note(
                    *citation_text(index, text, False),
                    f"Art 6 basis: {title(basis)}",
                    activity.name,
                )
        for condition in facts.conditions:
            for text in condition.law:
                note(*citation_text(index, text, False), f"Art 9 condition: {title(condition)}",
                     activity.name)  # fmt: skip
            for line, url in schedule1_lines(index, condition.schedule1):
                note(line, url, f"Schedule 1 condition for {title(condition)}", activity.name)
        for crim in facts.criminal:
            texts = crim.law if crim.route == "official-authority" else ()
            for text in texts:
                note(
                    *citation_text(index, text, False), "Art 10: official authority", activity.name
                )
            for line, url in schedule1_lines(index, crim.schedule1):
                note(line, url, "Schedule 1 condition for criminal offence data (Art 10)",
                     activity.name)  # fmt: skip
    rows = tuple(
        (
            Cell(text),
            cell([entry.address], entry.address, ""),
            cell(entry.uses),
            cell(entry.activities),
        )
        for text, entry in cited.items()
    )
    return Table("Law", LAW_HEADINGS, rows, (48, 60, 48, 48))
