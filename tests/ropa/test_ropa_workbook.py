"""ropa.xlsx and ropa.csv of the Lancashire notice: the ICO layout, read back with openpyxl."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from privacymap import pipeline, ropa
from privacymap.output import EmitContext
from privacymap.text import csv_unescape
from tests.ropa.support import FAMILY, LANCASHIRE, MAPS, SCAFFOLD, build_ropa

# The ICO "documentation template for controllers", row 9, columns A-AD
# (../shared/domain/uk-data-protection.md section 7), typed out independently
# of privacymap.ropa.HEADINGS so a slip in either is caught.
ICO_HEADINGS = [
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are "
    "transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or "
    "international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 condition for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Link to record of legitimate interests assessment (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)",
    "Link to record of consent",
    "Location of personal data",
    "Data Protection Impact Assessment required?",
    "Data Protection Impact Assessment progress",
    "Link to Data Protection Impact Assessment",
    "Has a personal data breach occurred?",
    "Link to record of personal data breach",
    "Data Protection Act 2018 Schedule 1 Condition for processing",
    "GDPR Article 6 lawful basis for processing",
    "Link to retention and erasure policy document",
    "Is personal data retained and erased in accordance with the policy document?",
    "Reasons for not adhering to policy document (if applicable)",
]
ICO_GROUPS = {
    "A8:K8": "Article 30 Record of Processing Activities",
    "L8:R8": "Privacy Notices",
    "S8": "Consent",
    "T8": "Access Requests",
    "U8:W8": "Data Protection Impact Assessments",
    "X8:Y8": "Personal Data Breaches",
    "Z8:AD8": "Data Protection Act 2018 \u2013 Special Category or Criminal Conviction and "
    "Offence data",
}
GREEN = "A9D08E"
BLUE = "9BC2E6"
AUDIT = "D9D2E9"


def _book(out: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(out / "ropa.xlsx")


def test_headings_are_the_icos_in_order():
    """A-AD exactly as the ICO template; privacymap's audit columns only after them."""
    assert list(ropa.HEADINGS[: ropa.ICO_COLUMNS]) == ICO_HEADINGS
    assert [c.ico for c in ropa.COLUMNS] == [True] * 30 + [False] * (len(ropa.COLUMNS) - 30)
    assert ropa.COLUMNS[30].letter == "AE" and ropa.HEADINGS[30] == "Service"
    covered = [c for _, first, last in ropa.groups() for c in range(first, last + 1)]
    assert covered == list(range(len(ropa.COLUMNS)))


def test_ropa_sheet_layout(lancashire_out: Path, lancashire_index):
    book = _book(lancashire_out)
    assert book.sheetnames == [
        "ROPA", "Law", "Data flows", "Recipients", "Retention schedule", "Findings", "About"
    ]  # fmt: skip
    sheet = book["ROPA"]
    assert [c.value for c in sheet[9]] == list(ropa.HEADINGS)
    assert [c.value for c in sheet[9]][:30] == ICO_HEADINGS
    activities = lancashire_index.datamap.activities
    data = [[c.value for c in row] for row in sheet.iter_rows(min_row=10)]
    assert len(data) == len(activities) == 10
    for row, activity in zip(data, activities, strict=True):
        assert row[1].startswith(activity.name), (row[1], activity.name)
        assert all(isinstance(v, str) and v.strip() for v in row), row  # never blank
    assert data == [list(r.values()) for r in ropa.rows(lancashire_index)]


def test_contact_block_filled(lancashire_out: Path, lancashire_index):
    sheet = _book(lancashire_out)["ROPA"]
    dm = lancashire_index.datamap
    assert [c.value for c in sheet[1]][:5] == [
        "Contact details", "Name", "Address", "Email", "Telephone"
    ]  # fmt: skip
    assert [sheet.cell(r, 1).value for r in (2, 3, 4)] == [
        "Controller", "Data Protection Officer", "Representative"
    ]  # fmt: skip
    assert sheet["B2"].value == dm.controller.name == "Lancashire County Council"
    assert sheet["C2"].value == dm.controller.address
    assert dm.dpo is not None and dm.dpo.name and dm.dpo.name in sheet["B3"].value
    assert sheet["D3"].value == dm.dpo.email
    assert sheet["D3"].hyperlink.target == f"mailto:{dm.dpo.email}"
    assert sheet["B4"].value == ropa.NOT_RECORDED  # no representative in the seed


def test_groups_colours_and_usability(lancashire_out: Path):
    sheet = _book(lancashire_out)["ROPA"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    for ref, title in ICO_GROUPS.items():
        first = ref.split(":")[0]
        assert sheet[first].value == title
        if ":" in ref:
            assert ref in merged
    fills = [sheet.cell(9, c).fill.fgColor.rgb[-6:] for c in range(1, len(ropa.COLUMNS) + 1)]
    assert fills == [(GREEN if c.required else BLUE) if c.ico else AUDIT for c in ropa.COLUMNS]
    assert fills[1] == GREEN and fills[0] == BLUE  # purposes required, business function not
    assert sheet["B5"].fill.fgColor.rgb[-6:] == GREEN  # the legend
    assert sheet["C5"].fill.fgColor.rgb[-6:] == BLUE
    assert sheet.freeze_panes == "C10"
    assert sheet.auto_filter.ref == f"A9:{ropa.COLUMNS[-1].letter}19"
    assert sheet["B10"].alignment.wrap_text
    assert sheet.column_dimensions["B"].width > 20
    rules = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert rules == {"U10:U19": '"Yes,No,Screening"', "X10:X19": '"Yes,No"'}
    for name in ("Law", "Data flows", "Recipients", "Retention schedule", "Findings"):
        other = sheet.parent[name]
        assert other.freeze_panes == "B2" and other.auto_filter.ref, name


def test_citations_are_linked_on_the_law_sheet(lancashire_out: Path, lancashire_index):
    """One citation a row, each with its own link; no ROPA cell of several lines carries a
    whole-cell link (it would link only one of them and print as one clipped line)."""
    book = _book(lancashire_out)
    ropa_sheet = book["ROPA"]
    for row in ropa_sheet.iter_rows(min_row=10):
        for c in row:
            assert not (c.hyperlink and "\n" in str(c.value)), c.coordinate
    law = book["Law"]
    assert [c.value for c in law[1]] == ["Citation", "Address", "Cited for", "Cited by activities"]
    rows = list(law.iter_rows(min_row=2))
    links = {r[0].value: r[1].hyperlink.target for r in rows if r[1].hyperlink}
    assert all(t.startswith("https://www.legislation.gov.uk/") for t in links.values())
    assert "https://www.legislation.gov.uk/ukpga/2018/12/schedule/1/paragraph/18" in set(
        links.values()
    )
    cited = [r[0].value for r in rows]
    assert len(cited) == len(set(cited))  # each once
    art6 = "\n".join(r["Article 6 lawful basis for processing personal data"]
                     for r in ropa.rows(lancashire_index))  # fmt: skip
    named = [c for c in cited if c in art6]
    assert named and "https://" not in art6


def test_further_sheets(lancashire_out: Path, lancashire_index):
    book = _book(lancashire_out)
    flows = list(book["Data flows"].values)
    assert flows[0][:5] == ("Flow", "Activity", "Direction", "From", "To")
    assert len(flows) - 1 == len(lancashire_index.flows)
    assert {r[0] for r in flows[1:]} == {f.id for f in lancashire_index.flows}
    assert {r[6].split(":")[0] for r in flows[1:]} <= {"Yes", "No"}
    recipients = list(book["Recipients"].values)
    assert len(recipients) - 1 == len(lancashire_index.datamap.recipients)
    retention = list(book["Retention schedule"].values)
    assert len(retention) - 1 == len(lancashire_index.datamap.retention)
    findings = list(book["Findings"].values)
    assert findings[0][:4] == ("Rule", "Slug", "Severity", "Message")
    about = dict(book["About"].values)
    assert about["Source data map"].splitlines() == list(lancashire_index.files)
    assert about["Built with"].startswith("privacymap ")
    assert "privacymap build" in about["How to regenerate"]
    updated = lancashire_index.datamap.notice.last_updated
    assert about["Last updated"] == (updated.isoformat() if updated else "Not recorded")


def test_csv_matches_ropa_sheet(lancashire_out: Path, lancashire_index):
    raw = (lancashire_out / "ropa.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline="")))
    # Every record ends with CRLF; a line break inside a quoted cell is the cell's own (LF).
    assert text.endswith("\r\n") and text.count("\r\n") == len(table)
    assert "\r" not in text.replace("\r\n", "")
    assert table[0] == list(ropa.HEADINGS) and table[0][:30] == ICO_HEADINGS
    expected = [list(r.values()) for r in ropa.rows(lancashire_index)]
    assert [[csv_unescape(c) for c in row] for row in table[1:]] == expected


@pytest.mark.parametrize("name", sorted(MAPS))
def test_no_cell_is_blank(name: str):
    result = pipeline.check(MAPS[name])
    assert result.index is not None
    rows = ropa.rows(result.index)
    assert len(rows) == len(result.index.datamap.activities)
    for row in rows:
        assert list(row)[:30] == ICO_HEADINGS
        assert all(v.strip() for v in row.values()), row


def test_build_twice_is_byte_identical(tmp_path: Path):
    first = build_ropa(LANCASHIRE, tmp_path / "one")
    time.sleep(2.1)  # zip timestamps have a two-second resolution
    second = build_ropa(LANCASHIRE, tmp_path / "two")
    for name in ("ropa.xlsx", "ropa.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    with zipfile.ZipFile(first / "ropa.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 31, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    book = _book(first)
    updated = pipeline.check(LANCASHIRE).index.datamap.notice.last_updated
    day = updated.isoformat() if updated else "2000-01-01"
    assert f'<dcterms:created xsi:type="dcterms:W3CDTF">{day}T00:00:00Z' in core
    assert book.properties.creator == "Lancashire County Council"


def test_emit_directly_and_family_example():
    result = pipeline.check(FAMILY)
    files = ropa.emit(EmitContext(index=result.index, diagnostics=tuple(result.diagnostics))).files
    assert set(files) == {"ropa.xlsx", "ropa.csv"}
    sheet = openpyxl.load_workbook(io.BytesIO(files["ropa.xlsx"]))["ROPA"]
    rows = list(sheet.iter_rows(min_row=10, values_only=True))
    assert len(rows) == 3
    # a processor's contract, a DPIA link and the appropriate policy document are linked
    g = sheet["G10"]
    assert g.hyperlink and g.hyperlink.target.startswith("https://")
    assert sheet["U11"].value == "Yes" and sheet["W11"].hyperlink is not None
    assert "Sch 1 Part 2 para 18" in sheet["Z12"].value
    assert "appropriate policy document" in sheet["AB12"].value.lower()


def test_scaffold_builds(tmp_path: Path):
    out = build_ropa(SCAFFOLD, tmp_path / "out")
    sheet = _book(out)["ROPA"]
    assert sheet["B2"].value == "Example Council"
    assert sheet["L10"].hyperlink is None  # a basis and its law: two lines, no link
    law = _book(out)["Law"]
    assert law["B2"].hyperlink.target == "https://www.legislation.gov.uk/ukpga/2011/20/section/1"
    assert law["A2"].value in sheet["L10"].value


def test_findings_sheet_lists_every_finding_and_marks_waivers(tmp_path: Path):
    data = yaml.safe_load(SCAFFOLD.read_text("utf-8"))
    data["purposes"][0]["bases"] = []  # every flow of the activity loses its basis (PM201)
    expires = (dt.date.today() + dt.timedelta(days=90)).isoformat()  # within a year (PM905)
    data["waivers"] = [
        {
            "rule": "PM201",
            "subject": "flow:advice<-you",
            "justification": "Basis under review with legal services; see ticket IG-42.",
            "approver": "Data Protection Officer",
            "expires": expires,
        }
    ]
    source = tmp_path / "datamap.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    out = build_ropa(source, tmp_path / "out")
    diagnostics = pipeline.check(source).diagnostics
    rows = list(_book(out)["Findings"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(diagnostics) > 1
    waived = [r for r in rows if r[9] == "Yes"]
    assert len(waived) == 1
    rule, _, _, _, _, _, _, subject, _, _, why, who, until, _ = waived[0]
    assert (rule, subject) == ("PM201", "flow:advice<-you")
    assert why.startswith("Basis under review") and who == "Data Protection Officer"
    assert until == expires
    assert any(r[0] == "PM201" and r[9] == "No" for r in rows)  # the other flow is not waived
    about = dict(_book(out)["About"].values)
    assert about["Status"].startswith("DRAFT")
