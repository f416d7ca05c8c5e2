"""The data-flow graph output's files.

Writes the overview (one node per source, activity and recipient group, flows
aggregated with counts) as ``dataflow.dot``, ``dataflow.svg`` (only when
Graphviz's ``dot`` is installed: see `privacymap.graph.render.dot_available`
and `MISSING_DOT_NOTE`, which the CLI prints once), ``dataflow.mmd``,
``dataflow.graphml`` and ``dataflow.json``; and, under ``dataflow/``, one
diagram per activity (``<activity-id>.dot|.svg|.mmd``) with the whole graph
(every source, activity, recipient and flow with all its attributes, for
governance tools) as ``full.graphml`` and ``full.json``.

The ``dataflow/`` files are on by default up to `PER_ACTIVITY_LIMIT`
activities; ``context.options["per_activity_diagrams"]`` (True/False, the
CLI's ``--per-activity-diagrams``) overrides.
"""

from __future__ import annotations

from privacymap import graph as graphs
from privacymap.graph import render, views
from privacymap.output import EmitContext, Output

PER_ACTIVITY_LIMIT = 200


def emit(context: EmitContext) -> Output:
    """The overview and per-activity files; a note when SVG cannot be made (no Graphviz)."""
    index = context.index
    full = graphs.build(index)
    svg = render.dot_available()
    files: dict[str, bytes] = {}

    overview = views.overview(index, full)
    dot = render.to_dot(overview)
    files["dataflow.dot"] = dot.encode("utf-8")
    if svg:
        files["dataflow.svg"] = render.to_svg(dot).encode("utf-8")
    files["dataflow.mmd"] = render.to_mermaid(overview).encode("utf-8")
    files["dataflow.graphml"] = render.to_graphml(overview).encode("utf-8")
    files["dataflow.json"] = render.to_json(overview).encode("utf-8")

    wanted = context.options.get("per_activity_diagrams")
    if wanted is None:
        wanted = len(index.datamap.activities) <= PER_ACTIVITY_LIMIT
    if wanted:
        files["dataflow/full.graphml"] = render.to_graphml(full).encode("utf-8")
        files["dataflow/full.json"] = render.to_json(full).encode("utf-8")
        for activity in index.datamap.activities:
            one = views.view(index, f"activity:{activity.id}", full)
            dot = render.to_dot(one)
            stem = f"dataflow/{activity.id}"
            files[f"{stem}.dot"] = dot.encode("utf-8")
            if svg:
                files[f"{stem}.svg"] = render.to_svg(dot).encode("utf-8")
            files[f"{stem}.mmd"] = render.to_mermaid(one).encode("utf-8")
    return Output(files, () if svg else (render.MISSING_DOT_NOTE,))
