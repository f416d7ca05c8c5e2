"""One register for the organisation: several service maps of one controller."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from privacymap import pipeline, ropa
from privacymap.pipeline import RegisterRefused, build_register
from tests.ropa.support import FAMILY, LANCASHIRE, REPO

SHARED = REPO / "examples" / "shared-catalogue"
MEMBERS = [SHARED / "adult-learning", SHARED / "registrars"]


def _activities(path: Path) -> list[str]:
    index = pipeline.check(path).index
    assert index is not None
    return [a.name for a in index.datamap.activities]


def test_one_row_per_activity_of_every_map_with_its_service(tmp_path: Path):
    result = build_register(MEMBERS, tmp_path / "register.xlsx")
    assert result.written and result.exit_code == 0 and result.findings == []
    book = openpyxl.load_workbook(tmp_path / "register.xlsx")
    sheet = book["ROPA"]
    headings = [c.value for c in sheet[9]]
    assert headings == list(ropa.HEADINGS)
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=10)]
    names = [a for m in MEMBERS for a in _activities(m)]
    assert len(rows) == len(names)
    for row, name in zip(rows, names, strict=True):
        assert row[1].startswith(f"{name}:")
    service = headings.index("Service")
    assert [r[service] for r in rows] == ["Adult Learning Service", "Registration Service"]
    ids = [r[0].value for r in book["Recipients"].iter_rows(min_row=2)]
    assert len(ids) == len(set(ids))  # the shared catalogue's recipients, each once
    about = dict(book["About"].values)
    assert about["Source data map"].splitlines() == [str(m) for m in MEMBERS]


def _conflicting(tmp_path: Path) -> list[Path]:
    """Two copies of the shared-catalogue project; the second's recipient redefined."""
    for name in ("one", "two"):
        shutil.copytree(SHARED, tmp_path / name)
    recipients = tmp_path / "two" / "catalogue" / "recipients.yaml"
    data = yaml.safe_load(recipients.read_text("utf-8"))
    data["recipients"][0]["name"] = "Renamed funding body"
    recipients.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return [tmp_path / "one" / "adult-learning", tmp_path / "two" / "registrars"]


def test_a_conflicting_recipient_definition_is_reported(tmp_path: Path):
    maps = _conflicting(tmp_path)
    result = build_register(maps, tmp_path / "register.xlsx")
    assert [d.rule for d in result.findings] == ["PM086"]
    (finding,) = result.findings
    assert finding.subject.startswith("register:recipients:")
    assert finding.location is not None and "recipients.yaml" in finding.location.file
    assert not result.written and result.exit_code == 1  # nothing written without --draft
    drafted = build_register(maps, tmp_path / "register.xlsx", draft=True)
    assert drafted.written and drafted.exit_code == 1
    book = openpyxl.load_workbook(tmp_path / "register.xlsx")
    assert book["ROPA"]["A7"].value.startswith("DRAFT")
    assert "PM086" in [r[0].value for r in book["Findings"].iter_rows(min_row=2)]


def test_maps_of_different_controllers_are_refused(tmp_path: Path):
    with pytest.raises(RegisterRefused, match="different controllers"):
        build_register([LANCASHIRE, FAMILY], tmp_path / "register.xlsx", draft=True)
    assert not (tmp_path / "register.xlsx").exists()


def test_csv_register(tmp_path: Path):
    result = build_register(MEMBERS, tmp_path / "register.csv", fmt="csv")
    assert result.written
    text = (tmp_path / "register.csv").read_bytes().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline="")))
    assert table[0] == list(ropa.HEADINGS)
    assert len(table) - 1 == sum(len(_activities(m)) for m in MEMBERS)


def test_never_replaces_a_file_it_did_not_write(tmp_path: Path):
    mine = tmp_path / "register.xlsx"
    mine.write_bytes(b"a spreadsheet of my own")
    with pytest.raises(RegisterRefused, match="not written by privacymap"):
        build_register(MEMBERS, mine)
    assert mine.read_bytes() == b"a spreadsheet of my own"
    mine.unlink()
    assert build_register(MEMBERS, mine).written
    assert build_register(MEMBERS, mine).written  # its own earlier register is replaced


def test_an_unwritable_register_is_a_message_not_a_crash(tmp_path: Path):
    """`-o` into a folder that does not exist: exit 2 with the reason, nothing written
    (it was an internal error, exit 3, when the register wrote its own temporary file)."""
    from typer.testing import CliRunner

    from privacymap.cli import app

    out = tmp_path / "no-such-folder" / "register.xlsx"
    done = CliRunner().invoke(app, ["ropa", *map(str, MEMBERS), "-o", str(out)])
    assert done.exit_code == 2, done.output
    assert "does not exist" in done.output and "internal error" not in done.output
    assert not out.parent.exists()
