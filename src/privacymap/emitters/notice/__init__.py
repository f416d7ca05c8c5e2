"""The privacy notice: `notice.html` (one self-contained page) and `notice.md`.

`emit` builds the view model (`view.build_view`) from the checked index and
renders it with the packaged jinja2 templates, or with `--templates DIR`
overriding any template or block (see `render`).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from markupsafe import Markup

from privacymap.emitters import EmitContext
from privacymap.emitters.notice.render import render
from privacymap.emitters.notice.view import NoticeView, build_view, draft_text
from privacymap.export.dpv import script_data
from privacymap.index import Index

__all__ = ["NoticeView", "build_view", "emit", "overview_svg", "render_notice"]

HTML_FILE = "notice.html"
MARKDOWN_FILE = "notice.md"


def overview_svg(index: Index) -> str | None:
    """The graph engineer's overview SVG (privacymap.graph.overview_svg), if provided."""
    try:
        graph = importlib.import_module("privacymap.graph")
    except ImportError:
        return None
    function = getattr(graph, "overview_svg", None)
    if function is None:
        return None
    svg = function(index)
    return str(svg) if svg else None


def render_notice(
    index: Index,
    *,
    draft: str | None = None,
    svg: str | None = None,
    templates: Path | None = None,
) -> dict[str, bytes]:
    """The notice files for `index`; `svg` is trusted markup (the overview diagram)."""
    view = build_view(index, draft=draft, svg=Markup(svg) if svg else None)
    # the map as DPV linked data, escaped by script_data so it cannot leave its element
    linked_data = Markup(script_data(index))
    html = render("notice.html.j2", templates, notice=view, linked_data=linked_data)
    markdown = render("notice.md.j2", templates, notice=view)
    return {HTML_FILE: html.encode("utf-8"), MARKDOWN_FILE: markdown.encode("utf-8")}


def emit(context: EmitContext) -> dict[str, bytes]:
    draft = draft_text(context.problems) if context.draft and context.problems else None
    return render_notice(
        context.index, draft=draft, svg=overview_svg(context.index), templates=context.templates
    )
