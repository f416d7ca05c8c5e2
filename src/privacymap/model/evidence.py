"""The evidence behind the map (DPIAs, policies), statutes to cite, and waivers."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import (
    Field,
    StrictInt,
)

from privacymap.model.types import RULE_PATTERN, Id, Model, Url

EvidenceKind = Literal[
    "dpia",
    "appropriate-policy-document",
    "legitimate-interests-assessment",
    "data-sharing-agreement",
    "policy",
    "other",
]


class Evidence(Model):
    """A document that backs the map: DPIA, appropriate policy document, LIA..."""

    id: Id
    kind: EvidenceKind
    title: str
    link: Url | None = None
    date: dt.date | None = None


class Statute(Model):
    """An instrument not in the built-in catalogue, so that it can be cited."""

    id: Id
    title: str
    year: StrictInt
    chapter: str | None = None
    kind: Literal["act", "statutory-instrument", "statutory-guidance", "other"] = "act"
    url: Url | None = None
    aliases: tuple[str, ...] = ()


class Waiver(Model):
    """A reviewed finding allowed to pass the gate; it stays visible in every output."""

    rule: str = Field(pattern=RULE_PATTERN)
    subject: str = Field(
        description="The finding's subject id as `privacymap check` reports it, e.g. "
        "`flow:a->b`. For a rule that is not locked it may be a pattern (`*`, `?`, `[...]`, "
        "as fnmatch) matching several; a locked rule's waiver names one exact subject."
    )
    justification: str = Field(min_length=10)
    approver: str
    expires: dt.date = Field(
        description="The last day the waiver applies: at most one year after the check date "
        "(`waiver_horizon_days` in privacymap.toml)."
    )
