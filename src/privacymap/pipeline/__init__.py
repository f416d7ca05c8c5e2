"""The phases, in one direction: load -> resolve -> check -> gate -> emit, for one map
(`phases`) or several maps of one controller (`organisations`); `emitting` makes the
outputs. Import from here: this is the public path.
"""

from privacymap.pipeline.emitting import (
    ARTEFACTS,
    emitter,
)
from privacymap.pipeline.organisations import (
    OrganisationResult,
    RegisterRefused,
    RegisterResult,
    build_organisation,
    build_register,
    check_organisation,
)
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
