"""Shared field types of the data map: ids and references, dates, citations, the base model."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HANDOFF_PATTERN = r"^(activity:)?[a-z0-9]+(?:-[a-z0-9]+)*$"
RULE_PATTERN = r"^PM\d{3}$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=120),
    Field(description="A kebab-case identifier, unique within its section, e.g. `early-help`."),
]


@dataclass(frozen=True)
class Ref:
    """Marks an id field as naming an item of another section of the map.

    The index resolves every field so marked, in one walk over the model, and
    reports an id that names nothing with `rule` (PM102; PM103 for a
    disclosure's recipient, the flow's end).
    """

    section: str
    rule: str = "PM102"
    prefixed: tuple[tuple[str, str], ...] = ()
    """(prefix, section) pairs: an id written with the prefix names an item of that section."""

    def target(self, value: str) -> tuple[str, str]:
        """(section, id) that one written value names."""
        for prefix, section in self.prefixed:
            if value.startswith(prefix):
                return section, value.removeprefix(prefix)
        return self.section, value


SubjectId = Annotated[Id, Ref("subjects")]
CategoryId = Annotated[Id, Ref("categories")]
SourceId = Annotated[Id, Ref("sources")]
RecipientGroupId = Annotated[Id, Ref("recipient_groups")]
RecipientId = Annotated[Id, Ref("recipients")]
PurposeId = Annotated[Id, Ref("purposes")]
BasisId = Annotated[Id, Ref("lawful_bases")]
ConditionId = Annotated[Id, Ref("conditions")]
CriminalConditionId = Annotated[Id, Ref("criminal_offence_conditions")]
RetentionId = Annotated[Id, Ref("retention")]
EvidenceId = Annotated[Id, Ref("evidence")]
SecurityId = Annotated[Id, Ref("security")]
ContactId = Annotated[Id, Ref("contacts")]
ActivityId = Annotated[Id, Ref("activities")]
HANDOFF = "activity:"
"""Prefix of a collection's `from:` naming another activity (an internal hand-off)."""

SourceOrHandoff = Annotated[
    str,
    StringConstraints(pattern=HANDOFF_PATTERN, max_length=129),
    Ref("sources", prefixed=((HANDOFF, "activities"),)),
]
"""A collection's `from:`: a source id, or `activity:<id>` for an internal hand-off."""

Markdown = Annotated[
    str,
    Field(json_schema_extra={"format": "markdown"}, description="Markdown (CommonMark) text."),
]
Citation = Annotated[
    str,
    Field(
        description=(
            "A legal citation written as a person writes it, e.g. `Children Act 2004 s10` "
            "or `DPA 2018 Sch 1 para 18`."
        )
    ),
]
Url = Annotated[
    str, Field(description="An https, http, mailto or tel address, or a relative link.")
]

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True, order=True)
class PublishedDate:
    """A date as notices publish it: a day ("1 March 2024") or a month ("March 2024").

    Many published notices give only the month; the map keeps that precision
    rather than inventing a day.
    """

    year: int
    month: int
    day: int | None = None

    @property
    def text(self) -> str:
        """As a reader would write it: "1 March 2024", or "March 2024" for a month."""
        month = f"{MONTH_NAMES[self.month - 1]} {self.year}"
        return f"{self.day} {month}" if self.day else month

    def isoformat(self) -> str:
        """ISO 8601: "2024-03-01", or "2024-03" for a month."""
        month = f"{self.year:04d}-{self.month:02d}"
        return f"{month}-{self.day:02d}" if self.day else month

    @property
    def first_day(self) -> dt.date:
        """The day, or the month's first day: for ordering and timestamps, never shown."""
        return dt.date(self.year, self.month, self.day or 1)

    def __str__(self) -> str:
        return self.isoformat()


_ISO_DAY_OR_MONTH = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")
_WRITTEN_DATE = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\.?,?\s+(\d{4})")


def _published_date(value: object) -> PublishedDate:
    """Read a date, an ISO month ("2024-03") or a written one ("March 2024", "1 March 2024")."""
    if isinstance(value, PublishedDate):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PublishedDate(value.year, value.month, value.day)
    if isinstance(value, str):
        text = " ".join(value.split())
        if iso := _ISO_DAY_OR_MONTH.fullmatch(text):
            year, month, day = int(iso[1]), int(iso[2]), int(iso[3]) if iso[3] else None
        elif (written := _WRITTEN_DATE.fullmatch(text)) and (month := _month_number(written[2])):
            year, day = int(written[3]), int(written[1]) if written[1] else None
        else:
            month = 0
        if month:
            try:
                dt.date(year, month, day or 1)
            except ValueError as exc:
                raise ValueError(f"not a real date ({exc})") from None
            return PublishedDate(year, month, day)
    raise ValueError(
        "expected a date such as 2024-03-01, a month such as 2024-03, or the month and "
        'year as published, such as "March 2024"'
    )


def _month_number(name: str) -> int:
    """1-12 for a month's name or its first three letters ("Mar"), else 0."""
    folded = name.lower()
    for number, month in enumerate(MONTH_NAMES, start=1):
        if folded == month.lower() or (len(folded) == 3 and month.lower().startswith(folded)):
            return number
    return 0


PublishedDateField = Annotated[
    PublishedDate,
    PlainValidator(_published_date),
    PlainSerializer(PublishedDate.isoformat, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "description": "A date (2024-03-01), a month (2024-03) or a month and year as "
            'published ("March 2024").',
            "pattern": (
                r"^(\d{4}-\d{1,2}(-\d{1,2})?"
                r"|((\d{1,2})(st|nd|rd|th)? )?[A-Za-z]+\.?,? \d{4})$"
            ),
        }
    ),
]
"""A published date with its precision: a day, or a month and year only."""

SpecialCategory = Literal[
    "racial-or-ethnic-origin",
    "political-opinions",
    "religious-or-philosophical-beliefs",
    "trade-union-membership",
    "genetic",
    "biometric",
    "health",
    "sex-life",
    "sexual-orientation",
]
"""The special categories of UK GDPR Art 9(1)."""

SPECIAL_CATEGORY_NAMES: dict[str, str] = {
    "racial-or-ethnic-origin": "racial or ethnic origin",
    "political-opinions": "political opinions",
    "religious-or-philosophical-beliefs": "religious or philosophical beliefs",
    "trade-union-membership": "trade union membership",
    "genetic": "genetic data",
    "biometric": "biometric data used to identify a person",
    "health": "data concerning health",
    "sex-life": "data concerning sex life",
    "sexual-orientation": "data concerning sexual orientation",
}

ISO_DURATION = re.compile(r"^P(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$")


class Model(BaseModel):
    """Base of every input type: unknown fields are errors; instances are immutable.

    Every object may carry `internal_notes`: comments for the DPO and reviewers
    that no public output (notice, ROPA, graph, exports) ever shows.

    Validators are built on first use (`defer_build`): loading a map uses the
    one `privacymap.usercache` keeps between runs.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    internal_notes: str | None = Field(
        default=None,
        description="Internal notes for the DPO and reviewers: never shown in the notice, "
        "the ROPA, the graph or any export.",
    )
