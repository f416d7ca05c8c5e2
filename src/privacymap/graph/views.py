"""Views of the data-flow graph that stay readable as the map grows.

Each view is a `networkx.MultiDiGraph` with graph attributes ``view`` and
``title``; `privacymap.graph.render` draws any of them.

``overview`` (the default)
    Sources on the left, ONE node for the controller's service in the middle
    (with the number of processing activities), ONE node per recipient group
    on the right (recipients without a group share an "Other recipients"
    node). Flows are aggregated into one edge per source and one per group,
    carrying counts (flows, special-category flows, criminal-offence flows,
    flows without a lawful basis). Its size depends on the number of sources
    and recipient groups, never on the number of activities; beyond
    `MAX_OVERVIEW_SOURCES` sources, sources are aggregated by kind too.
``activities``
    The whole service for a DPIA: sources, every processing activity, one node
    per recipient group; one edge per pair with its number of flows, the most
    sensitive kind of data it carries and the conditions it relies on.
``full``
    Every source, activity, recipient and flow (recipients clustered by group).
``activity:<id>``
    One activity: the sources it collects from and one node per group of the
    recipients it discloses to, one labelled edge per source and per group;
    every flow (id, categories, law, conditions of sharing) in a table under the
    diagram.
``category:<id>``
    Where one category goes: every flow carrying it (a category id, or an
    Art 9(1) type such as ``health``), from its sources through the
    activities to the recipients.
``recipient:<id>``
    What one recipient receives and why: every disclosure to it, from which
    activity, with categories, bases and conditions of sharing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import networkx as nx

from privacymap import graph as graphs
from privacymap.model import SPECIAL_CATEGORY_NAMES

if TYPE_CHECKING:
    from privacymap.index import Index

MAX_OVERVIEW_SOURCES = 12
"""Above this many sources, the overview shows one node per kind of source."""

SERVICE = "service"

VIEW_KINDS = ("overview", "activities", "full", "activity", "category", "recipient")


def view_names(index: Index) -> list[str]:
    """Every view of this map, in a stable order: overview, activities, full, then one
    per item."""
    names = ["overview", "activities", "full"]
    names += [f"activity:{a.id}" for a in index.datamap.activities]
    names += [f"category:{c.id}" for c in index.datamap.categories]
    names += [f"recipient:{r.id}" for r in index.datamap.recipients]
    return names


def view(
    index: Index, name: str, graph: nx.MultiDiGraph[str] | None = None
) -> nx.MultiDiGraph[str]:
    """The view called `name` (see the module documentation); ValueError if unknown."""
    full = graph if graph is not None else graphs.build(index)
    kind, _, arg = name.partition(":")
    if name == "overview":
        return overview(index, full)
    if name == "activities":
        return activities(index, full)
    if name == "full":
        return _titled(full.copy(), "full", f"{full.graph['service']}: all data flows")
    if kind == "activity" and arg:
        if arg not in index.activities:
            raise ValueError(_unknown("activity", arg, index.activities))
        return activity(index, arg, full)
    if kind == "category" and arg:
        if arg not in index.categories and arg not in SPECIAL_CATEGORY_NAMES:
            raise ValueError(_unknown("category", arg, index.categories))
        keys = [(d["origin"], d["target"], d["flow"]) for d in graphs.flows_by_category(full, arg)]
        label = (
            index.categories[arg].name
            if arg in index.categories
            else f"special category: {SPECIAL_CATEGORY_NAMES[arg]}"
        )
        return _titled(_edge_subgraph(full, keys), name, f"Where {label} goes")
    if kind == "recipient" and arg:
        if arg not in index.recipients:
            raise ValueError(_unknown("recipient", arg, index.recipients))
        keys = [(d["origin"], d["target"], d["flow"]) for d in graphs.flows_to_recipient(full, arg)]
        sub = _edge_subgraph(full, keys, extra=[graphs.node_key("recipient", arg)])
        return _titled(
            sub, name, f"What {index.recipients[arg].name} receives and why", detail=True
        )
    raise ValueError(
        f"unknown view {name!r}: expected overview, activities, full, activity:ID, "
        "category:ID or recipient:ID"
    )


def _unknown(kind: str, arg: str, known: Iterable[str]) -> str:
    ids = sorted(known)
    shown = ", ".join(ids[:10]) + (" ..." if len(ids) > 10 else "")
    return f"unknown {kind} id {arg!r}" + (f"; known: {shown}" if ids else "")


def _titled(
    graph: nx.MultiDiGraph[str], name: str, title: str, detail: bool = False
) -> nx.MultiDiGraph[str]:
    graph.graph.update(view=name, title=title, detail=detail)
    return graph


def _flow_edges(graph: nx.MultiDiGraph[str]) -> Iterable[dict[str, Any]]:
    for _u, _v, data in graph.edges(data=True):
        yield data


def _edge_subgraph(
    full: nx.MultiDiGraph[str], keys: list[tuple[str, str, str]], extra: Iterable[str] = ()
) -> nx.MultiDiGraph[str]:
    """A copy holding these edges and their ends (plus `extra` nodes), in `full`'s order."""
    wanted_nodes = {n for u, v, _k in keys for n in (u, v)} | set(extra)
    wanted_edges = set(keys)
    sub: nx.MultiDiGraph[str] = nx.MultiDiGraph(**full.graph)
    for node, attrs in full.nodes(data=True):
        if node in wanted_nodes:
            sub.add_node(node, **attrs)
    for u, v, k, attrs in full.edges(keys=True, data=True):
        if (u, v, k) in wanted_edges:
            sub.add_edge(u, v, key=k, **attrs)
    return sub


# --------------------------------------------------------------------------- overview


def overview(index: Index, full: nx.MultiDiGraph[str] | None = None) -> nx.MultiDiGraph[str]:
    """Sources -> the service -> recipient groups, flows aggregated with counts."""
    full = full if full is not None else graphs.build(index)
    service = full.graph["service"]
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph(**full.graph)
    _titled(out, "overview", f"{service}: where personal data comes from and goes")
    source_of = _add_sources(full, out, aggregate_kinds=True)
    out.add_node(
        SERVICE,
        kind="service",
        id=SERVICE,
        label=service,
        group=None,
        group_label=None,
        internal=True,
        country=None,
        role=None,
        location=None,
        activities=len(index.datamap.activities),
    )
    group_of = _add_groups(index, full, out)
    _add_edges(
        out,
        # an internal hand-off (`from: activity:<id>`) stays inside the service
        (d for d in _flow_edges(full) if not _handoff(full, d)),
        lambda d: (
            (source_of[d["origin"]], SERVICE)
            if d["direction"] == "collection"
            else (SERVICE, group_of[d["target"]])
        ),
    )
    return out


def activities(index: Index, full: nx.MultiDiGraph[str] | None = None) -> nx.MultiDiGraph[str]:
    """Sources -> every processing activity -> recipient groups, one edge per pair.

    The whole service at the level a DPIA's systematic description needs (Art
    35(7)(a)): which activity takes data from where and sends it to which group
    of recipients; each edge counts its flows and carries the most sensitive
    kind of data and the conditions (Art 9, Sch 1, Art 10) they rely on.
    """
    full = full if full is not None else graphs.build(index)
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph(**full.graph)
    _titled(out, "activities", f"{full.graph['service']}: processing activities and data flows")
    source_of = _add_sources(full, out, aggregate_kinds=True)
    for node, attrs in full.nodes(data=True):
        if attrs["kind"] == "activity":
            out.add_node(node, **attrs)
    group_of = _add_groups(index, full, out)
    _add_edges(
        out,
        _flow_edges(full),
        lambda d: (
            (source_of.get(d["origin"], d["origin"]), d["target"])  # a hand-off: activity->activity
            if d["direction"] == "collection"
            else (d["origin"], group_of[d["target"]])
        ),
    )
    return out


def _handoff(full: nx.MultiDiGraph[str], flow: dict[str, Any]) -> bool:
    """A collection from another activity of the map (`from: activity:<id>`)."""
    return bool(
        flow["direction"] == "collection" and full.nodes[flow["origin"]]["kind"] == "activity"
    )


def activity(
    index: Index, activity_id: str, full: nx.MultiDiGraph[str] | None = None
) -> nx.MultiDiGraph[str]:
    """One activity: its sources, the activity, and one node per recipient group, with
    ONE edge per source and per group (flows aggregated); every flow is listed in the
    graph attribute ``flows`` (the table drawn under the diagram)."""
    full = full if full is not None else graphs.build(index)
    key = graphs.node_key("activity", activity_id)
    # its own flows, and a hand-off of its data to another activity
    flows = [d for d in _flow_edges(full) if d["activity"] == activity_id or d["origin"] == key]
    wanted = {d["origin"] for d in flows} | {d["target"] for d in flows} | {key}
    sub = _edge_subgraph(full, [], extra=wanted)
    out: nx.MultiDiGraph[str] = nx.MultiDiGraph(**full.graph)
    _titled(
        out, f"activity:{activity_id}", f"Processing activity: {index.activities[activity_id].name}"
    )
    source_of = _add_sources(sub, out, aggregate_kinds=False)
    for node in sorted(n for n in wanted if full.nodes[n]["kind"] == "activity"):
        out.add_node(node, **full.nodes[node])  # this one, and any hand-off's other end
    group_of = _add_groups(index, sub, out)
    _add_edges(
        out,
        flows,
        lambda d: (
            (source_of.get(d["origin"], d["origin"]), d["target"])
            if d["direction"] == "collection"
            else (key, group_of[d["target"]])
        ),
    )
    out.graph["flows"] = tuple(flows)
    return out


def _add_sources(
    full: nx.MultiDiGraph[str], out: nx.MultiDiGraph[str], aggregate_kinds: bool
) -> dict[str, str]:
    """Add `full`'s sources to `out` (one node per kind of source beyond
    `MAX_OVERVIEW_SOURCES` when `aggregate_kinds`); return source node -> node in `out`."""
    sources = [(n, a) for n, a in full.nodes(data=True) if a["kind"] == "source"]
    by_kind = aggregate_kinds and len(sources) > MAX_OVERVIEW_SOURCES
    source_of: dict[str, str] = {}
    for node, attrs in sources:
        if by_kind:
            key = f"sources:{attrs['group']}"
            if key not in out:
                out.add_node(
                    key,
                    kind="source",
                    id=attrs["group"],
                    label=f"{attrs['group_label']} sources".capitalize(),
                    group=attrs["group"],
                    group_label=attrs["group_label"],
                    internal=False,
                    country=None,
                    role=None,
                    location=None,
                    members=(),
                )
            out.nodes[key]["members"] = (*out.nodes[key]["members"], attrs["label"])
            source_of[node] = key
        else:
            out.add_node(node, **attrs)
            source_of[node] = node
    return source_of


def _add_groups(
    index: Index, full: nx.MultiDiGraph[str], out: nx.MultiDiGraph[str]
) -> dict[str, str]:
    """Add one node per recipient group of `full`'s recipients (recipients without a
    known group share one); return recipient node -> group node."""
    names = {g.id: g.name for g in index.datamap.recipient_groups}
    order = [g.id for g in index.datamap.recipient_groups]
    members: dict[str, list[str]] = {}
    roles: dict[str, list[str | None]] = {}
    internal: dict[str, bool] = {}
    group_of: dict[str, str] = {}
    for node, attrs in full.nodes(data=True):
        if attrs["kind"] != "recipient":
            continue
        group = attrs["group"] if attrs["group"] in names else ""
        if group not in order:
            order.append(group)
        members.setdefault(group, []).append(attrs["label"])
        roles.setdefault(group, []).append("internal" if attrs["internal"] else attrs.get("role"))
        internal[group] = internal.get(group, True) and bool(attrs["internal"])
        group_of[node] = f"group:{group}"
    for group in order:
        if group not in members:
            continue
        out.add_node(
            f"group:{group}",
            kind="group",
            id=group or None,
            label=names.get(group, "Other recipients" if names else "Recipients"),
            group=group or None,
            group_label=names.get(group),
            internal=internal[group],
            country=None,
            location=None,
            role=_one_role(roles[group]),
            roles=tuple(roles[group]),
            members=tuple(members[group]),
        )
    return group_of


def _one_role(roles: list[str | None]) -> str | None:
    """The role all members share, "mixed" when they differ."""
    distinct = set(roles)
    return roles[0] if len(distinct) == 1 else "mixed"


def _add_edges(
    out: nx.MultiDiGraph[str],
    flows: Iterable[dict[str, Any]],
    ends_of: Callable[[dict[str, Any]], tuple[str, str]],
) -> None:
    """One aggregated edge per pair of ends, in `out`'s node order."""
    edges: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for data in flows:
        edges.setdefault(ends_of(data), []).append(data)
    rank = {n: i for i, n in enumerate(out.nodes)}
    for (u, v), group in sorted(edges.items(), key=lambda e: (rank[e[0][0]], rank[e[0][1]])):
        out.add_edge(u, v, key=f"{u}->{v}", **aggregate(group))


SENSITIVITY = ("ordinary", "special", "criminal")
"""Kinds of data from least to most sensitive: what colours and weighs an edge."""


def kind_of(flow: dict[str, Any]) -> str:
    """The most sensitive kind of data a flow (or an aggregated edge) carries."""
    if flow["criminal_offence"]:
        return "criminal"
    return "special" if flow["special"] else "ordinary"


def aggregate(flows: list[dict[str, Any]]) -> dict[str, Any]:
    """The attributes of an edge standing for several flows."""

    def union(field: str) -> tuple[Any, ...]:
        seen: dict[Any, None] = {}
        for f in flows:
            for item in f[field]:
                seen.setdefault(item, None)
        return tuple(seen)

    def unique(field: str) -> tuple[dict[str, Any], ...]:
        seen: list[dict[str, Any]] = []
        for f in flows:
            for item in f[field]:
                if item not in seen:
                    seen.append(item)
        return tuple(seen)

    articles: dict[str, None] = {}
    for f in flows:
        for b in f["bases"]:
            articles.setdefault(b["article"] or b["basis"], None)
    return {
        "count": len(flows),
        "flows": tuple(f["flow"] for f in flows),
        "direction": flows[0]["direction"],
        "activities": tuple(dict.fromkeys(f["activity"] for f in flows)),
        "ends": tuple(
            dict.fromkeys(
                f["origin"] if f["direction"] == "collection" else f["target"] for f in flows
            )
        ),
        "categories": union("categories"),
        "category_names": union("category_names"),
        "categories_stated": all(f["categories_stated"] for f in flows),
        "agreement": tuple(f["flow"] for f in flows if f["agreement"]),
        "special": union("special"),
        "special_names": union("special_names"),
        "special_count": sum(1 for f in flows if f["special"]),
        "special_without_condition": tuple(
            f["flow"] for f in flows if f["special"] and not f["art9"]
        ),
        "criminal_offence": any(f["criminal_offence"] for f in flows),
        "criminal_count": sum(1 for f in flows if f["criminal_offence"]),
        "criminal_without_condition": tuple(
            f["flow"] for f in flows if f["criminal_offence"] and not f["art10"]
        ),
        "articles": tuple(articles),
        "bases": unique("bases"),
        "art9": unique("art9"),
        "schedule1": unique("schedule1"),
        "art10": unique("art10"),
        "has_basis": all(f["has_basis"] for f in flows),
        "without_basis": tuple(f["flow"] for f in flows if not f["has_basis"]),
    }
