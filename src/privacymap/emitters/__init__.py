"""Output artefacts. Each emitter is a module with `emit(context) -> dict[path, bytes]`.

Emitters are pure functions of the checked index; they do not import each
other, and they are imported lazily so `privacymap check` stays light.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from privacymap.diagnostics import Diagnostic
from privacymap.index import Index
from privacymap.yamlio import gc_paused

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
    """The `emit` function of artefact `name`, imported on first use.

    It runs with the cyclic garbage collector paused: an emitter allocates
    hundreds of thousands of short-lived strings and cells, and each
    collection rescans the whole index (every model object of the map), which
    at 10,000 activities took as long as the emitting itself. Reference
    counting still frees the emitter's garbage; the collector resumes after.
    """
    module = importlib.import_module(ARTEFACTS[name])
    emit: Emitter = module.emit

    @functools.wraps(emit)
    def run(context: EmitContext) -> dict[str, bytes]:
        with gc_paused():
            return emit(context)

    return run
