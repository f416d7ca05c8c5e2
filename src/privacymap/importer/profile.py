"""Import profiles: which column of a sheet holds which fact, kept as a YAML file.

A profile names the layout (`name`, `title`), how to find its header row
(`header_rows`, `min_matches`), the group headings that confirm it
(`groups`), whether a contact block sits above the header (`contacts`), what a
row is (`rows: activities` or `rows: flows`) and, per column, the `field` it
fills and the `headings` it may carry. Headings are matched tolerantly (case,
punctuation, "(if applicable)"-style remarks and small spelling differences
are ignored). Two profiles ship with privacymap (`ico-controller`, the ICO's
documentation template, and `flow-mapping`, a simple data-flow sheet); any
other layout is one YAML file away (docs/howto-import.md).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from privacymap.yamlio import load_yaml_text

ActivityField = Literal[
    "business-function",
    "activity",
    "purposes",
    "description",
    "joint-controller",
    "subjects",
    "categories",
    "recipients",
    "processor-contracts",
    "transfer-countries",
    "transfer-safeguards",
    "retention",
    "security",
    "lawful-basis",
    "condition",
    "legitimate-interests",
    "legitimate-interests-assessment",
    "rights",
    "automated-decision-making",
    "sources",
    "consent-record",
    "location",
    "dpia-required",
    "dpia-progress",
    "dpia-link",
    "breach-occurred",
    "breach-link",
    "schedule1",
    "basis-task",
    "retention-policy",
    "policy-adherence",
    "policy-reasons",
    "service",
    "activity-security",
]
FlowField = Literal["ref", "direction", "counterparty", "method"]
ColumnField = ActivityField | FlowField | Literal["ignore"]

FIELDS_DERIVED = frozenset({"rights"})
"""Fields the data map derives rather than stores (rights follow from the bases)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Column(_Strict):
    """One column: the field it fills and the headings it may carry."""

    field: ColumnField
    headings: tuple[str, ...] = Field(min_length=1)
    required: bool = Field(default=False, description="The header row must have this column.")


class Profile(_Strict):
    """A spreadsheet layout privacymap can import."""

    name: str
    title: str
    rows: Literal["activities", "flows"] = "activities"
    header_rows: int = Field(default=30, ge=1, le=200, description="Rows searched for headings.")
    min_matches: int = Field(default=3, ge=1, description="Headings a header row must match.")
    groups: tuple[str, ...] = ()
    contacts: bool = False
    columns: tuple[Column, ...] = Field(min_length=1)


BUILT_IN = ("ico-controller", "flow-mapping")


class ProfileError(Exception):
    """A profile that cannot be used; the message says why."""


def load_profile(name_or_path: str) -> Profile:
    """A built-in profile by name, or a profile file by path."""
    if name_or_path in BUILT_IN:
        text = resources.files("privacymap.data").joinpath("profiles", f"{name_or_path}.yaml")
        return _parse(text.read_text("utf-8"), name_or_path)
    path = Path(name_or_path)
    if not path.is_file():
        raise ProfileError(
            f"no profile '{name_or_path}': not a built-in profile "
            f"({', '.join(BUILT_IN)}) nor a file"
        )
    return _parse(path.read_text("utf-8"), str(path))


def _parse(text: str, where: str) -> Profile:
    try:
        return Profile.model_validate(load_yaml_text(text))
    except ValidationError as error:
        first = error.errors()[0]
        at = ".".join(str(p) for p in first["loc"])
        raise ProfileError(f"{where}: {at}: {first['msg']}") from None
    except yaml.YAMLError as error:
        raise ProfileError(f"{where}: {error}") from None
