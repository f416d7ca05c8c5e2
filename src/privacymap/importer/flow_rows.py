"""Read a flow-mapping sheet: one row per data flow, grouped into activities.

A row says which activity (optional: else the whole sheet is one activity),
which data items, whether the flow comes in or goes out, from or to whom, and
how. An inflow becomes a collection from a source, an outflow a disclosure to
a recipient; the transfer method is kept as the flow's description.
"""

from __future__ import annotations

from typing import Any

from privacymap.importer import cells
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
    direction = _text(row, "direction").lower().strip(" .")
    counterparty = _text(row, "counterparty")
    place = row["direction"][1] if "direction" in row else next(iter(row.values()))[1]
    if direction not in IN | OUT:
        state.unparsed(
            place,
            f"'{direction}' does not say whether the flow comes in or goes out",
            "write In or Out (inflow, outflow)",
        )
        return
    if not counterparty:
        state.unparsed(
            row.get("counterparty", (None, place))[1] or place,
            "the flow names no source or destination",
            "name the organisation",
        )
        return
    categories = []
    if "categories" in row and not cells.empty(row["categories"][0]):
        text, cat_place = row["categories"]
        categories = [
            state.categories.add(i, {"name": i}, cat_place.origin).id
            for i in cells.items(text, False)
        ]
        _add(activity, "categories", categories)
    if "subjects" in row and not cells.empty(row["subjects"][0]):
        text, sub_place = row["subjects"]
        _add(
            activity,
            "subjects",
            [
                state.subjects.add(i, {"name": i}, sub_place.origin).id
                for i in cells.items(text, False)
            ],
        )
    if "purposes" in row and not cells.empty(row["purposes"][0]):
        text, pur_place = row["purposes"]
        _add(
            activity,
            "purposes",
            [
                state.purposes.add(i, {"name": i}, pur_place.origin).id
                for i in cells.items(text, False)
            ],
        )
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
    activity.setdefault(key, []).append(flow)


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
