"""Workbooks written by hand with openpyxl, not by privacymap, as a DPO keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

# The ICO template's group headings (row 8) and 30 headings (row 9), typed the way
# people retype them: other case, a missing "(if applicable)", a missing "1".
GROUPS = {
    "A": "Article 30 Record of Processing Activities",
    "L": "Privacy Notices",
    "S": "Consent",
    "T": "Access Requests",
    "U": "Data Protection Impact Assessments",
    "X": "Personal Data Breaches",
    "Z": "Data Protection Act 2018 – Special Category or Criminal Conviction and Offence data",
}
HEADINGS = [
    "Business function", "Purpose(s) of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals", "Categories of personal data", "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are "
    "transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or "
    "international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "ARTICLE 6 LAWFUL BASIS FOR PROCESSING PERSONAL DATA",
    "Article 9 condition for processing special category data",
    "Legitimate interests for the processing", "Link to record of legitimate interests assessment",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)", "Link to record of consent",
    "Location of personal data", "Data Protection Impact Assessment required?",
    "Data Protection Impact Assessment progress", "Link to Data Protection Impact Assessment",
    "Has a personal data breach occurred?", "Link to record of personal data breach",
    "Data Protection Act 2018 Schedule Condition for processing",
    "GDPR Article 6 lawful basis for processing",
    "Link to retention and erasure policy document",
    "Is personal data retained and erased in accordance with the policy document?",
    "Reasons for not adhering to policy document (if applicable)",
]  # fmt: skip
COLUMN = {h: i for i, h in enumerate(HEADINGS)}

ROWS = [
    {
        "Business function": "Early help",
        "Purpose(s) of processing": "Family support assessments",
        "Categories of individuals": "Children; Parents and carers",
        "Categories of personal data": "Name, address, Health",
        "Categories of recipients": "Schools, GP practices",
        "Retention schedule (if possible)": "DOB + 25 years",
        "General description of technical and organisational security measures (if possible)":
            "Role-based access to the case system",
        "ARTICLE 6 LAWFUL BASIS FOR PROCESSING PERSONAL DATA":
            "Public task – Children Act 1989 s17",
        "Article 9 condition for processing special category data":
            "Article 9(2)(h) + DPA Sch 1 para 2",
        "The source of the personal data (if applicable)": "Referrals from schools",
        "Data Protection Impact Assessment required?": "Yes",
        "Has a personal data breach occurred?": "No",
    },
    {
        "Business function": "Early help",
        "Purpose(s) of processing": "Safeguarding referrals",
        "Categories of individuals": "children",
        "Categories of personal data": "Address; Case notes",
        "Categories of recipients": "Police",
        "Retention schedule (if possible)": "Until no longer needed",
        "General description of technical and organisational security measures (if possible)":
            "Role-based access to the case system",
        "ARTICLE 6 LAWFUL BASIS FOR PROCESSING PERSONAL DATA": "6(1)(e); we think it is fine",
        "Article 9 condition for processing special category data": "9(2)(g)",
        "Data Protection Act 2018 Schedule Condition for processing":
            "Schedule 1 Part 2 para 18 – Safeguarding of children",
        "Data Protection Impact Assessment required?": "Maybe",
    },
    {
        "Business function": "Libraries",
        "Purpose(s) of processing": "Library membership",
        "Categories of individuals": "Library members",
        "Categories of personal data": "Name, address",
        "ARTICLE 6 LAWFUL BASIS FOR PROCESSING PERSONAL DATA": "Consent",
        "Retention schedule (if possible)": "2 years after the last contact",
        "Names of third countries or international organisations that personal data are "
        "transferred to (if applicable)": "None",
    },
]  # fmt: skip


def ico_workbook(path: Path, rows: list[dict[str, str]] = ROWS) -> Path:
    """An ICO-template workbook: title, the contact block as the ICO lays it out
    (roles across, labels down), group headings in row 8, headings in row 9."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Record of processing"
    ws["A1"] = "Documentation of processing activities – requirements"
    ws["B2"], ws["C2"], ws["D2"] = "Controller", "Data Protection Officer", "Representative"
    ws["A3"], ws["A4"], ws["A5"], ws["A6"] = "Name", "Address", "Email", "Telephone"
    ws["B3"], ws["B4"] = "Example Borough Council", "Town Hall, High Street, Exampleton"
    ws["B5"], ws["B6"] = "info@example.gov.uk", "01234 567890"
    ws["C3"], ws["C5"] = "Jo Bloggs", "dpo@example.gov.uk"
    for letter, title in GROUPS.items():
        ws[f"{letter}8"] = title
    for col, heading in enumerate(HEADINGS, start=1):
        ws.cell(row=9, column=col, value=heading)
    for r, row in enumerate(rows, start=10):
        for heading, value in row.items():
            ws.cell(row=r, column=COLUMN[heading] + 1, value=value)
    wb.save(path)
    return path


@pytest.fixture
def ico_file(tmp_path: Path) -> Path:
    return ico_workbook(tmp_path / "ICO.xlsx")
