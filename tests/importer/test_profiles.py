"""Other layouts: the flow-mapping profile and a profile file of one's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from privacymap.importer import read_spreadsheet, write_result
from privacymap.importer.profile import ProfileError, load_profile
from privacymap.pipeline import resolve

FLOWS = [
    ["Ref", "Process", "Data items", "Inflow/Outflow", "Source/Destination", "Transfer method",
     "Lawful basis"],
    ["F1", "Admissions", "Name; Date of birth", "In", "Parents", "Online form", "6(1)(e)"],
    ["F2", "Admissions", "Name", "Out", "Schools", "Secure email", "Public task"],
    ["F3", "Transport", "Address", "Outflow", "Bus operator", "SFTP", "6(1)(e)"],
    ["F4", "Transport", "Address", "Sideways", "Somebody", "", ""],
]  # fmt: skip


def _sheet(path: Path, rows: list[list[str]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Flows"
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_flow_mapping_sheet_becomes_activities_with_flows(tmp_path: Path) -> None:
    source = _sheet(tmp_path / "flows.xlsx", FLOWS)
    result = read_spreadsheet(source, shown_as="flows.xlsx")
    assert result.profile == "flow-mapping"
    assert [str(d.location) for d in result.diagnostics if d.rule == "PM083"] == [
        "flows.xlsx:Flows!D5"
    ]
    write_result(result, tmp_path / "map")
    _, index, diagnostics = resolve(tmp_path / "map")
    assert index is not None, [str(d) for d in diagnostics]
    admissions, transport = index.datamap.activities
    assert admissions.name == "Admissions" and admissions.categories == ("name", "date-of-birth")
    assert [c.source for c in admissions.collects] == ["parents"]
    assert [(d.recipient, d.id, d.description) for d in admissions.discloses] == [
        ("schools", "f2", "Transfer method: Secure email")
    ]
    assert [d.recipient for d in transport.discloses] == ["bus-operator"]
    assert {b.basis for b in index.datamap.lawful_bases} == {"public-task"}


PROFILE = """\
name: asset-register
title: Information asset register
min_matches: 3
columns:
  - field: activity
    headings: ["Asset name"]
    required: true
  - field: categories
    headings: ["Personal data held"]
  - field: lawful-basis
    headings: ["Legal gateway"]
  - field: ignore
    headings: ["Asset owner"]
  - field: description
    headings: ["Notes"]
"""


def test_a_profile_file_reads_another_layout(tmp_path: Path) -> None:
    (tmp_path / "asset.yaml").write_text(PROFILE)
    source = _sheet(tmp_path / "assets.xlsx", [
        ["Asset name", "Asset owner", "Personal data held", "Legal gateway", "Notes"],
        ["Payroll", "HR", "Salary, bank details",
         "Legal obligation – Public Libraries and Museums Act 1964", "Monthly pay run"],
    ])  # fmt: skip
    result = read_spreadsheet(source, profile=str(tmp_path / "asset.yaml"))
    assert result.profile == "asset-register"
    [unknown] = [d for d in result.diagnostics if d.rule == "PM083"]
    assert str(unknown.location).endswith("assets.xlsx:Flows!D2")
    assert "Public Libraries and Museums Act 1964" in unknown.message
    write_result(result, tmp_path / "map")
    _, index, _ = resolve(tmp_path / "map")
    assert index is not None
    assert index.datamap.activities[0].name == "Payroll"
    assert index.datamap.activities[0].description == "Monthly pay run"
    assert index.datamap.activities[0].categories == ("salary", "bank-details")
    assert index.datamap.lawful_bases[0].law == ("Public Libraries and Museums Act 1964",)


@pytest.mark.parametrize(
    "text",
    ["name: x\ntitle: y\ncolumns: []\n", "name: x\ntitle: y\ncolumns:\n  - field: nope\n"
     "    headings: [a]\n", "name: [\n"],
)  # fmt: skip
def test_a_bad_profile_is_reported_not_raised(text: str, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(text)
    with pytest.raises(ProfileError):
        load_profile(str(tmp_path / "p.yaml"))
    result = read_spreadsheet(tmp_path / "p.yaml", profile=str(tmp_path / "p.yaml"))
    assert [d.rule for d in result.diagnostics] == ["PM081"]


def test_the_shipped_profiles_load() -> None:
    assert load_profile("ico-controller").min_matches == 20
    assert len(load_profile("ico-controller").columns) == 32  # A-AD, and two audit columns
    assert load_profile("flow-mapping").rows == "flows"
