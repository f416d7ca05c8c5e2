"""CSV/Excel injection: text from the map that looks like a formula stays text, intact."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from privacymap import ropa
from privacymap.text import FORMULA_STARTS, csv_escape, csv_unescape
from tests.ropa.support import SCAFFOLD, build_ropa

EVIL = '=HYPERLINK("http://evil","x")'
PLUS = "+1+1"
MINUS = "-2"
AT = "@SUM(A1)"
PAYLOADS = (EVIL, PLUS, MINUS, AT)


def poisoned_map(directory: Path) -> Path:
    """The scaffold with formula-like text in many text fields."""
    data = yaml.safe_load(SCAFFOLD.read_text("utf-8"))
    data["controller"]["name"] = EVIL
    data["controller"]["telephone"] = MINUS
    data["dpo"]["name"] = AT
    activity = data["activities"][0]
    activity["business_function"] = EVIL
    activity["location"] = AT
    activity["dpia"] = {"required": "screening", "status": PLUS, "link": "javascript:alert(1)"}
    activity["discloses"][0]["when"] = [MINUS]
    data["purposes"][0]["name"] = PLUS
    data["categories"][1]["name"] = MINUS
    data["recipients"][0]["name"] = EVIL
    data["retention"][0]["record"] = AT
    data["subjects"][0]["name"] = "'quoted already"
    path = directory / "datamap.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return path


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("poisoned")
    return build_ropa(poisoned_map(base), base / "out")


def test_no_formula_in_the_workbook(poisoned: Path):
    with zipfile.ZipFile(poisoned / "ropa.xlsx") as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                xml = z.read(name).decode()
                assert "<f>" not in xml and "<f " not in xml, name
    book = openpyxl.load_workbook(poisoned / "ropa.xlsx")
    seen = set()
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.update(p for p in PAYLOADS if p in cell.value)
                else:
                    assert cell.value is None, (sheet.title, cell.coordinate, cell.value)
    assert seen == set(PAYLOADS)


def test_text_survives_intact_in_the_workbook(poisoned: Path):
    sheet = openpyxl.load_workbook(poisoned / "ropa.xlsx")["ROPA"]
    assert sheet["B2"].value == EVIL  # controller name
    assert sheet["E2"].value == MINUS  # controller telephone
    assert sheet["B3"].value == AT  # DPO name
    assert sheet["A10"].value == EVIL  # business function
    assert sheet["T10"].value == AT  # location
    assert sheet["V10"].value == PLUS  # DPIA progress
    assert sheet["B10"].value == f"Advice enquiries:\n{PLUS}"
    assert MINUS in sheet["E10"].value.splitlines()
    assert sheet["D10"].value == "'quoted already"
    # a javascript: address is shown as text, never linked
    assert sheet["W10"].value == "javascript:alert(1)" and sheet["W10"].hyperlink is None
    flows = openpyxl.load_workbook(poisoned / "ropa.xlsx")["Data flows"]
    assert [r[12] for r in flows.iter_rows(min_row=2, values_only=True)][-1] == MINUS
    assert [r[4] for r in flows.iter_rows(min_row=2, values_only=True)][-1] == EVIL


def test_csv_escapes_reversibly(poisoned: Path):
    text = (poisoned / "ropa.csv").read_bytes().decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text, newline="")))
    for row in table:
        for field in row:
            assert not field.startswith(FORMULA_STARTS), field
    row = dict(zip(table[0], table[1], strict=True))
    assert row["Business function"] == "'" + EVIL
    assert row["Location of personal data"] == "'" + AT
    assert row["Data Protection Impact Assessment progress"] == "'" + PLUS
    assert row["Categories of individuals"] == "''quoted already"
    unescaped = {k: csv_unescape(v) for k, v in row.items()}
    assert unescaped["Business function"] == EVIL
    assert unescaped["Categories of individuals"] == "'quoted already"


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1", "-2", "@A1", "\tx", "\rx", "'x", "''", "plain", "", "a=b", " =x"],
)
def test_csv_escape_round_trip(text: str):
    escaped = csv_escape(text)
    assert not escaped.startswith(FORMULA_STARTS)
    assert csv_unescape(escaped) == text


def test_only_safe_links():
    assert ropa.safe_url("https://example.org/a") == "https://example.org/a"
    assert ropa.safe_url("mailto:dpo@example.org") == "mailto:dpo@example.org"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "internal:Sheet1!A1",
                "external:c:\\x", "data:text/html,x", "https://a b", "docs/x.pdf", "",
                None, "https://" + "x" * 2100):  # fmt: skip
        assert ropa.safe_url(bad) is None, bad
