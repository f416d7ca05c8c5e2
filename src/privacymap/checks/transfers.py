"""PM4xx transfers of personal data outside the UK."""

from __future__ import annotations

from collections.abc import Iterator

from privacymap.checks import Context, check
from privacymap.checks._common import finding
from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.model import UNKNOWN
from privacymap.text import join_words


@check("PM401")
def transfer_without_mechanism(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    transfers = dm.transfers
    if transfers is not None and transfers.none:
        return  # PM402 reports the contradiction
    items = transfers.items if transfers else ()
    covered = {(t.recipient, t.where) for t in items if t.mechanisms}
    for i, recipient in enumerate(dm.recipients):
        missing = [c for c in recipient.abroad if (recipient.id, c) not in covered]
        if missing:
            yield finding(
                context,
                index,
                ("recipients", i, "country"),
                f"recipient:{recipient.id}",
                id=recipient.id,
                country=join_words(missing),
            )
    for i, item in enumerate(items):
        target = index.recipients.get(item.recipient)
        if not item.mechanisms and (target is None or not target.abroad):
            yield finding(
                context,
                index,
                ("transfers", "items", i),
                f"transfer:{item.recipient}",
                id=item.recipient,
                country=item.where,
            )


@check("PM402")
def transfers_none_contradicted(index: Index, context: Context) -> Iterator[Diagnostic]:
    transfers = index.datamap.transfers
    if transfers is None or not transfers.none:
        return
    abroad = [f"{r.id} ({join_words(r.abroad)})" for r in index.datamap.recipients if r.abroad]
    abroad += [f"{t.recipient} ({t.where})" for t in transfers.items]
    if abroad:
        yield finding(
            context,
            index,
            ("transfers", "none"),
            "transfers:none",
            recipients=join_words(sorted(set(abroad))),
        )


PUBLIC_POWERS_BARRED = {
    "derogation-explicit-consent": "explicit consent (Art 49(1)(a))",
    "derogation-contract": "a contract with the person (Art 49(1)(b))",
    "derogation-contract-in-interest": "a contract in the person's interest (Art 49(1)(c))",
    "compelling-legitimate-interests": "compelling legitimate interests (Art 49(1), second "
    "subparagraph)",
}
"""Derogations Art 49(3) denies to public authorities exercising their public powers."""

SAFEGUARDS = frozenset({
    "idta", "addendum", "binding-corporate-rules", "public-body-instrument", "code-of-conduct",
    "certification", "compelling-legitimate-interests",
})  # fmt: skip
"""Mechanisms resting on safeguards the notice must say how to get a copy of (Art 13(1)(f))."""


@check("PM403")
def derogation_unavailable_to_public_authority(
    index: Index, context: Context
) -> Iterator[Diagnostic]:
    dm = index.datamap
    if not dm.controller.public_authority or dm.transfers is None:
        return
    for i, item in enumerate(dm.transfers.items):
        for mechanism in item.mechanisms:
            barred = PUBLIC_POWERS_BARRED.get(mechanism)
            if barred:
                yield finding(
                    context,
                    index,
                    ("transfers", "items", i, "mechanism"),
                    f"transfer:{item.recipient}",
                    id=item.recipient,
                    mechanism=barred,
                )


@check("PM404")
def safeguards_copy_not_stated(index: Index, context: Context) -> Iterator[Diagnostic]:
    transfers = index.datamap.transfers
    if transfers is None:
        return
    for i, item in enumerate(transfers.items):
        on_safeguards = any(m in SAFEGUARDS for m in item.mechanisms)
        if on_safeguards and not (item.copy_available_at or item.copy_how):
            yield finding(
                context,
                index,
                ("transfers", "items", i),
                f"transfer:{item.recipient}",
                id=item.recipient,
            )


@check("PM405")
def recipient_location_not_stated(index: Index, context: Context) -> Iterator[Diagnostic]:
    dm = index.datamap
    if dm.transfers is not None and dm.transfers.none:
        return  # the map says no data leaves the UK (PM402 guards a contradiction)
    if index.given_elsewhere("transfers"):
        return
    for i, recipient in enumerate(dm.recipients):
        if recipient.internal or recipient.role == "internal" or recipient.located:
            continue
        yield finding(
            context,
            index,
            ("recipients", i),
            f"recipient:{recipient.id}",
            id=recipient.id,
            name=recipient.name,
        )


@check("PM451")
def transfer_destination_not_stated(index: Index, context: Context) -> Iterator[Diagnostic]:
    transfers = index.datamap.transfers
    if transfers is None:
        return
    for i, item in enumerate(transfers.items):
        if item.where != UNKNOWN:
            continue
        target = index.recipients.get(item.recipient)
        if target is not None and (target.abroad or target.region):
            continue  # the recipient says where it holds the data
        yield finding(
            context,
            index,
            ("transfers", "items", i),
            f"transfer:{item.recipient}",
            id=item.recipient,
            name=target.name if target else item.recipient,
        )
