"""LibreOffice reads ropa.xlsx as privacymap meant it: the same cells as ropa.csv."""

from __future__ import annotations

import csv
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest

from privacymap import ropa
from privacymap.text import csv_unescape
from tests.ropa.support import SCAFFOLD, build_ropa
from tests.ropa.test_ropa_safety import AT, EVIL, MINUS, PLUS, poisoned_map
from tests.support.external import soffice_path, xlsx_to_csv

pytestmark = pytest.mark.external


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def _lo_ropa_sheet(out: Path, tmp: Path) -> list[list[str]]:
    made = xlsx_to_csv(out / "ropa.xlsx", tmp)
    (sheet,) = [p for p in made if p.name.endswith("-ROPA.csv")]
    return _read_csv(sheet)


def _ropa_csv(out: Path) -> list[list[str]]:
    return [[csv_unescape(c) for c in row] for row in _read_csv(out / "ropa.csv")]


def test_libreoffice_sees_the_same_cells_as_ropa_csv(lancashire_out: Path, tmp_path: Path):
    lo = _lo_ropa_sheet(lancashire_out, tmp_path)
    assert lo[8] == list(ropa.HEADINGS)  # row 9, as in the ICO template
    assert lo[8:] == _ropa_csv(lancashire_out)
    assert lo[1][:2] == ["Controller", "Lancashire County Council"]
    assert lo[2][0] == "Data Protection Officer" and lo[2][1] != ropa.NOT_RECORDED
    sheets = {p.name.split("-", 1)[1] for p in tmp_path.glob("ropa-*.csv")}
    assert sheets == {f"{name}.csv" for name in
                      ("ROPA", "Law", "Data flows", "Recipients", "Retention schedule",
                       "Findings", "About")}  # fmt: skip


def test_libreoffice_keeps_formula_like_text(tmp_path: Path):
    out = build_ropa(poisoned_map(tmp_path), tmp_path / "out")
    lo = _lo_ropa_sheet(out, tmp_path / "lo")
    mine = _ropa_csv(out)
    assert lo[8:] == mine
    row = dict(zip(lo[8], lo[9], strict=True))
    assert row["Business function"] == EVIL
    assert row["Location of personal data"] == AT
    assert row["Data Protection Impact Assessment progress"] == PLUS
    assert lo[1][1] == EVIL and lo[1][4] == MINUS  # controller name and telephone


def test_libreoffice_opens_ropa_csv_as_text(tmp_path: Path):
    """ropa.csv opened by a spreadsheet: the apostrophe keeps every field text."""
    out = build_ropa(poisoned_map(tmp_path), tmp_path / "out")
    with tempfile.TemporaryDirectory(prefix="soffice-profile-") as profile:
        proc = subprocess.run(
            [soffice_path(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--norestore", "--convert-to", "xlsx", "--outdir", str(tmp_path / "x"),
             str(out / "ropa.csv")],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    book = openpyxl.load_workbook(tmp_path / "x" / "ropa.xlsx")
    for row in book.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)


def test_scaffold_round_trip(tmp_path: Path):
    out = build_ropa(SCAFFOLD, tmp_path / "out")
    assert _lo_ropa_sheet(out, tmp_path / "lo")[8:] == _ropa_csv(out)
