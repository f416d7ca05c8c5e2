"""The one interface every output package implements: `emit(context) -> Output`.

An output (`privacymap.notice`, `privacymap.ropa`, `privacymap.graph`) is a
pure function of the checked index: it returns the files it made and any
notes for the user (e.g. that SVG needs Graphviz), so the pipeline needs to
know nothing about any one output. Outputs are imported on first use by the
pipeline, so ``privacymap check`` stays light.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from privacymap.diagnostics import Diagnostic
from privacymap.index import Index


class BuildError(Exception):
    """The outputs could not be made: a broken template, Graphviz failing or taking too
    long, or too little memory. Nothing was written."""


@dataclass(frozen=True)
class EmitContext:
    """Everything an output may use: the index, the findings and the build options."""

    index: Index
    diagnostics: tuple[Diagnostic, ...]
    draft: bool = False
    templates: Path | None = None
    options: dict[str, object] = field(default_factory=dict)
    law_as_at: dt.date | None = None
    """The date whose law the map was checked against (stated in the outputs)."""

    @property
    def problems(self) -> int:
        """Unwaived findings at error or warning level, shown on a draft banner."""
        return sum(1 for d in self.diagnostics if not d.waived and d.severity != "info")


@dataclass(frozen=True)
class Output:
    """What one output made: file name (relative to the build folder) -> bytes, and notes."""

    files: dict[str, bytes]
    notes: tuple[str, ...] = ()


Emitter = Callable[[EmitContext], Output]
