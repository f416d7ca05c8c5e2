"""Why processing is lawful: purposes, Art 6 bases, Art 9 and Art 10 conditions."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
    StrictInt,
    field_validator,
)

from privacymap import law
from privacymap.model.types import (
    BasisId,
    Citation,
    ConditionId,
    EvidenceId,
    Id,
    Markdown,
    Model,
    Url,
)
from privacymap.model.young import YoungPeopleWording


class Purpose(Model):
    """A purpose of processing, optionally carrying the bases that all its activities share."""

    id: Id
    name: str
    description: Markdown | None = None
    kind: law.PurposeKind | None = Field(
        default=None,
        description="A kind of purpose the law treats specially: `direct-marketing` (right to "
        "object, Art 21(2)-(4)), `research` or `statistics` (right to object, Art 21(6); "
        "safeguards, Art 84B), `archiving` (archiving in the public interest, Art 84B).",
    )
    bases: tuple[BasisId, ...] = ()
    conditions: tuple[ConditionId, ...] = ()
    young_people: YoungPeopleWording | None = Field(
        default=None, description="Its name and description on the young-people page."
    )


class LawfulBasis(Model):
    """An Art 6(1) basis as the controller relies on it."""

    id: Id
    basis: str = Field(
        description="The Art 6(1) basis: an id such as `public-task` or an alias such as `6(1)(e)`."
    )
    law: tuple[Citation, ...] = Field(
        default=(), description="The law relied on; needed for (c) and (e) (Art 6(3))."
    )
    task: Markdown | None = Field(default=None, description="The public task or obligation.")
    interests: Markdown | None = Field(
        default=None, description="The legitimate interests pursued (Art 13(1)(d))."
    )
    assessment: Url | None = Field(
        default=None, description="Link to the legitimate interests assessment."
    )
    annex1: tuple[int | Citation, ...] = Field(
        default=(),
        description="For a recognised legitimate interest (Art 6(1)(ea)): the UK GDPR Annex 1 "
        "condition relied on (Art 6(5)), as paragraph numbers or citations such as "
        "`UK GDPR Annex 1 para 6`.",
    )
    withdrawal: Markdown | None = Field(
        default=None, description="How to withdraw consent (Art 7(3), 13(2)(c))."
    )
    wording: Markdown | None = Field(default=None, description="The wording as published.")

    @field_validator("basis")
    @classmethod
    def _known_basis(cls, value: str) -> str:
        found = law.art6_basis(value)
        if found is None:
            choices = ", ".join(b.id for b in law.art6_bases())
            raise ValueError(f"unknown Art 6(1) basis {value!r}; expected one of: {choices}")
        return found.id


WithoutConsentReason = Literal[
    "cannot-be-given", "cannot-reasonably-be-obtained", "would-prejudice"
]


class WithoutConsent(Model):
    """Why processing under a Sch 1 condition is carried out without the person's consent.

    Paras 17(2), 18(2) and 19(2) list three reasons; paras 9, 12, 16, 20(3)-(4)
    and 21 accept only that the controller cannot reasonably be expected to
    obtain consent (and, except para 12, is not aware of it being withheld).
    """

    reason: WithoutConsentReason = Field(
        description="`cannot-be-given` (the person cannot consent), "
        "`cannot-reasonably-be-obtained` (the controller cannot reasonably be expected to "
        "obtain it), or `would-prejudice` (seeking it would prejudice the protection or service)."
    )
    explanation: Markdown | None = Field(
        default=None, description="The circumstances, for the record and the notice."
    )


class Condition(Model):
    """An Art 9(2) condition for special category data, with its DPA 2018 Sch 1 condition."""

    id: Id
    condition: str = Field(
        description="The Art 9(2) condition: an id such as `substantial-public-interest` or "
        "an alias such as `9(2)(g)`."
    )
    schedule1: tuple[StrictInt | Citation, ...] = Field(
        default=(),
        description="DPA 2018 Schedule 1 paragraphs relied on: numbers, or citations such as "
        "`DPA 2018 Sch 1 para 18`.",
    )
    law: tuple[Citation, ...] = ()
    policy_document: EvidenceId | None = Field(
        default=None, description="Evidence id of the appropriate policy document (Sch 1 para 39)."
    )
    apd_exception: bool = Field(
        default=False,
        description="The processing is a disclosure for which Schedule 1 needs no appropriate "
        "policy document: to a competent authority (para 10(2)) or an anti-doping body "
        "(para 27(3)).",
    )
    without_consent: WithoutConsent | None = Field(
        default=None,
        description="Why the processing is carried out without consent, for the Sch 1 "
        "conditions that require it (paras 9, 12, 16-21).",
    )
    confidentiality: Markdown | None = Field(
        default=None,
        description="For health or social care (Art 9(2)(h)) and public health (9(2)(i)): "
        "the professional, or other person owing a duty of confidentiality, by or under "
        "whose responsibility the data is processed (Art 9(3), DPA 2018 s 11(1); Sch 1 "
        "para 3).",
    )
    wording: Markdown | None = None

    @field_validator("condition")
    @classmethod
    def _known_condition(cls, value: str) -> str:
        found = law.art9_condition(value)
        if found is None:
            choices = ", ".join(c.id for c in law.art9_conditions())
            raise ValueError(f"unknown Art 9(2) condition {value!r}; expected one of: {choices}")
        return found.id


class CriminalOffenceCondition(Model):
    """How Art 10 is met for criminal offence data."""

    id: Id
    route: Literal["official-authority", "schedule1"] = Field(
        description="Under the control of official authority, or authorised by a DPA 2018 "
        "Schedule 1 condition (DPA 2018 s 10(5))."
    )
    law: tuple[Citation, ...] = ()
    schedule1: tuple[StrictInt | Citation, ...] = ()
    policy_document: EvidenceId | None = None
    apd_exception: bool = Field(
        default=False,
        description="A disclosure for which Schedule 1 needs no appropriate policy document "
        "(para 10(2), 27(3)).",
    )
    without_consent: WithoutConsent | None = Field(
        default=None,
        description="Why the processing is carried out without consent (Sch 1 paras 9, 12, 16-21).",
    )
    wording: Markdown | None = None
