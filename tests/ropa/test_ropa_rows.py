"""privacymap.ropa as plain data: the snapshot of the Lancashire notice and unit cases."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
import yaml
from syrupy.extensions.json import JSONSnapshotExtension

import privacymap
from privacymap import law, pipeline, ropa
from privacymap.diagnostics import Diagnostic, Location, Severity, WaiverNote
from privacymap.model import Retention
from tests.ropa.support import FAMILY

SCAFFOLD = Path(__file__).resolve().parents[2] / "src/privacymap/data/scaffold/datamap.yaml"


@pytest.fixture
def snapshot_json(snapshot):
    return snapshot.use_extension(JSONSnapshotExtension)


def test_lancashire_rows_snapshot(lancashire_index, snapshot_json):
    # (heading, value) pairs, so the snapshot keeps the ICO's column order
    assert [list(row.items()) for row in ropa.rows(lancashire_index)] == snapshot_json


def test_lancashire_other_tables_snapshot(lancashire_index, snapshot_json):
    assert {
        "flows": ropa.flows(lancashire_index),
        "recipients": ropa.recipients(lancashire_index),
        "retention": ropa.retention(lancashire_index),
    } == snapshot_json


def test_rights_follow_the_law_for_a_public_task():
    """Written out from UK GDPR, not from the code: under Art 6(1)(e) alone erasure is
    qualified (Art 17(3)(b)), there is no right to portability (Art 20(1)), and there is a
    right to object (Art 21(1)); the Art 22A-22D rights apply only where decisions are
    based solely on automated processing, and the scaffold says there are none."""
    datamap = privacymap.load(SCAFFOLD)
    [row] = ropa.rows(datamap.index)
    assert row["Rights available to individuals"].splitlines() == [
        "Right to be informed (Art 13-14)",
        "Right of access (Art 15)",
        "Right to rectification (Art 16)",
        "Right to erasure (Art 17) \u2013 qualified: Art 17(3)(b): the right does not apply to "
        "the extent that the processing is necessary for a task carried out in the public "
        "interest or in the exercise of official authority",
        "Right to restrict processing (Art 18)",
        "Right to object (Art 21)",
    ]  # no automated decision-making rights: the scaffold says there are no such decisions


@pytest.mark.parametrize(
    ("period", "words"),
    [("P25Y", "25 years"), ("P1Y", "1 year"), ("P18M", "18 months"),
     ("P1Y6M", "1 year and 6 months"), ("P2W", "2 weeks"),
     ("P1Y2M3D", "1 year, 2 months and 3 days"), ("P01Y", "1 year"), ("PT5H", "PT5H")],
)  # fmt: skip
def test_period_in_words(period, words):
    assert law.period_in_words(period) == words


def test_retention_text():
    rule = Retention(id="r", record="Files", period="P25Y", trigger="date-of-birth",
                     disposal="destroy")  # fmt: skip
    assert ropa.retention_text(rule) == "25 years from the date of birth, then securely destroyed"
    rule = Retention(id="r", record="Files", criteria="Until the child is 25.")
    assert ropa.retention_text(rule) == "Until the child is 25."
    assert ropa.retention_text(Retention(id="r", record="Files")) == "period not recorded"


def test_findings_table_marks_waivers():
    where = Location("map.yaml", 3, 5)
    waived = Diagnostic(
        rule="PM201", slug="flow-without-lawful-basis", severity=Severity.ERROR,
        message="flow 'a->b' has no lawful basis", location=where, subject="flow:a->b",
        waiver=WaiverNote("Reviewed by the DPO on 1 May.", "J Smith", dt.date(2027, 1, 1), where),
    )  # fmt: skip
    plain = Diagnostic(rule="PM601", slug="x", severity=Severity.WARNING, message="m")
    rows = ropa.findings([waived, plain])
    assert rows[0]["Waived?"] == "Yes"
    assert rows[0]["Justification"] == "Reviewed by the DPO on 1 May."
    assert rows[0]["Approver"] == "J Smith" and rows[0]["Waiver expires"] == "2027-01-01"
    assert rows[0]["Location"] == "map.yaml:3:5" and rows[0]["Subject"] == "flow:a->b"
    assert rows[1]["Waived?"] == "No" and rows[1]["Severity"] == "warning"


def test_schedule1_cell_only_names_paragraphs_of_dpa_schedule_1(tmp_path):
    """A `schedule1:` citation of another schedule or Act is not shown as a Sch 1 condition."""
    shutil.copytree(FAMILY, tmp_path / "map")
    law_file = tmp_path / "map" / "law.yaml"
    data = yaml.safe_load(law_file.read_text("utf-8"))
    (condition,) = [c for c in data["conditions"] if c["id"] == "safeguarding-of-children"]
    condition["schedule1"] = ["DPA 2018 Sch 2 para 5", "Children Act 1989 Sch 2 para 7"]
    law_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    index = pipeline.check(tmp_path / "map").index
    cell = ropa.rows(index)[2]["Data Protection Act 2018 Schedule 1 Condition for processing"]
    lines = cell.splitlines()
    for cited in ("DPA 2018 Sch 2 para 5", "Children Act 1989 Sch 2 para 7"):
        assert (
            f"{cited} (not a recognised Schedule 1 paragraph) (for UK GDPR Art 9(2)(g) "
            "\u2013 Substantial public interest)" in lines
        ), lines
    named = [line.split(" \u2013 ")[0].split(" (for ")[0] for line in lines
             if line.startswith("DPA 2018 Sch 1 Part")]  # fmt: skip
    assert named == ["DPA 2018 Sch 1 Part 2 para 18"], lines  # the criminal offence condition's


def test_rows_and_the_csv_carry_the_audit_columns_from_the_model(tmp_path: Path):
    data = yaml.safe_load(SCAFFOLD.read_text("utf-8"))
    data["activities"][0].update(
        {"review_owner": "Advice Service Manager", "last_review": "2026-02-10",
         "next_review": "March 2027"}
    )  # fmt: skip
    source = tmp_path / "map" / "datamap.yaml"
    source.parent.mkdir()
    source.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    audit = ["Service", "Security measures for this activity",
             "Information-sharing agreement with each controller recipient", "Record owner",
             "Last review", "Next review"]  # fmt: skip
    assert list(ropa.HEADINGS[30:]) == audit  # AE-AJ, after the ICO's A-AD
    [row] = ropa.rows(privacymap.load(source).index)
    assert [row[h] for h in audit[3:]] == ["Advice Service Manager", "2026-02-10", "March 2027"]
    out = tmp_path / "out"
    assert pipeline.build(source, out, draft=True, only=["ropa"]).written
    text = (out / "ropa.csv").read_bytes().decode("utf-8-sig")
    header, line = list(csv.reader(io.StringIO(text, newline="")))
    assert header == list(ropa.HEADINGS)
    assert dict(zip(header, line, strict=True)) == row


def test_the_art9_cell_names_who_owes_the_duty_of_confidentiality(tmp_path):
    """Art 9(2)(h) is met only where someone owing a duty of confidentiality is responsible
    (Art 9(3), DPA 2018 s 11(1)); what the map records of it is shown beside the condition."""
    shutil.copytree(FAMILY, tmp_path / "map")
    law_file = tmp_path / "map" / "law.yaml"
    data = yaml.safe_load(law_file.read_text("utf-8"))
    (condition,) = [c for c in data["conditions"] if c["id"] == "health-and-social-care"]
    condition["confidentiality"] = "Health visitors, registered nurses."
    law_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    rows = ropa.rows(pipeline.check(tmp_path / "map").index)
    cells = [row["Article 9 condition for processing special category data"] for row in rows]
    shown = [line for cell in cells for line in cell.splitlines() if "confidentiality" in line]
    assert shown and all(
        line.startswith("Duty of confidentiality (")
        and line.endswith(": Health visitors, registered nurses.")
        for line in shown
    ), shown


def test_the_purpose_cell_records_further_processing(tmp_path):
    """A new purpose (Art 5(1)(b), 13(3)): what the data was collected for, the ground of
    compatibility, and how people are told first, in the ROPA's purpose column."""
    shutil.copytree(FAMILY, tmp_path / "map")
    file = tmp_path / "map" / "activities.yaml"
    data = yaml.safe_load(file.read_text("utf-8"))
    (activity,) = [a for a in data["activities"] if a["id"] == "early-help-support"]
    activity["further_processing"] = {
        "of": ["family-hub-membership"],
        "compatibility": "assessment",
        "assessment": "https://example.org/assessment",
        "told": "We write to you a month before.",
    }
    file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    index = pipeline.check(tmp_path / "map").index
    row = next(r for r in ropa.rows(index) if r["Purpose of processing"].startswith("Early"))
    lines = row["Purpose of processing"].splitlines()
    assert lines[-4:] == [
        f"Further processing of data collected for: {index.purposes['family-hub-membership'].name}",
        "Compatible by: a compatibility assessment (Art 6(4); Art 8A(2))",
        "Compatibility assessment: https://example.org/assessment",
        "People told before it starts: We write to you a month before.",
    ], lines
