"""ropa.xlsx written row by row (XlsxWriter's constant_memory): nothing lost, same bytes.

Holding every cell until the end cost about half a gigabyte at 10,000 activities
(benchmarks/RESULTS.md); row by row, XlsxWriter keeps one row. These tests show
the mode is in use, that the workbook reads back exactly as one written with
every cell held (values, formats, row heights, merged cells, links, drop-down
lists, filters, print set-up, column widths), and that the bytes do not depend
on the time zone.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from collections.abc import Iterator
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from privacymap import pipeline
from privacymap.ropa import files, workbook
from privacymap.ropa.sheets import Workbook
from tests.ropa.support import FAMILY, LANCASHIRE


def _book(source: Any) -> Workbook:
    result = pipeline.check(source, today=dt.date(2026, 6, 1))
    assert result.index is not None
    return workbook(result.index, tuple(result.diagnostics), draft=True, commit="abc1234")


def _holding_every_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    real = xlsxwriter.Workbook

    def every_cell(target: Any, options: dict[str, Any]) -> Any:
        return real(target, {**options, "constant_memory": False, "in_memory": True})

    monkeypatch.setattr(xlsxwriter, "Workbook", every_cell)


def _cells(data: bytes) -> Iterator[tuple[object, ...]]:
    """Everything a reader sees in a workbook, sheet by sheet and cell by cell."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        yield (
            sheet.title, sheet.dimensions, str(sheet.merged_cells), sheet.freeze_panes,
            sheet.auto_filter.ref, sheet.print_title_rows, sheet.print_title_cols,
            sheet.page_setup.paperSize, sheet.page_setup.orientation,
            sheet.oddHeader.center.text, sheet.oddFooter.left.text,
            [(v.sqref, v.formula1) for v in sheet.data_validations.dataValidation],
            [(k, d.width) for k, d in sorted(sheet.column_dimensions.items())],
            [sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1)],
        )  # fmt: skip
        for row in sheet.iter_rows():
            for cell in row:
                yield (
                    cell.coordinate, cell.value, cell.data_type,
                    cell.hyperlink.target if cell.hyperlink else None,
                    repr(cell.font), repr(cell.fill), repr(cell.alignment), repr(cell.border),
                )  # fmt: skip


def test_the_workbook_is_written_row_by_row() -> None:
    with zipfile.ZipFile(io.BytesIO(files.to_xlsx(_book(LANCASHIRE)))) as z:
        assert "xl/sharedStrings.xml" not in z.namelist()  # cells hold their own text
        assert b't="inlineStr"' in z.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("source", [LANCASHIRE, FAMILY], ids=["lancashire", "family-support"])
def test_row_by_row_loses_nothing(source: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    book = _book(source)
    row_by_row = files.to_xlsx(book)
    _holding_every_cell(monkeypatch)
    held = files.to_xlsx(book)
    assert row_by_row != held  # the two modes were both used
    assert list(_cells(row_by_row)) == list(_cells(held))


def test_the_bytes_do_not_depend_on_the_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    book = _book(FAMILY)
    written = []
    for zone in ("UTC", "America/Los_Angeles", "Asia/Kolkata"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        written.append(files.to_xlsx(book))
    monkeypatch.delenv("TZ")
    time.tzset()
    assert written[0] == written[1] == written[2]
