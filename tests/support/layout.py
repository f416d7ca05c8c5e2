"""Boxes of a Graphviz layout (``dot -Tjson``), to test that no two labels overlap.

Graphviz reports where it put each piece of text: edge labels as text
operations (``_ldraw_``: a baseline point, an alignment, a width and the font
size), node labels inside their node's box (``pos``, ``width``, ``height`` in
inches), cluster and graph labels as a centre (``lp``) and a size (``lwidth``,
``lheight`` in inches). These are the boxes a reader sees; two that intersect
are text printed over text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import combinations
from typing import Any


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in points, with what it holds (for the failure message)."""

    what: str
    x0: float
    y0: float
    x1: float
    y1: float

    def intersects(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )


def _text_box(what: str, ops: list[dict[str, Any]]) -> Box | None:
    """The box round the text operations of one label."""
    size = 14.0
    xs: list[float] = []
    ys: list[float] = []
    for op in ops:
        if op["op"] == "F":
            size = float(op["size"])
        elif op["op"] == "T":
            x, y = map(float, op["pt"])
            width = float(op["width"])
            left = {"l": x, "c": x - width / 2, "r": x - width}[op["align"]]
            xs += [left, left + width]
            ys += [y - 0.25 * size, y + 0.8 * size]  # descent and ascent of the line
    if not xs:
        return None
    return Box(what, min(xs), min(ys), max(xs), max(ys))


def _centred(what: str, centre: str, width_in: str, height_in: str) -> Box:
    x, y = map(float, centre.split(","))
    w, h = float(width_in) * 72, float(height_in) * 72
    return Box(what, x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def label_boxes(layout_json: str | bytes) -> list[Box]:
    """Every label box of a ``dot -Tjson`` layout: edge labels, nodes (their label is
    inside), cluster labels and the graph's own label (title and legend)."""
    layout = json.loads(layout_json)
    boxes: list[Box] = []
    if "lp" in layout:
        boxes.append(_centred("graph label", layout["lp"], layout["lwidth"], layout["lheight"]))
    for obj in layout.get("objects", []):
        name = obj.get("name", "")
        if "nodes" in obj or name.startswith("cluster"):
            if "lp" in obj and obj.get("label"):
                boxes.append(_centred(f"label of {name}", obj["lp"], obj["lwidth"], obj["lheight"]))
        elif "pos" in obj and obj.get("style") != "invis":
            boxes.append(_centred(f"node {name}", obj["pos"], obj["width"], obj["height"]))
    for edge in layout.get("edges", []):
        box = _text_box(f"label of edge {edge.get('id', edge['_gvid'])}", edge.get("_ldraw_", []))
        if box is not None:
            boxes.append(box)
    return boxes


def overlapping_labels(layout_json: str | bytes) -> list[tuple[str, str]]:
    """Pairs of label boxes that intersect (empty when no text is printed over text)."""
    return [
        (a.what, b.what) for a, b in combinations(label_boxes(layout_json), 2) if a.intersects(b)
    ]


def size_in_inches(layout_json: str | bytes) -> tuple[float, float]:
    """Width and height of the whole drawing."""
    x0, y0, x1, y1 = map(float, json.loads(layout_json)["bb"].split(","))
    return (x1 - x0) / 72, (y1 - y0) / 72
