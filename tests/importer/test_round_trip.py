"""build -> ropa.xlsx (or ropa.csv) -> import -> build gives the same ROPA cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacymap import ropa
from privacymap.importer import read_spreadsheet, write_result
from privacymap.pipeline import resolve
from privacymap.ropa.files import to_csv, to_xlsx

REPO = Path(__file__).resolve().parents[2]
MAPS = [
    "notices/lancashire-cfw",
    "examples/family-support",
    "examples/tutorial",
    "examples/shared-catalogue/adult-learning",
    "examples/shared-catalogue/registrars",
]


def _index(path: Path):  # type: ignore[no-untyped-def]
    _, index, diagnostics = resolve(path)
    assert index is not None, [str(d) for d in diagnostics if d.fatal]
    return index


def _round_trip(source: Path, tmp_path: Path, kind: str):  # type: ignore[no-untyped-def]
    index = _index(source)
    book = ropa.workbook(index)
    file = tmp_path / f"ropa.{kind}"
    file.write_bytes(to_xlsx(book) if kind == "xlsx" else to_csv(book.ropa))
    result = read_spreadsheet(file)
    assert [d for d in result.diagnostics if d.rule != "PM084"] == []
    _, _, problems = write_result(result, tmp_path / "map")
    assert problems == []
    return index, _index(tmp_path / "map")


@pytest.mark.parametrize("name", MAPS)
def test_the_workbook_round_trip_reproduces_every_ropa_cell(name: str, tmp_path: Path) -> None:
    before, after = _round_trip(REPO / name, tmp_path, "xlsx")
    assert ropa.rows(after) == ropa.rows(before)
    assert ropa.contact_block(after) == ropa.contact_block(before)


def test_the_csv_round_trip_reproduces_every_ropa_cell(tmp_path: Path) -> None:
    before, after = _round_trip(REPO / MAPS[0], tmp_path, "csv")
    assert ropa.rows(after) == ropa.rows(before)


def test_the_round_trip_is_a_fixed_point(tmp_path: Path) -> None:
    """Importing the rebuilt workbook again gives the same files."""
    _, after = _round_trip(REPO / MAPS[0], tmp_path, "xlsx")
    again = tmp_path / "again.xlsx"
    again.write_bytes(to_xlsx(ropa.workbook(after)))
    first = read_spreadsheet(tmp_path / "ropa.xlsx", shown_as="ropa.xlsx").files
    assert read_spreadsheet(again, shown_as="ropa.xlsx").files == first
