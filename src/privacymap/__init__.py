"""privacymap: one typed data map -> privacy notice, ROPA and data-flow graph.

A *data map* is a set of YAML files describing an organisation's processing
of personal data: activities, categories, sources, recipients, data flows,
lawful bases, retention and rights. privacymap checks it against UK GDPR and
the Data Protection Act 2018 and compiles it into a privacy notice (HTML and
Markdown), a record of processing activities (XLSX and CSV) and a data-flow
graph. The Python API is four calls (and three for an organisation's several
maps) and the objects they return::

    import privacymap

    datamap = privacymap.load("notices/lancashire-cfw")    # DataMap, or raises LoadError
    result = privacymap.check(datamap)                     # CheckResult
    result.passed, result.exit_code, len(result.diagnostics)
    privacymap.build(datamap, "build/lancashire-cfw", draft=True)   # BuildResult
    privacymap.diff(datamap, privacymap.load("notices/lancashire-cfw")).changes  # (): no change

Functions
---------
load(path) -> DataMap
    Read a data map (one YAML file or a folder), validate it and resolve every
    reference. Raises `LoadError`, whose `diagnostics` list every located
    problem at once (never a raw YAML or pydantic error).
check(datamap_or_path, config=None, today=None, law_as_at=None) -> CheckResult
    Run every rule in force on `law_as_at` (default: the notice's
    `last_updated`, else `today`; ``CheckResult.law_as_at`` says which date
    was used), apply configuration (`Config`, else the nearest
    ``privacymap.toml`` / ``[tool.privacymap]``) and waivers, and decide the
    gate. `CheckResult.diagnostics` are `Diagnostic` objects sorted by place;
    `passed`, `usable` and `exit_code` (0 clean, 1 findings, 2 unusable)
    mirror ``privacymap check``.
build(datamap_or_path, out, *, draft=False, only=None, templates=None, ...) -> BuildResult
    Check, then write the artefacts into the folder `out` atomically (all or
    nothing): notice.html, notice.md, ropa.xlsx, ropa.csv, dataflow.* and
    findings.json. Nothing is written when the gate fails unless `draft`.
    `only` names artefacts to build; `templates` overrides notice templates.
    Raises `OutputError` rather than replace an `out` holding files no build
    wrote, or one that is (or contains) the map, the project or home folder;
    `BuildError` when the outputs cannot be made (a broken template, Graphviz
    failing). Either way nothing is written. `archive` keeps every published
    notice in a folder with an index of their SHA-256s (`privacymap.archive`).
check_organisation(path, *, config=None, strict=False, ...) -> OrganisationResult
    Check every member map of an organisation (a folder holding
    ``register.yaml``), and the ids two of them define differently (PM086).
build_organisation(path, out, *, draft=False, only=None, ...) -> OrganisationResult
    For an organisation (a folder holding ``register.yaml``, listing one
    controller's service maps): check every member, then write each one's
    outputs into its own subfolder of `out` and the combined register
    (register.xlsx, register.csv) beside them, under the same all-or-nothing
    and never-destroy rules as `build`. Raises `RegisterRefused` for maps of
    different controllers.
build_register(paths, out, *, fmt="xlsx", draft=False) -> RegisterResult
    One register of processing activities (UK GDPR Art 30) for several maps
    of one controller, or an organisation's members, written to the file
    `out`: one row per activity with a Service column; an id defined
    differently by two maps is finding PM086.
diff(old, new) -> Diff
    What changed in law between two versions of a map: each `Change` names
    the object, says what changed and is classified (material, tell people
    first; material, tell people; editorial) with its legal reason.
    `Diff.findings` holds PM620 when a material change has no new entry in
    the map's `changes:` history.

Objects
-------
DataMap
    The loaded model: immutable, comparable pydantic objects
    (``datamap.activities``, ``datamap.recipients``, ``datamap.retention``...).
    ``datamap.index`` is its resolved, read-only `Index`: objects by id and
    every data flow as a `FlowView` with its effective lawful bases,
    conditions, categories and Art 9(1) special categories.
Diagnostic, Severity, Location
    A finding: rule id and slug, severity, message, hint, legal references,
    file:line:col and a stable subject id such as
    ``PM201@flow:registration->police``.

Modules for governance tooling (imported on first use, so ``import
privacymap`` stays light):

privacymap.graph
    ``graph.build(datamap.index)`` -> a networkx ``MultiDiGraph`` of sources,
    activities and recipients whose edges are data flows; queries
    ``flows_by_category``, ``flows_to_recipient``, ``flows_by_basis``,
    ``flows_without_basis``, ``reachable``.
privacymap.ropa
    The ROPA as plain data: ``ropa.rows(index)`` (one dict per activity,
    keyed by the ICO template's ``HEADINGS``), ``flows``, ``recipients``,
    ``retention`` and ``findings`` tables.

Nothing in the API prints or exits; the ``privacymap`` command line adds only
argument parsing and printing. The full reference is docs/api.md.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING

from privacymap.lazy import first_use
from privacymap.version import __version__

if TYPE_CHECKING:
    from privacymap import graph, ropa
    from privacymap.changes import Change, Diff, diff
    from privacymap.config import Config
    from privacymap.diagnostics import Diagnostic, Location, Severity
    from privacymap.index import FlowView, Index
    from privacymap.model import DataMap
    from privacymap.outfolder import OutputError
    from privacymap.output import BuildError
    from privacymap.pipeline import (
        BuildResult,
        CheckResult,
        LoadError,
        OrganisationResult,
        RegisterRefused,
        RegisterResult,
        build,
        build_organisation,
        build_register,
        check,
        check_organisation,
    )

__all__ = [
    "BuildError",
    "BuildResult",
    "Change",
    "CheckResult",
    "Config",
    "DataMap",
    "Diagnostic",
    "Diff",
    "FlowView",
    "Index",
    "LoadError",
    "Location",
    "OrganisationResult",
    "OutputError",
    "RegisterRefused",
    "RegisterResult",
    "Severity",
    "__version__",
    "build",
    "build_organisation",
    "build_register",
    "check",
    "check_organisation",
    "diff",
    "graph",
    "load",
    "ropa",
]


def load(path: str | os.PathLike[str]) -> DataMap:
    """Load, validate and resolve the data map at `path` (a YAML file or a folder).

    Returns an immutable `DataMap` whose ``index`` is already resolved.
    Raises `LoadError` when the map cannot be used; its ``diagnostics`` hold
    every located problem found in one pass (syntax, unknown fields, wrong
    types, dangling references...), never a raw YAML or pydantic error.

    >>> import privacymap
    >>> datamap = privacymap.load("examples/family-support")
    >>> datamap.controller.name
    'Northshire Council'
    """
    from privacymap.pipeline import load_map

    return load_map(path)


_LAZY_MODULES = frozenset({"graph", "ropa"})

_LAZY_NAMES = {
    "Config": "privacymap.config",
    "Diagnostic": "privacymap.diagnostics",
    "Location": "privacymap.diagnostics",
    "Severity": "privacymap.diagnostics",
    "FlowView": "privacymap.index",
    "Index": "privacymap.index",
    "DataMap": "privacymap.model",
    "BuildError": "privacymap.output",
    "BuildResult": "privacymap.pipeline",
    "CheckResult": "privacymap.pipeline",
    "LoadError": "privacymap.pipeline",
    "OutputError": "privacymap.outfolder",
    "build": "privacymap.pipeline",
    "build_organisation": "privacymap.pipeline",
    "build_register": "privacymap.pipeline",
    "OrganisationResult": "privacymap.pipeline",
    "RegisterRefused": "privacymap.pipeline",
    "RegisterResult": "privacymap.pipeline",
    "check": "privacymap.pipeline",
    "check_organisation": "privacymap.pipeline",
    "Change": "privacymap.changes",
    "Diff": "privacymap.changes",
    "diff": "privacymap.changes",
}
"""API names imported on first use (PEP 562), so that ``import privacymap.cli``
(``privacymap --help``, ``--version``, ``rules``...) does not load pydantic and
the model; ``from privacymap import load, check, build`` works as usual."""


_named, __dir__ = first_use("privacymap", _LAZY_NAMES, globals())
# __dir__ leaves out the lazy modules: help(privacymap) must not import networkx


def __getattr__(name: str) -> object:
    """The API names above and the `graph` and `ropa` modules (networkx), on first use."""
    if name in _LAZY_MODULES:
        return importlib.import_module(f"privacymap.{name}")
    return _named(name)
