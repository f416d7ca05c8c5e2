"""Read a workbook (.xlsx, with openpyxl) or a .csv file into plain grids of text.

Every later step works on `Sheet`: text cells addressed by 0-based row and
column, each able to say where it is as a located diagnostic
(``FILE:Sheet!C12`` for a workbook, ``FILE:12:3`` for a CSV file). Values are
read, never evaluated: a formula's last calculated value when the workbook
holds one, else the formula's text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from privacymap.diagnostics import Location

MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_BYTES = 50_000_000
"""Larger files are refused: a ROPA of thousands of rows is a few megabytes."""


class SheetError(Exception):
    """The file cannot be read as a spreadsheet; the message says why."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def column_letter(column: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Sheet:
    """One sheet as text: `rows[r][c]`, every row as long as the widest."""

    file: str
    name: str | None
    rows: tuple[tuple[str, ...], ...]

    def text(self, row: int, column: int) -> str:
        if row < len(self.rows) and column < len(self.rows[row]):
            return self.rows[row][column]
        return ""

    def address(self, row: int, column: int) -> str:
        """`Sheet!C12` for a workbook, `C12` for a CSV file."""
        cell = f"{column_letter(column)}{row + 1}"
        return f"{self.name}!{cell}" if self.name is not None else cell

    def location(self, row: int, column: int) -> Location:
        if self.name is None:  # a CSV file has lines and fields, like any text file
            return Location(self.file, row + 1, column + 1)
        return Location(self.file, row + 1, column + 1, self.address(row, column))


def read(path: Path, shown_as: str) -> list[Sheet]:
    """Every sheet of `path` (.xlsx or .csv), named in diagnostics as `shown_as`."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SheetError(f"{shown_as}: no such file", "check the path of the spreadsheet")
    if path.stat().st_size > MAX_BYTES:
        raise SheetError(
            f"{shown_as}: larger than {MAX_BYTES // 1_000_000} MB",
            "split the workbook, or save only the sheet to import",
        )
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, shown_as)
    if suffix == ".csv":
        return [_read_csv(path, shown_as)]
    raise SheetError(
        f"{shown_as}: cannot import a '{suffix or 'suffix-less'}' file",
        "save the spreadsheet as .xlsx (Excel workbook) or .csv (UTF-8) and import that",
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _grid(rows: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    return tuple(tuple(r + [""] * (width - len(r))) for r in rows)


def _open_workbook(path: Path, shown_as: str, values: bool) -> Any:
    import zipfile

    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=values)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SheetError(
            f"{shown_as}: not a readable .xlsx workbook ({error})",
            "open it in a spreadsheet program and save it again as an Excel workbook (.xlsx); "
            "a workbook protected with a password must be saved without one",
        ) from None


def _rows(book: Any) -> list[tuple[str, list[list[str]]]]:
    out = []
    try:
        for ws in book.worksheets:
            rows: list[list[str]] = []
            for values in ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS, values_only=True):
                row = [_text(v) for v in values]
                while row and not row[-1]:
                    row.pop()
                rows.append(row)
            out.append((str(ws.title), rows))
    finally:
        book.close()
    return out


def _read_xlsx(path: Path, shown_as: str) -> list[Sheet]:
    """Each cell's value as last calculated; a formula never calculated (a workbook
    written by a program, not saved by a spreadsheet) as its text."""
    values = _rows(_open_workbook(path, shown_as, values=True))
    formulas = _rows(_open_workbook(path, shown_as, values=False))
    sheets = []
    for (title, rows), (_, raw) in zip(values, formulas, strict=True):
        merged = []
        for r, raw_row in enumerate(raw):
            row = rows[r] if r < len(rows) else []
            row = row + [""] * (len(raw_row) - len(row))
            merged.append(
                [value or raw_row[c] if c < len(raw_row) else value for c, value in enumerate(row)]
            )
        sheets.append(Sheet(shown_as, title, _grid(merged)))
    return sheets


def _read_csv(path: Path, shown_as: str) -> Sheet:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [
        [_unescape(field.replace("\r\n", "\n").strip()) for field in row]
        for _, row in zip(
            range(MAX_ROWS), csv.reader(io.StringIO(text, newline=""), dialect), strict=False
        )
    ]
    return Sheet(shown_as, None, _grid(rows))


def _unescape(text: str) -> str:
    """Undo the apostrophe that guards a CSV field against formula injection (ropa.csv)."""
    return text[1:] if text.startswith("'") else text
