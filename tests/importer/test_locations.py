"""A spreadsheet cell as a diagnostic location: `FILE:Sheet!C12`."""

from __future__ import annotations

from privacymap.diagnostics import Location
from privacymap.importer.sheets import Sheet, column_letter
from privacymap.reporters import display


def test_cells_are_shown_as_a_spreadsheet_names_them() -> None:
    sheet = Sheet("ropa.xlsx", "ROPA", (("a",),))
    where = sheet.location(11, 2)
    assert str(where) == "ropa.xlsx:ROPA!C12" == display(where)
    assert (where.line, where.column) == (12, 3)
    assert display(where, "maps") == "maps/ropa.xlsx:ROPA!C12"
    assert str(Sheet("ropa.csv", None, ()).location(11, 2)) == "ropa.csv:12:3"


def test_locations_with_and_without_cells_sort_together() -> None:
    places = [
        Location("a.xlsx", 2, 1, "S2!A2"),
        Location("a.xlsx", 2, 1),
        Location("a.xlsx", 2, 1, "S1!A2"),
    ]
    assert [p.cell for p in sorted(places)] == ["", "S1!A2", "S2!A2"]


def test_column_letters() -> None:
    assert [column_letter(c) for c in (0, 25, 26, 29, 701, 702)] == [
        "A", "Z", "AA", "AD", "ZZ", "AAA",
    ]  # fmt: skip
