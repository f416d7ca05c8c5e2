"""Transfers outside the UK and the mechanisms that make them lawful (Chapter V)."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    ConfigDict,
    Field,
)

from privacymap.model.data import UNKNOWN, CountryOrUnknown
from privacymap.model.types import Markdown, Model, RecipientId, Url

TransferMechanism = Literal[
    "uk-regulations",
    "idta",
    "addendum",
    "binding-corporate-rules",
    "public-body-instrument",
    "code-of-conduct",
    "certification",
    "derogation-explicit-consent",
    "derogation-contract",
    "derogation-contract-in-interest",
    "derogation-public-interest",
    "derogation-legal-claims",
    "derogation-vital-interests",
    "derogation-public-register",
    "compelling-legitimate-interests",
]


class Transfer(Model):
    """A transfer of personal data outside the UK (Art 13(1)(f), 44A–49).

    `mechanism` takes one or more of: `uk-regulations` (UK adequacy regulations, DPA 2018
    s 17A and, since 5 February 2026, Art 45A: "adequacy" in a UK notice means these, not
    an EU adequacy decision), `idta` (the UK International Data Transfer Agreement),
    `addendum` (the UK Addendum to the EU standard contractual clauses),
    `binding-corporate-rules`, other Art 46 safeguards, or an Art 49 derogation. Several
    mechanisms are alternatives ("the IDTA or UK adequacy regulations").
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "recipient": "cloud-hosting",
                    "country": "US",
                    "mechanism": ["uk-regulations", "idta"],
                    "copy_available_at": "https://www.example.gov.uk/privacy/safeguards",
                },
                {
                    "recipient": "survey-tool",
                    "region": "outside the UK",
                    "mechanism": "idta",
                    "copy_how": "Ask our Data Protection Officer for a copy.",
                },
            ]
        }
    )

    recipient: RecipientId
    country: CountryOrUnknown | None = Field(
        default=None, description="The country (ISO code), or `unknown`; or give `region`."
    )
    region: str | None = Field(
        default=None, description="Where, when only a region is known: e.g. `outside the UK`."
    )
    mechanism: TransferMechanism | tuple[TransferMechanism, ...] | None = Field(
        default=None,
        description="The transfer mechanism, or a list of alternatives (see above).",
    )
    safeguard: str | None = None
    copy_available_at: Url | None = Field(
        default=None, description="Where a copy of the safeguards is available (Art 13(1)(f))."
    )
    copy_how: Markdown | None = Field(
        default=None, description="How to get a copy of the safeguards, when not at an address."
    )

    @property
    def mechanisms(self) -> tuple[str, ...]:
        """Every mechanism given (alternatives), in the map's order."""
        if self.mechanism is None:
            return ()
        return (self.mechanism,) if isinstance(self.mechanism, str) else self.mechanism

    @property
    def where(self) -> str:
        """The country code, else the region, else `unknown`."""
        if self.country and self.country != UNKNOWN:
            return self.country
        return self.region or UNKNOWN


class Transfers(Model):
    """Transfers abroad, or an explicit statement that there are none."""

    none: bool = Field(default=False, description="Asserts that no data leaves the UK.")
    statement: Markdown | None = Field(default=None, description="The wording as published.")
    items: tuple[Transfer, ...] = ()
