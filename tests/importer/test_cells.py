"""Free text of a cell into typed facts; what is not understood is left over."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacymap.importer import cells


@pytest.mark.parametrize(
    ("text", "grounds", "left"),
    [
        ("Public task – Children Act 1989 s17", [("public-task", ["Children Act 1989 s17"])], []),
        ("6(1)(e)", [("public-task", [])], []),
        ("Art 6(1)(c) legal obligation (Children Act 2004 s 11)",
         [("legal-obligation", ["Children Act 2004 s 11"])], []),
        ("Article 6(1)(a) consent; Article 6(1)(e) public task",
         [("consent", []), ("public-task", [])], []),
        ("UK GDPR Art 6(1)(e) – Public task\nLaw relied on: Children Act 2004, s 10 "
         "(https://www.legislation.gov.uk/ukpga/2004/31/section/10)",
         [("public-task", ["Children Act 2004, s 10"])], []),
        ("Legitimate interest", [("legitimate-interests", [])], []),
        ("We think it is fine", [], ["We think it is fine"]),
        ("Public task – the Made Up Act 2099 s 1",
         [("public-task", ["the Made Up Act 2099 s 1"])], []),
    ],
)  # fmt: skip
def test_art6_cells(text: str, grounds: list[tuple[str, list[str]]], left: list[str]) -> None:
    read = cells.law_cell(text, art9=False)
    assert [(g.id, g.law) for g in read.grounds] == grounds
    assert read.leftover == left


def test_a_citation_of_an_unknown_instrument_is_kept_and_reported() -> None:
    read = cells.law_cell("Public task – the Made Up Act 2099 s 1", art9=False)
    assert read.unknown == ["the Made Up Act 2099 s 1"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Article 9(2)(h) + DPA Sch 1 para 2", [("health-social-care", [2])]),
        ("9(2)(g) Substantial public interest – DPA 2018 Sch 1 Pt 2 para 18",
         [("substantial-public-interest", [18])]),
        ("Explicit consent", [("explicit-consent", [])]),
    ],
)  # fmt: skip
def test_art9_cells(text: str, expected: list[tuple[str, list[int]]]) -> None:
    read = cells.law_cell(text, art9=True)
    assert [(g.id, g.schedule1) for g in read.grounds] == expected
    assert read.leftover == []


@pytest.mark.parametrize(
    ("text", "period", "trigger", "criteria", "disposal"),
    [
        ("25 years from the date of birth, then securely destroyed",
         "P25Y", "date-of-birth", None, "destroy"),
        ("DOB + 25 years", "P25Y", "date-of-birth", None, None),
        ("6 years after closure", "P6Y", "closure", None, None),
        ("1 year and 6 months after the last contact, reviewed yearly, then archived",
         "P1Y6M", "last-contact", "reviewed yearly", "archive"),
        ("6 years", "P6Y", None, None, None),
        ("Until no longer needed", None, None, "Until no longer needed", None),
        ("6 years unless there is a complaint", None, None,
         "6 years unless there is a complaint", None),
        ("Kept permanently.", None, None, "Kept permanently.", None),
    ],
)  # fmt: skip
def test_retention_text(
    text: str, period: str | None, trigger: str | None, criteria: str | None, disposal: str | None
) -> None:
    read = cells.retention(text)
    assert (read.period, read.trigger, read.criteria, read.disposal) == (
        period, trigger, criteria, disposal,
    )  # fmt: skip


def test_items_split_foreign_cells_but_not_privacymap_lines() -> None:
    assert cells.items("Name, address (home, work); Health", native=False) == [
        "Name", "address (home, work)", "Health",
    ]  # fmt: skip
    assert cells.items("Name, address\nHealth", native=True) == ["Name, address", "Health"]
    assert cells.empty("Not applicable: no transfer") and cells.empty("N/A")


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_no_cell_text_makes_a_reader_raise(text: str) -> None:
    cells.law_cell(text, art9=False)
    cells.law_cell(text, art9=True)
    period = cells.retention(text)
    assert period.period is None or period.period.startswith("P")
    cells.items(text, native=False)
