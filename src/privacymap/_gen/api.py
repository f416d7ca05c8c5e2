"""Generate docs/api.md, the Python API reference, from the docstrings.

The docstrings are the single source of the reference: this page is derived
from them (signatures included, read with `inspect`), a test keeps the
committed copy in sync, and the examples in it (``>>>`` lines) are run as
doctests, so it cannot rot. Run: `python -m privacymap._gen`.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Iterator
from functools import cached_property
from types import ModuleType
from typing import Any

HEADER = """# Python API reference

<!-- Generated from the docstrings by `python -m privacymap._gen`; do not edit by hand. -->

`import privacymap` gives four functions (and three for an organisation's
several maps) and the objects they return;
`privacymap.graph` and `privacymap.ropa` hold the data-flow graph and the ROPA
as plain data for governance tooling. The whole package is type-annotated and
checked with `mypy --strict`; the package ships `py.typed`. The examples
below are run as doctests (from the repository root).
"""

EXAMPLES = """
### Examples

Which organisations outside the council receive special category data, and
on what Art 6 basis? (`examples/governance/` has fuller scripts.)

>>> import privacymap
>>> from privacymap import graph
>>> datamap = privacymap.load("notices/lancashire-cfw")
>>> g = graph.build(datamap.index)
>>> leaving = [f for f in graph.flows_by_category(g, "special")
...            if f["direction"] == "disclosure" and not g.nodes[f["target"]]["internal"]]
>>> police = next(f for f in leaving if f["target"] == "recipient:lancashire-constabulary")
>>> [b["article"] for b in police["bases"]], [p["reference"] for p in police["schedule1"]]
(['6(1)(a)', '6(1)(e)'], ['DPA 2018 Sch 1 para 18'])

The same questions on the resolved index, without networkx:

>>> flow = datamap.index.flow("partner-information-sharing->lancashire-constabulary")
>>> flow.direction, flow.recipient.name, flow.special, flow.bases_from
('disclosure', 'Lancashire Constabulary', ('health', 'racial-or-ethnic-origin'), 'activity')

Checking: the published Lancashire notice has findings, so the gate fails
(exit code 1) and `build` writes nothing unless `draft=True`.

>>> import datetime
>>> result = privacymap.check(datamap, today=datetime.date(2026, 1, 1))
>>> result.usable, result.passed, result.exit_code
(True, False, 1)
>>> sorted({d.rule for d in result.diagnostics if d.severity == "error"})[:3]
['PM201', ...]
>>> clean = privacymap.check("examples/family-support", today=datetime.date(2026, 1, 1))
>>> clean.passed, clean.diagnostics
(True, [])

A map that cannot be used raises one `LoadError` carrying every problem:

>>> import pathlib, tempfile
>>> bad = pathlib.Path(tempfile.mkdtemp()) / "map.yaml"
>>> _ = bad.write_text("notice: {title: Test}\\nactivitees: []\\n")
>>> try:
...     privacymap.load(bad)
... except privacymap.LoadError as error:
...     print(sorted({d.rule for d in error.diagnostics}))
['PM003', 'PM005']

What changed in law between two versions of a map (`privacymap diff`): each
change is classified, with the legal reason and the provisions it rests on.

>>> new = privacymap.load("examples/change-control/family-support-next")
>>> changes = privacymap.diff(privacymap.load("examples/family-support"), new)
>>> [(c.classification.value, c.label) for c in changes.material]
[('material-tell-first', "disclosure 'early-help-support->school-nursing'
  (Early help assessment and family support -> Northshire School Nursing Service)"),
 ('material-tell-first', "recipient 'school-nursing' (Northshire School Nursing Service)")]
>>> changes.material[0].sensitive, changes.material[0].references[0]
('data concerning health', 'UK GDPR Art 13(1)(e), 14(1)(e)')
>>> changes.exit_code, changes.findings  # 1: material; no finding: the changelog has an entry
(1, ())

The ROPA as rows keyed by the ICO template's headings:

>>> from privacymap import ropa
>>> rows = ropa.rows(datamap.index)
>>> len(rows) == len(datamap.activities), list(rows[0]) == list(ropa.HEADINGS)
(True, True)
"""

ROPA_NAMES = (
    "HEADINGS",
    "rows",
    "flows",
    "recipients",
    "retention",
    "findings",
    "retention_text",
    "NOT_RECORDED",
)
INDEX_MEMBERS = (
    "datamap",
    "root",
    "files",
    "flows",
    "get",
    "categories",
    "sources",
    "recipients",
    "purposes",
    "lawful_bases",
    "conditions",
    "criminal_offence_conditions",
    "activities",
    "flow",
    "flows_of",
    "activity_bases",
    "activity_conditions",
    "activity_categories",
    "activity_rights",
    "bases_in_use",
    "rights_in_use",
    "location_of",
)


def markdown(doc: str | None) -> str:
    """A docstring as Markdown: ``x`` -> `x`, `::` blocks and `>>>` examples fenced."""
    if not doc:
        return ""
    lines = inspect.cleandoc(doc).splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(">>>"):
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(
                    lines[i].strip() if lines[i].lstrip().startswith(">>>") else lines[i].lstrip()
                )
                i += 1
            out += ["```pycon", *block, "```"]
            continue
        if line.rstrip().endswith("::") and i + 1 < len(lines):
            text = line.rstrip()[:-1]  # "Example::" introduces a block as "Example:"
            if text.strip() != ":":
                out.append(_inline(text))
            i += 1
            block = []
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith("    ")):
                block.append(lines[i][4:])
                i += 1
            while block and not block[0].strip():
                block.pop(0)
            while block and not block[-1].strip():
                block.pop()
            out += ["", "```python", *block, "```", ""]
            continue
        underline = i + 1 < len(lines) and re.fullmatch(r"-{3,}", lines[i + 1].strip())
        if underline:
            out.append(f"**{line.strip()}**")
            i += 2
            continue
        out.append(_inline(line))
        i += 1
    return "\n".join(out).strip() + "\n"


def _inline(text: str) -> str:
    return text.replace("``", "`")


def _signature(name: str, obj: Callable[..., Any]) -> str:
    try:
        sig = str(inspect.signature(obj))
    except (TypeError, ValueError):
        return name
    return f"{name}{sig}".replace("'", "")


def _function(qualname: str, obj: Callable[..., Any], level: str = "###") -> Iterator[str]:
    yield f"{level} `{qualname.rpartition('.')[2]}`\n"
    yield f"```text\n{_signature(qualname, obj)}\n```\n"
    yield markdown(obj.__doc__)


def _members(cls: type, names: tuple[str, ...] | None = None) -> Iterator[str]:
    """Fields (dataclasses), properties and public methods with their docstrings."""
    rows: list[tuple[str, str]] = []
    fields = {f.name: f for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else {}
    wanted = names or tuple(n for n in (*fields, *vars(cls)) if not n.startswith("_"))
    seen: set[str] = set()
    for name in wanted:
        if name in seen:
            continue
        seen.add(name)
        attr = inspect.getattr_static(cls, name, None)
        if name in fields:
            rows.append((f"`{name}: {fields[name].type}`", ""))
        elif isinstance(attr, property | cached_property):
            func = attr.fget if isinstance(attr, property) else attr.func
            assert func is not None
            returns = inspect.signature(func).return_annotation
            rows.append((f"`{name}` → `{returns}`", _first_line(func.__doc__)))
        elif inspect.isfunction(attr):
            rows.append((f"`{_signature(name, attr)}`", _first_line(attr.__doc__)))
    if rows:
        yield "| member | |\n| --- | --- |\n"
        yield "".join(f"| {a.replace('|', '&#124;')} | {b} |\n" for a, b in rows)


def _first_line(doc: str | None) -> str:
    return inspect.cleandoc(doc).split("\n\n")[0].replace("\n", " ") if doc else ""


def _class(qualname: str, cls: type, names: tuple[str, ...] | None = None) -> Iterator[str]:
    yield f"### `{qualname.rpartition('.')[2]}`\n"
    yield f"```text\nclass {qualname}\n```\n"
    yield markdown(cls.__doc__)
    yield "\n"
    yield from _members(cls, names)


def _module_summary(module: ModuleType, upto_heading: bool = False) -> str:
    """The module docstring; with `upto_heading`, only the text before its first heading
    (the package docstring's numpy-style lists repeat the sections of this page)."""
    doc = inspect.cleandoc(module.__doc__ or "")
    if upto_heading:
        lines = doc.splitlines()
        for i in range(1, len(lines)):
            if re.fullmatch(r"-{3,}", lines[i].strip()):
                doc = "\n".join(lines[: i - 1])
                break
    return markdown(doc)


def _model_fields(cls: Any) -> Iterator[str]:
    """A pydantic model's fields: name, type and description."""
    from privacymap._gen.format import type_name

    yield "| field | type | meaning |\n| --- | --- | --- |\n"
    for name, field in cls.model_fields.items():
        if name == "include":
            continue
        kind = re.sub(r"\[([^]]+)\]\(#[^)]*\)", r"\1", type_name(field.annotation))
        text = (field.description or "").replace("\n", " ").replace("|", "&#124;")
        yield f"| `{name}` | {kind.replace('|', '&#124;')} | {text} |\n"


def reference() -> str:
    """The whole page, deterministic."""
    import privacymap
    from privacymap import diagnostics, graph, model, ropa

    parts: list[str] = [
        HEADER,
        "\n## `privacymap`\n\n",
        _module_summary(privacymap, upto_heading=True),
        "\n",
        markdown(EXAMPLES),
    ]
    parts.append("\n## Functions\n\n")
    functions = ("load", "check", "build", "diff", "check_organisation", "build_organisation",
                 "build_register")  # fmt: skip
    for name in functions:
        parts += [*_function(f"privacymap.{name}", getattr(privacymap, name)), "\n"]
    parts.append("\n## Results and errors\n\n")
    for name in (
        "CheckResult", "BuildResult", "LoadError", "OrganisationResult", "RegisterResult",
        "RegisterRefused",
    ):  # fmt: skip
        parts += [*_class(f"privacymap.{name}", getattr(privacymap, name)), "\n"]
    parts.append("\n## The loaded map\n\n")
    parts += [*_class("privacymap.DataMap", model.DataMap, ("index",)), "\n"]
    parts += [
        "\nIts sections (each item an immutable model object; the format reference, "
        "[format.md](format.md), describes every field):\n\n",
        *_model_fields(model.DataMap),
        "\n",
    ]
    parts += [*_class("privacymap.Index", privacymap.Index, INDEX_MEMBERS), "\n"]
    parts += [*_class("privacymap.FlowView", privacymap.FlowView), "\n"]
    parts.append("\n## Change control\n\n")
    parts += [*_class("privacymap.Diff", privacymap.Diff), "\n"]
    parts += [*_class("privacymap.Change", privacymap.Change), "\n"]
    parts.append("\n## Diagnostics and configuration\n\n")
    parts += [*_class("privacymap.Diagnostic", diagnostics.Diagnostic), "\n"]
    parts += [*_class("privacymap.Severity", diagnostics.Severity, ("rank",)), "\n"]
    parts += [*_class("privacymap.Location", diagnostics.Location), "\n"]
    parts += [*_class("privacymap.Config", privacymap.Config), "\n"]
    parts += ["\n## `privacymap.graph`\n\n", _module_summary(graph), "\n"]
    for name in graph.__all__:
        parts += [*_function(f"privacymap.graph.{name}", getattr(graph, name)), "\n"]
    parts += ["\n## `privacymap.ropa`\n\n", _module_summary(ropa), "\n"]
    for name in ROPA_NAMES:
        obj = getattr(ropa, name)
        if callable(obj):
            parts += [*_function(f"privacymap.ropa.{name}", obj), "\n"]
        elif isinstance(obj, tuple):
            parts.append(f"### `{name}`\n\n")
            parts += [f"{i}. {item}\n" for i, item in enumerate(obj, 1)]
            parts.append("\n")
        else:
            parts.append(f"### `{name}`\n\n```python\n{name} = {obj!r}\n```\n\n")
    text = "".join(parts)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.rstrip() + "\n"
