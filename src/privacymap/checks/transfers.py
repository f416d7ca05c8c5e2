"""PM4xx transfers of personal data outside the UK."""

from __future__ import annotations

from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import finding, names
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index

HOME = "GB"


@check("PM401")
def transfer_without_mechanism(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    transfers = dm.transfers
    if transfers is not None and transfers.none:
        return  # PM402 reports the contradiction
    items = transfers.items if transfers else ()
    covered = {t.recipient for t in items if t.mechanism}
    for i, recipient in enumerate(dm.recipients):
        if recipient.country != HOME and recipient.id not in covered:
            yield finding("PM401", index, ("recipients", i, "country"),
                          f"recipient:{recipient.id}", id=recipient.id, country=recipient.country)
    for i, item in enumerate(items):
        target = index.recipients.get(item.recipient)
        if not item.mechanism and (target is None or target.country == HOME):
            yield finding("PM401", index, ("transfers", "items", i), f"transfer:{item.recipient}",
                          id=item.recipient, country=item.country)


@check("PM402")
def transfers_none_contradicted(index: Index, context: Context) -> Iterator[Diagnostic]:
    transfers = index.datamap.transfers
    if transfers is None or not transfers.none:
        return
    abroad = [f"{r.id} ({r.country})" for r in index.datamap.recipients if r.country != HOME]
    abroad += [f"{t.recipient} ({t.country})" for t in transfers.items]
    if abroad:
        yield finding("PM402", index, ("transfers", "none"), "transfers:none",
                      recipients=names(sorted(set(abroad))))
