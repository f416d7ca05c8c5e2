"""The phases, in one direction: load -> resolve -> check -> gate -> emit, for one map
(`phases`) or several maps of one controller (`organisations`); `emitting` makes the
outputs. Import from here: this is the public path.

The names of `emitting` and `organisations` are imported on first use (PEP 562):
`privacymap check` of one map needs neither, nor what they import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from privacymap.lazy import first_use
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

__getattr__, __dir__ = first_use(
    __name__,
    {
        **dict.fromkeys(("ARTEFACTS", "emitter"), "privacymap.pipeline.emitting"),
        **dict.fromkeys(
            (
                "OrganisationResult",
                "RegisterRefused",
                "RegisterResult",
                "build_organisation",
                "build_register",
                "check_organisation",
            ),
            "privacymap.pipeline.organisations",
        ),
    },
    globals(),
)
