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
member 1980-01-31 in local time (the same bytes in every time zone), so two
builds give identical bytes.

Large maps: the workbook is written in XlsxWriter's ``constant_memory`` mode,
each row flushed to a temporary file once the next begins (the sheets are
written strictly row by row, each row's height set before the next). Without
it XlsxWriter keeps every cell and a shared-string table until the end: about
half a gigabyte at 10,000 activities, which put a build over 1 GiB. The cost:
strings are stored in each cell instead of a shared table (the file is about a
third larger; about 10% slower at 1,000 activities).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from privacymap.ropa.cells import STATES, Cell, State, Table, safe_url
from privacymap.ropa.columns import COLUMNS, HAND_FILLED, groups
from privacymap.ropa.layout import FittedColumn, fit_column, height, row_height
from privacymap.ropa.sheets import Workbook
from privacymap.text import csv_escape

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
GREEN = "#A9D08E"
BLUE = "#9BC2E6"
GAP = "#FCE4D6"
NONE_FILL = "#EDEDED"
MUTED = "#595959"
AUDIT = "#D9D2E9"
A3 = 8  # XlsxWriter's paper code
KEY_ROW = 4  # 0-based
PROVENANCE_ROW = 5
BANNER_ROW = 6
HEADER_ROW = 8  # row 9, as in the ICO template
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


STATE_FORMATS: dict[State, dict[str, object]] = {
    "value": {},
    "not-recorded": {"bg_color": GAP, "italic": True},
    "none": {"bg_color": NONE_FILL, "italic": True},
    "not-applicable": {"font_color": MUTED, "italic": True},
}
"""How each state of a cell looks: a gap stands out; none and not applicable recede."""


class _Writer:
    def __init__(self, workbook, book: Workbook) -> None:  # type: ignore[no-untyped-def]
        self.wb = workbook
        self.book = book
        base = {"text_wrap": True, "valign": "top", "font_size": 10}
        self.text = workbook.add_format(base)
        self.states = {s: workbook.add_format({**base, **f}) for s, f in STATE_FORMATS.items()}
        self.link = workbook.add_format({**base, "font_color": "#0563C1", "underline": 1})
        self.bold = workbook.add_format({**base, "bold": True})
        self.head = workbook.add_format({**base, "bold": True, "bg_color": "#D9D9D9", "border": 1})
        self.green = workbook.add_format({**base, "bold": True, "bg_color": GREEN, "border": 1})
        self.blue = workbook.add_format({**base, "bold": True, "bg_color": BLUE, "border": 1})
        self.audit = workbook.add_format({**base, "bold": True, "bg_color": AUDIT, "border": 1})
        self.group = workbook.add_format(
            {**base, "bold": True, "align": "center", "valign": "vcenter", "border": 1,
             "bg_color": "#F2F2F2"}
        )  # fmt: skip
        self.banner = workbook.add_format(
            {**base, "bold": True, "font_size": 14, "font_color": "#9C0006",
             "bg_color": "#FFC7CE", "border": 2, "valign": "vcenter"}
        )  # fmt: skip

    def cell(self, sheet, row: int, col: int, cell: Cell, fmt=None) -> None:  # type: ignore[no-untyped-def]
        """Write one cell: always literal text, linked only to a vetted address."""
        text = cell.text[:MAX_CELL]
        # past Excel's link limit XlsxWriter refuses the link with a warning per cell
        if cell.url and safe_url(cell.url) and getattr(sheet, "hlink_count", 0) < MAX_LINKS:
            result = sheet.write_url(row, col, cell.url, fmt or self.link, text)
            if result == 0:
                return
        sheet.write_string(row, col, text, fmt or self.states[cell.state])

    def string(self, sheet, row: int, col: int, text: str, fmt=None) -> None:  # type: ignore[no-untyped-def]
        sheet.write_string(row, col, text[:MAX_CELL], fmt or self.text)

    def print_setup(self, sheet, name: str) -> None:  # type: ignore[no-untyped-def]
        """A3 landscape, one page wide; header and footer say whose, what, when and how sure."""
        made = self.book.provenance
        sheet.set_paper(A3)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.6)
        sheet.hide_gridlines(0)
        draft = "DRAFT \u2013 " if made.draft else ""
        header = (
            f'&L&"-,Bold"{_hf(self.book.author, 80)}'
            f'&C&"-,Bold"{draft}{_hf(name, 40)}'
            f"&R{_hf(f'As at {made.as_at}' if made.as_at else 'As-at date not recorded', 40)}"
        )
        tool = f"privacymap {made.version}" + (f"; commit {made.commit}" if made.commit else "")
        footer = f"&L{_hf(tool, 90)}&CPage &P of &N&R{_hf(self.book.title, 80)}"
        sheet.set_header(header, {"margin": 0.3})
        sheet.set_footer(footer, {"margin": 0.3})


def _hf(text: str, limit: int) -> str:
    """Text for a page header or footer: `&` doubled (a code there), cut to `limit`."""
    text = " ".join(text.split())
    text = text if len(text) <= limit else text[: limit - 1] + "\u2026"
    return text.replace("&", "&&")


def to_xlsx(book: Workbook) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "constant_memory": True,
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
    w = _Writer(wb, book)
    _ropa_sheet(w, book)
    for table in book.others:
        if table.rows or table.name == "About":  # an empty sheet would print blank pages
            _table_sheet(w, table)
    wb.close()
    return buffer.getvalue()


def _ropa_columns(table: Table) -> list[FittedColumn]:
    """Each ROPA column as narrow as its text allows (see `layout`)."""
    return [
        fit_column((row[i].text for row in table.rows), table.headings[i], column.width)
        for i, column in enumerate(COLUMNS)
    ]


def _rows_height(columns: list[FittedColumn], row: Sequence[Cell]) -> float:
    """A row's height from the lines its cells take in their fitted columns."""
    return height(max((columns[i].lines[cell.text] for i, cell in enumerate(row)), default=1))


def _ropa_sheet(w: _Writer, book: Workbook) -> None:
    """The ICO template's sheet: the contact block, the key, provenance (and the draft
    banner), the two heading rows, then one row per activity, in that order (rows are
    written in order: the workbook is written row by row)."""
    sheet = w.wb.add_worksheet("ROPA")
    table = book.ropa
    columns = _ropa_columns(table)
    widths = [fitted.width for fitted in columns]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    _contact_block(w, sheet, book, widths)
    _key_row(w, sheet, widths)
    _provenance_rows(w, sheet, book, widths)
    _heading_rows(w, sheet, table, widths)
    _activity_rows(w, sheet, table, columns)
    w.print_setup(sheet, "Record of processing activities")
    sheet.repeat_rows(GROUP_ROW, HEADER_ROW)
    sheet.repeat_columns(0, 1)


def _contact_block(w: _Writer, sheet: Worksheet, book: Workbook, widths: list[int]) -> None:
    """Rows 1-4: who answers for the record (controller, representative, DPO)."""
    titles = ("Contact details", "Name", "Address", "Email", "Telephone")
    for col, title in enumerate(titles):
        w.string(sheet, 0, col, title, w.head)
    sheet.set_row(0, row_height((t, widths[c]) for c, t in enumerate(titles)))
    for r, (role, *cells) in enumerate(book.contacts, start=1):
        w.string(sheet, r, 0, role, w.bold)
        for c, cell in enumerate(cells, start=1):
            w.cell(sheet, r, c, cell)
        texts = [(role, widths[0]), *((c.text, widths[i]) for i, c in enumerate(cells, 1))]
        sheet.set_row(r, row_height(texts))


def _key_row(w: _Writer, sheet: Worksheet, widths: list[int]) -> None:
    """Row 5: the key to the headings' colours and the cells' states."""
    key: list[tuple[str, object]] = [
        ("Key", w.bold),
        ("Required (UK GDPR Art 30, DPA 2018 Sch 1 para 41)", w.green),
        ("Optional (good practice)", w.blue),
        ("Added by privacymap for audit (not in the ICO template)", w.audit),
        *((f"{word}: {meaning}", w.states[state]) for state, (word, meaning) in STATES.items()),
        ("Legal citations: each one's link is on the Law sheet", w.text),
    ]
    for col, (text, fmt) in enumerate(key):
        w.string(sheet, KEY_ROW, col, text, fmt)
    sheet.set_row(KEY_ROW, row_height((t, widths[c]) for c, (t, _) in enumerate(key)))


def _provenance_rows(w: _Writer, sheet: Worksheet, book: Workbook, widths: list[int]) -> None:
    """Rows 6-7: where the sheet comes from, and the draft banner when drafted."""
    last_col = len(widths) - 1
    made = book.provenance
    generated = (
        f"{book.title}. {made.line}. Built by privacymap from the data map (see the About "
        "sheet); edit the map and rebuild rather than editing this sheet."
    )
    w.string(sheet, PROVENANCE_ROW, 0, "Generated", w.bold)
    sheet.merge_range(PROVENANCE_ROW, 1, PROVENANCE_ROW, last_col, "", w.text)
    w.string(sheet, PROVENANCE_ROW, 1, generated)
    sheet.set_row(PROVENANCE_ROW, row_height([(generated, sum(widths[1:]))]))
    if made.banner:
        sheet.merge_range(BANNER_ROW, 0, BANNER_ROW, last_col, "", w.banner)
        w.string(sheet, BANNER_ROW, 0, made.banner, w.banner)
        sheet.set_row(BANNER_ROW, 24)


def _heading_rows(w: _Writer, sheet: Worksheet, table: Table, widths: list[int]) -> None:
    """Row 8: the group headings; row 9: the headings (as in the ICO template)."""
    for title, first, last in groups():
        if first != last:
            sheet.merge_range(GROUP_ROW, first, GROUP_ROW, last, "", w.group)
        w.string(sheet, GROUP_ROW, first, title, w.group)
    sheet.set_row(GROUP_ROW, row_height(
        (title, sum(widths[first:last + 1])) for title, first, last in groups()))  # fmt: skip
    for col, heading in enumerate(table.headings):
        column = COLUMNS[col]
        fmt = w.audit if not column.ico else w.green if column.required else w.blue
        w.string(sheet, HEADER_ROW, col, heading, fmt)
    sheet.set_row(HEADER_ROW, row_height(zip(table.headings, widths, strict=True)))


def _activity_rows(w: _Writer, sheet: Worksheet, table: Table, columns: list[FittedColumn]) -> None:
    """A row per activity, with the drop-downs of the hand-filled columns and a filter."""
    for r, row in enumerate(table.rows, start=HEADER_ROW + 1):
        for col, cell in enumerate(row):
            w.cell(sheet, r, col, cell)
        sheet.set_row(r, _rows_height(columns, row))
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
    sheet.autofilter(HEADER_ROW, 0, last_row, len(columns) - 1)
    sheet.freeze_panes(HEADER_ROW + 1, 2)


def _table_sheet(w: _Writer, table: Table) -> None:
    sheet = w.wb.add_worksheet(table.name)
    columns = [
        fit_column((row[i].text for row in table.rows), heading, table.widths[i])
        for i, heading in enumerate(table.headings)
    ]
    widths = [fitted.width for fitted in columns]
    for col, heading in enumerate(table.headings):
        w.string(sheet, 0, col, heading, w.head)
        sheet.set_column(col, col, widths[col])
    sheet.set_row(0, row_height(zip(table.headings, widths, strict=True)))
    for r, row in enumerate(table.rows, start=1):
        for col, cell in enumerate(row):
            w.cell(sheet, r, col, cell)
        sheet.set_row(r, _rows_height(columns, row))
    if table.name != "About":
        sheet.autofilter(0, 0, max(len(table.rows), 1), len(table.headings) - 1)
    sheet.freeze_panes(1, 1 if table.name != "About" else 0)
    w.print_setup(sheet, table.name)
    sheet.repeat_rows(0)
    sheet.repeat_columns(0)
