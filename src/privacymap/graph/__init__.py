"""The data-flow graph: the checked data map as a networkx graph, with queries.

`build(index)` returns a `networkx.MultiDiGraph`:

* **nodes** are keyed ``source:<id>``, ``activity:<id>`` and ``recipient:<id>``
  (so a source and a recipient may share an id) and carry ``kind`` (source,
  activity or recipient), ``id``, ``label``, ``group`` (recipient group id;
  the source kind for sources; None for activities), ``group_label``,
  ``internal`` (part of the controller), ``country`` and ``role``
  (recipients: internal, processor, controller, joint-controller or None when
  the map does not say) and ``location`` ("file:line:col" of the definition);
* **edges** are data flows, keyed by flow id: a collection runs source ->
  activity, a disclosure activity -> recipient. Attributes: ``flow``,
  ``direction``, ``activity``, ``origin``/``target`` (node keys),
  ``categories`` (ids), ``category_names``, ``special`` (Art 9(1) types),
  ``criminal_offence``, ``bases`` (each ``{id, basis, article, name, law:
  [{text, url}]}``), ``bases_from`` (flow, activity, purpose or none),
  ``has_basis``, ``art9`` (each ``{id, condition, article, name}``),
  ``schedule1`` (each ``{paragraph, heading, reference, url}``), ``art10``
  (criminal offence conditions ``{id, route, law, schedule1}``), ``when``
  (conditions of sharing), ``categories_stated`` (False for `categories:
  not-stated`: ``categories`` is then empty and ``category_names`` says so),
  ``purposes`` (ids of the purposes it serves), ``agreement`` (agreement is
  sought as a safeguard, not the basis) and ``location`` ("file:line:col").

Nodes are added in the data map's order (sources, activities, recipients) and
edges in flow order, so iteration (networkx yields edges grouped by their
origin node, in node order), every rendering and every export are
deterministic.

The queries return the matching edges' attribute dicts in graph order; each
dict holds the flow id, origin and target, so it stands alone. They work on
any graph made by `build` (or a subgraph of one).

Rendering lives in `privacymap.graph.views` (which subgraph to draw) and
`privacymap.graph.render` (DOT, SVG, Mermaid, GraphML, JSON).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from privacymap import law
from privacymap.model import SPECIAL_CATEGORY_NAMES

if TYPE_CHECKING:
    from privacymap.index import FlowView, Index
    from privacymap.output import EmitContext, Output

__all__ = [
    "build",
    "flows_by_basis",
    "flows_by_category",
    "flows_to_recipient",
    "flows_without_basis",
    "node_key",
    "overview_svg",
    "reachable",
]

KINDS = ("source", "activity", "recipient")

FlowData = dict[str, Any]

CATEGORIES_NOT_STATED = "not stated in the notice"
"""A `categories: not-stated` flow's one category name: never its activity's list."""


def node_key(kind: str, item_id: str) -> str:
    """The graph key of a node: ``"source:you"``, ``"activity:advice"``, ``"recipient:nhs"``."""
    return f"{kind}:{item_id}"


# --------------------------------------------------------------------------- build


def build(index: Index) -> nx.MultiDiGraph[str]:
    """The data map as a directed multigraph of sources, activities and recipients.

    See the module documentation for the node and edge attributes. The graph
    is built once per index and shared (the build's emitters and the notice's
    overview all use it): treat it as read-only, and ``copy()`` it before
    changing it.
    """
    return index.cached("graph", lambda: _build(index))


def _build(index: Index) -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(
        title=index.datamap.notice.title,
        controller=index.datamap.controller.name,
        service=index.datamap.notice.service or index.datamap.controller.name,
    )
    groups = {g.id: g.name for g in index.datamap.recipient_groups}
    for source in index.datamap.sources:
        graph.add_node(
            node_key("source", source.id),
            **_node(
                "source",
                source.id,
                source.name,
                source.kind,
                source.kind.replace("-", " "),
                False,
                None,
                _where(index, "sources", source.id),
            ),
        )
    for activity in index.datamap.activities:
        graph.add_node(
            node_key("activity", activity.id),
            **_node(
                "activity",
                activity.id,
                activity.name,
                None,
                None,
                True,
                None,
                _where(index, "activities", activity.id),
            ),
        )
    for recipient in index.datamap.recipients:
        graph.add_node(
            node_key("recipient", recipient.id),
            **_node(
                "recipient",
                recipient.id,
                recipient.name,
                recipient.group,
                groups.get(recipient.group or "", recipient.group),
                recipient.internal,
                ", ".join((*recipient.countries, *filter(None, (recipient.region,)))) or None,
                _where(index, "recipients", recipient.id),
                recipient.role,
            ),
        )
    shared: dict[tuple[object, ...], Any] = {}
    for flow in index.flows:
        origin, target = _ends(flow)
        for key, (kind, item_id) in ((origin, _split(origin)), (target, _split(target))):
            if key not in graph:  # a dangling reference: keep the flow visible
                graph.add_node(
                    key, **_node(kind, item_id, item_id, None, None, kind == "activity", None, None)
                )
                graph.nodes[key]["unresolved"] = True
        graph.add_edge(origin, target, key=flow.id, **flow_data(index, flow, shared))
    return graph


def _node(
    kind: str,
    item_id: str,
    label: str,
    group: str | None,
    group_label: str | None,
    internal: bool,
    country: str | None,
    location: str | None,
    role: str | None = None,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "id": item_id,
        "label": label,
        "group": group,
        "group_label": group_label,
        "internal": internal,
        "country": country,
        "role": role,
        "location": location,
    }


def _where(index: Index, section: str, item_id: str) -> str | None:
    found = index.location_of(section, item_id)
    return str(found) if found else None


def _split(key: str) -> tuple[str, str]:
    kind, _, item_id = key.partition(":")
    return kind, item_id


def _ends(flow: FlowView) -> tuple[str, str]:
    if flow.direction == "collection":
        kind = "activity" if flow.spec.from_activity else "source"  # type: ignore[union-attr]
        return node_key(kind, flow.origin), node_key("activity", flow.activity.id)
    return node_key("activity", flow.activity.id), node_key("recipient", flow.target)


def flow_data(
    index: Index, flow: FlowView, shared: dict[tuple[object, ...], Any] | None = None
) -> FlowData:
    """The edge attributes of one flow (plain data: str, bool, tuples and dicts).

    `shared`, given for every flow of a graph, holds the attributes that depend only on
    which bases and conditions a flow relies on, made once per combination and shared by
    the flows relying on it (most rely on the same few): read-only, as the graph is.
    """
    origin, target = _ends(flow)
    location = index.location(flow.path)
    memo: dict[tuple[object, ...], Any] = {} if shared is None else shared
    key = ("bases", *map(id, flow.bases))
    bases = memo.get(key)
    if bases is None:
        bases = memo[key] = tuple(_basis(index, b) for b in flow.bases)
    key = ("conditions", *map(id, flow.conditions))
    conditions = memo.get(key)
    if conditions is None:
        conditions = memo[key] = (
            tuple(_condition(c) for c in flow.conditions),
            tuple(
                _unique_dicts(p for c in flow.conditions for p in _schedule1(index, c.schedule1))
            ),
        )
    key = ("art10", *map(id, flow.criminal_offence_conditions))
    art10 = memo.get(key)
    if art10 is None:
        art10 = memo[key] = tuple(
            {
                "id": c.id,
                "route": c.route,
                "law": tuple(_citation(index, t) for t in c.law),
                "schedule1": tuple(_schedule1(index, c.schedule1)),
            }
            for c in flow.criminal_offence_conditions
        )
    return {
        "flow": flow.id,
        "direction": flow.direction,
        "activity": flow.activity.id,
        "activity_name": flow.activity.name,
        "origin": origin,
        "target": target,
        "categories": tuple(c.id for c in flow.categories),
        "category_names": tuple(c.name for c in flow.categories)
        if flow.categories_stated
        else (CATEGORIES_NOT_STATED,),
        "special": flow.special,
        "special_names": tuple(SPECIAL_CATEGORY_NAMES.get(s, s) for s in flow.special),
        "criminal_offence": flow.criminal_offence,
        "bases": bases,
        "bases_from": flow.bases_from,
        "has_basis": bool(flow.bases),
        "art9": conditions[0],
        "schedule1": conditions[1],
        "art10": art10,
        "when": tuple(flow.spec.when),
        "categories_stated": flow.categories_stated,
        "purposes": tuple(p.id for p in flow.purposes),
        "agreement": flow.spec.agreement is not None,
        "location": str(location) if location else None,
    }


def _citation(index: Index, text: str) -> dict[str, Any]:
    parsed = index.citations.get(text)
    if parsed is None:
        parsed = law.parse_citation(text)
    if isinstance(parsed, law.Citation):
        return {
            "text": text,
            "display": parsed.display,
            "url": parsed.url or (parsed.urls[0] if parsed.urls else None),
        }
    return {"text": text, "display": text, "url": None}


def _basis(index: Index, basis: Any) -> dict[str, Any]:
    art6 = law.art6_basis(basis.basis)
    return {
        "id": basis.id,
        "basis": basis.basis,
        "article": art6.article if art6 else None,
        "name": art6.name if art6 else basis.basis,
        "law": tuple(_citation(index, t) for t in basis.law),
    }


def _condition(condition: Any) -> dict[str, Any]:
    art9 = law.art9_condition(condition.condition)
    return {
        "id": condition.id,
        "condition": condition.condition,
        "article": art9.article if art9 else None,
        "name": art9.name if art9 else condition.condition,
    }


def _schedule1(index: Index, items: Iterable[int | str]) -> Iterable[dict[str, Any]]:
    """The DPA 2018 Sch 1 paragraphs of `schedule1:` entries, read as the checks read
    them (`Index.schedule1_numbers`: a number, or a citation of Sch 1 of the DPA 2018);
    any other entry is shown as written, marked as naming no Sch 1 paragraph (PM310)."""
    for item in items:
        numbers: list[int | None] = [*index.schedule1_numbers(item)]
        for number in numbers or [None]:
            para = law.schedule1_paragraph(number) if number is not None else None
            if para is not None:
                yield {
                    "paragraph": para.number,
                    "heading": para.heading,
                    "reference": para.reference,
                    "url": para.url,
                }
            else:
                cited = _citation(index, str(item))
                reference = cited["display"] if numbers else f"{item} ({law.NOT_SCHEDULE1})"
                yield {
                    "paragraph": number,
                    "heading": None,
                    "reference": reference,
                    "url": cited["url"],
                }


def _unique_dicts(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


# --------------------------------------------------------------------------- queries


def _edges(graph: nx.MultiDiGraph[str]) -> Iterable[FlowData]:
    for _u, _v, data in graph.edges(data=True):
        yield data


def flows_by_category(graph: nx.MultiDiGraph[str], category: str) -> list[FlowData]:
    """Flows that carry `category`: a category id, or an Art 9(1) type such as ``health``.

    An Art 9(1) type matches every flow carrying a category of that type; the
    word ``special`` matches every special-category flow.
    """
    if category == "special":
        return [d for d in _edges(graph) if d["special"]]
    return [d for d in _edges(graph) if category in d["categories"] or category in d["special"]]


def flows_to_recipient(graph: nx.MultiDiGraph[str], recipient: str) -> list[FlowData]:
    """Disclosures to the recipient with this id (or to every recipient of this group id)."""
    key = node_key("recipient", recipient)
    if key in graph:
        return [d for d in _edges(graph) if d["target"] == key]
    members = {
        n
        for n, a in graph.nodes(data=True)
        if a.get("kind") == "recipient" and a.get("group") == recipient
    }
    return [d for d in _edges(graph) if d["target"] in members]


def flows_by_basis(graph: nx.MultiDiGraph[str], basis: str) -> list[FlowData]:
    """Flows relying on `basis`: a lawful-basis id of the map, or an Art 6(1) basis
    id or alias (``public-task``, ``6(1)(e)``)."""
    art6 = law.art6_basis(basis)
    wanted = art6.id if art6 else None
    return [
        d
        for d in _edges(graph)
        if any(b["id"] == basis or b["basis"] == wanted for b in d["bases"])
    ]


def flows_without_basis(graph: nx.MultiDiGraph[str]) -> list[FlowData]:
    """Flows with no effective Art 6 lawful basis (what PM201 reports)."""
    return [d for d in _edges(graph) if not d["has_basis"]]


def reachable(graph: nx.MultiDiGraph[str], category: str) -> list[str]:
    """Where can `category` reach? The node keys it reaches, in graph order.

    Following only the flows that carry it, from wherever it enters: the
    activities that process it and the recipients it is disclosed to.
    `category` is a category id or an Art 9(1) type, as in `flows_by_category`.

    Flows run source -> activity -> recipient and never activity -> activity,
    so every flow that carries the category starts where it is held: what it
    reaches is the flows' targets, plus the activities that disclose it
    without a collection carrying it in.
    """
    carrying = flows_by_category(graph, category)
    seen = {d["target"] for d in carrying}
    seen |= {d["origin"] for d in carrying if d["direction"] == "disclosure"}
    return [n for n in graph.nodes if n in seen]


# --------------------------------------------------------------------------- the output


def emit(context: EmitContext) -> Output:
    """The graph output's files (`privacymap.graph.files`): overview and per-activity views."""
    from privacymap.graph import files

    return files.emit(context)


# --------------------------------------------------------------------------- for the notice


def overview_svg(index: Index) -> str | None:
    """The overview diagram as an inline-ready ``<svg>`` element, or None without Graphviz.

    Rendered by Graphviz's ``dot``; the XML prolog, doctype and comments are
    removed so it can be placed straight into HTML. Ids and classes are
    deterministic (node ids are the node keys, edge ids ``flow-N``).
    """
    from privacymap.graph import render, views

    if not render.dot_available():
        return None
    return render.inline_svg(render.to_svg(render.to_dot(views.view(index, "overview"))))
