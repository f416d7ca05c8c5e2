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
recipients on the right, clustered by recipient group; under the title a legend
of only what the diagram contains, and a law key naming each combination of
Art 6 basis, Art 9 condition, Schedule 1 paragraph and Art 10 route once (edges
refer to it: ``L1: Art 6(1)(e); Art 9(2)(g); Sch 1 para 18``). Edges carry the
flow id (or their count of flows). Flows without a lawful basis are bold red
and labelled "no lawful basis"; special-category flows are purple and dashed;
criminal-offence flows are brown; the most sensitive kind in the diagram is
drawn heaviest (`top_sensitivity`). Recipients' roles are outlined apart
(`role_key`). An activity view has a table of its flows under the diagram.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import graphviz
import networkx as nx

FORMATS = ("dot", "svg", "png", "pdf", "mmd", "graphml", "json")

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
EDGE_WRAP = 64
"""Width of an edge label's lines, in characters."""


# --------------------------------------------------------------------------- Graphviz


def dot_available() -> bool:
    """True when Graphviz's `dot` is on PATH, so SVG can be rendered.

    When it is missing, `privacymap build` stops with `MISSING_DOT_ERROR`
    unless diagrams were turned off (``--no-diagrams``): a notice must not
    lose its diagram silently.
    """
    return shutil.which("dot") is not None


MISSING_DOT_NOTE = (
    "note: Graphviz is not installed, so no SVG diagrams were written (the DOT files were). "
    "Install it (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) "
    "and build again, or run `dot -Tsvg dataflow.dot -o dataflow.svg`."
)
"""What `dot` missing means for `to_svg` and `privacymap graph`."""
MISSING_DOT_ERROR = (
    "Graphviz is not installed, so the data-flow diagrams cannot be drawn. Install it "
    "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) and build again, "
    "or build with --no-diagrams (the notice then describes the flows in text only)"
)
"""Why a build that wants diagrams stops when `dot_available()` is False."""
DIAGRAMS_OPTION = "diagrams"
"""The emit option (`EmitContext.options`) that turns the SVG diagrams off when False."""


def diagrams_wanted(options: dict[str, object]) -> bool:
    """Whether a build draws SVG diagrams (the default) or was asked not to (--no-diagrams)."""
    return options.get(DIAGRAMS_OPTION) is not False


class GraphvizError(RuntimeError):
    """`dot` is missing or failed."""


PRINT_DPI = 300
"""Resolution of PNG diagrams: print quality, for pasting into a DPIA or an agreement."""

_PDF_DATE = re.compile(rb"/CreationDate \(D:\d{14}Z\)")
_FIXED_PDF_DATE = b"/CreationDate (D:19700101000000Z)"
"""Graphviz's cairo writes the time of rendering into a PDF; a build must be
byte-identical when repeated, so it is replaced by the Unix epoch (the
reproducible-builds convention), keeping the length so the PDF's offsets hold."""


IMAGE_FORMATS = ("svg", "png", "pdf")
"""What Graphviz draws for a build: SVG for the web, PNG and PDF for documents."""


def run_dot(dot_source: str, fmt: str = "svg", timeout: float = 120) -> bytes:
    """Render DOT with Graphviz's `dot` (a local subprocess; no network) to `fmt`:
    svg, png (at `PRINT_DPI`), pdf, json or plain."""
    return run_dot_many(dot_source, (fmt,), timeout)[fmt]


def run_dot_many(dot_source: str, fmts: Iterable[str], timeout: float = 120) -> dict[str, bytes]:
    """Render DOT in every format of `fmts`: one `dot` run lays the graph out for all
    of them, except PNG, drawn in a run of its own at `PRINT_DPI` (the resolution
    would otherwise change the size written into the SVG)."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizError("Graphviz's `dot` is not installed: " + MISSING_DOT_NOTE)
    wanted = tuple(dict.fromkeys(fmts))
    vector = [f for f in wanted if f != "png"]
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="privacymap-dot-") as tmp:
        for run, extra in (
            (vector, []),
            (["png"] if "png" in wanted else [], [f"-Gdpi={PRINT_DPI}"]),
        ):
            if not run:
                continue
            paths = {fmt: Path(tmp) / f"out.{fmt}" for fmt in run}
            args = [exe, *extra]
            for fmt, path in paths.items():
                args += [f"-T{fmt}", f"-o{path}"]
            try:
                proc = subprocess.run(
                    args,
                    input=dot_source.encode("utf-8"),
                    capture_output=True,
                    timeout=timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise GraphvizError(
                    f"Graphviz took longer than {timeout:.0f} s to lay out the diagram; build "
                    "with --no-per-activity-diagrams, or draw views with `privacymap graph "
                    "--view`"
                ) from None
            except OSError as error:
                raise GraphvizError(f"Graphviz's `dot` could not be run: {error}") from None
            if proc.returncode != 0:
                raise GraphvizError(
                    f"dot failed (exit {proc.returncode}): {proc.stderr.decode('utf-8', 'replace')}"
                )
            out.update((fmt, path.read_bytes()) for fmt, path in paths.items())
    if "pdf" in out:
        out["pdf"] = _PDF_DATE.sub(_FIXED_PDF_DATE, out["pdf"])
    return {fmt: out[fmt] for fmt in wanted}


def to_svg(dot_source: str, timeout: float = 120) -> str:
    """Render DOT to SVG with Graphviz's `dot`."""
    return run_dot(dot_source, "svg", timeout).decode("utf-8")


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


ROLE_NAMES = {
    "processor": "processor",
    "sub-processor": "sub-processor",
    "joint-controller": "joint controller",
    "controller": "controller",
}
"""Recipient roles (`Recipient.role`) named in a node's label."""


def law_lines(attrs: dict[str, Any]) -> list[str]:
    """The conditions a flow (or an aggregated edge) relies on for special category and
    criminal offence data, in readable names: the Art 9(2) condition, the DPA 2018
    Schedule 1 paragraph and the Art 10 route; a missing one is said, not left out."""
    lines: list[str] = []
    if attrs["special"]:
        for c in attrs["art9"]:
            lines.append(
                f"Art {c['article']} {c['name'].lower()}" if c["article"] else _clean(c["name"])
            )
        if not attrs["art9"]:
            lines.append("Art 9 condition: none recorded")
        for p in attrs["schedule1"]:
            lines.append(_schedule1_text(p))
    if attrs["criminal_offence"]:
        for c in attrs["art10"]:
            if c["route"] == "official-authority":
                lines.append("Art 10: official authority")
            for p in c["schedule1"]:
                lines.append("Art 10: " + _schedule1_text(p))
            if c["route"] != "official-authority" and not c["schedule1"]:
                lines.append("Art 10: Sch 1 condition not recorded")
        if not attrs["art10"]:
            lines.append("Art 10 condition: none recorded")
    return lines


def _schedule1_text(paragraph: dict[str, Any]) -> str:
    if paragraph.get("heading"):
        return f"Sch 1 para {paragraph['paragraph']} {paragraph['heading'].lower()}"
    return _clean(paragraph["reference"])


def law_refs(attrs: dict[str, Any]) -> str:
    """The law of a flow or aggregated edge in short: ``Art 6(1)(e); Art 9(2)(g); Sch 1
    para 18`` (the law key of the diagram gives the names)."""
    parts = []
    arts = list(dict.fromkeys(b["article"] or _clean(b["name"]) for b in attrs["bases"]))
    if arts:
        parts.append("Art " + ", ".join(arts))
    if attrs["special"]:
        conds = list(dict.fromkeys(c["article"] or _clean(c["name"]) for c in attrs["art9"]))
        parts.append("Art " + ", ".join(conds) if conds else "no Art 9 condition")
        paras = [str(p["paragraph"]) for p in attrs["schedule1"] if p.get("heading")]
        if paras:
            parts.append("Sch 1 para " + ", ".join(dict.fromkeys(paras)))
    if attrs["criminal_offence"]:
        routes = []
        for c in attrs["art10"]:
            if c["route"] == "official-authority":
                routes.append("official authority")
            routes += [f"Sch 1 para {p['paragraph']}" for p in c["schedule1"] if p.get("heading")]
        parts.append(
            "Art 10 " + ", ".join(dict.fromkeys(routes)) if routes else "no Art 10 condition"
        )
    return "; ".join(parts)


def law_signature(attrs: dict[str, Any]) -> tuple[str, ...]:
    """The law of a flow or aggregated edge in readable names, one line per item: the
    entry of the diagram's law key (empty when the edge has no basis and no condition)."""
    lines = [
        f"Art {b['article']} {b['name'].lower()}" if b["article"] else _clean(b["name"])
        for b in attrs["bases"]
    ]
    return tuple(dict.fromkeys([*lines, *law_lines(attrs)]))


def law_key(items: Iterable[dict[str, Any]]) -> dict[tuple[str, ...], str]:
    """Signature -> key (``L1``, ``L2``...) in order of first appearance: each distinct
    combination of bases and conditions is named once, in the legend, and edges and
    table rows refer to it, so a label repeated on many edges is written once."""
    key: dict[tuple[str, ...], str] = {}
    for attrs in items:
        signature = law_signature(attrs)
        if signature and signature not in key:
            key[signature] = f"L{len(key) + 1}"
    return key


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
        roles = [r for r in attrs.get("roles", ()) if r in ROLE_NAMES]
        if roles:
            counts = {ROLE_NAMES[r]: roles.count(r) for r in dict.fromkeys(roles)}
            label.append(
                ", ".join(f"{n} {name}{'' if n == 1 else 's'}" for name, n in counts.items())
            )
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
        role = ROLE_NAMES.get(attrs.get("role") or "")
        if role and not attrs.get("internal"):
            label.append(f"({role})")
            tip.append(f"Role: {role}")
        elif not attrs.get("internal"):
            tip.append("Role: not recorded in the map")
        if attrs.get("group_label"):
            tip.append(f"Group: {_clean(attrs['group_label'])}")
        if attrs.get("country") and attrs["country"] != "GB":
            label.append(f"({attrs['country']})")
            tip.append(f"Country: {attrs['country']}")
    if attrs.get("location"):
        tip.append(f"Defined at {attrs['location']}")
    return label, tip


def edge_lines(
    attrs: dict[str, Any],
    detail: bool = False,
    law: bool | str = True,
    key: dict[tuple[str, ...], str] | None = None,
) -> tuple[list[str], list[str]]:
    """(label lines, tooltip lines) of a flow edge or an aggregated edge.

    `law`: label the edge with its law (the overview leaves it out; ``"compact"``:
    in two short lines, for the view of every activity); `key`: the
    diagram's law key (`law_key`), whose entry the label names next to the short
    references."""
    if "count" in attrs:
        return _aggregate_lines(attrs, law, key or {})
    label = [*_no_basis_line(attrs), _clean(attrs["flow"], MAX_LABEL)]
    label.extend(_wrap(_kind_line(attrs, 1), EDGE_WRAP))
    label.extend(_law_label(attrs, key or {}))
    if detail and attrs["category_names"]:
        label.extend(_wrap(_names(attrs["category_names"]), 34))
    if attrs.get("agreement"):
        label.append("with agreement (safeguard)")  # not the basis: see AGREEMENT
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
    if attrs.get("agreement"):
        tip.append("Agreement is sought first, as a safeguard (not the lawful basis)")
    if attrs["special"]:
        tip.append("Special category (Art 9): " + _names(attrs["special_names"], 20))
    if attrs["criminal_offence"]:
        tip.append("Criminal offence data (Art 10)")
    tip.extend(_basis_tips(attrs))
    tip.extend(f"When: {_clean(w)}" for w in attrs["when"])
    if attrs.get("location"):
        tip.append(f"Defined at {attrs['location']}")
    return label, tip


def _kind_line(attrs: dict[str, Any], count: int, names: bool = True) -> str:
    """The most sensitive kind of data on the edge, with how many of its flows carry it
    (and, with `names`, which special categories)."""

    def of(n: int) -> str:
        return "" if count == 1 else f" ({n} of {count})"

    if attrs["criminal_offence"]:
        n = attrs.get("criminal_count", 1)
        return f"criminal offence data{of(n)}"
    if attrs["special"]:
        kind = f"special category{of(attrs.get('special_count', 1))}"
        if not names:
            return kind
        return f"{kind}: " + _names((s.replace("-", " ") for s in attrs["special"]), 3)
    if not attrs.get("categories_stated", True):
        return "data not stated"  # a not-stated flow may carry anything: claim nothing
    return "ordinary personal data" if names else "ordinary data"


def _no_basis_line(attrs: dict[str, Any]) -> list[str]:
    """ "no lawful basis" (with how many of the edge's flows lack one), or nothing."""
    count = attrs.get("count", 1)
    without = attrs.get("without_basis", () if attrs["has_basis"] else (attrs.get("flow"),))
    if not without:
        return []
    return ["no lawful basis" if count == 1 else f"no lawful basis ({len(without)} of {count})"]


def _law_label(attrs: dict[str, Any], key: dict[tuple[str, ...], str]) -> list[str]:
    """The short references of the edge's law, after its entry in the law key."""
    refs = law_refs(attrs)
    entry = key.get(law_signature(attrs))
    return _wrap(f"{entry}: {refs}" if entry else refs, EDGE_WRAP) if refs else []


def _basis_tips(attrs: dict[str, Any]) -> list[str]:
    tip = []
    for b in attrs["bases"]:
        laws = "; ".join(_clean(c["display"]) for c in b["law"])
        tip.append(f"Lawful basis: Art {b['article']} {b['name']}" + (f" ({laws})" if laws else ""))
    if not attrs["has_basis"]:
        tip.append("NO LAWFUL BASIS (PM201)")
    for c in attrs["art9"]:
        tip.append(f"Art 9 condition: Art {c['article']} {c['name']}")
    for p in attrs["schedule1"]:
        tip.append(
            f"Schedule 1: {_clean(p['reference'])}"
            + (f" {_clean(p['heading'])}" if p.get("heading") else "")
        )
    for c in attrs["art10"]:
        tip.append(
            f"Art 10: {c['route'].replace('-', ' ')}"
            + "".join(f"; {_clean(p['reference'])}" for p in c["schedule1"])
        )
    return tip


AGREEMENT = "with agreement first (a safeguard, not the lawful basis)"
"""How a flow whose `agreement:` is recorded is described in the diagrams."""


def _aggregate_lines(
    attrs: dict[str, Any], law: bool | str, key: dict[tuple[str, ...], str]
) -> tuple[list[str], list[str]]:
    n = attrs["count"]
    one = n == 1
    if law == "compact":
        # Short: the flow's id (or the count), the most sensitive kind, the law key entry.
        entry = key.get(law_signature(attrs))
        parts = [*_no_basis_line(attrs), _kind_line(attrs, n, names=False)]
        label = [
            _clean(attrs["flows"][0], MAX_LABEL) if one else f"{n} flows",
            *_wrap(", ".join(parts) + (f" ({entry})" if entry else ""), 60),
        ]
    elif law:
        label = [
            *_no_basis_line(attrs),
            _clean(attrs["flows"][0], MAX_LABEL) if one else f"{n} flows",
        ]
        label.extend(_wrap(_kind_line(attrs, n), EDGE_WRAP))
        label.extend(_law_label(attrs, key))
    else:
        label = [f"{n} flow{'' if one else 's'}"]
        if attrs["without_basis"]:
            label.insert(0, f"{len(attrs['without_basis'])} with no lawful basis")
        if attrs["special_count"]:
            label.append(f"{attrs['special_count']} special category")
        if attrs["criminal_count"]:
            label.append(f"{attrs['criminal_count']} criminal offence")
    tip = [
        f"{n} flow{'' if one else 's'}: " + _names(attrs["flows"], 40),
        "Categories: " + _names(attrs["category_names"], 30),
    ]
    if attrs["special_names"]:
        tip.append("Special category (Art 9): " + _names(attrs["special_names"], 20))
    if attrs["criminal_count"]:
        tip.append("Criminal offence data (Art 10)")
    tip.extend(_basis_tips(attrs))
    if attrs["without_basis"]:
        tip.append("NO LAWFUL BASIS: " + _names(attrs["without_basis"], 40))
    if attrs.get("agreement"):
        tip.append(f"{AGREEMENT}: " + _names(attrs["agreement"], 40))
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


SENSITIVITY = {"plain": 0, "special": 1, "criminal": 2, "special-criminal": 2}
"""How sensitive the data on an edge of each style is (Art 10 data above Art 9 data)."""


def top_sensitivity(view: nx.MultiDiGraph[str]) -> int:
    """The most sensitive kind of data on any edge of the view (0, 1 or 2): the edges
    carrying it are drawn heaviest, so what is rarest and most sensitive in THIS diagram
    stands out (the one criminal offence flow among many special category ones)."""
    return max(
        (SENSITIVITY.get(edge_style(a), 0) for _u, _v, a in view.edges(data=True)), default=0
    )


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


def role_key(attrs: dict[str, Any]) -> str | None:
    """How a recipient or group node is outlined: ``internal``, ``controller``,
    ``processor``, ``joint-controller``, ``mixed`` (a group of several roles),
    ``unknown`` (an outside recipient whose role the map does not record), or None
    for sources and activities."""
    if attrs.get("kind") not in ("recipient", "group"):
        return None
    if attrs.get("internal"):
        return "internal"
    role = attrs.get("role")
    if role in ROLE_NAMES or role == "mixed":
        return str(role)
    return "unknown"


ROLE_OUTLINE: dict[str, dict[str, str]] = {
    "internal": {},
    "controller": {"penwidth": "2"},
    "processor": {"style": "filled,dashed"},
    "sub-processor": {"style": "filled,dashed"},
    "joint-controller": {"peripheries": "2"},
    "mixed": {},
    "unknown": {"style": "filled,dotted"},
}
"""Node attributes that tell recipients' roles apart (besides the words in the label)."""

ROLE_LEGEND = {
    "internal": "recipient inside the organisation",
    "controller": "controller (decides for itself)",
    "processor": "processor (acts on our instructions)",
    "sub-processor": "sub-processor (acts on a processor's instructions)",
    "joint-controller": "joint controller",
    "mixed": "group of recipients in different roles",
    "unknown": "recipient outside, role not recorded",
}


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


def _flows_table(flows: Iterable[dict[str, Any]], key: dict[tuple[str, ...], str]) -> str:
    """The detail of an activity view's flows as a Graphviz HTML table: flows carrying
    the same data under the same law and conditions share a row, which lists their ids
    (as in the ROPA's "Data flows" sheet)."""

    def cell(lines: Iterable[str], colour: str | None = None, width: int = 30) -> str:
        wrapped = [
            w
            for line in lines
            for w in textwrap.wrap(
                _clean(line), width, break_long_words=False, break_on_hyphens=False
            )
        ] or ["—"]
        text = "".join(f'{html.escape(w, quote=True)}<br align="left"/>' for w in wrapped)
        attrs = f' color="{colour}"' if colour else ""
        text = f'<font point-size="10"{attrs}>{text}</font>'
        return f'<td align="left" valign="top">{text}</td>'

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
    heads = (
        "Flows (ids as in the ROPA's Data flows sheet)",
        "Personal data",
        "Law (see key)",
        "Only when",
    )
    rows = [
        "<tr>"
        + "".join(
            f'<td align="left" bgcolor="#e7e6e6"><font point-size="10"><b>{h}</b></font></td>'
            for h in heads
        )
        + "</tr>"
    ]
    for same_flows in rows_of.values():
        f = same_flows[0]
        colour = RED if not f["has_basis"] else None
        data = [", ".join(f["category_names"])]
        if f["special"]:
            data.append("special category: " + _names(f["special_names"], 9))
        if f["criminal_offence"]:
            data.append("criminal offence data")
        rows.append(
            "<tr>"
            + "".join(
                (
                    cell([g["flow"] for g in same_flows], colour, 200),
                    cell(data, None, 36),
                    cell([*_no_basis_line(f), *_law_label(f, key)], colour, 30),
                    cell(
                        [
                            *(_clean(w, MAX_LABEL) for w in f["when"]),
                            *[AGREEMENT] * f["agreement"],
                        ]
                        or ["always"],
                        None,
                        40,
                    ),
                )
            )
            + "</tr>"
        )
    return (
        '<<table border="0" cellborder="1" cellspacing="0" cellpadding="3" '
        f'color="#bfbfbf">{"".join(rows)}</table>>'
    )


def to_dot(view: nx.MultiDiGraph[str]) -> str:
    """The view as DOT source (built with the `graphviz` package)."""
    title = view.graph.get("title") or view.graph.get("service") or "Data flows"
    detail = bool(view.graph.get("detail"))
    law: bool | str = view.graph.get("view") != "overview"
    if view.graph.get("view") == "activities":
        law = "compact"
    top = top_sensitivity(view)
    flows = view.graph.get("flows") or ()
    key = law_key([*(a for _u, _v, a in view.edges(data=True)), *flows]) if law else {}
    dot = graphviz.Digraph(name="dataflow", strict=False)
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

    ids = {node: f"n{i}" for i, node in enumerate(view.nodes)}
    columns, clusters = _layout(view)

    def add_node(graph: graphviz.Digraph, node: str) -> None:
        attrs = view.nodes[node]
        label, tip = node_lines(attrs)
        fill = _fill(attrs)
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

    def draw(body: graphviz.Digraph) -> None:
        for column, name in (("source", "sources"), ("activity", "activities")):
            if columns[column]:
                with body.subgraph(name=name) as sub:
                    sub.attr(rank="same")
                    for node in columns[column]:
                        add_node(sub, node)
        # Recipients, clustered by group in group order of first appearance.
        for i, (group, nodes) in enumerate(clusters.items()):
            if group is None:
                with body.subgraph(name="recipients") as sub:
                    sub.attr(rank="same")
                    for node in nodes:
                        add_node(sub, node)
                continue
            group_label = view.nodes[nodes[0]].get("group_label") or group
            with body.subgraph(name=f"cluster_{i}") as sub:
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
            draw(body)
    else:
        draw(dot)

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
    kinds = {
        _fill(a) if a.get("kind") in ("recipient", "group") else a.get("kind")
        for _n, a in view.nodes(data=True)
    }
    entries = [
        ("source", '(["source"]):::source'),
        ("activity", '["processing activity"]:::activity'),
        ("service", '["the service"]:::service'),
        ("internal", '["recipient inside the organisation"]:::internal'),
        ("external", '["recipient outside it"]:::external'),
    ]
    for i, (_kind, node) in enumerate((e for e in entries if e[0] in kinds), 1):
        out.append(f"    lg{i}{node}")
    present = {edge_style(a) for _u, _v, a in view.edges(data=True)}
    lines = [
        text
        for style, text in (
            ("no-basis", "red bold line: no lawful basis"),
            ("special", "purple dashed: special category"),
            ("criminal", "brown bold: criminal offence"),
            ("special-criminal", "brown dashed: special category and criminal offence"),
            ("plain", "grey: ordinary personal data"),
        )
        if style in present
    ]
    if lines:
        out.append(f'    lg0["{"<br/>".join(lines)}"]')
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
    """The view in `fmt` (dot, svg, png, pdf, mmd, graphml or json): text as UTF-8 bytes."""
    if fmt == "dot":
        text = to_dot(view)
    elif fmt in IMAGE_FORMATS:
        return run_dot(to_dot(view), fmt)
    elif fmt in ("mmd", "mermaid"):
        text = to_mermaid(view)
    elif fmt == "graphml":
        text = to_graphml(view)
    elif fmt == "json":
        text = to_json(view)
    else:
        raise ValueError(f"unknown graph format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return text.encode("utf-8")
