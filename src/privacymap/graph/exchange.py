"""The graph for other tools: GraphML (yEd, Gephi, Cytoscape) and node-link JSON."""

from __future__ import annotations

import json
from typing import Any

import networkx as nx


def _scalar(value: Any) -> Any:
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, tuple | list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def to_graphml(graph: nx.MultiDiGraph[str]) -> str:
    """GraphML (for yEd, Gephi, Cytoscape): lists become "; "-joined text, records JSON."""
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    flat.graph.update({k: _scalar(v) for k, v in graph.graph.items() if v is not None})
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=k, **{a: _scalar(x) for a, x in attrs.items() if x is not None})
    body = "\n".join(nx.generate_graphml(flat, prettyprint=True))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"


def to_json(graph: nx.MultiDiGraph[str]) -> str:
    """networkx node-link JSON: ``nodes`` (with ``key``) and ``edges`` (with
    ``source``, ``target`` and ``key`` = flow id), every attribute kept."""
    data = nx.node_link_data(graph, edges="edges", name="key", key="key")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
