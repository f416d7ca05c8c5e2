"""The privacy notice: `notice.html` (one self-contained page) and `notice.md`.

`emit` builds the view model (`build.build_view`) from the checked index and
renders it with the packaged jinja2 templates (beside this module, in
``templates/``), or with `--templates DIR` overriding any template or block
(see `render`). The overview diagram comes from `privacymap.graph` and the
embedded linked data from `privacymap.export`: the declared edges between outputs.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from privacymap import graph
from privacymap.export.dpv import script_data
from privacymap.graph.render import MISSING_DOT_ERROR, diagrams_wanted
from privacymap.index import Index
from privacymap.logo import Logo, read_logo
from privacymap.notice.build import build_view
from privacymap.notice.parts import NoticeView
from privacymap.notice.readability import first_layer, measure
from privacymap.notice.render import render
from privacymap.notice.wording import DIAGRAM_FILE, draft_text
from privacymap.notice.young import build_young_view
from privacymap.notice.young_wording import YOUNG_FILE
from privacymap.output import BuildError, EmitContext, Output

__all__ = ["NoticeView", "build_view", "emit", "logo_data", "render_notice"]

_TITLE = re.compile(r"<title>[^<]*</title>\s*")
_TOOLTIP = re.compile(r'\s+xlink:title="[^"]*"')
_VISIBLE = re.compile(r"<(style|script|svg)\b.*?</\1>", re.S)
"""What a reader does not read as words: the style sheet, the data block, the diagram."""
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
    return _render(index, _view(index, draft, svg), svg, templates)


def _view(index: Index, draft: str | None, svg: str | None) -> NoticeView:
    logo = logo_data(index.root, index.datamap.controller.logo)
    inline = _accessible(svg) if svg else None
    return build_view(index, draft=draft, svg=Markup(inline) if inline else None, logo=logo)


def _render(
    index: Index, view: NoticeView, svg: str | None, templates: Path | None
) -> dict[str, bytes]:
    # the map as DPV linked data, escaped by script_data so it cannot leave its element
    linked_data = Markup(script_data(index))
    page = _template("notice.html.j2", templates, notice=view, linked_data=linked_data)
    markdown = _template("notice.md.j2", templates, notice=view)
    files = {HTML_FILE: page.encode("utf-8"), MARKDOWN_FILE: markdown.encode("utf-8")}
    if svg:
        files[DIAGRAM_FILE] = svg.encode("utf-8")
    if view.young_people is not None:
        young = build_young_view(index, draft=view.draft, logo=view.logo)
        files[YOUNG_FILE] = _template(
            "young-people.html.j2", templates, notice=young, linked_data=None
        ).encode("utf-8")
    return files


def _template(name: str, templates: Path | None, **context: object) -> str:
    """One page from its template; a broken template is a build error, with its place."""
    try:
        return render(name, templates, **context)
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or error.name}:{error.lineno}"
        raise BuildError(f"{where}: template error: {error.message}") from None
    except jinja2.TemplateError as error:
        raise BuildError(f"template error: {error}") from None


def _public(svg: str) -> str:
    """The diagram without its tooltips: Graphviz's titles are node keys (raw ids), and the
    graph's link titles say where in the map's files each node is defined."""
    return _TOOLTIP.sub("", _TITLE.sub("", svg))


def _accessible(svg: str) -> str:
    """The diagram as one image to assistive technology: named by its caption, described
    by the table of flows (else a reader hears every node and "1 flow" label)."""
    return svg.replace(
        "<svg",
        '<svg role="img" aria-labelledby="flows-figure-caption" aria-describedby="flows-caption"',
        1,
    )


def emit(context: EmitContext) -> Output:
    """The notice, with the overview diagram unless diagrams are off (no Graphviz: stop)."""
    draft = draft_text(context.problems) if context.draft and context.problems else None
    svg = None
    if diagrams_wanted(context.options):
        svg = graph.overview_svg(context.index)
        if svg is None:
            raise BuildError(MISSING_DOT_ERROR)
        svg = _public(svg)
    view = _view(context.index, draft, svg)
    files = _render(context.index, view, svg, context.templates)
    notes = [_summary(view, files[HTML_FILE])]
    if YOUNG_FILE in files:
        notes.append(_young_summary(files[YOUNG_FILE]))
    return Output(files, tuple(notes))


def _words(page: bytes) -> int:
    text = _VISIBLE.sub(" ", page.decode("utf-8")).replace("<wbr>", "")
    return len(re.sub(r"<[^>]+>", " ", text).split())


def _young_summary(page: bytes) -> str:
    """The build summary's line on the young-people page: its length and reading age,
    measured over its visible text, each heading, answer and paragraph a sentence."""
    body = _VISIBLE.sub(" ", page.decode("utf-8").split("<body", 1)[-1]).replace("<wbr>", "")
    blocks = re.split(r"</(?:p|li|h1|h2|dt|dd)>", body)
    texts = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", b)).split()) for b in blocks]
    read = measure([t for t in texts if t])
    return (
        f"{YOUNG_FILE}: {_words(page):,} words; reading age about {read.reading_age} "
        f"(Flesch-Kincaid grade {read.grade:.1f})"
    )


def _summary(view: NoticeView, page: bytes) -> str:
    """The build summary's line on the notice: its length and how easy its first layer is."""
    words = _words(page)
    first = first_layer(view)
    return (
        f"notice: {words:,} words; first layer: reading age about {first.reading_age} "
        f"(Flesch-Kincaid grade {first.grade:.1f}, {first.words} words)"
    )
