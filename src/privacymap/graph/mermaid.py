"""The Mermaid writer: the same picture as the DOT one, for Markdown hosts that draw
Mermaid. Every special character of a label is written as an entity code."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from privacymap.graph.labels import (
    BORDER,
    BROWN,
    FILL,
    GREY,
    PURPLE,
    RED,
    clean_text,
    edge_lines,
    edge_style,
    fill_of,
    layout_of,
    node_lines,
)

_MERMAID_ESCAPES = {
    '"': "#quot;",
    "#": "#35;",
    ";": "#59;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "|": "#124;",
    "`": "#96;",
    "{": "#123;",
    "}": "#125;",
    "[": "#91;",
    "]": "#93;",
    "\\": "#92;",
    "%": "#37;",
}


def mermaid_text(lines: Iterable[str]) -> str:
    """Text for inside a quoted Mermaid label: entity codes for every special
    character, lines joined with ``<br/>``."""
    return "<br/>".join(
        "".join(_MERMAID_ESCAPES.get(ch, ch) for ch in clean_text(line)) for line in lines
    )


_MERMAID_LINK = {
    "plain": f"stroke:{GREY},stroke-width:1px",
    "special": f"stroke:{PURPLE},stroke-width:2px,stroke-dasharray:6 4,color:{PURPLE}",
    "criminal": f"stroke:{BROWN},stroke-width:3px,color:{BROWN}",
    "special-criminal": f"stroke:{PURPLE},stroke-width:3px,stroke-dasharray:6 4,color:{BROWN}",
    "no-basis": f"stroke:{RED},stroke-width:4px,color:{RED}",
}


_LEGEND_NODES = (
    ("source", '(["source"]):::source'),
    ("activity", '["processing activity"]:::activity'),
    ("service", '["the service"]:::service'),
    ("internal", '["recipient inside the organisation"]:::internal'),
    ("external", '["recipient outside it"]:::external'),
)

_LEGEND_LINES = (
    ("no-basis", "red bold line: no lawful basis"),
    ("special", "purple dashed: special category"),
    ("criminal", "brown bold: criminal offence"),
    ("special-criminal", "brown dashed: special category and criminal offence"),
    ("plain", "grey: ordinary personal data"),
)


def _node_line(view: nx.MultiDiGraph[str], ids: dict[str, str], node: str) -> str:
    """One node: rounded for a source, classed by its fill (or as unresolved)."""
    attrs = view.nodes[node]
    label, _tip = node_lines(attrs)
    cls = "unresolved" if attrs.get("unresolved") else fill_of(attrs)
    open_, close = ("([", "])") if attrs.get("kind") == "source" else ("[", "]")
    return f'{ids[node]}{open_}"{mermaid_text(label)}"{close}:::{cls}'


def _nodes(view: nx.MultiDiGraph[str], ids: dict[str, str]) -> list[str]:
    """The nodes in subgraphs: sources, processing, then recipients by group."""
    out: list[str] = []
    columns, clusters = layout_of(view)
    for column, heading in (("source", "Sources"), ("activity", "Processing")):
        if columns[column]:
            out.append(f'  subgraph col_{column}["{heading}"]')
            out += [f"    {_node_line(view, ids, n)}" for n in columns[column]]
            out.append("  end")
    for i, (group, nodes) in enumerate(clusters.items()):
        heading = (
            "Recipients" if group is None else view.nodes[nodes[0]].get("group_label") or group
        )
        out.append(f'  subgraph grp_{i}["{mermaid_text([heading])}"]')
        out += [f"    {_node_line(view, ids, n)}" for n in nodes]
        out.append("  end")
    return out


def _edges(view: nx.MultiDiGraph[str], ids: dict[str, str]) -> list[str]:
    """The flows as links (bold where there is no basis or criminal offence data), then
    one linkStyle per link, which Mermaid wants after all the links."""
    detail = bool(view.graph.get("detail"))
    out: list[str] = []
    styles: list[str] = []
    for i, (u, v, attrs) in enumerate(view.edges(data=True)):
        label, _tip = edge_lines(attrs, detail)
        arrow = "==>" if edge_style(attrs) in ("no-basis", "criminal") else "-->"
        if label:
            out.append(f'  {ids[u]} {arrow}|"{mermaid_text(label)}"| {ids[v]}')
        else:
            out.append(f"  {ids[u]} {arrow} {ids[v]}")
        styles.append(f"  linkStyle {i} {_MERMAID_LINK[edge_style(attrs)]}")
    return out + styles


def _legend(view: nx.MultiDiGraph[str]) -> list[str]:
    """A legend of only the kinds of node and line this diagram contains."""
    out = ['  subgraph legend["Legend"]']
    kinds = {
        fill_of(a) if a.get("kind") in ("recipient", "group") else a.get("kind")
        for _n, a in view.nodes(data=True)
    }
    for i, (_kind, node) in enumerate((e for e in _LEGEND_NODES if e[0] in kinds), 1):
        out.append(f"    lg{i}{node}")
    present = {edge_style(a) for _u, _v, a in view.edges(data=True)}
    lines = [text for style, text in _LEGEND_LINES if style in present]
    if lines:
        out.append(f'    lg0["{"<br/>".join(lines)}"]')
    out.append("  end")
    return out


def to_mermaid(view: nx.MultiDiGraph[str]) -> str:
    """The view as a Mermaid flowchart (for GitHub, GitLab and other Markdown hosts)."""
    title = view.graph.get("title") or "Data flows"
    ids = {node: f"n{i}" for i, node in enumerate(view.nodes)}
    out = [f"%% {clean_text(title).replace('%', ' ')}", "flowchart LR"]
    for kind, fill in FILL.items():
        out.append(f"  classDef {kind} fill:{fill},stroke:{BORDER[kind]},color:#000")
    out.append(f"  classDef unresolved fill:#fff,stroke:{RED},stroke-dasharray:4 3")
    out += _nodes(view, ids)
    out += _edges(view, ids)
    out += _legend(view)
    return "\n".join(out) + "\n"
