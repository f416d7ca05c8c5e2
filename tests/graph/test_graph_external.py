"""Real tools: Graphviz renders every view; Mermaid's own parser accepts our Mermaid."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from privacymap import graph as graphs
from privacymap.graph import labels, render, views
from privacymap.index import Index
from tests.support.external import dot_path, mmdc_path, run_dot, run_mmdc

pytestmark = pytest.mark.external

SVG = "{http://www.w3.org/2000/svg}"


def parse_svg(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert not [e for e in root.iter() if e.tag.lower().endswith("script")]
    assert not [e for e in root.iter() for a in e.attrib if a.lower().startswith("on")]
    return root


@pytest.mark.parametrize("name", ["lancashire", "family-support", "scaffold", "hostile"])
def test_graphviz_renders_every_view(indexes: dict[str, Index], name: str) -> None:
    dot_path()
    index = indexes[name]
    full = graphs.build(index)
    for view_name in views.view_names(index):
        dot = render.to_dot(views.view(index, view_name, full))
        svg = run_dot(dot)
        parse_svg(svg)
        # and privacymap's own renderer gives the same picture
        assert render.to_svg(dot) == svg, view_name


def test_hostile_names_give_valid_dot_and_safe_svg(hostile: Index) -> None:
    dot_path()
    for view_name in views.view_names(hostile):
        dot = render.to_dot(views.view(hostile, view_name))
        run_dot(dot, "canon")  # dot accepts the syntax
        root = parse_svg(run_dot(dot))
        text = "".join(root.itertext())
        if view_name in ("full", "activity:help-people"):
            assert "<script>alert(1)</script>" in text  # shown as text, not run
            assert 'You "the"' in text


def test_no_basis_edge_is_red_in_svg(hostile: Index) -> None:
    dot_path()
    root = parse_svg(render.to_svg(render.to_dot(views.view(hostile, "full"))))
    red = [g for g in root.iter(f"{SVG}g") if "flow-no-basis" in g.get("class", "")]
    assert len(red) == 1
    paths = [p for p in red[0].iter(f"{SVG}path")]
    assert paths and paths[0].get("stroke") == labels.RED


def test_overview_svg_for_the_notice(lancashire: Index) -> None:
    dot_path()
    svg = graphs.overview_svg(lancashire)
    assert svg is not None
    assert svg.startswith("<svg") and "<?xml" not in svg and "<!DOCTYPE" not in svg
    assert "<!--" not in svg
    root = parse_svg(svg)
    assert root.find(f"{SVG}g").get("id") == "dataflow"
    assert svg == graphs.overview_svg(lancashire)


def check_with_mermaid(diagrams: dict[str, str], tmp_path: Path) -> None:
    """Parse and render every diagram with the Mermaid CLI in ONE browser session:
    a Markdown file of ```mermaid blocks, each rendered to its own SVG."""
    names = list(diagrams)
    doc = "".join(f"\n## {i}\n\n```mermaid\n{diagrams[n]}```\n" for i, n in enumerate(names))
    source = tmp_path / "diagrams.md"
    source.write_text(doc, encoding="utf-8")
    done = run_mmdc(source, tmp_path / "rendered.md")
    svgs = sorted(tmp_path.glob("rendered-*.svg"), key=lambda p: int(p.stem.split("-")[1]))
    failed = names[len(svgs)] if len(svgs) < len(names) else None
    assert done.returncode == 0, f"Mermaid rejected {failed!r}: {done.stderr[:2000]}"
    assert len(svgs) == len(names)
    for svg in svgs:
        assert "<script" not in svg.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize("name", ["lancashire", "hostile"])
def test_mermaid_parser_accepts_every_view(
    indexes: dict[str, Index], name: str, tmp_path: Path
) -> None:
    mmdc_path()
    index = indexes[name]
    full = graphs.build(index)
    names = views.view_names(index)
    if name == "lancashire":
        # What `build` writes (overview and one per activity), the full graph and one
        # view of each other kind; the structural test covers every view.
        names = [n for n in names if not n.startswith(("category:", "recipient:"))]
        special = next(c.id for c in index.datamap.categories if c.special)
        names += [f"category:{special}", f"recipient:{index.datamap.recipients[0].id}"]
    check_with_mermaid({v: render.to_mermaid(views.view(index, v, full)) for v in names}, tmp_path)


def test_mermaid_parser_rejects_broken_text(tmp_path: Path) -> None:
    """The check above has teeth: unescaped names would be parse errors."""
    mmdc_path()
    for bad in ('a["x" --> b', 'a["x"] --> end'):
        with pytest.raises(AssertionError, match="Mermaid rejected 'bad'"):
            check_with_mermaid(
                {"good": "flowchart LR\n  a --> b\n", "bad": f"flowchart LR\n  {bad}\n"}, tmp_path
            )
        for old in tmp_path.iterdir():
            old.unlink()
