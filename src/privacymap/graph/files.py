"""The data-flow graph output's files.

Writes the overview (sources, the service, recipient groups, flows aggregated
with counts) as ``dataflow.dot``, ``dataflow.mmd``, ``dataflow.graphml`` and
``dataflow.json``; the view of every activity (sources -> activities ->
recipient groups) as ``dataflow-activities.dot`` and ``.mmd``; and, under
``dataflow/``, one diagram per activity (``<activity-id>.dot|.mmd``) with the
whole graph (every source, activity, recipient and flow with all its
attributes, for governance tools) as ``full.graphml`` and ``full.json``.

Each diagram is also drawn as SVG (for the web), PNG at 300 dpi and PDF (to
paste into a DPIA or a sharing agreement), by up to `privacymap.parallel.jobs()`
Graphviz runs at once (the same bytes as one at a time), unless the build asked for no
diagrams (``--no-diagrams``); without Graphviz's ``dot`` the build stops with
`privacymap.graph.render.MISSING_DOT_ERROR`.

The activities view and the ``dataflow/`` files (which grow with the map) are on
by default up to `PER_ACTIVITY_LIMIT`
activities; ``context.options["per_activity_diagrams"]`` (True/False, the
CLI's ``--per-activity-diagrams``) overrides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from privacymap import graph as graphs
from privacymap import parallel, progress
from privacymap.graph import render, views
from privacymap.output import BuildError, EmitContext, Output

if TYPE_CHECKING:
    import networkx as nx

PER_ACTIVITY_LIMIT = 200


def emit(context: EmitContext) -> Output:
    """The overview and per-activity files; SVG unless diagrams are off (no Graphviz: stop)."""
    index = context.index
    full = graphs.build(index)
    svg = render.diagrams_wanted(context.options)
    if svg and not render.dot_available():
        raise BuildError(render.MISSING_DOT_ERROR)
    files: dict[str, bytes] = {}
    drawn: list[tuple[str, str]] = []  # (stem, DOT) of every diagram to draw, in order

    def diagram(stem: str, view: nx.MultiDiGraph[str]) -> None:
        dot = render.to_dot(view)
        files[f"{stem}.dot"] = dot.encode("utf-8")
        if svg:
            files.update((f"{stem}.{fmt}", b"") for fmt in render.IMAGE_FORMATS)  # drawn below
            drawn.append((stem, dot))
        files[f"{stem}.mmd"] = render.to_mermaid(view).encode("utf-8")

    overview = views.overview(index, full)
    diagram("dataflow", overview)
    files["dataflow.graphml"] = render.to_graphml(overview).encode("utf-8")
    files["dataflow.json"] = render.to_json(overview).encode("utf-8")

    wanted = context.options.get("per_activity_diagrams")
    if wanted is None:
        wanted = len(index.datamap.activities) <= PER_ACTIVITY_LIMIT
    if wanted:
        progress.phase("diagrams", f"{len(index.datamap.activities):,} activities")
        files["dataflow/full.graphml"] = render.to_graphml(full).encode("utf-8")
        files["dataflow/full.json"] = render.to_json(full).encode("utf-8")
        diagram("dataflow-activities", views.activities(index, full))
        for activity in index.datamap.activities:
            diagram(f"dataflow/{activity.id}", views.activity(index, activity.id, full))
    images = render.draw_all([dot for _stem, dot in drawn], render.IMAGE_FORMATS, parallel.jobs())
    for (stem, _dot), image in zip(drawn, images, strict=True):
        files.update((f"{stem}.{fmt}", data) for fmt, data in image.items())
    return Output(files)
