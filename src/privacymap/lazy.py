"""Names a package imports on first use (PEP 562), so importing it stays light.

`privacymap` (the public facade) and `privacymap.pipeline` both offer names whose
modules `privacymap check` or `privacymap --help` never needs; each gives its module
a `__getattr__` and `__dir__` made here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping


def first_use(
    package: str, names: Mapping[str, str], namespace: dict[str, object]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A module `__getattr__` importing each of `names` (name -> module) when first
    asked for and keeping it in `namespace` (the module's globals, so later lookups are
    plain attribute reads), and a `__dir__` listing them with the module's own names."""

    def getattr_(name: str) -> object:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted({*namespace, *names})

    return getattr_, dir_
