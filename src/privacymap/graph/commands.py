"""What `privacymap graph` and `privacymap flows` do (the CLI only prints the result).

Both raise ValueError with a readable message for an unknown view, format or
id; the CLI turns it into exit code 2.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
from typing import TYPE_CHECKING, Any

from privacymap import graph as graphs
from privacymap import law
from privacymap.graph import render, views
from privacymap.model import SPECIAL_CATEGORY_NAMES
from privacymap.text import csv_escape

if TYPE_CHECKING:
    import networkx as nx

    from privacymap.index import Index

QUERY_FORMATS = ("text", "json", "csv")

CSV_COLUMNS = (
    "flow",
    "direction",
    "from",
    "to",
    "activity",
    "categories",
    "special",
    "criminal_offence",
    "lawful_bases",
    "bases_from",
    "law",
    "art9_conditions",
    "schedule1",
    "when",
    "location",
)


def render_view(index: Index, view: str, fmt: str) -> bytes:
    """One view (overview, activities, full, activity:ID, category:ID, recipient:ID) in
    one format (dot, svg, png, pdf, mmd, graphml, json)."""
    if fmt not in (*render.FORMATS, "mermaid"):
        raise ValueError(
            f"unknown graph format {fmt!r}: expected one of {', '.join(render.FORMATS)}"
        )
    if fmt in render.IMAGE_FORMATS and not render.dot_available():
        raise ValueError(render.MISSING_DOT_NOTE.removeprefix("note: "))
    return render.render(views.view(index, view), fmt)


def query_flows(
    index: Index,
    *,
    category: str | None = None,
    to: str | None = None,
    basis: str | None = None,
    without_basis: bool = False,
    fmt: str = "text",
    base: str = "",
) -> str:
    """The flows matching every given filter, as text, JSON or CSV.

    Locations are `file:line:col` with the file relative to the map's root,
    joined to `base` when given (the root as the user wrote it).
    """
    if fmt not in QUERY_FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(QUERY_FORMATS)}")
    graph = graphs.build(index)
    _check_filters(index, category, to, basis)
    selected = _matching(graph, category, to, basis, without_basis)
    records = [_record(graph, d) for d in selected]
    if base:
        for record in records:
            record["location"] = posixpath.join(base, record["location"])
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        return _csv(records)
    return _text(records)


def _check_filters(index: Index, category: str | None, to: str | None, basis: str | None) -> None:
    """Each filter given names something the map (or the law) knows: else a ValueError
    listing what it could be, so a typo is not taken for "no flows"."""
    if (
        category is not None
        and category not in index.categories
        and category not in SPECIAL_CATEGORY_NAMES
        and category != "special"
    ):
        raise ValueError(
            _unknown(
                "category",
                category,
                index.categories,
                "an Art 9(1) type such as 'health', or 'special'",
            )
        )
    if to is not None:
        groups = {g.id for g in index.datamap.recipient_groups}
        if to not in index.recipients and to not in groups:
            raise ValueError(_unknown("recipient", to, index.recipients, "a recipient group id"))
    if basis is not None and basis not in index.lawful_bases and law.art6_basis(basis) is None:
        raise ValueError(
            _unknown(
                "lawful basis",
                basis,
                index.lawful_bases,
                "an Art 6(1) basis such as 'public-task' or '6(1)(e)'",
            )
        )


def _matching(
    graph: nx.MultiDiGraph[str],
    category: str | None,
    to: str | None,
    basis: str | None,
    without_basis: bool,
) -> list[dict[str, Any]]:
    """The flow edges' data passing every filter given, in the graph's order."""
    selected = [d for _u, _v, d in graph.edges(data=True)]
    keeps: list[list[graphs.FlowData]] = []
    if category is not None:
        keeps.append(graphs.flows_by_category(graph, category))
    if to is not None:
        keeps.append(graphs.flows_to_recipient(graph, to))
    if basis is not None:
        keeps.append(graphs.flows_by_basis(graph, basis))
    for found in keeps:
        keep = {d["flow"] for d in found}
        selected = [d for d in selected if d["flow"] in keep]
    if without_basis:
        selected = [d for d in selected if not d["has_basis"]]
    return selected


def _unknown(kind: str, value: str, known: Any, also: str) -> str:
    ids = sorted(known)
    shown = ", ".join(ids[:12]) + (" ..." if len(ids) > 12 else "")
    return (
        f"unknown {kind} {value!r}; expected an id of the map ({shown or 'none defined'}) or {also}"
    )


def _record(graph: Any, d: dict[str, Any]) -> dict[str, Any]:
    """A flow as a JSON-ready record."""
    return {
        "flow": d["flow"],
        "direction": d["direction"],
        "from": graph.nodes[d["origin"]]["id"],
        "from_name": graph.nodes[d["origin"]]["label"],
        "to": graph.nodes[d["target"]]["id"],
        "to_name": graph.nodes[d["target"]]["label"],
        "activity": d["activity"],
        "categories": list(d["categories"]),
        "special": list(d["special"]),
        "criminal_offence": d["criminal_offence"],
        "has_basis": d["has_basis"],
        "bases_from": d["bases_from"],
        "bases": [{**b, "law": [dict(c) for c in b["law"]]} for b in d["bases"]],
        "art9_conditions": [dict(c) for c in d["art9"]],
        "schedule1": [dict(p) for p in d["schedule1"]],
        "art10_conditions": [
            {
                **c,
                "law": [dict(x) for x in c["law"]],
                "schedule1": [dict(x) for x in c["schedule1"]],
            }
            for c in d["art10"]
        ],
        "when": list(d["when"]),
        "location": d["location"],
    }


def _basis_text(record: dict[str, Any]) -> str:
    if not record["has_basis"]:
        return "NO LAWFUL BASIS"
    return "; ".join(f"Art {b['article']} {b['name']}" for b in record["bases"])


def _text(records: list[dict[str, Any]]) -> str:
    if not records:
        return "no flows match\n"
    lines = []
    for r in records:
        lines.append(f"{r['flow']}  ({r['from']} -> {r['to']})")
        lines.append(
            f"  categories: {', '.join(r['categories']) or '-'}"
            + (f"  [special: {', '.join(r['special'])}]" if r["special"] else "")
            + ("  [criminal offence]" if r["criminal_offence"] else "")
        )
        lines.append(f"  basis: {_basis_text(r)}")
        laws = [c["display"] for b in r["bases"] for c in b["law"]]
        if laws:
            lines.append(f"  law: {'; '.join(laws)}")
        if r["art9_conditions"]:
            lines.append(
                "  Art 9: "
                + "; ".join(f"Art {c['article']} {c['name']}" for c in r["art9_conditions"])
            )
        if r["schedule1"]:
            lines.append("  Sch 1: " + "; ".join(p["reference"] for p in r["schedule1"]))
        for when in r["when"]:
            lines.append(f"  when: {' '.join(when.split())}")
        if r["location"]:
            lines.append(f"  at {r['location']}")
    lines.append(f"{len(records)} flow{'' if len(records) == 1 else 's'}")
    return "\n".join(lines) + "\n"


def _csv(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow(
            [
                csv_escape(c)
                for c in (
                    r["flow"],
                    r["direction"],
                    r["from"],
                    r["to"],
                    r["activity"],
                    "; ".join(r["categories"]),
                    "; ".join(r["special"]),
                    "yes" if r["criminal_offence"] else "no",
                    _basis_text(r),
                    r["bases_from"],
                    "; ".join(c["display"] for b in r["bases"] for c in b["law"]),
                    "; ".join(f"Art {c['article']} {c['name']}" for c in r["art9_conditions"]),
                    "; ".join(p["reference"] for p in r["schedule1"]),
                    " | ".join(" ".join(w.split()) for w in r["when"]),
                    r["location"] or "",
                )
            ]
        )
    return buffer.getvalue()
