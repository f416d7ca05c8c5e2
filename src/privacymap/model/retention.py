"""How long records are kept, and the security measures that protect them."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
    field_validator,
)

from privacymap.model.types import (
    ISO_DURATION,
    CategoryId,
    Citation,
    Id,
    Markdown,
    Model,
    SubjectId,
    Url,
)

RetentionTrigger = Literal[
    "date-of-birth", "closure", "last-contact", "creation", "death", "order-date", "end-of-year"
]
RetentionKind = Literal["fixed", "maximum", "until-event"]
"""A fixed period, a period that is the most it will be ("up to 7 years"), or until an
event ("until the child's 25th birthday")."""
AuthorityKind = Literal["statute", "policy"]
Disposal = Literal["destroy", "review", "archive", "anonymise", "transfer"]


class Retention(Model):
    """How long one record type is kept (Art 13(2)(a), 30(1)(f))."""

    id: Id
    record: str = Field(description="The record type, e.g. `Registration forms`.")
    description: Markdown | None = None
    categories: tuple[CategoryId, ...] = ()
    kind: RetentionKind = Field(
        default="fixed",
        description="`fixed` (the period), `maximum` (up to the period) or `until-event` "
        "(until the event in `until`).",
    )
    period: str | None = Field(default=None, description="ISO 8601 duration, e.g. `P25Y`.")
    trigger: RetentionTrigger | None = Field(
        default=None, description="The event the period runs from."
    )
    start_event: str | None = Field(
        default=None,
        description="The event the period runs from, in words, when no `trigger` fits, e.g. "
        "`the end of the child's care order`.",
    )
    until: str | None = Field(
        default=None,
        description="For `kind: until-event`: the event, in words, e.g. "
        "`the child's 25th birthday`.",
    )
    subject: SubjectId | None = Field(
        default=None,
        description="Whose birth, death or other event the period runs from or to: a subject "
        "id (e.g. `children`).",
    )
    criteria: Markdown | None = Field(
        default=None,
        description="How the period is decided: the criteria when there is no period, or "
        "why it may be longer or shorter. Always shown in the notice.",
    )
    authority: Citation | None = Field(
        default=None,
        description="The law or policy that sets the period: a citation "
        "(`Limitation Act 1980 s2`), or the policy's name and reference.",
    )
    authority_kind: AuthorityKind = Field(
        default="statute",
        description="`statute` (the authority is a legal citation, checked and linked) or "
        "`policy` (the organisation's own policy or schedule, shown as written).",
    )
    disposal: Disposal | None = None
    security: Markdown | None = None
    location: str | None = None

    @field_validator("period")
    @classmethod
    def _iso_duration(cls, value: str | None) -> str | None:
        if value is not None and not ISO_DURATION.match(value):
            raise ValueError(
                f"{value!r} is not an ISO 8601 duration in years, months, weeks or days "
                "(e.g. P6Y, P18M, P25Y)"
            )
        return value


class RetentionPolicy(Model):
    """The organisation's retention statement and policy document."""

    statement: Markdown | None = None
    document: Url | None = None
    adheres: bool | None = Field(
        default=None, description="Data is retained and erased per the policy (Sch 1 para 41)."
    )
    reasons: Markdown | None = Field(default=None, description="Why not, where it does not.")
    overseen_by: str | None = None


class SecurityMeasure(Model):
    """A technical or organisational security measure (Art 30(1)(g))."""

    id: Id
    description: Markdown
