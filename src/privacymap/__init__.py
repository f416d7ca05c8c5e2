"""privacymap: one typed data map -> privacy notice, ROPA and data-flow graph.

The Python API is three calls and the objects they return::

    import privacymap

    datamap = privacymap.load("notices/lancashire-cfw")    # DataMap, or raises LoadError
    result = privacymap.check(datamap)                     # CheckResult
    result.passed, len(result.diagnostics)
    privacymap.build(datamap, "build/lancashire-cfw", draft=True)

`load` reads and validates the YAML files and resolves every reference; the
returned `DataMap` is immutable, comparable, and carries its resolved view as
`datamap.index` (flows with their effective bases, rights per activity...).
`check` runs every rule and applies configuration and waivers; `build` writes
the notice, ROPA and graph atomically. `privacymap.graph` (networkx graph and
flow queries) and `privacymap.ropa` (ROPA rows as plain data) are the
artefact-level modules. Nothing here prints or exits.
"""

from __future__ import annotations

__version__ = "0.1.0"

from privacymap.config import Config
from privacymap.diagnostics import Diagnostic, Location, Severity
from privacymap.model import DataMap
from privacymap.pipeline import BuildResult, CheckResult, LoadError, build, check
from privacymap.pipeline import load_map as load

__all__ = [
    "BuildResult",
    "CheckResult",
    "Config",
    "DataMap",
    "Diagnostic",
    "LoadError",
    "Location",
    "Severity",
    "__version__",
    "build",
    "check",
    "load",
]
