"""Read a flow-mapping sheet: one row per data flow, grouped into activities.

A row says which activity (optional: else the whole sheet is one activity),
which data items, whether the flow comes in or goes out, from or to whom, and
how. An inflow becomes a collection from a source, an outflow a disclosure to
a recipient; the transfer method is kept as the flow's description.
"""

from __future__ import annotations

from typing import Any

from privacymap.importer import cells
from privacymap.importer.catalogue import Catalogue
from privacymap.importer.state import Row, State

IN = {"in", "inflow", "inbound", "incoming", "received", "receive", "from", "collection"}
OUT = {"out", "outflow", "outbound", "outgoing", "sent", "send", "shared", "to", "disclosure"}


def read_flow_rows(state: State, rows: list[tuple[int, Row]], fallback_name: str) -> None:
    """Add one activity per named activity (in first-seen order) with its flows."""
    activities: dict[str, dict[str, Any]] = {}
    origins: dict[str, str] = {}
    for _, row in rows:
        name = _text(row, "activity") or fallback_name
        first = next(iter(row.values()))[1]
        activity = activities.setdefault(name, {"name": name})
        origins.setdefault(name, first.whole_row)
        _flow(state, row, activity)
    for name, activity in activities.items():
        state.activities.add(name, activity, origins[name])


def _text(row: Row, field: str) -> str:
    value = row.get(field)
    return "" if value is None or cells.empty(value[0]) else value[0].strip()


def _add(activity: dict[str, Any], key: str, ids: list[str]) -> None:
    have = activity.setdefault(key, [])
    have.extend(i for i in ids if i not in have)


def _flow(state: State, row: Row, activity: dict[str, Any]) -> None:
    """A flow row: its data, subjects and purposes join the activity's, and the flow itself
    is one of the activity's collections or disclosures."""
    understood = _direction_and_party(state, row)
    if understood is None:
        return
    direction, counterparty = understood
    categories = _named(state.categories, row, "categories")
    for column, ids in (
        ("categories", categories),
        ("subjects", _named(state.subjects, row, "subjects")),
        ("purposes", _named(state.purposes, row, "purposes")),
    ):
        if ids is not None:
            _add(activity, column, ids)
    key, flow = _flow_entry(state, row, direction, counterparty, categories or [])
    activity.setdefault(key, []).append(flow)


def _direction_and_party(state: State, row: Row) -> tuple[str, str] | None:
    """The row's direction (in or out) and counterparty, or None with the reason reported
    when either is missing or not understood."""
    direction = _text(row, "direction").lower().strip(" .")
    counterparty = _text(row, "counterparty")
    place = row["direction"][1] if "direction" in row else next(iter(row.values()))[1]
    if direction not in IN | OUT:
        state.unparsed(
            place,
            f"'{direction}' does not say whether the flow comes in or goes out",
            "write In or Out (inflow, outflow)",
        )
        return None
    if not counterparty:
        state.unparsed(
            row.get("counterparty", (None, place))[1] or place,
            "the flow names no source or destination",
            "name the organisation",
        )
        return None
    return direction, counterparty


def _named(catalogue: Catalogue, row: Row, column: str) -> list[str] | None:
    """The ids of the items a list cell names, each added to its catalogue; None when the
    row has no such cell (an empty list when the cell names nothing usable)."""
    if column not in row or cells.empty(row[column][0]):
        return None
    text, place = row[column]
    return [catalogue.add(i, {"name": i}, place.origin).id for i in cells.items(text, False)]


def _flow_entry(
    state: State, row: Row, direction: str, counterparty: str, categories: list[str]
) -> tuple[str, dict[str, Any]]:
    """The flow as the map writes it, and the activity's list it goes in: `collects` from
    a source, or `discloses` to a recipient."""
    flow: dict[str, Any] = {}
    ref = _text(row, "ref")
    if ref:
        flow["id"] = state.flow_ids.add(ref, {}, "").id
    cp_place = row["counterparty"][1]
    if direction in IN:
        source = state.sources.add(counterparty, {"name": counterparty}, cp_place.origin)
        flow["from"] = source.id
        key = "collects"
    else:
        recipient = state.recipients.add(counterparty, {"name": counterparty}, cp_place.origin)
        flow["to"] = recipient.id
        key = "discloses"
    if categories:
        flow["categories"] = categories
    bases = _bases(state, row)
    if bases:
        flow["bases"] = bases
    method = _text(row, "method")
    if method:
        flow["description"] = f"Transfer method: {method}"
    return key, flow


def _bases(state: State, row: Row) -> list[str]:
    if "lawful-basis" not in row or cells.empty(row["lawful-basis"][0]):
        return []
    text, place = row["lawful-basis"]
    read = cells.law_cell(text, art9=False, statutes=state.statutes)
    for left in [*read.leftover, *read.unknown]:
        state.unparsed(
            place,
            f"'{left}' is neither an Art 6(1) basis nor a citation the citation parser recognises",
            "name the basis by its article or name (`6(1)(e)`, `Public task`)",
        )
    out = []
    for ground in read.grounds:
        data: dict[str, Any] = {"basis": ground.id}
        if ground.law:
            data["law"] = ground.law
        key = tuple(sorted((k, str(v)) for k, v in data.items()))
        out.append(state.bases.add(ground.id, data, place.origin, key=key).id)
    return out
