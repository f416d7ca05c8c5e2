"""Complaints, the rights as the notice states them, and how to ask for them."""

from __future__ import annotations

from pydantic import (
    ConfigDict,
    Field,
    field_validator,
)

from privacymap import law
from privacymap.model.types import ContactId, Markdown, Model, Url


class Complaints(Model):
    """How to complain about the controller's use of personal data.

    To the controller first: since 19 June 2026 controllers must facilitate complaints
    and acknowledge them within 30 days (DPA 2018 ss 164A-164B, inserted by DUAA 2025
    s 103). Then to the Information Commissioner (UK GDPR Art 77, Art 13(2)(d)); and the
    right to go to court (Art 79).
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "contacts": ["information-governance"],
                    "form": "https://www.example.gov.uk/complaints",
                    "acknowledgement": "We acknowledge every complaint within 30 days.",
                    "court": "You can also ask a court to enforce your rights.",
                }
            ]
        }
    )

    contacts: tuple[ContactId, ...] = Field(
        default=(),
        description="Contact ids that take complaints (default: contacts with role `complaints`).",
    )
    form: Url | None = Field(default=None, description="An online complaint form.")
    how: Markdown | None = Field(default=None, description="How to complain, as published.")
    acknowledgement: Markdown | None = Field(
        default=None, description="What the notice says about acknowledging complaints."
    )
    regulator: Markdown | None = Field(
        default=None,
        description="The right to complain to the Information Commissioner (Art 77), as "
        "published; the ICO's contact details come from `supervisory_authority`.",
    )
    court: Markdown | None = Field(
        default=None,
        description="The right to an effective judicial remedy (Art 79), as published.",
    )

    @property
    def route(self) -> bool:
        """A way to complain to the controller is given (form, text or contacts)."""
        return bool(self.contacts or self.form or (self.how and self.how.strip()))


# --------------------------------------------------------------------------- rights


class RightEntry(Model):
    """A right as the notice states it; which rights apply is derived from the bases."""

    right: str = Field(description="Right id, e.g. `access`, `object`, `portability`.")
    wording: Markdown | None = Field(default=None, description="The wording as published.")
    how: Markdown | None = Field(default=None, description="How to exercise it.")
    young_people: str | None = Field(
        default=None,
        description="What the right lets a young person do, on the young-people page "
        "(in place of privacymap's sentence).",
    )

    @field_validator("right")
    @classmethod
    def _known_right(cls, value: str) -> str:
        if law.right(value) is None:
            choices = ", ".join(r.id for r in law.rights())
            raise ValueError(f"unknown right {value!r}; expected one of: {choices}")
        return value


class RightsRequests(Model):
    """How to make a rights request."""

    contact: ContactId | None = Field(default=None, description="Contact id that handles requests.")
    how: Markdown | None = None
    identity: Markdown | None = Field(default=None, description="What proof of identity is asked.")


class RequirementToProvide(Model):
    """Art 13(2)(e): whether providing the data is required, and the consequences."""

    statutory: bool | None = None
    contractual: bool | None = None
    obliged: bool | None = Field(
        default=None, description="Whether people are obliged to provide the data."
    )
    statement: Markdown | None = None
    consequences: Markdown | None = Field(
        default=None, description="The possible consequences of not providing the data."
    )
