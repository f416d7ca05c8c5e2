"""Drawing a view: DOT (via the `graphviz` package), SVG (Graphviz's `dot`),
Mermaid, GraphML and node-link JSON.

Every output is deterministic: nodes and edges are written in graph order
(the data map's order), subgraph and element ids are derived from that order
or from the node keys, and nothing random or time-dependent is written.

Every piece of text from the data map is escaped for its target, so names
holding quotes, braces, angle brackets, backslashes, newlines, ``|``, ``#``,
``;`` or ``-->`` cannot break the DOT or Mermaid syntax, and Graphviz writes
them into the SVG as text (never markup).

The picture: sources on the left, activities (or the service) in the middle,
recipients on the right, clustered by recipient group; a legend under the
title. Flows without a lawful basis are bold red and labelled "no lawful
basis"; special-category flows are purple and dashed; criminal-offence flows
are brown and bold.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import textwrap
from collections.abc import Iterable
from typing import Any

import graphviz
import networkx as nx

FORMATS = ("dot", "svg", "mmd", "graphml", "json")

FONT = "Helvetica,Arial,sans-serif"
RED = "#c00000"
PURPLE = "#7030a0"
BROWN = "#a04000"
GREY = "#595959"
FILL = {
    "source": "#ddebf7",
    "activity": "#fff2cc",
    "service": "#fff2cc",
    "internal": "#e2efda",
    "external": "#ededed",
}
BORDER = {
    "source": "#2f5597",
    "activity": "#bf8f00",
    "service": "#bf8f00",
    "internal": "#548235",
    "external": "#595959",
}
CLUSTER_FILL = "#f7f7f7"
WRAP = 26


# --------------------------------------------------------------------------- Graphviz


def dot_available() -> bool:
    """True when Graphviz's `dot` is on PATH, so SVG can be rendered.

    When it is missing, `privacymap build` still writes the DOT files; the
    CLI should say once: "Graphviz is not installed, so dataflow.svg was not
    written: install it (Debian/Ubuntu: apt-get install graphviz; macOS: brew
    install graphviz) or render dataflow.dot elsewhere with `dot -Tsvg`."
    """
    return shutil.which("dot") is not None


MISSING_DOT_NOTE = (
    "note: Graphviz is not installed, so no SVG diagrams were written (the DOT files were). "
    "Install it (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) "
    "and build again, or run `dot -Tsvg dataflow.dot -o dataflow.svg`."
)
"""The one note to show when `dot_available()` is False after a build."""


class GraphvizError(RuntimeError):
    """`dot` is missing or failed."""


def to_svg(dot_source: str, timeout: float = 120) -> str:
    """Render DOT to SVG with Graphviz's `dot` (a local subprocess; no network)."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizError("Graphviz's `dot` is not installed: " + MISSING_DOT_NOTE)
    try:
        proc = subprocess.run(
            [exe, "-Tsvg"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GraphvizError(
            f"Graphviz took longer than {timeout:.0f} s to lay out the diagram; build with "
            "--no-per-activity-diagrams, or draw views with `privacymap graph --view`"
        ) from None
    except OSError as error:
        raise GraphvizError(f"Graphviz's `dot` could not be run: {error}") from None
    if proc.returncode != 0:
        raise GraphvizError(
            f"dot failed (exit {proc.returncode}): {proc.stderr.decode('utf-8', 'replace')}"
        )
    return proc.stdout.decode("utf-8")


_PROLOG = re.compile(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*|<!--.*?-->\s*", re.DOTALL)


def inline_svg(svg: str) -> str:
    """The ``<svg>`` element alone (no XML prolog, doctype or comments), for HTML."""
    return _PROLOG.sub("", svg).strip() + "\n"


# --------------------------------------------------------------------------- text


MAX_LABEL = 240
"""Longest text in a node or edge label: Graphviz refuses HTML labels over 16 KB."""
MAX_TEXT = 2000
"""Longest line of any other text (tooltips)."""


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters XML (and so Graphviz's HTML labels and SVG) does not allow, and other controls."""


def _clean(text: Any, most: int = MAX_TEXT) -> str:
    """One line of plain text: control characters and newlines become spaces; long text is cut."""
    line = " ".join(_CONTROL.sub(" ", str(text)).split())
    return line if len(line) <= most else line[: most - 1] + "…"


def _wrap(text: Any, width: int = WRAP) -> list[str]:
    return textwrap.wrap(_clean(text, MAX_LABEL), width, break_on_hyphens=False) or [""]


def _names(items: Iterable[str], most: int = 4) -> str:
    items = list(items)
    shown = ", ".join(_clean(i) for i in items[:most])
    return shown + (f" +{len(items) - most} more" if len(items) > most else "")


def _articles(bases: Iterable[dict[str, Any]]) -> str:
    arts = list(dict.fromkeys(b["article"] or b["basis"] for b in bases))
    return "Art " + ", ".join(arts) if arts else ""


def node_lines(attrs: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(label lines, tooltip lines) of a node."""
    kind = attrs.get("kind")
    label = _wrap(attrs.get("label", ""))
    tip = [_clean(attrs.get("label", ""))]
    if attrs.get("unresolved"):
        label.append("(not defined in the map)")
    if kind == "service":
        n = attrs.get("activities", 0)
        label.append(f"{n} processing activit{'y' if n == 1 else 'ies'}")
        tip.append(label[-1])
    elif kind == "group":
        members = attrs.get("members", ())
        label.append(f"{len(members)} recipient{'' if len(members) == 1 else 's'}")
        tip.append("Recipients: " + "; ".join(_clean(m) for m in members))
    elif kind == "source":
        if attrs.get("members"):
            tip.append("Sources: " + "; ".join(_clean(m) for m in attrs["members"]))
        tip.append(f"Source ({_clean(attrs.get('group_label') or 'third party')})")
    elif kind == "activity":
        tip.append("Processing activity")
    elif kind == "recipient":
        where = "inside the organisation" if attrs.get("internal") else "outside the organisation"
        tip.append(f"Recipient {where}")
        if attrs.get("group_label"):
            tip.append(f"Group: {_clean(attrs['group_label'])}")
        if attrs.get("country") and attrs["country"] != "GB":
            label.append(f"({attrs['country']})")
            tip.append(f"Country: {attrs['country']}")
    if attrs.get("location"):
        tip.append(f"Defined at {attrs['location']}")
    return label, tip


def edge_lines(attrs: dict[str, Any], detail: bool = False) -> tuple[list[str], list[str]]:
    """(label lines, tooltip lines) of a flow edge or an aggregated overview edge."""
    if "count" in attrs:
        return _aggregate_lines(attrs)
    label: list[str] = []
    if not attrs["has_basis"]:
        label.append("no lawful basis")
    elif arts := _articles(attrs["bases"]):
        label.append(arts)
    if attrs["special"]:
        label.append("special category: " + _names(attrs["special"], 2))
    if attrs["criminal_offence"]:
        label.append("criminal offence")
    if detail and attrs["category_names"]:
        label.extend(_wrap(_names(attrs["category_names"]), 34))
    if detail and attrs["when"]:
        when = _wrap("only when: " + "; ".join(_clean(w) for w in attrs["when"]), 34)
        label.extend(when[:3])
        if len(when) > 3:
            label[-1] += " …"
    tip = [
        f"Flow {attrs['flow']}",
        "Collection into the activity"
        if attrs["direction"] == "collection"
        else "Disclosure from the activity",
        "Categories: " + (_names(attrs["category_names"], 50) or "none"),
    ]
    if attrs["special"]:
        tip.append("Special category (Art 9): " + _names(attrs["special_names"], 20))
    if attrs["criminal_offence"]:
        tip.append("Criminal offence data (Art 10)")
    if attrs["has_basis"]:
        for b in attrs["bases"]:
            laws = "; ".join(_clean(c["display"]) for c in b["law"])
            tip.append(
                f"Lawful basis: Art {b['article']} {b['name']}" + (f" ({laws})" if laws else "")
            )
    else:
        tip.append("NO LAWFUL BASIS (PM201)")
    for c in attrs["art9"]:
        tip.append(f"Art 9 condition: Art {c['article']} {c['name']}")
    for p in attrs["schedule1"]:
        tip.append(
            f"Schedule 1: {_clean(p['reference'])}"
            + (f" {_clean(p['heading'])}" if p.get("heading") else "")
        )
    for c in attrs["art10"]:
        tip.append(f"Art 10: {c['route']}")
    tip.extend(f"When: {_clean(w)}" for w in attrs["when"])
    if attrs.get("location"):
        tip.append(f"Defined at {attrs['location']}")
    return label, tip


def _aggregate_lines(attrs: dict[str, Any]) -> tuple[list[str], list[str]]:
    n = attrs["count"]
    label = [f"{n} flow{'' if n == 1 else 's'}"]
    if attrs["without_basis"]:
        label.insert(0, f"{len(attrs['without_basis'])} with no lawful basis")
    if attrs["special_count"]:
        label.append(f"{attrs['special_count']} special category")
    if attrs["criminal_count"]:
        label.append(f"{attrs['criminal_count']} criminal offence")
    tip = [
        f"{n} flow{'' if n == 1 else 's'}: " + _names(attrs["flows"], 12),
        "Categories: " + _names(attrs["category_names"], 30),
    ]
    if attrs["special_names"]:
        tip.append("Special category (Art 9): " + _names(attrs["special_names"], 20))
    if attrs["articles"]:
        tip.append("Lawful bases: Art " + ", ".join(attrs["articles"]))
    if attrs["without_basis"]:
        tip.append("NO LAWFUL BASIS: " + _names(attrs["without_basis"], 12))
    return label, tip


def edge_style(attrs: dict[str, Any]) -> str:
    """``no-basis``, ``special-criminal``, ``special``, ``criminal`` or ``plain``."""
    if not attrs["has_basis"]:
        return "no-basis"
    special = bool(attrs["special"])
    criminal = bool(attrs["criminal_offence"])
    if special and criminal:
        return "special-criminal"
    return "special" if special else "criminal" if criminal else "plain"


def _column(attrs: dict[str, Any]) -> str:
    kind = attrs.get("kind")
    if kind in ("source",):
        return "source"
    if kind in ("activity", "service"):
        return "activity"
    return "recipient"


def _layout(view: nx.MultiDiGraph[str]) -> tuple[dict[str, list[str]], dict[str | None, list[str]]]:
    """The nodes of each column (source, activity, recipient) in graph order, and the
    recipient column's clusters: recipient group id (None for ungrouped recipients
    and overview group nodes) -> nodes, in order of first appearance. Both DOT and
    Mermaid draw this one layout."""
    columns: dict[str, list[str]] = {"source": [], "activity": [], "recipient": []}
    for node, attrs in view.nodes(data=True):
        columns[_column(attrs)].append(node)
    clusters: dict[str | None, list[str]] = {}
    for node in columns["recipient"]:
        attrs = view.nodes[node]
        key = attrs.get("group") if attrs.get("kind") == "recipient" else None
        clusters.setdefault(key, []).append(node)
    return columns, clusters


def _fill(attrs: dict[str, Any]) -> str:
    kind = attrs.get("kind")
    if kind in ("recipient", "group"):
        return "internal" if attrs.get("internal") else "external"
    return kind or "external"


# --------------------------------------------------------------------------- DOT


def _dot_text(lines: Iterable[str]) -> str:
    """An escString for a quoted DOT attribute: literal text, lines joined with ``\\n``."""
    escaped = [
        _clean(line).replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
        for line in lines
    ]
    return str(graphviz.nohtml("\\n".join(escaped)))


def _html(text: str) -> str:
    return html.escape(_clean(text, MAX_LABEL), quote=True)


def _legend_label(title: str) -> str:
    def swatch(kind: str, text: str) -> str:
        return (
            f'<td bgcolor="{FILL[kind]}" border="1" color="{BORDER[kind]}">'
            f'&nbsp;&nbsp;&nbsp;&nbsp;</td><td align="left">{text}</td>'
        )

    def line(colour: str, glyph: str, text: str, bold: bool = False) -> str:
        mark = f"<b>{glyph}</b>" if bold else glyph
        return (
            f'<td><font color="{colour}">{mark}</font></td>'
            f'<td align="left"><font color="{colour}">{text}</font></td>'
        )

    rows = [
        swatch("source", "source")
        + swatch("activity", "processing activity")
        + swatch("internal", "recipient inside the organisation")
        + swatch("external", "recipient outside it"),
        line(GREY, "——", "flow with a lawful basis")
        + line(PURPLE, "– – –", "special category data (Art 9)")
        + line(BROWN, "━━", "criminal offence data (Art 10)", True)
        + line(RED, "━━", "no lawful basis", True),
    ]
    body = "".join(f"<tr>{r}</tr>" for r in rows)
    return (
        '<<table border="0" cellborder="0" cellspacing="4" cellpadding="2">'
        f'<tr><td colspan="8"><font point-size="16"><b>{_html(title)}</b></font></td></tr>'
        f"{body}</table>>"
    )


_EDGE_ATTRS = {
    "plain": {"color": GREY},
    "special": {"color": PURPLE, "fontcolor": PURPLE, "style": "dashed", "penwidth": "1.6"},
    "criminal": {"color": BROWN, "fontcolor": BROWN, "style": "bold", "penwidth": "2"},
    "special-criminal": {
        "color": f"{PURPLE}:{BROWN}",
        "fontcolor": PURPLE,
        "style": "dashed",
        "penwidth": "1.6",
    },
    "no-basis": {"color": RED, "fontcolor": RED, "style": "bold", "penwidth": "3"},
}


def to_dot(view: nx.MultiDiGraph[str]) -> str:
    """The view as DOT source (built with the `graphviz` package)."""
    title = view.graph.get("title") or view.graph.get("service") or "Data flows"
    detail = bool(view.graph.get("detail"))
    dot = graphviz.Digraph(name="dataflow", strict=False)
    dot.attr(
        "graph",
        rankdir="LR",
        fontname=FONT,
        labelloc="t",
        labeljust="l",
        label=_legend_label(title),
        tooltip=_dot_text([title]),
        nodesep="0.25",
        ranksep="1.4",
        newrank="true",
        id="dataflow",
        **{"class": f"privacymap-dataflow view-{_css(view.graph.get('view', 'full'))}"},
    )
    dot.attr("node", fontname=FONT, fontsize="11", shape="box", style="filled", margin="0.15,0.06")
    dot.attr("edge", fontname=FONT, fontsize="9", arrowsize="0.7", color=GREY, fontcolor="#404040")

    ids = {node: f"n{i}" for i, node in enumerate(view.nodes)}
    columns, clusters = _layout(view)

    def add_node(graph: graphviz.Digraph, node: str) -> None:
        attrs = view.nodes[node]
        label, tip = node_lines(attrs)
        fill = _fill(attrs)
        style = "filled,rounded" if attrs.get("kind") == "source" else "filled"
        extra: dict[str, str] = {}
        if attrs.get("kind") == "service":
            extra = {"penwidth": "2", "fontsize": "13"}
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
            **{"class": f"node-{_css(attrs.get('kind', ''))}"},
            **extra,
        )

    for column, name in (("source", "sources"), ("activity", "activities")):
        if columns[column]:
            with dot.subgraph(name=name) as sub:
                sub.attr(rank="same")
                for node in columns[column]:
                    add_node(sub, node)

    # Recipients, clustered by group in group order of first appearance.
    for i, (group, nodes) in enumerate(clusters.items()):
        if group is None:
            with dot.subgraph(name="recipients") as sub:
                sub.attr(rank="same")
                for node in nodes:
                    add_node(sub, node)
            continue
        group_label = view.nodes[nodes[0]].get("group_label") or group
        with dot.subgraph(name=f"cluster_{i}") as sub:
            sub.attr(
                label=_dot_text(_wrap(group_label, 40)),
                style="filled,rounded",
                fillcolor=CLUSTER_FILL,
                color="#bfbfbf",
                fontsize="12",
                tooltip=_dot_text([f"Recipient group: {_clean(group_label)}"]),
                id=f"group-{i}",
            )
            for node in nodes:
                add_node(sub, node)

    for i, (u, v, attrs) in enumerate(view.edges(data=True)):
        label, tip = edge_lines(attrs, detail)
        style = edge_style(attrs)
        dot.edge(
            ids[u],
            ids[v],
            label=_dot_text(label),
            tooltip=_dot_text(tip),
            labeltooltip=_dot_text(tip),
            id=f"flow-{i}",
            **{"class": f"flow flow-{style}"},
            **_EDGE_ATTRS[style],
        )
    return str(dot.source)


def _css(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", str(text).lower()).strip("-") or "x"


# --------------------------------------------------------------------------- Mermaid

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
        "".join(_MERMAID_ESCAPES.get(ch, ch) for ch in _clean(line)) for line in lines
    )


_MERMAID_LINK = {
    "plain": f"stroke:{GREY},stroke-width:1px",
    "special": f"stroke:{PURPLE},stroke-width:2px,stroke-dasharray:6 4,color:{PURPLE}",
    "criminal": f"stroke:{BROWN},stroke-width:3px,color:{BROWN}",
    "special-criminal": f"stroke:{PURPLE},stroke-width:3px,stroke-dasharray:6 4,color:{BROWN}",
    "no-basis": f"stroke:{RED},stroke-width:4px,color:{RED}",
}


def to_mermaid(view: nx.MultiDiGraph[str]) -> str:
    """The view as a Mermaid flowchart (for GitHub, GitLab and other Markdown hosts)."""
    detail = bool(view.graph.get("detail"))
    title = view.graph.get("title") or "Data flows"
    ids = {node: f"n{i}" for i, node in enumerate(view.nodes)}
    out = [f"%% {_clean(title).replace('%', ' ')}", "flowchart LR"]
    for kind, fill in FILL.items():
        out.append(f"  classDef {kind} fill:{fill},stroke:{BORDER[kind]},color:#000")
    out.append(f"  classDef unresolved fill:#fff,stroke:{RED},stroke-dasharray:4 3")

    def node_line(node: str) -> str:
        attrs = view.nodes[node]
        label, _tip = node_lines(attrs)
        cls = "unresolved" if attrs.get("unresolved") else _fill(attrs)
        open_, close = ("([", "])") if attrs.get("kind") == "source" else ("[", "]")
        return f'{ids[node]}{open_}"{mermaid_text(label)}"{close}:::{cls}'

    columns, clusters = _layout(view)
    for column, heading in (("source", "Sources"), ("activity", "Processing")):
        if columns[column]:
            out.append(f'  subgraph col_{column}["{heading}"]')
            out += [f"    {node_line(n)}" for n in columns[column]]
            out.append("  end")
    for i, (group, nodes) in enumerate(clusters.items()):
        heading = (
            "Recipients" if group is None else view.nodes[nodes[0]].get("group_label") or group
        )
        out.append(f'  subgraph grp_{i}["{mermaid_text([heading])}"]')
        out += [f"    {node_line(n)}" for n in nodes]
        out.append("  end")

    styles: list[str] = []
    for i, (u, v, attrs) in enumerate(view.edges(data=True)):
        label, _tip = edge_lines(attrs, detail)
        arrow = "==>" if edge_style(attrs) in ("no-basis", "criminal") else "-->"
        if label:
            out.append(f'  {ids[u]} {arrow}|"{mermaid_text(label)}"| {ids[v]}')
        else:
            out.append(f"  {ids[u]} {arrow} {ids[v]}")
        styles.append(f"  linkStyle {i} {_MERMAID_LINK[edge_style(attrs)]}")
    out += styles

    out.append('  subgraph legend["Legend"]')
    out.append('    lg1(["source"]):::source')
    out.append('    lg2["processing activity"]:::activity')
    out.append('    lg3["recipient inside the organisation"]:::internal')
    out.append('    lg4["recipient outside it"]:::external')
    out.append(
        '    lg5["red bold line: no lawful basis<br/>purple dashed: special category'
        '<br/>brown bold: criminal offence"]'
    )
    out.append("  end")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- GraphML / JSON


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


def render(view: nx.MultiDiGraph[str], fmt: str) -> bytes:
    """The view in `fmt` (dot, svg, mmd, graphml or json) as UTF-8 bytes."""
    if fmt == "dot":
        text = to_dot(view)
    elif fmt == "svg":
        text = to_svg(to_dot(view))
    elif fmt in ("mmd", "mermaid"):
        text = to_mermaid(view)
    elif fmt == "graphml":
        text = to_graphml(view)
    elif fmt == "json":
        text = to_json(view)
    else:
        raise ValueError(f"unknown graph format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return text.encode("utf-8")
