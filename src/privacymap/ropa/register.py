"""One register for the organisation: several service maps of one controller in one ROPA.

Art 30(1) asks for a record of the *controller's* processing; a council keeps
one data map per service (often sharing a catalogue of recipients and statutes,
docs/howto-shared-catalogue.md). The register is the same workbook as a
service's ROPA, with one row per activity of every map (the Service column
tells them apart), each recipient, retention rule and citation listed once by
its id, and the findings of every map. Two maps defining one id differently
are a finding (PM086): the register cannot say which definition is right.
Maps of different controllers are refused (`RegisterError`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.ropa.cells import Cell, Table, cell
from privacymap.ropa.columns import ropa_table
from privacymap.ropa.law_sheet import law_table
from privacymap.ropa.provenance import Provenance, findings_summary
from privacymap.ropa.sheets import (
    Workbook,
    about_table,
    contact_block,
    findings_table,
    flows_table,
    recipients_table,
    retention_table,
)
from privacymap.rules import make

CONFLICT = "PM086"

SHARED_SECTIONS = ("recipients", "statutes", "retention", "recipient_groups", "evidence")
"""Sections whose entries the register lists once by id: one definition per id."""


class RegisterError(ValueError):
    """The maps cannot make one register (they are of different controllers)."""


@dataclass(frozen=True)
class Member:
    """One service's checked map in the register."""

    name: str
    """How the register names the map (its folder or file, as given)."""
    index: Index
    diagnostics: tuple[Diagnostic, ...] = ()
    base: str = ""
    """The map's project root as the user would write it: its findings' files are
    relative to the root, and the register names them from here."""


def controller_of(index: Index) -> str:
    """The controller's name as compared across maps (case and spacing ignored)."""
    return " ".join(index.datamap.controller.name.split()).casefold()


def check_one_controller(members: Sequence[Member]) -> None:
    """Raise `RegisterError` unless every map is of the same controller."""
    names = {controller_of(m.index) for m in members}
    if len(names) > 1:
        listed = "; ".join(f"{m.index.datamap.controller.name} ({m.name})" for m in members)
        raise RegisterError(
            f"the maps are of different controllers ({listed}): a record of processing "
            "activities is one controller's (UK GDPR Art 30(1)); build one register per "
            "controller"
        )


def conflicts(members: Sequence[Member]) -> list[Diagnostic]:
    """A finding per id that two maps define differently, in a section listed once."""
    out: list[Diagnostic] = []
    for section in SHARED_SECTIONS:
        first: dict[str, tuple[str, object, int]] = {}
        for member in members:
            entries = getattr(member.index.datamap, section, ()) or ()
            for position, entry in enumerate(entries):
                key = getattr(entry, "id", None)
                if key is None:
                    continue
                if key not in first:
                    first[key] = (member.name, entry, position)
                    continue
                where, earlier, _ = first[key]
                if entry != earlier:
                    location = member.index.location((section, position))
                    out.append(
                        make(
                            CONFLICT,
                            location=location.under(member.base) if location else None,
                            path=f"{section}[{position}]",
                            subject=f"register:{section}:{key}",
                            section=section,
                            id=key,
                            map=member.name,
                            first=where,
                        )
                    )
    return out


def _located(member: Member) -> list[Diagnostic]:
    return [d.under(member.base) for d in member.diagnostics]


def register(
    members: Sequence[Member],
    draft: bool = False,
    commit: str | None = None,
    command: str | None = None,
) -> tuple[Workbook, list[Diagnostic]]:
    """The organisation's register as a workbook, and the register's own findings
    (conflicting definitions). `command` is how to regenerate it, when not `privacymap
    ropa` with the maps. Raises `RegisterError` for maps of different controllers."""
    if not members:
        raise RegisterError("a register needs at least one data map")
    check_one_controller(members)
    found = conflicts(members)
    diagnostics = [*(d for m in members for d in _located(m)), *found]
    first = members[0].index
    dates = [m.index.datamap.notice.last_updated for m in members]
    oldest = min((d for d in dates if d), key=lambda d: d.first_day, default=None)
    provenance = Provenance(
        draft=draft,
        problems=sum(1 for d in diagnostics if not d.waived and d.severity != "info"),
        as_at=(
            f"{oldest.isoformat() if oldest.day else oldest.text} (the oldest member map)"
            if oldest and all(dates)
            else None
        ),
        commit=commit,
        findings=findings_summary(diagnostics),
    )
    ropas = [ropa_table(m.index) for m in members]
    book = Workbook(
        contacts=contact_block(first),
        ropa=Table(
            "ROPA", ropas[0].headings, tuple(r for t in ropas for r in t.rows), ropas[0].widths
        ),
        others=(
            _merged([law_table(m.index) for m in members], merge=(2, 3)),
            _joined([flows_table(m.index) for m in members]),
            _merged([recipients_table(m.index) for m in members], merge=(12, 13)),
            _merged([retention_table(m.index) for m in members], merge=(11,)),
            findings_table(diagnostics),
            _about(members, provenance, command),
        ),
        title=f"Record of processing activities: {first.datamap.controller.name}",
        author=first.datamap.controller.name,
        last_updated=oldest.first_day.isoformat() if oldest else None,
        provenance=provenance,
    )
    return book, found


def _joined(tables: Sequence[Table]) -> Table:
    head = tables[0]
    return dataclasses.replace(head, rows=tuple(r for t in tables for r in t.rows))


def _merged(tables: Sequence[Table], merge: Iterable[int]) -> Table:
    """Rows keyed by their first cell (an id or citation), each once; the `merge`
    columns (what uses it) joined line by line across the maps."""
    columns = tuple(merge)
    rows: dict[str, list[Cell]] = {}
    for table in tables:
        for row in table.rows:
            key = row[0].text
            if key not in rows:
                rows[key] = list(row)
                continue
            kept = rows[key]
            for c in columns:
                if not row[c].recorded or row[c].state != "value":
                    continue
                if kept[c].state != "value":
                    kept[c] = row[c]
                    continue
                lines = dict.fromkeys([*kept[c].text.splitlines(), *row[c].text.splitlines()])
                kept[c] = cell(lines)
    head = tables[0]
    return dataclasses.replace(head, rows=tuple(tuple(r) for r in rows.values()))


def _about(members: Sequence[Member], provenance: Provenance, command: str | None) -> Table:
    """The first map's About sheet, with the register's services and maps."""
    first = about_table(members[0].index, None, provenance)
    services = cell(
        f"{m.index.datamap.notice.service or m.index.datamap.notice.title} ({m.name})"
        for m in members
    )
    replaced = {
        "Title": Cell(
            f"Register of processing activities: {members[0].index.datamap.controller.name}"
        ),
        "Notice": Cell(f"{len(members)} service data maps, one row per activity"),
        "Service": services,
        "Source data map": cell(m.name for m in members),
        "How to regenerate": Cell(
            "From the project folder run: "
            + (command or "privacymap ropa " + " ".join(m.name for m in members) + " -o FILE")
            + ". Edit the data maps, not this file."
        ),
    }
    dropped = {"Notice version", "Last updated", "Last review", "Next review"}
    rows = tuple(
        (key, replaced.get(key.text, value)) for key, value in first.rows if key.text not in dropped
    )
    return dataclasses.replace(first, rows=rows)
