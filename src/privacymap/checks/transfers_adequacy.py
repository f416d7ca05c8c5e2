"""A transfer relying on adequacy to a country no UK adequacy regulations cover (PM450)."""

from __future__ import annotations

from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.law.adequacy import adequacy
from privacymap.model import UNKNOWN


@check("PM450")
def adequacy_not_uk_regulations(index: Index, context: Context) -> Iterator[Diagnostic]:
    transfers = index.datamap.transfers
    known = adequacy()
    for i, item in enumerate(transfers.items if transfers else ()):
        country = item.country if item.country and item.country != UNKNOWN else None
        if "uk-regulations" in item.mechanisms and country and not known.covers(country):
            yield finding(
                context,
                index,
                ("transfers", "items", i, "mechanism"),
                f"transfer:{item.recipient}",
                id=item.recipient,
                country=item.country,
                checked=known.checked,
            )
