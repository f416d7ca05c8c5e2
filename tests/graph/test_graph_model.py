"""The networkx graph: nodes and edges against the model, attributes, queries."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from privacymap import graph as graphs
from privacymap.index import Index
from tests.graph.conftest import HOSTILE, load_index

MAP_NAMES = ("lancashire", "family-support", "scaffold", "hostile")


def expected_counts(index: Index) -> tuple[Counter[str], int]:
    """Nodes per kind and edges, computed from the model (not from the graph code)."""
    dm = index.datamap
    sources = {s.id for s in dm.sources}
    recipients = {r.id for r in dm.recipients}
    for activity in dm.activities:
        sources |= {c.source for c in activity.collects}
        recipients |= {d.recipient for d in activity.discloses}
    nodes = Counter(source=len(sources), activity=len(dm.activities), recipient=len(recipients))
    edges = sum(len(a.collects) + len(a.discloses) for a in dm.activities)
    return +nodes, edges


@pytest.mark.parametrize("name", MAP_NAMES)
def test_nodes_per_kind_and_edges_match_the_model(indexes: dict[str, Index], name: str) -> None:
    index = indexes[name]
    graph = graphs.build(index)
    nodes, edges = expected_counts(index)
    assert Counter(a["kind"] for _n, a in graph.nodes(data=True)) == nodes
    assert graph.number_of_edges() == edges == len(index.flows)
    assert isinstance(graph, nx.MultiDiGraph)


def test_lancashire_graph_shape(lancashire: Index) -> None:
    graph = graphs.build(lancashire)
    dm = lancashire.datamap
    kinds = Counter(a["kind"] for _n, a in graph.nodes(data=True))
    assert kinds["source"] == len(dm.sources) > 0
    assert kinds["activity"] == len(dm.activities) > 0
    assert kinds["recipient"] == len(dm.recipients) > 0
    collections = sum(len(a.collects) for a in dm.activities)
    disclosures = sum(len(a.discloses) for a in dm.activities)
    directions = Counter(d["direction"] for _u, _v, d in graph.edges(data=True))
    assert directions == Counter(collection=collections, disclosure=disclosures)
    # Edges are keyed by flow id.
    assert sorted(k for _u, _v, k in graph.edges(keys=True)) == sorted(
        f.id for f in lancashire.flows
    )


def test_edges_run_source_to_activity_to_recipient(indexes: dict[str, Index]) -> None:
    for index in indexes.values():
        graph = graphs.build(index)
        for u, v, d in graph.edges(data=True):
            kinds = (graph.nodes[u]["kind"], graph.nodes[v]["kind"])
            if d["direction"] == "collection":
                assert kinds == ("source", "activity")
            else:
                assert kinds == ("activity", "recipient")
            assert (d["origin"], d["target"]) == (u, v)


def test_node_attributes(lancashire: Index) -> None:
    graph = graphs.build(lancashire)
    groups = {g.id: g.name for g in lancashire.datamap.recipient_groups}
    for recipient in lancashire.datamap.recipients:
        attrs = graph.nodes[graphs.node_key("recipient", recipient.id)]
        assert attrs["label"] == recipient.name
        assert attrs["group"] == recipient.group
        assert attrs["group_label"] == groups.get(recipient.group or "", recipient.group)
        assert attrs["internal"] is recipient.internal
        assert attrs["country"] == (", ".join(recipient.countries) or None)
        assert attrs["location"].count(":") == 2
    for activity in lancashire.datamap.activities:
        attrs = graph.nodes[graphs.node_key("activity", activity.id)]
        assert (attrs["kind"], attrs["label"]) == ("activity", activity.name)


def test_edge_attributes_carry_the_law(lancashire: Index) -> None:
    graph = graphs.build(lancashire)
    for flow in lancashire.flows:
        u, v = graphs._ends(flow)
        data = graph.edges[u, v, flow.id]
        assert data["flow"] == flow.id
        assert data["categories"] == tuple(c.id for c in flow.categories)
        assert data["special"] == flow.special
        assert data["criminal_offence"] is flow.criminal_offence
        assert [b["id"] for b in data["bases"]] == [b.id for b in flow.bases]
        assert data["has_basis"] is bool(flow.bases)
        assert [c["id"] for c in data["art9"]] == [c.id for c in flow.conditions]
        assert data["when"] == tuple(flow.spec.when)
        assert data["location"] == str(lancashire.location(flow.path))
        for basis in data["bases"]:
            assert basis["article"].startswith("6(1)(")
            for citation in basis["law"]:
                assert citation["text"] in lancashire.citations
    special = [d for _u, _v, d in graph.edges(data=True) if d["special"]]
    assert special, "the Lancashire notice shares special category data"
    assert any(d["schedule1"] for d in special) or any(d["art9"] for d in special)


def test_build_is_deterministic(lancashire: Index) -> None:
    one, two = graphs.build(lancashire), graphs.build(lancashire)
    assert list(one.nodes(data=True)) == list(two.nodes(data=True))
    assert list(one.edges(keys=True, data=True)) == list(two.edges(keys=True, data=True))


def test_sources_and_recipients_with_one_id_are_distinct_nodes(hostile: Index) -> None:
    graph = graphs.build(hostile)
    # "end" is a source id and "graph" a recipient id; keys are namespaced by kind.
    assert "source:end" in graph and "recipient:graph" in graph


# --------------------------------------------------------------------------- queries


def test_flows_by_category_and_special_type(hostile: Index) -> None:
    graph = graphs.build(hostile)
    by_id = [d["flow"] for d in graphs.flows_by_category(graph, "health")]
    assert by_id == ["help-people<-you", "help-people->nhs"]
    assert [d["flow"] for d in graphs.flows_by_category(graph, "special")] == by_id
    assert [d["flow"] for d in graphs.flows_by_category(graph, "offences")] == [
        "help-people<-you",
        "help-people->police",
    ]


def test_flows_to_recipient_and_group(hostile: Index) -> None:
    graph = graphs.build(hostile)
    assert [d["flow"] for d in graphs.flows_to_recipient(graph, "nhs")] == ["help-people->nhs"]
    # "police" is both a recipient id and a group id: the recipient wins.
    assert [d["flow"] for d in graphs.flows_to_recipient(graph, "police")] == [
        "help-people->police"
    ]
    assert graphs.flows_to_recipient(graph, "nobody") == []


def test_flows_by_basis_accepts_map_ids_art6_ids_and_aliases(hostile: Index) -> None:
    graph = graphs.build(hostile)
    expected = [f.id for f in hostile.flows if f.bases]
    for basis in ("task", "public-task", "6(1)(e)"):
        assert [d["flow"] for d in graphs.flows_by_basis(graph, basis)] == expected
    assert graphs.flows_by_basis(graph, "consent") == []


def test_flows_without_basis(hostile: Index, lancashire: Index) -> None:
    graph = graphs.build(hostile)
    assert [d["flow"] for d in graphs.flows_without_basis(graph)] == ["research->abroad"]
    lanc = graphs.build(lancashire)
    assert [d["flow"] for d in graphs.flows_without_basis(lanc)] == [
        f.id for f in lancashire.flows if not f.bases
    ]


def test_reachable_follows_the_category_across_activities(hostile: Index) -> None:
    graph = graphs.build(hostile)
    assert graphs.reachable(graph, "health") == ["activity:help-people", "recipient:nhs"]
    assert graphs.reachable(graph, "contact") == [
        "activity:help-people",
        "activity:research",
        "recipient:nhs",
        "recipient:graph",
        "recipient:abroad",
    ]
    assert graphs.reachable(graph, "no-such-category") == []


def test_reachable_in_lancashire_matches_disclosures(lancashire: Index) -> None:
    graph = graphs.build(lancashire)
    for category in lancashire.datamap.categories:
        reached = set(graphs.reachable(graph, category.id))
        receivers = {
            graphs.node_key("recipient", f.target)
            for f in lancashire.flows
            if f.direction == "disclosure" and category in f.categories
        }
        assert receivers <= reached


def test_schedule1_entries_are_read_as_the_checks_read_them(tmp_path: Path) -> None:
    """Every DPA 2018 Sch 1 paragraph a citation names is listed; a Sch 1 of another Act
    is shown as written, marked as no Schedule 1 paragraph (as the notice and the ROPA
    show it), linked to that Act, never as a DPA paragraph."""
    text = HOSTILE.read_text(encoding="utf-8")
    entries = '["DPA 2018 Sch 1 paras 6 and 18", "Children Act 1989 Sch 1 para 5"]'
    changed = text.replace("    schedule1: [18]\n", f"    schedule1: {entries}\n", 1)
    assert changed != text
    path = tmp_path / "datamap.yaml"
    path.write_text(changed, encoding="utf-8")
    graph = graphs.build(load_index(path))
    data = graph.edges["activity:help-people", "recipient:nhs", "help-people->nhs"]
    assert [(p["paragraph"], p["reference"]) for p in data["schedule1"]] == [
        (6, "DPA 2018 Sch 1 para 6"),
        (18, "DPA 2018 Sch 1 para 18"),
        (None, "Children Act 1989 Sch 1 para 5 (not a recognised Schedule 1 paragraph)"),
    ]
    assert "/ukpga/1989/41/" in (data["schedule1"][2]["url"] or "")
