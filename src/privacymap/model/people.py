"""Who is responsible and how to reach them: controller, joint controllers, contacts."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    ConfigDict,
    Field,
)

from privacymap.model.types import ActivityId, Id, Markdown, Model, Url

ContactRole = Literal[
    "further-information", "complaints", "rights-requests", "data-protection", "other"
]


class Contact(Model):
    """A person, team or mailbox the public can contact.

    One contact may serve several roles (`role: [rights-requests, complaints]`).
    A web page or form (`url`) is a means of contact as good as an e-mail address.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "information-governance",
                    "role": ["rights-requests", "complaints"],
                    "team": "Information Governance Team",
                    "url": "https://www.example.gov.uk/contact/data-protection",
                }
            ]
        }
    )

    id: Id | None = None
    role: ContactRole | tuple[ContactRole, ...] = Field(
        default="other",
        description="What people contact it for: one role or a list of roles "
        "(`further-information`, `complaints`, `rights-requests`, `data-protection`, `other`).",
    )
    name: str | None = Field(default=None, description="Person's name or role.")
    team: str | None = None
    organisation: str | None = None
    address: str | None = None
    email: str | None = None
    telephone: str | None = None
    url: Url | None = Field(
        default=None, description="A web page or online form for contacting them."
    )
    notes: Markdown | None = None

    @property
    def roles(self) -> tuple[ContactRole, ...]:
        """Every role the contact serves."""
        return (self.role,) if isinstance(self.role, str) else self.role


class Controller(Model):
    """The data controller (Art 13(1)(a) / 14(1)(a))."""

    name: str
    public_authority: bool = Field(
        description="A public authority under DPA 2018 s 7 (must appoint a DPO; cannot rely on "
        "legitimate interests for its tasks)."
    )
    address: str | None = None
    email: str | None = None
    telephone: str | None = None
    website: Url | None = None
    contact_form: Url | None = Field(
        default=None,
        description="An online form for contacting the controller: a means of contact "
        "(Art 13(1)(a)) as good as an e-mail address.",
    )
    ico_registration: str | None = Field(default=None, description="ICO registration number.")
    logo: str | None = Field(
        default=None, description="Path (relative to the data map) of a logo shown on the notice."
    )
    representative: Contact | None = None


class JointController(Model):
    """Another controller that decides the purposes and means jointly with the controller
    (Art 26): named, with its contact details (Art 13(1)(a)) and the activities it is
    joint for."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "example-nhs-trust",
                    "name": "Example NHS Foundation Trust",
                    "email": "information.governance@example.nhs.uk",
                    "address": "Example Hospital, Exampletown, EX2 2BB",
                    "dpo": {"name": "Data Protection Officer", "email": "dpo@example.nhs.uk"},
                    "activities": ["referrals"],
                    "responsibilities": "Answers requests about its own health records.",
                }
            ]
        }
    )

    id: Id
    name: str
    kind: Literal["organisation", "category"] = Field(
        default="organisation",
        description="A named organisation, or a category of them (e.g. `The local authority "
        "your request is about`), which has no contact details of its own here.",
    )
    description: Markdown | None = None
    address: str | None = None
    email: str | None = None
    telephone: str | None = None
    website: Url | None = None
    contact_form: Url | None = Field(
        default=None, description="An online form for contacting it (a means of contact)."
    )
    dpo: Contact | None = Field(default=None, description="Its data protection officer.")
    activities: tuple[ActivityId, ...] = Field(
        default=(), description="The activities it is joint controller for (default: all)."
    )
    responsibilities: Markdown | None = Field(
        default=None,
        description="What it is responsible for under the arrangement (Art 26(1)).",
    )


class JointArrangement(Model):
    """The essence of the joint controllers' arrangement, made available to people (Art 26(2))."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "essence": "Both councils decide together how the service uses your "
                    "information. Each answers requests about the records it holds.",
                    "requests": "Send requests to either council; we pass them on.",
                    "notice": "Example Council publishes this notice for both councils.",
                    "document": "https://www.example.gov.uk/joint-arrangement",
                }
            ]
        }
    )

    essence: Markdown | None = Field(
        default=None, description="The essence of the arrangement, as published (Art 26(2))."
    )
    requests: Markdown | None = Field(
        default=None, description="Who answers people's requests to use their rights (Art 26(1))."
    )
    notice: Markdown | None = Field(
        default=None, description="Who publishes the notice for the joint controllers."
    )
    document: Url | None = Field(
        default=None, description="Link to the arrangement or its summary."
    )
