"""Drawing a view: DOT (via the `graphviz` package), SVG, PNG and PDF (Graphviz's
`dot`), Mermaid, GraphML and node-link JSON.

This module is the entry point: it runs Graphviz and dispatches each format to
its writer (`dot`, `mermaid`, `exchange`); `labels` holds what each node and
edge says, shared by the DOT and Mermaid writers.

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

import functools
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx

from privacymap import parallel
from privacymap.graph.dot import to_dot
from privacymap.graph.exchange import to_graphml, to_json
from privacymap.graph.mermaid import to_mermaid

__all__ = [  # the writers of the other modules are part of this entry point
    "DIAGRAMS_OPTION",
    "FORMATS",
    "IMAGE_FORMATS",
    "MISSING_DOT_ERROR",
    "MISSING_DOT_NOTE",
    "PRINT_DPI",
    "GraphvizError",
    "diagrams_wanted",
    "dot_available",
    "draw_all",
    "inline_svg",
    "render",
    "run_dot",
    "run_dot_many",
    "to_dot",
    "to_graphml",
    "to_json",
    "to_mermaid",
    "to_svg",
]

FORMATS = ("dot", "svg", "png", "pdf", "mmd", "graphml", "json")


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
    """Render DOT in every format of `fmts` (see `draw_all`), one run after the other."""
    return draw_all([dot_source], fmts, workers=1, timeout=timeout)[0]


def draw_all(
    dot_sources: Sequence[str], fmts: Iterable[str], workers: int, timeout: float = 120
) -> list[dict[str, bytes]]:
    """Every DOT source of `dot_sources` in every format of `fmts`, up to `workers` `dot`
    runs at once; the results in the order of `dot_sources`, the same bytes whatever
    `workers` is.

    One `dot` run lays a graph out and writes all its vector formats (``-T`` with
    ``-o`` per format); PNG is drawn in a run of its own at `PRINT_DPI` (the
    resolution would otherwise change the size written into the SVG). Laying out is
    the cheap part: rasterising a PNG at 300 dpi takes about ten times as long as
    the layout and the SVG and PDF together, so the runs are spread over the cores
    rather than merged.
    """
    if not dot_sources:
        return []  # nothing to draw (--no-diagrams): Graphviz is not needed
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizError("Graphviz's `dot` is not installed: " + MISSING_DOT_NOTE)
    wanted = tuple(dict.fromkeys(fmts))
    plan = [
        (run, extra)
        for run, extra in (
            (tuple(f for f in wanted if f != "png"), ()),
            (("png",) if "png" in wanted else (), (f"-Gdpi={PRINT_DPI}",)),
        )
        if run
    ]
    tasks = [
        functools.partial(_dot, exe, source, run, extra, timeout)
        for source in dot_sources
        for run, extra in plan
    ]
    drawn = iter(parallel.in_order(tasks, workers))
    results = []
    for _source in dot_sources:
        out: dict[str, bytes] = {}
        for _run in plan:
            out.update(next(drawn))
        results.append({fmt: out[fmt] for fmt in wanted})
    return results


def _dot(
    exe: str, dot_source: str, fmts: tuple[str, ...], extra: tuple[str, ...], timeout: float
) -> dict[str, bytes]:
    """One `dot` run writing `fmts` (a PDF's creation date fixed: see `_PDF_DATE`)."""
    with tempfile.TemporaryDirectory(prefix="privacymap-dot-") as tmp:
        paths = {fmt: Path(tmp) / f"out.{fmt}" for fmt in fmts}
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
        out = {fmt: path.read_bytes() for fmt, path in paths.items()}
    if "pdf" in out:
        out["pdf"] = _PDF_DATE.sub(_FIXED_PDF_DATE, out["pdf"])
    return out


def to_svg(dot_source: str, timeout: float = 120) -> str:
    """Render DOT to SVG with Graphviz's `dot`."""
    return run_dot(dot_source, "svg", timeout).decode("utf-8")


_PROLOG = re.compile(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*|<!--.*?-->\s*", re.DOTALL)


def inline_svg(svg: str) -> str:
    """The ``<svg>`` element alone (no XML prolog, doctype or comments), for HTML."""
    return _PROLOG.sub("", svg).strip() + "\n"


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
