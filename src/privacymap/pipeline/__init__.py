"""The phases, in one direction: load -> resolve -> check -> gate -> emit, for one map
(`phases`) or several maps of one controller (`organisations`); `emitting` makes the
outputs. Import from here: this is the public path.

The names of `emitting` and `organisations` are imported on first use (PEP 562):
`privacymap check` of one map needs neither, nor what they import.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from privacymap.pipeline.phases import (
    FINDINGS_FILE,
    BuildResult,
    CheckResult,
    LoadError,
    Source,
    build,
    check,
    law_date,
    load_map,
    resolve,
)

if TYPE_CHECKING:
    from privacymap.pipeline.emitting import ARTEFACTS, emitter
    from privacymap.pipeline.organisations import (
        OrganisationResult,
        RegisterRefused,
        RegisterResult,
        build_organisation,
        build_register,
        check_organisation,
    )

__all__ = [
    "ARTEFACTS",
    "FINDINGS_FILE",
    "BuildResult",
    "CheckResult",
    "LoadError",
    "OrganisationResult",
    "RegisterRefused",
    "RegisterResult",
    "Source",
    "build",
    "build_organisation",
    "build_register",
    "check",
    "check_organisation",
    "emitter",
    "law_date",
    "load_map",
    "resolve",
]

_LAZY_NAMES = {
    "ARTEFACTS": "emitting",
    "emitter": "emitting",
    "OrganisationResult": "organisations",
    "RegisterRefused": "organisations",
    "RegisterResult": "organisations",
    "build_organisation": "organisations",
    "build_register": "organisations",
    "check_organisation": "organisations",
}


def __getattr__(name: str) -> object:
    """The names of `emitting` and `organisations`, imported on first use."""
    module = _LAZY_NAMES.get(name)
    if module is None:
        raise AttributeError(f"module 'privacymap.pipeline' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"privacymap.pipeline.{module}"), name)
    globals()[name] = value  # later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY_NAMES})
