"""What a diagram says about each node and edge, as lines of text: names, law,
sensitivity, roles; and the colours that mark them. Shared by the DOT and Mermaid writers."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from typing import Any

import networkx as nx

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


MAX_LABEL = 240
"""Longest text in a node or edge label: Graphviz refuses HTML labels over 16 KB."""
MAX_TEXT = 2000
"""Longest line of any other text (tooltips)."""


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters XML (and so Graphviz's HTML labels and SVG) does not allow, and other controls."""


def clean_text(text: Any, most: int = MAX_TEXT) -> str:
    """One line of plain text: control characters and newlines become spaces; long text is cut."""
    line = " ".join(_CONTROL.sub(" ", str(text)).split())
    return line if len(line) <= most else line[: most - 1] + "…"


def wrap_text(text: Any, width: int = WRAP) -> list[str]:
    return textwrap.wrap(clean_text(text, MAX_LABEL), width, break_on_hyphens=False) or [""]


def short_list(items: Iterable[str], most: int = 4) -> str:
    items = list(items)
    shown = ", ".join(clean_text(i) for i in items[:most])
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
                f"Art {c['article']} {c['name'].lower()}" if c["article"] else clean_text(c["name"])
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
    return clean_text(paragraph["reference"])


def law_refs(attrs: dict[str, Any]) -> str:
    """The law of a flow or aggregated edge in short: ``Art 6(1)(e); Art 9(2)(g); Sch 1
    para 18`` (the law key of the diagram gives the names)."""
    parts = []
    arts = list(dict.fromkeys(b["article"] or clean_text(b["name"]) for b in attrs["bases"]))
    if arts:
        parts.append("Art " + ", ".join(arts))
    if attrs["special"]:
        conds = list(dict.fromkeys(c["article"] or clean_text(c["name"]) for c in attrs["art9"]))
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
        f"Art {b['article']} {b['name'].lower()}" if b["article"] else clean_text(b["name"])
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
    label = wrap_text(attrs.get("label", ""))
    tip = [clean_text(attrs.get("label", ""))]
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
        tip.append("Recipients: " + "; ".join(clean_text(m) for m in members))
    elif kind == "source":
        if attrs.get("members"):
            tip.append("Sources: " + "; ".join(clean_text(m) for m in attrs["members"]))
        tip.append(f"Source ({clean_text(attrs.get('group_label') or 'third party')})")
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
            tip.append(f"Group: {clean_text(attrs['group_label'])}")
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
    label = [*no_basis_line(attrs), clean_text(attrs["flow"], MAX_LABEL)]
    label.extend(wrap_text(_kind_line(attrs, 1), EDGE_WRAP))
    label.extend(law_label(attrs, key or {}))
    if detail and attrs["category_names"]:
        label.extend(wrap_text(short_list(attrs["category_names"]), 34))
    if attrs.get("agreement"):
        label.append("with agreement (safeguard)")  # not the basis: see AGREEMENT
    if detail and attrs["when"]:
        when = wrap_text("only when: " + "; ".join(clean_text(w) for w in attrs["when"]), 34)
        label.extend(when[:3])
        if len(when) > 3:
            label[-1] += " …"
    tip = [
        f"Flow {attrs['flow']}",
        "Collection into the activity"
        if attrs["direction"] == "collection"
        else "Disclosure from the activity",
        "Categories: " + (short_list(attrs["category_names"], 50) or "none"),
    ]
    if attrs.get("agreement"):
        tip.append("Agreement is sought first, as a safeguard (not the lawful basis)")
    if attrs["special"]:
        tip.append("Special category (Art 9): " + short_list(attrs["special_names"], 20))
    if attrs["criminal_offence"]:
        tip.append("Criminal offence data (Art 10)")
    tip.extend(_basis_tips(attrs))
    tip.extend(f"When: {clean_text(w)}" for w in attrs["when"])
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
        return f"{kind}: " + short_list((s.replace("-", " ") for s in attrs["special"]), 3)
    if not attrs.get("categories_stated", True):
        return "data not stated"  # a not-stated flow may carry anything: claim nothing
    return "ordinary personal data" if names else "ordinary data"


def no_basis_line(attrs: dict[str, Any]) -> list[str]:
    """ "no lawful basis" (with how many of the edge's flows lack one), or nothing."""
    count = attrs.get("count", 1)
    without = attrs.get("without_basis", () if attrs["has_basis"] else (attrs.get("flow"),))
    if not without:
        return []
    return ["no lawful basis" if count == 1 else f"no lawful basis ({len(without)} of {count})"]


def law_label(attrs: dict[str, Any], key: dict[tuple[str, ...], str]) -> list[str]:
    """The short references of the edge's law, after its entry in the law key."""
    refs = law_refs(attrs)
    entry = key.get(law_signature(attrs))
    return wrap_text(f"{entry}: {refs}" if entry else refs, EDGE_WRAP) if refs else []


def _basis_tips(attrs: dict[str, Any]) -> list[str]:
    tip = []
    for b in attrs["bases"]:
        laws = "; ".join(clean_text(c["display"]) for c in b["law"])
        tip.append(f"Lawful basis: Art {b['article']} {b['name']}" + (f" ({laws})" if laws else ""))
    if not attrs["has_basis"]:
        tip.append("NO LAWFUL BASIS (PM201)")
    for c in attrs["art9"]:
        tip.append(f"Art 9 condition: Art {c['article']} {c['name']}")
    for p in attrs["schedule1"]:
        tip.append(
            f"Schedule 1: {clean_text(p['reference'])}"
            + (f" {clean_text(p['heading'])}" if p.get("heading") else "")
        )
    for c in attrs["art10"]:
        tip.append(
            f"Art 10: {c['route'].replace('-', ' ')}"
            + "".join(f"; {clean_text(p['reference'])}" for p in c["schedule1"])
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
        parts = [*no_basis_line(attrs), _kind_line(attrs, n, names=False)]
        label = [
            clean_text(attrs["flows"][0], MAX_LABEL) if one else f"{n} flows",
            *wrap_text(", ".join(parts) + (f" ({entry})" if entry else ""), 60),
        ]
    elif law:
        label = [
            *no_basis_line(attrs),
            clean_text(attrs["flows"][0], MAX_LABEL) if one else f"{n} flows",
        ]
        label.extend(wrap_text(_kind_line(attrs, n), EDGE_WRAP))
        label.extend(law_label(attrs, key))
    else:
        label = [f"{n} flow{'' if one else 's'}"]
        if attrs["without_basis"]:
            label.insert(0, f"{len(attrs['without_basis'])} with no lawful basis")
        if attrs["special_count"]:
            label.append(f"{attrs['special_count']} special category")
        if attrs["criminal_count"]:
            label.append(f"{attrs['criminal_count']} criminal offence")
    tip = [
        f"{n} flow{'' if one else 's'}: " + short_list(attrs["flows"], 40),
        "Categories: " + short_list(attrs["category_names"], 30),
    ]
    if attrs["special_names"]:
        tip.append("Special category (Art 9): " + short_list(attrs["special_names"], 20))
    if attrs["criminal_count"]:
        tip.append("Criminal offence data (Art 10)")
    tip.extend(_basis_tips(attrs))
    if attrs["without_basis"]:
        tip.append("NO LAWFUL BASIS: " + short_list(attrs["without_basis"], 40))
    if attrs.get("agreement"):
        tip.append(f"{AGREEMENT}: " + short_list(attrs["agreement"], 40))
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


def layout_of(
    view: nx.MultiDiGraph[str],
) -> tuple[dict[str, list[str]], dict[str | None, list[str]]]:
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


def fill_of(attrs: dict[str, Any]) -> str:
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
