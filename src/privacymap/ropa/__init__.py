"""The record of processing activities (UK GDPR Art 30): as plain data, and as files.

One row per processing activity, keyed by the 30 column headings of the ICO's
"documentation template for controllers" (A-AD, in the ICO's order and
wording; one `Column` record each, in `privacymap.ropa.columns`), plus the
tables of the workbook's other sheets: data flows, recipients, the retention
schedule, the findings of the check and an "About" sheet. Every cell is
derived from the checked index. A cell is a value, or says `NOT_RECORDED` (a gap
the map should fill), `NONE` (the map says there is none) or `NOT_APPLICABLE` (the law
does not ask), each worded and styled apart (`STATES`). After the ICO's 30 columns
come the columns an auditor asks for (service, security measures per activity,
sharing agreements, owner and review dates).

The tables import no spreadsheet library (`emit` writes them as ``ropa.xlsx``
and ``ropa.csv``, importing XlsxWriter then), so governance tools can use
them directly::

    from privacymap import pipeline, ropa
    result = pipeline.check("notices/lancashire-cfw")
    for row in ropa.rows(result.index):
        print(row["Purpose of processing"], row["Categories of recipients"])
"""

from __future__ import annotations

from privacymap.index import Index
from privacymap.output import EmitContext, Output
from privacymap.ropa.cells import (
    NONE,
    NOT_APPLICABLE,
    NOT_RECORDED,
    STATES,
    Cell,
    Table,
    safe_url,
)
from privacymap.ropa.columns import (
    COLUMNS,
    HAND_FILLED,
    HEADINGS,
    ICO_COLUMNS,
    Column,
    groups,
    ropa_table,
)
from privacymap.ropa.law_sheet import law_table
from privacymap.ropa.provenance import Provenance, git_commit
from privacymap.ropa.sheets import (
    Workbook,
    about_table,
    contact_block,
    findings,
    findings_table,
    flows,
    flows_table,
    recipients,
    recipients_table,
    retention,
    retention_table,
    workbook,
)
from privacymap.ropa.wording import retention_text

__all__ = [
    "COLUMNS",
    "HAND_FILLED",
    "HEADINGS",
    "ICO_COLUMNS",
    "NONE",
    "NOT_APPLICABLE",
    "NOT_RECORDED",
    "STATES",
    "Cell",
    "Column",
    "Provenance",
    "Table",
    "Workbook",
    "about_table",
    "contact_block",
    "emit",
    "findings",
    "findings_table",
    "flows",
    "flows_table",
    "groups",
    "law_table",
    "recipients",
    "recipients_table",
    "retention",
    "retention_table",
    "retention_text",
    "ropa_table",
    "rows",
    "safe_url",
    "workbook",
]


def rows(index: Index) -> list[dict[str, str]]:
    """One plain-data row per processing activity, keyed by the ICO headings in order."""
    return ropa_table(index).plain()


def emit(context: EmitContext) -> Output:
    """``ropa.xlsx`` (the ICO template's layout) and ``ropa.csv`` from the checked index."""
    from privacymap.ropa.files import to_csv, to_xlsx

    source = context.options.get("source")
    root = context.options.get("map_root")  # the map's folder: its git commit is shown
    book = workbook(
        context.index,
        context.diagnostics,
        draft=context.draft,
        source=str(source) if source else None,
        commit=git_commit(str(root)) if root else None,
        law_as_at=context.law_as_at,
    )
    return Output({"ropa.xlsx": to_xlsx(book), "ropa.csv": to_csv(book.ropa)})
