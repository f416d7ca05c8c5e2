"""The notice itself: title, dates, layered parts, extra sections and its history."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import (
    ConfigDict,
    Field,
)

from privacymap.model.types import Id, Markdown, Model, PublishedDateField, Url
from privacymap.model.young import YoungPeoplePage


class Link(Model):
    """A link shown in the notice. A link published with no address keeps `url` empty."""

    title: str
    url: Url | None = None


class Section(Model):
    """A free-text section of the notice that has no structured home."""

    id: Id
    title: str
    body: Markdown
    after: str | None = Field(
        default=None,
        description="Id of the generated section this one follows (default: at the end).",
    )


LayeredPart = Literal[
    "controller-contact",
    "dpo",
    "joint-controllers",
    "purposes",
    "lawful-bases",
    "recipients",
    "transfers",
    "retention",
    "rights",
    "complaints",
    "automated-decisions",
    "requirement",
]
"""Parts of a notice that a layered (service) notice may leave to another notice."""


class GivenElsewhere(Model):
    """Parts of the notice given in another published notice (a layered notice).

    A short service notice often leaves the DPO, rights and complaints to the
    organisation's corporate notice. The checker treats the parts named here as
    given (when `url` is an https address); the notice links to it in their place.
    Not a waiver: a waiver lets a reviewed gap pass, this says where the text is.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "parts": ["dpo", "rights", "complaints"],
                    "title": "Our corporate privacy notice",
                    "url": "https://www.example.gov.uk/privacy",
                }
            ]
        }
    )

    parts: tuple[LayeredPart, ...] = Field(min_length=1, description="The parts given there.")
    url: Url = Field(description="The https address of the notice that gives them.")
    title: str = Field(
        default="Our corporate privacy notice", description="The link text in the notice."
    )


class Notice(Model):
    """Metadata and framing text of the published notice."""

    title: str
    service: str | None = Field(default=None, description="The service the notice is about.")
    language: str = Field(default="en-GB", description="BCP 47 language tag of the notice.")
    version: str | None = None
    last_updated: PublishedDateField | None = Field(
        default=None,
        description="When the notice was last updated: a date, or the month and year as "
        'published ("March 2024").',
    )
    last_review: PublishedDateField | None = Field(
        default=None,
        description="When the notice was last reviewed (whether or not it changed): a date, "
        "or a month and year.",
    )
    next_review: PublishedDateField | None = Field(
        default=None,
        description="When the notice will next be reviewed: a date, or a month and year.",
    )
    review_owner: str | None = Field(
        default=None, description="Who is responsible for reviewing the notice (a role or team)."
    )
    introduction: Markdown | None = None
    aims: tuple[str, ...] = Field(
        default=(), description="Aims of the service, as distinct from purposes of processing."
    )
    sections: tuple[Section, ...] = ()
    links: tuple[Link, ...] = ()
    child_friendly_version: Link | None = Field(
        default=None,
        description="A version of its own written for children (Art 12(1)); without it, "
        "the build writes notice-young-people.html when children are among the subjects.",
    )
    young_people: YoungPeoplePage | None = Field(
        default=None,
        description="The page for children and young people: the organisation's own words "
        "for it, or `page: false` not to write it.",
    )
    full_notice: Link | None = Field(
        default=None, description="The organisation's main (corporate) privacy notice."
    )
    given_elsewhere: tuple[GivenElsewhere, ...] = Field(
        default=(),
        description="Parts of the notice given in another notice (a layered notice): "
        "each entry names the parts and the https address that gives them.",
    )


class ChangeEntry(Model):
    """One entry of the notice's history: what changed, when, and how people were told.

    `privacymap diff` requires a new entry for every material change (PM620)
    and suggests one; the notice lists the entries under "Changes to this notice".
    """

    date: dt.date = Field(description="The day people were told of the change (ISO 8601).")
    summary: Markdown = Field(description="What changed, in plain words for the public.")
    effective: dt.date | None = Field(
        default=None,
        description="When the change takes effect (default: `date`); for a new use of "
        "data, not before people were told (Art 13(3), 14(4)).",
    )
    told: Markdown | None = Field(
        default=None, description="How people were told, e.g. letters to families registered."
    )
    version: str | None = Field(default=None, description="The notice version it produced.")
