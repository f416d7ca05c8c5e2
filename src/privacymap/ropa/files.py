"""The ROPA's files: `ropa.xlsx` (the ICO controller template's layout) and `ropa.csv`.

The tables come from `privacymap.ropa`; this module only lays them out.

Safety (CSV/Excel injection). The workbook is written with
``strings_to_formulas``, ``strings_to_urls`` and ``strings_to_numbers`` off, and
every cell with ``write_string`` (or ``write_url`` with its text given as a
string): no value from the data map can become a formula, a number or a link
it did not ask for, and text such as ``=HYPERLINK(...)`` survives intact as
text. Links are made only for http, https and mailto addresses.

A CSV file has no cell types, so a spreadsheet decides on opening it whether
``=1+1`` is a formula. ``ropa.csv`` therefore prefixes one apostrophe to any
field that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(the OWASP defence, which spreadsheets show as text) *and* to any field that
already starts with an apostrophe. The rule is reversible: strip one leading
apostrophe from any field that starts with one (`privacymap.text.csv_unescape`) to get the
exact text back. The file is UTF-8 with a byte-order mark and CRLF line
endings, as Excel expects.

Reproducible: the document's created/modified date is the notice's
``last_updated`` (else 2000-01-01), never the clock; XlsxWriter stamps every zip
member 1980-01-01 when writing in memory, so two builds give identical bytes.

Large maps: XlsxWriter's ``constant_memory`` mode is not used. It would work
with the row-by-row writing here, but it writes strings inline (bigger files)
and forbids going back to a row; the workbook holds one row per activity and
flow, which is small. Left for the performance issue to measure.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from privacymap.ropa.cells import NOT_RECORDED, Cell, Table, safe_url
from privacymap.ropa.columns import COLUMNS, HAND_FILLED, groups
from privacymap.ropa.sheets import Workbook
from privacymap.text import csv_escape

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
GREEN = "#A9D08E"
BLUE = "#9BC2E6"
GAP = "#FCE4D6"
HEADER_ROW = 8  # 0-based: row 9, as in the ICO template
GROUP_ROW = 7
MAX_CELL = 32767  # Excel's limit on the characters of a cell
MAX_LINKS = 65530  # Excel's limit on the links of a worksheet; further cells are plain text


# --------------------------------------------------------------------------- CSV


def to_csv(table: Table) -> bytes:
    """The ROPA sheet's 30-column header and rows, UTF-8 with BOM, CRLF line endings."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([csv_escape(h) for h in table.headings])
    for row in table.rows:
        writer.writerow([csv_escape(c.text) for c in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- XLSX


def _created(book: Workbook) -> dt.datetime:
    if book.last_updated:
        day = dt.date.fromisoformat(book.last_updated)
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    return EPOCH


class _Writer:
    def __init__(self, workbook) -> None:  # type: ignore[no-untyped-def]
        self.wb = workbook
        base = {"text_wrap": True, "valign": "top", "font_size": 10}
        self.text = workbook.add_format(base)
        self.link = workbook.add_format({**base, "font_color": "#0563C1", "underline": 1})
        self.gap = workbook.add_format({**base, "bg_color": GAP, "italic": True})
        self.bold = workbook.add_format({**base, "bold": True})
        self.head = workbook.add_format({**base, "bold": True, "bg_color": "#D9D9D9", "border": 1})
        self.green = workbook.add_format({**base, "bold": True, "bg_color": GREEN, "border": 1})
        self.blue = workbook.add_format({**base, "bold": True, "bg_color": BLUE, "border": 1})
        self.group = workbook.add_format(
            {**base, "bold": True, "align": "center", "valign": "vcenter", "border": 1,
             "bg_color": "#F2F2F2"}
        )  # fmt: skip
        self.title = workbook.add_format({"bold": True, "font_size": 14})

    def cell(self, sheet, row: int, col: int, cell: Cell, fmt=None) -> None:  # type: ignore[no-untyped-def]
        """Write one cell: always literal text, linked only to a vetted address."""
        text = cell.text[:MAX_CELL]
        # past Excel's link limit XlsxWriter refuses the link with a warning per cell
        if cell.url and safe_url(cell.url) and getattr(sheet, "hlink_count", 0) < MAX_LINKS:
            result = sheet.write_url(row, col, cell.url, fmt or self.link, text)
            if result == 0:
                return
        if fmt is None:
            fmt = self.text if cell.recorded else self.gap
        sheet.write_string(row, col, text, fmt)

    def string(self, sheet, row: int, col: int, text: str, fmt=None) -> None:  # type: ignore[no-untyped-def]
        sheet.write_string(row, col, text[:MAX_CELL], fmt or self.text)


def to_xlsx(book: Workbook) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    wb.set_properties(
        {
            "title": book.title,
            "subject": "Record of processing activities (UK GDPR Article 30)",
            "author": book.author,
            "company": book.author,
            "comments": "Generated by privacymap from the data map; edit the map, not this file.",
            "created": _created(book),
        }
    )
    w = _Writer(wb)
    _ropa_sheet(w, book)
    for table in book.others:
        _table_sheet(w, table)
    wb.close()
    return buffer.getvalue()


def _ropa_sheet(w: _Writer, book: Workbook) -> None:
    sheet = w.wb.add_worksheet("ROPA")
    table = book.ropa
    # Rows 1-6: the contact block, then the colour legend.
    for col, title in enumerate(("Contact details", "Name", "Address", "Email", "Telephone")):
        w.string(sheet, 0, col, title, w.head)
    for r, (role, *cells) in enumerate(book.contacts, start=1):
        w.string(sheet, r, 0, role, w.bold)
        for c, cell in enumerate(cells, start=1):
            w.cell(sheet, r, c, cell)
    w.string(sheet, 4, 0, "Key", w.bold)
    w.string(sheet, 4, 1, "Required (UK GDPR Art 30, DPA 2018 Sch 1 para 41)", w.green)
    w.string(sheet, 4, 2, "Optional (good practice)", w.blue)
    w.string(sheet, 4, 3, f"{NOT_RECORDED}: the data map holds nothing for this cell", w.gap)
    w.string(sheet, 5, 0, "Generated", w.bold)
    w.string(
        sheet, 5, 1,
        f"{book.title}. Built by privacymap from the data map (see the About sheet); "
        "edit the map and rebuild rather than editing this sheet.",
    )  # fmt: skip
    # Row 8: the ICO's group headings; row 9: the 30 headings.
    for title, first, last in groups():
        if first == last:
            w.string(sheet, GROUP_ROW, first, title, w.group)
        else:
            sheet.merge_range(GROUP_ROW, first, GROUP_ROW, last, "", w.group)
            w.string(sheet, GROUP_ROW, first, title, w.group)
    sheet.set_row(GROUP_ROW, 30)
    sheet.set_row(HEADER_ROW, 75)
    for col, heading in enumerate(table.headings):
        w.string(sheet, HEADER_ROW, col, heading, w.green if COLUMNS[col].required else w.blue)
        sheet.set_column(col, col, COLUMNS[col].width)
    for r, row in enumerate(table.rows, start=HEADER_ROW + 1):
        for col, cell in enumerate(row):
            w.cell(sheet, r, col, cell)
    last_row = HEADER_ROW + max(len(table.rows), 1)
    for heading, choices in HAND_FILLED.items():
        col = table.headings.index(heading)
        sheet.data_validation(
            HEADER_ROW + 1, col, last_row, col,
            {
                "validate": "list",
                "source": list(choices),
                "error_type": "warning",
                "input_title": "Choose a value",
                "input_message": " / ".join(choices),
                "error_message": "Choose one of: " + ", ".join(choices),
            },
        )  # fmt: skip
    sheet.autofilter(HEADER_ROW, 0, last_row, len(table.headings) - 1)
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    sheet.set_landscape()
    sheet.repeat_rows(GROUP_ROW, HEADER_ROW)


def _table_sheet(w: _Writer, table: Table) -> None:
    sheet = w.wb.add_worksheet(table.name)
    for col, heading in enumerate(table.headings):
        w.string(sheet, 0, col, heading, w.head)
        sheet.set_column(col, col, table.widths[col])
    for r, row in enumerate(table.rows, start=1):
        for col, cell in enumerate(row):
            w.cell(sheet, r, col, cell)
    if table.name != "About":
        sheet.autofilter(0, 0, max(len(table.rows), 1), len(table.headings) - 1)
    sheet.freeze_panes(1, 1 if table.name != "About" else 0)
