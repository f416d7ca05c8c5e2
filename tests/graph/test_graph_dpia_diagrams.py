"""Diagrams for a DPIA: the activities view, per-activity views with one edge per
recipient group, the law on the edges, weights relative to the diagram, roles,
a legend of what is present, no overlapping labels, print formats."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest

from privacymap import graph as graphs
from privacymap import ropa
from privacymap.graph import files as graph_emitter
from privacymap.graph import labels, render, views
from privacymap.index import Index
from privacymap.output import EmitContext
from tests.graph.conftest import load_index
from tests.support.external import dot_path
from tests.support.layout import label_boxes, overlapping_labels, size_in_inches

REPO = Path(__file__).resolve().parents[2]
FAMILY = REPO / "examples" / "family-support"

A4_LANDSCAPE_PRINTABLE = (10.9, 7.5)
"""A4 landscape (11.69 x 8.27 in) less margins of about 1 cm, in inches."""
SMALLEST_PRINT_SIZE = 6.0
"""Points: the smallest text still readable on paper."""


@pytest.fixture(scope="module")
def family() -> Index:
    return load_index(FAMILY)


def _edge_labels(dot: str) -> list[str]:
    """The label text of every edge of a DOT source (lines joined with newlines)."""
    return [
        m.group(1).replace("\\n", "\n")
        for line in dot.splitlines()
        if " -> " in line and "style=invis" not in line
        for m in [re.search(r'label="((?:[^"\\]|\\.)*)"', line)]
        if m
    ]


# --------------------------------------------------------------------------- views


def test_activities_view_has_one_edge_per_pair_with_counts(lancashire: Index) -> None:
    view = views.view(lancashire, "activities")
    kinds = {a["kind"] for _n, a in view.nodes(data=True)}
    assert kinds == {"source", "activity", "group"}
    assert sum(1 for _n, a in view.nodes(data=True) if a["kind"] == "activity") == len(
        lancashire.datamap.activities
    )
    pairs = [(u, v) for u, v in view.edges()]
    assert len(pairs) == len(set(pairs))  # one edge per pair
    assert sum(a["count"] for _u, _v, a in view.edges(data=True)) == len(lancashire.flows)
    # every flow is on exactly one edge
    flows = [f for _u, _v, a in view.edges(data=True) for f in a["flows"]]
    assert sorted(flows) == sorted(f.id for f in lancashire.flows)


def test_activity_view_has_one_labelled_edge_per_recipient_group(lancashire: Index) -> None:
    view = views.view(lancashire, "activity:partner-information-sharing")
    disclosures = [
        f for f in lancashire.flows_of("partner-information-sharing") if f.direction == "disclosure"
    ]
    groups = {f.recipient.group for f in disclosures if f.recipient}
    out_edges = list(
        view.out_edges(graphs.node_key("activity", "partner-information-sharing"), data=True)
    )
    assert len(disclosures) > len(groups) == len(out_edges)
    dot = render.to_dot(view)
    labels = _edge_labels(dot)
    assert len(labels) == len(out_edges) and all(labels)
    # every flow id is in the table under the diagram, as in the ROPA's Data flows sheet
    for flow in disclosures:
        assert flow.id.replace(">", "&gt;") in dot


def test_every_flow_id_matches_a_ropa_data_flows_row(lancashire: Index) -> None:
    rows = {row["Flow"] for row in ropa.flows(lancashire)}
    graph = graphs.build(lancashire)
    full = render.to_dot(views.view(lancashire, "full", graph))
    for label in _edge_labels(full):
        flow_id = next(line for line in label.split("\n") if line != "no lawful basis")
        assert flow_id.replace("&gt;", ">").replace("&lt;", "<") in rows
    # the activities view: a single flow's edge is labelled with its id, others count
    activities = views.view(lancashire, "activities", graph)
    labels = _edge_labels(render.to_dot(activities))
    for label, (_u, _v, attrs) in zip(labels, activities.edges(data=True), strict=True):
        first = label.split("\n")[0].replace("&gt;", ">").replace("&lt;", "<")
        assert first == (attrs["flows"][0] if attrs["count"] == 1 else f"{attrs['count']} flows")
        assert set(attrs["flows"]) <= rows
    tabled: list[str] = []
    for activity in lancashire.datamap.activities:
        view = views.view(lancashire, f"activity:{activity.id}", graph)
        tabled += [d["flow"] for d in view.graph["flows"]]
        for _u, _v, attrs in view.edges(data=True):  # each edge names its flows
            assert set(attrs["flows"]) <= rows
    assert sorted(tabled) == sorted(rows)


# --------------------------------------------------------------------------- law on the edges


def test_special_category_edges_carry_art9_and_schedule1_in_readable_names(
    lancashire: Index,
) -> None:
    dot = render.to_dot(views.view(lancashire, "activity:mash-referrals"))
    dot = dot.replace("<br/>", " ")
    # the law key names the condition and the paragraph ...
    assert "Art 9(2)(g) substantial public interest" in dot
    assert "Sch 1 para 18 safeguarding of children and of individuals at risk" in dot
    # ... and the edge refers to its entry, with the short references
    (label,) = _edge_labels(dot)
    assert "L1: Art 6(1)(e); Art 9(2)(g); Sch 1 para 18" in label
    assert "special category: health, racial or ethnic origin" in label
    # no raw category id in any label
    for name in views.view_names(lancashire):
        for label in _edge_labels(render.to_dot(views.view(lancashire, name))):
            assert "racial-or-ethnic-origin" not in label, name


def test_criminal_offence_edges_carry_the_art10_route(hostile: Index, family: Index) -> None:
    dot = render.to_dot(views.view(hostile, "full"))
    (police,) = [label for label in _edge_labels(dot) if "police" in label.split("\n")[0]]
    assert "criminal offence data" in police and "Art 10 official authority" in police
    dot = render.to_dot(views.view(family, "activities"))
    assert "Art 10: Sch 1 para 18 safeguarding of children" in dot.replace("<br/>", " ")


def test_missing_conditions_are_said_not_left_out() -> None:
    flow = {
        "special": ("health",),
        "art9": (),
        "schedule1": (),
        "criminal_offence": True,
        "art10": (),
        "bases": (),
    }
    assert labels.law_lines(flow) == [
        "Art 9 condition: none recorded",
        "Art 10 condition: none recorded",
    ]
    assert labels.law_refs(flow) == "no Art 9 condition; no Art 10 condition"


# --------------------------------------------------------------------------- encoding


def _penwidth(line: str) -> float:
    found = re.search(r"penwidth=\"?([\d.]+)", line)
    assert found, line
    return float(found.group(1))


def _edge_lines(dot: str, css: str) -> list[str]:
    return [line for line in dot.splitlines() if f'"flow {css}"' in line]


def test_weight_is_relative_to_the_most_sensitive_data_in_the_diagram(
    lancashire: Index, family: Index
) -> None:
    # Lancashire holds no criminal offence data: special category edges are the heaviest.
    dot = render.to_dot(views.view(lancashire, "activities"))
    special = _edge_lines(dot, "flow-special")
    plain = _edge_lines(dot, "flow-plain")
    assert special and plain
    assert min(map(_penwidth, special)) > max(map(_penwidth, plain))
    # With criminal offence data present, it stands out and special category recedes.
    dot = render.to_dot(views.view(family, "activities"))
    criminal = _edge_lines(dot, "flow-criminal") + _edge_lines(dot, "flow-special-criminal")
    special = _edge_lines(dot, "flow-special")
    assert criminal and special
    assert min(map(_penwidth, criminal)) > max(map(_penwidth, special))


def test_the_no_basis_flow_stands_out(lancashire: Index) -> None:
    dot = render.to_dot(views.view(lancashire, "activities"))
    (line,) = _edge_lines(dot, "flow-no-basis")
    assert labels.RED in line and _penwidth(line) == 3
    assert "no lawful basis" in line
    others = [ln for ln in dot.splitlines() if '"flow flow-' in ln and ln != line]
    assert all(_penwidth(ln) < 3 for ln in others)


def test_recipient_roles_are_drawn_differently(family: Index) -> None:
    dot = render.to_dot(views.view(family, "full"))
    processor = [ln for ln in dot.splitlines() if "role-processor" in ln]
    controller = [ln for ln in dot.splitlines() if "role-controller" in ln]
    assert processor and controller
    assert all("dashed" in ln and "(processor)" in ln for ln in processor)
    assert all("penwidth=2" in ln and "(controller)" in ln for ln in controller)
    assert "processor (acts on our instructions)" in dot  # legend


def test_legend_lists_only_what_is_present(lancashire: Index, family: Index) -> None:
    dot = render.to_dot(views.view(lancashire, "activity:community-offer"))
    legend = dot.split("label=<<table", 1)[1].split("</table>>", 1)[0]
    assert "ordinary personal data" in legend
    for absent in (
        "special category data",
        "criminal offence",
        "no lawful basis",
        "processor",
        "joint controller",
        "recipient inside",
    ):
        assert absent not in legend
    legend = render.to_dot(views.view(family, "full")).split("</table>>", 1)[0]
    for present in (
        "special category data",
        "criminal offence data",
        "processor",
        "controller (decides for itself)",
    ):
        assert present in legend
    assert "joint controller" not in legend


# --------------------------------------------------------------------------- layout


def test_overlap_checker_finds_text_over_text() -> None:
    layout = json.dumps(
        {
            "bb": "0,0,200,100",
            "objects": [],
            "edges": [
                {
                    "_gvid": 0,
                    "_ldraw_": [
                        {"op": "F", "size": 9.0, "face": "x"},
                        {"op": "T", "pt": [50, 50], "align": "c", "width": 40, "text": "one"},
                    ],
                },
                {
                    "_gvid": 1,
                    "_ldraw_": [
                        {"op": "F", "size": 9.0, "face": "x"},
                        {"op": "T", "pt": [60, 54], "align": "l", "width": 40, "text": "two"},
                    ],
                },
                {
                    "_gvid": 2,
                    "_ldraw_": [
                        {"op": "T", "pt": [150, 20], "align": "r", "width": 10, "text": "far"}
                    ],
                },
            ],
        }
    )
    assert len(label_boxes(layout)) == 3
    assert overlapping_labels(layout) == [("label of edge 0", "label of edge 1")]


def _views_to_check(index: Index) -> list[str]:
    return ["overview", "activities"] + [f"activity:{a.id}" for a in index.datamap.activities]


@pytest.mark.external
@pytest.mark.parametrize("name", ["lancashire", "family-support", "hostile"])
def test_no_label_overlaps_another(indexes: dict[str, Index], name: str) -> None:
    dot_path()
    index = indexes[name]
    full = graphs.build(index)
    for view_name in _views_to_check(index):
        layout = render.run_dot(render.to_dot(views.view(index, view_name, full)), "json")
        assert overlapping_labels(layout) == [], view_name


@pytest.mark.external
def test_activities_view_is_legible_on_a4_landscape(lancashire: Index) -> None:
    dot_path()
    layout = render.run_dot(render.to_dot(views.view(lancashire, "activities")), "json")
    width, height = size_in_inches(layout)
    scale = min(1.0, A4_LANDSCAPE_PRINTABLE[0] / width, A4_LANDSCAPE_PRINTABLE[1] / height)
    smallest = min(
        float(op["size"])
        for edge in json.loads(layout)["edges"]
        for op in edge.get("_ldraw_", [])
        if op["op"] == "F"
    )
    assert smallest * scale >= SMALLEST_PRINT_SIZE, (width, height, smallest)


@pytest.mark.external
def test_png_and_pdf_for_every_view(lancashire: Index) -> None:
    dot_path()
    files = graph_emitter.emit(EmitContext(index=lancashire, diagnostics=())).files
    stems = ["dataflow", "dataflow-activities"] + [
        f"dataflow/{a.id}" for a in lancashire.datamap.activities
    ]
    for stem in stems:
        png, pdf, svg = files[f"{stem}.png"], files[f"{stem}.pdf"], files[f"{stem}.svg"]
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and pdf.startswith(b"%PDF-")
        # print resolution: the PNG has 300 pixels per inch of the drawing
        width_px = struct.unpack(">I", png[16:20])[0]
        width_pt = float(re.search(rb'<svg width="([\d.]+)pt"', svg).group(1))  # type: ignore[union-attr]
        assert abs(width_px / (width_pt / 72) - render.PRINT_DPI) < 5, stem
    again = graph_emitter.emit(EmitContext(index=lancashire, diagnostics=())).files
    assert again["dataflow-activities.pdf"] == files["dataflow-activities.pdf"]
    assert again["dataflow-activities.png"] == files["dataflow-activities.png"]


@pytest.mark.external
def test_graph_command_writes_png_and_pdf(map_paths: dict[str, Path], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from privacymap.cli import app

    dot_path()
    for fmt, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF-")):
        out = tmp_path / f"activities.{fmt}"
        result = CliRunner().invoke(
            app,
            [
                "graph",
                str(map_paths["family-support"]),
                "--view",
                "activities",
                "-f",
                fmt,
                "-o",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)


def test_an_internal_hand_off_in_every_view(tmp_path: Path) -> None:
    """`from: activity:<id>`: inside the service in the overview; activity -> activity in
    the activities view and in both activities' own diagrams."""
    text = (REPO / "tests" / "dpia" / "maps" / "plain.yaml").read_text(encoding="utf-8")
    handoff = (
        "  - id: reporting\n    name: Reporting\n    purposes: [advice]\n"
        "    subjects: [residents]\n    categories: [contact]\n"
        "    collects:\n      - from: activity:advice\n"
        "transfers:\n"
    )
    path = tmp_path / "datamap.yaml"
    path.write_text(text.replace("transfers:\n", handoff, 1), encoding="utf-8")
    index = load_index(path)
    full = graphs.build(index)
    advice, reporting = (graphs.node_key("activity", a) for a in ("advice", "reporting"))
    overview = views.overview(index, full)
    assert all(overview.nodes[u]["kind"] != "activity" for u, _v in overview.edges())
    assert overview.number_of_edges() == 2  # you -> service -> housing
    assert views.activities(index, full).has_edge(advice, reporting)
    for name in ("advice", "reporting"):
        one = views.activity(index, name, full)
        assert one.has_edge(advice, reporting), name
        assert render.to_dot(one) and render.to_mermaid(one)
