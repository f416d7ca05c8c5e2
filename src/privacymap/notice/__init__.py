"""The privacy notice: `notice.html` (one self-contained page) and `notice.md`.

`emit` builds the view model (`build.build_view`) from the checked index and
renders it with the packaged jinja2 templates (beside this module, in
``templates/``), or with `--templates DIR` overriding any template or block
(see `render`). The overview diagram comes from `privacymap.graph` and the
embedded linked data from `privacymap.export`: the declared edges between outputs.
"""

from __future__ import annotations

import base64
from pathlib import Path

import jinja2
from markupsafe import Markup

from privacymap import graph
from privacymap.export.dpv import script_data
from privacymap.index import Index
from privacymap.logo import Logo, read_logo
from privacymap.notice.build import build_view
from privacymap.notice.parts import NoticeView
from privacymap.notice.render import render
from privacymap.notice.wording import draft_text
from privacymap.output import BuildError, EmitContext, Output

__all__ = ["NoticeView", "build_view", "emit", "logo_data", "render_notice"]

HTML_FILE = "notice.html"
MARKDOWN_FILE = "notice.md"


def logo_data(root: Path, logo: str | None) -> str | None:
    """The logo as a data: URI when it can be used (`privacymap.logo`), else None."""
    found = read_logo(root, logo) if logo else None
    if not isinstance(found, Logo):
        return None
    return f"data:{found.mime};base64," + base64.b64encode(found.data).decode("ascii")


def render_notice(
    index: Index,
    *,
    draft: str | None = None,
    svg: str | None = None,
    templates: Path | None = None,
) -> dict[str, bytes]:
    """The notice files for `index`; `svg` is trusted markup (the overview diagram)."""
    logo = logo_data(index.root, index.datamap.controller.logo)
    view = build_view(index, draft=draft, svg=Markup(svg) if svg else None, logo=logo)
    # the map as DPV linked data, escaped by script_data so it cannot leave its element
    linked_data = Markup(script_data(index))
    try:
        html = render("notice.html.j2", templates, notice=view, linked_data=linked_data)
        markdown = render("notice.md.j2", templates, notice=view)
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or error.name}:{error.lineno}"
        raise BuildError(f"{where}: template error: {error.message}") from None
    except jinja2.TemplateError as error:
        raise BuildError(f"template error: {error}") from None
    return {HTML_FILE: html.encode("utf-8"), MARKDOWN_FILE: markdown.encode("utf-8")}


def emit(context: EmitContext) -> Output:
    """The notice, with the overview diagram when Graphviz is installed."""
    draft = draft_text(context.problems) if context.draft and context.problems else None
    svg = graph.overview_svg(context.index)
    return Output(render_notice(context.index, draft=draft, svg=svg, templates=context.templates))
