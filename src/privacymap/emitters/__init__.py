"""Output artefacts. Each emitter is a module with `emit(context) -> dict[path, bytes]`.

Emitters are pure functions of the checked index; they do not import each
other, and they are imported lazily so `privacymap check` stays light.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from privacymap.diagnostics import Diagnostic
from privacymap.index import Index

ARTEFACTS: dict[str, str] = {
    "notice": "privacymap.emitters.notice",
    "ropa": "privacymap.emitters.ropa",
    "graph": "privacymap.emitters.graph",
}
"""Artefact name -> module providing `emit`."""


@dataclass(frozen=True)
class EmitContext:
    """Everything an emitter may use: the index, the findings and the build options."""

    index: Index
    diagnostics: tuple[Diagnostic, ...]
    draft: bool = False
    templates: Path | None = None
    options: dict[str, object] = field(default_factory=dict)

    @property
    def problems(self) -> int:
        """Unwaived findings at error or warning level, shown on a draft banner."""
        return sum(1 for d in self.diagnostics if not d.waived and d.severity != "info")


Emitter = Callable[[EmitContext], dict[str, bytes]]


def emitter(name: str) -> Emitter:
    """The `emit` function of artefact `name`, imported on first use."""
    module = importlib.import_module(ARTEFACTS[name])
    return module.emit  # type: ignore[no-any-return]
