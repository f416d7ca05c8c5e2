"""Rendering: DOT snapshots, the picture's conventions, escaping, Mermaid structure,
GraphML/JSON round trips, views and the emitter."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from privacymap import graph as graphs
from privacymap import pipeline
from privacymap.graph import dot, labels, mermaid, render, views
from privacymap.graph import files as graph_emitter
from privacymap.index import Index
from privacymap.output import BuildError, EmitContext


class DotSnapshot(SingleFileSnapshotExtension):
    """One readable .dot file per snapshot (regenerate: pytest --snapshot-update)."""

    file_extension = "dot"
    _write_mode = WriteMode.TEXT


@pytest.fixture
def dot_snapshot(snapshot):
    return snapshot.use_extension(DotSnapshot)


# --------------------------------------------------------------------------- snapshots


@pytest.mark.parametrize("name", ["lancashire", "family-support", "scaffold", "hostile"])
def test_overview_dot_snapshot(indexes: dict[str, Index], name: str, dot_snapshot) -> None:
    assert render.to_dot(views.view(indexes[name], "overview")) == dot_snapshot


@pytest.mark.parametrize("name", ["lancashire", "hostile"])
def test_full_dot_snapshot(indexes: dict[str, Index], name: str, dot_snapshot) -> None:
    assert render.to_dot(views.view(indexes[name], "full")) == dot_snapshot


def test_activity_view_dot_snapshot(lancashire: Index, dot_snapshot) -> None:
    first = lancashire.datamap.activities[0].id
    assert render.to_dot(views.view(lancashire, f"activity:{first}")) == dot_snapshot


def test_every_output_is_deterministic(lancashire: Index) -> None:
    for name in views.view_names(lancashire):
        for fmt in ("dot", "mmd", "graphml", "json"):
            one = render.render(views.view(lancashire, name), fmt)
            two = render.render(views.view(lancashire, name), fmt)
            assert one == two, (name, fmt)


# --------------------------------------------------------------------------- views


def test_view_names_cover_every_item(lancashire: Index) -> None:
    names = views.view_names(lancashire)
    dm = lancashire.datamap
    assert names[:3] == ["overview", "activities", "full"]
    assert len(names) == 3 + len(dm.activities) + len(dm.categories) + len(dm.recipients)


def test_overview_size_does_not_grow_with_activities(lancashire: Index) -> None:
    overview = views.view(lancashire, "overview")
    kinds = [a["kind"] for _n, a in overview.nodes(data=True)]
    used_groups = {
        a["group"]
        for _n, a in graphs.build(lancashire).nodes(data=True)
        if a["kind"] == "recipient"
    }
    assert kinds.count("service") == 1
    assert "activity" not in kinds and "recipient" not in kinds
    assert kinds.count("group") == len(used_groups)
    assert kinds.count("source") == len(lancashire.datamap.sources)
    # Edges are aggregated: at most one per source and one per group, counts add up.
    assert overview.number_of_edges() <= kinds.count("source") + kinds.count("group")
    total = sum(d["count"] for _u, _v, d in overview.edges(data=True))
    assert total == len(lancashire.flows)
    without = sum(len(d["without_basis"]) for _u, _v, d in overview.edges(data=True))
    assert without == sum(1 for f in lancashire.flows if not f.bases)


def test_overview_aggregates_sources_by_kind_beyond_the_limit(
    hostile: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "MAX_OVERVIEW_SOURCES", 1)
    overview = views.view(hostile, "overview")
    sources = [n for n, a in overview.nodes(data=True) if a["kind"] == "source"]
    assert sources == ["sources:data-subject", "sources:third-party"]


def test_activity_category_recipient_views(hostile: Index, lancashire: Index) -> None:
    activity = views.view(hostile, "activity:help-people")
    # one edge per source and per recipient group; every flow in the table beside
    assert sorted(f for _u, _v, a in activity.edges(data=True) for f in a["flows"]) == sorted(
        f.id for f in hostile.flows_of("help-people")
    )
    assert sorted(d["flow"] for d in activity.graph["flows"]) == sorted(
        f.id for f in hostile.flows_of("help-people")
    )
    category = views.view(hostile, "category:health")
    assert sorted(k for _u, _v, k in category.edges(keys=True)) == [
        "help-people->nhs",
        "help-people<-you",
    ]
    # An Art 9(1) type works as well ("racial-or-ethnic-origin" is no category id there).
    assert "racial-or-ethnic-origin" not in lancashire.categories
    special = views.view(lancashire, "category:racial-or-ethnic-origin")
    expected = sorted(f.id for f in lancashire.flows if "racial-or-ethnic-origin" in f.special)
    assert expected and sorted(k for _u, _v, k in special.edges(keys=True)) == expected
    recipient = views.view(hostile, "recipient:nhs")
    assert [k for _u, _v, k in recipient.edges(keys=True)] == ["help-people->nhs"]
    assert recipient.graph["detail"] is True


@pytest.mark.parametrize(
    "name", ["nope", "activity:nope", "category:nope", "recipient:nope", "activity:", "overview:x"]
)
def test_unknown_view_is_a_value_error(hostile: Index, name: str) -> None:
    with pytest.raises(ValueError, match="unknown"):
        views.view(hostile, name)


def test_unknown_format_is_a_value_error(hostile: Index) -> None:
    with pytest.raises(ValueError, match="unknown graph format"):
        render.render(views.view(hostile, "overview"), "gif")


# --------------------------------------------------------------------------- the picture


def _edge_line(dot: str, flow_label: str) -> str:
    lines = [line for line in dot.splitlines() if "->" in line and flow_label in line]
    assert lines, flow_label
    return lines[0]


def test_flow_without_basis_is_bold_red_and_labelled(without_basis_path: Path) -> None:
    _loaded, index, _problems = pipeline.resolve(without_basis_path)
    assert index is not None
    graph = graphs.build(index)
    assert len(graphs.flows_without_basis(graph)) == 2
    for name, tooltip in (
        ("full", 'tooltip="Flow advice->housing-service'),
        ("activity:advice", 'tooltip="1 flow: advice->housing-service'),
        ("recipient:housing-service", 'tooltip="Flow advice->housing-service'),
    ):
        dot = render.to_dot(views.view(index, name, graph))
        line = _edge_line(dot, tooltip)
        assert f'color="{labels.RED}"' in line
        assert "style=bold" in line and "penwidth=3" in line
        assert 'label="no lawful basis' in line
        assert "flow-no-basis" in line
    overview = render.to_dot(views.view(index, "overview", graph))
    red = [
        line for line in overview.splitlines() if "->" in line and f'color="{labels.RED}"' in line
    ]
    assert len(red) == 2 and all("with no lawful basis" in line for line in red)


def test_special_and_criminal_flows_are_marked(hostile: Index) -> None:
    dot = render.to_dot(views.view(hostile, "full"))
    special = _edge_line(dot, 'tooltip="Flow help-people->nhs')
    assert "style=dashed" in special and labels.PURPLE in special
    assert "special category: health" in special
    criminal = _edge_line(dot, 'tooltip="Flow help-people->police')
    assert labels.BROWN in criminal and "criminal offence" in criminal
    both = _edge_line(dot, 'tooltip="Flow help-people<-you')
    assert f"{labels.PURPLE}:{labels.BROWN}" in both
    plain = _edge_line(dot, 'tooltip="Flow help-people->graph')
    assert "flow-plain" in plain


def test_layout_columns_clusters_and_legend(lancashire: Index) -> None:
    dot = render.to_dot(views.view(lancashire, "full"))
    assert "rankdir=LR" in dot
    assert "subgraph sources {" in dot and "subgraph activities {" in dot
    assert dot.count("rank=same") >= 2
    groups = {r.group for r in lancashire.datamap.recipients if r.group}
    assert dot.count("subgraph cluster_") == len(groups)
    for word in (
        "source",
        "processing activity",
        "special category data",
        "no lawful basis",
    ):
        assert word in dot  # the legend
    # ... which lists only what the diagram holds: Lancashire has no criminal offence data.
    assert "criminal offence" not in dot
    assert dot.count("tooltip=") >= len(lancashire.flows) + len(lancashire.datamap.activities)


# --------------------------------------------------------------------------- escaping

DOT_ESCAPE = re.compile(r'"(?:[^"\\]|\\.)*"')


def test_hostile_names_stay_inside_quoted_dot_strings(hostile: Index) -> None:
    for name in views.view_names(hostile):
        dot = render.to_dot(views.view(hostile, name))
        outside = DOT_ESCAPE.sub('""', dot)
        # HTML-like legend label aside, nothing user-written is left outside quotes.
        outside = re.sub(r"label=<<table.*</table>>", "", outside)
        assert "<script" not in outside and "alert" not in outside, name
        assert outside.count("{") == outside.count("}"), name
        assert "\\" not in outside, name


def test_hostile_title_is_escaped_in_the_html_legend(hostile: Index) -> None:
    dot = render.to_dot(views.view(hostile, "full"))
    assert "&lt;script&gt;" not in dot  # the title holds no script, but quotes and & do
    assert "&quot;quotes&quot;" in dot
    assert "<b>Service \\ with" in dot
    # The category view's title holds the category name, a <script> tag: text, not markup.
    category = render.to_dot(views.view(hostile, "category:health"))
    assert "<b>Where Health &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; goes</b>" in category


def test_dot_text_escaping_rules() -> None:
    assert dot._dot_text(['a "b" \\ c\nd']) == 'a \\"b\\" \\\\ c d'
    assert dot._dot_text(["one", "two"]) == "one\\ntwo"
    assert dot._dot_text(["&amp;"]) == "&amp;amp;"
    assert dot._dot_text(["trailing\\"]) == "trailing\\\\"


def test_mermaid_text_escaping_rules() -> None:
    text = mermaid.mermaid_text(['a "b" # ; | <x> --> {y} [z] `t` \\ %\nnext'])
    assert not set(text) & set('"|;<>{}[]`\\%\n') - {";", "<", ">"}
    assert text.startswith("a #quot;b#quot; #35;")
    assert "--#gt;" in text
    assert mermaid.mermaid_text(["one", "two"]) == "one<br/>two"


NODE = r'n\d+(?:\(\["[^"]*"\]\)|\["[^"]*"\])(?::::\w+)?'
MERMAID_LINE = re.compile(
    r"^(?:%% .*"
    r"|flowchart LR"
    r"|  classDef \w+ [-\w:#,. ]+"
    r'|  subgraph \w+\["[^"]*"\]'
    r"|  end"
    rf"|    {NODE}"
    r'|    lg\d(?:\(\["[^"]*"\]\)|\["[^"]*"\])(?::::\w+)?'
    r'|  n\d+ (?:-->|==>)(?:\|"[^"]*"\|)? n\d+'
    r"|  linkStyle \d+ [-\w:#,. ]+)$"
)


def check_mermaid_structure(text: str) -> None:
    """A structural check of our Mermaid subset: every line is one of the forms we
    write, quotes are balanced, subgraphs close, edges join defined nodes."""
    lines = text.splitlines()
    assert lines[1] == "flowchart LR"
    for line in lines:
        assert MERMAID_LINE.match(line), line
    opened = sum(1 for line in lines if line.startswith("  subgraph "))
    assert opened == sum(1 for line in lines if line == "  end")
    defined = set(re.findall(r"^    (n\d+)[\[(]", text, re.MULTILINE))
    for u, v in re.findall(r"^  (n\d+) [-=]=?>.* (n\d+)$", text, re.MULTILINE):
        assert u in defined and v in defined
    edges = len(re.findall(r"^  n\d+ [-=]", text, re.MULTILINE))
    styles = re.findall(r"^  linkStyle (\d+)", text, re.MULTILINE)
    assert [int(s) for s in styles] == list(range(edges))


@pytest.mark.parametrize("name", ["lancashire", "family-support", "scaffold", "hostile"])
def test_mermaid_structure_of_every_view(indexes: dict[str, Index], name: str) -> None:
    index = indexes[name]
    for view_name in views.view_names(index):
        check_mermaid_structure(render.to_mermaid(views.view(index, view_name)))


def test_mermaid_marks_flows(hostile: Index) -> None:
    text = render.to_mermaid(views.view(hostile, "full"))
    assert f"stroke:{labels.RED},stroke-width:4px" in text
    assert "no lawful basis" in text and "special category: health" in text
    assert "<script" not in text


# --------------------------------------------------------------------------- exports


def test_graphml_round_trips(lancashire: Index) -> None:
    graph = graphs.build(lancashire)
    back = nx.parse_graphml(render.to_graphml(graph), force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert {a["kind"] for _n, a in back.nodes(data=True)} == {"source", "activity", "recipient"}
    flows = {d["flow"] for _u, _v, d in back.edges(data=True)}
    assert flows == {f.id for f in lancashire.flows}


def test_node_link_json_round_trips(lancashire: Index) -> None:
    graph = graphs.build(lancashire)
    data = json.loads(render.to_json(graph))
    assert {n["key"] for n in data["nodes"]} == set(graph.nodes)
    assert sorted(e["key"] for e in data["edges"]) == sorted(f.id for f in lancashire.flows)
    edge = data["edges"][0]
    assert {"source", "target", "bases", "categories", "location"} <= set(edge)
    back = nx.node_link_graph(data, edges="edges", name="key", key="key")
    assert back.number_of_edges() == graph.number_of_edges()


# --------------------------------------------------------------------------- emitter


def test_emitter_writes_every_file(lancashire: Index) -> None:
    files = graph_emitter.emit(EmitContext(index=lancashire, diagnostics=())).files
    expected = {"dataflow.dot", "dataflow.mmd", "dataflow.graphml", "dataflow.json"}
    if render.dot_available():
        expected.add("dataflow.svg")
    assert expected <= set(files)
    for activity in lancashire.datamap.activities:
        assert f"dataflow/{activity.id}.dot" in files
        assert f"dataflow/{activity.id}.mmd" in files
        assert (f"dataflow/{activity.id}.svg" in files) == render.dot_available()
    again = graph_emitter.emit(EmitContext(index=lancashire, diagnostics=())).files
    assert files == again


def test_emitter_graphml_and_json_are_the_overview_full_graph_under_dataflow(
    lancashire: Index,
) -> None:
    files = graph_emitter.emit(EmitContext(index=lancashire, diagnostics=())).files
    overview = views.view(lancashire, "overview")
    full = graphs.build(lancashire)
    assert files["dataflow.json"].decode() == render.to_json(overview)
    assert files["dataflow.graphml"].decode() == render.to_graphml(overview)
    assert files["dataflow/full.json"].decode() == render.to_json(full)
    assert files["dataflow/full.graphml"].decode() == render.to_graphml(full)
    top = json.loads(files["dataflow.json"])
    assert {n["key"] for n in top["nodes"]} == set(overview.nodes)
    whole = json.loads(files["dataflow/full.json"])
    assert sorted(e["key"] for e in whole["edges"]) == sorted(f.id for f in lancashire.flows)
    back = nx.parse_graphml(files["dataflow/full.graphml"].decode(), force_multigraph=True)
    assert back.number_of_edges() == len(lancashire.flows)


def test_build_is_shared_per_index(lancashire: Index, indexes: dict[str, Index]) -> None:
    graph = graphs.build(lancashire)
    assert graphs.build(lancashire) is graph
    assert graphs.build(indexes["hostile"]) is not graph


def test_per_activity_diagrams_option(lancashire: Index, monkeypatch) -> None:
    off = graph_emitter.emit(
        EmitContext(index=lancashire, diagnostics=(), options={"per_activity_diagrams": False})
    ).files
    assert not any(name.startswith("dataflow/") for name in off)
    assert {"dataflow.graphml", "dataflow.json"} <= set(off)
    monkeypatch.setattr(graph_emitter, "PER_ACTIVITY_LIMIT", 1)
    default = graph_emitter.emit(EmitContext(index=lancashire, diagnostics=())).files
    assert not any(name.startswith("dataflow/") for name in default)
    forced = graph_emitter.emit(
        EmitContext(index=lancashire, diagnostics=(), options={"per_activity_diagrams": True})
    ).files
    assert any(name.startswith("dataflow/") for name in forced)
    assert {"dataflow/full.graphml", "dataflow/full.json"} <= set(forced)


def test_emitter_without_graphviz_stops_unless_diagrams_are_off(
    lancashire: Index, monkeypatch
) -> None:
    monkeypatch.setattr(render, "dot_available", lambda: False)
    with pytest.raises(BuildError, match="--no-diagrams"):
        graph_emitter.emit(EmitContext(index=lancashire, diagnostics=()))
    off = {"diagrams": False}
    files = graph_emitter.emit(EmitContext(index=lancashire, diagnostics=(), options=off)).files
    assert "dataflow.dot" in files and not any(n.endswith(".svg") for n in files)
    assert graphs.overview_svg(lancashire) is None


def test_pipeline_build_writes_the_graph(map_paths: dict[str, Path], tmp_path: Path) -> None:
    result = pipeline.build(map_paths["scaffold"], tmp_path / "out", only=["graph"])
    assert "dataflow.dot" in result.written
    assert (tmp_path / "out" / "dataflow" / "advice.mmd").is_file()
