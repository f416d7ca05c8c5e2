"""Imports go only downward through the layers of the design (the pipeline's order).

An AST walk over every module of src/privacymap, function-local and
TYPE_CHECKING imports included, and ``importlib.import_module("privacymap.x")``
with a literal name. It fails naming each offending import (file:line, what it
imports and why that is not allowed):

- a module may import a lower layer, or its own unit (package or module);
  a unit of the same or a higher layer only through a declared edge below;
- no module imports another package's ``_private`` module;
- only the output packages import the heavy rendering libraries.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "privacymap"

LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "version",
        "text",
        "yamlio",
        "diagnostics",
        "data",
        "logo",
        "progress",
        "parallel",
        "cachefiles",
        "lazy",
    ),
    ("packagedata",),  # the package's YAML, parsed (yamlio) or from the cache (cachefiles)
    ("sourcemap", "rules", "config", "rule_examples"),
    ("law",),
    ("model",),
    ("usercache",),
    ("loader", "index", "schema", "registerfile"),
    ("dpia",),  # the screening: PM670 (checks) reports from it
    ("checks",),
    ("gate",),
    ("output", "outfolder"),
    ("outfile",),
    ("notice", "ropa", "graph", "reporters", "export", "archive"),
    ("pipeline", "scaffold", "importer", "changes"),
    ("privacymap",),
    ("clihelp", "explain", "checkcommand"),
    ("cli", "_gen"),
    ("launcher",),
    ("__main__",),
)
"""Units (the first name under ``privacymap``; ``privacymap`` is the package's own
``__init__``, the public facade), lowest first."""

DECLARED: dict[tuple[str, str], str] = {
    ("notice", "graph"): "the notice embeds the overview diagram",
    ("notice", "export"): "the notice embeds the map as DPV linked data (JSON-LD)",
    ("model", "index"): "`DataMap.index`, the Python API's resolved view of a map built in code",
}
"""The only imports of a unit at the same or a higher layer, with the reason."""

HEAVY = (
    "jinja2", "markupsafe", "networkx", "xlsxwriter", "graphviz", "markdown_it", "openpyxl",
    "rdflib",
)  # fmt: skip
HEAVY_ALLOWED = ("notice", "ropa", "graph", "export", "importer")
"""Only the packages that write or read files may import the rendering and file libraries
(so `privacymap check` stays light)."""

RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. privacymap.notice.build
    target: str  # what it imports, e.g. privacymap.graph
    line: int


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    base = SRC.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports(module: str, source: str, is_package: bool = False) -> list[Import]:
    """Every import in `source`, at any depth, with relative ones made absolute."""
    found: list[Import] = []
    here = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")[: len(here.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.append(Import(module, full if _is_module(full) else base, node.lineno))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append(Import(module, node.args[0].value, node.lineno))
    return found


def unit(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def problems(found: list[Import]) -> list[str]:
    """Why each import in `found` is not allowed (empty: all are)."""
    out = []
    for imp in found:
        where = f"{imp.module} line {imp.line}: imports {imp.target}"
        top = imp.target.split(".")[0]
        if top in HEAVY and unit(imp.module) not in HEAVY_ALLOWED:
            out.append(f"{where}: only {', '.join(HEAVY_ALLOWED)} may import {top}")
            continue
        if top != "privacymap":
            continue
        mine, theirs = unit(imp.module), unit(imp.target)
        private = [p for p in imp.target.split(".")[1:] if p.startswith("_") and p != "__main__"]
        if private and not imp.module.startswith(
            imp.target[: imp.target.index(private[0])].rstrip(".")
        ):
            out.append(f"{where}: another package's private module")
            continue
        if mine == theirs or (mine, theirs) in DECLARED:
            continue
        if theirs not in RANK or mine not in RANK:
            out.append(f"{where}: {theirs if theirs not in RANK else mine} is in no layer")
        elif RANK[theirs] >= RANK[mine]:
            level = "the same layer as" if RANK[theirs] == RANK[mine] else "a higher layer than"
            out.append(f"{where}: {theirs} is in {level} {mine}")
    return out


def all_imports() -> list[Import]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += imports(module_name(path), path.read_text("utf-8"), path.name == "__init__.py")
    return found


def test_every_unit_is_in_a_layer() -> None:
    units = {unit(module_name(p)) for p in PACKAGE.rglob("*.py")}
    units |= {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert units - set(RANK) == set(), "add the new module to a layer in tests/test_layers.py"


def test_imports_go_only_downward() -> None:
    found = all_imports()
    assert len(found) > 200  # the walk does see the code
    assert problems(found) == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        (
            "privacymap.law.catalogue",
            "def f():\n    from privacymap.cli import app\n",
            "privacymap.law.catalogue line 2: imports privacymap.cli: "
            "cli is in a higher layer than law",
        ),
        (
            "privacymap.ropa.columns",
            "from privacymap.checks._common import finding\n",
            "imports privacymap.checks._common: another package's private module",
        ),
        (
            "privacymap.ropa.columns",
            "from privacymap import notice\n",
            "imports privacymap.notice: notice is in the same layer as ropa",
        ),
        (
            "privacymap.checks.special",
            "import networkx\n",
            "only notice, ropa, graph, export, importer may import networkx",
        ),
        (
            "privacymap.index",
            "import importlib\nimportlib.import_module('privacymap.pipeline')\n",
            "imports privacymap.pipeline: pipeline is in a higher layer than index",
        ),
        (
            "privacymap.notice.build",
            "from . import sections\nfrom ..graph import render\n",
            "",
        ),
    ],
)
def test_the_walk_catches_a_planted_import(module: str, source: str, expected: str) -> None:
    found = problems(imports(module, source))
    if expected:
        assert len(found) == 1 and expected in found[0], found
    else:
        assert found == []
