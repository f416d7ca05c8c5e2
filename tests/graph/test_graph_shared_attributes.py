"""The data-flow graph's edges share the attributes that depend only on a flow's bases and
conditions (made once per combination): each edge's attributes are those of the flow made
on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacymap import graph, pipeline
from privacymap.graph import flow_data

ROOT = Path(__file__).resolve().parents[2]
MAPS = [
    ROOT / "notices" / "lancashire-cfw",
    *(ROOT / "examples" / name for name in ("family-support", "joint-service", "tutorial")),
    ROOT / "examples" / "qualified-rights",
]


@pytest.mark.parametrize("source", MAPS, ids=lambda p: p.name)
def test_each_edge_is_its_flow_made_alone(source: Path) -> None:
    result = pipeline.check(source)
    assert result.index is not None
    built = graph.build(result.index)
    edges = {key: data for _, _, key, data in built.edges(keys=True, data=True)}
    assert len(edges) == len(result.index.flows) > 0
    shared_by_several = 0
    for flow in result.index.flows:
        assert edges[flow.id] == flow_data(result.index, flow), flow.id
        shared_by_several += sum(
            edges[other.id]["bases"] is edges[flow.id]["bases"]
            for other in result.index.flows
            if other is not flow and other.bases == flow.bases and flow.bases
        )
    assert shared_by_several  # the sharing is exercised
