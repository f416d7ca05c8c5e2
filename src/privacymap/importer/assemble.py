"""From a sheet to data-map sections: find the header, read each row, add the
organisation-wide facts (controller, DPO, retention policy, transfers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from privacymap.importer import cells
from privacymap.importer.activity_rows import read_row
from privacymap.importer.detect import Header, contact_block
from privacymap.importer.flow_rows import read_flow_rows
from privacymap.importer.profile import FIELDS_DERIVED, Profile
from privacymap.importer.sheets import Sheet
from privacymap.importer.state import Place, Row, State

Item = tuple[Any, str]
"""A section's value (or one item of a list section) and the cell it came from."""


@dataclass
class Sections:
    """The data map read from a sheet: section name -> items with their origin."""

    lists: dict[str, list[Item]] = field(default_factory=dict)
    single: dict[str, Item] = field(default_factory=dict)


def _rows(sheet: Sheet, header: Header) -> list[tuple[int, Row]]:
    out = []
    for r in range(header.row + 1, len(sheet.rows)):
        row: Row = {}
        for col, column in header.columns.items():
            if column.field in FIELDS_DERIVED or column.field == "ignore":
                continue
            text = sheet.text(r, col)
            heading = sheet.text(header.row, col)
            row[column.field] = (text, Place(sheet, r, col, heading))
        if any(not cells.empty(text) for text, _ in row.values()):
            out.append((r, row))
    return out


def assemble(
    sheet: Sheet,
    header: Header,
    profile: Profile,
    native: bool,
    name: str,
    public_authority: bool,
) -> tuple[Sections, State]:
    """Read every row under the header into sections."""
    state = State(native=native, source=sheet.file)
    rows = _rows(sheet, header)
    if profile.rows == "flows":
        read_flow_rows(state, rows, name)
    else:
        for r, row in rows:
            read_row(state, row, r, f"Activity in row {r + 1}")
    contacts = contact_block(sheet, header.row) if profile.contacts else {}
    return _sections(state, sheet, contacts, name, public_authority), state


def _contact(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.text for k, v in values.items() if not cells.empty(v.text)}


def _sections(
    state: State, sheet: Sheet, contacts: dict[str, Any], name: str, public_authority: bool
) -> Sections:
    out = Sections()
    _organisation(out, state, sheet, contacts, name, public_authority)
    _catalogues(out, state, sheet)
    _policies(out, state, sheet)
    return out


def _organisation(
    out: Sections,
    state: State,
    sheet: Sheet,
    contacts: dict[str, Any],
    name: str,
    public_authority: bool,
) -> None:
    """The controller, notice, DPO and representative from the sheet's contact block; what
    a ROPA does not say (the controller's name when missing, whether it is a public
    authority, the notice's title) is assumed and reported as assumed."""
    controller = _contact(contacts.get("controller", {}))
    origin = next(iter(contacts.get("controller", {}).values()), None)
    where = f"{sheet.file}:{sheet.address(origin.row, origin.column)}" if origin else sheet.file
    if "name" not in controller:
        controller["name"] = name
        state.assumed(
            None,
            f"the sheet names no controller; '{name}' (the file's name) is used",
            "put the controller's name in controller.yaml",
        )
    state.assumed(
        None,
        "the controller is taken to be "
        + ("a public authority" if public_authority else "not a public authority")
        + " (a ROPA does not say)",
        "check `public_authority:` in controller.yaml (import option "
        "--public-authority / --not-public-authority)",
    )
    out.single["controller"] = ({**controller, "public_authority": public_authority}, where)
    title = f"Privacy notice: {controller['name']}"
    state.assumed(
        None,
        f"the notice's title is not in a ROPA; '{title}' is used",
        "give the notice its published title in notice.yaml",
    )
    notice = {"title": title, **({"service": state.service} if state.service else {})}
    out.single["notice"] = (notice, "# not in the ROPA: give the published title")
    dpo = _contact(contacts.get("dpo", {}))
    if dpo:
        out.single["dpo"] = ({"role": "data-protection", **dpo}, where)
    rep = _contact(contacts.get("representative", {}))
    if rep:
        out.single["controller"][0]["representative"] = rep


def _catalogues(out: Sections, state: State, sheet: Sheet) -> None:
    """The list sections gathered from the rows, in the map's order; statutes once each,
    security measures numbered."""
    for section, catalogue in (
        ("subjects", state.subjects),
        ("categories", state.categories),
        ("sources", state.sources),
        ("recipient_groups", state.groups),
        ("recipients", state.recipients),
        ("purposes", state.purposes),
        ("lawful_bases", state.bases),
        ("conditions", state.conditions),
        ("criminal_offence_conditions", state.criminal),
        ("activities", state.activities),
        ("retention", state.retention),
        ("evidence", state.evidence),
    ):
        if catalogue.entries:
            out.lists[section] = [(e.data, e.origin) for e in catalogue.items()]
    if state.statutes:
        origin = out.lists.get("lawful_bases", [(None, sheet.file)])[0][1]
        unique = {s["id"]: s for s in state.statutes}
        out.lists["statutes"] = [(s, origin) for s in unique.values()]
    if state.security:
        out.lists["security"] = [
            ({"id": f"measure-{n}", "description": text}, origin)
            for n, (text, origin) in enumerate(state.security.items(), start=1)
        ]


def _policies(out: Sections, state: State, sheet: Sheet) -> None:
    """The retention policy, and the transfers: those listed, or "none" only when every
    activity's row said none."""
    if state.policy:
        out.single["retention_policy"] = (state.policy, state.policy_origin or sheet.file)
    if state.transfers:
        out.single["transfers"] = (
            {"items": [t for t, _ in state.transfers]},
            state.transfers[0][1],
        )
    elif state.transfers_none and len(state.transfers_none) == len(out.lists.get("activities", [])):
        out.single["transfers"] = ({"none": True}, state.transfers_none[0])
