"""The DOT writer: the diagram's layout, legend, law key and flows table for Graphviz.

Every piece of text from the map is escaped for DOT (an escString or an HTML label), so
names holding quotes, braces, angle brackets, backslashes or newlines cannot break it."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable
from typing import Any

import graphviz
import networkx as nx

from privacymap.graph.labels import (
    AGREEMENT,
    BORDER,
    BROWN,
    CLUSTER_FILL,
    FILL,
    FONT,
    GREY,
    MAX_LABEL,
    PURPLE,
    RED,
    ROLE_LEGEND,
    ROLE_OUTLINE,
    SENSITIVITY,
    clean_text,
    edge_lines,
    edge_style,
    fill_of,
    law_key,
    law_label,
    law_signature,
    layout_of,
    no_basis_line,
    node_lines,
    role_key,
    short_list,
    top_sensitivity,
    wrap_text,
)


def _dot_text(lines: Iterable[str]) -> str:
    """An escString for a quoted DOT attribute: literal text, lines joined with ``\\n``."""
    escaped = [
        clean_text(line).replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
        for line in lines
    ]
    return str(graphviz.nohtml("\\n".join(escaped)))


def _html(text: str) -> str:
    return html.escape(clean_text(text, MAX_LABEL), quote=True)


EDGE_LEGEND = {
    "plain": (GREY, "——", "ordinary personal data", False),
    "special": (PURPLE, "– – –", "special category data (Art 9)", False),
    "criminal": (BROWN, "━━", "criminal offence data (Art 10)", True),
    "special-criminal": (BROWN, "– – –", "special category and criminal offence data", True),
    "no-basis": (RED, "━━", "no lawful basis", True),
}


def _legend_label(title: str, view: nx.MultiDiGraph[str], key: dict[tuple[str, ...], str]) -> str:
    """The title, a legend of only what this diagram contains, and its law key."""

    def swatch(kind: str, text: str, outline: dict[str, str] | None = None) -> str:
        style = (outline or {}).get("style", "")
        border = (
            ' style="dashed"'
            if "dashed" in style
            else (' style="dotted"' if "dotted" in style else "")
        )
        heavy = (outline or {}).keys() & {"penwidth", "peripheries"}
        width = "2" if heavy else "1"
        return (
            f'<td bgcolor="{FILL[kind]}" border="{width}" color="{BORDER[kind]}"{border}>'
            f'&nbsp;&nbsp;&nbsp;&nbsp;</td><td align="left"><font point-size="11">{text}'
            "</font></td>"
        )

    def line(colour: str, glyph: str, text: str, bold: bool = False) -> str:
        mark = f"<b>{glyph}</b>" if bold else glyph
        return (
            f'<td><font color="{colour}">{mark}</font></td>'
            f'<td align="left"><font color="{colour}" point-size="11">{text}</font></td>'
        )

    kinds = {a.get("kind") for _n, a in view.nodes(data=True)}
    roles = dict.fromkeys(r for _n, a in view.nodes(data=True) if (r := role_key(a)))
    nodes = []
    if "source" in kinds:
        nodes.append(swatch("source", "source"))
    if "activity" in kinds:
        nodes.append(swatch("activity", "processing activity"))
    if "service" in kinds:
        nodes.append(swatch("service", "the service (all its activities)"))
    for role in ROLE_LEGEND:
        if role in roles:
            fill = "internal" if role == "internal" else "external"
            nodes.append(swatch(fill, ROLE_LEGEND[role], ROLE_OUTLINE[role]))
    styles = {edge_style(a) for _u, _v, a in view.edges(data=True)}
    edges = [line(*EDGE_LEGEND[s]) for s in EDGE_LEGEND if s in styles]
    if styles - {"no-basis"} and top_sensitivity(view) > 0:
        edges.append(
            '<td></td><td align="left"><font point-size="11">thickest line: the most '
            "sensitive data here</font></td>"
        )
    rows = [nodes[i : i + 4] for i in range(0, len(nodes), 4)]
    rows += [edges[i : i + 4] for i in range(0, len(edges), 4)]
    body = "".join(f"<tr>{''.join(r)}</tr>" for r in rows)
    for signature, name in key.items():
        text = "<br/>".join(_html(w) for w in textwrap.wrap(" · ".join(signature), 120))
        body += (
            f'<tr><td colspan="8" align="left" balign="left"><font point-size="10">'
            f"<b>{name}</b>  {text}</font></td></tr>"
        )
    return (
        '<<table border="0" cellborder="0" cellspacing="4" cellpadding="2">'
        f'<tr><td colspan="8" align="left"><font point-size="16"><b>{_html(title)}</b>'
        f"</font></td></tr>{body}</table>>"
    )


_EDGE_ATTRS = {
    "plain": {"color": GREY},
    "special": {"color": PURPLE, "fontcolor": PURPLE, "style": "dashed"},
    "criminal": {"color": BROWN, "fontcolor": BROWN, "style": "bold"},
    "special-criminal": {"color": f"{PURPLE}:{BROWN}", "fontcolor": BROWN, "style": "dashed"},
    "no-basis": {"color": RED, "fontcolor": RED, "style": "bold", "penwidth": "3"},
}


def edge_attributes(style: str, top: int) -> dict[str, str]:
    """Colour, line and weight of an edge of `style` in a diagram whose most sensitive
    data is `top`: edges at the top weigh most, less sensitive ones less."""
    attrs = dict(_EDGE_ATTRS[style])
    if style != "no-basis":
        level = SENSITIVITY[style]
        attrs["penwidth"] = "2.6" if level == top and level > 0 else "1.2" if level > 0 else "1"
    return attrs


def _cell(lines: Iterable[str], colour: str | None, width: int) -> str:
    """One cell of the flows table: the lines wrapped to `width`, left-aligned, or a dash."""
    wrapped = [
        w
        for line in lines
        for w in textwrap.wrap(
            clean_text(line), width, break_long_words=False, break_on_hyphens=False
        )
    ] or ["—"]
    text = "".join(f'{html.escape(w, quote=True)}<br align="left"/>' for w in wrapped)
    attrs = f' color="{colour}"' if colour else ""
    text = f'<font point-size="10"{attrs}>{text}</font>'
    return f'<td align="left" valign="top">{text}</td>'


_FLOWS_HEADS = (
    "Flows (ids as in the ROPA's Data flows sheet)",
    "Personal data",
    "Law (see key)",
    "Only when",
)


def _same_rows(flows: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The flows grouped by what a row shows: direction, data, law and conditions, in
    order of first appearance."""
    rows_of: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for f in flows:
        same = (
            f["direction"],
            f["category_names"],
            f["special"],
            f["criminal_offence"],
            f["has_basis"],
            law_signature(f),
            f["when"],
            f["agreement"],
        )
        rows_of.setdefault(same, []).append(f)
    return list(rows_of.values())


def _flows_row(same_flows: list[dict[str, Any]], key: dict[tuple[str, ...], str]) -> str:
    """One row of the flows table: the flows' ids, their data, their law (red when there
    is no basis) and when they happen."""
    f = same_flows[0]
    colour = RED if not f["has_basis"] else None
    data = [", ".join(f["category_names"])]
    if f["special"]:
        data.append("special category: " + short_list(f["special_names"], 9))
    if f["criminal_offence"]:
        data.append("criminal offence data")
    when = [*(clean_text(w, MAX_LABEL) for w in f["when"]), *[AGREEMENT] * f["agreement"]]
    cells = (
        _cell([g["flow"] for g in same_flows], colour, 200),
        _cell(data, None, 36),
        _cell([*no_basis_line(f), *law_label(f, key)], colour, 30),
        _cell(when or ["always"], None, 40),
    )
    return "<tr>" + "".join(cells) + "</tr>"


def _flows_table(flows: Iterable[dict[str, Any]], key: dict[tuple[str, ...], str]) -> str:
    """The detail of an activity view's flows as a Graphviz HTML table: flows carrying
    the same data under the same law and conditions share a row, which lists their ids
    (as in the ROPA's "Data flows" sheet)."""
    heads = "".join(
        f'<td align="left" bgcolor="#e7e6e6"><font point-size="10"><b>{h}</b></font></td>'
        for h in _FLOWS_HEADS
    )
    rows = [f"<tr>{heads}</tr>", *(_flows_row(same, key) for same in _same_rows(flows))]
    return (
        '<<table border="0" cellborder="1" cellspacing="0" cellpadding="3" '
        f'color="#bfbfbf">{"".join(rows)}</table>>'
    )


def _law_mode(view: nx.MultiDiGraph[str]) -> bool | str:
    """How much law the edges carry: none on the overview, a compact key reference on the
    activities view, the full key elsewhere."""
    if view.graph.get("view") == "activities":
        return "compact"
    return view.graph.get("view") != "overview"


def _defaults(
    dot: graphviz.Digraph,
    view: nx.MultiDiGraph[str],
    title: str,
    key: dict[tuple[str, ...], str],
    law: bool | str,
) -> None:
    """The graph's title and legend, and the spacing and fonts of its nodes and edges
    (tighter where edges carry law, so the labels fit)."""
    dot.attr(
        "graph",
        rankdir="LR",
        fontname=FONT,
        labelloc="t",
        labeljust="l",
        label=_legend_label(title, view, key),
        tooltip=_dot_text([title]),
        nodesep="0.15" if law == "compact" else "0.4" if law else "0.25",
        ranksep="0.5" if law else "1.4",
        newrank="true",
        id="dataflow",
        **{"class": f"privacymap-dataflow view-{_css(view.graph.get('view', 'full'))}"},
    )
    dot.attr(
        "node",
        fontname=FONT,
        fontsize="11",
        shape="box",
        style="filled",
        margin="0.15,0.06" if law != "compact" else "0.1,0.03",
        height="0.5" if law != "compact" else "0.3",
    )
    dot.attr("edge", fontname=FONT, fontsize="9", arrowsize="0.7", color=GREY, fontcolor="#404040")


def _add_node(
    graph: graphviz.Digraph, view: nx.MultiDiGraph[str], ids: dict[str, str], node: str
) -> None:
    """One node: filled by kind, outlined by role, dashed red when its id is unknown."""
    attrs = view.nodes[node]
    label, tip = node_lines(attrs)
    fill = fill_of(attrs)
    style = "filled,rounded" if attrs.get("kind") == "source" else "filled"
    extra: dict[str, str] = {}
    role = role_key(attrs)
    if role:
        extra.update(ROLE_OUTLINE[role])
        style = extra.pop("style", style)
        extra["class"] = f"node-{_css(attrs.get('kind', ''))} role-{role}"
    if attrs.get("kind") == "service":
        extra.update({"penwidth": "2", "fontsize": "13"})
    if attrs.get("unresolved"):
        style += ",dashed"
        extra["color"] = RED
    graph.node(
        ids[node],
        label=_dot_text(label),
        tooltip=_dot_text(tip),
        fillcolor=FILL[fill],
        color=extra.pop("color", BORDER[fill]),
        style=style,
        id=f"node-{ids[node]}",
        **{"class": extra.pop("class", f"node-{_css(attrs.get('kind', ''))}")},
        **extra,
    )


def _add_nodes(body: graphviz.Digraph, view: nx.MultiDiGraph[str], ids: dict[str, str]) -> None:
    """The nodes in their columns: sources, activities, then recipients clustered by group
    in group order of first appearance."""
    columns, clusters = layout_of(view)
    for column, name in (("source", "sources"), ("activity", "activities")):
        if columns[column]:
            with body.subgraph(name=name) as sub:
                sub.attr(rank="same")
                for node in columns[column]:
                    _add_node(sub, view, ids, node)
    for i, (group, nodes) in enumerate(clusters.items()):
        if group is None:
            with body.subgraph(name="recipients") as sub:
                sub.attr(rank="same")
                for node in nodes:
                    _add_node(sub, view, ids, node)
            continue
        group_label = view.nodes[nodes[0]].get("group_label") or group
        with body.subgraph(name=f"cluster_{i}") as sub:
            sub.attr(
                label=_dot_text(wrap_text(group_label, 40)),
                style="filled,rounded",
                fillcolor=CLUSTER_FILL,
                color="#bfbfbf",
                fontsize="12",
                tooltip=_dot_text([f"Recipient group: {clean_text(group_label)}"]),
                id=f"group-{i}",
            )
            for node in nodes:
                _add_node(sub, view, ids, node)


def _add_edges(
    dot: graphviz.Digraph,
    view: nx.MultiDiGraph[str],
    ids: dict[str, str],
    law: bool | str,
    key: dict[tuple[str, ...], str],
) -> None:
    """The flows as edges, styled by the data they carry and labelled with their law."""
    detail = bool(view.graph.get("detail"))
    top = top_sensitivity(view)
    for i, (u, v, attrs) in enumerate(view.edges(data=True)):
        label, tip = edge_lines(attrs, detail, law, key)
        style = edge_style(attrs)
        dot.edge(
            ids[u],
            ids[v],
            label=_dot_text(label),
            tooltip=_dot_text(tip),
            labeltooltip=_dot_text(tip),
            id=f"flow-{i}",
            **{"class": f"flow flow-{style}"},
            **edge_attributes(style, top),
        )


def to_dot(view: nx.MultiDiGraph[str]) -> str:
    """The view as DOT source (built with the `graphviz` package)."""
    title = view.graph.get("title") or view.graph.get("service") or "Data flows"
    law = _law_mode(view)
    flows = view.graph.get("flows") or ()
    key = law_key([*(a for _u, _v, a in view.edges(data=True)), *flows]) if law else {}
    dot = graphviz.Digraph(name="dataflow", strict=False)
    _defaults(dot, view, title, key, law)
    ids = {node: f"n{i}" for i, node in enumerate(view.nodes)}
    if flows:
        # The detail table under the diagram: the label of a frameless cluster round it.
        with dot.subgraph(name="cluster_detail") as body:
            body.attr(
                label=_flows_table(flows, key),
                labelloc="b",
                labeljust="l",
                pencolor="none",
                id="flows-table",
                tooltip=_dot_text(["Every data flow of this activity"]),
            )
            _add_nodes(body, view, ids)
    else:
        _add_nodes(dot, view, ids)
    _add_edges(dot, view, ids, law, key)
    return str(dot.source)


def _css(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", str(text).lower()).strip("-") or "x"
